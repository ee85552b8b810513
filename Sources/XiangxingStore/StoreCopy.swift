import Foundation
import XiangxingCore
#if canImport(Glibc)
import Glibc
#endif

/// Moves a whole store from one place to another — an office's SQLite file
/// to a city of the PostgreSQL server, and back — keeping every row and
/// every id, written only through `StoreBackend`/`StoreDB`.
///
/// - Every table of the schema (`Schema.migrations`, in creation order, so a
///   table comes after the tables it references), every row in key order.
/// - One snapshot of the source (one `read`), one transaction on the
///   destination (one `write`): a copy that fails leaves the destination
///   with its (empty) tables and no row.
/// - The destination must be empty (no row in any table) and must not be
///   the source; the source must not be in the middle of planning.
/// - Afterwards the ids continue where the source's would: PostgreSQL's
///   identity sequences and SQLite's `sqlite_sequence` are set past the
///   highest id the source ever gave (not only the highest kept).
///
///     let copied = try StoreCopy.copy(from: "office.sqlite", to: "postgres://xx@db:5432/henan?city=nanyang")
///     for t in copied.tables { print(t.table, t.source, t.destination) }
public enum StoreCopy {
    /// One table's rows: in the snapshot of the source that was copied, and in the destination after it.
    public struct TableCount: Sendable, Equatable {
        public var table: String
        public var source: Int
        public var destination: Int
    }

    public struct Report: Sendable {
        /// Every table of the schema, in copy order.
        public var tables: [TableCount]
        /// Rows written to the destination.
        public var rowsCopied: Int
        /// How long the copy took (opening, copying, counting).
        public var seconds: Double
        /// The two stores as messages name them (no password).
        public var source: String
        public var destination: String
        /// Tables whose counts differ (empty when the copy is complete).
        public var differing: [TableCount] { tables.filter { $0.source != $0.destination } }
    }

    /// Copies the store at `from` into the empty store at `to` (a file path
    /// or a `postgres://` URL each, as `--db` takes them), then counts every
    /// table on both sides. Refuses, changing nothing, when `to` is `from`,
    /// when `to` holds anything, when `from` is no store, or while a planning
    /// run is under way on `from`.
    public static func copy(from: String, to: String) throws -> Report {
        let started = Date()
        let source = try StoreLocation(from), destination = try StoreLocation(to)
        if try sameStore(source, destination) { throw StoreCopyError.sameStore(source.displayName) }
        let src = try openSource(source)
        let dst = try openDestination(destination)
        if let a = try? src.identity(), let b = try? dst.identity(), a == b, a != "?" {
            throw StoreCopyError.sameStore(source.displayName)
        }
        try src.migrate(Schema.migrations)
        try dst.migrate(Schema.migrations)

        // No planner may start on the source while it is copied (PostgreSQL's
        // lock, held throughout); SQLite's lease row is checked in the snapshot.
        var lock: (any PlanningLock)?
        switch try src.tryPlanningLock() {
        case .busy: throw StoreCopyError.planningInProgress(store: src.displayName, lease: nil)
        case .acquired(let l): lock = l
        case .unsupported: break
        }
        defer { lock?.release() }

        let tables = copyTables
        let (copied, before): (Int, [Int]) = try src.read { from in
            // With PostgreSQL's lock taken, a row left is a dead planner's (Planning.swift).
            if lock == nil, let row = try StoreRow.fetchOne(from, sql: "SELECT * FROM planning WHERE slot = 1") {
                let lease = PlanStore.lease(row)
                if ProcessIdentity.isAlive(host: lease.host, pid: lease.processID, start: row["process_start"],
                                           startedAt: lease.startedAt, now: Date()) {
                    throw StoreCopyError.planningInProgress(store: src.displayName, lease: lease)
                }
            }
            let marks = try tables.filter(\.hasAutoIncrementedID).map { t in (t, try highWater(t, from)) }
            // Counted in the snapshot copied: others may write to the source meanwhile.
            let counted = try tables.map { try count($0.name, from) }
            let written: Int = try dst.write { to in
                let held = try tables.compactMap { t -> (String, Int)? in
                    let n = try count(t.name, to)
                    return n > 0 ? (t.name, n) : nil
                }
                guard held.isEmpty else { throw StoreCopyError.destinationNotEmpty(store: dst.displayName, tables: held) }
                var total = 0
                for t in tables { total += try copyRows(t, from: from, to: to) }
                for (t, mark) in marks { try continueIDs(t, past: mark, to) }
                return total
            }
            return (written, counted)
        }

        let after = try dst.read { db in try tables.map { try count($0.name, db) } }
        let counts = zip(tables, zip(before, after)).map { TableCount(table: $0.name, source: $1.0, destination: $1.1) }
        return Report(tables: counts, rowsCopied: copied, seconds: Date().timeIntervalSince(started),
                      source: src.displayName, destination: dst.displayName)
    }

