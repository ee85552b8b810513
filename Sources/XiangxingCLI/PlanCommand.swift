import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingStore

extension PlanningStrategy: ExpressibleByArgument {}

struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: L("编排全年的培训班和创业讲师乡村行，写出计划文件夹。",
                    "Plan a year of classes and mentoring tours and write the plan folder."),
        discussion: L("""
            为 demand.csv 中的每期培训和每个乡村行站点安排讲师、场地和授课日，遵守 SCENARIO.md \
            的各项硬性规则；尽量不遗漏，在此基础上使讲师路程最短。在 --out 文件夹中写出 \
            plan.csv、assignments.csv、unscheduled.csv（逐项说明未安排的原因）、waitlist.csv\
            （未分到座位的学员）和 summary.json，文件夹整体替换。写出前按 xiangxing check \
            的同一套规则检查计划。相同的 --seed 得到相同的计划。

            不给场景文件夹时，编排数据库中的当前场景（见 xiangxing import），并存为数据库的\
            下一个版本；同时给出场景文件夹和 --db 时，先导入该文件夹。

            示例：
              xiangxing plan scenarios/nanyang-2019 --out plan-out
              xiangxing import scenarios/nanyang-2019 && xiangxing plan --out plan-v1
            """, """
        Books every class of demand.csv and every tour stop against trainers, venues and \
        teaching days, keeping SCENARIO.md's hard rules; leaves out as little as possible, \
        then drives the trainers as few road km as possible. Writes plan.csv, \
        assignments.csv, unscheduled.csv (with a reason for each item left out), \
        waitlist.csv (people without a seat) and summary.json into the --out folder, which \
        is replaced as a whole. The plan is checked with the same rules as `xiangxing check` \
        before it is written. The same --seed gives the same plan.

        Without SCENARIO the store's current scenario is planned (see `xiangxing import`) \
        and the plan is saved as the store's next version; with SCENARIO and --db the folder \
        is imported first.

        Examples:
          xiangxing plan scenarios/nanyang-2019 --out plan-out
          xiangxing import scenarios/nanyang-2019 && xiangxing plan --out plan-v1
        """))

    @Argument(help: L("场景文件夹（不给时编排数据库中的当前场景）。", "The scenario folder (omit it to plan the store's current scenario)."))
    var scenario: String?

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    @Option(help: L("把计划存为新版本的数据库：SQLite 文件或 postgres://…?city=城市（不给场景文件夹时默认为 XIANGXING_DB，再无则 xiangxing.sqlite）。", "The store to save the plan in as a new version: a SQLite file or postgres://…?city=NAME (default without SCENARIO: $XIANGXING_DB, else xiangxing.sqlite)."))
    var db: String?

    @Option(help: L("写出计划的文件夹（整体替换）。", "Folder to write the plan into (replaced as a whole)."))
    var out: String

    @Option(help: L("随机种子；种子相同，计划相同。", "Random seed; the same seed gives the same plan."))
    var seed: UInt64 = 1

    @Option(help: L("搜索时间上限，单位：秒。", "Upper bound on search time, in seconds."))
    var timeLimit: Double = 120

    @Option(help: L("排课方法：optimise（优化）或 first-fit（逐项先到先排，作对比基线）。", "optimise (default) or first-fit (the plain baseline)."))
    var strategy: PlanningStrategy = .optimise

    @Option(help: L("每期培训的搜索轮数（默认按场景规模：市约 1 秒，省约 10 秒）；轮数越多，路程可能略短。",
                    "Search rounds per class (default by the scenario's size: about 1 s for a city, 10 s for a province); more may shorten km a little."))
    var effort: Int?

    @Flag(help: L("另外列出培训和乡村行的路程、其下界及两者之比。", "Also print the class and tour km beside their lower bounds and the ratios."))
    var verbose = false

    func run() throws {
        let planner = PlannerOptions(seed: seed, timeLimit: timeLimit, strategy: strategy, effort: effort)
        if scenario == nil || db != nil {
            try runWithStore(planner)
            return
        }
        let planned = try Terminal.run(lang) { try Planning.plan(scenario: scenario!, out: out, planner: planner, language: lang, notice: $0) }
        print(PlanReport(index: planned.index, result: planned.output.result, report: planned.output.report, language: lang).render())
        if verbose { print(BoundsText(index: planned.index, result: planned.output.result, language: lang).render()) }
        let path = URL(fileURLWithPath: out).path
        print(lang == .zh ? "计划已写入 \(path)/（plan.csv, assignments.csv, unscheduled.csv, waitlist.csv, summary.json）"
                          : "Plan written to \(path)/ (plan.csv, assignments.csv, unscheduled.csv, waitlist.csv, summary.json)")
    }

    /// Plans the store's current scenario (importing SCENARIO first when given) and saves a version.
    private func runWithStore(_ planner: PlannerOptions) throws {
        var options = StoreOptions()
        options.db = db ?? PlanStore.defaultLocation
        options.lang = lang
        let saved = try Terminal.run(lang) { try Planning.plan(into: options.office, importing: scenario, out: out, planner: planner, notice: $0) }
        print(PlanReport(index: saved.index, result: saved.output.result, report: saved.output.report, language: lang).render())
        if verbose { print(BoundsText(index: saved.index, result: saved.output.result, language: lang).render()) }
        print(lang == .zh ? "已保存为第 \(saved.version) 版（\(options.office.name)），计划已写入 \(out)/" : "Saved as version \(saved.version) in \(options.office.name); plan written to \(out)/")
    }
}

/// The terminal summary: scheduled and unscheduled per county and kind,
/// person-times planned against demand, km and time.
struct PlanReport {
    let index: ScenarioIndex
    let result: PlannerResult
    let report: CheckReport
    let language: Language

