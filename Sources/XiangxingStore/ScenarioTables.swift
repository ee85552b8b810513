import Foundation

import XiangxingCore
import XiangxingIO

/// Writes a whole `Scenario` into the scenario tables and reads it back,
/// exactly: same values, same order. Internal: callers go through
/// `PlanStore`.
enum ScenarioTables {
    struct Provenance {
        var source: String
        var holidayFile: String
        var encodings: [String: String]
        var at: String
        var by: String
    }

    static func insert(_ s: Scenario, provenance p: Provenance, into db: any StoreDB) throws -> ScenarioID {
        let encodings = String(decoding: try JSONEncoder.sorted.encode(p.encodings), as: UTF8.self)
        let id = try Int64.fetchOne(db, sql: """
            INSERT INTO scenario (name, start, "end", holidays, max_evening_travel_minutes, road_factor, road_kmh,
                                  has_attendees, source, holiday_file, encodings, imported_at, imported_by)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)
            RETURNING id
            """, arguments: [s.settings.name, s.settings.start.iso, s.settings.end.iso, s.settings.holidays,
                             s.settings.maxEveningTravelMinutes, s.settings.roadFactor, s.settings.roadKmh,
                             s.attendees != nil, p.source, p.holidayFile, encodings, p.at, p.by])
        guard let id else { throw StoreError.database(store: "?", Bilingual(zh: "新场景没有得到编号", en: "the new scenario got no id")) }
        /// Collects a table's rows, then sends them at once (`StoreDB.insert`).
        func rows(_ table: String, _ columns: [String], _ each: (RowBatch) throws -> Void) throws {
            let batch = RowBatch()
            try each(batch)
            try db.insert(into: table, columns: columns, rows: batch.rows)
        }
        try rows("holiday_day", ["scenario_id", "day", "kind", "name"]) { st in
            for (day, name) in s.holidays.holidays.sorted(by: { $0.key < $1.key }) {
                st.execute(arguments: [id, day.iso, "holiday", name])
            }
            for (day, name) in s.holidays.workdays.sorted(by: { $0.key < $1.key }) {
                st.execute(arguments: [id, day.iso, "workday", name])
            }
        }
        try rows("county", ["scenario_id", "position", "code", "name", "lat", "lon"]) { st in
            for (i, c) in s.counties.enumerated() {
                st.execute(arguments: [id, i, c.code, c.name, c.latitude, c.longitude])
            }
        }
        try rows("kind", ["scenario_id", "position", "code", "name", "category", "days", "min_seats", "max_seats", "trainers", "weekends"]) { st in
            for (i, k) in s.kinds.enumerated() {
                st.execute(arguments: [id, i, k.code, k.name, k.category.rawValue, k.days, k.minSeats, k.maxSeats,
                                           k.trainers, k.weekends])
            }
        }
        try rows("venue", ["scenario_id", "position", "id", "county", "name", "address", "seats"]) { st in
            for (i, v) in s.venues.enumerated() {
                st.execute(arguments: [id, i, v.id, v.county, v.name, v.address, v.seats])
            }
        }
        for v in s.venues { try insertBlocked(venue: v.id, days: v.blocked, source: "calendar", event: nil, scenario: id, db) }
        try rows("trainer", ["scenario_id", "position", "id", "name", "home_county", "max_days_per_month", "phone"]) { st in
            for (i, t) in s.trainers.enumerated() {
                st.execute(arguments: [id, i, t.id, t.name, t.homeCounty, t.maxDaysPerMonth, t.phone])
            }
        }
        try rows("trainer_qualification", ["scenario_id", "trainer", "kind"]) { st in
            for t in s.trainers {
                for k in t.qualifications.sorted() { st.execute(arguments: [id, t.id, k]) }
            }
        }
        for t in s.trainers { try insertBlocked(trainer: t.id, days: t.blocked, source: "calendar", event: nil, scenario: id, db) }
        for (i, d) in s.demands.enumerated() { try insertDemand(d, position: i, scenario: id, db) }
        try rows("tour", ["scenario_id", "position", "id", "name", "kind", "earliest", "latest", "teams"]) { st in
            for (i, t) in s.tours.enumerated() {
                st.execute(arguments: [id, i, t.id, t.name, t.kind, t.earliest.iso, t.latest.iso, t.teams])
            }
        }
        try rows("tour_stop", ["scenario_id", "position", "tour", "county", "days", "mentees"]) { st in
            for (i, t) in s.stops.enumerated() {
                st.execute(arguments: [id, i, t.tour, t.county, t.days, t.mentees])
            }
        }
        try rows("blackout", ["scenario_id", "position", "county", "start", "end", "reason"]) { st in
            for (i, b) in s.blackouts.enumerated() {
                st.execute(arguments: [id, i, b.county, b.start.iso, b.end.iso, b.reason])
            }
        }
        try insertAttendees(s.attendees ?? [], from: 0, scenario: id, db)
        try rows("travel", ["scenario_id", "position", "from", "to", "km", "minutes"]) { st in
            for (i, t) in s.travel.enumerated() {
                st.execute(arguments: [id, i, t.from, t.to, t.km, t.minutes])
            }
        }
        return ScenarioID(id)
    }

