import XiangxingCore

/// The two databases the store runs on, behind one narrow interface: the
/// store's code (PlanStore and its tables) is written once, against
/// `StoreBackend` and `StoreDB`, and never names GRDB or postgres-nio.
///
/// SQL is written once for both, by these rules:
/// - `?` placeholders (PostgreSQL's backend numbers them `$1, $2, …`);
///   values are always bound, never spliced into the text;
/// - identifiers that are keywords quoted with double quotes (`"end"`,
///   `"from"`, `"to"`);
/// - portable forms only: `INSERT … ON CONFLICT (…) DO NOTHING / DO UPDATE
///   SET … = excluded.…`, `RETURNING id`, `COALESCE`, `CAST(… AS BIGINT)`
///   around `SUM`; no `INSERT OR …`, `IFNULL`, `GROUP_CONCAT`, `PRAGMA`,
///   `last_insert_rowid()`;
/// - booleans are integers 0/1, text compares and sorts byte by byte
///   (PostgreSQL's columns are `COLLATE "C"`, as SQLite's BINARY).
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// One transaction's handle, given to the body of `read` or `write`.
/// Not to be kept beyond that body.
public protocol StoreDB: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs one statement; the number of rows it inserted, changed or deleted.
    @discardableResult
    func execute(sql: String, arguments: SQLArguments) throws -> Int

    /// Runs a query and returns all its rows.
    func rows(sql: String, arguments: SQLArguments) throws -> [StoreRow]

    /// Inserts many rows into one table: one prepared statement on SQLite,
    /// multi-row `INSERT`s on PostgreSQL. `table` and `columns` are the
    /// store's own names (never input); every value is bound.
    func insert(into table: String, columns: [String], rows: [[SQLValue]]) throws
}

extension StoreDB {
    @discardableResult
    public func execute(sql: String) throws -> Int { try execute(sql: sql, arguments: []) }
}

/// What a `PlanStore` stands on: SQLite (`SQLiteBackend`) or PostgreSQL
/// (`PostgresBackend`).
///
/// Concurrency, the same on both (docs/store.md):
/// - `write` bodies run one at a time per store — per city on PostgreSQL
///   (a transaction-level advisory lock taken first, then read-committed
///   statements that all see the last committed write; SQLite's
///   `BEGIN IMMEDIATE`). Writers are serial, so every history is serializable.
/// - `read` bodies see one snapshot each (PostgreSQL `REPEATABLE READ
///   READ ONLY`; SQLite WAL), taken at a point of that serial order, so a
///   report's numbers all come from one moment.
/// - A body that throws leaves the store exactly as it was (rollback).
public protocol StoreBackend: Sendable {
    var dialect: SQLDialect { get }

    /// The store for messages: the file's path, or the URL without any
    /// password, with its city.
    var displayName: String { get }

    @discardableResult func read<T>(_ body: (any StoreDB) throws -> T) throws -> T
    @discardableResult func write<T>(_ body: (any StoreDB) throws -> T) throws -> T

    /// Brings the schema up to date: each migration not yet recorded in
    /// `store_migration` runs, in order, in its own transaction with its
    /// record. An up-to-date store is left alone.
    func migrate(_ migrations: [Migration]) throws

    /// The migrations applied, in order (`["v1", "v2", …]`).
    func appliedMigrations() throws -> [String]

    /// Tells this database (and city) from any other and from itself after
    /// a restore: part of `PlanStore.changeMark()`.
    func identity() throws -> String

    /// Consistency problems the database itself finds (SQLite's
    /// integrity and foreign-key checks); empty when sound.
    func integrityProblems() throws -> [String]

    /// One planner at a time per city, held by a lock the database frees
    /// when the holder's connection ends (PostgreSQL: a session advisory
    /// lock on a connection of its own). SQLite answers `.unsupported`: its
    /// lease is the `planning` row with the process id (Planning.swift).
    func tryPlanningLock() throws -> PlanningLockAttempt

