import Foundation
import GRDB

/// The embedded store: one SQLite file through GRDB's `DatabasePool` (WAL:
/// readers see a snapshot while one writer writes; `BEGIN IMMEDIATE`
/// writes, so two processes' writers queue, up to 10 s, instead of failing).
public final class SQLiteBackend: StoreBackend {
    let pool: DatabasePool
    public let path: String
    public var dialect: SQLDialect { .sqlite }
    public var displayName: String { path }

    public init(path: String) throws {
        var config = Configuration()
        config.label = "xiangxing-store"
        // Another process (a second `xiangxing` command) may hold the write lock briefly.
        config.busyMode = .timeout(10)
        pool = try DatabasePool(path: path, configuration: config)
        self.path = path
    }

    public func read<T>(_ body: (any StoreDB) throws -> T) throws -> T {
        try pool.read { db in try body(SQLiteDB(db)) }
    }

    public func write<T>(_ body: (any StoreDB) throws -> T) throws -> T {
        try pool.write { db in try body(SQLiteDB(db)) }
    }

    /// Stores made before the migrations were the store's own kept GRDB's
    /// `grdb_migrations` list: its names are carried over once, so a file
    /// of any earlier release is brought up to date, never rebuilt.
    public func migrate(_ migrations: [Migration]) throws {
        try pool.write { db in
            try db.execute(sql: "CREATE TABLE IF NOT EXISTS store_migration (id TEXT PRIMARY KEY, applied_at TEXT NOT NULL)")
            if try db.tableExists("grdb_migrations") {
                try db.execute(sql: """
                    INSERT INTO store_migration (id, applied_at)
                    SELECT identifier, '' FROM grdb_migrations WHERE true
                    ON CONFLICT (id) DO NOTHING
                    """)
            }
        }
        let done = Set(try appliedMigrations())
        for m in migrations where !done.contains(m.id) {
            try pool.write { db in
                // Checked again inside the write: another process may have just run it.
                guard try String.fetchOne(db, sql: "SELECT id FROM store_migration WHERE id = ?", arguments: [m.id]) == nil else { return }
                for statement in m.statements(.sqlite) { try db.execute(sql: statement) }
                try db.execute(sql: "INSERT INTO store_migration (id, applied_at) VALUES (?, ?)",
                               arguments: [m.id, Timestamp.text(Date())])
            }
        }
    }

    public func appliedMigrations() throws -> [String] {
        try pool.read { db in
            guard try db.tableExists("store_migration") else { return [] }
            return try String.fetchAll(db, sql: "SELECT id FROM store_migration ORDER BY rowid")
        }
    }

    public func identity() throws -> String {
        var st = stat()
        return stat(path, &st) == 0 ? "\(st.st_dev):\(st.st_ino)" : "?"
    }

    public func integrityProblems() throws -> [String] {
        try pool.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
            let keys = try GRDB.Row.fetchAll(db, sql: "PRAGMA foreign_key_check").map { "foreign key: \($0)" }
            return integrity + keys
        }
    }

    public func tryPlanningLock() throws -> PlanningLockAttempt { .unsupported }

    /// Gives the space of deleted rows back to the file system and folds the
    /// WAL into the file, so erased values are gone from the disk too (purge).
    /// False when another process holds the file open (the WAL stays).
    public func compact() throws -> Bool {
        try pool.vacuum()
        return (try? pool.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }) != nil
    }
}

/// A GRDB `Database` as the store's `StoreDB`.
final class SQLiteDB: StoreDB {
    let db: GRDB.Database
    init(_ db: GRDB.Database) { self.db = db }

    var dialect: SQLDialect { .sqlite }

    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        let statement = try db.cachedStatement(sql: sql)
        try statement.execute(arguments: Self.arguments(arguments.values))
        return db.changesCount
    }

    func rows(sql: String, arguments: SQLArguments) throws -> [StoreRow] {
        let statement = try db.cachedStatement(sql: sql)
        let columns = statement.columnNames
        return try GRDB.Row.fetchAll(statement, arguments: Self.arguments(arguments.values)).map { row in
            StoreRow(columns: columns, values: row.databaseValues.map(Self.value))
        }
    }

    func insert(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        guard !rows.isEmpty else { return }
        let statement = try db.cachedStatement(sql: """
            INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) \
            VALUES (\(Array(repeating: "?", count: columns.count).joined(separator: ",")))
            """)
        for row in rows { try statement.execute(arguments: Self.arguments(row)) }
    }

    static func arguments(_ values: [SQLValue]) -> StatementArguments {
        StatementArguments(values.map { v -> (any DatabaseValueConvertible)? in
            switch v {
            case .null: nil
            case .integer(let i): i
            case .real(let d): d
            case .text(let s): s
            case .blob(let b): Data(b)
            }
        })
    }

    static func value(_ v: DatabaseValue) -> SQLValue {
        switch v.storage {
        case .null: .null
        case .int64(let i): .integer(i)
        case .double(let d): .real(d)
        case .string(let s): .text(s)
        case .blob(let d): .blob([UInt8](d))
        }
    }
}
