import Foundation
import Testing
import XiangxingCore
import XiangxingIO

/// The planner on real files: what it writes must pass the checker, be the
/// same for the same seed, beat the first-fit baseline, and say why
/// anything is left out.
@Suite("Planner on the Nanyang demo")
struct PlannerTests {
    static func load(_ folder: URL) throws -> ScenarioIndex {
        switch ScenarioReader.read(folder: folder) {
        case .success(let s): return ScenarioIndex(s.scenario)
        case .failure(let p): throw p
        }
    }

    static func plan(_ x: ScenarioIndex, _ options: PlannerOptions = PlannerOptions(seed: 1)) -> (PlannerResult, Plan) {
        let r = Planner(index: x).run(options)
        let words = UnscheduledText(index: x)
        let plan = Plan(sessions: r.sessions, assignments: r.assignments, unscheduled: r.unscheduled.map {
            UnscheduledItem(ref: $0.ref, type: $0.type, county: $0.county, kind: $0.kind, reason: words.reason($0))
        })
        return (r, plan)
    }

    @Test("every class and stop of the demo is planned, and the checker accepts the plan")
    func demoPlanIsCompleteAndValid() throws {
        let x = try Self.load(demoScenario("nanyang-2019"))
        let (result, plan) = Self.plan(x)
        let report = PlanChecker.check(plan, against: x)
        #expect(report.breaches.isEmpty, "\(report.breaches.prefix(3))")
        #expect(report.inconsistencies.isEmpty, "\(report.inconsistencies.prefix(3))")
        #expect(report.scheduled == 137)
        #expect(result.unscheduled.isEmpty)
        #expect(abs(report.score.travelKm - result.score.travelKm) < 1e-6)
        // Every enrolled person has a seat, each class within its kind's seat range.
        #expect(result.waitlist.isEmpty)
        #expect(plan.assignments?.values.reduce(0) { $0 + $1.count } == 3491)
        // Tours: each team keeps its trainers, and every team of the September tour has a stop.
        let september = plan.sessions.filter { $0.ref == "XCX-2019-09" }
        #expect(Set(september.compactMap(\.team)) == Set(1...6))
    }

    @Test("the optimised plan drives at most 80% of the first-fit baseline's km, and no more is left out")
    func optimisedBeatsFirstFit() throws {
        let x = try Self.load(demoScenario("nanyang-2019"))
        let best = Self.plan(x).0.score
        let baseline = Self.plan(x, PlannerOptions(seed: 1, strategy: .firstFit)).0.score
        #expect(best.unscheduled <= baseline.unscheduled)
        #expect(best.travelKm <= 0.8 * baseline.travelKm, "optimised \(best.travelKm) km, first-fit \(baseline.travelKm) km")
    }

    @Test("the same seed writes a byte-identical plan.csv")
    func sameSeedSamePlan() throws {
        let x = try Self.load(demoScenario("nanyang-2019"))
        let tmp = try TemporaryFolder()
        var bytes: [Data] = []
        for n in 0..<2 {
            let (r, plan) = Self.plan(x, PlannerOptions(seed: 42))
            let folder = tmp.url.appendingPathComponent("p\(n)")
            try PlanFolder.write(plan, summary: PlanSummary(scheduled: r.sessions.count, unscheduled: r.unscheduled.count,
                                                            travelKm: r.score.travelKm, hardViolations: 0, solveSeconds: 0),
                                 to: folder, withAssignments: true)
            bytes.append(try Data(contentsOf: folder.appendingPathComponent("plan.csv")))
            bytes.append(try Data(contentsOf: folder.appendingPathComponent("assignments.csv")))
        }
        #expect(bytes[0] == bytes[2])
        #expect(bytes[1] == bytes[3])
    }

