public enum PlanningStrategy: String, Sendable, CaseIterable {
    /// Construction, then ruin-and-recreate local search.
    case optimise
    /// The baseline: everything in file order, the first thing that fits.
    case firstFit = "first-fit"
}

public struct PlannerOptions: Sendable {
    public var seed: UInt64
    /// Upper bound on search time in seconds. The search normally ends on
    /// its own iteration budget (so a seed always gives the same plan);
    /// this only cuts it short on a slow machine or a huge scenario.
    public var timeLimit: Double
    public var strategy: PlanningStrategy
    /// Search rounds per class and chain; nil: `defaultEffort` for the scenario's size.
    public var effort: Int?
    /// For a re-plan: the published plan to disturb as little as possible, and the pins.
    public var baseline: ReplanBaseline?
    public init(seed: UInt64 = 1, timeLimit: Double = 120, strategy: PlanningStrategy = .optimise, effort: Int? = nil,
                baseline: ReplanBaseline? = nil) {
        self.seed = seed; self.timeLimit = timeLimit; self.strategy = strategy; self.effort = effort
        self.baseline = baseline
    }

    /// Rounds per class that spend at most about a second on a city (150
    /// classes), a few on a province (1,400), and keep a country (22,000)
    /// under a minute, on a 2-core machine (docs/benchmarks.md): a budget in
    /// rounds, not seconds, so the same seed gives the same plan however
    /// busy the machine is. A search whose classes all sit at the lower
    /// bound stops at once.
    public static func defaultEffort(classes: Int) -> Int {
        max(25, min(120, 200_000 / max(1, classes)))
    }

    /// Route changes tried over all tours: 1,000 per stop for a city or a
    /// province (up to 300 stops: tours are few and each try is cheap), 60
    /// per stop beyond, where each try ranks thousands of trainers
    /// (measured in docs/benchmarks.md). With an explicit `effort`, 25 per
    /// stop and round (40 rounds: 1,000 per stop).
    static func tourAttempts(stops: Int, effort: Int?) -> Int {
        effort.map { max(1, $0) * 25 * stops } ?? (stops <= 300 ? 1_000 * stops : 60 * stops)
    }
}

public struct PlannerProgress: Sendable {
    public var seconds: Double
    public var phase: String
    public var unscheduled: Int
    public var km: Double
}

/// A person who enrolled but has no seat, and why.
public struct WaitlistEntry: Hashable, Sendable {
    public enum Reason: Hashable, Sendable {
        /// Every class of the county and kind is full at `max_seats`: another class would seat them.
        case classesFull(classes: Int)
        /// The classes run in venues with fewer than `max_seats` seats
        /// (`seats` in all) and are full: a bigger venue or another class.
        case venuesTooSmall(classes: Int, seats: Int)
        /// No class of the county and kind is scheduled.
        case noClass
    }
    public var attendee: Attendee
    public var reason: Reason
}

public struct PlannerResult: Sendable {
    public var sessions: [Session]
    /// Session → resident IDs (only when the scenario has attendees).
    public var assignments: [String: [String]]?
    public var unscheduled: [UnscheduledDiagnosis]
    public var waitlist: [WaitlistEntry]
    public var score: Score
    public var seconds: Double
    public var stoppedByTimeLimit: Bool
    /// Against the baseline of a re-plan (zero otherwise).
    public var disruption: Disruption
    /// Set when the exact search ran (fresh plans of small scenarios).
    public var proof: OptimalityProof? = nil
}

/// Books every class of demand.csv and every tour stop against trainers,
/// venues and dates, keeping the hard rules (asked of `Rules` and
/// `Bookings`, the same code the checker runs), and minimises first the
/// unscheduled work, then the trainers' road km.
///
///     let result = Planner(index: ScenarioIndex(scenario)).run(PlannerOptions(seed: 7))
public struct Planner: Sendable {
    public let index: ScenarioIndex
    public init(index: ScenarioIndex) { self.index = index }

