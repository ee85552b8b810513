import XiangxingCore

/// One county a tour team visits, as its tour sheet (行程单) shows it.
public struct TourSheetStop: Hashable, Sendable {
    /// The plan's stable session id (`XCX-2019-09@411328`).
    public var sessionID: String
    /// Teaching days at this stop, ascending.
    public var dates: [Day]
    public var countyName: String
    public var venueName: String
    public var venueAddress: String
    /// 帮扶人次 planned at this stop.
    public var mentees: Int
    /// Road from the previous stop's county seat; nil for the first stop.
    public var fromPrevious: Road?

    public struct Road: Hashable, Sendable {
        public var km: Double
        public var minutes: Double
        public init(km: Double, minutes: Double) { self.km = km; self.minutes = minutes }
    }

    public init(sessionID: String, dates: [Day], countyName: String, venueName: String, venueAddress: String,
                mentees: Int, fromPrevious: Road?) {
        self.sessionID = sessionID; self.dates = dates.sorted(); self.countyName = countyName
        self.venueName = venueName; self.venueAddress = venueAddress; self.mentees = mentees
        self.fromPrevious = fromPrevious
    }
}

/// One trainer of a tour team.
public struct TourSheetMember: Hashable, Sendable {
    public var name: String
    public var homeCountyName: String
    /// The trainer's phone: personal data, masked (138****5678) unless the
    /// sheet is made with `unmasked`.
    public var phone: String
    /// This trainer's road km for the tour: home → first stop → … → last
    /// stop → home, as the plan is scored (`TrainerTravel.km`, the same
    /// figure as the trainer's itinerary).
    public var roundTripKm: Double

    public init(name: String, homeCountyName: String, phone: String, roundTripKm: Double) {
        self.name = name; self.homeCountyName = homeCountyName; self.phone = phone
        self.roundTripKm = roundTripKm
    }
}

/// Everything one team's tour sheet (创业讲师乡村行 行程单) shows: who
/// travels, where and when, how many people they mentor, how far they drive.
///
///     TourSheetInput(tour: september, team: 3, sessions: plan.sessions, scenario: scenario)
///     // title "2019年创业讲师乡村行 第3组 行程单", stops in date order
public struct TourSheetInput: Hashable, Sendable {
    /// "2019年创业讲师乡村行 第3组 行程单".
    public var title: String
    public var tourID: String
    public var tourName: String
    public var team: Int
    public var members: [TourSheetMember]
    /// In date order.
    public var stops: [TourSheetStop]
    /// The plan version and the print date, shown on every page.
    public var printed: PrintedFrom?

    public init(title: String, tourID: String, tourName: String, team: Int,
                members: [TourSheetMember], stops: [TourSheetStop], printed: PrintedFrom? = nil) {
        self.title = title; self.tourID = tourID; self.tourName = tourName; self.team = team
        self.members = members; self.stops = stops; self.printed = printed
    }

    /// The sheet of team `team` of `tour` in a plan: its stops (sessions of
    /// type stop with this tour and team) in date order, roads from
    /// `RoadNetwork` (travel.csv or the contract's estimate), names looked
    /// up in the scenario (codes stand in for unknown ones).
    public init(tour: Tour, team: Int, sessions: [Session], scenario: Scenario,
                index: ScenarioIndex? = nil, unmasked: Bool = false, printed: PrintedFrom? = nil) {
        let index = index ?? ScenarioIndex(scenario)
        let roads = index.roads
        let own = sessions
            .filter { $0.type == .tourStop && $0.ref == tour.id && $0.team == team }
            .sorted { ($0.dates.first ?? Day(ordinal: 0), $0.id) < ($1.dates.first ?? Day(ordinal: 0), $1.id) }
        func countyName(_ code: String) -> String { scenario.counties.first { $0.code == code }?.name ?? code }
        var stops: [TourSheetStop] = []
        var previous: String?
        for s in own {
            let venue = scenario.venues.first { $0.id == s.venue }
            let road = previous.map { TourSheetStop.Road(km: roads.km($0, s.county), minutes: roads.minutes($0, s.county)) }
            stops.append(TourSheetStop(sessionID: s.id, dates: s.dates, countyName: countyName(s.county),
                                       venueName: venue?.name ?? s.venue, venueAddress: venue?.address ?? "",
                                       mentees: s.attendees, fromPrevious: road))
            previous = s.county
        }
        // Trainers in the order the plan lists them; a trainer missing from a
        // stop still appears (rule 7 would flag it, the sheet shows it).
        var trainerIDs: [String] = []
        for s in own { for t in s.trainers where !trainerIDs.contains(t) { trainerIDs.append(t) } }
        let members = trainerIDs.map { id -> TourSheetMember in
            let trainer = scenario.trainers.first { $0.id == id }
            let home = trainer?.homeCounty ?? ""
            return TourSheetMember(name: trainer?.name ?? id, homeCountyName: countyName(home),
                                   phone: (trainer?.phone).map { unmasked ? $0 : PhoneMask.masked($0) } ?? "",
                                   roundTripKm: TrainerTravel.km(trainer: id, sessions: own, index: index))
        }
        self.init(title: "\(tour.name) 第\(team)组 行程单", tourID: tour.id, tourName: tour.name, team: team,
                  members: members, stops: stops, printed: printed)
    }

    /// Teaching days over all stops.
    public var totalDays: Int { stops.reduce(0) { $0 + $1.dates.count } }
    /// 帮扶人次 over all stops.
    public var totalMentees: Int { stops.reduce(0) { $0 + $1.mentees } }
    /// Road km from the first stop to the last (the team's route).
    public var routeKm: Double { stops.reduce(0) { $0 + ($1.fromPrevious?.km ?? 0) } }
    public var routeMinutes: Double { stops.reduce(0) { $0 + ($1.fromPrevious?.minutes ?? 0) } }
    /// All dates of the team, ascending.
    public var dates: [Day] { stops.flatMap(\.dates).sorted() }
}