    @Test("a class with too few people enrolled is left out with a reason naming the numbers")
    func tooFewAttendeesIsExplained() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario("nanyang-2019"), as: "s")
        let demand = folder.appendingPathComponent("demand.csv")
        let text = try String(contentsOf: demand, encoding: .utf8)
        // 桐柏县 capability: 2 classes wanted already; ask for 6 more than its people can fill.
        try (text + "D900,411330,capability,6,2019-10-08,2019-11-29\n").write(to: demand, atomically: true, encoding: .utf8)
        let x = try Self.load(folder)
        let (result, plan) = Self.plan(x)
        #expect(PlanChecker.check(plan, against: x).isValid)
        let left = result.unscheduled.filter { $0.ref == "D900" }
        #expect(!left.isEmpty)
        let reason = UnscheduledText(index: x).reason(try #require(left.first))
        #expect(reason.hasPrefix("桐柏县 创业能力提升培训 第"))
        #expect(reason.contains("报名") && reason.contains("每期至少 20 人"), "\(reason)")
    }

    @Test("a window of holidays only is explained as having no run of teaching days")
    func holidayWindowIsExplained() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario("nanyang-2019"), as: "s")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("attendees.csv"))
        let demand = folder.appendingPathComponent("demand.csv")
        let text = try String(contentsOf: demand, encoding: .utf8)
        // 国庆 2019-10-01..07 is all official holiday.
        try (text + "D901,411328,capability,1,2019-10-01,2019-10-07\n").write(to: demand, atomically: true, encoding: .utf8)
        let x = try Self.load(folder)
        let (result, plan) = Self.plan(x)
        #expect(PlanChecker.check(plan, against: x).isValid)
        let u = try #require(result.unscheduled.first { $0.ref == "D901" })
        #expect(u.cause == .noTeachingRun(days: 5))
        let reason = UnscheduledText(index: x).reason(u)
        #expect(reason.contains("窗口 2019-10-01 至 2019-10-07 内没有连续 5 个教学日"), "\(reason)")
        let english = UnscheduledText(index: x, language: .en).reason(u)
        #expect(english.contains("no run of 5 consecutive teaching days"), "\(english)")
        // The smallest change: end the window on 2019-10-12, the 调休 Saturday that
        // completes the first run of 5 teaching days after National Day (10-08..10-12).
        let remedy = Explainer(index: x, sessions: result.sessions).remedy(for: u)
        #expect(remedy == .widenWindow(earliest: nil, latest: day("2019-10-12")))
        #expect(ExplainText(index: x).render(u, remedy: remedy).contains("把最晚日期放宽到 2019-10-12"))
    }

    @Test("when trainers are short the reason names the closest dates and who is busy")
    func trainerShortageNamesTheBlockers() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario("nanyang-2019"), as: "s")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("attendees.csv"))
        let demand = folder.appendingPathComponent("demand.csv")
        let text = try String(contentsOf: demand, encoding: .utf8)
        // Four 5-day service classes in one week of 唐河县: only 16 trainers hold "service"
        // and the county has 3 venues, so the fourth cannot fit.
        try (text + "D902,411328,capability,4,2019-11-18,2019-11-22\n").write(to: demand, atomically: true, encoding: .utf8)
        let x = try Self.load(folder)
        let (result, plan) = Self.plan(x)
        #expect(PlanChecker.check(plan, against: x).isValid)
        let left = result.unscheduled.filter { $0.ref == "D902" }
        #expect(!left.isEmpty)
        for u in left {
            let reason = UnscheduledText(index: x).reason(u)
            #expect(reason.hasPrefix("唐河县 创业能力提升培训"), "\(reason)")
            #expect(reason.contains("2019-11-18 至 2019-11-22"), "\(reason)")
        }
    }
}

/// The planner on generated scenarios: every plan it writes passes the
/// checker, on several seeds (the large presets are the benchmark's job).
@Suite("Planner on generated scenarios")
struct GeneratedPlannerTests {
    @Test("plans of the nanyang preset pass the checker and leave no more out than first fit", arguments: [1, 2, 3] as [UInt64])
    func nanyangPreset(seed: UInt64) throws {
        try checkPreset(.nanyang, seed: seed)
    }

    @Test("a plan of the henan preset passes the checker")
    func henanPreset() throws {
        try checkPreset(.henan, seed: 1)
    }

    private func checkPreset(_ preset: ScenarioPreset, seed: UInt64) throws {
        let tmp = try TemporaryFolder()
        let folder = tmp.url.appendingPathComponent("\(preset.rawValue)-\(seed)")
        try ScenarioGenerator.generate(preset: preset, seed: seed).write(to: folder, force: false)
        let x = try PlannerTests.load(folder)
        let (result, plan) = PlannerTests.plan(x, PlannerOptions(seed: seed))
        let report = PlanChecker.check(plan, against: x)
        #expect(report.breaches.isEmpty, "seed \(seed): \(report.breaches.prefix(3))")
        #expect(report.inconsistencies.isEmpty, "seed \(seed): \(report.inconsistencies.prefix(3))")
        let baseline = PlannerTests.plan(x, PlannerOptions(seed: seed, strategy: .firstFit)).0
        #expect(result.unscheduled.count <= baseline.unscheduled.count, "seed \(seed)")
        #expect(result.score.travelKm <= 0.8 * baseline.score.travelKm, "seed \(seed)")
    }
}
