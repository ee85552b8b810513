import Foundation
import Testing
import XiangxingIO

/// Hand-made plans for the GB18030 sample (three counties, three classes):
/// one valid plan, then one copy per broken rule.
@Suite("xiangxing check", .enabled(if: Binary.url != nil, Comment(rawValue: Binary.missing)))
struct CheckCommandTests {
    /// One row of plan.csv.
    struct Row {
        var session: String, type = "class", kind: String, county: String, venue: String
        var dates: [String], trainers: [String], ref: String, team = "", attendees: [String]
        var mentees = 0
        var csv: String {
            [session, type, kind, county, venue, dates.joined(separator: ";"), trainers.joined(separator: ";"),
             ref, team, String(type == "stop" ? mentees : attendees.count)].joined(separator: ",")
        }
    }

    /// Enrolled resident IDs of one county and kind, in file order (attendees.csv
    /// of the sample writes the county by name).
    static let enrolled: [String: [String]] = {
        let url = demoScenario("nanyang-2019-gb18030").appendingPathComponent("attendees.csv")
        let bytes = [UInt8]((try? Data(contentsOf: url)) ?? Data())
        guard case .success(let (text, _)) = TextFile.decode(bytes, file: "attendees.csv") else { return [:] }
        var out: [String: [String]] = [:]
        for r in CSV.parse(text, file: "attendees.csv").records.dropFirst() {
            out[r.fields[4] + "/" + r.fields[6], default: []].append(r.fields[0])
        }
        return out
    }()

    /// D001: 3 days of awareness in 唐河县 by T004 from 桐柏县 (24 enrolled);
    /// D002: 5 days of capability in 社旗县 by T006 (home) and T005 (桐柏县, 21 enrolled);
    /// D003: 2 days of service in 桐柏县 by T003 from 唐河县 (15 enrolled).
    /// All dates are working days of 2019 inside the demand windows.
    static func validRows() -> [Row] {
        [
            Row(session: "D001-1", kind: "awareness", county: "411328", venue: "TH-1",
                dates: ["2019-03-05", "2019-03-06", "2019-03-07"], trainers: ["T004"], ref: "D001",
                attendees: enrolled["唐河县/awareness"] ?? []),
            Row(session: "D002-1", kind: "capability", county: "411327", venue: "SQ-1",
                dates: ["2019-04-08", "2019-04-09", "2019-04-10", "2019-04-11", "2019-04-12"],
                trainers: ["T006", "T005"], ref: "D002", attendees: enrolled["社旗县/capability"] ?? []),
            Row(session: "D003-1", kind: "service", county: "411330", venue: "TB-2",
                dates: ["2019-05-06", "2019-05-07"], trainers: ["T003"], ref: "D003",
                attendees: enrolled["桐柏县/service"] ?? []),
        ]
    }

    /// Road km by the contract, worked out here independently of the planner:
    /// haversine on a 6,371 km sphere × road_factor 1.3 (the sample has no travel.csv).
    static func roadKm(_ a: (Double, Double), _ b: (Double, Double)) -> Double {
        let rad = Double.pi / 180
        let h = pow(sin((b.0 - a.0) * rad / 2), 2) + cos(a.0 * rad) * cos(b.0 * rad) * pow(sin((b.1 - a.1) * rad / 2), 2)
        return 2 * 6371 * asin(min(1, h.squareRoot())) * 1.3
    }
    static let tanghe = (32.681, 112.807), tongbai = (32.380, 113.428), sheqi = (33.056, 112.948)
    /// T004 桐柏→唐河→桐柏, T005 桐柏→社旗→桐柏, T006 stays home, T003 唐河→桐柏→唐河.
    static let validKm = 2 * roadKm(tongbai, tanghe) + 2 * roadKm(tongbai, sheqi) + 2 * roadKm(tanghe, tongbai)

