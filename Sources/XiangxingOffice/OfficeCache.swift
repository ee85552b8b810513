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
        if let hit = entries.withLock({ $0.indexes[key] }) { return hit }
        let built = try build()
        entries.withLock { e in
            e.indexes[key] = built
            remember(key, &e)
        }
        return built
    }

    func version(_ key: String, _ build: () throws -> StoredVersion) rethrows -> StoredVersion {
        if let hit = entries.withLock({ $0.versions[key] }) { return hit }
        let built = try build()
        entries.withLock { e in
            e.versions[key] = built
            remember(key, &e)
        }
        return built
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
