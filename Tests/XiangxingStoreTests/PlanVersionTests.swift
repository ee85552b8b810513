import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore

@Suite("Plan versions")
struct PlanVersionTests {
    /// The demo plan, and a second version with one class moved out to
    /// unscheduled (so both kinds of rows are exercised).
    static func twoPlans(_ demo: Demo) -> (Plan, Plan) {
        var second = demo.plan
        let dropped = second.sessions.removeFirst()
        second.assignments?[dropped.id] = nil
        second.unscheduled.append(UnscheduledItem(ref: dropped.ref, type: dropped.type, county: dropped.county, kind: dropped.kind,
                                                  reason: "讲师 T012 \"不可用\"，请换讲师,\n或改期"))
        return (demo.plan, second)
    }

    @Test(arguments: TestBackend.all) func twoVersionsComeBackIdentical(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let clock = TestClock()
        let store = try PlanStore(path: tmp.database, clock: clock.now)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "scenarios/nanyang-2019", by: "office")
        let (p1, p2) = Self.twoPlans(demo)
        var s2 = demo.summary
        s2.scheduled -= 1; s2.unscheduled += 1; s2.travel_km = 4321.5
        let v1 = try store.saveVersion(plan: p1, summary: demo.summary, scenario: sid, author: "office", reason: "initial plan",
                                       parent: nil, extraFiles: demo.extraFiles)
        clock.advance(3600)
        let v2 = try store.saveVersion(plan: p2, summary: s2, scenario: sid, author: "wang",
                                       reason: "replan after T012 unavailable 2019-09-10..12", parent: v1)
        #expect((v1, v2) == (1, 2))

        let r1 = try #require(try store.version(1)), r2 = try #require(try store.version(2))
        for (stored, plan, summary) in [(r1, p1, demo.summary), (r2, p2, s2)] {
            #expect(stored.plan.sessions == plan.sessions)
            #expect(stored.plan.assignments == plan.assignments)
            #expect(stored.plan.unscheduled == plan.unscheduled)
            #expect(stored.summary == summary)
        }
        #expect(r1.plan.sessions.count == 137 && r1.plan.assignments?.values.map(\.count).reduce(0, +) == 3491)
        #expect(r1.extraFiles == demo.extraFiles && r2.extraFiles.isEmpty)
        #expect(r2.info.parent == 1 && r2.info.author == "wang" && r2.info.reason.hasPrefix("replan after T012"))
        #expect(r1.info.createdAt == clock.now() - 3600 && r2.info.createdAt == clock.now())
        #expect(try store.latestVersion()?.info.number == 2)
        #expect(try store.versions().map(\.number) == [1, 2])
        #expect(try store.versions().map(\.summary) == [demo.summary, s2])
        #expect(try store.version(3) == nil)
        #expect(try store.events().map(\.kind) == [.scenarioImported, .versionSaved, .versionSaved])
    }

    @Test(arguments: TestBackend.all) func aParentThatDoesNotExistIsRefused(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "s", by: "office")
        #expect(throws: StoreError.unknownVersion(7)) {
            try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "office", reason: "x", parent: 7)
        }
        #expect(try store.versions().isEmpty)
    }

    @Test(arguments: TestBackend.all) func exportOfAStoredVersionIsTheOriginalFolderByteForByte(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "s", by: "office")
        let (p1, p2) = Self.twoPlans(demo)
        for (i, plan) in [p1, p2].enumerated() {
            let original = tmp.url.appendingPathComponent("original-\(i)")
            let files = i == 0 ? demo.extraFiles : []
            try PlanFolder.write(plan, summary: demo.summary, to: original, withAssignments: true,
                                 extraFiles: files.map { ($0.name, $0.text) })
            let n = try store.saveVersion(plan: plan, summary: demo.summary, scenario: sid, author: "office", reason: "v",
                                          parent: nil, extraFiles: files)
            let v = try #require(try store.version(n))
            let exported = tmp.url.appendingPathComponent("exported-\(i)")
            try PlanFolder.write(v.plan, summary: v.summary, to: exported, withAssignments: v.withAssignments,
                                 extraFiles: v.extraFiles.map { ($0.name, $0.text) })
            let names = try FileManager.default.contentsOfDirectory(atPath: original.path).sorted()
            #expect(try FileManager.default.contentsOfDirectory(atPath: exported.path).sorted() == names)
            #expect(names.contains("assignments.csv") && names.contains("summary.json"))
            for name in names {
                let a = try Data(contentsOf: original.appendingPathComponent(name))
                let b = try Data(contentsOf: exported.appendingPathComponent(name))
                #expect(a == b, "\(name) differs")
            }
        }
    }

    @Test(arguments: TestBackend.all) func theSessionsATrainerOrVenueHoldsInARangeAreFound(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "s", by: "office")
        let n = try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "office", reason: "x", parent: nil)
        let s = try #require(demo.plan.sessions.first { $0.dates.count > 1 })
        let trainer = s.trainers[0], last = s.dates.last!
        let expected = demo.plan.sessions.filter { $0.trainers.contains(trainer) && $0.dates.contains(last) }.map(\.id).sorted()
        #expect(try store.sessions(inVersion: n, trainer: trainer, from: last, through: last) == expected)
        #expect(expected.contains(s.id))
        let all = demo.plan.sessions.filter { $0.venue == s.venue }.map(\.id).sorted()
        #expect(try store.sessions(inVersion: n, venue: s.venue, from: day("2019-01-01"), through: day("2019-12-31")) == all)
        #expect(throws: StoreError.unknownVersion(9)) {
            try store.sessions(inVersion: 9, trainer: trainer, from: last, through: last)
        }
    }

    @Test(arguments: TestBackend.all) func aPlanWithoutAssignmentsStaysWithoutThem(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let store = try PlanStore(path: tmp.database)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "s", by: "office")
        var plan = demo.plan
        plan.assignments = nil
        let n = try store.saveVersion(plan: plan, summary: demo.summary, scenario: sid, author: "office", reason: "x", parent: nil)
        #expect(try store.version(n)?.plan.assignments == nil)
        #expect(try store.version(n)?.withAssignments == false)
    }
}
