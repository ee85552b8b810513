import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// `purge`: personal data the office no longer needs leaves the file,
/// every count stays.
@Suite("Purging personal data")
struct PurgeTests {
    /// The file's bytes, WAL included.
    static func bytes(_ path: String) -> Data {
        (FileManager.default.contents(atPath: path) ?? Data()) + (FileManager.default.contents(atPath: path + "-wal") ?? Data())
    }

    static func contains(_ data: Data, _ text: String) -> Bool { data.range(of: Data(text.utf8)) != nil }

    /// Attendees per session, and per county and kind: what reports count.
    static func counts(_ v: StoredVersion) -> ([String: Int], [String: Int]) {
        var perSession: [String: Int] = [:], perCountyKind: [String: Int] = [:]
        for s in v.plan.sessions {
            perSession[s.id] = v.plan.assignments?[s.id]?.count
            perCountyKind[s.county + " " + s.kind, default: 0] += s.attendees
        }
        return (perSession, perCountyKind)
    }

    @Test("a withdrawn trainee's ID, name and phone leave the file; every version's counts and the diff stay")
    func aWithdrawnPersonLeavesTheFile() throws {
        let tmp = try TemporaryFolder()
        let clock = TestClock("2019-09-02T01:00:00Z")
        let store = try PlanStore(path: tmp.database, clock: clock.now)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "scenarios/nanyang-2019", by: "office")
        try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "office", reason: "初始计划",
                              parent: nil, extraFiles: demo.extraFiles)
        // The first seated trainee whose name nobody else bears withdraws (so
        // the name's absence from the file can be checked); version 2 no longer seats them.
        let attendees = try #require(demo.scenario.attendees)
        var nameCount: [String: Int] = [:]
        for a in attendees { nameCount[a.name, default: 0] += 1 }
        let session = try #require(demo.plan.sessions.first { s in
            demo.plan.assignments?[s.id]?.first.map { id in attendees.contains { $0.idNumber == id && nameCount[$0.name] == 1 } } == true
        })
        let id = demo.plan.assignments![session.id]![0]
        let person = try #require(attendees.first { $0.idNumber == id })
        clock.advance(86_400)
        try store.withdrawAttendee(idNumber: id, kind: person.kind, by: "office")
        var second = demo.plan
        second.assignments![session.id]!.removeFirst()
        second.sessions = second.sessions.map { s in var s = s; if s.id == session.id { s.attendees -= 1 }; return s }
        clock.advance(86_400 * 10)
        let planning = try store.beginPlanning(by: "office")
        try store.saveVersion(plan: second, summary: demo.summary, scenario: sid, author: "office", reason: "退出",
                              parent: planning.latest?.info.number)
        #expect(Self.contains(Self.bytes(tmp.database), id) && Self.contains(Self.bytes(tmp.database), person.phone))

        let before = (try #require(try store.version(1)), try #require(try store.version(2)))
        let diffBefore = PlanDiff(old: before.0.plan, new: before.1.plan)
        let preview = try store.purgePreview(before: day("2019-09-10"))
        #expect(preview.people == 1 && preview.versions == [1] && preview.logEntries == 1 && preview.scenarios.isEmpty)
        // Previewing changes nothing.
        #expect(Self.contains(Self.bytes(tmp.database), id))

        let (done, bytesGone) = try store.purge(before: day("2019-09-10"), by: "office")
        #expect(done == preview && bytesGone)
        let file = Self.bytes(tmp.database)
        #expect(!Self.contains(file, id), "the ID is still in the file")
        #expect(!Self.contains(file, person.phone), "the phone is still in the file")
        #expect(!Self.contains(file, person.name), "the name is still in the file")

        let after = (try #require(try store.version(1)), try #require(try store.version(2)))
        #expect(Self.counts(after.0) == Self.counts(before.0) && Self.counts(after.1) == Self.counts(before.1))
        #expect(after.0.plan.sessions == before.0.plan.sessions && after.1.plan.assignments == before.1.plan.assignments)
        #expect(after.0.plan.assignments?[session.id]?.first?.hasPrefix(PlanStore.purgedTokenPrefix) == true)
        let diffAfter = PlanDiff(old: after.0.plan, new: after.1.plan)
        #expect(diffAfter.changes.count == diffBefore.changes.count && diffAfter.attendeesMoved == diffBefore.attendeesMoved)
        // The log says what was done, and its withdrawal entry no longer names the person.
        let events = try store.events()
        #expect(events.last?.kind == .personalDataPurged && events.last?.description.zh.contains("1 人") == true)
        #expect(events.first { $0.kind == .attendeeWithdrawn }?.description.zh == "学员（已清除）退出 \(person.kind)")
        #expect(try store.integrityProblems().isEmpty)
        // Purging again finds nothing more.
        #expect(try store.purgePreview(before: day("2019-09-10")).isEmpty)
    }

    @Test("someone left out of a re-import leaves the file with the old scenario; the current scenario keeps everyone else")
    func anOldScenarioIsEmptied() throws {
        let tmp = try TemporaryFolder()
        let clock = TestClock("2019-03-01T01:00:00Z")
        let store = try PlanStore(path: tmp.database, clock: clock.now)
        let demo = try Demo.get()
        let first = try store.importScenario(demo.loaded, source: "2019-03", by: "office")
        var smaller = demo.loaded
        let dropped = smaller.scenario.attendees!.removeLast()
        clock.advance(86_400 * 30)
        try store.importScenario(smaller, source: "2019-04", by: "office")
        let kept = try #require(smaller.scenario.attendees?.first)

        let (done, _) = try store.purge(before: day("2019-03-15"), by: "office")
        #expect(done.people == 1 && done.scenarios == [first])
        let file = PurgeTests.bytes(tmp.database)
        #expect(!Self.contains(file, dropped.idNumber) && !Self.contains(file, dropped.phone))
        #expect(Self.contains(file, kept.idNumber), "the current scenario keeps its people")
        let old = try #require(try store.scenario(first))
        #expect(old.attendees?.count == demo.scenario.attendees?.count)
        #expect(old.attendees?.allSatisfy { $0.name == PlanStore.purgedName && $0.phone.isEmpty } == true)
        #expect(old.trainers.allSatisfy { $0.phone == nil })
        // Per county and kind, the old scenario still counts the same.
        func perCountyKind(_ s: Scenario) -> [String: Int] {
            (s.attendees ?? []).reduce(into: [:]) { $0[$1.county + " " + $1.kind, default: 0] += 1 }
        }
        #expect(perCountyKind(old) == perCountyKind(demo.scenario))
        #expect(try store.currentScenario()?.attendees == smaller.scenario.attendees)
    }

    @Test("purge is refused while someone is planning", arguments: TestBackend.all)
    func purgeWaitsForThePlanner(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        try store.importScenario(try Demo.get().loaded, source: "s", by: "office")
        let planner = try PlanStore(path: tmp.database)
        _ = try planner.beginPlanning(by: "wang")
        #expect(throws: StoreError.self) { try store.purge(before: day("2030-01-01"), by: "office") }
    }
}
