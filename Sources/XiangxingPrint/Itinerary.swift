import XiangxingCore

/// One trainer's year as the plan has it (讲师行程表): every engagement in
/// date order with where it is, what is taught, who else teaches, the road
/// to and from it, and the working days free between engagements. A pure
/// value, printed as text (`ItineraryText`), PDF (`ItineraryPDF`) and
/// iCalendar (`ItineraryCalendar`). Phones are personal data: none is kept.
///
///     let wang = Itinerary(trainer: "T009", plan: plan, index: ScenarioIndex(scenario))
///     wang?.engagements.first?.county.name  // "唐河县"
public struct Itinerary: Hashable, Sendable {
    /// A county, by code and name.
    public struct Place: Hashable, Sendable {
        public var code: String
        public var name: String
        public init(code: String, name: String) { self.code = code; self.name = name }
    }

    /// A trainer, by id and name.
    public struct Person: Hashable, Sendable {
        public var id: String
        public var name: String
        public init(id: String, name: String) { self.id = id; self.name = name }
    }

    /// A drive between two county seats; zero within one county.
    public struct Leg: Hashable, Sendable {
        public var from: Place
        public var to: Place
        public var km: Double
        public var minutes: Double
        /// Starts at the trainer's home (else at the previous engagement).
        public var fromHome: Bool
        /// Ends at the trainer's home.
        public var toHome: Bool
        public init(from: Place, to: Place, km: Double, minutes: Double, fromHome: Bool, toHome: Bool) {
            self.from = from; self.to = to; self.km = km; self.minutes = minutes
            self.fromHome = fromHome; self.toHome = toHome
        }
    }

    /// One session (a class, or one stop of a tour) this trainer works.
    public struct Engagement: Hashable, Sendable {
        /// The plan's session id, stable across plan versions (`D07-2`, `XCX-2019-09@411328`).
        public var sessionID: String
        public var type: SessionType
        public var kindName: String
        /// The tour's name and team number, for a tour stop.
        public var tourName: String?
        public var team: Int?
        public var county: Place
        public var venueName: String
        public var venueAddress: String
        /// Teaching days, ascending. Consecutive teaching days, which may
        /// skip a weekend or a holiday.
        public var dates: [Day]
        /// The other trainers of the session (or of the tour team).
        public var coTrainers: [Person]
        /// The road to it, as the plan is scored (`TrainerTravel`): from
        /// home, or for a tour stop after the team's first, from the team's
        /// previous stop.
        public var arrival: Leg
        /// The road home afterwards; nil for a tour stop the team leaves
        /// for its next stop (that stop's `arrival` is the road then).
        public var departure: Leg?
        /// Working days (Monday–Friday not off, and 调休 weekend days)
        /// strictly between the previous engagement and this one; nil for
        /// the first.
        public var freeWorkingDaysBefore: Int?

        public var first: Day { dates.first! }
        public var last: Day { dates.last! }
        /// False when the dates skip a calendar day (a weekend between
        /// teaching days): then first…last is not all teaching.
        public var isContiguous: Bool { first.distance(to: last) == dates.count - 1 }
        /// Road km of this engagement's legs.
        public var km: Double { arrival.km + (departure?.km ?? 0) }
        public var minutes: Double { arrival.minutes + (departure?.minutes ?? 0) }
    }

    public var trainer: Person
    public var home: Place
    /// scenario.csv's `name`, e.g. 南阳市2019年返乡创业培训与创业讲师乡村行.
    public var planName: String
    public var period: ClosedRange<Day>
    public var engagements: [Engagement]
    /// Engagements earlier plan versions gave this trainer that this one
    /// lacks (see `noting(earlier:version:)`); empty without a history.
    public var cancelled: [Cancelled] = []
    /// The plan version and the print time, named on every printout; nil
    /// leaves the line out.
    public var edition: PrintEdition?

    public var teachingDays: Int { engagements.reduce(0) { $0 + $1.dates.count } }
    /// Road km of the legs listed: the trainer's km as SCENARIO.md scores
    /// it (`TrainerTravel.km`), the figure the tour sheet prints too.
    public var km: Double { engagements.reduce(0) { $0 + $1.km } }
    public var minutes: Double { engagements.reduce(0) { $0 + $1.minutes } }

    /// The itinerary of trainer `id` in `plan`; nil when the scenario has no
    /// such trainer. A trainer with no session gets an empty itinerary.
    public init?(trainer id: String, plan: Plan, index: ScenarioIndex) {
        guard let trainer = index.trainers[id] else { return nil }
        func place(_ code: String) -> Place { Place(code: code, name: index.counties[code]?.name ?? code) }
        func person(_ id: String) -> Person { Person(id: id, name: index.trainers[id]?.name ?? id) }

        self.trainer = person(id)
        home = place(trainer.homeCounty)
        planName = index.scenario.settings.name
        period = index.scenario.settings.period

        let sessions = plan.sessions
            .filter { $0.trainers.contains(id) && !$0.dates.isEmpty }
            .map { s in (s, s.dates.sorted()) }
            .sorted { ($0.1[0], $0.0.id) < ($1.1[0], $1.0.id) }
        let holidays = index.scenario.holidays
        func leg(_ from: String, _ to: String, fromHome: Bool, toHome: Bool) -> Leg {
            Leg(from: place(from), to: place(to), km: index.roads.km(from, to),
                minutes: index.roads.minutes(from, to), fromHome: fromHome, toHome: toHome)
        }

        // The legs are the route the plan is scored on (`TrainerTravel`), so
        // their sum is the trainer's km on the tour sheet and in the score.
        let routes = TrainerTravel.routes(trainer: id, sessions: plan.sessions)
        var engagements: [Engagement] = []
        for (session, dates) in sessions {
            let route = routes[session.id] ?? TrainerTravel.Route(from: nil, returnsHome: true)
            let arrival = leg(route.from ?? trainer.homeCounty, session.county, fromHome: route.from == nil, toHome: false)
            var free: Int?
            if let previous = engagements.last {
                var count = 0, d = previous.last.advanced(by: 1)
                while d < dates[0] {
                    if holidays.isWorkingDay(d) { count += 1 }
                    d = d.advanced(by: 1)
                }
                free = count
            }
            let venue = index.venues[session.venue]
            let tour = session.type == .tourStop ? index.tours[session.ref] : nil
            engagements.append(Engagement(
                sessionID: session.id, type: session.type,
                kindName: index.kinds[session.kind]?.name ?? session.kind,
                tourName: tour?.name, team: session.type == .tourStop ? session.team : nil,
                county: place(session.county),
                venueName: venue?.name ?? session.venue, venueAddress: venue?.address ?? "",
                dates: dates, coTrainers: session.trainers.filter { $0 != id }.map(person),
                arrival: arrival,
                departure: route.returnsHome ? leg(session.county, trainer.homeCounty, fromHome: false, toHome: true) : nil,
                freeWorkingDaysBefore: free))
        }
        self.engagements = engagements
    }

    /// Every trainer's itinerary in trainers.csv order, empty ones included.
    public static func all(plan: Plan, index: ScenarioIndex) -> [Itinerary] {
        index.scenario.trainers.compactMap { Itinerary(trainer: $0.id, plan: plan, index: index) }
    }
}
