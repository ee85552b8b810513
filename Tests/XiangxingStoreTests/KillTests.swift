import Foundation
import Glibc
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// A process killed in the middle of a write leaves the last committed
/// version intact.
///
/// The mechanism: `fork()` in a multithreaded test runner is unsafe (only
/// async-signal-safe calls are allowed in the child), so the test starts
/// the test runner itself again (`/proc/self/exe`) as a child process with
/// `XIANGXING_STORE_WRITER_DB` set and a filter that selects only
/// `writerLoop`. That test is disabled unless the variable is set; in the
/// child it opens the store and saves versions (and re-imports the
/// scenario) in a loop, forever. The parent SIGKILLs it after a delay,
/// then reopens the file and checks it.
@Suite("Killed writers", .serialized)
struct KillTests {
    static let variable = "XIANGXING_STORE_WRITER_DB"

    @Test(.enabled(if: ProcessInfo.processInfo.environment[KillTests.variable] != nil,
                   "runs only as the child process of killedWritersLeaveTheLastCommittedVersionIntact"))
    func writerLoop() throws {
        let path = ProcessInfo.processInfo.environment[Self.variable]!
        let store = try PlanStore(path: path)
        let v1 = try #require(try store.version(1))
        let loaded = try Demo.read()
        var i = 0
        while true {
            i += 1
            if i % 3 == 0 {
                try store.importScenario(loaded, source: "loop \(i)", by: "writer")
            } else {
                let sid = try #require(try store.currentScenarioID())
                var summary = v1.summary
                summary.solve_seconds = Double(i)
                try store.saveVersion(plan: v1.plan, summary: summary, scenario: sid, author: "writer",
                                      reason: "loop \(i)", parent: nil, extraFiles: v1.extraFiles)
            }
        }
    }

    @Test func killedWritersLeaveTheLastCommittedVersionIntact() throws {
        let tmp = try TemporaryFolder()
        let demo = try Demo.get()
        do {
            let store = try PlanStore(path: tmp.database)
            let sid = try store.importScenario(demo.loaded, source: "s", by: "office")
            try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "office",
                                  reason: "initial plan", parent: nil, extraFiles: demo.extraFiles)
        }
        // Delays after the child's first committed write; a seeded spread
        // so a failure can be replayed.
        let seed = UInt64(ProcessInfo.processInfo.environment["XIANGXING_KILL_SEED"] ?? "") ?? 20190910
        var rng = SplitMix(seed)
        let delays = [0, 40, 120, 300] + (0..<4).map { _ in Int(rng.next() % 500) }
        var versionsSeen = 1
        for (run, delay) in delays.enumerated() {
            let child = try startChildTest("KillTests/writerLoop", variable: Self.variable, value: tmp.database)
            // Whatever happens below, no writer outlives its run.
            defer { if child.isRunning { kill(child.processIdentifier, SIGKILL); child.waitUntilExit() } }
            // Wait for the child's first commit (starting the runner takes a while), then a little more.
            let deadline = Date() + 60
            var committed = false
            while Date() < deadline, child.isRunning {
                if let last = try PlanStore(path: tmp.database).versions().last?.number, last > versionsSeen { committed = true; break }
                usleep(20_000)
            }
            #expect(committed, "run \(run): the writer committed nothing (it is \(child.isRunning ? "still running" : "dead"))")
            usleep(useconds_t(delay * 1000))
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal && child.terminationStatus == SIGKILL, "run \(run)")

            let store = try PlanStore(path: tmp.database)
            #expect(try store.integrityProblems() == [], "run \(run), seed \(seed)")
            let versions = try store.versions()
            #expect(versions.map(\.number) == Array(1...versions.count), "run \(run): numbers have gaps")
            let latest = try #require(try store.latestVersion())
            #expect(latest.plan.sessions == demo.plan.sessions, "run \(run), seed \(seed)")
            #expect(latest.plan.assignments == demo.plan.assignments)
            #expect(latest.plan.unscheduled == demo.plan.unscheduled)
            #expect(latest.extraFiles == demo.extraFiles)
            #expect(latest.summary.scheduled == demo.summary.scheduled)
            let scenario = try #require(try store.currentScenario())
            #expect(scenario.trainers == demo.scenario.trainers && scenario.attendees == demo.scenario.attendees)
            // Each committed write has its log entry, and no entry lacks its write.
            let events = try store.events()
            #expect(events.filter { $0.kind == .versionSaved }.map(\.version) == versions.map(\.number))
            #expect(events.filter { $0.kind == .scenarioImported }.map(\.scenario) == events.compactMap(\.scenario).reduce(into: []) {
                if !$0.contains($1) { $0.append($1) }
            })
            print("kill run \(run): killed \(delay) ms after a commit, \(versions.count) versions, latest \(latest.info.reason)")
            versionsSeen = versions.count
        }
    }
}

/// swift-collections' habit: seeded randomness, seed printed on failure.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
