/// `xiangxing explain`: why a scheduled session sits where it is (what the
/// alternatives would break), and for an unscheduled item the smallest
/// change that would let it in. Structured facts; sentences at the edge.
public struct Explainer: Sendable {
    public let index: ScenarioIndex
    public let sessions: [Session]

    public init(index: ScenarioIndex, sessions: [Session]) {
        self.index = index
        self.sessions = sessions
    }

    /// A trainer nearer than the ones chosen, and why they were not.
    public struct Alternative: Hashable, Sendable {
        public var trainer: String
        public var km: Double
        public var obstacle: TrainerObstacle
    }

    /// Another way the session could have been held, and the rule it breaks.
    public struct OtherDates: Hashable, Sendable {
        public var dates: [Day]
        public var breach: DateObstacle
    }

    public enum DateObstacle: Hashable, Sendable {
        case trainer(String, TrainerObstacle)
        case noVenue
    }

    public struct Placed: Hashable, Sendable {
        public var session: Session
        /// The session's trainers with their round-trip (or route) km.
        public var trainerKm: [String: Double]
        public var nearer: [Alternative]
        /// Earlier and later runs of teaching days in the window, and why not.
        public var otherDates: [OtherDates]
        /// Other runs where the same trainers and a venue are free too:
        /// equally good, the planner spread classes over them by seed.
        public var equallyGood: Int
        /// Venues of the county not chosen, and why (too small, or taken).
        public var otherVenues: [(venue: String, seats: Int, taken: Bool)]

        public static func == (a: Placed, b: Placed) -> Bool { a.session == b.session }
        public func hash(into h: inout Hasher) { h.combine(session) }
    }

    /// The change that would most cheaply let an unscheduled item in.
    public enum Remedy: Hashable, Sendable {
        case enrolMore(people: Int)
        case qualify(trainer: String)
        case addVenue(seats: Int)
        case shortenBlackout(reason: String, county: String?, days: [Day])
        case widenWindow(earliest: Day?, latest: Day?)
        case freeTrainer(trainer: String, obstacle: TrainerObstacle, dates: [Day])
    }

    /// Bookings of every session but one.
    private func bookingsWithout(_ id: String?) -> Bookings {
        var b = Bookings(index)
        for s in sessions where s.id != id { b.book(s) }
        return b
    }

    public func explain(placed s: Session) -> Placed {
        let b = bookingsWithout(s.id)
        let x = index
        let kindCode = s.kind
        let offsets = s.dates.compactMap(x.offset(of:))
        let county = x.countyNumber[s.county] ?? 0
        var trainerKm: [String: Double] = [:]
        for t in s.trainers {
            if let home = x.trainers[t]?.homeCounty { trainerKm[t] = 2 * x.roads.km(home, s.county) }
        }
        let farthest = trainerKm.values.max() ?? 0
        var nearer: [Alternative] = []
        for (i, t) in x.scenario.trainers.enumerated() where Rules.isQualified(t, for: kindCode) && !s.trainers.contains(t.id) {
            let km = 2 * x.roads.km(t.homeCounty, s.county)
            guard km < farthest, let o = b.obstacle(i, offsets: offsets, county: county) else { continue }
            nearer.append(Alternative(trainer: t.id, km: km, obstacle: o))
        }
        nearer.sort { ($0.km, $0.trainer) < ($1.km, $1.trainer) }
        var other: [OtherDates] = []
        var equallyGood = 0
        if let kind = x.kinds[kindCode], let window = x.window(of: s) {
            let days = x.requiredDays(of: s) ?? s.dates.count
            let runs = Rules.allowedDateRuns(kind: kind, county: s.county, days: days, window: window, in: x)
            let ownTrainers = s.trainers.compactMap { x.trainerNumber[$0] }
            let venues = x.scenario.venues.indices.filter { x.scenario.venues[$0].county == s.county }
            for run in runs where run != s.dates {
                let o = run.compactMap(x.offset(of:))
                if !venues.contains(where: { b.venueCanHost($0, offsets: o) }) {
                    other.append(OtherDates(dates: run, breach: .noVenue)); continue
                }
                if let t = ownTrainers.first(where: { b.obstacle($0, offsets: o, county: county) != nil }) {
                    other.append(OtherDates(dates: run, breach: .trainer(x.scenario.trainers[t].id, b.obstacle(t, offsets: o, county: county)!)))
                } else {
                    equallyGood += 1
                }
            }
        }
        var venues: [(String, Int, Bool)] = []
        for (i, v) in x.scenario.venues.enumerated() where v.county == s.county && v.id != s.venue {
            venues.append((v.id, v.seats, !b.venueCanHost(i, offsets: offsets)))
        }
        return Placed(session: s, trainerKm: trainerKm, nearer: Array(nearer.prefix(5)), otherDates: other, equallyGood: equallyGood,
                      otherVenues: venues.map { (venue: $0.0, seats: $0.1, taken: $0.2) })
    }

