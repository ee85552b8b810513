import Foundation

import XiangxingCore

/// The programme's milestones (milestones.csv), stored with the scenario
/// they were imported with: each import brings its own, and `milestones()`
/// reads those of the current scenario.
extension PlanStore {
    /// Stores `milestones` for scenario `id`, replacing any it had, in one transaction.
    public func saveMilestones(_ milestones: [Milestone], scenario id: ScenarioID) throws {
        try backend.write { db in
            guard try ScenarioTables.info(id, db) != nil else { throw StoreError.noScenario }
            try MilestoneTable.replace(milestones, scenario: id.rawValue, db)
        }
    }

    /// The current scenario's milestones in file order; empty when it had none
    /// (or there is no scenario yet).
    public func milestones() throws -> [Milestone] {
        try backend.read { db in
            guard let id = try ScenarioTables.currentID(db) else { return [] }
            return try MilestoneTable.load(scenario: id.rawValue, db)
        }
    }

    /// Those of scenario `id`.
    public func milestones(scenario id: ScenarioID) throws -> [Milestone] {
        try backend.read { db in try MilestoneTable.load(scenario: id.rawValue, db) }
    }
}

/// Rows of `milestone` (migration v4-milestones). Internal: callers go through `PlanStore`.
enum MilestoneTable {
    static func create(_ db: SchemaBuilder) {
        db.create(table: "milestone") { t in
            t.column("scenario_id", .integer, .notNull, .indexed, .references("scenario", cascade: true))
            t.column("position", .integer, .notNull)
            t.column("id", .text, .notNull)
            t.column("kind", .text, .notNull, .check(in: ["deadline", "event", "period"]))
            /// As written in milestones.csv.
            t.column("first", .text, .notNull)
            t.column("last", .text, .notNull)
            /// A deadline on a day off moved to the next working day (else `first`).
            t.column("due", .text, .notNull)
            t.column("title", .text, .notNull)
            t.column("unit", .text, .notNull)
            t.column("note", .text, .notNull)
            t.primaryKey(["scenario_id", "id"])
        }
    }

    static func replace(_ milestones: [Milestone], scenario id: Int64, _ db: any StoreDB) throws {
        try db.execute(sql: "DELETE FROM milestone WHERE scenario_id = ?", arguments: [id])
        let st = db.statement("""
            INSERT INTO milestone (scenario_id, position, id, kind, first, last, due, title, unit, note)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """)
        for (i, m) in milestones.enumerated() {
            try st.execute(arguments: [id, i, m.id, m.kind.rawValue, m.first.iso, m.last.iso, m.due.iso, m.title, m.unit, m.note])
        }
    }

    static func load(scenario id: Int64, _ db: any StoreDB) throws -> [Milestone] {
        try StoreRow.fetchAll(db, sql: "SELECT * FROM milestone WHERE scenario_id = ? ORDER BY position", arguments: [id]).compactMap { r in
            guard let kind = MilestoneKind(rawValue: r["kind"]), let first = Day(iso: r["first"] as String),
                  let last = Day(iso: r["last"] as String), let due = Day(iso: r["due"] as String) else { return nil }
            return Milestone(id: r["id"], kind: kind, first: first, last: last, due: due,
                             title: r["title"], unit: r["unit"], note: r["note"])
        }
    }
}
