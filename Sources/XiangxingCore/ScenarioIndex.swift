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
    }

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
        case .tourStop: return stops[session.id]?.days
        }
    }

    /// Every class and stop the scenario asks for.
    public var demandedItems: Int {
        scenario.demands.reduce(0) { $0 + $1.classes } + scenario.stops.count
    }
}