    /// Every table's row count, in copy order.
    public static func rowCounts(_ store: PlanStore) throws -> [(table: String, rows: Int)] {
        try store.backend.read { db in try copyTables.map { ($0.name, try count($0.name, db)) } }
    }

    // MARK: the tables

    /// A table as the copy sees it: its name, the order its rows are read
    /// in, and the column types values are brought to.
    struct CopyTable {
        var name: String
        var order: [String]
        var types: [String: ColumnType]
        var autoIncrementedID: String?
        var hasAutoIncrementedID: Bool { autoIncrementedID != nil }
    }

    /// The schema's tables in creation order: parents before children, and
    /// a table's own rows in key order (a version after the one it was
    /// re-planned from), so every reference is in place when its row comes.
    static var copyTables: [CopyTable] {
        Schema.migrations.flatMap(\.steps).compactMap { step -> CopyTable? in
            guard case .table(let t) = step else { return nil }
            let id = t.columns.first { $0.type == .autoIncrementedID }?.name
            let keyColumn = t.columns.first { c in c.constraints.contains { if case .primaryKey = $0 { true } else { false } } }?.name
            let order = !t.primaryKey.isEmpty ? t.primaryKey : (id ?? keyColumn).map { [$0] } ?? t.columns.map(\.name)
            return CopyTable(name: t.name, order: order, types: Dictionary(uniqueKeysWithValues: t.columns.map { ($0.name, $0.type) }),
                             autoIncrementedID: id)
        }
    }

    static func count(_ table: String, _ db: any StoreDB) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(quoted(table))") ?? 0
    }

    /// Copies one table; the number of rows written.
    private static func copyRows(_ t: CopyTable, from: any StoreDB, to: any StoreDB) throws -> Int {
        let rows = try from.rows(sql: "SELECT * FROM \(quoted(t.name)) ORDER BY \(t.order.map(quoted).joined(separator: ", "))",
                                 arguments: [])
        guard let columns = rows.first?.columns else { return 0 }
        let types = columns.map { t.types[$0] }
        // Well under PostgreSQL's 65,535 parameters per statement.
        let batch = max(1, min(1000, 20_000 / max(1, columns.count)))
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + batch)
            try to.insert(into: t.name, columns: columns, rows: rows[start..<end].map { row in
                zip(row.values, types).map { value, type in type.map { coerce(value, to: $0) } ?? value }
            })
            start = end
        }
        return rows.count
    }

    /// A value as the destination's column holds it: SQLite may hand back
    /// an integer where a column is declared real, and the other way round.
    static func coerce(_ value: SQLValue, to type: ColumnType) -> SQLValue {
        switch (value, type) {
        case (.integer(let i), .real): .real(Double(i))
        case (.real(let d), .integer), (.real(let d), .boolean), (.real(let d), .autoIncrementedID):
            d == d.rounded() && abs(d) < 9.2e18 ? .integer(Int64(d)) : value
        default: value
        }
    }

    /// The highest id the source's table ever gave: its highest row, or more
    /// when later rows were deleted (an account removed, tokens revoked).
    private static func highWater(_ t: CopyTable, _ db: any StoreDB) throws -> Int64 {
        guard let id = t.autoIncrementedID else { return 0 }
        let kept = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(\(quoted(id))), 0) FROM \(quoted(t.name))") ?? 0
        let given: Int64?
        switch db.dialect {
        case .sqlite:
            given = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [t.name])
        case .postgres:
            given = try Int64.fetchOne(db, sql: "SELECT pg_sequence_last_value(pg_get_serial_sequence(\(sqlText(quoted(t.name))), \(sqlText(id)))::regclass)")
        }
        return max(kept, given ?? 0)
    }

    /// The next id the destination gives is `mark + 1`.
    private static func continueIDs(_ t: CopyTable, past mark: Int64, _ db: any StoreDB) throws {
        guard let id = t.autoIncrementedID else { return }
        switch db.dialect {
        case .sqlite:
            // SQLite keeps the highest id inserted itself; only a higher mark is written.
            guard mark > 0 else { return }
            if try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = ? AND seq < ?", arguments: [mark, t.name, mark]) == 0,
               try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = ?", arguments: [t.name]) == nil {
                try db.execute(sql: "INSERT INTO sqlite_sequence (name, seq) VALUES (?, ?)", arguments: [t.name, mark])
            }
        case .postgres:
            // (mark, true): the next id is mark + 1, and the mark reads back as the sequence's last value
            // (a copy from here keeps it); (1, false) for a table that never gave an id.
            let sequence = "pg_get_serial_sequence(\(sqlText(quoted(t.name))), \(sqlText(id)))"
            _ = try db.rows(sql: mark > 0 ? "SELECT setval(\(sequence), \(mark), true)" : "SELECT setval(\(sequence), 1, false)",
                            arguments: [])
        }
    }

    /// A literal for the schema's own names (never input).
    private static func sqlText(_ s: String) -> String { "'" + s.replacingAll("'", with: "''") + "'" }

    // MARK: opening

    /// Whether the two name the same store: the same file (after symbolic
    /// links), or the same server, database and city.
    static func sameStore(_ a: StoreLocation, _ b: StoreLocation) throws -> Bool {
        switch (a, b) {
        case (.sqlite(let x), .sqlite(let y)):
            return canonical(x) == canonical(y)
        case (.postgres(let x), .postgres(let y)):
            return x.host == y.host && x.port == y.port && x.database == y.database && x.cityOrDefault == y.cityOrDefault
        default:
            return false
        }
    }

    private static func canonical(_ path: String) -> String {
        guard let resolved = realpath(path, nil) else { return URL(fileURLWithPath: path).standardizedFileURL.path }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The source: an existing store, never created by the copy.
    private static func openSource(_ location: StoreLocation) throws -> any StoreBackend {
        switch location {
        case .sqlite(let path):
            if let problem = SQLiteBackend.storeFileProblem(path) { throw StoreCopyError.notAStore(store: path, problem) }
            return try SQLiteBackend(path: path)
        case .postgres(let p):
            let backend = try Backends.postgres(p)
            guard try !backend.appliedMigrations().isEmpty else {
                throw StoreCopyError.notAStore(store: backend.displayName,
                                               Bilingual(zh: "这个城市还没有数据库表", en: "this city has no store tables yet"))
            }
            return backend
        }
    }

    /// The destination: a new file, an empty store, or a city (created when new).
    private static func openDestination(_ location: StoreLocation) throws -> any StoreBackend {
        switch location {
        case .sqlite(let path):
            var st = stat()
            if stat(path, &st) == 0, st.st_size > 0, let problem = SQLiteBackend.storeFileProblem(path) {
                throw StoreCopyError.notAStore(store: path, problem)
            }
            try StoreFile.prepare(path)
            return try SQLiteBackend(path: path)
        case .postgres(let p):
            return try Backends.postgres(p)
        }
    }
}

