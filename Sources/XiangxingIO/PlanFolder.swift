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
    /// beside it, which then takes the old one's place, so a reader sees
    /// the old plan or the new one, never a mixture or a half-written file.
    /// Rows in a stable order: the same plan gives byte-identical files.
    public static func write(_ plan: Plan, summary: PlanSummary, to folder: URL, withAssignments: Bool,
                             extraFiles: [(name: String, text: String)] = []) throws {
        let rows = plan.sessions.sorted { $0.id < $1.id }.map { s in
            [s.id, s.type.rawValue, s.kind, s.county, s.venue, s.dates.map(\.iso).joined(separator: ";"),
             s.trainers.joined(separator: ";"), s.ref, s.team.map(String.init) ?? "", String(s.attendees)]
        }
        var files: [(String, String)] = [("plan.csv", CSV.render(header: planColumns, rows: rows))]
        if withAssignments {
            var a: [[String]] = []
            for s in plan.sessions.sorted(by: { $0.id < $1.id }) {
                for id in plan.assignments?[s.id] ?? [] { a.append([s.id, id]) }
            }
            files.append(("assignments.csv", CSV.render(header: ["session", "id_number"], rows: a)))
        }
        let u = plan.unscheduled.map { [$0.ref, $0.type.rawValue, $0.county, $0.kind, $0.reason] }
        files.append(("unscheduled.csv", CSV.render(header: ["ref", "type", "county", "kind", "reason"], rows: u)))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        files.append(("summary.json", String(decoding: try encoder.encode(summary), as: UTF8.self) + "\n"))
        files += extraFiles.map { ($0.name, $0.text) }
        try FolderSwap.replace(folder) { staging in
            for (name, text) in files {
                guard FileManager.default.createFile(atPath: staging.appendingPathComponent(name).path, contents: Data(text.utf8)) else {
                    throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: staging.appendingPathComponent(name).path])
                }
            }
        }
    }
}

/// Replaces a whole output folder: fill a staging folder beside it, then
/// swap it in with renames. On any error the staging folder is removed and
/// the old folder is untouched.
public enum FolderSwap {
    public static func replace(_ folder: URL, fill: (URL) throws -> Void) throws {
        let fm = FileManager.default
        let parent = folder.standardizedFileURL.deletingLastPathComponent()
        try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        let stamp = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let staging = parent.appendingPathComponent(".\(folder.lastPathComponent).new-\(stamp)")
        let retired = parent.appendingPathComponent(".\(folder.lastPathComponent).old-\(stamp)")
        try fm.createDirectory(at: staging, withIntermediateDirectories: false)
        do {
            try fill(staging)
            var isDir: ObjCBool = false
            let existed = fm.fileExists(atPath: folder.path, isDirectory: &isDir)
            if existed {
                guard isDir.boolValue else {
                    throw CocoaError(.fileWriteFileExists, userInfo: [NSFilePathErrorKey: folder.path])
                }
                guard rename(folder.path, retired.path) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            }
            guard rename(staging.path, folder.path) == 0 else {
                let err = errno
                if existed { _ = rename(retired.path, folder.path) }
                throw POSIXError(POSIXErrorCode(rawValue: err) ?? .EIO)
            }
            if existed { try? fm.removeItem(at: retired) }
        } catch {
            try? fm.removeItem(at: staging)
            throw error
        }
    }
}
