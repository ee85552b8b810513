import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// One planning run turned into what the contract's plan folder holds:
/// the plan with reasons in words, the checker's report, summary.json and
/// waitlist.csv. Shared by planning into a folder, into the store and re-planning.
public struct PlanOutput: Sendable {
    public let result: PlannerResult
    public let plan: Plan
    public let report: CheckReport
    public let summary: PlanSummary
    public let extraFiles: [StoredFile]

    /// Plans, saying progress to `notice` for runs over a second, then checks.
    public init(index: ScenarioIndex, options: PlannerOptions, language: Language, notice: Notice) {
        let zh = language == .zh
        result = Planner(index: index).run(options) { p in
            guard p.seconds >= 1 else { return }
            notice(String(format: zh ? "  %5.1f 秒  %@  未安排 %d  讲师路程 %.0f 公里" : "  %5.1f s  %@  unscheduled %d  trainer km %.0f",
                          p.seconds, p.phase, p.unscheduled, p.km))
        }
        let words = UnscheduledText(index: index, language: language)
        plan = Plan(sessions: result.sessions, assignments: result.assignments, unscheduled: result.unscheduled.map {
            UnscheduledItem(ref: $0.ref, type: $0.type, county: $0.county, kind: $0.kind, reason: words.reason($0))
        })
        report = PlanChecker.check(plan, against: index)
        summary = PlanSummary(scheduled: report.scheduled, unscheduled: report.score.unscheduled,
                              travelKm: (report.score.travelKm * 10).rounded() / 10,
                              hardViolations: report.breaches.count, solveSeconds: (result.seconds * 1000).rounded() / 1000)
        if index.scenario.attendees != nil {
            // Masked: waitlist.csv is not in the contract and is read by
            // people, so it carries no full resident ID (docs/guarantees.md).
            let rows = result.waitlist.map { w in
                [ResidentID.masked(w.attendee.idNumber), w.attendee.name, w.attendee.county, w.attendee.kind, words.waitlistReason(w)]
            }
            extraFiles = [StoredFile(name: "waitlist.csv", text: CSV.render(header: ["id_number", "name", "county", "kind", "reason"], rows: rows))]
        } else {
            extraFiles = []
        }
    }

    /// Every breach, and exit status 3, when the checker rejects the plan
    /// (a planner bug: nothing such is ever written or saved).
    public func requireValid(_ index: ScenarioIndex, _ language: Language) throws {
        guard !report.isValid else { return }
        let text = BreachText(index: index, language: language)
        throw OfficeError(lines: report.breaches.map { text.describe($0) } + report.inconsistencies.map { text.describe($0) } + [
            language == .zh ? "错误：计划违反了硬规则，未写出（这是 Xiangxing 的缺陷，请报告）。"
                            : "error: the plan breaks hard rules and was not written (a bug in Xiangxing; please report it)."
        ], exitCode: 3)
    }

    /// Fills a prepared output folder with the plan's files (not yet swapped in).
    public func fill(_ folder: OutputFolder, language: Language) throws {
        try OfficeFolders.attempt(language) {
            try PlanFolder.fill(folder, plan, summary: summary, withAssignments: plan.assignments != nil,
                                extraFiles: extraFiles.map { (name: $0.name, text: $0.text) })
            try folder.seal()
        }
    }
}

/// Planning as the office does it: a scenario folder into a plan folder, or
/// the store's scenario into its next version and a folder.
public enum Planning {
    /// A plan of a scenario folder written into `out` (replaced as a whole).
    public struct Planned: Sendable {
        public var index: ScenarioIndex
        public var output: PlanOutput
    }

    /// A plan saved in the store as a version and written into `out`.
    public struct Saved: Sendable {
        public var index: ScenarioIndex
        public var output: PlanOutput
        public var version: Int
    }

    /// Plans the scenario folder into the plan folder `out`; the folder is
    /// checked before planning, so one that must not be replaced costs no run.
    public static func plan(scenario: String, out: String, planner: PlannerOptions, language: Language, notice: Notice) throws -> Planned {
        let loaded = try ScenarioFolder.load(scenario, language, notice: notice)
        let folder = try OfficeFolders.prepare(out, kind: .plan, protecting: [scenario], language: language)
        let index = ScenarioIndex(loaded.scenario)
        let output = PlanOutput(index: index, options: planner, language: language, notice: notice)
        try output.requireValid(index, language)
        try output.fill(folder, language: language)
        try OfficeFolders.attempt(language) { try folder.commit() }
        return Planned(index: index, output: output)
    }

