import Testing
import XiangxingCore

private let tanghe = County2260.tanghe, tongbai = County2260.tongbai, xixia = County2260.xixia

@Suite("PlanChecker: the whole plan, its score and its consistency")
struct PlanCheckerTests {
    @Test("The hand-made plan (3 classes, a tour of 2 teams) has no breach and no inconsistency")
    func validPlanAccepted() {
        let report = TinyScenario().check()
        #expect(report.breaches == [])
        #expect(report.inconsistencies == [])
        #expect(report.isValid)
        #expect(report.scheduled == 6)
        #expect(report.score.unscheduled == 0)
    }

    @Test("Travel km: home→county→home per class trainer, home→stops in date order→home per team trainer")
    func travelKmByHand() {
        let th = FixtureRoads.km(tanghe, tongbai), tx = FixtureRoads.km(tongbai, xixia)
        let expected =
            0                 // D1-1: 王建国 lives in 唐河县
            + 2 * th          // D1-2: 李秀英 桐柏县 → 唐河县 → 桐柏县
            + 2 * tx          // D2-1: 张伟 西峡县 → 桐柏县 → 西峡县
            + (th + th + 0)   // team 1, 李秀英: 桐柏 → 唐河 (5 Sep) → 桐柏 (6, 9 Sep) → home 桐柏
            + (0 + th + th)   // team 1, 赵丽娟: 唐河 → 唐河 (5 Sep) → 桐柏 (6, 9 Sep) → 唐河
            + 0               // team 2, 张伟: 西峡 → 西峡 → 西峡
            + 2 * tx          // team 2, 刘志强: 桐柏 → 西峡 → 桐柏
        #expect(abs(TinyScenario().check().score.travelKm - expected) < 1e-6)
    }

    @Test("A travel.csv row changes the score to the overridden km")
    func travelKmUsesOverride() {
        var tiny = TinyScenario()
        tiny.scenario.travel = [TravelOverride(from: tongbai, to: tanghe, km: 95, minutes: 110)]
        let expected = 6 * 95 + 4 * FixtureRoads.km(tongbai, xixia)
        #expect(abs(tiny.check().score.travelKm - expected) < 1e-6)
    }

    @Test("A team's km follows its stops in date order, not in plan order")
    func tourKmInDateOrder() {
        // 南召县 as a fourth county so that the order of three stops matters.
        let nanzhao = "411321"
        var s = TinyScenario.scenario
        s.counties.append(County(code: nanzhao, name: "南召县", latitude: 33.49, longitude: 112.43))
        let x = ScenarioIndex(s)
        func stop(_ county: String, _ date: String) -> Session {
            Session(id: "XCX-2019-09@\(county)", type: .tourStop, kind: "XCX", county: county, venue: "",
                    dates: [day(date)], trainers: ["T05"], ref: TinyScenario.tour, team: 1, attendees: 0)
        }
        let planOrder = [stop(xixia, "2019-09-19"), stop(tanghe, "2019-09-17"), stop(nanzhao, "2019-09-18")]
        func km(_ a: String, _ b: String) -> Double { x.roads.km(a, b) }
        // 刘志强 lives in 桐柏县: 桐柏 → 唐河 (17) → 南召 (18) → 西峡 (19) → 桐柏.
        let dateOrder = km(tongbai, tanghe) + km(tanghe, nanzhao) + km(nanzhao, xixia) + km(xixia, tongbai)
        let fileOrder = km(tongbai, xixia) + km(xixia, tanghe) + km(tanghe, nanzhao) + km(nanzhao, tongbai)
        #expect(abs(dateOrder - fileOrder) > 10)
        #expect(abs(TravelCost.km(of: planOrder, in: x) - dateOrder) < 1e-6)
    }

    @Test("A class and a stop left out, each with an unscheduled.csv row, count as 2 unscheduled")
    func unscheduledCounted() {
        var tiny = TinyScenario()
        tiny.remove("D1-2")
        tiny.remove(TinyScenario.stopXixia)
        tiny.plan.unscheduled = [
            UnscheduledItem(ref: "D1", type: .trainingClass, county: tanghe, kind: "GYB", reason: "无合格讲师"),
            UnscheduledItem(ref: TinyScenario.tour, type: .tourStop, county: xixia, kind: "XCX", reason: "场地不可用"),
        ]
        let report = tiny.check()
        #expect(report.isValid)
        #expect(report.scheduled == 4)
        #expect(report.score.unscheduled == 2)
        #expect(report.score > TinyScenario().check().score)
    }

    @Test("A class left out without an unscheduled.csv row is an unscheduled count mismatch")
    func unscheduledMismatch() {
        var tiny = TinyScenario()
        tiny.remove("D1-2")
        let report = tiny.check()
        #expect(report.breaches == [])
        #expect(report.inconsistencies == [.unscheduledCount(ref: "D1", listed: 0, missing: 1)])
        #expect(report.score.unscheduled == 1)
    }

    @Test("An unscheduled.csv row for a class that is in the plan is a mismatch too")
    func unscheduledRowForScheduledClass() {
        var tiny = TinyScenario()
        tiny.plan.unscheduled = [
            UnscheduledItem(ref: "D2", type: .trainingClass, county: tongbai, kind: "SYB", reason: "无场地"),
        ]
        #expect(tiny.check().inconsistencies == [.unscheduledCount(ref: "D2", listed: 1, missing: 0)])
    }

