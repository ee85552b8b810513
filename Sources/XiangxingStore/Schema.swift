import GRDB

/// The store's tables, created by GRDB's `DatabaseMigrator` so a file made
/// by any earlier release is brought up to date when it is opened, and an
/// up-to-date file is left alone.
///
/// v1, in three groups:
/// - **Scenarios** (`scenario` and its children, each keyed by
///   `scenario_id`): everything of a `Scenario`, so it can be rebuilt
///   without its folder. Rows keep their file order in `position`. Blocked
///   days carry a `source`: `calendar` (the ICS, replaced as a whole) or
///   `change` (a recorded change, kept when the calendar is replaced).
/// - **Plan versions** (`plan_version` and its children, keyed by
///   `version`): dates, trainers and assignments are normalised child rows
///   (`plan_session_date`, `plan_session_trainer`, `plan_assignment`) so a
///   question such as "which sessions does T012 teach on 2019-09-10" is a
///   join, not string matching. Summary figures are columns.
/// - **Pins and the change log** (`pin`, `event`): one pin row per session
///   and pin kind (`dates`, `trainers`, `venue`), its value a `;` list as in
///   plan.csv; one event row per change, import or saved version.
///
/// v2 adds `planning`: at most one row, the lease of the one process that
/// is planning the next version now (see `PlanStore.beginPlanning`).
///
/// v3 adds the programme year (issue 10): `scenario_programme` (scenario.csv's
/// targets and completion share, one row per scenario imported since) and
/// `scenario_target` (its targets.csv), and the attendance records
/// `attendance_training` (one row per trainee and class day) and
/// `attendance_mentoring` (one row per stop and day), each naming the plan
/// version it was taken against and the `event` (an `attendance_imported`
/// entry: who, when, which files) that brought it. A scenario imported
/// before v3 has no programme row: default settings, no targets.
///
/// v4-milestones adds `milestone`: milestones.csv of each imported scenario
/// (Milestones.swift).
///
/// v5-accounts adds `account`: who may sign in to the web application, as
/// the office, a trainer or a county clerk (Accounts.swift).
enum Schema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            // Order matters: GRDB looks up a referenced table's primary key.
            try createScenarioTable(db)
            try createEventTable(db)
            try createScenarioChildTables(db)
            try createPlanTables(db)
            try createPinTable(db)
        }
        migrator.registerMigration("v2") { db in
            try createPlanningTable(db)
        }
        migrator.registerMigration("v3") { db in
            try createProgrammeTables(db)
            try createAttendanceTables(db)
        }
        // Keep last: the programme's milestones (milestones.csv), per scenario.
        migrator.registerMigration("v4-milestones") { db in
            try MilestoneTable.create(db)
        }
        // The web's accounts (Accounts.swift).
        migrator.registerMigration("v5-accounts") { db in
            try AccountTable.create(db)
        }
        migrator.registerMigration("v6-calendar-tokens") { db in try CalendarTokenTable.create(db) }
        return migrator
    }

    private static func createScenarioTable(_ db: Database) throws {
        try db.create(table: "scenario") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("name", .text).notNull()
            t.column("start", .text).notNull()
            t.column("end", .text).notNull()
            t.column("holidays", .text).notNull()
            t.column("max_evening_travel_minutes", .double).notNull()
            t.column("road_factor", .double).notNull()
            t.column("road_kmh", .double).notNull()
            /// 0 when the scenario had no attendees.csv (rule 6 then uses max_seats).
            t.column("has_attendees", .boolean).notNull()
            t.column("source", .text).notNull()
            t.column("holiday_file", .text).notNull()
            /// JSON object: file name → encoding detected.
            t.column("encodings", .text).notNull()
            t.column("imported_at", .text).notNull()
            t.column("imported_by", .text).notNull()
        }
    }

    private static func createScenarioChildTables(_ db: Database) throws {
        func child(_ name: String, _ body: (TableDefinition) -> Void) throws {
            try db.create(table: name) { t in
                t.column("scenario_id", .integer).notNull().indexed()
                    .references("scenario", onDelete: .cascade)
                body(t)
            }
        }
        try child("holiday_day") { t in
            t.column("day", .text).notNull()
            t.column("kind", .text).notNull().check { ["holiday", "workday"].contains($0) }
            t.column("name", .text).notNull()
            t.primaryKey(["scenario_id", "day", "kind"])
        }
        try child("county") { t in
            t.column("position", .integer).notNull()
            t.column("code", .text).notNull()
            t.column("name", .text).notNull()
            t.column("lat", .double).notNull()
            t.column("lon", .double).notNull()
            t.primaryKey(["scenario_id", "code"])
        }
        try child("kind") { t in
            t.column("position", .integer).notNull()
            t.column("code", .text).notNull()
            t.column("name", .text).notNull()
            t.column("category", .text).notNull().check { ["training", "mentoring"].contains($0) }
            t.column("days", .integer).notNull()
            t.column("min_seats", .integer).notNull()
            t.column("max_seats", .integer).notNull()
            t.column("trainers", .integer).notNull()
            t.column("weekends", .boolean).notNull()
            t.primaryKey(["scenario_id", "code"])
        }
        try child("venue") { t in
            t.column("position", .integer).notNull()
            t.column("id", .text).notNull()
            t.column("county", .text).notNull()
            t.column("name", .text).notNull()
            t.column("address", .text).notNull()
            t.column("seats", .integer).notNull()
            t.primaryKey(["scenario_id", "id"])
        }
        try child("venue_blocked") { t in
            t.column("venue", .text).notNull()
            t.column("day", .text).notNull()
            t.column("source", .text).notNull().check { ["calendar", "change"].contains($0) }
            t.column("event_id", .integer).references("event")
            t.primaryKey(["scenario_id", "venue", "day", "source"])
        }
        try child("trainer") { t in
            t.column("position", .integer).notNull()
            t.column("id", .text).notNull()
            t.column("name", .text).notNull()
            t.column("home_county", .text).notNull()
            t.column("max_days_per_month", .integer).notNull()
            /// Personal data: stored, never logged.
            t.column("phone", .text)
            t.primaryKey(["scenario_id", "id"])
        }
        try child("trainer_qualification") { t in
            t.column("trainer", .text).notNull()
            t.column("kind", .text).notNull()
            t.primaryKey(["scenario_id", "trainer", "kind"])
        }
        try child("trainer_blocked") { t in
            t.column("trainer", .text).notNull()
            t.column("day", .text).notNull()
            t.column("source", .text).notNull().check { ["calendar", "change"].contains($0) }
            t.column("event_id", .integer).references("event")
            t.primaryKey(["scenario_id", "trainer", "day", "source"])
        }
        try child("demand") { t in
            t.column("position", .integer).notNull()
            t.column("id", .text).notNull()
            t.column("county", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("classes", .integer).notNull()
            t.column("earliest", .text).notNull()
            t.column("latest", .text).notNull()
            t.primaryKey(["scenario_id", "id"])
        }
        try child("tour") { t in
            t.column("position", .integer).notNull()
            t.column("id", .text).notNull()
            t.column("name", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("earliest", .text).notNull()
            t.column("latest", .text).notNull()
            t.column("teams", .integer).notNull()
            t.primaryKey(["scenario_id", "id"])
        }
        try child("tour_stop") { t in
            t.column("position", .integer).notNull()
            t.column("tour", .text).notNull()
            t.column("county", .text).notNull()
            t.column("days", .integer).notNull()
            t.column("mentees", .integer).notNull()
            t.primaryKey(["scenario_id", "tour", "county"])
        }
        try child("blackout") { t in
            t.column("position", .integer).notNull()
            /// NULL is `*`: every county.
            t.column("county", .text)
            t.column("start", .text).notNull()
            t.column("end", .text).notNull()
            t.column("reason", .text).notNull()
        }
        try child("attendee") { t in
            t.column("position", .integer).notNull()
            /// Personal data: stored, never logged.
            t.column("id_number", .text).notNull()
            t.column("name", .text).notNull()
            t.column("gender", .text).notNull()
            /// Personal data: stored, never logged.
            t.column("phone", .text).notNull()
            t.column("county", .text).notNull()
            t.column("township", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("project", .text).notNull()
            t.column("pinyin", .text)
            t.primaryKey(["scenario_id", "kind", "id_number"])
        }
        try child("travel") { t in
            t.column("position", .integer).notNull()
            t.column("from", .text).notNull()
            t.column("to", .text).notNull()
            t.column("km", .double).notNull()
            t.column("minutes", .double).notNull()
        }
    }

    private static func createEventTable(_ db: Database) throws {
        try db.create(table: "event") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .text).notNull()
            t.column("who", .text).notNull()
            t.column("kind", .text).notNull()
            /// What the change is about: a trainer, venue, demand or session id.
            t.column("subject", .text).notNull()
            t.column("description_zh", .text).notNull()
            t.column("description_en", .text).notNull()
            t.column("scenario_id", .integer).references("scenario")
            t.column("version", .integer)
        }
    }

    private static func createPlanTables(_ db: Database) throws {
        try db.create(table: "plan_version") { t in
            t.primaryKey("number", .integer)
            t.column("scenario_id", .integer).notNull().references("scenario")
            t.column("parent", .integer).references("plan_version")
            t.column("created_at", .text).notNull()
            t.column("author", .text).notNull()
            t.column("reason", .text).notNull()
            /// The last change-log entry in force when the version was saved.
            t.column("last_event_id", .integer)
            t.column("has_assignments", .boolean).notNull()
            t.column("scheduled", .integer).notNull()
            t.column("unscheduled", .integer).notNull()
            t.column("travel_km", .double).notNull()
            t.column("hard_violations", .integer).notNull()
            t.column("solve_seconds", .double).notNull()
        }
        func child(_ name: String, _ body: (TableDefinition) -> Void) throws {
            try db.create(table: name) { t in
                t.column("version", .integer).notNull().indexed()
                    .references("plan_version", onDelete: .cascade)
                body(t)
            }
        }
        try child("plan_session") { t in
            t.column("position", .integer).notNull()
            t.column("session", .text).notNull()
            t.column("type", .text).notNull().check { ["class", "stop"].contains($0) }
            t.column("kind", .text).notNull()
            t.column("county", .text).notNull()
            t.column("venue", .text).notNull()
            t.column("ref", .text).notNull()
            t.column("team", .integer)
            t.column("attendees", .integer).notNull()
            t.primaryKey(["version", "session"])
        }
        try child("plan_session_date") { t in
            t.column("session", .text).notNull()
            t.column("position", .integer).notNull()
            t.column("day", .text).notNull()
            t.primaryKey(["version", "session", "position"])
        }
        try child("plan_session_trainer") { t in
            t.column("session", .text).notNull()
            t.column("position", .integer).notNull()
            t.column("trainer", .text).notNull().indexed()
            t.primaryKey(["version", "session", "position"])
        }
        try child("plan_assignment") { t in
            t.column("session", .text).notNull()
            t.column("position", .integer).notNull()
            /// Personal data: stored, never logged.
            t.column("id_number", .text).notNull()
            t.primaryKey(["version", "session", "position"])
        }
        try child("plan_unscheduled") { t in
            t.column("position", .integer).notNull()
            t.column("ref", .text).notNull()
            t.column("type", .text).notNull()
            t.column("county", .text).notNull()
            t.column("kind", .text).notNull()
            t.column("reason", .text).notNull()
            t.primaryKey(["version", "position"])
        }
        /// Files of the plan folder beyond the contract's (waitlist.csv), byte for byte.
        try child("plan_file") { t in
            t.column("name", .text).notNull()
            t.column("text", .text).notNull()
            t.primaryKey(["version", "name"])
        }
    }

    private static func createPinTable(_ db: Database) throws {
        try db.create(table: "pin") { t in
            t.column("session", .text).notNull()
            t.column("what", .text).notNull().check { ["dates", "trainers", "venue"].contains($0) }
            /// `;` list of ISO dates or trainer ids, or one venue id.
            t.column("value", .text).notNull()
            t.column("pinned_at", .text).notNull()
            t.column("pinned_by", .text).notNull()
            t.column("reason", .text).notNull()
            t.primaryKey(["session", "what"])
        }
    }

    private static func createProgrammeTables(_ db: Database) throws {
        try db.create(table: "scenario_programme") { t in
            t.primaryKey("scenario_id", .integer).references("scenario", onDelete: .cascade)
            t.column("target_training", .integer)
            t.column("target_mentoring", .integer)
            t.column("completion_share", .double).notNull()
            /// 0 when the folder had no targets.csv (NULL targets, not an empty list).
            t.column("has_targets", .boolean).notNull()
        }
        try db.create(table: "scenario_target") { t in
            t.column("scenario_id", .integer).notNull().indexed().references("scenario", onDelete: .cascade)
            t.column("position", .integer).notNull()
            t.column("county", .text).notNull()
            t.column("category", .text).notNull().check { ["training", "mentoring"].contains($0) }
            t.column("person_times", .integer).notNull()
            t.primaryKey(["scenario_id", "county", "category"])
        }
    }

    /// A session's records are replaced as a whole by a later import of it,
    /// so (session, person, day) and (session, day) are keys across versions.
    private static func createAttendanceTables(_ db: Database) throws {
        try db.create(table: "attendance_training") { t in
            t.column("session", .text).notNull()
            /// Personal data: stored, never logged; a token after `purge`.
            t.column("id_number", .text).notNull()
            t.column("day", .text).notNull()
            t.column("present", .boolean).notNull()
            /// The plan version the sheet was checked against.
            t.column("version", .integer).notNull().references("plan_version")
            t.column("event_id", .integer).notNull().indexed().references("event")
            /// Where the record stood in the file imported (its name, not its path).
            t.column("file", .text).notNull()
            t.column("line", .integer).notNull()
            t.primaryKey(["session", "id_number", "day"])
        }
        try db.create(table: "attendance_mentoring") { t in
            t.column("session", .text).notNull()
            t.column("day", .text).notNull()
            t.column("mentees", .integer).notNull()
            t.column("version", .integer).notNull().references("plan_version")
            t.column("event_id", .integer).notNull().indexed().references("event")
            t.column("file", .text).notNull()
            t.column("line", .integer).notNull()
            t.primaryKey(["session", "day"])
        }
    }

    /// One row at most (`slot` is always 1): who is planning, in which
    /// process on which host since when, against which version and which
    /// last change-log entry. A row whose process is gone is stale and is
    /// taken over by the next planner.
    private static func createPlanningTable(_ db: Database) throws {
        try db.create(table: "planning") { t in
            t.primaryKey("slot", .integer).check { $0 == 1 }
            t.column("token", .text).notNull()
            t.column("who", .text).notNull()
            t.column("host", .text).notNull()
            t.column("pid", .integer).notNull()
            /// The process's start time in clock ticks since boot (Linux /proc), 0 when unknown:
            /// tells a live holder from a later process that got the same pid.
            t.column("process_start", .integer).notNull()
            t.column("started_at", .text).notNull()
            /// The latest version when planning began (NULL: none yet).
            t.column("parent", .integer)
            /// The last change-log entry when planning began (0: none).
            t.column("base_event", .integer).notNull()
        }
    }
}
