import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// A re-plan made in memory against the latest version and not yet saved:
/// what the office looks at (its cost) before it is published as the next
/// version or thrown away. It holds the store's planning lease from the
/// moment it was begun until `Proposals.publish` or `Proposals.discard`, so
/// no second re-plan starts meanwhile, and a change recorded meanwhile makes
/// the publish refuse rather than claim a change the proposal never saw.
///
///     let p = try Proposals.propose(office, reason: nil, seed: 1, timeLimit: 120, notice: { _ in })
///     print(p.cost.sessionsChanged, p.cost.kmBefore, p.cost.kmAfter)
///     let n = try Proposals.publish(p, by: "王秀英")   // or Proposals.discard(p)
public final class Proposal: Sendable {
    /// The handle that holds the lease: the save must go through it.
    let store: PlanStore
    public let office: OfficeStore
    public let index: ScenarioIndex
    public let scenario: ScenarioID
    public let output: PlanOutput
    /// The version it was planned from (its parent).
    public let previous: StoredVersion
    /// The reason kept with the version when published.
    public let reason: String
    /// Pinned sessions, all kept.
    public let pins: Int
    /// The changes recorded since `previous` that this proposal takes in.
    public let changes: [StoreEvent]
    /// What publishing it would change, and for whom.
    public let cost: ProposalCost
    /// When planning began.
    public let startedAt: Date
    /// The last change-log entry it was planned against: anything later makes `publish` refuse.
    public let basedOnEvent: Int64

    init(store: PlanStore, office: OfficeStore, index: ScenarioIndex, scenario: ScenarioID, output: PlanOutput,
         previous: StoredVersion, reason: String, pins: Int, changes: [StoreEvent], startedAt: Date, basedOnEvent: Int64) {
        self.store = store; self.office = office; self.index = index; self.scenario = scenario; self.output = output
        self.previous = previous; self.reason = reason; self.pins = pins; self.changes = changes; self.startedAt = startedAt
        self.basedOnEvent = basedOnEvent
        cost = ProposalCost(previous: previous, output: output, index: index)
    }

    /// The number the version gets when published now.
    public var version: Int { previous.info.number + 1 }
}

/// The price of a proposal against the version it re-plans, in the terms
/// the office weighs: sessions moved, people to tell, road km, left out.
public struct ProposalCost: Sendable {
    /// The planner's own count of what moved (what it minimised).
    public var disruption: Disruption
    /// Sessions whose dates, trainers or venue differ, or that were added or dropped.
    public var sessionsChanged: Int
    /// Trainers who must hear of a change, by id, sorted.
    public var trainersToTell: [String]
    /// Attendees to tell, per county code (everyone whose class changed).
    public var attendeesToTell: [String: Int]
    public var kmBefore: Double
    public var kmAfter: Double
    public var unscheduledBefore: Int
    public var unscheduledAfter: Int
    /// The diff itself, for the lists of who is affected.
    public var diff: PlanDiff

    public var attendeesTotal: Int { attendeesToTell.values.reduce(0, +) }

    init(previous: StoredVersion, output: PlanOutput, index: ScenarioIndex) {
        let d = PlanDiff(old: previous.plan, new: output.plan)
        diff = d
        disruption = output.result.disruption
        sessionsChanged = d.changes.count
        trainersToTell = d.byTrainer.keys.sorted()
        attendeesToTell = d.attendeesMoved
        kmBefore = previous.summary.travel_km
        kmAfter = output.summary.travel_km
        unscheduledBefore = previous.summary.unscheduled
        unscheduledAfter = output.plan.unscheduled.count
    }
}

/// Re-planning in two steps, as a page does it: propose (plan in memory
/// against the latest version, save nothing), then publish or discard.
/// `Planning.replan` (the CLI's `replan`) is the two in one go.
public enum Proposals {
    /// The lease taken and what to plan from, before any planning.
    struct Begun {
        var store: PlanStore
        var snapshot: PlanningSnapshot
        var scenario: ScenarioID
        var current: Scenario
        var previous: StoredVersion
    }