    @Test("A session whose ref names no demand row is reported as an unknown ref")
    func unknownRef() {
        var tiny = TinyScenario()
        tiny.plan.sessions.append(
            Session(id: "D9-1", type: .trainingClass, kind: "GYB", county: tanghe, venue: "V-TH2",
                    dates: days("2019-09-16", "2019-09-17"), trainers: ["T01"], ref: "D9", attendees: 0))
        let report = tiny.check()
        #expect(report.inconsistencies == [.unknownRef(session: "D9-1", ref: "D9")])
        #expect(report.breaches == [])
        #expect(report.scheduled == 6)
    }

    @Test("A third class row for D1 when D1 asks for 2 classes is an extra class and is not scored")
    func extraClass() {
        var tiny = TinyScenario()
        tiny.plan.sessions.append(
            Session(id: "D1-3", type: .trainingClass, kind: "GYB", county: tanghe, venue: "V-TH2",
                    dates: days("2019-09-16", "2019-09-17"), trainers: ["T01"], ref: "D1", attendees: 0))
        let report = tiny.check()
        #expect(report.inconsistencies == [.extraClass(session: "D1-3", ref: "D1", classes: 2)])
        #expect(report.scheduled == 6)
        #expect(report.score == TinyScenario().check().score)
    }

    /// Another program's ids: C00001… for classes, R01-411322 style for stops.
    static func renamed(_ plan: Plan) -> Plan {
        var out = plan
        var n = 0
        for i in out.sessions.indices {
            let s = out.sessions[i]
            n += 1
            out.sessions[i].id = s.type == .trainingClass ? "C" + String(repeating: "0", count: 5 - String(n).count) + String(n)
                                                          : "R01-\(s.county)"
        }
        return out
    }

    @Test("Session ids are opaque: C00001 and R01-411328 style ids are matched by ref (and county) and pass")
    func opaqueSessionIDsAreAccepted() {
        var tiny = TinyScenario()
        tiny.plan = Self.renamed(tiny.plan)
        let report = tiny.check()
        #expect(report.inconsistencies == [])
        #expect(report.breaches == [])
        #expect(report.scheduled == 6)
        #expect(report.score == TinyScenario().check().score)
    }

    @Test("With opaque ids: a class row too many, a stop listed twice and a stop the tour does not make are reported")
    func opaqueSessionIDsStillCatchFaults() {
        var tiny = TinyScenario()
        tiny.plan = Self.renamed(tiny.plan)
        tiny.plan.sessions.append(
            Session(id: "C00099", type: .trainingClass, kind: "GYB", county: tanghe, venue: "V-TH2",
                    dates: days("2019-09-16", "2019-09-17"), trainers: ["T01"], ref: "D1", attendees: 0))
        var twice = tiny.plan.sessions.first { $0.id == "R01-\(tongbai)" }!
        twice.id = "R02-\(tongbai)"
        tiny.plan.sessions.append(twice)
        var elsewhere = twice
        elsewhere.id = "R03-411303"; elsewhere.county = "411303"
        tiny.plan.sessions.append(elsewhere)
        let report = tiny.check()
        #expect(report.inconsistencies == [.extraClass(session: "C00099", ref: "D1", classes: 2),
                                           .notAStop(session: "R03-411303", tour: TinyScenario.tour, county: "411303")])
        #expect(report.breaches.contains(Breach(rule: .tourTeams, session: "R02-\(tongbai)", fact: .stopServedTwice)))
        #expect(report.scheduled == 6)
    }

    @Test("A stop is matched by tour and county: the tour's stop days apply to an opaque id (rule 1)")
    func opaqueStopIDKeepsItsDays() {
        var tiny = TinyScenario()
        tiny.plan = Self.renamed(tiny.plan)
        tiny.session("R01-\(tongbai)") { $0.dates = days("2019-09-06") }
        #expect(tiny.check().breaches.map(\.rule) == [.consecutiveTeachingDays])
    }

    @Test("A class whose kind or county is not its demand's is reported")
    func kindAndCountyMismatch() {
        var tiny = TinyScenario()
        tiny.session("D2-1") { $0.kind = "GYB" }
        #expect(tiny.check().inconsistencies.contains(.kindMismatch(session: "D2-1", planned: "GYB", expected: "SYB")))
        tiny = TinyScenario()
        tiny.session("D1-1") { $0.county = tongbai; $0.venue = "V-TB1" }
        #expect(tiny.check().inconsistencies == [.countyMismatch(session: "D1-1", planned: tongbai, expected: tanghe)])
    }

    @Test("A class listed twice is a duplicate session")
    func duplicateSession() throws {
        var tiny = TinyScenario()
        tiny.plan.sessions.append(try #require(tiny.plan.sessions.first { $0.id == "D1-1" }))
        #expect(tiny.check().inconsistencies == [.duplicateSession(session: "D1-1")])
    }

    @Test("A stop whose attendees column is not its mentees is reported")
    func menteesMismatch() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopTongbai) { $0.attendees = 18 }
        #expect(tiny.check().inconsistencies == [.mentees(session: TinyScenario.stopTongbai, column: 18, expected: 20)])
    }

    @Test("With attendees.csv: no assignments.csv, or a count that disagrees with it, is reported")
    func assignmentProblems() {
        var tiny = TinyScenario()
        tiny.enrolAttendees()
        tiny.plan.assignments = nil
        #expect(tiny.check().inconsistencies == [.assignmentsMissing])

        tiny = TinyScenario()
        tiny.enrolAttendees()
        tiny.session("D1-2") { $0.attendees = 25 }
        #expect(tiny.check().inconsistencies == [.attendeeCount(session: "D1-2", column: 25, assigned: 2)])

        tiny = TinyScenario()
        tiny.enrolAttendees()
        tiny.plan.assignments?["D1-7"] = [TinyScenario.a0]
        #expect(tiny.check().inconsistencies == [.assignmentToUnknownSession(session: "D1-7")])
    }
}
