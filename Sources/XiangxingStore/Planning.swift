import Foundation

#if canImport(Glibc)
import Glibc
#endif
import XiangxingCore

/// Who is planning the store's next version now: the `planning` lease.
public struct PlanningLease: Hashable, Sendable {
    /// `$USER` or "office".
    public var who: String
    public var host: String
    public var processID: Int32
    /// UTC, whole seconds.
    public var startedAt: Date
    /// The version being re-planned (nil: the first plan).
    public var parent: Int?
    /// The number the new version gets if nothing else is saved first.
    public var version: Int { (parent ?? 0) + 1 }
    /// False when its process is gone: the next planning run takes it over.
    public var isLive: Bool = true

    public static func == (a: PlanningLease, b: PlanningLease) -> Bool {
        (a.who, a.host, a.processID, a.startedAt, a.parent) == (b.who, b.host, b.processID, b.startedAt, b.parent)
    }
    public func hash(into h: inout Hasher) { h.combine(who); h.combine(host); h.combine(processID); h.combine(startedAt); h.combine(parent) }
}

/// Everything a planning run starts from, read in the one transaction that
/// took the lease, so the scenario, the latest version, the pins and the
/// changes all belong to the same moment (`lastEventID`).
///
///     let planning = try store.beginPlanning(by: "wang")
///     defer { store.endPlanning() }
///     … plan planning.scenario against planning.latest and planning.pins …
///     try store.saveVersion(plan: p, summary: s, scenario: planning.scenarioID!, author: "wang",
///                           reason: "…", parent: planning.latest?.info.number)
public struct PlanningSnapshot: Sendable {
    public var scenarioID: ScenarioID?
    /// The current scenario with every change recorded so far applied.
    public var scenario: Scenario?
    public var latest: StoredVersion?
    public var pins: [String: SessionPins]
    /// The changes recorded since the latest version was saved: what the re-plan takes in.
    public var changes: [StoreEvent]
    /// The last change-log entry this run plans against.
    public var lastEventID: Int64
    /// A lease left behind by a process that is gone (killed, or its machine
    /// restarted), which this run took over.
    public var tookOver: PlanningLease?
}

extension StoreEvent.Kind {
    /// Whether the entry changes what a plan must take in (a trainer away,
    /// a venue closed, a pin …), as opposed to saving or tidying the store.
    public var changesThePlan: Bool {
        switch self {
        case .versionSaved, .personalDataPurged, .attendanceImported, .accountAdded, .accountRemoved, .passwordChanged,
             .calendarTokenCreated, .calendarTokenRevoked: return false
        default: return true
        }
    }
}

/// The lease this handle holds.
struct HeldLease: Sendable {
    var token: String
    var parent: Int?
    var baseEvent: Int64
    /// PostgreSQL's planning lock (a session advisory lock), held until the
    /// lease goes back; nil on SQLite, whose lease is the row alone.
    var lock: (any PlanningLock)?
}

