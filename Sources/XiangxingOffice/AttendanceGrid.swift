import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// Attendance of one class day (or stop day) as a county clerk enters it:
/// the class's people, blank until the clerk ticks who came; saving replaces
/// that day's records only. A filled-in sign-in sheet can be uploaded
/// instead (the CLI's `attendance import`), refused whole on any problem.
public enum AttendanceGrid {
    public struct Row: Sendable {
        public var person: CountyDesk.Person
        /// As stored; false when nothing is recorded yet.
        public var present: Bool
    }

    /// The grid of `session` on `day`.
    public struct Grid: Sendable {
        public var page: CountyDesk.ClassPage
        public var day: Day
        public var rows: [Row]
        /// Whether the day has records already.
        public var recorded: Bool
        /// A stop's day: the mentees recorded (nil: none yet), and those planned.
        public var mentees: Int?
    }

    public static func grid(_ office: OfficeStore, county code: String, session: String, day: Day) throws -> Grid {
        let c = try CountyDesk.context(office, county: code)
        let page = try CountyDesk.classPage(c, session: session)
        guard page.session.dates.contains(day) else { throw CountyNotFound("day") }
        let stored = try office.attempt { try c.store.attendanceDay(session: session, day: day) }
        let rows = page.people.map { Row(person: $0, present: stored.present[$0.idNumber] ?? false) }
        return Grid(page: page, day: day, rows: rows, recorded: stored.isRecorded, mentees: stored.mentees)
    }

    /// Saves who came to class `session` on `day` (`present`: the people's
    /// keys as the grid gives them); everyone else seated in it is absent.
    public static func saveClassDay(_ office: OfficeStore, county code: String, session: String, day: Day,
                                    present keys: Set<Int>) throws -> StoreEvent {
        let c = try CountyDesk.context(office, county: code)
        let page = try CountyDesk.classPage(c, session: session)
        guard page.session.type == .trainingClass, page.session.dates.contains(day) else { throw CountyNotFound("day") }
        let known = Set(page.people.map(\.key))
        guard keys.isSubset(of: known) else { throw CountyNotFound("person") }
        let ids = Set(page.people.filter { keys.contains($0.key) }.map(\.idNumber))
        return try office.attempt {
            try c.store.recordClassDay(session: session, day: day, present: ids, version: page.version, by: office.who)
        }
    }

    /// Saves a stop day's number of mentees.
    public static func saveStopDay(_ office: OfficeStore, county code: String, session: String, day: Day, mentees: Int) throws -> StoreEvent {
        let c = try CountyDesk.context(office, county: code)
        let page = try CountyDesk.classPage(c, session: session)
        guard page.session.type == .tourStop, page.session.dates.contains(day) else { throw CountyNotFound("day") }
        guard (0...10_000).contains(mentees) else {
            throw OfficeError(problems: [InputProblem(file: "出勤表", line: nil, field: "帮扶人次",
                problem: Bilingual(zh: "帮扶人次应为 0 到 10000 之间的整数", en: "mentees must be a whole number from 0 to 10000"),
                remedy: Bilingual(zh: "填写当天实际帮扶的人数", en: "enter the number of people mentored that day"))])
        }
        return try office.attempt {
            try c.store.recordStopDay(session: session, day: day, mentees: mentees, version: page.version, by: office.who)
        }
    }

    /// Imports filled-in sign-in sheets (or attendance tables) of the
    /// county's own classes and stops: a row naming another county's
    /// session is refused at its line, and any problem stores nothing.
    public static func importSheets(_ office: OfficeStore, county code: String, files: [(path: String, name: String)]) throws -> AttendanceDesk.Imported {
        let c = try CountyDesk.context(office, county: code)
        return try PrivateFolder.using { folder in
            var urls: [URL] = []
            for (i, f) in files.enumerated() {
                let sub = folder.appendingPathComponent(String(i))
                try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: false)
                let named = sub.appendingPathComponent(FileNameText.plain(f.name))
                try FileManager.default.copyItem(atPath: f.path, toPath: named.path)
                urls.append(named)
            }
            let ours = c.version.plan.sessions.filter { $0.county == code }
            let attendees = c.index.scenario.attendees
            // Checked against the county's sessions only: a session of another
            // county is "not in the plan" for this clerk, at its line.
            let scoped = Plan(sessions: ours, assignments: c.version.plan.assignments, unscheduled: [])
            if case .failure(let all) = ProgrammeReading.attendance(files: urls, plan: scoped, attendees: attendees) {
                throw OfficeError(lines: all.problems.map { $0.message(office.language) } + [
                    office.language == .zh ? "共 \(all.problems.count) 处问题，没有存入任何记录。改正后重新上传全部文件。"
                                           : "\(all.problems.count) problem(s): no record was stored. Correct them and upload all the files again."
                ])
            }
            return try AttendanceDesk.importFiles(urls.map(\.path), version: c.version.info.number, into: office)
        }
    }
}