    static func writePlan(_ rows: [Row], travelKm: Double = validKm, scheduled: Int = 3,
                          in tmp: borrowing TemporaryFolder, name: String) throws -> URL {
        let folder = tmp.url.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        func write(_ file: String, _ lines: [String]) throws {
            try (lines.joined(separator: "\r\n") + "\r\n").write(to: folder.appendingPathComponent(file), atomically: true, encoding: .utf8)
        }
        try write("plan.csv", ["session,type,kind,county,venue,dates,trainers,ref,team,attendees"] + rows.map(\.csv))
        try write("assignments.csv", ["session,id_number"] + rows.flatMap { r in r.attendees.map { "\(r.session),\($0)" } })
        try write("unscheduled.csv", ["ref,type,county,kind,reason"])
        try write("summary.json", [#"{"scheduled": \#(scheduled), "unscheduled": 0, "travel_km": \#(travelKm), "hard_violations": 0, "solve_seconds": 0.5}"#])
        return folder
    }

    static let scenario = "scenarios/nanyang-2019-gb18030"

    @Test func theHandMadeSampleDataIsWhatThePlansAssume() {
        #expect(Self.enrolled["唐河县/awareness"]?.count == 24)
        #expect(Self.enrolled["社旗县/capability"]?.count == 21)
        #expect(Self.enrolled["桐柏县/service"]?.count == 15)
        #expect(abs(Self.validKm - 576.85) < 0.01)
    }

    @Test func aValidPlanWithTheRightKmPassesTheCheck() throws {
        let tmp = try TemporaryFolder()
        let plan = try Self.writePlan(Self.validRows(), in: tmp, name: "valid")
        let run = try xiangxing("check", Self.scenario, plan.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdoutLines.last == "已安排 3，未安排 0，讲师路程 576.9 公里；违反硬规则 0 处，不一致 0 处；summary.json 一致。")
    }

    @Test func aPlanLeavingAClassOutMustListIt() throws {
        let tmp = try TemporaryFolder()
        var rows = Self.validRows()
        rows.removeLast()
        let km = Self.validKm - 2 * Self.roadKm(Self.tanghe, Self.tongbai)
        let plan = try Self.writePlan(rows, travelKm: km, scheduled: 2, in: tmp, name: "missing")
        let run = try xiangxing("check", Self.scenario, plan.path, "--lang", "en")
        #expect(run.status == 1)
        #expect(run.stdout.contains("D003: unscheduled.csv lists 0, 1 are not in plan.csv"), "\(run.stdout)")
        #expect(run.stdout.contains("unscheduled: summary.json 0, recomputed 1"))
    }

    /// Runs check on the valid plan with one change; expects exit 1 and `expected` in the output.
    func expectBroken(_ name: String, scenario: String = CheckCommandTests.scenario, travelKm: Double = validKm,
                      expected: [String], _ change: (inout [Row]) -> Void) throws {
        let tmp = try TemporaryFolder()
        var rows = Self.validRows()
        change(&rows)
        let plan = try Self.writePlan(rows, travelKm: travelKm, in: tmp, name: name)
        let run = try xiangxing("check", scenario, plan.path)
        #expect(run.status == 1, "\(name) passed the check:\n\(run.stdout)")
        for text in expected {
            #expect(run.stdout.contains(text), "\(name): no \"\(text)\" in\n\(run.stdout)")
        }
    }

    @Test func aClassOnNationalDayBreaksRule1() throws {
        try expectBroken("rule1", expected: ["规则1", "D003-1 · 2019-10-01：这一天不是教学日：法定节假日"]) {
            $0[2].dates = ["2019-09-30", "2019-10-01"]
        }
    }

    @Test func anUnqualifiedTrainerBreaksRule2() throws {
        // T004 holds only awareness; D003 is service.
        try expectBroken("rule2", expected: ["规则2 讲师人数与资质 · 场次 D003-1 · 欧阳建华(T004)：不具备“创业服务业务培训”资质"]) {
            $0[2].trainers = ["T004"]
        }
    }

    @Test func oneTrainerInTwoClassesOnADateBreaksRule3() throws {
        // T005 teaches D002 on 04-08…12; put D001 on 04-08…10 with T005 too.
        try expectBroken("rule3", expected: ["规则3", "王丽娟(T005)", "2019-04-08", "同一天已在场次"]) {
            $0[0].dates = ["2019-04-08", "2019-04-09", "2019-04-10"]
            $0[0].trainers = ["T005"]
        }
    }

    @Test func workingInTwoCountiesOnConsecutiveDaysBeyondTheLimitBreaksRule4() throws {
        // With a 30-minute evening limit, 唐河县 → 社旗县 (about 57 road minutes) is too far overnight.
        let tmp = try TemporaryFolder()
        let scenario = try tmp.copy(demoScenario("nanyang-2019-gb18030"), as: "short-evenings")
        let settings = scenario.appendingPathComponent("scenario.csv")
        var text = try #require(TextFile.decode([UInt8](try Data(contentsOf: settings)), file: "scenario.csv").get().0 as String?)
        #expect(text.contains("max_evening_travel_minutes,150"))
        text = text.replacingOccurrences(of: "max_evening_travel_minutes,150", with: "max_evening_travel_minutes,30")
        try text.write(to: settings, atomically: true, encoding: .utf8)
        try expectBroken("rule4", scenario: scenario.path, expected: ["规则4", "王丽娟(T005)", "前一天在唐河县、次日在社旗县"]) {
            $0[0].dates = ["2019-04-08", "2019-04-09", "2019-04-10"]
            $0[0].trainers = ["T005"]
            $0[1].dates = ["2019-04-11", "2019-04-12", "2019-04-15", "2019-04-16", "2019-04-17"]
        }
    }

    @Test func aVenueInAnotherCountyBreaksRule5() throws {
        try expectBroken("rule5", expected: ["规则5 场地 · 场次 D001-1 · 场地 桐柏县人力资源和社会保障局职业技能培训中心(TB-1)：场地属于桐柏县，不在本县区"]) {
            $0[0].venue = "TB-1"
        }
    }

    @Test func aClassWithTooFewAttendeesBreaksRule6() throws {
        try expectBroken("rule6", expected: ["规则6 班额 · 场次 D003-1：班额 14 人，应在 15–40 人之间"]) {
            $0[2].attendees.removeLast()
        }
    }

    /// The sample with a two-team mentoring tour added (tours.csv and stops.csv
    /// in UTF-8 beside the GB18030 files): stops in 唐河县 and 社旗县.
    static func scenarioWithTour(in tmp: borrowing TemporaryFolder) throws -> URL {
        let folder = try tmp.copy(demoScenario("nanyang-2019-gb18030"), as: "with-tour")
        try "id,name,kind,earliest,latest,teams\r\nXCX,2019年乡村行（测试）,village-tour,2019-09-02,2019-09-30,2\r\n"
            .write(to: folder.appendingPathComponent("tours.csv"), atomically: true, encoding: .utf8)
        try "tour,county,days,mentees\r\nXCX,411328,1,50\r\nXCX,411327,1,40\r\n"
            .write(to: folder.appendingPathComponent("stops.csv"), atomically: true, encoding: .utf8)
        return folder
    }

    /// Team 1 (T002 from 唐河县, T007 from 社旗县) visits 唐河县 on 09-03, then 社旗县 on 09-04.
    static func tourRows() -> [Row] {
        [
            Row(session: "XCX@411328", type: "stop", kind: "village-tour", county: "411328", venue: "TH-2",
                dates: ["2019-09-03"], trainers: ["T002", "T007"], ref: "XCX", team: "1", attendees: [], mentees: 50),
            Row(session: "XCX@411327", type: "stop", kind: "village-tour", county: "411327", venue: "SQ-2",
                dates: ["2019-09-04"], trainers: ["T002", "T007"], ref: "XCX", team: "1", attendees: [], mentees: 40),
        ]
    }
    /// T002: 唐河 → 唐河 → 社旗 → 唐河; T007: 社旗 → 唐河 → 社旗 → 社旗.
    static let tourKm = 4 * roadKm(tanghe, sheqi)

    @Test func aTourServedByOneTeamPassesAndItsRoundTripsAreCounted() throws {
        let tmp = try TemporaryFolder()
        let scenario = try Self.scenarioWithTour(in: tmp)
        let plan = try Self.writePlan(Self.validRows() + Self.tourRows(), travelKm: Self.validKm + Self.tourKm,
                                      scheduled: 5, in: tmp, name: "tour")
        let run = try xiangxing("check", scenario.path, plan.path)
        #expect(run.status == 0, "\(run.stdout)\(run.stderr)")
        #expect(run.stdout.contains("已安排 5，未安排 0"))
    }

    @Test func aStopServedByTwoTeamsBreaksRule7() throws {
        let tmp = try TemporaryFolder()
        let scenario = try Self.scenarioWithTour(in: tmp)
        var again = Self.tourRows()[0]
        again.team = "2"
        again.dates = ["2019-09-05"]
        let plan = try Self.writePlan(Self.validRows() + Self.tourRows() + [again], travelKm: Self.validKm + Self.tourKm,
                                      scheduled: 5, in: tmp, name: "tour-twice")
        let run = try xiangxing("check", scenario.path, plan.path)
        #expect(run.status == 1)
        #expect(run.stdout.contains("规则7 乡村行小组 · 场次 XCX@411328：同一站点被安排了两次"), "\(run.stdout)")
    }

    @Test func aWrongTravelKmInSummaryIsADisagreement() throws {
        try expectBroken("km", travelKm: 500, expected: ["travel_km：summary.json 为 500.0，实际 576.9", "summary.json 不一致"]) { _ in }
    }
}