/// One writer: only one process plans the next version at a time, and a
/// version is saved only if the store is still as it was when planning
/// began — no version saved meanwhile (no sibling versions of one parent),
/// no change recorded meanwhile (no version that claims a change it never
/// saw). The rule lives here, in the store's API, not in the commands.
extension PlanStore {
    /// Takes the planning lease and reads what to plan from. Refuses with
    /// `StoreError.planningInProgress` while another live process (or
    /// another handle) holds it; takes over a lease whose process is gone.
    ///
    /// On PostgreSQL the lease is also a session advisory lock per city,
    /// which the server frees when the holder's connection ends: a planner
    /// on another machine is told apart from a dead one without its pid.
    public func beginPlanning(by who: String) throws -> PlanningSnapshot {
        let token = UUID().uuidString
        let me = ProcessIdentity.current
        var lock: (any PlanningLock)?
        switch try backend.tryPlanningLock() {
        case .unsupported: break
        case .acquired(let l): lock = l
        case .busy:
            let holder = try backend.read { db in try StoreRow.fetchOne(db, sql: "SELECT * FROM planning WHERE slot = 1").map(Self.lease) }
            throw StoreError.planningInProgress(holder ?? PlanningLease(who: "?", host: "?", processID: 0, startedAt: clock(), parent: nil))
        }
        let result: (PlanningSnapshot, HeldLease)
        do {
            result = try backend.write { db -> (PlanningSnapshot, HeldLease) in
                var tookOver: PlanningLease?
                if let row = try StoreRow.fetchOne(db, sql: "SELECT * FROM planning WHERE slot = 1") {
                    let holder = Self.lease(row)
                    // With the lock taken, any row left is a dead planner's.
                    if lock == nil, ProcessIdentity.isAlive(host: holder.host, pid: holder.processID, start: row["process_start"],
                                                            startedAt: holder.startedAt, now: clock()) {
                        throw StoreError.planningInProgress(holder)
                    }
                    tookOver = holder
                    try db.execute(sql: "DELETE FROM planning WHERE slot = 1")
                }
                let parent = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM plan_version")
                let base = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM event") ?? 0
                try db.execute(sql: """
                    INSERT INTO planning (slot, token, who, host, pid, process_start, started_at, parent, base_event)
                    VALUES (1,?,?,?,?,?,?,?,?)
                    """, arguments: [token, who, me.host, me.pid, me.start, now(), parent, base])
                let sid = try ScenarioTables.currentID(db)
                let latest = try parent.flatMap { try PlanVersions.load($0, db) }
                let since = latest?.info.lastEventID ?? 0
                let changes = try Self.events(db, after: since, through: base).filter { $0.kind.changesThePlan }
                let snapshot = PlanningSnapshot(scenarioID: sid, scenario: try sid.flatMap { try ScenarioTables.load($0, db) },
                                                latest: latest, pins: try Self.pins(db), changes: changes, lastEventID: base,
                                                tookOver: tookOver)
                return (snapshot, HeldLease(token: token, parent: parent, baseEvent: base, lock: lock))
            }
        } catch {
            lock?.release()
            throw error
        }
        let (snapshot, lease) = result
        heldLease.withLock { $0 = lease }
        return snapshot
    }

    /// Gives the lease back (after a refused save, an error, or instead of
    /// saving). Harmless when this handle holds none.
    public func endPlanning() {
        guard let lease = heldLease.withLock({ l -> HeldLease? in defer { l = nil }; return l }) else { return }
        _ = try? backend.write { db in
            try db.execute(sql: "DELETE FROM planning WHERE slot = 1 AND token = ?", arguments: [lease.token])
        }
        lease.lock?.release()
    }

    /// Whether the planner a `planning` row names is still at work: its
    /// process on this host (SQLite), or the city's planning lock held
    /// (PostgreSQL).
    func holderIsAlive(_ holder: PlanningLease, _ row: StoreRow) throws -> Bool {
        switch try backend.tryPlanningLock() {
        case .unsupported:
            return ProcessIdentity.isAlive(host: holder.host, pid: holder.processID, start: row["process_start"],
                                           startedAt: holder.startedAt, now: clock())
        case .busy: return true
        case .acquired(let probe): probe.release(); return false
        }
    }

    /// Who is planning now, if anyone (a stale lease is shown too; the next
    /// `beginPlanning` takes it over).
    public func currentPlanning() throws -> PlanningLease? {
        try backend.read { db in
            try StoreRow.fetchOne(db, sql: "SELECT * FROM planning WHERE slot = 1").map { r in
                var lease = Self.lease(r)
                lease.isLive = try holderIsAlive(lease, r)
                return lease
            }
        }
    }

    /// Throws what `saveVersion` would refuse with, without saving: lets a
    /// command check before it writes the plan folder.
    public func requirePlanningCurrent(parent: Int?) throws {
        let lease = heldLease.withLock { $0 }
        try backend.read { db in try checkSave(parent: parent, lease: lease, db) }
    }

