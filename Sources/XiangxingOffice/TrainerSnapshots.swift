import Foundation
import Synchronization
import XiangxingCore
import XiangxingStore

/// The store's current scenario and its plan versions, read once per state
/// of the store and shared by every trainer page and calendar feed: a page
/// would otherwise read the whole scenario and every version again (sixty
/// trainers' phones polling). The state is the store's `changeMark` (its
/// last change-log entry): any import, change, enrolment edit or saved
/// version reads them afresh; the scenario index itself comes from the
/// Office's cache.
final class TrainerSnapshots: Sendable {
    typealias Key = String

    /// One state of the store: the scenario and every version, oldest first.
    struct Snapshot: Sendable {
        var key: Key
        var index: ScenarioIndex
        var versions: [PlanLineage.Earlier]
        var latest: PlanLineage.Earlier { versions[versions.count - 1] }
    }

    static let shared = TrainerSnapshots()

    private let stores = Mutex<[String: PlanStore]>([:])
    private let snapshots = Mutex<[String: Snapshot]>([:])

    /// The store at `office.path`, opened once per process.
    func store(_ office: OfficeStore) throws -> PlanStore {
        if let open = stores.withLock({ $0[office.path] }) { return open }
        let opened = try office.openExisting()
        return stores.withLock { s in
            if let other = s[office.path] { return other }
            s[office.path] = opened
            return opened
        }
    }

    /// The current snapshot, reading the store again only when its state changed.
    func snapshot(_ office: OfficeStore) throws -> Snapshot {
        let store = try store(office)
        guard try store.currentScenarioID() != nil else {
            _ = try office.scenario(store)   // throws the message saying to import one
            throw OfficeError(StoreError.noScenario.message(office.language))
        }
        let infos = try store.versions()
        guard !infos.isEmpty else {
            _ = try office.version(store, nil)   // throws the message saying to plan first
            throw OfficeError(StoreError.noScenario.message(office.language))
        }
        let key = try office.attempt { try store.changeMark(of: .scenario) + "|" + store.changeMark(of: .versions) }
        if let cached = snapshots.withLock({ $0[office.path] }), cached.key == key { return cached }
        let (index0, _) = try office.scenario(store)
        var versions: [PlanLineage.Earlier] = []
        for info in infos {
            guard let v = try store.version(info.number) else { continue }
            versions.append(PlanLineage.Earlier(number: info.number, revised: Int(info.createdAt.timeIntervalSince1970.rounded(.down)), plan: v.plan))
        }
        let fresh = Snapshot(key: key, index: index0, versions: versions)
        snapshots.withLock { $0[office.path] = fresh }
        return fresh
    }
}
