import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO

/// One planning run turned into what the contract's plan folder holds:
/// the plan with reasons in words, the checker's report, summary.json and
/// waitlist.csv. Shared by `plan` (folder or store) and `replan`.
struct PlanOutput {
    let result: PlannerResult
    let plan: Plan
    let report: CheckReport
    let summary: PlanSummary
    let extraFiles: [(name: String, text: String)]

    /// Plans with progress on stderr for runs over a second, then checks.
    init(index: ScenarioIndex, options: PlannerOptions, language: Language) {
        let zh = language == .zh
        result = Planner(index: index).run(options) { p in
            guard p.seconds >= 1 else { return }
            Terminal.error(String(format: zh ? "  %5.1f 秒  %@  未安排 %d  讲师路程 %.0f 公里" : "  %5.1f s  %@  unscheduled %d  trainer km %.0f",
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
            extraFiles = [(name: "waitlist.csv", text: CSV.render(header: ["id_number", "name", "county", "kind", "reason"], rows: rows))]
        } else {
            extraFiles = []
        }
    }

    /// Prints every breach and stops with exit 3 when the checker rejects
    /// the plan (a planner bug: nothing such is ever written or saved).
    func requireValid(_ index: ScenarioIndex, _ language: Language) throws {
        guard !report.isValid else { return }
        let text = BreachText(index: index, language: language)
        for b in report.breaches { Terminal.error(text.describe(b)) }
        for p in report.inconsistencies { Terminal.error(text.describe(p)) }
        Terminal.error(language == .zh ? "错误：计划违反了硬规则，未写出（这是 Xiangxing 的缺陷，请报告）。"
                                       : "error: the plan breaks hard rules and was not written (a bug in Xiangxing; please report it).")
        throw ExitCode(3)
    }

    /// Fills a prepared output folder with the plan's files (not yet swapped in).
    func fill(_ folder: OutputFolder, language: Language) throws {
        try OutputTarget.attempt(language) {
            try PlanFolder.fill(folder, plan, summary: summary, withAssignments: plan.assignments != nil, extraFiles: extraFiles)
            try folder.seal()
        }
    }
}

/// An output folder of a command: refused up front (before any planning or
/// saving) when it must not be replaced, with a message that says how to
/// go on; the same rules for every command that writes a folder.
enum OutputTarget {
    static func prepare(_ out: String, kind: OutputFolder.Kind, protecting: [String], language: Language,
                        carryOver: Bool = false) throws -> OutputFolder {
        try attempt(language) {
            try OutputFolder.prepare(URL(fileURLWithPath: out), kind: kind,
                                     protecting: protecting.map { URL(fileURLWithPath: $0) }, carryOver: carryOver)
        }
    }

    /// Runs a folder step, turning a refusal or a failed write into its message and exit 1.
    static func attempt<T>(_ language: Language, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let p as OutputFolderProblem {
            Terminal.error((language == .zh ? "错误：" : "error: ") + p.message.text(language))
            throw ExitCode(1)
        }
    }
}
