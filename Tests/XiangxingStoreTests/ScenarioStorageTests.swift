import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore

@Suite("Scenarios in the store")
struct ScenarioStorageTests {
    @Test(arguments: TestBackend.all) func importedScenarioComesBackEqualWithoutItsFolder(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        // Import from a copy, then delete the copy: the store must not need the folder.
        let copy = tmp.url.appendingPathComponent("scenario")
        try FileManager.default.copyItem(at: demoScenario(), to: copy)
        let loaded = try Demo.read(copy)
        let store = try PlanStore(path: tmp.database)
        let id = try store.importScenario(loaded, source: "scenarios/nanyang-2019", by: "office")
        try FileManager.default.removeItem(at: copy)

        let s = try #require(try store.currentScenario())
        let read = loaded.scenario
        #expect(try store.currentScenarioID() == id)
        #expect(s.settings == read.settings)
        #expect(s.holidays.holidays == read.holidays.holidays)
        #expect(s.holidays.workdays == read.holidays.workdays)
        #expect(s.counties == read.counties)
        #expect(s.kinds == read.kinds)
        #expect(s.venues == read.venues)
        #expect(s.trainers == read.trainers)
        #expect(s.demands == read.demands)
        #expect(s.tours == read.tours)
        #expect(s.stops == read.stops)
        #expect(s.blackouts == read.blackouts)
        #expect(s.attendees == read.attendees)
        #expect(s.travel == read.travel)
        // A few deep facts, spelt out.
        #expect(s.trainers.count == 60 && s.venues.count == 47 && s.counties.count == 17)
        #expect(s.attendees?.count == 3491)
        let t001 = try #require(s.trainers.first { $0.id == "T001" })
        #expect(t001.name == "单志刚" && t001.qualifications == ["awareness", "capability", "village-tour"])
        #expect(t001.blocked == read.trainers.first { $0.id == "T001" }?.blocked && !t001.blocked.isEmpty)
        #expect(s.holidays.isOfficialHoliday(day("2019-10-01")))
        #expect(s.holidays.isAdjustedWorkday(day("2019-09-29")))
        #expect(s.holidays.holidays[day("2019-09-13")] == read.holidays.holidays[day("2019-09-13")])
        let withPinyin = read.attendees!.filter { $0.pinyin != nil }
        #expect(!withPinyin.isEmpty)
        #expect(s.attendees!.filter { $0.pinyin != nil }.map(\.pinyin) == withPinyin.map(\.pinyin))
        #expect(s.blackouts.contains { $0.county == nil } == read.blackouts.contains { $0.county == nil })

        let info = try #require(try store.scenarioInfo(id))
        #expect(info.source == "scenarios/nanyang-2019" && info.importedBy == "office")
        let events = try store.events()
        #expect(events.map(\.kind) == [.scenarioImported])
    }

    @Test(arguments: TestBackend.all) func reimportReplacesTheCurrentScenarioAndKeepsTheOldOne(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        let demo = try Demo.get()
        let first = try store.importScenario(demo.loaded, source: "a", by: "office")
        var smaller = demo.loaded
        smaller.scenario.demands.removeLast(5)
        smaller.scenario.attendees = nil
        smaller.scenario.settings.name = "缩小的场景"
        let second = try store.importScenario(smaller, source: "b", by: "office")
        #expect(second > first)
        let current = try #require(try store.currentScenario())
        #expect(current.settings.name == "缩小的场景")
        #expect(current.demands == smaller.scenario.demands)
        #expect(current.attendees == nil)
        // The first stays for the versions that were planned from it.
        #expect(try store.scenario(first)?.demands == demo.scenario.demands)
        #expect(try store.events().map(\.kind) == [.scenarioImported, .scenarioImported])
    }

    @Test(arguments: TestBackend.all) func aBadFolderNeverReachesTheStore(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        let demo = try Demo.get()
        try store.importScenario(demo.loaded, source: "good", by: "office")
        let broken = tmp.url.appendingPathComponent("broken")
        try FileManager.default.copyItem(at: demoScenario(), to: broken)
        let demand = broken.appendingPathComponent("demand.csv")
        let text = try String(contentsOf: demand, encoding: .utf8).replacingOccurrences(of: "D001,411302", with: "D001,411399")
        try Data(text.utf8).write(to: demand)
        // The import command reads first: a bad folder stops there.
        guard case .failure = ScenarioReader.read(folder: broken) else {
            Issue.record("the broken copy was read without problems"); return
        }
        #expect(try store.currentScenario()?.demands == demo.scenario.demands)
        #expect(try store.events().count == 1)
    }
}