/// Why `StoreCopy.copy` refused; nothing was written to the destination.
public enum StoreCopyError: Error, Sendable, CustomStringConvertible {
    case sameStore(String)
    case destinationNotEmpty(store: String, tables: [(String, Int)])
    case notAStore(store: String, Bilingual)
    case planningInProgress(store: String, lease: PlanningLease?)

    public var message: Bilingual {
        switch self {
        case .sameStore(let s):
            return Bilingual(zh: "来源和目标是同一个数据库 \(s) — --to 请给另一个文件或另一个城市（?city=）",
                             en: "the source and the destination are the same store \(s) — give --to another file or another city (?city=)")
        case .destinationNotEmpty(let s, let tables):
            let list = tables.map { "\($0.0) \($0.1)" }.joined(separator: ", ")
            let scenario = tables.contains { $0.0 == "scenario" }
            return Bilingual(
                zh: "目标 \(s) 已有数据（\(list)）\(scenario ? "，其中已有场景" : "")，未复制任何内容 — 请复制到新文件或空城市（?city=新名称），或先把目标里的数据另行备份后清空",
                en: "the destination \(s) already holds data (\(list))\(scenario ? ", a scenario among it" : "") and nothing was copied — copy to a new file or an empty city (?city=NEW), or back up and empty the destination first")
        case .notAStore(let s, let problem):
            return Bilingual(zh: "\(s) 不是乡行数据库：\(problem.zh)", en: "\(s) is not a Xiangxing store: \(problem.en)")
        case .planningInProgress(let s, let lease):
            if let l = lease {
                return Bilingual(zh: "\(s) 正在由 \(l.who) 排课（\(l.host) 上的进程 \(l.processID)）— 等它保存新版本后再复制",
                                 en: "\(s) is being planned by \(l.who) (process \(l.processID) on \(l.host)) — copy once it has saved its version")
            }
            return Bilingual(zh: "\(s) 正在排课 — 等它保存新版本后再复制", en: "\(s) is being planned — copy once it has saved its version")
        }
    }

    public func message(_ language: Language) -> String { message.text(language) }
    public var description: String { "\(message.zh) / \(message.en)" }
}
