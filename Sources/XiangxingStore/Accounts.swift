import Foundation

import XiangxingCore

/// Who may sign in to the web application, and as what.
public enum AccountRole: String, Sendable, CaseIterable, Codable {
    /// 就业促进办公室: sees and changes everything.
    case office
    /// A trainer: their own itinerary and the classes they teach.
    case trainer
    /// A county bureau's clerk: that county's classes, people, attendance and report.
    case county
}

/// An account as the store keeps it (the password only as its bcrypt hash).
public struct StoredAccount: Sendable, Equatable {
    public var username: String
    public var role: AccountRole
    /// The county's code, for a county account.
    public var county: String?
    /// The trainer's id, for a trainer account.
    public var trainer: String?
    public var passwordHash: String
    public var failedLogins: Int
    public var lockedUntil: Date?
    public var createdAt: Date
    public var createdBy: String

    public init(username: String, role: AccountRole, county: String? = nil, trainer: String? = nil, passwordHash: String,
                failedLogins: Int = 0, lockedUntil: Date? = nil, createdAt: Date = Date(), createdBy: String = "") {
        self.username = username; self.role = role; self.county = county; self.trainer = trainer
        self.passwordHash = passwordHash; self.failedLogins = failedLogins; self.lockedUntil = lockedUntil
        self.createdAt = createdAt; self.createdBy = createdBy
    }
}

/// v5-accounts: `account`, one row per web account. Accounts belong to the
/// store, not to a scenario: a re-import keeps them.
enum AccountTable {
    static func create(_ db: SchemaBuilder) {
        db.create(table: "account") { t in
            t.column("id", .autoIncrementedID)
            t.column("username", .text, .notNull, .unique)
            t.column("role", .text, .notNull, .check(in: AccountRole.allCases.map(\.rawValue)))
            t.column("county", .text)
            t.column("trainer", .text)
            /// bcrypt, `$2b$12$…`.
            t.column("password_hash", .text, .notNull)
            t.column("failed_logins", .integer, .notNull, .defaults(to: 0))
            t.column("locked_until", .text)
            t.column("created_at", .text, .notNull)
            t.column("created_by", .text, .notNull)
        }
    }
}

extension PlanStore {
    /// Adds an account; refused when the name is taken. The log names the
    /// account and its role, never the password or its hash.
    @discardableResult
    public func addAccount(_ account: StoredAccount, by who: String) throws -> StoreEvent {
        try backend.write { db in
            if try Int.fetchOne(db, sql: "SELECT 1 FROM account WHERE username = ?", arguments: [account.username]) != nil {
                throw StoreError.accountExists(account.username)
            }
            let at = now()
            try db.execute(sql: """
                INSERT INTO account (username, role, county, trainer, password_hash, failed_logins, created_at, created_by)
                VALUES (?,?,?,?,?,0,?,?)
                """, arguments: [account.username, account.role.rawValue, account.county, account.trainer,
                                 account.passwordHash, at, who])
            let scope = account.county ?? account.trainer ?? ""
            return try record(.accountAdded, subject: account.username,
                              Bilingual(zh: "新增账号 \(account.username)（\(account.role.chinese)\(scope.isEmpty ? "" : " \(scope)")）",
                                        en: "added account \(account.username) (\(account.role.rawValue)\(scope.isEmpty ? "" : " \(scope)"))"),
                              by: who, at: at, scenario: nil, db)
        }
    }

    /// Every account, by name.
    public func accounts() throws -> [StoredAccount] {
        try backend.read { db in
            try StoreRow.fetchAll(db, sql: "SELECT * FROM account ORDER BY username").map(Self.account)
        }
    }

    public func account(named username: String) throws -> StoredAccount? {
        try backend.read { db in
            try StoreRow.fetchOne(db, sql: "SELECT * FROM account WHERE username = ?", arguments: [username]).map(Self.account)
        }
    }

    @discardableResult
    public func removeAccount(_ username: String, by who: String) throws -> StoreEvent {
        try backend.write { db in
            guard try db.execute(sql: "DELETE FROM account WHERE username = ?", arguments: [username]) > 0 else { throw StoreError.unknownAccount(username) }
            return try record(.accountRemoved, subject: username, Bilingual(zh: "删除账号 \(username)", en: "removed account \(username)"),
                              by: who, at: now(), scenario: nil, db)
        }
    }

    /// A new password (hash); also lifts a lock-out.
    @discardableResult
    public func setPassword(_ username: String, hash: String, by who: String) throws -> StoreEvent {
        try backend.write { db in
            let changed = try db.execute(sql: "UPDATE account SET password_hash = ?, failed_logins = 0, locked_until = NULL WHERE username = ?",
                                         arguments: [hash, username])
            guard changed > 0 else { throw StoreError.unknownAccount(username) }
            return try record(.passwordChanged, subject: username, Bilingual(zh: "修改账号 \(username) 的密码", en: "changed the password of \(username)"),
                              by: who, at: now(), scenario: nil, db)
        }
    }

    /// Counts a failed sign-in; from the `lockAfter`-th in a row the account
    /// is locked for `lockFor` seconds. Returns the lock's end, if locked.
    @discardableResult
    public func recordLoginFailure(_ username: String, lockAfter: Int, lockFor: TimeInterval) throws -> Date? {
        try backend.write { db in
            guard let failed = try Int.fetchOne(db, sql: "SELECT failed_logins FROM account WHERE username = ?", arguments: [username]) else {
                return nil
            }
            let count = failed + 1
            var until: Date?
            if count >= lockAfter { until = clock().addingTimeInterval(lockFor) }
            try db.execute(sql: "UPDATE account SET failed_logins = ?, locked_until = ? WHERE username = ?",
                           arguments: [until == nil ? count : 0, until.map(Timestamp.text), username])
            return until
        }
    }

    /// A successful sign-in clears the count of failures.
    public func recordLoginSuccess(_ username: String) throws {
        try backend.write { db in
            try db.execute(sql: "UPDATE account SET failed_logins = 0, locked_until = NULL WHERE username = ?", arguments: [username])
        }
    }

    /// The store's clock (tests pass their own).
    public var currentTime: Date { clock() }

    static func account(_ r: StoreRow) -> StoredAccount {
        StoredAccount(username: r["username"], role: AccountRole(rawValue: r["role"]) ?? .county, county: r["county"],
                      trainer: r["trainer"], passwordHash: r["password_hash"], failedLogins: r["failed_logins"],
                      lockedUntil: (r["locked_until"] as String?).map(Timestamp.date), createdAt: Timestamp.date(r["created_at"]),
                      createdBy: r["created_by"])
    }
}

extension AccountRole {
    public var chinese: String {
        switch self {
        case .office: "办公室"
        case .trainer: "讲师"
        case .county: "县区"
        }
    }
}
