import Foundation

import XiangxingCore
import XiangxingIO

/// What the monthly report needs from the store for one plan version: the
/// programme's settings and targets as imported with the scenario, and the
/// attendance records that count for that version.
public struct StoredProgramme: Sendable {
    public var settings: ProgrammeSettings
    /// targets.csv as imported; nil when the scenario had none.
    public var targets: [CountyTarget]?
    /// The records that count for the version (taken against it, or against
    /// an earlier version for a session that has not moved since).
    public var records: AttendanceRecords
    /// Sessions moved since their records were taken: the session as it was
    /// held, by id. Their records are kept and counted by this form, and
    /// flagged for the office to look at (`ProgrammeReport.rows(heldAs:)`).
    public var heldAs: [String: Session]
    public init(settings: ProgrammeSettings, targets: [CountyTarget]?, records: AttendanceRecords, heldAs: [String: Session]) {
        self.settings = settings; self.targets = targets; self.records = records; self.heldAs = heldAs
    }
}

/// The programme's part of a scenario folder, stored with the scenario at
/// `import`: scenario.csv's `target_training`, `target_mentoring`,
/// `completion_share` and targets.csv (nil: the folder has none).
public struct ScenarioProgramme: Sendable {
    public var settings: ProgrammeSettings
    public var targets: [CountyTarget]?
    public init(settings: ProgrammeSettings = ProgrammeSettings(), targets: [CountyTarget]? = nil) {
        self.settings = settings; self.targets = targets
    }
}

/// What one `attendance import` stored, session by session in plan order.
public struct AttendanceImport: Sendable {
    public struct Stored: Hashable, Sendable {
        public var session: String
        public var type: SessionType
        /// Rows stored: trainee-days for a class, days for a stop.
        public var records: Int
        /// Rows of an earlier import of the session, replaced by these.
        public var replaced: Int
        /// Trainee-days present (classes), person-times mentored (stops).
        public var present: Int
        /// Trainees who attended enough days to count (classes only).
        public var completed: Int?
    }
    public var version: Int
    public var sessions: [Stored]
    /// The change-log entry (who, when, which files).
    public var event: StoreEvent
    public var completionShare: Double
}

extension PlanStore {
    /// Reads the attendance files (long format or filled-in sign-in sheets,
    /// through `TableSource`), checks them whole against version `n`'s plan,
    /// and stores them in one transaction — or stores nothing and returns
    /// every problem, file:line: field. A session imported again is
    /// replaced as a whole (a clerk's corrected sheet).
    ///
    ///     switch try store.importAttendance(files: [url], version: 3, by: "office") { … }
    public func importAttendance(files: [URL], version n: Int, by who: String) throws -> Result<AttendanceImport, InputProblems> {
        guard let v = try version(n) else { throw StoreError.unknownVersion(n) }
        let attendees = try scenario(v.info.scenario)?.attendees
        switch ProgrammeReading.attendance(files: files, plan: v.plan, attendees: attendees) {
        case .failure(let problems): return .failure(problems)
        case .success(let records): return .success(try store(records, version: v, files: files.map(\.lastPathComponent), by: who))
        }
    }

    /// Stores records already checked against version `v`.
    func store(_ records: AttendanceRecords, version v: StoredVersion, files: [String], by who: String) throws -> AttendanceImport {
        try backend.write { db in
            let n = v.info.number
            let named = Set(records.training.map(\.session)).union(records.mentoring.map(\.session))
            let sessions = v.plan.sessions.filter { named.contains($0.id) }
            var replaced: [String: Int] = [:]
            for s in sessions {
                let old = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance_training WHERE session = ?", arguments: [s.id])! +
                    Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance_mentoring WHERE session = ?", arguments: [s.id])!
                replaced[s.id] = old
                try db.execute(sql: "DELETE FROM attendance_training WHERE session = ?", arguments: [s.id])
                try db.execute(sql: "DELETE FROM attendance_mentoring WHERE session = ?", arguments: [s.id])
            }
            let settings = try ProgrammeTables.load(ScenarioTables.currentID(db)?.rawValue ?? v.info.scenario.rawValue, db).settings
            let completed = Counting.completed(records.training, plan: v.plan, share: settings.completionShare)
            var stored: [AttendanceImport.Stored] = []
            for s in sessions {
                if s.type == .trainingClass {
                    let rows = records.training.filter { $0.session == s.id }
                    stored.append(.init(session: s.id, type: s.type, records: rows.count, replaced: replaced[s.id] ?? 0,
                                        present: rows.filter(\.present).count, completed: completed[s.id] ?? 0))
                } else {
                    let rows = records.mentoring.filter { $0.session == s.id }
                    stored.append(.init(session: s.id, type: s.type, records: rows.count, replaced: replaced[s.id] ?? 0,
                                        present: rows.reduce(0) { $0 + $1.mentees }, completed: nil))
                }
            }
            let classes = stored.filter { $0.type == .trainingClass }, stops = stored.filter { $0.type == .tourStop }
            let old = stored.reduce(0) { $0 + $1.replaced }
            let list = sessions.map(\.id).prefix(12).joined(separator: "、") + (sessions.count > 12 ? "……" : "")
            let listEn = sessions.map(\.id).prefix(12).joined(separator: ", ") + (sessions.count > 12 ? "…" : "")
            let fileList = files.joined(separator: "、"), fileListEn = files.joined(separator: ", ")
            let event = try record(.attendanceImported, subject: list,
                Bilingual(zh: "导入出勤记录（第 \(n) 版计划；\(fileList)）：培训 \(classes.count) 期 \(records.training.count) 条，乡村行 \(stops.count) 站 \(records.mentoring.count) 条\(old > 0 ? "，替换旧记录 \(old) 条" : "")：\(list)",
                          en: "imported attendance (plan version \(n); \(fileListEn)): \(classes.count) class(es), \(records.training.count) rows; \(stops.count) stop(s), \(records.mentoring.count) rows\(old > 0 ? "; \(old) earlier rows replaced" : ""): \(listEn)"),
                by: who, at: now(), scenario: v.info.scenario.rawValue, version: n, db)
            let training = db.statement("""
                INSERT INTO attendance_training (session, id_number, day, present, version, event_id, file, line) VALUES (?,?,?,?,?,?,?,?)
                """)
            for r in records.training {
                try training.execute(arguments: [r.session, r.idNumber, r.date.iso, r.present, n, event.id, r.file, r.line])
            }
            let mentoring = db.statement("""
                INSERT INTO attendance_mentoring (session, day, mentees, version, event_id, file, line) VALUES (?,?,?,?,?,?,?)
                """)
            for r in records.mentoring {
                try mentoring.execute(arguments: [r.session, r.date.iso, r.mentees, n, event.id, r.file, r.line])
            }
            return AttendanceImport(version: n, sessions: stored, event: event, completionShare: settings.completionShare)
        }
    }