    static func insertDemand(_ d: Demand, position: Int, scenario id: Int64, _ db: any StoreDB) throws {
        try db.statement("""
            INSERT INTO demand (scenario_id, position, id, county, kind, classes, earliest, latest) VALUES (?,?,?,?,?,?,?,?)
            """).execute(arguments: [id, position, d.id, d.county, d.kind, d.classes, d.earliest.iso, d.latest.iso])
    }

    static func insertAttendees(_ list: [Attendee], from position: Int, scenario id: Int64, _ db: any StoreDB) throws {
        let st = RowBatch()
        for (i, a) in list.enumerated() {
            st.execute(arguments: [id, position + i, a.idNumber, a.name, a.gender.rawValue, a.phone, a.county,
                                   a.township, a.kind, a.project, a.pinyin])
        }
        try db.insert(into: "attendee", columns: ["scenario_id", "position", "id_number", "name", "gender", "phone", "county",
                                                  "township", "kind", "project", "pinyin"], rows: st.rows)
    }

    /// `ON CONFLICT … DO NOTHING`: a day blocked twice by the same source stays one row.
    static func insertBlocked(trainer: String, days: Set<Day>, source: String, event: Int64?, scenario id: Int64,
                              _ db: any StoreDB) throws {
        let st = db.statement("""
            INSERT INTO trainer_blocked (scenario_id, trainer, day, source, event_id) VALUES (?,?,?,?,?)
            ON CONFLICT (scenario_id, trainer, day, source) DO NOTHING
            """)
        for d in days.sorted() { try st.execute(arguments: [id, trainer, d.iso, source, event]) }
    }

    static func insertBlocked(venue: String, days: Set<Day>, source: String, event: Int64?, scenario id: Int64,
                              _ db: any StoreDB) throws {
        let st = db.statement("""
            INSERT INTO venue_blocked (scenario_id, venue, day, source, event_id) VALUES (?,?,?,?,?)
            ON CONFLICT (scenario_id, venue, day, source) DO NOTHING
            """)
        for d in days.sorted() { try st.execute(arguments: [id, venue, d.iso, source, event]) }
    }

    // MARK: reading

    static func info(_ id: ScenarioID, _ db: any StoreDB) throws -> ScenarioInfo? {
        guard let r = try StoreRow.fetchOne(db, sql: "SELECT id, name, source, imported_at, imported_by FROM scenario WHERE id = ?",
                                       arguments: [id.rawValue]) else { return nil }
        return ScenarioInfo(id: ScenarioID(r["id"]), name: r["name"], source: r["source"],
                            importedAt: Timestamp.date(r["imported_at"]), importedBy: r["imported_by"])
    }

    static func currentID(_ db: any StoreDB) throws -> ScenarioID? {
        try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM scenario").map(ScenarioID.init)
    }

