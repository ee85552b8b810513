import Foundation
import Testing
import XiangxingCore
import XiangxingStore

/// Calendar subscription tokens: one live per trainer, replaced and revoked
/// with who and when kept, the token itself never in the log.
@Suite struct CalendarTokenStoreTests {
    static let first = String(repeating: "a", count: 43)
    static let second = String(repeating: "b", count: 43)

    @Test(arguments: TestBackend.all) func aNewTokenRevokesTheOldOneAndTheLogNamesWhoButNeverTheToken(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let clock = TestClock()
        let store = try PlanStore(path: tmp.database, clock: clock.now)
        try store.importScenario(try Demo.get().loaded, source: "scenarios/nanyang-2019", by: "office")

        let made = try store.createCalendarToken(trainer: "T001", token: Self.first, by: "trainer-t001")
        #expect(made.createdBy == "trainer-t001" && made.isLive)
        #expect(try store.calendarTokenTrainer(Self.first) == "T001")
        #expect(try store.liveCalendarToken(trainer: "T001")?.token == Self.first)

        clock.advance(60)
        try store.createCalendarToken(trainer: "T001", token: Self.second, by: "王秀英")
        #expect(try store.calendarTokenTrainer(Self.first) == nil)
        #expect(try store.calendarTokenTrainer(Self.second) == "T001")
        let all = try store.calendarTokens(trainer: "T001")
        #expect(all.count == 2)
        #expect(all[0].revokedBy == "王秀英" && all[0].revokedAt == clock.now())
        #expect(all[1].isLive)

        #expect(try store.revokeCalendarToken(trainer: "T001", by: "trainer-t001"))
        #expect(try store.calendarTokenTrainer(Self.second) == nil)
        #expect(try store.liveCalendarToken(trainer: "T001") == nil)
        #expect(try !store.revokeCalendarToken(trainer: "T001", by: "trainer-t001"))

        let log = try store.events().filter { $0.subject == "T001" }
        #expect(log.map(\.kind) == [.calendarTokenCreated, .calendarTokenRevoked, .calendarTokenCreated, .calendarTokenRevoked])
        #expect(log.map(\.who) == ["trainer-t001", "王秀英", "王秀英", "trainer-t001"])
        #expect(log.allSatisfy { !$0.description.zh.contains(Self.first) && !$0.description.zh.contains(Self.second)
                                 && !$0.description.en.contains(Self.first) && !$0.description.en.contains(Self.second) })
        // A token change is no change of the plan: a re-plan running meanwhile still saves.
        #expect(log.allSatisfy { !$0.kind.changesThePlan })
    }

    @Test(arguments: TestBackend.all) func aTrainerTheScenarioLacksGetsNoToken(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        try store.importScenario(try Demo.get().loaded, source: "scenarios/nanyang-2019", by: "office")
        #expect(throws: StoreError.self) { try store.createCalendarToken(trainer: "T999", token: Self.first, by: "office") }
        #expect(try store.calendarTokens(trainer: "T999").isEmpty)
    }
}