    /// Rows of the attendance tables: (trainee-days, stop-days).
    public func attendanceRowCounts() throws -> (training: Int, mentoring: Int) {
        try backend.read { db in
            (try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance_training")!,
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM attendance_mentoring")!)
        }
    }

    /// The programme's data for version `n`: the current scenario's settings
    /// and targets (the year's targets, as last imported), and every
    /// attendance record. A record counts as it stands when its session is
    /// held in version `n` as in the version the record was taken against
    /// (same dates, county and venue); a session moved or dropped since
    /// keeps its records, and its form in that version goes into `heldAs`,
    /// so what was delivered is counted where and when it happened.
    public func programme(forVersion n: Int) throws -> StoredProgramme {
        try backend.read { db in
            guard let asked = try PlanVersions.load(n, db) else { throw StoreError.unknownVersion(n) }
            let programme = try ProgrammeTables.load(ScenarioTables.currentID(db)?.rawValue ?? asked.info.scenario.rawValue, db)
            var plans: [Int: [String: Session]] = [n: Dictionary(asked.plan.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })]
            func session(_ id: String, in version: Int) throws -> Session? {
                if plans[version] == nil {
                    plans[version] = Dictionary((try PlanVersions.load(version, db)?.plan.sessions ?? []).map { ($0.id, $0) },
                                                uniquingKeysWith: { a, _ in a })
                }
                return plans[version]?[id]
            }
            var records = AttendanceRecords()
            var takenAgainst: [String: Int] = [:]
            for r in try StoreRow.fetchAll(db, sql: """
                SELECT session, id_number, day, present, version, file, line FROM attendance_training ORDER BY session, file, line, day
                """) {
                records.training.append(TrainingRecord(session: r["session"], idNumber: r["id_number"], date: try storedDay(r["day"]),
                                                       present: r["present"], file: r["file"], line: r["line"]))
                takenAgainst[r["session"]] = r["version"]
            }
            for r in try StoreRow.fetchAll(db, sql: "SELECT session, day, mentees, version, file, line FROM attendance_mentoring ORDER BY session, day") {
                records.mentoring.append(MentoringRecord(session: r["session"], date: try storedDay(r["day"]), mentees: r["mentees"],
                                                         file: r["file"], line: r["line"]))
                takenAgainst[r["session"]] = r["version"]
            }
            var heldAs: [String: Session] = [:]
            for (id, version) in takenAgainst {
                guard let then = try session(id, in: version) else { continue }
                if let now = try session(id, in: n), now.isHeldAsIn(then) { continue }
                heldAs[id] = then
            }
            return StoredProgramme(settings: programme.settings, targets: programme.targets, records: records, heldAs: heldAs)
        }
    }
}

/// `scenario_programme` and `scenario_target` (schema v3).
enum ProgrammeTables {
    static func insert(_ p: ScenarioProgramme, scenario: Int64, _ db: any StoreDB) throws {
        try db.execute(sql: """
            INSERT INTO scenario_programme (scenario_id, target_training, target_mentoring, completion_share, has_targets) VALUES (?,?,?,?,?)
            """, arguments: [scenario, p.settings.targetTraining, p.settings.targetMentoring, p.settings.completionShare, p.targets != nil])
        let target = db.statement("""
            INSERT INTO scenario_target (scenario_id, position, county, category, person_times) VALUES (?,?,?,?,?)
            """)
        for (i, t) in (p.targets ?? []).enumerated() {
            try target.execute(arguments: [scenario, i, t.county, t.category.rawValue, t.personTimes])
        }
    }

    /// A scenario imported before schema v3 has no row: default settings, no targets.
    static func load(_ scenario: Int64, _ db: any StoreDB) throws -> ScenarioProgramme {
        guard let r = try StoreRow.fetchOne(db, sql: "SELECT * FROM scenario_programme WHERE scenario_id = ?", arguments: [scenario]) else {
            return ScenarioProgramme()
        }
        let settings = ProgrammeSettings(targetTraining: r["target_training"], targetMentoring: r["target_mentoring"],
                                         completionShare: r["completion_share"])
        guard r["has_targets"] as Bool else { return ScenarioProgramme(settings: settings, targets: nil) }
        let targets = try StoreRow.fetchAll(db, sql: "SELECT * FROM scenario_target WHERE scenario_id = ? ORDER BY position", arguments: [scenario])
            .compactMap { t -> CountyTarget? in
                guard let category = KindCategory(rawValue: t["category"]) else { return nil }
                return CountyTarget(county: t["county"], category: category, personTimes: t["person_times"])
            }
        return ScenarioProgramme(settings: settings, targets: targets)
    }
}
