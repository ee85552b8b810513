import Foundation
import XiangxingCore
import XiangxingStore

/// `status`: where the store stands — the latest version, a planning run
/// under way, changes recorded since, the change against the version
/// before, and the current scenario's milestones.
public enum StatusDesk {
    public struct Status: Sendable {
        /// nil when no version is saved yet.
        public var latest: VersionInfo?
        public var planning: PlanningLease?
        /// Changes recorded after the latest version that a re-plan would take in.
        public var pending: [StoreEvent]
        /// The version before the latest and what changed from it.
        public var previous: VersionInfo?
        public var diff: PlanDiff?
        public var milestones: [Milestone]
    }

    public static func status(_ office: OfficeStore) throws -> Status {
        let db = try office.open()
        return try office.attempt {
            let versions = try db.versions()
            let milestones = try db.milestones()
            guard let latest = versions.last else {
                return Status(latest: nil, planning: nil, pending: [], previous: nil, diff: nil, milestones: milestones)
            }
            let pending = try db.events().filter { $0.id > (latest.lastEventID ?? 0) && $0.kind.changesThePlan }
            var previous: VersionInfo?, diff: PlanDiff?
            if versions.count >= 2 {
                let prev = versions[versions.count - 2]
                let a = try office.version(db, prev.number), b = try office.version(db, latest.number)
                previous = prev
                diff = PlanDiff(old: a.plan, new: b.plan)
            }
            return Status(latest: latest, planning: try db.currentPlanning(), pending: pending, previous: previous, diff: diff,
                          milestones: milestones)
        }
    }
}
