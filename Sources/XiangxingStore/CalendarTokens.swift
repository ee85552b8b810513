import Foundation

import XiangxingCore

/// A trainer's calendar subscription (`https://HOST/calendar/<token>.ics`):
/// the secret in the URL a phone calendar polls without logging in. One is
/// live per trainer at most; creating a new one revokes the old in the same
/// transaction, so a leaked URL stops working the moment it is replaced.
/// Revoked rows stay (who created and revoked them, when), as the log's
/// entries (`calendar_token_created` / `_revoked`) do; neither ever holds
/// the token itself.
public struct CalendarToken: Hashable, Sendable {
    public var trainer: String
    /// The secret (43 characters of base64url for 32 random bytes).
    public var token: String
    /// UTC, whole seconds.
    public var createdAt: Date
    public var createdBy: String
    public var revokedAt: Date?
    public var revokedBy: String?
    public var isLive: Bool { revokedAt == nil }
}

extension PlanStore {
    /// Stores `token` as trainer `trainer`'s live subscription, revoking the
    /// one they had; both are recorded in the log under `who`. The trainer
    /// must be in the current scenario.
    @discardableResult
    public func createCalendarToken(trainer: String, token: String, by who: String) throws -> CalendarToken {
        try backend.write { db in
            let sid = try ScenarioTables.currentID(db)
            guard let sid else { throw StoreError.noScenario }
            guard try Bool.fetchOne(db, sql: "SELECT 1 FROM trainer WHERE scenario_id = ? AND id = ?", arguments: [sid.rawValue, trainer]) ?? false else {
                throw StoreError.unknownTrainer(trainer)
            }
            let at = now()
            let revoked = try CalendarTokenTable.revoke(trainer: trainer, by: who, at: at, db)
            if revoked {
                try record(.calendarTokenRevoked, subject: trainer,
                           Bilingual(zh: "讲师 \(trainer) 的日历订阅地址已作废（换新地址）", en: "calendar subscription URL of trainer \(trainer) revoked (replaced)"),
                           by: who, at: at, scenario: sid.rawValue, db)
            }
            try db.execute(sql: "INSERT INTO calendar_token (trainer, token, created_at, created_by) VALUES (?,?,?,?)",
                           arguments: [trainer, token, at, who])
            try record(.calendarTokenCreated, subject: trainer,
                       Bilingual(zh: "讲师 \(trainer) 的日历订阅地址已创建", en: "calendar subscription URL of trainer \(trainer) created"),
                       by: who, at: at, scenario: sid.rawValue, db)
            return CalendarToken(trainer: trainer, token: token, createdAt: Timestamp.date(at), createdBy: who)
        }
    }

    /// Revokes trainer `trainer`'s live subscription; false when they had none.
    @discardableResult
    public func revokeCalendarToken(trainer: String, by who: String) throws -> Bool {
        try backend.write { db in
            let at = now()
            guard try CalendarTokenTable.revoke(trainer: trainer, by: who, at: at, db) else { return false }
            try record(.calendarTokenRevoked, subject: trainer,
                       Bilingual(zh: "讲师 \(trainer) 的日历订阅地址已作废", en: "calendar subscription URL of trainer \(trainer) revoked"),
                       by: who, at: at, scenario: try ScenarioTables.currentID(db)?.rawValue, db)
            return true
        }
    }

    /// The trainer's live subscription, if any.
    public func liveCalendarToken(trainer: String) throws -> CalendarToken? {
        try backend.read { db in
            try StoreRow.fetchOne(db, sql: "SELECT * FROM calendar_token WHERE trainer = ? AND revoked_at IS NULL ORDER BY id DESC LIMIT 1",
                             arguments: [trainer]).map(CalendarTokenTable.token)
        }
    }

    /// Whose live subscription `token` is; nil for an unknown or revoked one.
    public func calendarTokenTrainer(_ token: String) throws -> String? {
        try backend.read { db in
            try String.fetchOne(db, sql: "SELECT trainer FROM calendar_token WHERE token = ? AND revoked_at IS NULL", arguments: [token])
        }
    }

    /// Every subscription the trainer had, oldest first (revoked ones too).
    public func calendarTokens(trainer: String) throws -> [CalendarToken] {
        try backend.read { db in
            try StoreRow.fetchAll(db, sql: "SELECT * FROM calendar_token WHERE trainer = ? ORDER BY id", arguments: [trainer])
                .map(CalendarTokenTable.token)
        }
    }
}

/// Rows of `calendar_token` (migration v6-calendar-tokens). Not tied to a
/// scenario: a trainer keeps their URL across imports.
enum CalendarTokenTable {
    static func create(_ db: SchemaBuilder) {
        db.create(table: "calendar_token") { t in
            t.column("id", .autoIncrementedID)
            t.column("trainer", .text, .notNull, .indexed)
            t.column("token", .text, .notNull, .unique)
            t.column("created_at", .text, .notNull)
            t.column("created_by", .text, .notNull)
            t.column("revoked_at", .text)
            t.column("revoked_by", .text)
        }
    }

    /// Revokes the trainer's live token(s); whether there was one.
    static func revoke(trainer: String, by who: String, at: String, _ db: any StoreDB) throws -> Bool {
        try db.execute(sql: "UPDATE calendar_token SET revoked_at = ?, revoked_by = ? WHERE trainer = ? AND revoked_at IS NULL",
                       arguments: [at, who, trainer]) > 0
    }

    static func token(_ r: StoreRow) -> CalendarToken {
        CalendarToken(trainer: r["trainer"], token: r["token"], createdAt: Timestamp.date(r["created_at"]), createdBy: r["created_by"],
                      revokedAt: (r["revoked_at"] as String?).map(Timestamp.date), revokedBy: r["revoked_by"])
    }
}
