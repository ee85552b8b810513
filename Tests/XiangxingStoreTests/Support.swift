import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore
@_exported import XiangxingTestSupport

/// A fresh directory for one store test, removed when dropped (a class:
/// store tests hand it around; it shadows the shared one), and the store
/// the test opens: a file in it (SQLite), or a fresh city of the test
/// server (`TestBackend.postgres`; its schema dropped afterwards).
final class TemporaryFolder {
    let url: URL
    let kind: TestBackend
    /// What `PlanStore(path:)` opens: the file's path or the city's URL.
    let database: String
    private let city: PostgresLocation?

    init(_ kind: TestBackend = .sqlite) throws {
        self.kind = kind
        url = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-storetests-\(UUID().uuidString)")
        switch kind {
        case .sqlite:
            city = nil
            database = url.appendingPathComponent(PlanStore.defaultFileName).path
        case .postgres:
            let c = try TestPostgres.freshCity()
            city = c
            database = c.url
        }
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit {
        try? FileManager.default.removeItem(at: url)
        if let city { try? PostgresBackend.dropCity(city) }
    }
}

/// The Nanyang demo read by the real reader and planned by the real
/// planner, once for all tests.
struct Demo: Sendable {
    var loaded: LoadedScenario
    var plan: Plan
    var summary: PlanSummary
    var extraFiles: [StoredFile]
    var scenario: Scenario { loaded.scenario }

    static func read(_ folder: URL = demoScenario()) throws -> LoadedScenario {
        switch ScenarioReader.read(folder: folder) {
        case .success(let s): return s
        case .failure(let all): throw ReadFailed(messages: all.problems.map { $0.message(.en) })
        }
    }

    static let shared: Result<Demo, any Error> = Result {
        let loaded = try read()
        let index = ScenarioIndex(loaded.scenario)
        let result = Planner(index: index).run(PlannerOptions(seed: 1))
        let words = UnscheduledText(index: index)
        let plan = Plan(sessions: result.sessions, assignments: result.assignments, unscheduled: result.unscheduled.map {
            UnscheduledItem(ref: $0.ref, type: $0.type, county: $0.county, kind: $0.kind, reason: words.reason($0))
        })
        let report = PlanChecker.check(plan, against: index)
        let summary = PlanSummary(scheduled: report.scheduled, unscheduled: report.score.unscheduled,
                                  travelKm: (report.score.travelKm * 10).rounded() / 10,
                                  hardViolations: report.breaches.count, solveSeconds: (result.seconds * 1000).rounded() / 1000)
        let waitlist = CSV.render(header: ["id_number", "name", "county", "kind", "reason"], rows: result.waitlist.map { w in
            [w.attendee.idNumber, w.attendee.name, w.attendee.county, w.attendee.kind, words.waitlistReason(w)]
        })
        return Demo(loaded: loaded, plan: plan, summary: summary, extraFiles: [StoredFile(name: "waitlist.csv", text: waitlist)])
    }

    static func get() throws -> Demo { try shared.get() }
}

struct ReadFailed: Error, CustomStringConvertible {
    let messages: [String]
    var description: String { messages.joined(separator: "\n") }
}

/// A clock that the test moves: timestamps become predictable.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    init(_ iso: String = "2019-09-09T08:00:00Z") { current = try! Date(iso, strategy: .iso8601) }
    func now() -> Date { lock.withLock { current } }
    func advance(_ seconds: TimeInterval) { lock.withLock { current += seconds } }
}

/// This test runner started again (`/proc/self/exe`) as a child process
/// that runs only the test `filter` names, with `variable` set to `value`
/// (how the child test knows it is the child). `fork()` in a multithreaded
/// runner is unsafe; a fresh process is not. Output goes to /dev/null.
func startChildTest(_ filter: String, variable: String, value: String) throws -> Process {
    let child = Process()
    child.executableURL = URL(fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    child.arguments = ["--testing-library", "swift-testing", "--filter", filter]
    var environment = ProcessInfo.processInfo.environment
    environment[variable] = value
    child.environment = environment
    child.standardOutput = FileHandle.nullDevice
    child.standardError = FileHandle.nullDevice
    try child.run()
    return child
}
