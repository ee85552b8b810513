import Foundation
import Testing
import XiangxingCore
import XiangxingStore

/// A county's enrolment changed against a revision, and attendance saved day by day.
@Suite struct CountyEnrolmentStoreTests {
    @Test(arguments: TestBackend.all) func aWithdrawalFromARevisionAnEditHasAlreadyChangedIsRefusedAndTheEditStays(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, _, _) = try AttendanceStoreTests.store(tmp)
        let read = try store.enrolment(county: "411328", kind: "awareness")
        let person = try #require(read.people.first)
        var changed = person.attendee; changed.phone = "13903770001"
        try store.editAttendee(key: person.key, county: "411328", kind: "awareness", to: changed, revision: read.revision, by: "tanghe")
        #expect(throws: EnrolmentChanged(county: "411328", kind: "awareness")) {
            try store.withdrawAttendee(key: person.key, county: "411328", kind: "awareness", revision: read.revision, by: "tanghe2")
        }
        let now = try store.enrolment(county: "411328", kind: "awareness")
        #expect(now.people.count == read.people.count)
        #expect(now.people.first { $0.key == person.key }?.attendee.phone == "13903770001")
        // Another county's list keeps its own revision: a change in 唐河县 never blocks 淅川县.
        let xichuan = try store.enrolment(county: "411326", kind: "awareness")
        let other = try #require(xichuan.people.first)
        try store.withdrawAttendee(key: other.key, county: "411326", kind: "awareness", revision: xichuan.revision, by: "xichuan")
        // A key of another county is not found under this county.
        #expect(throws: StoreError.self) {
            try store.withdrawAttendee(key: person.key, county: "411326", kind: "awareness",
                                       revision: try store.enrolment(county: "411326", kind: "awareness").revision, by: "xichuan")
        }
    }

    @Test(arguments: TestBackend.all) func aClassDaySavedTwiceKeepsOnlyItsLastRecordsAndTheOtherDayAlone(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo, _) = try AttendanceStoreTests.store(tmp)
        let s = try #require(demo.plan.sessions.first { $0.type == .trainingClass && $0.dates.count >= 2
            && (demo.plan.assignments?[$0.id]?.count ?? 0) >= 2 })
        let seated = demo.plan.assignments![s.id]!
        try store.recordClassDay(session: s.id, day: s.dates[0], present: Set(seated), version: 1, by: "tanghe")
        try store.recordClassDay(session: s.id, day: s.dates[1], present: [seated[0]], version: 1, by: "tanghe")
        try store.recordClassDay(session: s.id, day: s.dates[0], present: [seated[1]], version: 1, by: "tanghe")
        let first = try store.attendanceDay(session: s.id, day: s.dates[0])
        let second = try store.attendanceDay(session: s.id, day: s.dates[1])
        #expect(first.present.count == seated.count)
        #expect(first.present.filter(\.value).map(\.key) == [seated[1]])
        #expect(second.present.filter(\.value).map(\.key) == [seated[0]])
        #expect(try store.events().last?.who == "tanghe")
        // A day the class is not held is refused, and stores nothing.
        let before = try store.attendanceRowCounts()
        #expect(throws: StoreError.self) {
            try store.recordClassDay(session: s.id, day: s.dates[0].advanced(by: -30), present: [], version: 1, by: "tanghe")
        }
        #expect(try store.attendanceRowCounts().training == before.training)
    }

    /// What a server caches from the store is rebuilt only when its part
    /// changed: a day's attendance (a county's most frequent write) leaves
    /// the scenario's and the versions' marks alone; an enrolment edit moves
    /// the scenario's; a saved version moves the versions' only.
    @Test(arguments: TestBackend.all) func aDaysAttendanceLeavesTheScenarioMarkAnEditMovesIt(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo, _) = try AttendanceStoreTests.store(tmp)
        let s = try #require(demo.plan.sessions.first { $0.type == .trainingClass && (demo.plan.assignments?[$0.id]?.isEmpty == false) })
        let (scenario0, versions0, whole0) = (try store.changeMark(of: .scenario), try store.changeMark(of: .versions), try store.changeMark())
        try store.recordClassDay(session: s.id, day: s.dates[0], present: Set(demo.plan.assignments![s.id]!), version: 1, by: "tanghe")
        #expect(try store.changeMark() != whole0)
        #expect(try store.changeMark(of: .scenario) == scenario0)
        #expect(try store.changeMark(of: .versions) == versions0)

        let read = try store.enrolment(county: "411328", kind: "awareness")
        let person = try #require(read.people.first)
        var changed = person.attendee; changed.township = "桐寨铺镇"
        try store.editAttendee(key: person.key, county: "411328", kind: "awareness", to: changed, revision: read.revision, by: "tanghe")
        let scenario1 = try store.changeMark(of: .scenario)
        #expect(scenario1 != scenario0)
        #expect(try store.changeMark(of: .versions) == versions0)

        let v = try #require(try store.latestVersion())
        try store.saveVersion(plan: v.plan, summary: v.summary, scenario: v.info.scenario, author: "office", reason: "again", parent: v.info.number)
        #expect(try store.changeMark(of: .versions) != versions0)
        #expect(try store.changeMark(of: .scenario) == scenario1)
    }
}
