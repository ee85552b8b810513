import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore

@Suite("Changes to the stored scenario")
struct ChangeTests {
    static func storeWithDemo(_ tmp: TemporaryFolder, clock: TestClock = TestClock()) throws -> (PlanStore, Demo) {
        let store = try PlanStore(path: tmp.database, clock: clock.now)
        let demo = try Demo.get()
        try store.importScenario(demo.loaded, source: "scenarios/nanyang-2019", by: "office")
        return (store, demo)
    }

    /// A valid resident ID (GB 11643 check character) from its first 17 digits.
    static func residentID(_ first17: String) -> String {
        first17 + String(ResidentID.checkCharacter(first17.map { $0.wholeNumberValue! }))
    }

    @Test(arguments: TestBackend.all) func trainerUnavailabilityIsAppliedAndLogged(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let clock = TestClock("2019-09-09T01:30:00Z")
        let (store, demo) = try Self.storeWithDemo(tmp, clock: clock)
        let event = try store.markTrainerUnavailable(trainer: "T012", from: day("2019-09-10"), through: day("2019-09-12"),
                                                     reason: "病假", by: "wang")
        let t012 = try #require(try store.currentScenario()?.trainers.first { $0.id == "T012" })
        let before = demo.scenario.trainers.first { $0.id == "T012" }!.blocked
        #expect(t012.blocked == before.union([day("2019-09-10"), day("2019-09-11"), day("2019-09-12")]))
        let logged = try #require(try store.events().last)
        #expect(logged == event)
        #expect(logged.kind == .trainerUnavailable && logged.who == "wang" && logged.subject == "T012")
        #expect(logged.at == clock.now())
        #expect(logged.description.en == "trainer 赵永强 (T012) unavailable 2019-09-10..2019-09-12 (3 days): 病假")
        #expect(logged.description.zh.contains("赵永强（T012）2019-09-10..2019-09-12 不可用"))
    }