    public func run(_ options: PlannerOptions = PlannerOptions(),
                    progress: (PlannerProgress) -> Void = { _ in }) -> PlannerResult {
        let clock = ContinuousClock()
        let started = clock.now
        func seconds() -> Double {
            let d = clock.now - started
            return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        }
        let intake = AttendeeIntake(index: index)
        let problem = PlanningProblem(index: index, classSeats: intake.seats, impossible: intake.impossible)
        var bookings = Bookings(index)
        let firstFit = options.strategy == .firstFit
        let rounds = options.effort ?? PlannerOptions.defaultEffort(classes: problem.classes.count)

        // Tours first: a team must keep the same trainers for weeks, classes are easier to fit around them.
        var tours = TourPlanner(problem: problem, seed: options.seed)
        if let baseline = options.baseline {
            tours.restore(baseline.sessions, bookings: &bookings)
        } else {
            tours.construct(bookings: &bookings, firstFit: firstFit)
        }
        if !firstFit && options.baseline == nil {
            tours.improve(bookings: &bookings, attempts: PlannerOptions.tourAttempts(stops: tours.stops.count, effort: options.effort))
        }
        progress(PlannerProgress(seconds: seconds(), phase: "tours", unscheduled: tours.unscheduled, km: tours.km))

        let classBaseline = ClassBaseline(problem: problem, baseline: options.baseline)
        var search = ClassSearch(plan: WorkingPlan(problem: problem, bookings: bookings, baseline: classBaseline), seed: options.seed)
        var stopped = false
        if firstFit {
            search.constructFirstFit()
        } else {
            search.construct()
            progress(PlannerProgress(seconds: seconds(), phase: "construct", unscheduled: search.plan.unscheduled + tours.unscheduled,
                                     km: search.plan.classKm + tours.km))
            let deadline = started + .milliseconds(Int64(min(options.timeLimit, 1e9) * 1000))
            (search, stopped) = ParallelSearch.improve(search, iterations: rounds * problem.classes.count, seed: options.seed,
                                                       deadline: deadline) { best in
                progress(PlannerProgress(seconds: seconds(), phase: "search", unscheduled: best.plan.unscheduled + tours.unscheduled,
                                         km: best.plan.classKm + tours.km))
            }
        }
        let plan = search.plan
        // Small fresh plans say how far they can be from the best.
        var proof: OptimalityProof?
        if !firstFit && options.baseline == nil && problem.classes.count <= OptimalityProof.classLimit {
            proof = plan.isAtLowerBound ? .optimal
                : .gap(classKm: plan.classKm, bound: plan.boundKm, unscheduled: plan.unscheduled - plan.neverPlaced)
        }

        // Sessions.
        var sessions: [Session] = []
        let s = index.scenario
        for (i, item) in problem.classes.enumerated() {
            guard let p = plan.placement[i] else { continue }
            let d = s.demands[item.demand]
            sessions.append(Session(id: item.sessionID, type: .trainingClass, kind: d.kind, county: d.county,
                                    venue: s.venues[p.venue].id,
                                    dates: problem.offsets(item, run: p.run).map(index.day(atOffset:)),
                                    trainers: p.trainers.map { s.trainers[$0].id }, ref: d.id, attendees: item.seats))
        }
        for (t, teams) in tours.teams.enumerated() {
            for (k, team) in teams.enumerated() where team.scheduled {
                for (n, stop) in team.route.enumerated() {
                    let st = tours.stops[stop]
                    sessions.append(Session(id: st.sessionID, type: .tourStop, kind: s.tours[t].kind,
                                            county: s.counties[st.county].code, venue: s.venues[team.venues[n]].id,
                                            dates: team.dates[n].map(index.day(atOffset:)),
                                            trainers: team.trainers.map { s.trainers[$0].id }, ref: s.tours[t].id,
                                            team: k + 1, attendees: st.mentees))
                }
            }
        }
        sessions.sort { $0.id < $1.id }

        // Attendees into the classes that run.
        var assignments: [String: [String]]?
        var waitlist: [WaitlistEntry] = []
        if s.attendees != nil {
            let seated = intake.allocate(sessions: &sessions, venues: index.venues, previous: options.baseline?.assignments)
            assignments = seated.assignments
            waitlist = seated.waitlist
        }

        // Why each left-out item is left out: no plan can have it (its cause
        // on its own), or this plan has no room for it (the final bookings).
        let explainer = Diagnosis(problem: problem, bookings: plan.bookings, tours: tours)
        let alone = Diagnosis.alone(problem: problem, tours: tours)
        var unscheduled: [UnscheduledDiagnosis] = []
        for (i, p) in plan.placement.enumerated() where p == nil {
            unscheduled.append(alone.impossibleClass(i) ?? explainer.explainClass(i))
        }
        var missingStops = tours.leftover
        for team in tours.teams.joined() where !team.scheduled { missingStops += team.route }
        for st in missingStops.sorted() { unscheduled.append(alone.impossibleStop(st) ?? explainer.explainStop(st)) }

        let km = TravelCost.km(of: sessions, in: index)
        let disruption = options.baseline.map {
            Disruption.between($0.sessions, sessions, oldAssignments: $0.assignments, newAssignments: assignments)
        } ?? Disruption()
        return PlannerResult(sessions: sessions, assignments: assignments, unscheduled: unscheduled, waitlist: waitlist,
                             score: Score(unscheduled: unscheduled.count, travelKm: km),
                             seconds: seconds(), stoppedByTimeLimit: stopped, disruption: disruption, proof: proof)
    }

