import XiangxingCore
import Foundation
import NIOCore
import PostgresNIO

/// The store on PostgreSQL (postgres-nio): one city of one database.
///
/// A city is the schema `city_NAME`; every transaction sets its
/// `search_path` to it first, so the store's unqualified SQL reads and
/// writes that city's tables and no other's. The cities of a database are
/// listed in `public.xiangxing_city`.
///
/// Connections come from the process's pool for the server and database
/// (`PostgresPool`): opening a backend costs nothing, and a city is
/// migrated once per process.
///
/// Concurrency (docs/store.md, "PostgreSQL"):
/// - `write`: `BEGIN` (read committed), then the city's write lock
///   (`pg_advisory_xact_lock(writeLockKey, hash(city))`, freed at COMMIT or
///   ROLLBACK): the writers of a city run one after another, each seeing
///   everything committed before it, as SQLite's `BEGIN IMMEDIATE`.
/// - `read`: `REPEATABLE READ READ ONLY`, one snapshot for the whole body.
/// - `tryPlanningLock`: a session lock on a connection of its own, freed
///   when released or when the process's connection ends.
///
/// Statements are the store's own; the values are bound, never in the
/// text. Errors name the statement (for the store's authors) but never a
/// value or the password.
public final class PostgresBackend: StoreBackend {
    public let location: PostgresLocation
    public let city: String
    let pool: PostgresPool

    public var dialect: SQLDialect { .postgres }
    public var displayName: String { location.withCity(city).displayName }

    /// The schema of `city`.
    public static func schema(of city: String) -> String { "city_" + city }

    /// The first key of the advisory locks this program takes (the second is the city's hash).
    static let writeLockKey: Int32 = 0x5858_0001
    static let planningLockKey: Int32 = 0x5858_0002
    static let migrationLockKey: Int32 = 0x5858_0003

    var schema: String { Self.schema(of: city) }
    var cityHash: Int32 { Self.hash(city) }

    /// A backend of `location`'s city (or `main`), on the process's shared
    /// connections to its server and database. No connection is made until
    /// the first transaction.
    public static func shared(_ location: PostgresLocation) throws -> PostgresBackend {
        let city = location.cityOrDefault
        guard PostgresLocation.isCityName(city) else {
            throw StoreError.badLocation(url: location.displayName, Bilingual(
                zh: "城市名“\(city)”只能用小写字母、数字和下划线，以字母开头，最多 40 个字符",
                en: "the city \"\(city)\" must be lower-case letters, digits and _, starting with a letter, at most 40 characters"))
        }
        return PostgresBackend(location: location, city: city, pool: PostgresPool.shared(location))
    }

    public convenience init(_ location: PostgresLocation) throws {
        let b = try Self.shared(location)
        self.init(location: b.location, city: b.city, pool: b.pool)
    }

    private init(location: PostgresLocation, city: String, pool: PostgresPool) {
        self.location = location; self.city = city; self.pool = pool
    }

    /// 32-bit FNV-1a of the city's name: the second key of its advisory locks.
    static func hash(_ city: String) -> Int32 {
        var h: UInt32 = 2_166_136_261
        for b in city.utf8 { h = (h ^ UInt32(b)) &* 16_777_619 }
        return Int32(bitPattern: h)
    }

    // MARK: transactions

    public func read<T>(_ body: (any StoreDB) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", lock: false, body)
    }

    public func write<T>(_ body: (any StoreDB) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED", lock: true, body)
    }

    /// One transaction on one borrowed connection: BEGIN, the city's
    /// search path (and write lock), the body, COMMIT — or ROLLBACK and the
    /// body's error.
    private func transaction<T>(begin: String, lock: Bool, _ body: (any StoreDB) throws -> T) throws -> T {
        let connection = try begun(begin: begin, lock: lock)
        let db = PostgresDB(connection: connection, backend: self)
        let result: T
        do {
            result = try body(db)
        } catch {
            let rolledBack = (try? db.run("ROLLBACK", [])) != nil
            pool.giveBack(connection, reusable: rolledBack && !db.broken)
            throw error
        }
        do {
            _ = try db.run("COMMIT", [])
        } catch {
            pool.giveBack(connection, reusable: false)
            throw error
        }
        pool.giveBack(connection, reusable: !db.broken)
        return result
    }