    /// The smallest change that would let an unscheduled class or stop in.
    public func remedy(for u: UnscheduledDiagnosis) -> Remedy? {
        let x = index
        switch u.cause {
        case .tooFewAttendees(let enrolled, let classes, let minSeats):
            return .enrolMore(people: max(1, classes * minSeats - enrolled))
        case .noVenueLargeEnough(let seats, _):
            return .addVenue(seats: seats)
        case .noQualifiedTrainers:
            let near = x.scenario.trainers.filter { !Rules.isQualified($0, for: u.kind) }
                .min { (x.roads.km($0.homeCounty, u.county), $0.id) < (x.roads.km($1.homeCounty, u.county), $1.id) }
            return near.map { .qualify(trainer: $0.id) }
        case .noTeachingRun(let days):
            guard let kind = x.kinds[u.kind] else { return nil }
            // Without this county's blackouts, would a run exist? Then shorten the one in the way.
            var relaxed = x.scenario
            let own = relaxed.blackouts.filter { $0.county == nil || $0.county == u.county }
            relaxed.blackouts.removeAll { $0.county == nil || $0.county == u.county }
            let free = TeachingCalendar(settings: relaxed.settings, holidays: relaxed.holidays, blackouts: relaxed.blackouts, counties: [u.county])
            let seq = free.teachingDays(weekends: kind.weekends, county: u.county)
            if let r = free.runs(count: days, within: u.window, weekends: kind.weekends, county: u.county).first {
                let run = Array(seq[r])
                if let b = own.first(where: { b in run.contains { b.covers($0, in: u.county) } }) {
                    return .shortenBlackout(reason: b.reason, county: b.county, days: run.filter { b.covers($0, in: u.county) })
                }
            }
            return widen(u, days: days, weekends: kind.weekends)
        case .venuesBusy:
            guard let kind = x.kinds[u.kind] else { return nil }
            return widen(u, days: u.type == .tourStop ? (x.stops[u.sessionID]?.days ?? 1) : kind.days, weekends: kind.weekends)
        case .trainersShort(let needed, let run, let available, let blockers):
            // One trainer short: free that one. Otherwise look beyond the window.
            if available == needed - 1, let b = blockers.first {
                return .freeTrainer(trainer: b.trainer, obstacle: b.obstacle, dates: run)
            }
            guard let kind = x.kinds[u.kind] else { return nil }
            return widen(u, days: run.count, weekends: kind.weekends)
                ?? blockers.first.map { .freeTrainer(trainer: $0.trainer, obstacle: $0.obstacle, dates: run) }
        }
    }

    /// The nearest widening of the window (later end, else earlier start)
    /// that reaches a run of teaching days the period allows.
    private func widen(_ u: UnscheduledDiagnosis, days: Int, weekends: Bool) -> Remedy? {
        let seq = index.calendar.teachingDays(weekends: weekends, county: u.county)
        // The first run starting inside the window: move the end to where it ends.
        if let p = seq.firstIndex(where: { $0 >= u.window.lowerBound }), p + days - 1 < seq.count, seq[p + days - 1] > u.window.upperBound {
            return .widenWindow(earliest: nil, latest: seq[p + days - 1])
        }
        // Or the last run ending inside it: move the start to where it starts.
        if let q = seq.lastIndex(where: { $0 <= u.window.upperBound }), q - days + 1 >= 0, seq[q - days + 1] < u.window.lowerBound {
            return .widenWindow(earliest: seq[q - days + 1], latest: nil)
        }
        return nil
    }
}
