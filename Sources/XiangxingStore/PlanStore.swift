import Foundation

import Synchronization
#if canImport(Glibc)
import Glibc
#endif
import XiangxingCore
import XiangxingIO

/// The office's database: the imported scenario, every plan version (who,
/// when, why), the pins and the log of every change — in one SQLite file
/// (the default) or in a city's schema of a PostgreSQL database
/// (`postgres://…?city=NAME`, a shared deployment). It brings the schema up
/// to date when opened and offers only named reads and writes — no SQL from
/// outside; the same code runs on both (`StoreBackend`).
///
/// Every write is one transaction: a process killed at any moment leaves
/// the last committed version intact, and a change that fails validation
/// leaves the store exactly as it was.
///
///     let store = try PlanStore(path: "xiangxing.sqlite")
///     let sid = try store.importScenario(loaded, source: "scenarios/nanyang-2019", by: "office")
///     let n = try store.saveVersion(plan: plan, summary: summary, scenario: sid, author: "office",
///                                   reason: "initial plan", parent: nil)
public final class PlanStore: Sendable {
    /// The file `--db` defaults to, in the working folder.
    public static let defaultFileName = "xiangxing.sqlite"

    /// The store a command uses without `--db`: `$XIANGXING_DB` when set
    /// (a shared server's `postgres://…` URL), else `xiangxing.sqlite`.
    public static var defaultLocation: String {
        ProcessInfo.processInfo.environment["XIANGXING_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? defaultFileName
    }

    let backend: any StoreBackend
    let clock: @Sendable () -> Date
    /// The planning lease this handle holds (`beginPlanning`), if any.
    let heldLease = Mutex<HeldLease?>(nil)
    /// Where the store is, as given (`--db`): a file path or a postgres:// URL.
    public let path: String
    /// The store for messages: the path, or the URL without its password.
    public var displayName: String { backend.displayName }

    /// The cities of a PostgreSQL database (each a schema of its own), in name order.
    public static func cities(in database: PostgresLocation) throws -> [String] { try Backends.cities(database) }

    /// A `--db` value for messages: a path as it is, a URL's password as `***`.
    public static func displayName(_ location: String) -> String { PostgresLocation.redact(location) }

    /// Opens (creating if needed) the store at `path` and migrates it.
    /// `clock` is for tests; timestamps are stored to the whole second, UTC.
    ///
    /// The file holds resident IDs and phones: it is created readable by its
    /// owner only (0600, whatever the umask), and so are its `-wal` and
    /// `-shm` files, which SQLite creates with the database file's mode. A
    /// file an older release left group- or world-readable is narrowed to
    /// 0600 when its owner opens it.
    ///
    /// A `postgres://` URL opens that database's city (`?city=`, else
    /// `main`), sharing the process's connections with every other handle.
    public init(path: String, clock: @escaping @Sendable () -> Date = { Date() }) throws {
        switch try StoreLocation(path) {
        case .sqlite(let file):
            try StoreFile.prepare(file)
            backend = try SQLiteBackend(path: file)
        case .postgres(let location):
            backend = try Backends.postgres(location)
        }
        self.path = path
        self.clock = clock
        try backend.migrate(Schema.migrations)
    }

    deinit { endPlanning() }

    /// The migrations applied to the file, in order (`["v1"]`).
    public func appliedMigrations() throws -> [String] { try backend.appliedMigrations() }

    /// SQLite's `PRAGMA integrity_check` and `foreign_key_check`: empty when the store is sound.
    public func integrityProblems() throws -> [String] { try backend.integrityProblems() }

    func now() -> String { Timestamp.text(clock()) }

    // MARK: scenarios

    /// Stores a scenario read (and so already validated) by `ScenarioReader`
    /// and makes it the current one, all in one transaction. The earlier
    /// scenarios stay, because plan versions refer to them.
    ///
    /// - Parameters:
    ///   - source: the folder as the user named it.
    ///   - by: who imported it (`$USER` or "office").
    ///   - programme: scenario.csv's targets and completion share and the
    ///     folder's targets.csv (`ProgrammeReading`), kept with it for reports.
    @discardableResult
    public func importScenario(_ loaded: LoadedScenario, programme: ScenarioProgramme? = nil, source: String,
                               by who: String) throws -> ScenarioID {
        try backend.write { db in
            let at = now()
            let provenance = ScenarioTables.Provenance(
                source: source, holidayFile: loaded.holidayFile.path,
                encodings: loaded.encodings.mapValues(\.rawValue), at: at, by: who)
            let s = loaded.scenario
            let id = try ScenarioTables.insert(s, provenance: provenance, into: db)
            try ProgrammeTables.insert(programme ?? ScenarioProgramme(), scenario: id.rawValue, db)
            let counts = "\(s.trainers.count) trainers, \(s.venues.count) venues, \(s.demands.count) demand rows, "
                + "\(s.stops.count) tour stops, \(s.attendees?.count ?? 0) attendees"
            let countsZh = "讲师 \(s.trainers.count)，场地 \(s.venues.count)，需求 \(s.demands.count) 行，"
                + "乡村行站点 \(s.stops.count)，学员 \(s.attendees?.count ?? 0)"
            try record(.scenarioImported, subject: s.settings.name,
                       Bilingual(zh: "导入场景“\(s.settings.name)”（\(source)）：\(countsZh)",
                                 en: "imported scenario \"\(s.settings.name)\" (\(source)): \(counts)"),
                       by: who, at: at, scenario: id.rawValue, db)
            return id
        }
    }

    /// The scenario of the latest import, with every recorded change applied.
    public func currentScenario() throws -> Scenario? {
        try backend.read { db in try ScenarioTables.currentID(db).flatMap { try ScenarioTables.load($0, db) } }
    }

    /// A mark that changes whenever the store's content does: the last
    /// change-log entry (every import, change, saved version and record is
    /// one) and the store's identity (the file; the database and city).
    /// Readers cache what they built from the store under it (`OfficeCache`).
    public func changeMark() throws -> String {
        let last = try backend.read { db in try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(id), 0) FROM event") ?? 0 }
        return "\(try backend.identity())#\(last)"
    }

    public func currentScenarioID() throws -> ScenarioID? {
        try backend.read { db in try ScenarioTables.currentID(db) }
    }

    /// Any stored scenario (the one an old version was planned from).
    public func scenario(_ id: ScenarioID) throws -> Scenario? {
        try backend.read { db in try ScenarioTables.load(id, db) }
    }

    /// The name of the current scenario (南阳市返乡创业培训 2019), if one was imported.
    public func currentScenarioName() throws -> String? {
        try backend.read { db in try ScenarioTables.currentID(db).flatMap { try ScenarioTables.info($0, db)?.name } }
    }

    public func scenarioInfo(_ id: ScenarioID) throws -> ScenarioInfo? {
        try backend.read { db in try ScenarioTables.info(id, db) }
    }

    // MARK: plan versions

    /// Saves a plan as the next version (1, 2, …) and returns its number.
    ///
    /// Refused (and nothing saved) when `parent` is no longer the latest
    /// version, when another process holds the planning lease, or — after
    /// `beginPlanning` on this handle — when anything was recorded since
    /// planning began: the new version would claim changes it never saw.
    /// A successful save gives the lease back.
    ///
    /// - Parameters:
    ///   - scenario: the scenario it was planned from.
    ///   - author: `$USER` or "office".
    ///   - reason: "initial plan", "replan after T012 unavailable 2019-09-10..12" …
    ///   - parent: the version it was replanned from, if any.
    ///   - extraFiles: other files of its folder (waitlist.csv), kept for export.
    @discardableResult
    public func saveVersion(plan: Plan, summary: PlanSummary, scenario: ScenarioID, author: String, reason: String,
                            parent: Int?, extraFiles: [StoredFile] = []) throws -> Int {
        let lease = heldLease.withLock { $0 }
        let n = try backend.write { db in
            guard try ScenarioTables.info(scenario, db) != nil else { throw StoreError.noScenario }
            try checkSave(parent: parent, lease: lease, db)
            let at = now()
            // What it was planned against: the lease's moment, not whatever was recorded since.
            let lastEvent = try lease.map(\.baseEvent) ?? Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event")
            let n = try PlanVersions.insert(plan, summary: summary, scenario: scenario.rawValue, parent: parent, at: at,
                                            author: author, reason: reason, lastEvent: lastEvent,
                                            extraFiles: extraFiles, db)
            try record(.versionSaved, subject: "v\(n)",
                       Bilingual(zh: "保存第 \(n) 版计划（已安排 \(summary.scheduled)，未安排 \(summary.unscheduled)）：\(reason)",
                                 en: "saved plan version \(n) (\(summary.scheduled) scheduled, \(summary.unscheduled) unscheduled): \(reason)"),
                       by: author, at: at, scenario: scenario.rawValue, version: n, db)
            if let lease { try db.execute(sql: "DELETE FROM planning WHERE slot = 1 AND token = ?", arguments: [lease.token]) }
            return n
        }
        if let lease {
            heldLease.withLock { $0 = nil }
            lease.lock?.release()
        }
        return n
    }

    public func version(_ n: Int) throws -> StoredVersion? {
        try backend.read { db in try PlanVersions.load(n, db) }
    }

    public func latestVersion() throws -> StoredVersion? {
        try backend.read { db in
            try Int.fetchOne(db, sql: "SELECT MAX(number) FROM plan_version").flatMap { try PlanVersions.load($0, db) }
        }
    }

    /// Every version, oldest first, without their sessions.
    public func versions() throws -> [VersionInfo] {
        try backend.read { db in try PlanVersions.infos(db) }
    }

    /// Sessions of version `n` that `trainer` teaches on any date in
    /// `from`…`through`, in session order: what a replan after "T012
    /// unavailable 2019-09-10..12" has to move.
    public func sessions(inVersion n: Int, trainer: String, from: Day, through: Day) throws -> [String] {
        try backend.read { db in
            guard try PlanVersions.exists(n, db) else { throw StoreError.unknownVersion(n) }
            return try String.fetchAll(db, sql: """
                SELECT DISTINCT t.session FROM plan_session_trainer t
                JOIN plan_session_date d ON d.version = t.version AND d.session = t.session
                WHERE t.version = ? AND t.trainer = ? AND d.day BETWEEN ? AND ?
                ORDER BY t.session
                """, arguments: [n, trainer, from.iso, through.iso])
        }
    }

    /// Sessions of version `n` held at `venue` on any date in `from`…`through`.
    public func sessions(inVersion n: Int, venue: String, from: Day, through: Day) throws -> [String] {
        try backend.read { db in
            guard try PlanVersions.exists(n, db) else { throw StoreError.unknownVersion(n) }
            return try String.fetchAll(db, sql: """
                SELECT DISTINCT s.session FROM plan_session s
                JOIN plan_session_date d ON d.version = s.version AND d.session = s.session
                WHERE s.version = ? AND s.venue = ? AND d.day BETWEEN ? AND ?
                ORDER BY s.session
                """, arguments: [n, venue, from.iso, through.iso])
        }
    }

    // MARK: the change log

    /// Every import, saved version, change and pin, oldest first.
    public func events() throws -> [StoreEvent] {
        try backend.read { db in
            try StoreRow.fetchAll(db, sql: "SELECT * FROM event ORDER BY id").map(Self.event)
        }
    }

    @discardableResult
    func record(_ kind: StoreEvent.Kind, subject: String, _ description: Bilingual, by who: String, at: String,
                scenario: Int64?, version: Int? = nil, _ db: any StoreDB) throws -> StoreEvent {
        let id = try Int64.fetchOne(db, sql: """
            INSERT INTO event (at, who, kind, subject, description_zh, description_en, scenario_id, version)
            VALUES (?,?,?,?,?,?,?,?)
            RETURNING id
            """, arguments: [at, who, kind.rawValue, subject, description.zh, description.en, scenario, version]) ?? 0
        return StoreEvent(id: id, at: Timestamp.date(at), who: who, kind: kind, subject: subject,
                          description: description, scenario: scenario.map(ScenarioID.init), version: version)
    }
}

/// The store's file on disk: private to its owner.
enum StoreFile {
    /// Creates the file 0600 if it is missing, and narrows an existing file
    /// (and a `-wal`/`-shm` left beside it) to 0600 when we own it.
    static func prepare(_ path: String) throws {
        let fd = open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        if fd >= 0 { close(fd) }
        for file in [path, path + "-wal", path + "-shm"] {
            var st = stat()
            guard stat(file, &st) == 0, st.st_uid == geteuid(), st.st_mode & 0o077 != 0 else { continue }
            _ = chmod(file, st.st_mode & 0o700)
        }
    }
}
