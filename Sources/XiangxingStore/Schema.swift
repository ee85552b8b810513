
/// The store's tables, one list of migrations for both backends
/// (`StoreBackend.migrate`): a store made by any earlier release is brought
/// up to date when it is opened, and an up-to-date store is left alone.
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
    /// Every migration, in order: the same on SQLite and PostgreSQL. Never
    /// edit one that has shipped; add the next.
    static let migrations: [Migration] = [
        // Order matters: a table is created after the tables it references.
        Migration("v1", steps: build { db in
            createScenarioTable(db)
            createEventTable(db)
            createScenarioChildTables(db)
            createPlanTables(db)
            createPinTable(db)
        }),
        Migration("v2", steps: build { db in createPlanningTable(db) }),
        Migration("v3", steps: build { db in
            createProgrammeTables(db)
            createAttendanceTables(db)
        }),
        // The programme's milestones (milestones.csv), per scenario.
        Migration("v4-milestones", steps: build { db in MilestoneTable.create(db) }),
        // The web's accounts (Accounts.swift).
        Migration("v5-accounts", steps: build { db in AccountTable.create(db) }),
        Migration("v6-calendar-tokens", steps: build { db in CalendarTokenTable.create(db) }),
    ]

    /// Every table of the schema, in creation order (parents before children).
    static var tables: [String] {
        migrations.flatMap(\.steps).compactMap { if case .table(let t) = $0 { t.name } else { nil } }
    }

    private static func build(_ body: (SchemaBuilder) -> Void) -> [DDLStep] {
        let builder = SchemaBuilder()
        body(builder)
        return builder.steps
    }

    private static func createScenarioTable(_ db: SchemaBuilder) {
        db.create(table: "scenario") { t in
            t.column("id", .autoIncrementedID)
            t.column("name", .text, .notNull)
            t.column("start", .text, .notNull)
            t.column("end", .text, .notNull)
            t.column("holidays", .text, .notNull)
            t.column("max_evening_travel_minutes", .real, .notNull)
            t.column("road_factor", .real, .notNull)
            t.column("road_kmh", .real, .notNull)
            /// 0 when the scenario had no attendees.csv (rule 6 then uses max_seats).
            t.column("has_attendees", .boolean, .notNull)
            t.column("source", .text, .notNull)
            t.column("holiday_file", .text, .notNull)
            /// JSON object: file name → encoding detected.
            t.column("encodings", .text, .notNull)
            t.column("imported_at", .text, .notNull)
            t.column("imported_by", .text, .notNull)
        }
    }

    private static func createScenarioChildTables(_ db: SchemaBuilder) {
        func child(_ name: String, _ body: (inout TableDefinition) -> Void) {
            db.create(table: name) { t in
                t.column("scenario_id", .integer, .notNull, .indexed, .references("scenario", cascade: true))
                body(&t)
            }
        }
        child("holiday_day") { t in
            t.column("day", .text, .notNull)
            t.column("kind", .text, .notNull, .check(in: ["holiday", "workday"]))
            t.column("name", .text, .notNull)
            t.primaryKey(["scenario_id", "day", "kind"])
        }
        child("county") { t in
            t.column("position", .integer, .notNull)
            t.column("code", .text, .notNull)
            t.column("name", .text, .notNull)
            t.column("lat", .real, .notNull)
            t.column("lon", .real, .notNull)
            t.primaryKey(["scenario_id", "code"])
        }
        child("kind") { t in
            t.column("position", .integer, .notNull)
            t.column("code", .text, .notNull)
            t.column("name", .text, .notNull)
            t.column("category", .text, .notNull, .check(in: ["training", "mentoring"]))
            t.column("days", .integer, .notNull)
            t.column("min_seats", .integer, .notNull)
            t.column("max_seats", .integer, .notNull)
            t.column("trainers", .integer, .notNull)
            t.column("weekends", .boolean, .notNull)
            t.primaryKey(["scenario_id", "code"])
        }
        child("venue") { t in
            t.column("position", .integer, .notNull)
            t.column("id", .text, .notNull)
            t.column("county", .text, .notNull)
            t.column("name", .text, .notNull)
            t.column("address", .text, .notNull)
            t.column("seats", .integer, .notNull)
            t.primaryKey(["scenario_id", "id"])
        }
        child("venue_blocked") { t in
            t.column("venue", .text, .notNull)
            t.column("day", .text, .notNull)
            t.column("source", .text, .notNull, .check(in: ["calendar", "change"]))
            t.column("event_id", .integer, .references("event"))
            t.primaryKey(["scenario_id", "venue", "day", "source"])
        }
        child("trainer") { t in
            t.column("position", .integer, .notNull)
            t.column("id", .text, .notNull)
            t.column("name", .text, .notNull)
            t.column("home_county", .text, .notNull)
            t.column("max_days_per_month", .integer, .notNull)
            /// Personal data: stored, never logged.
            t.column("phone", .text)
            t.primaryKey(["scenario_id", "id"])
        }
        child("trainer_qualification") { t in
            t.column("trainer", .text, .notNull)
            t.column("kind", .text, .notNull)
            t.primaryKey(["scenario_id", "trainer", "kind"])
        }
        child("trainer_blocked") { t in
            t.column("trainer", .text, .notNull)
            t.column("day", .text, .notNull)
            t.column("source", .text, .notNull, .check(in: ["calendar", "change"]))
            t.column("event_id", .integer, .references("event"))
            t.primaryKey(["scenario_id", "trainer", "day", "source"])
        }
        child("demand") { t in
            t.column("position", .integer, .notNull)
            t.column("id", .text, .notNull)
            t.column("county", .text, .notNull)
            t.column("kind", .text, .notNull)
            t.column("classes", .integer, .notNull)
            t.column("earliest", .text, .notNull)
            t.column("latest", .text, .notNull)
            t.primaryKey(["scenario_id", "id"])
        }
        child("tour") { t in
            t.column("position", .integer, .notNull)
            t.column("id", .text, .notNull)
            t.column("name", .text, .notNull)
            t.column("kind", .text, .notNull)
            t.column("earliest", .text, .notNull)
            t.column("latest", .text, .notNull)
            t.column("teams", .integer, .notNull)
            t.primaryKey(["scenario_id", "id"])
        }
        child("tour_stop") { t in
            t.column("position", .integer, .notNull)
            t.column("tour", .text, .notNull)
            t.column("county", .text, .notNull)
            t.column("days", .integer, .notNull)
            t.column("mentees", .integer, .notNull)
            t.primaryKey(["scenario_id", "tour", "county"])
        }
        child("blackout") { t in
            t.column("position", .integer, .notNull)
            /// NULL is `*`: every county.
            t.column("county", .text)
            t.column("start", .text, .notNull)
            t.column("end", .text, .notNull)
            t.column("reason", .text, .notNull)
        }
        child("attendee") { t in
            t.column("position", .integer, .notNull)
            /// Personal data: stored, never logged.
            t.column("id_number", .text, .notNull)
            t.column("name", .text, .notNull)
            t.column("gender", .text, .notNull)
            /// Personal data: stored, never logged.
            t.column("phone", .text, .notNull)
            t.column("county", .text, .notNull)
            t.column("township", .text, .notNull)
            t.column("kind", .text, .notNull)
            t.column("project", .text, .notNull)
            t.column("pinyin", .text)
            t.primaryKey(["scenario_id", "kind", "id_number"])
        }
        child("travel") { t in
            t.column("position", .integer, .notNull)
            t.column("from", .text, .notNull)
            t.column("to", .text, .notNull)
            t.column("km", .real, .notNull)
            t.column("minutes", .real, .notNull)
        }
    }

    private static func createEventTable(_ db: SchemaBuilder) {
        db.create(table: "event") { t in
            t.column("id", .autoIncrementedID)
            t.column("at", .text, .notNull)
            t.column("who", .text, .notNull)
            t.column("kind", .text, .notNull)
            /// What the change is about: a trainer, venue, demand or session id.
            t.column("subject", .text, .notNull)
            t.column("description_zh", .text, .notNull)
            t.column("description_en", .text, .notNull)
            t.column("scenario_id", .integer, .references("scenario"))
            t.column("version", .integer)
        }
    }

    private static func createPlanTables(_ db: SchemaBuilder) {
        db.create(table: "plan_version") { t in
            t.column("number", .integer, .primaryKey)
            t.column("scenario_id", .integer, .notNull, .references("scenario"))
            t.column("parent", .integer, .references("plan_version"))
            t.column("created_at", .text, .notNull)
            t.column("author", .text, .notNull)
            t.column("reason", .text, .notNull)
            /// The last change-log entry in force when the version was saved.
            t.column("last_event_id", .integer)
            t.column("has_assignments", .boolean, .notNull)
            t.column("scheduled", .integer, .notNull)
            t.column("unscheduled", .integer, .notNull)
            t.column("travel_km", .real, .notNull)
            t.column("hard_violations", .integer, .notNull)
            t.column("solve_seconds", .real, .notNull)
        }
        func child(_ name: String, _ body: (inout TableDefinition) -> Void) {
            db.create(table: name) { t in
                t.column("version", .integer, .notNull, .indexed, .references("plan_version", cascade: true))
                body(&t)
            }
        }
        child("plan_session") { t in
            t.column("position", .integer, .notNull)
            t.column("session", .text, .notNull)
            t.column("type", .text, .notNull, .check(in: ["class", "stop"]))
            t.column("kind", .text, .notNull)
            t.column("county", .text, .notNull)
            t.column("venue", .text, .notNull)
            t.column("ref", .text, .notNull)
            t.column("team", .integer)
            t.column("attendees", .integer, .notNull)
            t.primaryKey(["version", "session"])
        }
        child("plan_session_date") { t in
            t.column("session", .text, .notNull)
            t.column("position", .integer, .notNull)
            t.column("day", .text, .notNull)
            t.primaryKey(["version", "session", "position"])
        }
        child("plan_session_trainer") { t in
            t.column("session", .text, .notNull)
            t.column("position", .integer, .notNull)
            t.column("trainer", .text, .notNull, .indexed)
            t.primaryKey(["version", "session", "position"])
        }
        child("plan_assignment") { t in
            t.column("session", .text, .notNull)
            t.column("position", .integer, .notNull)
            /// Personal data: stored, never logged.
            t.column("id_number", .text, .notNull)
            t.primaryKey(["version", "session", "position"])
        }
        child("plan_unscheduled") { t in
            t.column("position", .integer, .notNull)
            t.column("ref", .text, .notNull)
            t.column("type", .text, .notNull)
            t.column("county", .text, .notNull)
            t.column("kind", .text, .notNull)
            t.column("reason", .text, .notNull)
            t.primaryKey(["version", "position"])
        }
        /// Files of the plan folder beyond the contract's (waitlist.csv), byte for byte.
        child("plan_file") { t in
            t.column("name", .text, .notNull)
            t.column("text", .text, .notNull)
            t.primaryKey(["version", "name"])
        }
    }

    private static func createPinTable(_ db: SchemaBuilder) {
        db.create(table: "pin") { t in
            t.column("session", .text, .notNull)
            t.column("what", .text, .notNull, .check(in: ["dates", "trainers", "venue"]))
            /// `;` list of ISO dates or trainer ids, or one venue id.
            t.column("value", .text, .notNull)
            t.column("pinned_at", .text, .notNull)
            t.column("pinned_by", .text, .notNull)
            t.column("reason", .text, .notNull)
            t.primaryKey(["session", "what"])
        }
    }

    private static func createProgrammeTables(_ db: SchemaBuilder) {
        db.create(table: "scenario_programme") { t in
            t.column("scenario_id", .integer, .primaryKey, .references("scenario", cascade: true))
            t.column("target_training", .integer)
            t.column("target_mentoring", .integer)
            t.column("completion_share", .real, .notNull)
            /// 0 when the folder had no targets.csv (NULL targets, not an empty list).
            t.column("has_targets", .boolean, .notNull)
        }
        db.create(table: "scenario_target") { t in
            t.column("scenario_id", .integer, .notNull, .indexed, .references("scenario", cascade: true))
            t.column("position", .integer, .notNull)
            t.column("county", .text, .notNull)
            t.column("category", .text, .notNull, .check(in: ["training", "mentoring"]))
            t.column("person_times", .integer, .notNull)
            t.primaryKey(["scenario_id", "county", "category"])
        }
    }

    /// A session's records are replaced as a whole by a later import of it,
    /// so (session, person, day) and (session, day) are keys across versions.
    private static func createAttendanceTables(_ db: SchemaBuilder) {
        db.create(table: "attendance_training") { t in
            t.column("session", .text, .notNull)
            /// Personal data: stored, never logged; a token after `purge`.
            t.column("id_number", .text, .notNull)
            t.column("day", .text, .notNull)
            t.column("present", .boolean, .notNull)
            /// The plan version the sheet was checked against.
            t.column("version", .integer, .notNull, .references("plan_version"))
            t.column("event_id", .integer, .notNull, .indexed, .references("event"))
            /// Where the record stood in the file imported (its name, not its path).
            t.column("file", .text, .notNull)
            t.column("line", .integer, .notNull)
            t.primaryKey(["session", "id_number", "day"])
        }
        db.create(table: "attendance_mentoring") { t in
            t.column("session", .text, .notNull)
            t.column("day", .text, .notNull)
            t.column("mentees", .integer, .notNull)
            t.column("version", .integer, .notNull, .references("plan_version"))
            t.column("event_id", .integer, .notNull, .indexed, .references("event"))
            t.column("file", .text, .notNull)
            t.column("line", .integer, .notNull)
            t.primaryKey(["session", "day"])
        }
    }

    /// One row at most (`slot` is always 1): who is planning, in which
    /// process on which host since when, against which version and which
    /// last change-log entry. A row whose process is gone is stale and is
    /// taken over by the next planner.
    private static func createPlanningTable(_ db: SchemaBuilder) {
        db.create(table: "planning") { t in
            t.column("slot", .integer, .primaryKey, .check(in: [1]))
            t.column("token", .text, .notNull)
            t.column("who", .text, .notNull)
            t.column("host", .text, .notNull)
            t.column("pid", .integer, .notNull)
            /// The process's start time in clock ticks since boot (Linux /proc), 0 when unknown:
            /// tells a live holder from a later process that got the same pid.
            t.column("process_start", .integer, .notNull)
            t.column("started_at", .text, .notNull)
            /// The latest version when planning began (NULL: none yet).
            t.column("parent", .integer)
            /// The last change-log entry when planning began (0: none).
            t.column("base_event", .integer, .notNull)
        }
    }
}

/// Collects the tables a migration creates (GRDB's `db.create(table:)` style).
final class SchemaBuilder {
    private(set) var steps: [DDLStep] = []

    func create(table name: String, _ body: (inout TableDefinition) -> Void) {
        steps.append(.table(name, body))
    }
}
