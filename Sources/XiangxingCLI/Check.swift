import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("按全部硬性规则检查计划文件夹，并重新计算得分。",
                    "Check a plan folder against every hard rule and recompute its score."),
        discussion: L("""
            逐条报告违反的规则（SCENARIO.md 第 1–7 条）及涉及的场次、讲师、场地和日期；重新计算\
            未安排项数和讲师路程，并说明与 summary.json 是否一致。只有计划合规且一致时退出码为 0，\
            否则为 1。

            示例：
              xiangxing check scenarios/nanyang-2019 plan-out
            """, """
        Reports each violation with its rule number (SCENARIO.md rules 1–7) and the \
        session, trainer, venue and date involved; recomputes the unscheduled count and \
        road km and says whether summary.json agrees. Exit status 0 only when the plan is \
        valid and consistent, 1 otherwise.

        Example:
          xiangxing check scenarios/nanyang-2019 plan-out
        """))

    @OptionGroup var options: ScenarioOptions

    @Argument(help: L("计划文件夹（plan.csv、assignments.csv、unscheduled.csv、summary.json）。", "The plan folder (plan.csv, assignments.csv, unscheduled.csv, summary.json)."))
    var plan: String

    @Flag(help: L("完整打印身份证号（默认打码）。", "Print resident ID numbers in full (they are masked by default)."))
    var unmasked = false

    func run() throws {
        let checked = try Terminal.run(options.lang) { try PlanCheck.check(scenario: options.scenario, plan: plan, options.lang, notice: $0) }
        let report = checked.report
        let text = BreachText(index: checked.index, language: options.lang, unmasked: unmasked)
        for b in report.breaches { print(text.describe(b)) }
        for p in report.inconsistencies { print(text.describe(p)) }
        for d in checked.disagreements { print(d) }
        let km = String(format: "%.1f", report.score.travelKm)
        if options.lang == .zh {
            print("已安排 \(report.scheduled)，未安排 \(report.score.unscheduled)，讲师路程 \(km) 公里；违反硬规则 \(report.breaches.count) 处，不一致 \(report.inconsistencies.count) 处；summary.json \(checked.disagreements.isEmpty ? "一致" : "不一致")。")
        } else {
            print("scheduled \(report.scheduled), unscheduled \(report.score.unscheduled), trainer road km \(km); \(report.breaches.count) hard-rule violation(s), \(report.inconsistencies.count) inconsistenc(ies); summary.json \(checked.disagreements.isEmpty ? "agrees" : "disagrees").")
        }
        if !checked.passed { throw ExitCode(1) }
    }
}
