/// What the store's SQL reads and writes, the same on both backends
/// (SQLite through GRDB, PostgreSQL through postgres-nio): the store's
/// tables hold only these five kinds of value. A boolean is the integer 0
/// or 1 on both (PostgreSQL's `SMALLINT`), so SQL written for one reads the
/// same on the other.
public enum SQLValue: Sendable, Equatable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])
}

/// A Swift value that can be bound to a `?` of the store's SQL.
public protocol SQLBindable: Sendable {
    var sqlValue: SQLValue { get }
}

extension String: SQLBindable { public var sqlValue: SQLValue { .text(self) } }
extension Int: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Int64: SQLBindable { public var sqlValue: SQLValue { .integer(self) } }
extension Int32: SQLBindable { public var sqlValue: SQLValue { .integer(Int64(self)) } }
extension Double: SQLBindable { public var sqlValue: SQLValue { .real(self) } }
extension Bool: SQLBindable { public var sqlValue: SQLValue { .integer(self ? 1 : 0) } }
extension SQLValue: SQLBindable { public var sqlValue: SQLValue { self } }
extension Optional: SQLBindable where Wrapped: SQLBindable {
    public var sqlValue: SQLValue { self?.sqlValue ?? .null }
}

/// The values bound to a statement's `?`s, in order: `[sid, "T012", nil]`.
public struct SQLArguments: Sendable, ExpressibleByArrayLiteral, Equatable {
    public var values: [SQLValue]
    public init(_ values: [SQLValue]) { self.values = values }
    public init(arrayLiteral elements: (any SQLBindable)?...) {
        values = elements.map { $0?.sqlValue ?? .null }
    }
}

/// A Swift value a column can be read as. Reading a value of another kind
/// (text as an integer) is a defect of the store's own code, not of any
/// input: the store wrote every value it reads.
public protocol SQLDecodable {
    static func decode(_ value: SQLValue) -> Self?
}

extension String: SQLDecodable {
    public static func decode(_ value: SQLValue) -> String? {
        switch value {
        case .text(let s): s
        case .integer(let i): String(i)
        case .real(let d): String(d)
        default: nil
        }
    }
}
extension Int64: SQLDecodable {
    public static func decode(_ value: SQLValue) -> Int64? {
        switch value {
        case .integer(let i): i
        case .real(let d) where d == d.rounded() && abs(d) < 9.2e18: Int64(d)
        case .text(let s): Int64(s)
        default: nil
        }
    }
}
extension Int: SQLDecodable {
    public static func decode(_ value: SQLValue) -> Int? { Int64.decode(value).map { Int($0) } }
}
extension Double: SQLDecodable {
    public static func decode(_ value: SQLValue) -> Double? {
        switch value {
        case .real(let d): d
        case .integer(let i): Double(i)
        case .text(let s): Double(s)
        default: nil
        }
    }
}
extension Bool: SQLDecodable {
    public static func decode(_ value: SQLValue) -> Bool? { Int64.decode(value).map { $0 != 0 } }
}
extension SQLValue: SQLDecodable {
    public static func decode(_ value: SQLValue) -> SQLValue? { value }
}
extension Optional: SQLDecodable where Wrapped: SQLDecodable {
    public static func decode(_ value: SQLValue) -> Wrapped?? {
        if case .null = value { return .some(nil) }
        return Wrapped.decode(value).map { .some($0) }
    }
}

/// One row of a query's answer: its columns by name (as the query named
/// them, lower case as the store's schema writes them) or by position.
///
///     let name: String = row["name"]
///     let phone: String? = row["phone"]
public struct StoreRow: Sendable, Equatable, CustomStringConvertible {
    public let columns: [String]
    public let values: [SQLValue]

    public init(columns: [String], values: [SQLValue]) {
        self.columns = columns; self.values = values
    }

    /// The value of the column `name`; a missing column or a value of
    /// another kind stops the program (the store's own SQL is wrong).
    public subscript<T: SQLDecodable>(_ name: String) -> T {
        guard let i = columns.firstIndex(of: name) else {
            preconditionFailure("the store's query has no column \(name) (it has \(columns))")
        }
        return self[i]
    }

    public subscript<T: SQLDecodable>(_ index: Int) -> T {
        guard let v = T.decode(values[index]) else {
            preconditionFailure("the store's column \(columns[index]) holds \(Self.kind(values[index])), not \(T.self)")
        }
        return v
    }

    public func value(_ name: String) -> SQLValue? { columns.firstIndex(of: name).map { values[$0] } }

    /// Column names and the kinds of their values — never the values, which may be personal data.
    public var description: String {
        "(" + zip(columns, values).map { "\($0): \(Self.kind($1))" }.joined(separator: ", ") + ")"
    }

    static func kind(_ v: SQLValue) -> String {
        switch v {
        case .null: "NULL"
        case .integer: "an integer"
        case .real: "a real number"
        case .text: "text"
        case .blob: "a blob"
        }
    }
}

// MARK: reading, as GRDB's `String.fetchAll(db, sql:arguments:)` reads

extension SQLDecodable {
    /// The first column of every row.
    public static func fetchAll(_ db: any StoreDB, sql: String, arguments: SQLArguments = []) throws -> [Self] {
        try db.rows(sql: sql, arguments: arguments).map { $0[0] }
    }

    /// The first column of the first row; nil when there is no row (or it is NULL).
    public static func fetchOne(_ db: any StoreDB, sql: String, arguments: SQLArguments = []) throws -> Self? {
        guard let row = try db.rows(sql: sql, arguments: arguments).first else { return nil }
        if case .null = row.values[0] { return nil }
        return row[0] as Self
    }
}

extension StoreRow {
    public static func fetchAll(_ db: any StoreDB, sql: String, arguments: SQLArguments = []) throws -> [StoreRow] {
        try db.rows(sql: sql, arguments: arguments)
    }

    public static func fetchOne(_ db: any StoreDB, sql: String, arguments: SQLArguments = []) throws -> StoreRow? {
        try db.rows(sql: sql, arguments: arguments).first
    }
}