    /// A connection in a transaction on this city: a reused connection the
    /// server has closed meanwhile is dropped and the next one tried.
    private func begun(begin: String, lock: Bool) throws -> PostgresConnection {
        while true {
            let (connection, fresh) = try pool.borrow()
            do {
                try start(connection, begin: begin, lock: lock)
                return connection
            } catch {
                pool.giveBack(connection, reusable: false)
                if fresh || !PostgresFailure.isConnectionLost(error) {
                    throw PostgresFailure.storeError(error, store: displayName, server: location, sql: nil)
                }
            }
        }
    }

    private func start(_ connection: PostgresConnection, begin: String, lock: Bool) throws {
        let logger = PostgresPool.logger
        var binds = PostgresBindings(capacity: 3)
        binds.append(quoted(schema))
        var sql = "SELECT set_config('search_path', $1, true)"
        if lock {
            binds.append(Self.writeLockKey)
            binds.append(cityHash)
            sql += ", pg_advisory_xact_lock($2, $3)"
        }
        // Sent together: the second waits in postgres-nio's queue, not for a thread's round trip.
        let began = connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
        let set = connection.query(PostgresQuery(unsafeSQL: sql, binds: binds), logger: logger)
        _ = try began.wait()
        _ = try set.wait()
    }

    // MARK: schema

    public func migrate(_ migrations: [Migration]) throws {
        let wanted = migrations.map(\.id)
        if let done = pool.migratedList(city: city), wanted.allSatisfy(done.contains) { return }
        try onOwnConnection { c in
            // One migrating process at a time in this database (creating
            // `public.xiangxing_city` races across cities too).
            _ = try c.run("SELECT pg_advisory_lock(\(Self.migrationLockKey), 0)", [])
            defer { _ = try? c.run("SELECT pg_advisory_unlock(\(Self.migrationLockKey), 0)", []) }
            _ = try c.run("""
                CREATE TABLE IF NOT EXISTS public.xiangxing_city (name TEXT COLLATE "C" PRIMARY KEY, created_at TEXT NOT NULL)
                """, [])
            _ = try c.run("CREATE SCHEMA IF NOT EXISTS \(quoted(schema))", [])
            _ = try c.run("""
                INSERT INTO public.xiangxing_city (name, created_at) VALUES (?, \(Self.nowText)) ON CONFLICT (name) DO NOTHING
                """, [.text(city)])
            _ = try c.run("""
                CREATE TABLE IF NOT EXISTS \(quoted(schema)).store_migration (id TEXT COLLATE "C" PRIMARY KEY, applied_at TEXT NOT NULL)
                """, [])
            var applied = Set(try c.rows("SELECT id FROM \(quoted(schema)).store_migration", []).compactMap { String.decode($0.values[0]) })
            for m in migrations where !applied.contains(m.id) {
                _ = try c.run("BEGIN", [])
                do {
                    _ = try c.run("SELECT set_config('search_path', ?, true)", [.text(quoted(schema))])
                    for statement in m.statements(.postgres) { _ = try c.run(statement, []) }
                    _ = try c.run("INSERT INTO store_migration (id, applied_at) VALUES (?, \(Self.nowText))", [.text(m.id)])
                    _ = try c.run("COMMIT", [])
                } catch {
                    _ = try? c.run("ROLLBACK", [])
                    throw error
                }
                applied.insert(m.id)
            }
        }
        pool.setMigrated(city: city, wanted)
    }

    /// The server's clock in UTC with microseconds: `2026-12-02T05:54:09.123456Z`
    /// (migrations applied in one second still sort in order).
    static let nowText = #"to_char(clock_timestamp() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')"#

    public func appliedMigrations() throws -> [String] {
        try onOwnConnection { c in
            let exists = try c.rows("SELECT to_regclass(?) IS NOT NULL", [.text("\(quoted(schema)).store_migration")])
            guard exists.first?.values.first == .integer(1) else { return [] }
            return try c.rows("SELECT id FROM \(quoted(schema)).store_migration ORDER BY applied_at, length(id), id", [])
                .compactMap { String.decode($0.values[0]) }
        }
    }

    /// The database's and the city schema's object ids and the server's
    /// system identifier: all change when the database or the city is
    /// dropped and made again (a restore from pg_dump included).
    public func identity() throws -> String {
        try onOwnConnection { c in
            let rows = try c.rows("""
                SELECT CAST((SELECT system_identifier FROM pg_control_system()) AS TEXT) AS system,
                       current_database() AS database,
                       CAST((SELECT oid FROM pg_database WHERE datname = current_database()) AS BIGINT) AS database_oid,
                       CAST((SELECT oid FROM pg_namespace WHERE nspname = ?) AS BIGINT) AS schema_oid
                """, [.text(schema)])
            guard let r = rows.first else { return "postgres" }
            let parts = r.values.map { v -> String in
                switch v {
                case .text(let s): s
                case .integer(let i): String(i)
                default: "-"
                }
            }
            return "postgres:" + parts.joined(separator: ":") + ":" + city
        }
    }

