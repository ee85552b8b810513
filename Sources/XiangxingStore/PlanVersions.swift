import Foundation

import XiangxingCore
import XiangxingIO

/// Writes a plan version into the plan tables and reads it back exactly:
/// sessions in their order, each one's dates and trainers in theirs,
/// assignments in file order, unscheduled rows, summary and extra files.
enum PlanVersions {
    static func exists(_ n: Int, _ db: any StoreDB) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM plan_version WHERE number = ?)", arguments: [n]) ?? false
    }

    static func insert(_ plan: Plan, summary: PlanSummary, scenario: Int64, parent: Int?, at: String, author: String,
                       reason: String, lastEvent: Int64?, extraFiles: [StoredFile], _ db: any StoreDB) throws -> Int {
        let n = (try Int.fetchOne(db, sql: "SELECT MAX(number) FROM plan_version") ?? 0) + 1
        try db.execute(sql: """
            INSERT INTO plan_version (number, scenario_id, parent, created_at, author, reason, last_event_id, has_assignments,
                                      scheduled, unscheduled, travel_km, hard_violations, solve_seconds)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            """, arguments: [n, scenario, parent, at, author, reason, lastEvent, plan.assignments != nil,
                             summary.scheduled, summary.unscheduled, summary.travel_km, summary.hard_violations,
                             summary.solve_seconds])
        let session = RowBatch(), date = RowBatch(), trainer = RowBatch()
        for (i, s) in plan.sessions.enumerated() {
            session.execute(arguments: [n, i, s.id, s.type.rawValue, s.kind, s.county, s.venue, s.ref, s.team, s.attendees])
            for (j, d) in s.dates.enumerated() { date.execute(arguments: [n, s.id, j, d.iso]) }
            for (j, t) in s.trainers.enumerated() { trainer.execute(arguments: [n, s.id, j, t]) }
        }
        try db.insert(into: "plan_session", columns: ["version", "position", "session", "type", "kind", "county", "venue", "ref",
                                                      "team", "attendees"], rows: session.rows)
        try db.insert(into: "plan_session_date", columns: ["version", "session", "position", "day"], rows: date.rows)
        try db.insert(into: "plan_session_trainer", columns: ["version", "session", "position", "trainer"], rows: trainer.rows)
        let assignment = RowBatch()
        for (sessionID, ids) in (plan.assignments ?? [:]).sorted(by: { $0.key < $1.key }) {
            for (j, id) in ids.enumerated() { assignment.execute(arguments: [n, sessionID, j, id]) }
        }
        try db.insert(into: "plan_assignment", columns: ["version", "session", "position", "id_number"], rows: assignment.rows)
        let unscheduled = RowBatch()
        for (i, u) in plan.unscheduled.enumerated() {
            unscheduled.execute(arguments: [n, i, u.ref, u.type.rawValue, u.county, u.kind, u.reason])
        }
        try db.insert(into: "plan_unscheduled", columns: ["version", "position", "ref", "type", "county", "kind", "reason"],
                      rows: unscheduled.rows)
        let file = RowBatch()
        for f in extraFiles { file.execute(arguments: [n, f.name, f.text]) }
        try db.insert(into: "plan_file", columns: ["version", "name", "text"], rows: file.rows)
        return n
    }

    static func info(_ r: StoreRow) -> VersionInfo {
        VersionInfo(number: r["number"], scenario: ScenarioID(r["scenario_id"]), parent: r["parent"],
                    createdAt: Timestamp.date(r["created_at"]), author: r["author"], reason: r["reason"],
                    lastEventID: r["last_event_id"],
                    summary: PlanSummary(scheduled: r["scheduled"], unscheduled: r["unscheduled"], travelKm: r["travel_km"],
                                         hardViolations: r["hard_violations"], solveSeconds: r["solve_seconds"]))
    }

    static func infos(_ db: any StoreDB) throws -> [VersionInfo] {
        try StoreRow.fetchAll(db, sql: "SELECT * FROM plan_version ORDER BY number").map(info)
    }

    static func load(_ n: Int, _ db: any StoreDB) throws -> StoredVersion? {
        guard let top = try StoreRow.fetchOne(db, sql: "SELECT * FROM plan_version WHERE number = ?", arguments: [n]) else { return nil }
        func lists(_ table: String, _ column: String) throws -> [String: [String]] {
            var out: [String: [String]] = [:]
            for r in try StoreRow.fetchAll(db, sql: "SELECT session, \(column) FROM \(table) WHERE version = ? ORDER BY session, position",
                                         arguments: [n]) {
                out[r[0], default: []].append(r[1])
            }
            return out
        }
        let dates = try lists("plan_session_date", "day")
        let trainers = try lists("plan_session_trainer", "trainer")
        let sessions = try StoreRow.fetchAll(db, sql: "SELECT * FROM plan_session WHERE version = ? ORDER BY position", arguments: [n])
            .map { r -> Session in
                let id: String = r["session"]
                return Session(id: id, type: SessionType(rawValue: r["type"]) ?? .trainingClass, kind: r["kind"],
                               county: r["county"], venue: r["venue"], dates: try (dates[id] ?? []).map(storedDay),
                               trainers: trainers[id] ?? [], ref: r["ref"], team: r["team"], attendees: r["attendees"])
            }
        let assignments: [String: [String]]? = top["has_assignments"] as Bool ? try lists("plan_assignment", "id_number") : nil
        let unscheduled = try StoreRow.fetchAll(db, sql: "SELECT * FROM plan_unscheduled WHERE version = ? ORDER BY position", arguments: [n])
            .map { r in
                UnscheduledItem(ref: r["ref"], type: SessionType(rawValue: r["type"]) ?? .trainingClass, county: r["county"],
                                kind: r["kind"], reason: r["reason"])
            }
        let files = try StoreRow.fetchAll(db, sql: "SELECT name, text FROM plan_file WHERE version = ? ORDER BY name", arguments: [n])
            .map { StoredFile(name: $0["name"], text: $0["text"]) }
        return StoredVersion(info: info(top), plan: Plan(sessions: sessions, assignments: assignments, unscheduled: unscheduled),
                             extraFiles: files)
    }
}