    static func load(_ sid: ScenarioID, _ db: any StoreDB) throws -> Scenario? {
        let id = sid.rawValue
        guard let top = try StoreRow.fetchOne(db, sql: "SELECT * FROM scenario WHERE id = ?", arguments: [id]) else { return nil }
        func all(_ table: String) throws -> [StoreRow] {
            try StoreRow.fetchAll(db, sql: "SELECT * FROM \(table) WHERE scenario_id = ? ORDER BY position", arguments: [id])
        }
        func days(_ table: String, _ key: String) throws -> [String: Set<Day>] {
            var out: [String: Set<Day>] = [:]
            for r in try StoreRow.fetchAll(db, sql: "SELECT \(key), day FROM \(table) WHERE scenario_id = ?", arguments: [id]) {
                out[r[0], default: []].insert(try storedDay(r[1]))
            }
            return out
        }
        let settings = Settings(name: top["name"], start: try storedDay(top["start"]), end: try storedDay(top["end"]),
                                holidays: top["holidays"], maxEveningTravelMinutes: top["max_evening_travel_minutes"],
                                roadFactor: top["road_factor"], roadKmh: top["road_kmh"])
        var holidays: [Day: String] = [:], workdays: [Day: String] = [:]
        for r in try StoreRow.fetchAll(db, sql: "SELECT day, kind, name FROM holiday_day WHERE scenario_id = ?", arguments: [id]) {
            if r["kind"] as String == "holiday" { holidays[try storedDay(r["day"])] = r["name"] } else { workdays[try storedDay(r["day"])] = r["name"] }
        }
        let counties = try all("county").map { County(code: $0["code"], name: $0["name"], latitude: $0["lat"], longitude: $0["lon"]) }
        let kinds = try all("kind").map { r in
            Kind(code: r["code"], name: r["name"], category: KindCategory(rawValue: r["category"]) ?? .training, days: r["days"],
                 minSeats: r["min_seats"], maxSeats: r["max_seats"], trainers: r["trainers"], weekends: r["weekends"])
        }
        let venueBlocked = try days("venue_blocked", "venue")
        let venues = try all("venue").map { r in
            Venue(id: r["id"], county: r["county"], name: r["name"], address: r["address"], seats: r["seats"],
                  blocked: venueBlocked[r["id"]] ?? [])
        }
        let trainerBlocked = try days("trainer_blocked", "trainer")
        var qualifications: [String: Set<String>] = [:]
        for r in try StoreRow.fetchAll(db, sql: "SELECT trainer, kind FROM trainer_qualification WHERE scenario_id = ?", arguments: [id]) {
            qualifications[r[0], default: []].insert(r[1])
        }
        let trainers = try all("trainer").map { r in
            Trainer(id: r["id"], name: r["name"], homeCounty: r["home_county"], qualifications: qualifications[r["id"]] ?? [],
                    maxDaysPerMonth: r["max_days_per_month"], blocked: trainerBlocked[r["id"]] ?? [], phone: r["phone"])
        }
        let demands = try all("demand").map { r in
            Demand(id: r["id"], county: r["county"], kind: r["kind"], classes: r["classes"],
                   earliest: try storedDay(r["earliest"]), latest: try storedDay(r["latest"]))
        }
        let tours = try all("tour").map { r in
            Tour(id: r["id"], name: r["name"], kind: r["kind"], earliest: try storedDay(r["earliest"]), latest: try storedDay(r["latest"]),
                 teams: r["teams"])
        }
        let stops = try all("tour_stop").map { TourStop(tour: $0["tour"], county: $0["county"], days: $0["days"], mentees: $0["mentees"]) }
        let blackouts = try all("blackout").map { r in
            Blackout(county: r["county"], start: try storedDay(r["start"]), end: try storedDay(r["end"]), reason: r["reason"])
        }
        var attendees: [Attendee]?
        if top["has_attendees"] as Bool {
            attendees = try all("attendee").map { r in
                Attendee(idNumber: r["id_number"], name: r["name"], gender: Gender(rawValue: r["gender"]) ?? .male,
                         phone: r["phone"], county: r["county"], township: r["township"], kind: r["kind"],
                         project: r["project"], pinyin: r["pinyin"])
            }
        }
        let travel = try all("travel").map { TravelOverride(from: $0["from"], to: $0["to"], km: $0["km"], minutes: $0["minutes"]) }
        return Scenario(settings: settings, holidays: HolidayCalendar(holidays: holidays, workdays: workdays),
                        counties: counties, kinds: kinds, venues: venues, trainers: trainers, demands: demands,
                        tours: tours, stops: stops, blackouts: blackouts, attendees: attendees, travel: travel)
    }
}

/// An ISO date column that does not parse: the file was edited by hand.
struct CorruptValue: Error, CustomStringConvertible {
    let value: String
    var description: String { "the store holds \"\(value)\" where a YYYY-MM-DD date belongs" }
}

func storedDay(_ text: String) throws -> Day {
    guard let d = Day(iso: text) else { throw CorruptValue(value: text) }
    return d
}

/// Timestamps are ISO 8601 UTC with whole seconds: `2019-09-10T08:30:00Z`.
enum Timestamp {
    static func text(_ date: Date) -> String {
        date.formatted(Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!))
    }
    static func date(_ text: String) -> Date {
        (try? Date.ISO8601FormatStyle(timeZone: TimeZone(identifier: "UTC")!).parse(text)) ?? .distantPast
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
