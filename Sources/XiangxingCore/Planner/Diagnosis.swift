/// What stops an unscheduled item, as facts a person can act on.
public enum UnscheduledCause: Hashable, Sendable {
    /// Too few people enrolled: `enrolled` for `classes` classes of at least `minSeats`.
    case tooFewAttendees(enrolled: Int, classes: Int, minSeats: Int)
    /// The window holds no run of `days` consecutive teaching days.
    case noTeachingRun(days: Int)
    case noQualifiedTrainers(qualified: Int, needed: Int)
    /// No venue of the county seats `seats`, the fewest a class may have
    /// (`min_seats`; the largest venue seats `largest`).
    case noVenueLargeEnough(seats: Int, largest: Int)
    /// Every run finds every suitable venue taken or closed.
    case venuesBusy
    /// Not enough qualified trainers free on any run; on the closest run
    /// (`bestRun`) `available` were free, and these are why the nearest
    /// others were not.
    case trainersShort(needed: Int, bestRun: [Day], available: Int, blockers: [TrainerBlocker])
}

public struct TrainerBlocker: Hashable, Sendable {
    public var trainer: String
    public var obstacle: TrainerObstacle
    public init(trainer: String, obstacle: TrainerObstacle) { self.trainer = trainer; self.obstacle = obstacle }
}

/// One unscheduled class or stop with its cause.
public struct UnscheduledDiagnosis: Hashable, Sendable {
    public var sessionID: String
    public var type: SessionType
    /// Demand id or tour id.
    public var ref: String
    public var county: String
    public var kind: String
    /// Class number within its demand row (classes only).
    public var number: Int?
    public var window: ClosedRange<Day>
    public var cause: UnscheduledCause
    /// No plan can schedule the item, whatever the others do (不可能安排);
    /// false: another plan might (本次未能安排). See `Planner.impossibleItems`.
    public var impossible: Bool = false
}

/// Finds, for an item the search could not place, the rule that blocks it
/// and the nearest way out, looking at `bookings`: the final ones for
/// "本次未能安排", an empty ledger (calendars only) for "不可能安排" — an
/// item that fits nowhere even with nothing else booked fits in no plan.
struct Diagnosis {
    let problem: PlanningProblem
    let bookings: Bookings
    let tours: TourPlanner

    /// With nothing booked: only the scenario's own calendars stand in the way.
    static func alone(problem: PlanningProblem, tours: TourPlanner) -> Diagnosis {
        Diagnosis(problem: problem, bookings: Bookings(problem.index), tours: tours)
    }

    /// Class `i` marked impossible with its cause, or nil when it has a place in `bookings`.
    func impossibleClass(_ i: Int) -> UnscheduledDiagnosis? { blocked(explainClass(i)) }

    /// Stop `s` marked impossible with its cause, or nil when it has a place in `bookings`.
    func impossibleStop(_ s: Int) -> UnscheduledDiagnosis? { blocked(explainStop(s)) }

    private func blocked(_ u: UnscheduledDiagnosis) -> UnscheduledDiagnosis? {
        if case .trainersShort(let needed, _, let available, _) = u.cause, available >= needed { return nil }
        var out = u
        out.impossible = true
        return out
    }

