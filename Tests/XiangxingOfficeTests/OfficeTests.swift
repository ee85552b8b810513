import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport

/// The Office API called directly, as the web will call it: plain values in,
/// results or `OfficeError` out, nothing printed.
@Suite struct OfficeTests {
    static let quick = PlannerOptions(seed: 1, timeLimit: 20, strategy: .firstFit)

    /// Plans the demo into a fresh store in `tmp` and returns the store and the saved plan.
    static func planDemo(_ tmp: borrowing TemporaryFolder) throws -> (OfficeStore, Planning.Saved, [String]) {
        let office = OfficeStore(path: tmp.url.appendingPathComponent("xiangxing.sqlite").path, language: .zh, who: "王秀英")
        var notices: [String] = []
        let saved = try Planning.plan(into: office, importing: demoScenario().path, out: tmp.url.appendingPathComponent("plan-v1").path,
                                      planner: quick, notice: { notices.append($0) })
        return (office, saved, notices)
    }

    @Test func planningTheDemoIntoANewStoreSavesVersionOneWithItsAuthorAndWritesTheSamePlanToTheFolder() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try Self.planDemo(tmp)
        #expect(saved.version == 1)
        #expect(saved.output.report.isValid)
        #expect(!saved.output.plan.sessions.isEmpty)
        let store = try office.open()
        let stored = try #require(try store.version(1))
        #expect(stored.info.author == "王秀英")
        #expect(stored.info.reason == "初始计划")
        #expect(stored.plan.sessions == saved.output.plan.sessions)
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("plan-v1/plan.csv").path))
        // What the printing commands read back from the store: the same plan.
        let read = try PlanSourceReader.load(.store(office, version: nil), .zh, notice: { _ in })
        #expect(read.plan.sessions == saved.output.plan.sessions)
        #expect(read.scenario.counties.count == 17)
    }

    @Test func theSeptemberReportOfAFreshPlanCountsEveryCountyAndNothingDeliveredYet() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try Self.planDemo(tmp)
        let out = tmp.url.appendingPathComponent("统计表-2019-09").path
        var notices: [String] = []
        let written = try MonthlyReport.write(
            MonthlyReport.Request(source: .store(office, version: nil), month: try #require(ReportMonth("2019-09")),
                                  formats: [.csv, .txt], out: out, unit: "南阳市人力资源和社会保障局", preparer: "王建国"),
            notice: { notices.append($0) })
        #expect(written.files == ["report.csv", "report.txt"])
        let counties = Set(written.rows.map(\.county)).subtracting([ReportRow.cityTotal])
        #expect(counties.count == 17)
        #expect(written.rows.allSatisfy { $0.deliveredToDate == 0 })
        #expect(written.rows.contains { $0.county == ReportRow.cityTotal && $0.plannedYear > 0 })
        #expect(written.text.contains("唐河县"))
        #expect(FileManager.default.fileExists(atPath: out + "/report.csv"))
        #expect(notices.isEmpty)
    }

    @Test func aReportForACountyTheScenarioLacksIsAnErrorNamingTheOptionAndWritesNothing() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try Self.planDemo(tmp)
        let out = tmp.url.appendingPathComponent("火星县-2019-09").path
        let request = MonthlyReport.Request(source: .store(office, version: nil), month: try #require(ReportMonth("2019-09")),
                                            county: "火星县", out: out)
        let error = try #require(throws: OfficeError.self) { try MonthlyReport.write(request, notice: { _ in }) }
        #expect(error.exitCode == 1)
        #expect(error.messages(.zh).joined().contains("--county"))
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test func readingFromAStoreThatDoesNotExistSaysWhatToDoAndCreatesNoStore() throws {
        let tmp = try TemporaryFolder()
        let path = tmp.url.appendingPathComponent("没有.sqlite").path
        let error = try #require(throws: OfficeError.self) {
            try PlanSourceReader.load(.store(OfficeStore(path: path, language: .en), version: nil), .en, notice: { _ in })
        }
        #expect(error.messages(.en).joined().contains("xiangxing import and plan first"))
        #expect(!FileManager.default.fileExists(atPath: path))
    }
}

@Suite struct RostersTests {
    @Test func tangheSignInSheetsFromTheStoreAreOnePerClassWithIDsMasked() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let out = tmp.url.appendingPathComponent("签到表-唐河县").path
        var notices: [String] = []
        let written = try Rosters.write(Rosters.Request(source: .store(office, version: nil), county: "唐河", format: .csv, out: out),
                                        notice: { notices.append($0) })
        let classes = saved.output.plan.sessions.filter { $0.type == .trainingClass && $0.county == "411328" }
        #expect(written.files.count == classes.count)
        #expect(written.files.allSatisfy { $0.lastPathComponent.hasPrefix("签到表-唐河县-") && $0.path.hasPrefix(out) })
        #expect(notices == ["--county 唐河：按唐河县（411328）处理。"])
        let first = try String(contentsOf: try #require(written.files.first), encoding: .utf8)
        let ids = saved.output.plan.assignments?[classes.first { written.files[0].lastPathComponent.contains($0.id) }?.id ?? ""] ?? []
        #expect(!ids.isEmpty)
        #expect(ids.allSatisfy { !first.contains($0) })
    }
}