    /// Rewrites the store so deleted values are gone from the disk too
    /// (after a purge): SQLite VACUUM and the WAL folded in; PostgreSQL
    /// VACUUM FULL of the city's tables. False when that could not finish
    /// (another process keeps the WAL open: the bytes go at its next checkpoint).
    func compact() throws -> Bool
}

public enum PlanningLockAttempt: Sendable {
    /// This backend has no such lock (SQLite).
    case unsupported
    /// Taken; give it back with `release()` (or it goes with the process).
    case acquired(any PlanningLock)
    /// Another process holds it.
    case busy
}

public protocol PlanningLock: Sendable {
    func release()
}

/// Where a store is, as `--db` or `XIANGXING_DB` names it: a file path
/// (SQLite), or `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?city=NAME]`
/// (also `postgresql://`). The password may instead be in `PGPASSWORD`.
/// A city is a name of lower-case letters, digits and `_` (`nanyang`);
/// without `?city=` a command works on the city `main`.
public enum StoreLocation: Sendable, Equatable {
    case sqlite(path: String)
    case postgres(PostgresLocation)

    public static let defaultCity = "main"

    public init(_ text: String) throws {
        if text.hasPrefix("postgres://") || text.hasPrefix("postgresql://") {
            self = .postgres(try PostgresLocation(url: text))
        } else {
            self = .sqlite(path: text)
        }
    }

    /// For messages: never the password.
    public var displayName: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let p): p.displayName
        }
    }
}

public struct PostgresLocation: Sendable, Equatable, Hashable {
    public var host: String
    public var port: Int
    public var user: String
    public var password: String?
    public var database: String
    /// nil when the URL named none (commands then use `StoreLocation.defaultCity`).
    public var city: String?

    public init(host: String, port: Int = 5432, user: String, password: String? = nil, database: String, city: String? = nil) {
        self.host = host; self.port = port; self.user = user; self.password = password
        self.database = database; self.city = city
    }

    /// Parses `postgres://USER[:PASSWORD]@HOST[:PORT]/DATABASE[?city=NAME]`;
    /// the error says what is wrong and shows the form.
    public init(url: String) throws {
        let form = "postgres://USER@HOST:PORT/DATABASE?city=NAME"
        func bad(_ zh: String, _ en: String) -> StoreError { .badLocation(url: Self.redact(url), Bilingual(zh: zh + "（格式：\(form)）", en: en + " (form: \(form))")) }
        guard let scheme = url.range(of: "://") else { throw bad("不是数据库地址", "not a database URL") }
        var rest = String(url[scheme.upperBound...])
        var query = ""
        if let q = rest.firstIndex(of: "?") { query = String(rest[rest.index(after: q)...]); rest = String(rest[..<q]) }
        guard let at = rest.lastIndex(of: "@") else { throw bad("缺少用户名（USER@）", "the user is missing (USER@)") }
        let userInfo = String(rest[..<at])
        var hostPart = String(rest[rest.index(after: at)...])
        guard let slash = hostPart.firstIndex(of: "/") else { throw bad("缺少数据库名（/DATABASE）", "the database name is missing (/DATABASE)") }
        let database = String(hostPart[hostPart.index(after: slash)...])
        hostPart = String(hostPart[..<slash])
        guard !database.isEmpty, !database.contains("/") else { throw bad("缺少数据库名（/DATABASE）", "the database name is missing (/DATABASE)") }
        var host = hostPart, port = 5432
        if let colon = hostPart.lastIndex(of: ":") {
            host = String(hostPart[..<colon])
            guard let p = Int(hostPart[hostPart.index(after: colon)...]), (1...65535).contains(p) else {
                throw bad("端口不是 1–65535 之间的数", "the port is not a number from 1 to 65535")
            }
            port = p
        }
        guard !host.isEmpty else { throw bad("缺少主机名", "the host is missing") }
        var user = userInfo, password: String?
        if let colon = userInfo.firstIndex(of: ":") {
            user = String(userInfo[..<colon]); password = String(userInfo[userInfo.index(after: colon)...]).removingPercentEncodingSimple
        }
        guard !user.isEmpty else { throw bad("缺少用户名（USER@）", "the user is missing (USER@)") }
        var city: String?
        for pair in query.split(separator: "&") where !pair.isEmpty {
            let kv = pair.split(separator: "=", maxSplits: 1).map(String.init)
            guard kv.count == 2, kv[0] == "city" else { throw bad("不认识的参数 \(kv[0])（只有 city=）", "unknown parameter \(kv[0]) (only city=)") }
            guard Self.isCityName(kv[1]) else {
                throw bad("城市名“\(kv[1])”只能用小写字母、数字和下划线，以字母开头，最多 40 个字符", "the city \"\(kv[1])\" must be lower-case letters, digits and _, starting with a letter, at most 40 characters")
            }
            city = kv[1]
        }
        self.init(host: host, port: port, user: user.removingPercentEncodingSimple, password: password, database: database, city: city)
    }

