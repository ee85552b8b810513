import Testing
@testable import XiangxingCore

/// The km bounds against every possible plan of a scenario small enough
/// to enumerate: two 创业意识培训 classes in 唐河县 in September 2019, two
/// qualified trainers (王建国 lives in 唐河县, 李秀英 in 桐柏县).
@Suite struct BoundsTests {
    /// The tiny scenario without its tour and its 桐柏县 class.
    static func twoClasses(tangheTrainerDays: Int) -> ScenarioIndex {
        var s = TinyScenario.scenario
        s.demands = s.demands.filter { $0.id == "D1" }
        s.tours = []
        s.stops = []
        if let i = s.trainers.firstIndex(where: { $0.id == "T01" }) { s.trainers[i].maxDaysPerMonth = tangheTrainerDays }
        return ScenarioIndex(s)
    }

    /// The least class km of any plan the checker accepts, by trying every
    /// run of two teaching days, every qualified trainer and every venue
    /// for both classes.
    static func exhaustiveOptimum(_ x: ScenarioIndex) -> (km: Double, plans: Int) {
        let kind = x.kinds["GYB"]!
        let d = x.demands["D1"]!
        let runs = Rules.allowedDateRuns(kind: kind, county: d.county, days: kind.days, window: d.earliest...d.latest, in: x)
        let trainers = x.scenario.trainers.filter { Rules.isQualified($0, for: "GYB") }.map(\.id)
        let venues = x.scenario.venues.filter { $0.county == d.county }.map(\.id)
        var options: [(dates: [Day], trainer: String, venue: String)] = []
        for r in runs { for t in trainers { for v in venues { options.append((r, t, v)) } } }
        var best = Double.infinity, valid = 0
        for (i, a) in options.enumerated() {
            for b in options[i...] {
                let sessions = [a, b].enumerated().map { n, o in
                    Session(id: d.sessionID(n + 1), type: .trainingClass, kind: "GYB", county: d.county, venue: o.venue,
                            dates: o.dates, trainers: [o.trainer], ref: "D1", attendees: kind.maxSeats)
                }
                let report = PlanChecker.check(Plan(sessions: sessions), against: x)
                guard report.breaches.isEmpty else { continue }
                valid += 1
                best = min(best, report.score.travelKm)
            }
        }
        return (best, valid)
    }

    /// The two-class scenario planned, its bounds, and the best any plan can do.
    static func solved(tangheTrainerDays: Int) -> (result: PlannerResult, bounds: KmBounds, optimum: (km: Double, plans: Int)) {
        let x = twoClasses(tangheTrainerDays: tangheTrainerDays)
        let result = Planner(index: x).run(PlannerOptions(seed: 1))
        #expect(PlanChecker.check(Plan(sessions: result.sessions), against: x).breaches.isEmpty)
        return (result, KmBounds.of(result.sessions, in: x), exhaustiveOptimum(x))
    }

    @Test("with trainers to spare, the bound is the optimum, the planner reaches it and says it is proved")
    func boundTightAndProved() {
        let (result, bounds, optimum) = Self.solved(tangheTrainerDays: 10)
        #expect(optimum.plans > 100)
        #expect(bounds.classBound <= optimum.km + 1e-9)
        #expect(abs(bounds.classKm - optimum.km) < 1e-9)
        #expect(abs(bounds.classBound - optimum.km) < 1e-9, "王建国 can teach both classes at home")
        #expect(result.proof == .optimal)
    }

    @Test("when the near trainer's month is full, the bound stays under the optimum, the planner finds the optimum and reports the gap")
    func boundBelowOptimumAndGapReported() {
        // Two days a month: 王建国 can teach one of the two classes only.
        let (result, bounds, optimum) = Self.solved(tangheTrainerDays: 2)
        #expect(optimum.plans > 0)
        #expect(bounds.classBound < optimum.km - 1, "the bound ignores the monthly limit")
        #expect(abs(bounds.classKm - optimum.km) < 1e-9, "planner \(bounds.classKm) km, best possible \(optimum.km) km")
        #expect(result.unscheduled.isEmpty)
        #expect(result.proof == .gap(classKm: bounds.classKm, bound: bounds.classBound, unscheduled: 0))
        #expect(Set(result.sessions.flatMap(\.trainers)) == ["T01", "T02"])
    }

    @Test("a tour's bound is at most what its teams drive, in the planner's plan and in a hand-made one")
    func tourBoundUnderThePlan() {
        let x = TinyScenario().index
        let result = Planner(index: x).run(PlannerOptions(seed: 1))
        let bounds = KmBounds.of(result.sessions, in: x)
        #expect(bounds.stops == 3)
        #expect(bounds.tourBound > 0)
        #expect(bounds.tourBound <= bounds.tourKm + 1e-9)
        // The hand-made valid plan drives at least the bound too.
        let valid = KmBounds.of(TinyScenario.validPlan.sessions, in: x)
        #expect(valid.tourBound <= valid.tourKm + 1e-9)
    }
}

/// Ranking trainers by home gives what sorting each trainer by (cost, row) gives.
@Suite struct TrainerRankingTests {
    @Test("equally far homes interleave their trainers in file order; otherwise the nearer home's come first")
    func rankingByHomeIsRankingByTrainer() {
        // 王建国 (row 0) and 刘洋 (row 3) live in home 7; 李秀英 (row 1) and 张伟 (row 2) in home 4.
        let groups = NearestTrainers.byHome([0, 1, 2, 3]) { [7, 4, 4, 7][$0] }
        #expect(groups.map(\.home) == [4, 7])
        #expect(NearestTrainers.order(groups) { _ in 12.5 } == [0, 1, 2, 3])
        #expect(NearestTrainers.order(groups) { $0 == 7 ? 3 : 9 } == [0, 3, 1, 2])
        // Against the plain sort of every trainer, on many seeded distances with ties.
        var rng = SeededRandom(seed: 7, stream: "ranking")
        for _ in 0..<200 {
            let homes = (0..<40).map { _ in rng.below(9) }
            let km = (0..<9).map { _ in Double(rng.below(4)) }
            let plain = (0..<40).sorted { (km[homes[$0]], $0) < (km[homes[$1]], $1) }
            #expect(NearestTrainers.order(NearestTrainers.byHome(Array(0..<40)) { homes[$0] }) { km[$0] } == plain)
        }
    }
}
