/// A scenario with the lookups every rule needs, built once: kinds,
/// trainers and venues by id, the teaching calendar and the road network.
public struct ScenarioIndex: Sendable {
    public let scenario: Scenario
    public let kinds: [String: Kind]
    public let trainers: [String: Trainer]
    public let venues: [String: Venue]
    public let counties: [String: County]
    public let demands: [String: Demand]
    public let tours: [String: Tour]
    /// Stop session id (`tour@county`) → stop.
    public let stops: [String: TourStop]
    /// Resident ID → its enrolments (one per kind at most).
    public let attendees: [String: [Attendee]]
    public let calendar: TeachingCalendar
    public let roads: RoadNetwork

    // Dense numbering for the planner and the bookings ledger: position in
    // the scenario's own arrays.
    public let trainerNumber: [String: Int]
    public let venueNumber: [String: Int]
    public let countyNumber: [String: Int]
    public let kindNumber: [String: Int]
    /// Days in the planning period.
    public let dayCount: Int
    /// Calendar months the period touches (the first is `firstMonthKey`).
    public let monthCount: Int
    public let firstMonthKey: Int
    /// Day offset → month number (0-based from the period's first month).
    public let monthOfOffset: [Int]

    public init(_ scenario: Scenario) {
        self.scenario = scenario
        func byKey<T>(_ items: [T], _ key: (T) -> String) -> [String: T] {
            var d: [String: T] = [:]
            for item in items where d[key(item)] == nil { d[key(item)] = item }
            return d
        }
        kinds = byKey(scenario.kinds) { $0.code }
        trainers = byKey(scenario.trainers) { $0.id }
        venues = byKey(scenario.venues) { $0.id }
        counties = byKey(scenario.counties) { $0.code }
        demands = byKey(scenario.demands) { $0.id }
        tours = byKey(scenario.tours) { $0.id }
        stops = byKey(scenario.stops) { $0.sessionID }
        var people: [String: [Attendee]] = [:]
        for a in scenario.attendees ?? [] { people[a.idNumber, default: []].append(a) }
        attendees = people
        calendar = TeachingCalendar(settings: scenario.settings, holidays: scenario.holidays,
                                    blackouts: scenario.blackouts,
                                    counties: scenario.counties.map(\.code))
        roads = RoadNetwork(scenario: scenario)
        func numbering(_ keys: [String]) -> [String: Int] {
            var d: [String: Int] = [:]
            for (i, k) in keys.enumerated() where d[k] == nil { d[k] = i }
            return d
        }
        trainerNumber = numbering(scenario.trainers.map(\.id))
        venueNumber = numbering(scenario.venues.map(\.id))
        countyNumber = numbering(scenario.counties.map(\.code))
        kindNumber = numbering(scenario.kinds.map(\.code))
        let start = scenario.settings.start
        dayCount = max(0, start.distance(to: scenario.settings.end) + 1)
        firstMonthKey = start.monthKey
        monthOfOffset = (0..<dayCount).map { start.advanced(by: $0).monthKey - start.monthKey }
        monthCount = (monthOfOffset.last ?? 0) + 1
    }

    /// The day's position in the period, or nil outside it.
    public func offset(of day: Day) -> Int? {
        let o = scenario.settings.start.distance(to: day)
        return o >= 0 && o < dayCount ? o : nil
    }

    public func day(atOffset o: Int) -> Day { scenario.settings.start.advanced(by: o) }

    /// The window a session must lie in: its demand's or its tour's.
    public func window(of session: Session) -> ClosedRange<Day>? {
        switch session.type {
        case .trainingClass:
            return demands[session.ref].map { $0.earliest...$0.latest }
        case .tourStop:
            return tours[session.ref].map { $0.earliest...$0.latest }
        }
    }

    /// Teaching days the session must take: the kind's, or the stop's own.
    public func requiredDays(of session: Session) -> Int? {
        switch session.type {
        case .trainingClass: return kinds[session.kind]?.days
        case .tourStop: return stop(tour: session.ref, county: session.county)?.days
        }
    }

    /// The stop of stops.csv a plan row means: its tour (`ref`) and county,
    /// whatever the row's session id (SCENARIO.md leaves its form open).
    public func stop(tour: String, county: String) -> TourStop? {
        stops[TourStop(tour: tour, county: county, days: 0, mentees: 0).sessionID]
    }

    /// Every class and stop the scenario asks for.
    public var demandedItems: Int {
        scenario.demands.reduce(0) { $0 + $1.classes } + scenario.stops.count
    }
}