    /// Every class and stop that no plan can schedule, with the cause: each
    /// item judged on its own against the scenario, nothing else booked.
    /// An item is impossible when
    /// - its county and kind have too few people enrolled for it (with
    ///   `min_seats` each, `enrolled / min_seats` classes at most can run);
    /// - its window holds no run of `days` consecutive teaching days;
    /// - fewer trainers hold its kind than it needs;
    /// - no venue of its county seats `min_seats` (`max_seats` without attendees.csv);
    /// - on every run, each venue fit for it is closed by its calendar, or
    ///   fewer qualified trainers than it needs are free by their calendars
    ///   and monthly limits.
    /// The planner leaves out nothing else on generated scenarios
    /// (`PlannerTests`); an unscheduled item not in this list is
    /// "本次未能安排": another plan, or a small change, would let it in.
    ///
    ///     let hopeless = Planner(index: x).impossibleItems().count
    public func impossibleItems() -> [UnscheduledDiagnosis] {
        let intake = AttendeeIntake(index: index)
        let problem = PlanningProblem(index: index, classSeats: intake.seats, impossible: intake.impossible)
        let tours = TourPlanner(problem: problem, seed: 0)
        let alone = Diagnosis.alone(problem: problem, tours: tours)
        return problem.classes.indices.compactMap(alone.impossibleClass) + tours.stops.indices.compactMap(alone.impossibleStop)
    }

    /// Why each class or stop missing from `sessions` is missing, judged
    /// against the bookings those sessions make (for `explain` on a stored plan).
    public func diagnose(sessions: [Session]) -> [UnscheduledDiagnosis] {
        let intake = AttendeeIntake(index: index)
        let problem = PlanningProblem(index: index, classSeats: intake.seats, impossible: intake.impossible)
        var bookings = Bookings(index)
        for s in sessions { bookings.book(s) }
        let tours = TourPlanner(problem: problem, seed: 0)
        let explainer = Diagnosis(problem: problem, bookings: bookings, tours: tours)
        let present = Set(sessions.map(\.id))
        var out: [UnscheduledDiagnosis] = []
        let alone = Diagnosis.alone(problem: problem, tours: tours)
        for (i, item) in problem.classes.enumerated() where !present.contains(item.sessionID) {
            out.append(alone.impossibleClass(i) ?? explainer.explainClass(i))
        }
        for (i, stop) in tours.stops.enumerated() where !present.contains(stop.sessionID) {
            out.append(alone.impossibleStop(i) ?? explainer.explainStop(i))
        }
        return out
    }
}