    /// None to report: PostgreSQL checks every constraint and foreign key
    /// as it writes (they cannot be switched off as SQLite's can), and
    /// finds damaged pages itself (checksums, WAL) — a check of the files
    /// as SQLite's `integrity_check` is the server administrator's
    /// (pg_amcheck), not the store's.
    public func integrityProblems() throws -> [String] { [] }

    /// `VACUUM FULL` of each of the city's tables: rewritten without the
    /// deleted rows, so purged values leave the data files (VACUUM runs
    /// outside any transaction, and locks each table while it runs).
    /// The server's WAL and its backups keep older pages until they are
    /// recycled: that is the administrator's retention, not the store's.
    public func compact() throws -> Bool {
        try onOwnConnection { c in
            let tables = try c.rows("SELECT tablename FROM pg_tables WHERE schemaname = ? ORDER BY tablename", [.text(schema)])
                .compactMap { String.decode($0.values[0]) }
            for t in tables { _ = try c.run("VACUUM FULL \(quoted(schema)).\(quoted(t))", []) }
            return true
        }
    }

    public func tryPlanningLock() throws -> PlanningLockAttempt {
        let connection = try pool.connect()
        let db = PostgresDB(connection: connection, backend: self)
        do {
            // Both keys are this program's numbers (int4, as the two-key form takes), not input.
            let got = try db.rows("SELECT pg_try_advisory_lock(\(Self.planningLockKey), \(cityHash))", [])
            if got.first?.values.first == .integer(1) {
                return .acquired(PostgresPlanningLock(connection: connection, key: Self.planningLockKey, city: cityHash))
            }
            connection.close().whenComplete { _ in }
            return .busy
        } catch {
            connection.close().whenComplete { _ in }
            throw error
        }
    }

    // MARK: cities

    /// The cities of `location`'s database, by name.
    public static func cities(_ location: PostgresLocation) throws -> [String] {
        try shared(location.withCity(nil)).onOwnConnection { c in
            let exists = try c.rows("SELECT to_regclass('public.xiangxing_city') IS NOT NULL", [])
            guard exists.first?.values.first == .integer(1) else { return [] }
            return try c.rows("""
                SELECT c.name FROM public.xiangxing_city c JOIN pg_namespace n ON n.nspname = 'city_' || c.name ORDER BY c.name
                """, []).compactMap { String.decode($0.values[0]) }
        }
    }

    /// Removes `location`'s city: its schema, all its tables and its entry
    /// in `public.xiangxing_city`. For tests and for an administrator who
    /// means it; nothing asks first.
    public static func dropCity(_ location: PostgresLocation) throws {
        let b = try shared(location)
        try b.onOwnConnection { c in
            _ = try c.run("DROP SCHEMA IF EXISTS \(quoted(b.schema)) CASCADE", [])
            let exists = try c.rows("SELECT to_regclass('public.xiangxing_city') IS NOT NULL", [])
            if exists.first?.values.first == .integer(1) {
                _ = try c.run("DELETE FROM public.xiangxing_city WHERE name = ?", [.text(b.city)])
            }
        }
        b.pool.setMigrated(city: b.city, nil)
    }

    /// `body` on a borrowed connection outside any transaction of ours
    /// (each statement its own).
    private func onOwnConnection<T>(_ body: (PostgresDB) throws -> T) throws -> T {
        var (connection, fresh) = try pool.borrow()
        while true {
            let db = PostgresDB(connection: connection, backend: self)
            do {
                let r = try body(db)
                pool.giveBack(connection, reusable: !db.broken)
                return r
            } catch {
                pool.giveBack(connection, reusable: false)
                // A reused connection found closed before anything ran: once more on another.
                guard !fresh, db.broken, db.statementsRun <= 1 else { throw error }
                (connection, fresh) = try pool.borrow()
            }
        }
    }
}

/// The planning lock: held as long as its connection is open.
final class PostgresPlanningLock: PlanningLock, @unchecked Sendable {
    private let lock = NSLock()
    private var connection: PostgresConnection?
    private let key: Int32, city: Int32