    @Test(arguments: TestBackend.all) func aNewCalendarReplacesTheOldButKeepsRecordedUnavailability(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo) = try Self.storeWithDemo(tmp)
        let old = demo.scenario.trainers.first { $0.id == "T001" }!.blocked
        try store.markTrainerUnavailable(trainer: "T001", from: day("2019-11-04"), through: day("2019-11-05"), reason: "会议", by: "office")
        let newCalendar: Set<Day> = [day("2019-06-03"), day("2019-06-04")]
        try store.replaceTrainerCalendar(trainer: "T001", blocked: newCalendar, source: "trainer-T001-v2.ics", by: "office")
        let t001 = try #require(try store.currentScenario()?.trainers.first { $0.id == "T001" })
        #expect(t001.blocked == newCalendar.union([day("2019-11-04"), day("2019-11-05")]))
        #expect(!old.isSubset(of: t001.blocked))
        let last = try #require(try store.events().last)
        #expect(last.kind == .trainerCalendarReplaced)
        #expect(last.description.en.contains("trainer-T001-v2.ics: 2 days blocked (was \(old.count))"))
    }

    @Test(arguments: TestBackend.all) func aClosedVenueIsBlocked(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, _) = try Self.storeWithDemo(tmp)
        try store.closeVenue(venue: "TH-1", from: day("2019-09-02"), through: day("2019-09-06"), reason: "装修", by: "office")
        let th1 = try #require(try store.currentScenario()?.venues.first { $0.id == "TH-1" })
        #expect((2...6).allSatisfy { th1.blocked.contains(day("2019-09-0\($0)")) })
        #expect(try store.events().last?.kind == .venueClosed)
        #expect(throws: StoreError.unknownVenue("TH-9")) {
            try store.closeVenue(venue: "TH-9", from: day("2019-09-02"), through: day("2019-09-06"), reason: "", by: "office")
        }
    }

    @Test(arguments: TestBackend.all) func demandIsAddedAndRemoved(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo) = try Self.storeWithDemo(tmp)
        let extra = Demand(id: "D900", county: "411328", kind: "awareness", classes: 2, earliest: day("2019-10-08"), latest: day("2019-11-29"))
        try store.addDemand(extra, by: "office")
        try store.removeDemand(id: "D001", by: "office")
        let demands = try #require(try store.currentScenario()?.demands)
        #expect(demands == demo.scenario.demands.filter { $0.id != "D001" } + [extra])
        #expect(throws: StoreError.duplicateDemand("D900")) { try store.addDemand(extra, by: "office") }
        #expect(throws: StoreError.unknownDemand("D001")) { try store.removeDemand(id: "D001", by: "office") }
        var mentoring = extra
        mentoring.id = "D901"; mentoring.kind = "village-tour"
        #expect(throws: StoreError.notATrainingKind("village-tour")) { try store.addDemand(mentoring, by: "office") }
        var outside = extra
        outside.id = "D902"; outside.latest = day("2020-02-01")
        #expect(throws: StoreError.self) { try store.addDemand(outside, by: "office") }
        #expect(try store.events().map(\.kind).suffix(2) == [.demandAdded, .demandRemoved])
    }

    @Test(arguments: TestBackend.all) func attendeesAreAddedAndWithdrawnAndNeverLogged(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo) = try Self.storeWithDemo(tmp)
        let newcomer = Attendee(idNumber: Self.residentID("41132819900101123"), name: "单雄", gender: .male, phone: "13800138000",
                                county: "411328", township: "源潭镇", kind: "awareness", project: "香菇种植", pinyin: "Shan Xiong")
        try store.addAttendees([newcomer], by: "office")
        let leaving = demo.scenario.attendees![10]
        try store.withdrawAttendee(idNumber: leaving.idNumber.lowercased(), kind: leaving.kind, by: "office")
        let attendees = try #require(try store.currentScenario()?.attendees)
        #expect(attendees.count == 3491)
        #expect(attendees.last == newcomer && attendees.last?.pinyin == "Shan Xiong")
        #expect(!attendees.contains(leaving))
        // Stored, but never in the log.
        let log = try store.events().flatMap { [$0.description.zh, $0.description.en, $0.subject] }.joined(separator: "\n")
        for a in [newcomer, leaving] {
            #expect(!log.contains(a.idNumber) && !log.contains(a.phone))
        }
        #expect(log.contains("411328 awareness 1"))
        #expect(log.contains(leaving.name))
        // Refused without repeating the number.
        do {
            try store.addAttendees([newcomer], by: "office")
            Issue.record("a duplicate enrolment was accepted")
        } catch let error as StoreError {
            #expect(error == .duplicateAttendee(name: "单雄", masked: ResidentID.masked(newcomer.idNumber), kind: "awareness"))
            #expect(!error.description.contains(newcomer.idNumber))
        }
    }

    @Test(arguments: TestBackend.all) func oneBadAttendeeRefusesTheWholeList(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, _) = try Self.storeWithDemo(tmp)
        let good = Attendee(idNumber: Self.residentID("41132819900101123"), name: "甲", gender: .male, phone: "1",
                            county: "411328", township: "", kind: "awareness")
        var badID = good
        badID.idNumber = "411328199001011230"
        badID.name = "乙"
        if ResidentID.validate(badID.idNumber) == nil { badID.idNumber = "41132819900101123Y" }
        let eventsBefore = try store.events().count
        #expect(throws: StoreError.self) { try store.addAttendees([good, badID], by: "office") }
        var unknownCounty = good
        unknownCounty.county = "999999"
        #expect(throws: StoreError.self) { try store.addAttendees([unknownCounty], by: "office") }
        #expect(try store.currentScenario()?.attendees?.count == 3491)
        #expect(try store.events().count == eventsBefore)
    }

    @Test(arguments: TestBackend.all) func anUnknownTrainerIsRefusedAndChangesNothing(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, _) = try Self.storeWithDemo(tmp)
        let before = try #require(try store.currentScenario())
        let eventsBefore = try store.events()
        do {
            try store.markTrainerUnavailable(trainer: "T999", from: day("2019-09-10"), through: day("2019-09-12"), reason: "", by: "office")
            Issue.record("an unknown trainer was accepted")
        } catch let error as StoreError {
            #expect(error == .unknownTrainer("T999"))
            #expect(error.message(.zh) == "未知讲师“T999” — 使用 trainers.csv 中的讲师编号")
            #expect(error.message(.en) == "unknown trainer \"T999\" — use a trainer id of trainers.csv")
        }
        #expect(throws: StoreError.unknownTrainer("T999")) {
            try store.replaceTrainerCalendar(trainer: "T999", blocked: [], source: "x.ics", by: "office")
        }
        #expect(throws: StoreError.invalidRange(from: day("2019-09-12"), through: day("2019-09-10"))) {
            try store.markTrainerUnavailable(trainer: "T012", from: day("2019-09-12"), through: day("2019-09-10"), reason: "", by: "office")
        }
        let after = try #require(try store.currentScenario())
        #expect(after.trainers == before.trainers)
        #expect(try store.events() == eventsBefore)
    }

    @Test(arguments: TestBackend.all) func changesNeedAScenario(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        #expect(try store.currentScenario() == nil)
        #expect(throws: StoreError.noScenario) {
            try store.closeVenue(venue: "TH-1", from: day("2019-09-02"), through: day("2019-09-06"), reason: "", by: "office")
        }
    }
}