    /// Takes the planning lease — refused while another re-plan runs or
    /// waits for a decision — and reads what to plan from.
    static func begin(_ office: OfficeStore, notice: Notice) throws -> Begun {
        let lang = office.language
        let db = try office.open()
        let planning = try office.beginPlanning(db, notice: notice)
        guard let scenario = planning.scenarioID, let current = planning.scenario else {
            db.endPlanning()
            throw OfficeError(StoreError.noScenario.message(lang))
        }
        guard let previous = planning.latest else {
            db.endPlanning()
            throw OfficeError(lang == .zh ? "数据库 \(office.name) 还没有计划版本：先运行 xiangxing plan --out 文件夹"
                                          : "the store \(office.name) has no plan version yet: run xiangxing plan --out DIR first")
        }
        return Begun(store: db, snapshot: planning, scenario: scenario, current: current, previous: previous)
    }

    /// Plans what `begin` read, keeping pins and moving as little as it
    /// can, and checks the result (a plan breaking a hard rule is an error,
    /// exit 3). The lease stays held by the proposal.
    static func plan(_ begun: Begun, _ office: OfficeStore, reason: String?, seed: UInt64, timeLimit: Double,
                     notice: Notice) throws -> Proposal {
        let lang = office.language
        let started = Date()
        let index = ScenarioIndex(begun.current)
        let pins = begun.snapshot.pins
        let changes = begun.snapshot.changes
        let why = reason ?? (changes.isEmpty ? (lang == .zh ? "重新排课" : "re-plan")
                                            : changes.map { $0.description.text(lang) }.joined(separator: lang == .zh ? "；" : "; "))
        let previous = begun.previous
        let baseline = ReplanBaseline(sessions: previous.plan.sessions, assignments: previous.plan.assignments, pins: pins)
        let output = PlanOutput(index: index, options: PlannerOptions(seed: seed, timeLimit: timeLimit, baseline: baseline),
                                language: lang, notice: notice)
        try output.requireValid(index, lang)
        return Proposal(store: begun.store, office: office, index: index, scenario: begun.scenario, output: output,
                        previous: previous, reason: why, pins: pins.count, changes: changes, startedAt: started,
                        basedOnEvent: begun.snapshot.lastEventID)
    }

    /// A re-plan of the latest version, in memory: nothing is saved. The
    /// proposal holds the planning lease until it is published or discarded
    /// (or its process ends); on any error the lease is given back.
    public static func propose(_ office: OfficeStore, reason: String? = nil, seed: UInt64 = 1, timeLimit: Double = 120,
                               notice: Notice) throws -> Proposal {
        let begun = try begin(office, notice: notice)
        do { return try plan(begun, office, reason: reason, seed: seed, timeLimit: timeLimit, notice: notice) } catch {
            begun.store.endPlanning()
            throw error
        }
    }

    /// Saves the proposal as the next version, recorded as made by `who`,
    /// and returns its number. Refused — nothing saved, the lease given
    /// back — when the store moved on meanwhile: a change was recorded since
    /// planning began, another version was saved, or the lease was taken over.
    @discardableResult
    public static func publish(_ proposal: Proposal, by who: String) throws -> Int {
        let office = proposal.office
        let output = proposal.output
        do {
            return try office.attempt {
                try proposal.store.saveVersion(plan: output.plan, summary: output.summary, scenario: proposal.scenario, author: who,
                                               reason: proposal.reason, parent: proposal.previous.info.number,
                                               extraFiles: output.extraFiles)
            }
        } catch {
            proposal.store.endPlanning()
            throw error
        }
    }

    /// Throws the proposal away and gives the planning lease back.
    public static func discard(_ proposal: Proposal) {
        proposal.store.endPlanning()
    }

    /// Who holds the planning lease now (a re-plan running, or a proposal
    /// waiting for a decision), if anyone.
    public static func planning(_ office: OfficeStore) throws -> PlanningLease? {
        let db = try office.open()
        return try office.attempt { try db.currentPlanning() }
    }
}
