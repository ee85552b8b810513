import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// Attendance as the counties send it in and as the office chases it.
public enum AttendanceDesk {
    /// Records stored against a plan version.
    public struct Imported: Sendable {
        public var done: AttendanceImport
        public var version: StoredVersion
        public var index: ScenarioIndex
    }

    /// Stores the records of `files` (CSV or .xlsx: the long table, the
    /// mentoring table, filled-in sign-in sheets), checked whole against plan
    /// `version` (the latest for nil): any problem and nothing is stored.
    public static func importFiles(_ files: [String], version: Int?, into office: OfficeStore) throws -> Imported {
        let zh = office.language == .zh
        let db = try office.open()
        let v = try office.version(db, version)
        let result = try office.attempt { try db.importAttendance(files: files.map { URL(fileURLWithPath: $0) }, version: v.info.number, by: office.who) }
        switch result {
        case .failure(let all):
            throw OfficeError(lines: all.problems.map { $0.message(office.language) } + [
                zh ? "共 \(all.problems.count) 处问题，没有存入任何记录，数据库未做改动。改正后把全部文件重新导入。"
                   : "\(all.problems.count) problem(s): no record was stored, the store is unchanged. Correct them and import all the files again."
            ])
        case .success(let done):
            let index = try office.scenario(db).0
            return Imported(done: done, version: v, index: index)
        }
    }

    /// The classes and stops held by a day and not yet recorded, and the
    /// sessions changed after their records were taken.
    public struct Owed: Sendable {
        public var index: ScenarioIndex
        public var version: StoredVersion
        /// The county asked for (its code), nil for all.
        public var county: String?
        public var through: Day
        /// Held and not recorded, in plan order.
        public var owed: [Session]
        /// Sessions moved or dropped since their records: id, the session as held, as planned now (nil: dropped).
        public var changed: [(id: String, held: Session, now: Session?)]
    }

    public static func owed(in office: OfficeStore, county: String?, through lastDay: Day, version: Int?, notice: Notice) throws -> Owed {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let v = try office.version(db, version)
        let only = try county.map { try OfficeNames.county($0, in: index, office.language, notice: notice).code }
        let programme = try office.attempt { try db.programme(forVersion: v.info.number) }
        let recorded = Set(programme.records.training.map(\.session)).union(programme.records.mentoring.map(\.session))
        let owed = AttendanceCheck.owed(v.plan, recorded: recorded, through: lastDay)
        let current = Dictionary(v.plan.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let changed = programme.heldAs.sorted { $0.key < $1.key }.filter { id, held in
            only == nil || held.county == only || current[id]?.county == only
        }.map { (id: $0.key, held: $0.value, now: current[$0.key]) }
        return Owed(index: index, version: v, county: only, through: lastDay, owed: owed, changed: changed)
    }
}

/// How a session is named to the office: course, class number, dates, venue.
public struct SessionWords: Sendable {
    public let index: ScenarioIndex
    public let lang: Language
    /// 期次 per class id (the roster's numbering), when a plan is given.
    public let numbers: [String: Int]

    public init(_ index: ScenarioIndex, _ lang: Language, plan: Plan? = nil) {
        self.index = index; self.lang = lang
        var next: [String: Int] = [:], numbers: [String: Int] = [:]
        let classes = (plan?.sessions ?? []).filter { $0.type == .trainingClass }
            .sorted { ($0.dates.first ?? Day(ordinal: 0), $0.id) < ($1.dates.first ?? Day(ordinal: 0), $1.id) }
        for s in classes {
            let key = s.county + "/" + s.kind
            next[key, default: 0] += 1
            numbers[s.id] = next[key]
        }
        self.numbers = numbers
    }

    public func course(_ s: Session) -> String {
        if s.type == .tourStop {
            let tour = index.tours[s.ref]?.name ?? s.ref
            return lang == .zh ? "\(tour)站点" : "\(tour) stop"
        }
        let kind = index.kinds[s.kind]?.name ?? s.kind
        guard let n = numbers[s.id] else { return kind }
        return lang == .zh ? "\(kind)第\(n)期" : "\(kind) class \(n)"
    }

    public func dates(_ s: Session) -> String {
        guard let first = s.dates.first, let last = s.dates.last else { return "" }
        return first == last ? first.iso : (lang == .zh ? "\(first.iso) 至 \(last.iso)" : "\(first.iso) to \(last.iso)")
    }

    public func venue(_ s: Session) -> String { index.venues[s.venue]?.name ?? s.venue }

    public func county(_ s: Session) -> String { index.counties[s.county]?.name ?? s.county }

    public func describe(_ s: Session) -> String { "\(county(s)) \(course(s)) \(dates(s))" }

    public func placeAndDates(_ s: Session) -> String { "\(county(s)) \(dates(s)) \(venue(s))" }

    public func line(_ s: Session) -> String { "\(s.id)  \(course(s))  \(dates(s))  \(venue(s))" }
}
