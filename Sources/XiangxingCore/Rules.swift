/// The hard rules of SCENARIO.md, each written once. The checker runs them
/// over a finished plan; the planner asks the same functions before it
/// books anything. A rule reports typed breaches; sentences are made at
/// the edge (XiangxingIO's `BreachText`).

/// Rule numbers as SCENARIO.md numbers them.
public enum Rule: Int, CaseIterable, Hashable, Sendable, Comparable {
    /// 1. `days` consecutive teaching days inside the demand or tour window.
    case consecutiveTeachingDays = 1
    /// 2. exactly `kinds.trainers` distinct, qualified trainers.
    case qualifiedTrainers
    /// 3. one session a date per trainer, never on a blocked date, monthly limit.
    case trainerAvailability
    /// 4. consecutive days in two counties only within the evening travel limit.
    case eveningTravel
    /// 5. a venue in the session's county, one session a date, never blocked.
    case venueAvailability
    /// 6. class size between min and max seats, within the venue's seats.
    case classSize
    /// 7. one team per stop, the same trainers on every stop of a team.
    case tourTeams

    public static func < (a: Rule, b: Rule) -> Bool { a.rawValue < b.rawValue }
}

/// What exactly a breach is, with the facts a person needs to fix it.
public enum BreachFact: Hashable, Sendable {
    // Rule 1
    case dayCount(expected: Int, actual: Int)
    case notATeachingDay(NonTeachingReason)
    case datesNotInOrder
    /// A teaching day lies between two of the session's dates but is not one of them.
    case skippedTeachingDay
    case outsideWindow(ClosedRange<Day>)
    // Rule 2
    case trainerCount(expected: Int, actual: Int)
    case repeatedTrainer
    case unknownTrainer
    case notQualified(kind: String)
    // Rule 3
    case trainerDoubleBooked(otherSession: String)
    case trainerCalendarBlocked
    case monthlyLimit(monthKey: Int, days: Int, limit: Int)
    // Rule 4
    case eveningTravel(from: String, to: String, minutes: Double, limit: Double)
    // Rule 5
    case unknownVenue
    case venueInOtherCounty(venueCounty: String)
    case venueDoubleBooked(otherSession: String)
    case venueCalendarBlocked
    // Rule 6
    case classSize(count: Int, min: Int, max: Int)
    case venueTooSmall(seats: Int, needed: Int)
    /// The person is not enrolled for this class's county and kind.
    case attendeeNotEnrolled(idNumber: String)
    case attendeeInTwoClasses(idNumber: String, otherSession: String)
    // Rule 7
    case teamOutOfRange(team: Int?, teams: Int)
    case teamTrainersDiffer(team: Int, firstStop: String)
    case stopServedTwice
}

/// One broken hard rule, located by session, trainer, venue and date.
public struct Breach: Hashable, Sendable {
    public var rule: Rule
    public var session: String
    public var trainer: String?
    public var venue: String?
    public var date: Day?
    public var fact: BreachFact
    public init(rule: Rule, session: String, trainer: String? = nil, venue: String? = nil,
                date: Day? = nil, fact: BreachFact) {
        self.rule = rule; self.session = session; self.trainer = trainer; self.venue = venue
        self.date = date; self.fact = fact
    }
}

public enum Rules {
    // MARK: Rule 1

