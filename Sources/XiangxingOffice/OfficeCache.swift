import Foundation
import Synchronization
import XiangxingCore
import XiangxingStore

/// What the Office rebuilds from the store on every call — the current
/// scenario's index (every trainer's calendar, the roads) and stored
/// versions — kept for the next call while the store's `changeMark` is the
/// same. A server answers many pages between two changes; a command reads
/// once and never hits it. At most a few entries: old marks fall out.
final class OfficeCache: Sendable {
    static let shared = OfficeCache()
    static let capacity = 6

    private struct Entries {
        var indexes: [String: (ScenarioIndex, ScenarioID)] = [:]
        var versions: [String: StoredVersion] = [:]
        var order: [String] = []
    }
    private let entries = Mutex(Entries())

    func index(_ key: String, _ build: () throws -> (ScenarioIndex, ScenarioID)) rethrows -> (ScenarioIndex, ScenarioID) {
        try once(key, lookup: { $0.indexes[key] }, build: build, keep: { $0.indexes[key] = $1 })
    }

    func version(_ key: String, _ build: () throws -> StoredVersion) rethrows -> StoredVersion {
        try once(key, lookup: { $0.versions[key] }, build: build, keep: { $0.versions[key] = $1 })
    }

    /// One build per key at a time: requests arriving while it runs wait for
    /// it and take its result, rather than each building the same index
    /// (seconds for a province). When the build fails, a waiter builds.
    private func once<T>(_ key: String, lookup: (inout Entries) -> T?, build: () throws -> T,
                         keep: (inout Entries, T) -> Void) rethrows -> T {
        while true {
            if let hit = entries.withLock({ lookup(&$0) }) { return hit }
            let (flight, mine) = flights.withLock { all -> (Flight, Bool) in
                if let f = all[key] { return (f, false) }
                let f = Flight()
                all[key] = f
                return (f, true)
            }
            guard mine else { flight.wait(); continue }
            defer {
                _ = flights.withLock { $0.removeValue(forKey: key) }
                flight.finish()
            }
            let built = try build()
            entries.withLock { e in
                keep(&e, built)
                remember(key, &e)
            }
            return built
        }
    }

    private let flights = Mutex<[String: Flight]>([:])

    /// A build under way, which others wait for.
    private final class Flight: @unchecked Sendable {
        // @unchecked: `done` is only read and written under `condition`'s lock.
        private let condition = NSCondition()
        private var done = false
        func wait() { condition.lock(); while !done { condition.wait() }; condition.unlock() }
        func finish() { condition.lock(); done = true; condition.broadcast(); condition.unlock() }
    }

    private func remember(_ key: String, _ e: inout Entries) {
        e.order.append(key)
        while e.order.count > 2 * Self.capacity {
            let old = e.order.removeFirst()
            e.indexes[old] = nil
            e.versions[old] = nil
        }
    }
}