    public static func isCityName(_ s: String) -> Bool {
        guard let first = s.unicodeScalars.first, ("a"..."z").contains(first), s.unicodeScalars.count <= 40 else { return false }
        return s.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    /// The city a command works on.
    public var cityOrDefault: String { city ?? StoreLocation.defaultCity }

    /// The same database, another city.
    public func withCity(_ c: String?) -> PostgresLocation { var l = self; l.city = c; return l }

    /// The URL again, password and all (`%`-escaped): to open the store
    /// with, never to show (`displayName` is for messages).
    public var url: String {
        func escaped(_ s: String) -> String {
            var out = ""
            for b in s.utf8 {
                let c = Character(Unicode.Scalar(b))
                if b < 0x80, c.isLetter || c.isNumber || "-._~".contains(c) { out.append(c) } else { out += "%" + String(b, radix: 16, uppercase: true).leftPadded2 }
            }
            return out
        }
        let auth = escaped(user) + (password.map { ":" + escaped($0) } ?? "")
        return "postgres://\(auth)@\(host):\(port)/\(database)" + (city.map { "?city=\($0)" } ?? "")
    }

    /// `postgres://user@host:5432/db?city=nanyang` — no password.
    public var displayName: String {
        "postgres://\(user)@\(host):\(port)/\(database)" + (city.map { "?city=\($0)" } ?? "")
    }

    /// A URL as typed, with any password replaced by `***`.
    public static func redact(_ url: String) -> String {
        guard let scheme = url.range(of: "://"), let at = url[scheme.upperBound...].lastIndex(of: "@") else { return url }
        let userInfo = url[scheme.upperBound..<at]
        guard let colon = userInfo.firstIndex(of: ":") else { return url }
        return String(url[..<colon]) + ":***" + String(url[at...])
    }
}

extension String {
    var leftPadded2: String { count < 2 ? "0" + self : self }

    /// `%XX` escapes decoded (a password with `@` or `:` in a URL), without Foundation.
    var removingPercentEncodingSimple: String {
        guard contains("%") else { return self }
        var bytes: [UInt8] = []
        var it = Array(utf8)[...]
        while let b = it.popFirst() {
            if b == UInt8(ascii: "%"), it.count >= 2, let v = UInt8(String(decoding: it.prefix(2), as: UTF8.self), radix: 16) {
                bytes.append(v); it = it.dropFirst(2)
            } else { bytes.append(b) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}

/// A statement to run many times with other values (`INSERT … VALUES (?,?)`
/// in a loop): SQLite keeps it prepared; PostgreSQL sends it each time
/// (prefer `StoreDB.insert` for many rows there).
public struct StoreStatement {
    let db: any StoreDB
    public let sql: String

    @discardableResult
    public func execute(arguments: SQLArguments) throws -> Int { try db.execute(sql: sql, arguments: arguments) }
}

extension StoreDB {
    public func statement(_ sql: String) -> StoreStatement { StoreStatement(db: self, sql: sql) }
}

/// Rows gathered for one table, to send with `StoreDB.insert` at once; its
/// `execute(arguments:)` reads like a prepared statement's.
public final class RowBatch {
    public private(set) var rows: [[SQLValue]] = []
    public init() {}
    public func execute(arguments: SQLArguments) { rows.append(arguments.values) }
}