    /// Rule 1: the session's dates are `days` teaching days that follow each
    /// other in the county's teaching-day sequence, inside the window.
    public static func consecutiveTeachingDays(_ s: Session, in x: ScenarioIndex) -> [Breach] {
        var out: [Breach] = []
        func breach(_ d: Day?, _ f: BreachFact) {
            out.append(Breach(rule: .consecutiveTeachingDays, session: s.id, date: d, fact: f))
        }
        if let days = x.requiredDays(of: s), days != s.dates.count {
            breach(nil, .dayCount(expected: days, actual: s.dates.count))
        }
        guard let kind = x.kinds[s.kind] else { return out }
        if let window = x.window(of: s) {
            for d in s.dates where !window.contains(d) { breach(d, .outsideWindow(window)) }
        }
        var positions: [Int] = []
        for d in s.dates {
            if let reason = x.calendar.whyNot(d, weekends: kind.weekends, county: s.county) {
                breach(d, .notATeachingDay(reason))
            } else if let p = x.calendar.sequencePosition(d, weekends: kind.weekends, county: s.county) {
                positions.append(p)
            }
        }
        if zip(s.dates, s.dates.dropFirst()).contains(where: { $0 >= $1 }) {
            breach(nil, .datesNotInOrder)
        } else if positions.count == s.dates.count {
            for (i, (a, b)) in zip(positions, positions.dropFirst()).enumerated() where b != a + 1 {
                breach(s.dates[i + 1], .skippedTeachingDay)
            }
        }
        return out
    }

    /// The date runs rule 1 allows for a session: every `days` consecutive
    /// teaching days inside the window. What the planner chooses from.
    public static func allowedDateRuns(kind: Kind, county: String, days: Int,
                                       window: ClosedRange<Day>, in x: ScenarioIndex) -> [[Day]] {
        let seq = x.calendar.teachingDays(weekends: kind.weekends, county: county)
        return x.calendar.runs(count: days, within: window, weekends: kind.weekends, county: county)
            .map { Array(seq[$0]) }
    }

    // MARK: Rule 2

    /// Rule 2: exactly `kinds.trainers` distinct trainers, each qualified
    /// for the session's kind (a stop: its tour's kind).
    public static func qualifiedTrainers(_ s: Session, in x: ScenarioIndex) -> [Breach] {
        var out: [Breach] = []
        let kindCode = s.type == .tourStop ? (x.tours[s.ref]?.kind ?? s.kind) : s.kind
        if let kind = x.kinds[kindCode], kind.trainers != Set(s.trainers).count {
            out.append(Breach(rule: .qualifiedTrainers, session: s.id,
                              fact: .trainerCount(expected: kind.trainers, actual: Set(s.trainers).count)))
        }
        var seen: Set<String> = []
        for t in s.trainers {
            if !seen.insert(t).inserted {
                out.append(Breach(rule: .qualifiedTrainers, session: s.id, trainer: t, fact: .repeatedTrainer))
                continue
            }
            guard let trainer = x.trainers[t] else {
                out.append(Breach(rule: .qualifiedTrainers, session: s.id, trainer: t, fact: .unknownTrainer))
                continue
            }
            if !isQualified(trainer, for: kindCode) {
                out.append(Breach(rule: .qualifiedTrainers, session: s.id, trainer: t,
                                  fact: .notQualified(kind: kindCode)))
            }
        }
        return out
    }

    public static func isQualified(_ trainer: Trainer, for kind: String) -> Bool {
        trainer.qualifications.contains(kind)
    }

    // MARK: Rule 3 lives in `Bookings` (one session a date, calendar, monthly limit).

    // MARK: Rule 4

    /// Rule 4: may a trainer work in `a` one day and in `b` the next?
    public static func eveningTravelAllowed(from a: String, to b: String, in x: ScenarioIndex) -> Bool {
        eveningTravelAllowed(sameCounty: a == b, minutes: x.roads.minutes(a, b),
                             limit: x.scenario.settings.maxEveningTravelMinutes)
    }

    /// Rule 4 itself: the same county, or road minutes within the limit.
    @inline(__always)
    public static func eveningTravelAllowed(sameCounty: Bool, minutes: Double, limit: Double) -> Bool {
        sameCounty || minutes <= limit
    }

    // MARK: Rule 5 (the venue itself; its dates are in `Bookings`)

