import Foundation

/// Signed-in sessions, in the server's memory: a restart signs everyone out
/// (they sign in again). The cookie holds a random 256-bit token; the page
/// forms carry a second one (CSRF).
actor SessionBook {
    struct Session: Sendable {
        var username: String
        /// The city signed in to (a server of several); nil for a server of one store.
        var city: String?
        var csrf: String
        var started: Date
        var lastSeen: Date
    }

    /// Idle sessions end after 8 hours; any session after 12.
    static let idleLimit: TimeInterval = 8 * 3600
    static let lifeLimit: TimeInterval = 12 * 3600

    private var sessions: [String: Session] = [:]

    func open(for username: String, city: String? = nil, now: Date = Date()) -> (token: String, csrf: String) {
        sweep(now)
        let token = Tokens.random(), csrf = Tokens.random()
        sessions[token] = Session(username: username, city: city, csrf: csrf, started: now, lastSeen: now)
        return (token, csrf)
    }

    /// The session of a cookie's token, if it is alive (touching it).
    func session(_ token: String, now: Date = Date()) -> Session? {
        guard var s = sessions[token] else { return nil }
        guard now.timeIntervalSince(s.lastSeen) < Self.idleLimit, now.timeIntervalSince(s.started) < Self.lifeLimit else {
            sessions[token] = nil
            return nil
        }
        s.lastSeen = now
        sessions[token] = s
        return s
    }

    func close(_ token: String) { sessions[token] = nil }

    /// Ends every session of an account (removed, or its password changed).
    func closeAll(of username: String, city: String? = nil) {
        sessions = sessions.filter { $0.value.username != username || $0.value.city != city }
    }

    private func sweep(_ now: Date) {
        sessions = sessions.filter { now.timeIntervalSince($0.value.lastSeen) < Self.idleLimit && now.timeIntervalSince($0.value.started) < Self.lifeLimit }
    }
}

enum Tokens {
    /// 32 random bytes, base64url without padding (43 characters).
    static func random() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
    }

    /// Compares two tokens in time independent of where they differ.
    static func equal(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in x.indices { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
