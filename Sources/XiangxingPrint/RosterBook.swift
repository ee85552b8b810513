import Foundation
import Synchronization
import XiangxingCore
import XiangxingIO
import XiangxingNames

/// The files a sign-in sheet can be printed as.
public enum RosterFormat: String, CaseIterable, Sendable {
    case pdf, csv, xlsx
}

/// File names from data: no path separators or control characters.
public enum FileName {
    public static func safe(_ text: String) -> String {
        let cleaned = String(text.unicodeScalars.map { scalar -> Character in
            "/\\:*?\"<>|".unicodeScalars.contains(scalar) || scalar.value < 0x20 ? "_" : Character(scalar)
        })
        return cleaned.hasPrefix(".") ? "_" + cleaned.dropFirst() : cleaned
    }
}

/// The sign-in sheets of a plan: who sits in which class, in print order,
/// and each class's number within its county and kind.
public struct RosterBook {
    public let scenario: Scenario
    public let plan: Plan
    public let sorter: NameSorter
    public let titles: RosterTitles
    public let unmasked: Bool
    public let printed: PrintedFrom?
    public let blankRows: Int
    /// Resident ID → enrolments (one per kind at most).
    private let enrolments: [String: [Attendee]]
    private let assignments: [String: [String]]

    public init(scenario: Scenario, plan: Plan, order: NameOrder, titles: RosterTitles = RosterTitles(), unmasked: Bool,
         printed: PrintedFrom? = nil, blankRows: Int = 0) throws {
        // Without attendees.csv nobody is assigned: the sheets still print
        // (header and blank rows). With it, assignments.csv must be there.
        if plan.assignments == nil, scenario.attendees != nil { throw RosterProblem.noAssignments(scenarioHasAttendees: true) }
        self.scenario = scenario; self.plan = plan; self.titles = titles; self.unmasked = unmasked
        self.printed = printed; self.blankRows = blankRows
        self.assignments = plan.assignments ?? [:]
        sorter = NameSorter(order: order)
        var enrolments: [String: [Attendee]] = [:]
        for a in scenario.attendees ?? [] { enrolments[a.idNumber, default: []].append(a) }
        self.enrolments = enrolments
    }

    /// The county's training classes in date order.
    public func sessions(in county: String) -> [Session] {
        plan.sessions.filter { $0.type == .trainingClass && $0.county == county }
            .sorted { ($0.dates.first ?? Day(ordinal: 0), $0.id) < ($1.dates.first ?? Day(ordinal: 0), $1.id) }
    }

    /// 期次: the county's classes of one kind numbered by first date (ties by
    /// session id), 1 for the earliest.
    public func classNumbers(in county: String) -> [String: Int] {
        var next: [String: Int] = [:], numbers: [String: Int] = [:]
        for session in sessions(in: county) {
            next[session.kind, default: 0] += 1
            numbers[session.id] = next[session.kind]
        }
        return numbers
    }

    /// One sheet per class of the county, in date order.
    public func rosters(of county: County) throws -> [RosterInput] {
        let numbers = classNumbers(in: county.code)
        let kinds = Dictionary(scenario.kinds.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var missing: [(session: String, id: String)] = []
        var sheets: [RosterInput] = []
        for session in sessions(in: county.code) {
            var people: [Attendee] = []
            for id in assignments[session.id] ?? [] {
                if let person = enrolments[id]?.first(where: { $0.kind == session.kind && $0.county == session.county }) {
                    people.append(person)
                } else {
                    missing.append((session.id, id))
                }
            }
            let sorted = sorter.sorted(people, name: \.name, pinyin: \.pinyin)
            let year = session.dates.first.map { "\($0.year)年" } ?? ""
            let headline = titles.title(of: session.kind) ?? "\(county.name)\(year)\(kinds[session.kind] ?? session.kind)学员签到表"
            sheets.append(RosterInput(session: session, scenario: scenario, attendees: sorted,
                                      classNumber: numbers[session.id] ?? 0, title: headline, unmasked: unmasked,
                                      printed: printed, blankRows: blankRows))
        }
        guard missing.isEmpty else { throw RosterProblem.unknownAttendees(missing) }
        return sheets
    }
}

/// `--title KIND=TITLE`: a headline for one course kind's sheets only.
public struct RosterTitles: Sendable {
    /// Kind code → headline.
    private(set) var byKind: [String: String] = [:]

    public init() {}

    /// Each value is `KIND=TITLE` with KIND a kind's code or name; a value
    /// without a known kind before `=` is a title for the only kind of the
    /// plan's classes, and an error when there are several.
    public init(_ values: [String], scenario: Scenario, plan: Plan) throws {
        let planned = Set(plan.sessions.filter { $0.type == .trainingClass }.map(\.kind))
        for value in values {
            if let eq = value.firstIndex(of: "="),
               let kind = scenario.kinds.first(where: { $0.code == value[..<eq].trimmingCharacters(in: .whitespaces)
                                                       || $0.name == value[..<eq].trimmingCharacters(in: .whitespaces) }) {
                byKind[kind.code] = String(value[value.index(after: eq)...])
            } else if planned.count == 1, let only = planned.first {
                byKind[only] = value
            } else {
                throw RosterProblem.titleWithoutKind(value, kinds: scenario.kinds.filter { planned.contains($0.code) })
            }
        }
    }