    /// Rule 5, static part: the venue exists and is in the session's county.
    public static func venueFits(_ s: Session, in x: ScenarioIndex) -> [Breach] {
        guard let venue = x.venues[s.venue] else {
            return [Breach(rule: .venueAvailability, session: s.id, venue: s.venue, fact: .unknownVenue)]
        }
        guard venue.county == s.county else {
            return [Breach(rule: .venueAvailability, session: s.id, venue: s.venue,
                           fact: .venueInOtherCounty(venueCounty: venue.county))]
        }
        return []
    }

    // MARK: Rule 6

    /// Rule 6, size part: a class of `count` attendees (nil: the scenario has
    /// no attendees.csv) fits its kind's seat range and its venue.
    public static func classSize(_ s: Session, count: Int?, in x: ScenarioIndex) -> [Breach] {
        guard s.type == .trainingClass, let kind = x.kinds[s.kind] else { return [] }
        var out: [Breach] = []
        let needed: Int
        if let count {
            if count < kind.minSeats || count > kind.maxSeats {
                out.append(Breach(rule: .classSize, session: s.id,
                                  fact: .classSize(count: count, min: kind.minSeats, max: kind.maxSeats)))
            }
            needed = count
        } else {
            needed = kind.maxSeats
        }
        if let venue = x.venues[s.venue], venue.seats < needed {
            out.append(Breach(rule: .classSize, session: s.id, venue: s.venue,
                              fact: .venueTooSmall(seats: venue.seats, needed: needed)))
        }
        return out
    }

    /// Rule 6, venue part, before anyone is seated: the fewest seats a venue
    /// may have and still hold a class of this kind. With attendees.csv a
    /// class takes as many people as its venue seats (up to `max_seats`, the
    /// rest wait), so `min_seats` is enough; without it the class is counted
    /// at `max_seats` and the venue must hold that many.
    ///
    ///     Rules.fewestVenueSeats(for: capability, withAttendees: true)   // 20
    public static func fewestVenueSeats(for kind: Kind, withAttendees: Bool) -> Int {
        withAttendees ? kind.minSeats : kind.maxSeats
    }

    /// Rule 6, size part, as a number: the most people a class of this kind
    /// can take in a venue of `venueSeats` seats.
    public static func classCapacity(for kind: Kind, venueSeats: Int) -> Int {
        min(kind.maxSeats, venueSeats)
    }

    /// Rule 6, enrolment part: is this person enrolled for the class's county and kind?
    public static func isEnrolled(_ idNumber: String, for s: Session, in x: ScenarioIndex) -> Bool {
        x.attendees[idNumber]?.contains { $0.kind == s.kind && $0.county == s.county } ?? false
    }

    // MARK: Rule 7

    /// Rule 7 over all stops of one tour: each stop served once, by a team
    /// numbered 1…teams, and each team has the same trainers on every stop.
    public static func tourTeams(tour: Tour, stops: [Session]) -> [Breach] {
        var out: [Breach] = []
        var seen: Set<String> = []
        var crew: [Int: (trainers: Set<String>, stop: String)] = [:]
        for s in stops.sorted(by: { ($0.dates.first ?? Day(ordinal: 0), $0.id) < ($1.dates.first ?? Day(ordinal: 0), $1.id) }) {
            // A stop is its tour's county, whatever the row's session id.
            if !seen.insert(s.county).inserted {
                out.append(Breach(rule: .tourTeams, session: s.id, fact: .stopServedTwice))
            }
            guard let team = s.team, (1...max(1, tour.teams)).contains(team), tour.teams >= 1 else {
                out.append(Breach(rule: .tourTeams, session: s.id, fact: .teamOutOfRange(team: s.team, teams: tour.teams)))
                continue
            }
            let trainers = Set(s.trainers)
            if let first = crew[team] {
                if first.trainers != trainers {
                    out.append(Breach(rule: .tourTeams, session: s.id,
                                      fact: .teamTrainersDiffer(team: team, firstStop: first.stop)))
                }
            } else {
                crew[team] = (trainers, s.id)
            }
        }
        return out
    }
}
