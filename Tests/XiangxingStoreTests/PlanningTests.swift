import Foundation
import Glibc
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// One writer: a re-plan plans against one moment of the store, a change
/// recorded meanwhile is never claimed, and two planners never make sibling
/// versions of one parent.
@Suite("One planner at a time", .serialized)
struct PlanningTests {
    static let holderVariable = "XIANGXING_STORE_LEASE_HOLDER_DB"

    /// The demo imported and planned as version 1.
    static func store(_ tmp: TemporaryFolder, clock: TestClock = TestClock()) throws -> (PlanStore, Demo) {
        let store = try PlanStore(path: tmp.database, clock: clock.now)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "scenarios/nanyang-2019", by: "office")
        try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "office", reason: "初始计划",
                              parent: nil, extraFiles: demo.extraFiles)
        return (store, demo)
    }

    @Test("司马建国 falls ill while a re-plan runs: the save is refused naming the change, the next re-plan takes it in", arguments: TestBackend.all)
    func aChangeRecordedWhilePlanningIsNeverClaimed(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (office, demo) = try Self.store(tmp)
        let planning = try office.beginPlanning(by: "wang")
        #expect(planning.latest?.info.number == 1 && planning.changes.isEmpty)
        #expect(planning.scenario?.trainers.first { $0.id == "T016" }?.blocked.contains(day("2019-07-18")) == false)

        // A clerk at another desk records an absence while the planner works.
        let clerk = try PlanStore(path: tmp.database)
        let absence = try clerk.markTrainerUnavailable(trainer: "T016", from: day("2019-07-18"), through: day("2019-07-18"),
                                                       reason: "病假", by: "li")
        #expect(throws: StoreError.changedWhilePlanning(arrived: [absence.description])) {
            try office.saveVersion(plan: demo.plan, summary: demo.summary, scenario: planning.scenarioID!, author: "wang",
                                   reason: "重新排课", parent: 1)
        }
        let refused = StoreError.changedWhilePlanning(arrived: [absence.description]).message(.zh)
        #expect(refused.contains("司马建国（T016）2019-07-18..2019-07-18 不可用") && refused.contains("请再运行一次 xiangxing replan"))
        #expect(try office.versions().map(\.number) == [1])
        office.endPlanning()

        // The next run sees the change, and the version it saves names exactly what it planned against.
        let again = try office.beginPlanning(by: "wang")
        #expect(again.changes.map(\.id) == [absence.id])
        #expect(again.scenario?.trainers.first { $0.id == "T016" }?.blocked.contains(day("2019-07-18")) == true)
        let n = try office.saveVersion(plan: demo.plan, summary: demo.summary, scenario: again.scenarioID!, author: "wang",
                                       reason: absence.description.zh, parent: 1)
        #expect(n == 2)
        #expect(try office.version(2)?.info.lastEventID == absence.id)
        #expect(try office.currentPlanning() == nil)
    }

    @Test("two re-plans at once: the second is told who is planning, and no sibling version appears", arguments: TestBackend.all)
    func twoPlannersAtOnce(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (first, demo) = try Self.store(tmp)
        let second = try PlanStore(path: tmp.database)
        let a = try first.beginPlanning(by: "wang")
        do {
            _ = try second.beginPlanning(by: "li")
            Issue.record("the second planner was let in")
        } catch let StoreError.planningInProgress(lease) {
            #expect(lease.who == "wang" && lease.version == 2 && lease.parent == 1 && lease.processID == getpid())
            let text = StoreError.planningInProgress(lease).message(.zh)
            #expect(text.hasPrefix("第 2 版正在由 wang 重排（") && text.contains("进程 \(getpid())") && text.hasSuffix("请稍后再运行"))
        }
        // Saving without the lease is refused as well: no version slips in beside the planner's.
        #expect(throws: StoreError.self) {
            try second.saveVersion(plan: demo.plan, summary: demo.summary, scenario: a.scenarioID!, author: "li",
                                   reason: "x", parent: 1)
        }
        #expect(try first.saveVersion(plan: demo.plan, summary: demo.summary, scenario: a.scenarioID!, author: "wang",
                                      reason: "重新排课", parent: 1) == 2)
        // Now the second may plan, from version 2; a save from version 1 would be a sibling and is refused.
        #expect(throws: StoreError.notTheLatestVersion(parent: 1, latest: 2)) {
            try second.saveVersion(plan: demo.plan, summary: demo.summary, scenario: a.scenarioID!, author: "li",
                                   reason: "x", parent: 1)
        }
        let b = try second.beginPlanning(by: "li")
        #expect(b.latest?.info.number == 2 && b.tookOver == nil)
        #expect(try second.saveVersion(plan: demo.plan, summary: demo.summary, scenario: b.scenarioID!, author: "li",
                                       reason: "再排", parent: 2) == 3)
        #expect(try first.versions().map(\.parent) == [nil, 1, 2])
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment[PlanningTests.holderVariable] != nil,
                   "runs only as the child process of aLeaseOfAKilledProcessIsTakenOver"))
    func holdTheLease() throws {
        let store = try PlanStore(path: ProcessInfo.processInfo.environment[Self.holderVariable]!)
        _ = try store.beginPlanning(by: "zhao")
        while true { sleep(1) }
    }

    @Test("a re-plan killed mid-way leaves a lease that the next one takes over, naming it", arguments: TestBackend.all)
    func aLeaseOfAKilledProcessIsTakenOver(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (office, _) = try Self.store(tmp)
        let child = try startChildTest("PlanningTests/holdTheLease", variable: Self.holderVariable, value: tmp.database)
        defer { if child.isRunning { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() } }
        let deadline = Date() + 60
        while Date() < deadline, child.isRunning, try office.currentPlanning() == nil { usleep(20_000) }
        let held = try #require(try office.currentPlanning(), "the child never took the lease")
        #expect(held.processID == child.processIdentifier && held.who == "zhao")
        #expect(throws: StoreError.planningInProgress(held)) { try office.beginPlanning(by: "wang") }

        #expect(held.isLive)
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
        #expect(try office.currentPlanning()?.isLive == false)
        let planning = try office.beginPlanning(by: "wang")
        #expect(planning.tookOver == held)
        #expect(try office.currentPlanning()?.who == "wang")
    }

    @Test("with umask 022 the store, its -wal and -shm are created 0600, and an old 0644 file is narrowed")
    func theStoreFilesAreOwnerOnly() throws {
        let tmp = try TemporaryFolder()
        let old = umask(0o022)
        defer { umask(old) }
        func mode(_ path: String) -> mode_t? {
            var st = stat()
            return stat(path, &st) == 0 ? st.st_mode & 0o777 : nil
        }
        do {
            let (store, _) = try Self.store(tmp)
            for suffix in ["", "-wal", "-shm"] {
                #expect(mode(tmp.database + suffix) == 0o600, "\(PlanStore.defaultFileName)\(suffix)")
            }
            _ = store
        }
        // A file an older release made 0644 is narrowed when opened.
        #expect(chmod(tmp.database, 0o644) == 0)
        let again = try PlanStore(path: tmp.database)
        #expect(try again.versions().count == 1)
        #expect(mode(tmp.database) == 0o600)
        for suffix in ["-wal", "-shm"] { #expect(mode(tmp.database + suffix) == 0o600, "\(suffix)") }
    }
}