    init(connection: PostgresConnection, key: Int32, city: Int32) {
        self.connection = connection; self.key = key; self.city = city
    }

    func release() {
        let c: PostgresConnection? = lock.withLock { defer { connection = nil }; return connection }
        guard let c else { return }
        var binds = PostgresBindings(capacity: 2)
        binds.append(key); binds.append(city)
        _ = try? c.query(PostgresQuery(unsafeSQL: "SELECT pg_advisory_unlock($1, $2)", binds: binds), logger: PostgresPool.logger).wait()
        _ = try? c.close().wait()
    }

    deinit {
        if let connection { connection.close().whenComplete { _ in } }
    }
}

/// One transaction's (or one plain connection's) statements.
final class PostgresDB: StoreDB {
    let connection: PostgresConnection
    let backend: PostgresBackend
    /// The connection failed: not to be lent again.
    private(set) var broken = false
    private(set) var statementsRun = 0

    init(connection: PostgresConnection, backend: PostgresBackend) {
        self.connection = connection; self.backend = backend
    }

    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int {
        try run(sql, arguments.values).metadata.rows ?? 0
    }

    func rows(sql: String, arguments: SQLArguments) throws -> [StoreRow] {
        try rows(sql, arguments.values)
    }

    func insert(into table: String, columns: [String], rows: [[SQLValue]]) throws {
        guard !rows.isEmpty, !columns.isEmpty else { return }
        let perStatement = max(1, min(500, 65535 / columns.count))
        let head = "INSERT INTO \(quoted(table)) (\(columns.map(quoted).joined(separator: ", "))) VALUES "
        let tuple = "(" + Array(repeating: "?", count: columns.count).joined(separator: ", ") + ")"
        var start = 0
        while start < rows.count {
            let chunk = rows[start..<min(rows.count, start + perStatement)]
            var values: [SQLValue] = []
            values.reserveCapacity(chunk.count * columns.count)
            for r in chunk {
                precondition(r.count == columns.count, "the store inserts \(r.count) values into \(columns.count) columns of \(table)")
                values += r
            }
            _ = try run(head + Array(repeating: tuple, count: chunk.count).joined(separator: ", "), values)
            start += chunk.count
        }
    }

    func rows(_ sql: String, _ values: [SQLValue]) throws -> [StoreRow] {
        let result = try run(sql, values)
        guard let first = result.rows.first else { return [] }
        let columns = first.map(\.columnName)
        var out: [StoreRow] = []
        out.reserveCapacity(result.rows.count)
        for row in result.rows {
            var cells: [SQLValue] = []
            cells.reserveCapacity(columns.count)
            for cell in row {
                guard let v = PostgresSQL.value(cell) else {
                    throw StoreError.database(store: backend.displayName, Bilingual(
                        zh: "列 \(cell.columnName) 的类型（PostgreSQL 类型编号 \(cell.dataType.rawValue)）不是本程序读取的类型 — 在语句中转换它（CAST(… AS TEXT/BIGINT)）；语句：\(sql)",
                        en: "the column \(cell.columnName) has a type (PostgreSQL type \(cell.dataType.rawValue)) the store does not read — cast it in the query (CAST(… AS TEXT/BIGINT)); the statement: \(sql)"))
                }
                cells.append(v)
            }
            out.append(StoreRow(columns: columns, values: cells))
        }
        return out
    }

    /// Runs one statement of the store's, `?`s numbered and `values` bound.
    @discardableResult
    func run(_ sql: String, _ values: [SQLValue]) throws -> PostgresQueryResult {
        let (text, count) = PostgresSQL.numbered(sql)
        guard count == values.count else {
            throw StoreError.database(store: backend.displayName, Bilingual(
                zh: "语句有 \(count) 个 ?，却给了 \(values.count) 个值 — 这是本程序的缺陷，请报告；语句：\(sql)",
                en: "the statement has \(count) ? but \(values.count) values were given — a defect of this program; please report it; the statement: \(sql)"))
        }
        statementsRun += 1
        do {
            return try connection.query(PostgresQuery(unsafeSQL: text, binds: PostgresSQL.bindings(values)), logger: PostgresPool.logger).wait()
        } catch {
            if PostgresFailure.isConnectionLost(error) || connection.isClosed { broken = true }
            throw PostgresFailure.storeError(error, store: backend.displayName, server: backend.location, sql: sql)
        }
    }
}