    /// The rule behind every save: the parent is still the latest version,
    /// the lease (when this handle holds one) is still ours and nothing was
    /// recorded since it was taken; without a lease, nobody else holds one.
    func checkSave(parent: Int?, lease: HeldLease?, _ db: any StoreDB) throws {
        if let parent, try !PlanVersions.exists(parent, db) { throw StoreError.unknownVersion(parent) }
        let latest = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM plan_version")
        let row = try StoreRow.fetchOne(db, sql: "SELECT * FROM planning WHERE slot = 1")
        if let lease {
            guard let row, row["token"] as String == lease.token else { throw StoreError.planningTakenOver }
            if latest != lease.parent, let latest, let info = try PlanVersions.load(latest, db)?.info {
                throw StoreError.versionSavedMeanwhile(version: latest, by: info.author)
            }
            let arrived = try Self.events(db, after: lease.baseEvent, through: Int64.max).filter { $0.kind.changesThePlan }
            if !arrived.isEmpty { throw StoreError.changedWhilePlanning(arrived: arrived.map(\.description)) }
        } else if let row {
            let holder = Self.lease(row)
            if try holderIsAlive(holder, row) { throw StoreError.planningInProgress(holder) }
        }
        if let parent, let latest, parent != latest { throw StoreError.notTheLatestVersion(parent: parent, latest: latest) }
    }

    static func lease(_ r: StoreRow) -> PlanningLease {
        PlanningLease(who: r["who"], host: r["host"], processID: Int32(truncatingIfNeeded: r["pid"] as Int64),
                      startedAt: Timestamp.date(r["started_at"]), parent: r["parent"])
    }

    static func events(_ db: any StoreDB, after: Int64, through: Int64) throws -> [StoreEvent] {
        try StoreRow.fetchAll(db, sql: "SELECT * FROM event WHERE id > ? AND id <= ? ORDER BY id", arguments: [after, through])
            .map(event)
    }

    static func event(_ r: StoreRow) -> StoreEvent {
        StoreEvent(id: r["id"], at: Timestamp.date(r["at"]), who: r["who"],
                   kind: StoreEvent.Kind(rawValue: r["kind"]) ?? .scenarioImported, subject: r["subject"],
                   description: Bilingual(zh: r["description_zh"], en: r["description_en"]),
                   scenario: (r["scenario_id"] as Int64?).map(ScenarioID.init), version: r["version"])
    }
}

/// This process as a lease holder, and whether a recorded holder still runs.
enum ProcessIdentity {
    struct Current {
        var host: String
        var pid: Int32
        var start: Int64
    }

    static var current: Current {
        let pid = getpid()
        return Current(host: hostName, pid: pid, start: startTicks(pid) ?? 0)
    }

    static var hostName: String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "?" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// A lease on another host cannot be probed: it counts as live for
    /// `remoteLeaseHours`, long past any planning run.
    static let remoteLeaseHours: Double = 6

    static func isAlive(host: String, pid: Int32, start: Int64, startedAt: Date, now: Date) -> Bool {
        guard host == hostName else { return now.timeIntervalSince(startedAt) < remoteLeaseHours * 3600 }
        if pid == getpid() { return true }
        guard kill(pid, 0) == 0 || errno == EPERM else { return false }
        // Same pid, later process: the holder is gone.
        if start != 0, let now = startTicks(pid), now != start { return false }
        return true
    }

    /// Field 22 of /proc/PID/stat: when the process started, in ticks since boot.
    static func startTicks(_ pid: Int32) -> Int64? {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/stat") else { return nil }
        let text = String(decoding: data, as: UTF8.self)
        guard let close = text.lastIndex(of: ")") else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        // After the command name: field 3 (state) is fields[0], so field 22 is fields[19].
        guard fields.count > 19 else { return nil }
        return Int64(fields[19])
    }
}