    func explainClass(_ i: Int) -> UnscheduledDiagnosis {
        let item = problem.classes[i]
        let x = problem.index
        let d = x.scenario.demands[item.demand]
        func result(_ cause: UnscheduledCause) -> UnscheduledDiagnosis {
            UnscheduledDiagnosis(sessionID: item.sessionID, type: .trainingClass, ref: d.id, county: d.county, kind: d.kind,
                                 number: item.number, window: d.earliest...d.latest, cause: cause)
        }
        if case .tooFewAttendees(let e, let c, let m)? = item.impossible { return result(.tooFewAttendees(enrolled: e, classes: c, minSeats: m)) }
        if item.runCount == 0 { return result(.noTeachingRun(days: item.days)) }
        let near = problem.nearby[item.nearby]
        if near.count < item.trainersNeeded { return result(.noQualifiedTrainers(qualified: near.count, needed: item.trainersNeeded)) }
        let venues = problem.venuesOfCounty[item.county].filter { problem.venueSeats[$0] >= item.fewestSeats }
        if venues.isEmpty {
            return result(.noVenueLargeEnough(seats: item.fewestSeats, largest: problem.venuesOfCounty[item.county].map { problem.venueSeats[$0] }.max() ?? 0))
        }
        var bestRun = -1, bestFree = -1
        for p in item.firstRun...item.lastRun {
            let days = problem.offsets(item, run: p)
            guard venues.contains(where: { bookings.venueCanHost($0, offsets: days) }) else { continue }
            let free = near.reduce(0) { $0 + (bookings.trainerCanWork($1, offsets: days, county: item.county) ? 1 : 0) }
            if free > bestFree { bestFree = free; bestRun = p }
            if free >= item.trainersNeeded { break }
        }
        guard bestRun >= 0 else { return result(.venuesBusy) }
        let days = Array(problem.offsets(item, run: bestRun))
        var blockers: [TrainerBlocker] = []
        for t in near {
            guard let o = bookings.obstacle(t, offsets: days, county: item.county) else { continue }
            blockers.append(TrainerBlocker(trainer: x.scenario.trainers[t].id, obstacle: o))
            if blockers.count == 3 { break }
        }
        return result(.trainersShort(needed: item.trainersNeeded, bestRun: days.map(x.day(atOffset:)),
                                     available: bestFree, blockers: blockers))
    }

    func explainStop(_ s: Int) -> UnscheduledDiagnosis {
        let stop = tours.stops[s]
        let x = problem.index
        let tour = x.scenario.tours[stop.tour]
        func result(_ cause: UnscheduledCause) -> UnscheduledDiagnosis {
            UnscheduledDiagnosis(sessionID: stop.sessionID, type: .tourStop, ref: tour.id, county: x.scenario.counties[stop.county].code,
                                 kind: tour.kind, number: nil, window: tour.earliest...tour.latest, cause: cause)
        }
        let needed = x.kinds[tour.kind]?.trainers ?? 1
        let qualified = x.scenario.trainers.indices.filter { Rules.isQualified(x.scenario.trainers[$0], for: tour.kind) }
        if qualified.count < needed { return result(.noQualifiedTrainers(qualified: qualified.count, needed: needed)) }
        let seq = problem.sequences[stop.sequence]
        guard let lo = x.offset(of: tour.earliest), let hi = x.offset(of: tour.latest) else { return result(.noTeachingRun(days: stop.days)) }
        var bestRun: [Int] = [], bestFree = -1, anyVenue = false, anyRun = false
        var p = seq.firstIndex { $0 >= lo } ?? seq.count
        while p + stop.days <= seq.count, seq[p + stop.days - 1] <= hi {
            anyRun = true
            let run = Array(seq[p..<(p + stop.days)])
            p += 1
            guard problem.venuesOfCounty[stop.county].contains(where: { bookings.venueCanHost($0, offsets: run) }) else { continue }
            anyVenue = true
            let free = qualified.reduce(0) { $0 + (bookings.trainerCanWork($1, offsets: run, county: stop.county) ? 1 : 0) }
            if free > bestFree { bestFree = free; bestRun = run }
            if free >= needed { break }
        }
        if !anyRun { return result(.noTeachingRun(days: stop.days)) }
        if !anyVenue { return result(.venuesBusy) }
        let sorted = qualified.sorted { (problem.km(problem.trainerHome[$0], stop.county), $0) < (problem.km(problem.trainerHome[$1], stop.county), $1) }
        var blockers: [TrainerBlocker] = []
        for t in sorted {
            guard let o = bookings.obstacle(t, offsets: bestRun, county: stop.county) else { continue }
            blockers.append(TrainerBlocker(trainer: x.scenario.trainers[t].id, obstacle: o))
            if blockers.count == 3 { break }
        }
        return result(.trainersShort(needed: needed, bestRun: bestRun.map(x.day(atOffset:)), available: bestFree, blockers: blockers))
    }
}