    public func title(of kind: String) -> String? { byKind[kind] }
}

/// What stops a roster, with what to do about it.
public enum RosterProblem: Error, Sendable {
    case noAssignments(scenarioHasAttendees: Bool)
    /// `--title` without a kind while the sheets are of several kinds.
    case titleWithoutKind(String, kinds: [Kind])
    /// Assigned resident IDs with no enrolment of the class's county and kind.
    case unknownAttendees([(session: String, id: String)])

    public func message(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .noAssignments(let hasAttendees):
            if hasAttendees {
                return zh ? "计划文件夹中没有 assignments.csv，不知道每期有哪些学员。请用 xiangxing plan 重新排课（会写出 assignments.csv）。"
                          : "The plan folder has no assignments.csv, so who sits in which class is unknown. Run `xiangxing plan` again (it writes assignments.csv)."
            }
            return zh ? "计划文件夹中没有 assignments.csv：场景没有 attendees.csv，排课时没有分配学员。请在场景中加入 attendees.csv 后重新运行 xiangxing plan。"
                      : "The plan folder has no assignments.csv: the scenario has no attendees.csv, so no one was assigned. Add attendees.csv to the scenario and run `xiangxing plan` again."
        case .titleWithoutKind(let value, let kinds):
            let list = kinds.map { "  \($0.code)  \($0.name)" }.joined(separator: "\n")
            return zh ? "--title “\(value)”：未指明课程类别，而签到表有多种课程类别。请写成 --title 类别=标题，类别为代码或名称：\n\(list)"
                      : "--title \"\(value)\": no course kind given, and the sheets are of several kinds. Write --title KIND=TITLE, KIND a code or name:\n\(list)"
        case .unknownAttendees(let list):
            var lines = list.prefix(10).map { item in
                zh ? "assignments.csv：场次 \(item.session) 的学员 \(ResidentID.masked(item.id)) 不在 attendees.csv 中（本县区、本课程类别）"
                   : "assignments.csv: session \(item.session): attendee \(ResidentID.masked(item.id)) is not in attendees.csv for its county and kind"
            }
            if list.count > 10 { lines.append(zh ? "……共 \(list.count) 人" : "… \(list.count) in all") }
            lines.append(zh ? "计划与场景不一致，未写出任何文件。请用 xiangxing check 检查，或重新排课。"
                            : "The plan does not match the scenario; nothing was written. Run `xiangxing check`, or plan again.")
            return lines.joined(separator: "\n")
        }
    }
}

/// Writing the sheets in the chosen format; returns the files written.
public enum RosterFiles {
    /// One county's sheets and the folder they go to.
    public struct Job: Sendable {
        public let county: County
        public let inputs: [RosterInput]
        public let folder: URL
        public init(county: County, inputs: [RosterInput], folder: URL) { self.county = county; self.inputs = inputs; self.folder = folder }
    }

    /// Writes the counties side by side (each on its own thread with its own
    /// Cairo surface and Pango layout; the machine's cores share the work),
    /// then reports the first error in county order, if any.
    public static func write(_ jobs: [Job], format: RosterFormat) throws -> [URL] {
        let results = Mutex<[Int: Result<[URL], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[i]
            let result = Result {
                try FileManager.default.createDirectory(at: job.folder, withIntermediateDirectories: true)
                return try write(job.inputs, county: job.county, format: format, to: job.folder)
            }
            results.withLock { $0[i] = result }
        }
        let all = results.withLock { $0 }
        return try jobs.indices.flatMap { try all[$0]!.get() }
    }

    public static func write(_ inputs: [RosterInput], county: County, format: RosterFormat, to folder: URL) throws -> [URL] {
        switch format {
        case .pdf:
            let url = folder.appendingPathComponent(pdfName(county))
            try RosterPDF.write(inputs, to: url)
            return [url]
        case .csv:
            return try inputs.map { input in
                let url = folder.appendingPathComponent(csvName(county, input))
                try RosterCSV.write(input, to: url)
                return url
            }
        case .xlsx:
            return try inputs.map { input in
                let url = folder.appendingPathComponent(String(csvName(county, input).dropLast(4)) + ".xlsx")
                try RosterCSV.writeXLSX(input, to: url)
                return url
            }
        }
    }

    /// 签到表-唐河县.pdf
    public static func pdfName(_ county: County) -> String { FileName.safe("签到表-\(county.name)") + ".pdf" }

    /// 签到表-唐河县-创业意识培训-第1期-D07-1.csv
    public static func csvName(_ county: County, _ input: RosterInput) -> String {
        FileName.safe("签到表-\(county.name)-\(input.kindName)-第\(input.classNumber)期-\(input.sessionID)") + ".csv"
    }
}
