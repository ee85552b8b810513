import Foundation
import XiangxingCore
import XiangxingIO

/// `check`: a plan folder against its scenario by every hard rule, and its
/// summary.json against the figures recomputed from the plan.
public enum PlanCheck {
    public struct Checked: Sendable {
        public var index: ScenarioIndex
        public var report: CheckReport
        /// Where summary.json disagrees with the plan, one line each, in the caller's language.
        public var disagreements: [String]
        /// Valid, and summary.json agrees.
        public var passed: Bool { report.isValid && disagreements.isEmpty }
    }

    public static func check(scenario folder: String, plan planFolder: String, _ language: Language, notice: Notice) throws -> Checked {
        let loaded = try ScenarioFolder.load(folder, language, notice: notice)
        let (plan, summary) = try take(PlanFolder.read(URL(fileURLWithPath: planFolder)))
        let index = ScenarioIndex(loaded.scenario)
        let report = PlanChecker.check(plan, against: index)
        return Checked(index: index, report: report, disagreements: summary.map { disagreements($0, report, language) } ?? [])
    }

    static func disagreements(_ s: PlanSummary, _ report: CheckReport, _ language: Language) -> [String] {
        let zh = language == .zh
        var out: [String] = []
        if s.scheduled != report.scheduled {
            out.append(zh ? "scheduled：summary.json 为 \(s.scheduled)，实际 \(report.scheduled)" : "scheduled: summary.json \(s.scheduled), recomputed \(report.scheduled)")
        }
        if s.unscheduled != report.score.unscheduled {
            out.append(zh ? "unscheduled：summary.json 为 \(s.unscheduled)，实际 \(report.score.unscheduled)" : "unscheduled: summary.json \(s.unscheduled), recomputed \(report.score.unscheduled)")
        }
        if abs(s.travel_km - report.score.travelKm) > max(0.05, report.score.travelKm * 1e-9) {
            out.append(zh ? String(format: "travel_km：summary.json 为 %.1f，实际 %.1f", s.travel_km, report.score.travelKm)
                          : String(format: "travel_km: summary.json %.1f, recomputed %.1f", s.travel_km, report.score.travelKm))
        }
        if s.hard_violations != report.breaches.count {
            out.append(zh ? "hard_violations：summary.json 为 \(s.hard_violations)，实际 \(report.breaches.count)" : "hard_violations: summary.json \(s.hard_violations), recomputed \(report.breaches.count)")
        }
        return out
    }
}
