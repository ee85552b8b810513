import Foundation
import XiangxingCore
import XiangxingStore

/// A trainer's personal calendar subscription: a secret URL
/// (`https://HOST/calendar/<token>.ics`) the phone's calendar polls without
/// logging in, answering the same ICS `xiangxing itinerary --format ics`
/// writes (earlier versions' events kept, dropped ones cancelled). The token
/// is 32 random bytes in base64url; revoking (or replacing) it makes the
/// old URL answer nothing. The log names who made or revoked one; the token
/// itself is never logged.
///
///     let t = try CalendarFeeds.create(office, trainer: "T001")
///     let ics = try CalendarFeeds.feed(office, token: t.token)   // "BEGIN:VCALENDAR…"
public enum CalendarFeeds {
    /// 32 bytes from the system's cryptographic generator (getrandom), base64url without padding: 43 characters.
    public static func newToken() -> String {
        var rng = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &rng) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// Whether `text` has a token's shape (43 base64url characters): anything else is refused before the store is asked.
    public static func looksLikeToken(_ text: String) -> Bool {
        text.utf8.count == 43 && text.utf8.allSatisfy { c in
            (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
        }
    }

    /// The trainer's live subscription, if any.
    public static func current(_ office: OfficeStore, trainer: String) throws -> CalendarToken? {
        let store = try office.openExisting()
        return try office.attempt { try store.liveCalendarToken(trainer: trainer) }
    }

    /// A new subscription for the trainer, replacing (revoking) the one they had.
    public static func create(_ office: OfficeStore, trainer: String) throws -> CalendarToken {
        let store = try office.openExisting()
        return try office.attempt { try store.createCalendarToken(trainer: trainer, token: newToken(), by: office.who) }
    }

    /// Revokes the trainer's subscription; false when there was none.
    @discardableResult
    public static func revoke(_ office: OfficeStore, trainer: String) throws -> Bool {
        let store = try office.openExisting()
        return try office.attempt { try store.revokeCalendarToken(trainer: trainer, by: office.who) }
    }

    /// The feed behind `token`: the trainer and their calendar; nil for a
    /// token that is unknown, revoked or malformed.
    public static func feed(_ office: OfficeStore, token: String) throws -> (trainer: String, ics: String)? {
        guard looksLikeToken(token) else { return nil }
        let store = try office.openExisting()
        guard let trainer = try office.attempt({ try store.calendarTokenTrainer(token) }) else { return nil }
        let made = try Itineraries.prepare(.store(office, version: nil), store: office.path, trainer: trainer,
                                           language: office.language, notice: { _ in })
        guard let it = made.itineraries.first else { return nil }
        return (trainer, try made.calendar(it))
    }
}
