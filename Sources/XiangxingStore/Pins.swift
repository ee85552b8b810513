import Foundation

import XiangxingCore

/// Pins: what the office has fixed by hand for a session, for the planner
/// to keep. Dates, trainers and venue are pinned independently; pinning
/// one never touches the others. Pins belong to the session id, which
/// stays the same in every plan version, so they outlive re-imports.
extension PlanStore {
    /// Pins what is given (non-nil) and leaves the rest as it was. Checked
    /// against the current scenario: the session exists; dates are that
    /// many distinct days of the period in order; trainers are the number
    /// its kind needs, each known and qualified; the venue is in its county.
    ///
    ///     try store.pin(session: "D001-2", dates: nil, trainers: ["T004", "T009"], venue: nil,
    ///                   by: "office", reason: "县局点名")
    @discardableResult
    public func pin(session: String, dates: [Day]?, trainers: [String]?, venue: String?, by who: String,
                    reason: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            let target = try sessionTarget(session, sid, db)
            func refuse(_ zh: String, _ en: String) -> StoreError {
                .invalidPin(session: session, problem: Bilingual(zh: zh, en: en))
            }
            guard dates != nil || trainers != nil || venue != nil else {
                throw refuse("没有给出要固定的日期、讲师或场地", "give dates, trainers or a venue to pin")
            }
            var values: [(PinKind, String)] = []
            var zh: [String] = [], en: [String] = []
            if let dates {
                let period = try self.period(sid, db)
                guard dates.count == target.days else {
                    throw refuse("需要 \(target.days) 个日期，给了 \(dates.count) 个", "it takes \(target.days) dates, \(dates.count) given")
                }
                guard zip(dates, dates.dropFirst()).allSatisfy({ $0 < $1 }) else {
                    throw refuse("日期应从早到晚排列且不重复", "dates must be in order, without repeats")
                }
                if let outside = dates.first(where: { !period.contains($0) }) {
                    throw refuse("\(outside) 不在规划期 \(period.lowerBound)..\(period.upperBound) 内",
                                 "\(outside) is outside the period \(period.lowerBound)..\(period.upperBound)")
                }
                let text = dates.map(\.iso).joined(separator: ";")
                values.append((.dates, text)); zh.append("日期 \(text)"); en.append("dates \(text)")
            }
            if let trainers {
                guard trainers.count == target.trainers, Set(trainers).count == trainers.count else {
                    throw refuse("需要 \(target.trainers) 位不同的讲师，给了 \(trainers.count) 位",
                                 "it takes \(target.trainers) distinct trainers, \(trainers.count) given")
                }
                for t in trainers {
                    _ = try trainerName(t, sid, db)
                    guard try Bool.fetchOne(db, sql: """
                        SELECT EXISTS (SELECT 1 FROM trainer_qualification WHERE scenario_id = ? AND trainer = ? AND kind = ?)
                        """, arguments: [sid, t, target.kind]) == true else {
                        throw refuse("讲师 \(t) 没有“\(target.kind)”资格", "trainer \(t) is not qualified for \"\(target.kind)\"")
                    }
                }
                let text = trainers.joined(separator: ";")
                values.append((.trainers, text)); zh.append("讲师 \(text)"); en.append("trainers \(text)")
            }
            if let venue {
                guard let county = try String.fetchOne(db, sql: "SELECT county FROM venue WHERE scenario_id = ? AND id = ?",
                                                       arguments: [sid, venue]) else { throw StoreError.unknownVenue(venue) }
                guard county == target.county else {
                    throw refuse("场地 \(venue) 在 \(county)，场次在 \(target.county)",
                                 "venue \(venue) is in \(county), the session in \(target.county)")
                }
                values.append((.venue, venue)); zh.append("场地 \(venue)"); en.append("venue \(venue)")
            }
            let at = now()
            let upsert = db.statement("""
                INSERT INTO pin (session, what, value, pinned_at, pinned_by, reason) VALUES (?,?,?,?,?,?)
                ON CONFLICT (session, what) DO UPDATE SET value = excluded.value, pinned_at = excluded.pinned_at,
                    pinned_by = excluded.pinned_by, reason = excluded.reason
                """)
            for (what, value) in values { try upsert.execute(arguments: [session, what.rawValue, value, at, who, reason]) }
            return try record(.pinned, subject: session,
                              Bilingual(zh: "固定场次 \(session) 的\(zh.joined(separator: "、"))\(reason.isEmpty ? "" : "：" + reason)",
                                        en: "pinned \(en.joined(separator: ", ")) of session \(session)\(reason.isEmpty ? "" : ": " + reason)"),
                              by: who, at: at, scenario: sid, db)
        }
    }

    /// Frees one kind of pin of a session; the others stay.
    @discardableResult
    public func unpin(session: String, what: PinKind, by who: String) throws -> StoreEvent {
        try backend.write { db in
            guard try db.execute(sql: "DELETE FROM pin WHERE session = ? AND what = ?", arguments: [session, what.rawValue]) > 0 else { throw StoreError.notPinned(session: session, what: what) }
            return try record(.unpinned, subject: session,
                              Bilingual(zh: "取消固定场次 \(session) 的\(what.chinese)", en: "unpinned the \(what.rawValue) of session \(session)"),
                              by: who, at: now(), scenario: try ScenarioTables.currentID(db)?.rawValue, db)
        }
    }

    /// Session id → its pins. Sessions with nothing pinned are absent.
    public func pins() throws -> [String: SessionPins] {
        try backend.read { db in try Self.pins(db) }
    }

    static func pins(_ db: any StoreDB) throws -> [String: SessionPins] {
        do {
            var out: [String: SessionPins] = [:]
            for r in try StoreRow.fetchAll(db, sql: "SELECT session, what, value FROM pin") {
                let session: String = r["session"], value: String = r["value"]
                switch PinKind(rawValue: r["what"]) {
                case .dates: out[session, default: SessionPins()].dates = try list(value).map(storedDay)
                case .trainers: out[session, default: SessionPins()].trainers = list(value)
                case .venue: out[session, default: SessionPins()].venue = value
                case nil: continue
                }
            }
            return out
        }
    }

    /// What a session id stands for in the current scenario.
    private struct SessionTarget {
        var kind: String
        var county: String
        var days: Int
        var trainers: Int
    }

    /// `D001-2` (2nd class of demand D001) or `XCX-2019-09@411328` (a tour stop).
    private func sessionTarget(_ session: String, _ sid: Int64, _ db: any StoreDB) throws -> SessionTarget {
        func kind(_ code: String) throws -> (days: Int, trainers: Int) {
            let r = try StoreRow.fetchOne(db, sql: "SELECT days, trainers FROM kind WHERE scenario_id = ? AND code = ?", arguments: [sid, code])
            return (r?["days"] ?? 0, r?["trainers"] ?? 0)
        }
        if let at = session.lastIndex(of: "@") {
            let tour = String(session[..<at]), county = String(session[session.index(after: at)...])
            if let r = try StoreRow.fetchOne(db, sql: """
                SELECT s.days, t.kind FROM tour_stop s JOIN tour t ON t.scenario_id = s.scenario_id AND t.id = s.tour
                WHERE s.scenario_id = ? AND s.tour = ? AND s.county = ?
                """, arguments: [sid, tour, county]) {
                let code: String = r["kind"]
                return SessionTarget(kind: code, county: county, days: r["days"], trainers: try kind(code).trainers)
            }
        } else if let dash = session.lastIndex(of: "-"), let n = Int(session[session.index(after: dash)...]) {
            let demand = String(session[..<dash])
            if let r = try StoreRow.fetchOne(db, sql: "SELECT county, kind, classes FROM demand WHERE scenario_id = ? AND id = ?",
                                        arguments: [sid, demand]), (1...max(1, r["classes"] as Int)).contains(n) {
                let code: String = r["kind"]
                let k = try kind(code)
                return SessionTarget(kind: code, county: r["county"], days: k.days, trainers: k.trainers)
            }
        }
        throw StoreError.unknownSession(session)
    }
}

private func list(_ text: String) -> [String] {
    text.isEmpty ? [] : text.split(separator: ";", omittingEmptySubsequences: false).map(String.init)
}