    func render() -> String {
        let zh = language == .zh
        let s = index.scenario
        var lines: [String] = []
        lines.append(zh ? "\(s.settings.name)：排课结果" : "\(s.settings.name): plan")
        let kinds = s.kinds.filter { k in s.demands.contains { $0.kind == k.code } || s.tours.contains { $0.kind == k.code } }
        let header = (zh ? ["县区"] : ["county"]) + kinds.map { zh ? $0.name : $0.code }
        var rows: [[String]] = []
        var planned: [String: Int] = [:], wanted: [String: Int] = [:]
        for sess in result.sessions { planned[sess.county + "|" + sess.kind, default: 0] += 1 }
        for d in s.demands { wanted[d.county + "|" + d.kind, default: 0] += d.classes }
        for st in s.stops { if let t = index.tours[st.tour] { wanted[st.county + "|" + t.kind, default: 0] += 1 } }
        for c in s.counties {
            var row = [c.name]
            for k in kinds {
                let w = wanted[c.code + "|" + k.code, default: 0]
                row.append(w == 0 ? "-" : "\(planned[c.code + "|" + k.code, default: 0])/\(w)")
            }
            rows.append(row)
        }
        lines.append(table(header, rows))
        lines.append(zh ? "（每格：已安排/需求；培训为期数，乡村行为站点数）" : "(each cell: scheduled/wanted; classes for training, stops for tours)")
        // Person-times.
        var trainingPlanned = 0, mentoringPlanned = 0
        for sess in result.sessions { if sess.type == .trainingClass { trainingPlanned += sess.attendees } else { mentoringPlanned += sess.attendees } }
        let enrolled = s.attendees?.count
        let mentees = s.stops.reduce(0) { $0 + $1.mentees }
        // Why people wait: the venues' seats (a bigger venue or another class
        // would seat them) or every class full at max_seats (another class would).
        var forSeats = 0, forClasses = 0
        var shortClasses: Set<String> = []
        for w in result.waitlist {
            switch w.reason {
            case .venuesTooSmall: forSeats += 1; shortClasses.insert(w.attendee.county + "|" + w.attendee.kind)
            case .classesFull: forClasses += 1
            case .noClass: break
            }
        }
        let impossible = result.unscheduled.filter(\.impossible).count
        if zh {
            lines.append("培训人次：已排 \(trainingPlanned)" + (enrolled.map { "，报名 \($0)，候补 \(result.waitlist.count)" } ?? "（无学员名单，按最大班额计）"))
            if forSeats > 0 {
                lines.append("  其中 \(forSeats) 人因场地座位不足候补（\(shortClasses.count) 个县区课程的场地小于最大班额）：可另开一期或换大场地，见 waitlist.csv")
            }
            if forClasses > 0 { lines.append("  其中 \(forClasses) 人因各期均已满员候补：可另开一期（demand.csv 增加期数），见 waitlist.csv") }
            lines.append("乡村行帮扶人次：已排 \(mentoringPlanned) / 计划 \(mentees)")
            lines.append(String(format: "已安排 %d 项，未安排 %d 项%@；讲师路程 %.1f 公里；用时 %.2f 秒%@",
                                report.scheduled, report.score.unscheduled,
                                result.unscheduled.isEmpty ? "" : "（其中不可能安排 \(impossible) 项，本次未能安排 \(result.unscheduled.count - impossible) 项）",
                                report.score.travelKm, result.seconds,
                                result.stoppedByTimeLimit ? "（已到时间上限，提前结束）" : ""))
        } else {
            lines.append("training person-times: \(trainingPlanned) planned" + (enrolled.map { ", \($0) enrolled, \(result.waitlist.count) waitlisted" } ?? " (no attendees.csv: counted at max_seats)"))
            if forSeats > 0 {
                lines.append("  \(forSeats) of them for want of seats (venues smaller than max_seats in \(shortClasses.count) county courses): open another class or move to a bigger venue; see waitlist.csv")
            }
            if forClasses > 0 { lines.append("  \(forClasses) of them because every class is full: open another class (more classes in demand.csv); see waitlist.csv") }
            lines.append("mentoring person-times: \(mentoringPlanned) planned of \(mentees)")
            lines.append(String(format: "%d scheduled, %d unscheduled%@; trainer road km %.1f; %.2f s%@",
                                report.scheduled, report.score.unscheduled,
                                result.unscheduled.isEmpty ? "" : " (\(impossible) impossible in any plan, \(result.unscheduled.count - impossible) not scheduled this time)",
                                report.score.travelKm, result.seconds,
                                result.stoppedByTimeLimit ? " (stopped at the time limit)" : ""))
        }
        if !result.unscheduled.isEmpty {
            let words = UnscheduledText(index: index, language: language)
            lines.append(zh ? "未安排：" : "Unscheduled:")
            for u in result.unscheduled.prefix(20) { lines.append("  " + words.reason(u)) }
            if result.unscheduled.count > 20 { lines.append(zh ? "  ……其余见 unscheduled.csv" : "  … the rest in unscheduled.csv") }
        }
        return lines.joined(separator: "\n")
    }

    /// Columns padded by display width (a Han character takes two cells).
    private func table(_ header: [String], _ rows: [[String]]) -> String {
        func width(_ s: String) -> Int { s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 ? 2 : 1) } }
        let all = [header] + rows
        let widths = header.indices.map { i in all.map { width($0[i]) }.max() ?? 0 }
        return all.map { r in
            r.enumerated().map { i, cell in cell + String(repeating: " ", count: widths[i] - width(cell)) }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}