    /// Plans the store's current scenario afresh (importing the folder
    /// `scenario` first when given), saves it as the next version and writes `out`.
    public static func plan(into office: OfficeStore, importing scenario: String?, out: String, planner: PlannerOptions,
                            notice: Notice) throws -> Saved {
        let lang = office.language
        let store = try office.open()
        if let scenario {
            // As `xiangxing import` does: the targets and milestones too, for reports and `status`.
            _ = try ScenarioDesk.importFolder(scenario, into: office, notice: notice)
        }
        _ = try office.beginPlanning(store, notice: notice)  // one planner at a time; the save refuses if anything arrives meanwhile
        defer { store.endPlanning() }
        let (index, id) = try office.scenario(store)
        let first = try store.versions().isEmpty
        let reason = first ? (lang == .zh ? "初始计划" : "initial plan") : (lang == .zh ? "从头重新排课" : "planned afresh")
        let (output, n) = try saveVersion(store: store, office: office, index: index, scenario: id, out: out,
                                          planner: planner, reason: reason, parent: nil,
                                          protecting: scenario.map { [$0] } ?? [], notice: notice)
        return Saved(index: index, output: output, version: n)
    }

    /// A re-plan saved as the next version.
    public struct Replanned: Sendable {
        public var output: PlanOutput
        public var version: Int
        public var previous: StoredVersion
        /// The reason kept with the version.
        public var reason: String
        public var pins: Int
    }

    /// Re-plans from the latest version, keeping pins and moving as little
    /// as it can; planned against one moment of the store: a change recorded
    /// meanwhile makes the save refuse (saying what arrived) rather than claim it.
    public static func replan(_ office: OfficeStore, out: String, reason: String?, seed: UInt64, timeLimit: Double,
                              notice: Notice) throws -> Replanned {
        // Propose and publish (Proposals) in one go, with the folder between:
        // checked before planning, filled before the save, swapped in after.
        let begun = try Proposals.begin(office, notice: notice)
        defer { begun.store.endPlanning() }
        let folder = try OfficeFolders.prepare(out, kind: .plan, protecting: [office.path], language: office.language)
        let proposal = try Proposals.plan(begun, office, reason: reason, seed: seed, timeLimit: timeLimit, notice: notice)
        try proposal.output.fill(folder, language: office.language)
        let n = try Proposals.publish(proposal, by: office.who)
        FaultPoint.reach("saved")
        try commit(folder, version: n, office)
        return Replanned(output: proposal.output, version: n, previous: proposal.previous, reason: proposal.reason, pins: proposal.pins)
    }

    /// Plans (fresh or as a re-plan), checks, saves a version and writes its folder.
    /// The order keeps the store and the folder together: the folder is checked
    /// (and its staging folder made) before planning, filled before the version
    /// is saved, and swapped in right after; a kill at any point leaves the
    /// folder at a version the store holds (docs/guarantees.md).
    public static func saveVersion(store: PlanStore, office: OfficeStore, index: ScenarioIndex, scenario: ScenarioID, out: String,
                                   planner: PlannerOptions, reason: String, parent: Int?, protecting: [String] = [],
                                   notice: Notice) throws -> (PlanOutput, Int) {
        let lang = office.language
        let folder = try OfficeFolders.prepare(out, kind: .plan, protecting: protecting + [office.path], language: lang)
        let output = PlanOutput(index: index, options: planner, language: lang, notice: notice)
        try output.requireValid(index, lang)
        try output.fill(folder, language: lang)
        let n = try office.attempt {
            try store.saveVersion(plan: output.plan, summary: output.summary, scenario: scenario, author: office.who, reason: reason,
                                  parent: parent, extraFiles: output.extraFiles)
        }
        FaultPoint.reach("saved")
        try commit(folder, version: n, office)
        return (output, n)
    }

    /// Swaps a saved version's folder in; a failure says the version is saved and how to write it out.
    static func commit(_ folder: OutputFolder, version n: Int, _ office: OfficeStore) throws {
        let lang = office.language
        do { try folder.commit() } catch let p as OutputFolderProblem {
            throw OfficeError(lines: [
                (lang == .zh ? "错误：" : "error: ") + p.message.text(lang),
                lang == .zh ? "第 \(n) 版已保存在 \(office.name) 中，但未能写出文件夹；可用 xiangxing export --version \(n) --out 另一个文件夹 写出。"
                            : "Version \(n) is saved in \(office.name), but its folder was not written; write it with xiangxing export --version \(n) --out ANOTHER-FOLDER."
            ])
        }
    }
}
