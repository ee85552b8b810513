import Foundation
import XiangxingCore

/// summary.json: the contract's headline figures.
public struct PlanSummary: Codable, Sendable, Equatable {
    public var scheduled: Int
    public var unscheduled: Int
    public var travel_km: Double
    public var hard_violations: Int
    public var solve_seconds: Double
    public init(scheduled: Int, unscheduled: Int, travelKm: Double, hardViolations: Int, solveSeconds: Double) {
        self.scheduled = scheduled; self.unscheduled = unscheduled; self.travel_km = travelKm
        self.hard_violations = hardViolations; self.solve_seconds = solveSeconds
    }
}

/// The plan folder of SCENARIO.md: plan.csv, assignments.csv,
/// unscheduled.csv, summary.json.
public enum PlanFolder {
    static let planColumns = ["session", "type", "kind", "county", "venue", "dates", "trainers", "ref", "team", "attendees"]

    /// Reads a plan folder; every problem in it is reported, located.
    public static func read(_ folder: URL) -> Result<(Plan, PlanSummary?), InputProblems> {
        var problems: [InputProblem] = []
        func table(_ name: String, _ columns: [Column], optional: Bool) -> Table? {
            let url = folder.appendingPathComponent(name)
            if optional && !FileManager.default.fileExists(atPath: url.path) { return nil }
            switch TextFile.read(url, name: name) {
            case .failure(let p): problems.append(p); return nil
            case .success(let (text, _)): return Table(file: name, text: text, columns: columns, problems: &problems)
            }
        }
        var sessions: [Session] = []
        if let t = table("plan.csv", planColumns.map { Column($0, [], required: $0 != "team") }, optional: false) {
            var f = FieldReader(t)
            for r in t.records {
                guard let id = f.text(r, "session") else { continue }
                let typeText = t.value(r, "type")
                let type = SessionType(rawValue: typeText)
                if type == nil {
                    f.add(r, "type", "“\(typeText)”不是 class 或 stop", "\"\(typeText)\" is not class or stop",
                          fix: "填写 class 或 stop", "write class or stop")
                }
                var dates: [Day] = []
                for d in splitList(t.value(r, "dates")) {
                    if let day = Day(iso: d) { dates.append(day) } else {
                        f.add(r, "dates", "“\(d)”不是有效日期", "\"\(d)\" is not a valid date",
                              fix: "日期写成 YYYY-MM-DD，用 ; 分隔", "write YYYY-MM-DD dates separated by ;")
                    }
                }
                let teamText = t.value(r, "team")
                let team = teamText.isEmpty ? nil : f.integer(r, "team", min: 1)
                let attendees = f.integer(r, "attendees", min: 0)
                guard let type, let attendees else { continue }
                sessions.append(Session(id: id, type: type, kind: t.value(r, "kind"), county: t.value(r, "county"),
                                        venue: t.value(r, "venue"), dates: dates, trainers: splitList(t.value(r, "trainers")),
                                        ref: t.value(r, "ref"), team: team, attendees: attendees))
            }
            problems += f.problems
        }
        var assignments: [String: [String]]?
        if let t = table("assignments.csv", [Column("session", []), Column("id_number", [])], optional: true) {
            var a: [String: [String]] = [:]
            for r in t.records { a[t.value(r, "session"), default: []].append(t.value(r, "id_number").uppercased()) }
            assignments = a
        }
        var unscheduled: [UnscheduledItem] = []
        if let t = table("unscheduled.csv", ["ref", "type", "county", "kind", "reason"].map { Column($0, []) }, optional: true) {
            for r in t.records {
                unscheduled.append(UnscheduledItem(ref: t.value(r, "ref"), type: SessionType(rawValue: t.value(r, "type")) ?? .trainingClass,
                                                   county: t.value(r, "county"), kind: t.value(r, "kind"), reason: t.value(r, "reason")))
            }
        }
        var summary: PlanSummary?
        let summaryURL = folder.appendingPathComponent("summary.json")
        if let data = FileManager.default.contents(atPath: summaryURL.path) {
            do { summary = try JSONDecoder().decode(PlanSummary.self, from: data) } catch {
                problems.append(InputProblem(file: "summary.json", line: nil, field: "",
                                             problem: Bilingual(zh: "不是合同规定的 JSON（\(error)）", en: "is not the contract's JSON (\(error))"),
                                             remedy: Bilingual(zh: "至少包含 scheduled, unscheduled, travel_km, hard_violations, solve_seconds",
                                                               en: "give at least scheduled, unscheduled, travel_km, hard_violations, solve_seconds")))
            }
        } else {
            problems.append(InputProblem(file: "summary.json", line: nil, field: "",
                                         problem: Bilingual(zh: "文件不存在", en: "the file does not exist"),
                                         remedy: Bilingual(zh: "计划文件夹应包含 summary.json", en: "a plan folder holds summary.json")))
        }
        guard problems.isEmpty else { return .failure(InputProblems(problems)) }
        return .success((Plan(sessions: sessions, assignments: assignments, unscheduled: unscheduled), summary))
    }

    /// Writes the whole folder at once: the files go into a new folder
    /// beside it, which then takes the old one's place in one atomic step,
    /// so a reader sees the old plan or the new one, never a mixture, a
    /// half-written file or no folder. Rows in a stable order: the same
    /// plan gives byte-identical files. Refuses (with `OutputFolderProblem`)
    /// a folder it must not replace: see `OutputFolder.prepare`.
    public static func write(_ plan: Plan, summary: PlanSummary, to folder: URL, withAssignments: Bool,
                             extraFiles: [(name: String, text: String)] = [], protecting: [URL] = []) throws {
        let out = try OutputFolder.prepare(folder, kind: .plan, protecting: protecting)
        try fill(out, plan, summary: summary, withAssignments: withAssignments, extraFiles: extraFiles)
        try out.commit()
    }

    /// Writes the plan's files into a prepared folder (not yet swapped in).
    /// Files with resident IDs or names (assignments.csv, waitlist.csv and
    /// the other extra files) are created 0600.
    public static func fill(_ out: OutputFolder, _ plan: Plan, summary: PlanSummary, withAssignments: Bool,
                            extraFiles: [(name: String, text: String)] = []) throws {
        let rows = plan.sessions.sorted { $0.id < $1.id }.map { s in
            [s.id, s.type.rawValue, s.kind, s.county, s.venue, s.dates.map(\.iso).joined(separator: ";"),
             s.trainers.joined(separator: ";"), s.ref, s.team.map(String.init) ?? "", String(s.attendees)]
        }
        try out.write("plan.csv", CSV.render(header: planColumns, rows: rows), personal: false)
        if withAssignments {
            var a: [[String]] = []
            for s in plan.sessions.sorted(by: { $0.id < $1.id }) {
                for id in plan.assignments?[s.id] ?? [] { a.append([s.id, id]) }
            }
            try out.write("assignments.csv", CSV.render(header: ["session", "id_number"], rows: a), personal: true)
        }
        let u = plan.unscheduled.map { [$0.ref, $0.type.rawValue, $0.county, $0.kind, $0.reason] }
        try out.write("unscheduled.csv", CSV.render(header: ["ref", "type", "county", "kind", "reason"], rows: u), personal: false)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try out.write("summary.json", String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n", personal: false)
        for f in extraFiles { try out.write(f.name, f.text, personal: true) }
    }
}
