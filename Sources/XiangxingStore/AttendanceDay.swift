import Foundation

import XiangxingCore

/// What is stored for one class day or stop day.
public struct StoredAttendanceDay: Sendable, Equatable {
    /// Resident ID → present, for a class day (empty when nothing is recorded).
    public var present: [String: Bool]
    /// Mentees of a stop day, nil when nothing is recorded.
    public var mentees: Int?
    public var isRecorded: Bool { !present.isEmpty || mentees != nil }
}

/// Attendance entered day by day on a page (a county clerk's grid): each
/// save replaces that session's records of that day only, leaves its other
/// days as they are, and is logged with who saved it (never the IDs).
extension PlanStore {
    /// The records of `session` on `day`.
    public func attendanceDay(session: String, day: Day) throws -> StoredAttendanceDay {
        try backend.read { db in
            var present: [String: Bool] = [:]
            for r in try StoreRow.fetchAll(db, sql: "SELECT id_number, present FROM attendance_training WHERE session = ? AND day = ?",
                                      arguments: [session, day.iso]) {
                present[r["id_number"]] = r["present"]
            }
            let mentees = try Int.fetchOne(db, sql: "SELECT mentees FROM attendance_mentoring WHERE session = ? AND day = ?",
                                           arguments: [session, day.iso])
            return StoredAttendanceDay(present: present, mentees: mentees)
        }
    }

    /// Replaces the records of class `session` on `day` (plan version `n`):
    /// one row per person seated in it, present when in `present`.
    ///
    ///     try store.recordClassDay(session: "D032-1", day: d("2019-03-05"), present: ["411328…"], version: 1, by: "tanghe")
    @discardableResult
    public func recordClassDay(session id: String, day: Day, present: Set<String>, version n: Int, by who: String) throws -> StoreEvent {
        guard let v = try version(n) else { throw StoreError.unknownVersion(n) }
        let session = try Self.heldOn(id, day, in: v, type: .trainingClass)
        let seated = v.plan.assignments?[id] ?? []
        guard present.isSubset(of: seated) else {
            throw StoreError.unknownAttendee(masked: present.subtracting(seated).first.map(ResidentID.masked) ?? "", kind: session.kind)
        }
        return try backend.write { db in
            try db.execute(sql: "DELETE FROM attendance_training WHERE session = ? AND day = ?", arguments: [id, day.iso])
            let came = seated.filter(present.contains).count
            let event = try record(.attendanceImported, subject: id,
                Bilingual(zh: "网页录入出勤（第 \(n) 版计划）：期次 \(id) \(day.iso) 到场 \(came) / \(seated.count) 人",
                          en: "attendance entered on the web (plan version \(n)): class \(id) \(day.iso), \(came) of \(seated.count) present"),
                by: who, at: now(), scenario: v.info.scenario.rawValue, version: n, db)
            let insert = db.statement("""
                INSERT INTO attendance_training (session, id_number, day, present, version, event_id, file, line) VALUES (?,?,?,?,?,?,?,?)
                """)
            for (i, person) in seated.enumerated() {
                try insert.execute(arguments: [id, person, day.iso, present.contains(person), n, event.id, Self.webEntry, i + 1])
            }
            return event
        }
    }

    /// Replaces the mentees of stop `session` on `day` (plan version `n`).
    @discardableResult
    public func recordStopDay(session id: String, day: Day, mentees: Int, version n: Int, by who: String) throws -> StoreEvent {
        guard let v = try version(n) else { throw StoreError.unknownVersion(n) }
        _ = try Self.heldOn(id, day, in: v, type: .tourStop)
        guard mentees >= 0 else {
            throw StoreError.invalidPin(session: id, problem: Bilingual(zh: "帮扶人次不能为负数", en: "mentees cannot be negative"))
        }
        return try backend.write { db in
            try db.execute(sql: "DELETE FROM attendance_mentoring WHERE session = ? AND day = ?", arguments: [id, day.iso])
            let event = try record(.attendanceImported, subject: id,
                Bilingual(zh: "网页录入出勤（第 \(n) 版计划）：站点 \(id) \(day.iso) 帮扶 \(mentees) 人次",
                          en: "attendance entered on the web (plan version \(n)): stop \(id) \(day.iso), \(mentees) mentees"),
                by: who, at: now(), scenario: v.info.scenario.rawValue, version: n, db)
            try db.execute(sql: """
                INSERT INTO attendance_mentoring (session, day, mentees, version, event_id, file, line) VALUES (?,?,?,?,?,?,?)
                """, arguments: [id, day.iso, mentees, n, event.id, Self.webEntry, 1])
            return event
        }
    }

    /// The `file` the records of a page carry.
    public static let webEntry = "网页录入"

    private static func heldOn(_ id: String, _ day: Day, in v: StoredVersion, type: SessionType) throws -> Session {
        guard let s = v.plan.sessions.first(where: { $0.id == id && $0.type == type }) else { throw StoreError.unknownSession(id) }
        guard s.dates.contains(day) else {
            throw StoreError.invalidRange(from: day, through: day)
        }
        return s
    }
}
