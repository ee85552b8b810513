import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// Options of every command that works on the office's store.
struct StoreOptions: ParsableArguments {
    @Option(help: "The store (SQLite file; default xiangxing.sqlite in the working folder).")
    var db: String = PlanStore.defaultFileName

    @Option(help: "Language of messages: zh (default) or en.")
    var lang: Language = .zh

    /// Who is acting, for the change log: $USER, else "office".
    var who: String { ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "office" }

    func open() throws -> PlanStore {
        do { return try PlanStore(path: db) } catch {
            Terminal.error(lang == .zh ? "无法打开数据库 \(db)：\(error)" : "cannot open the store \(db): \(error)")
            throw ExitCode(1)
        }
    }

    /// Runs a store call, turning its errors into a located message and exit 1.
    func attempt<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError {
            Terminal.error(e.message(lang))
            throw ExitCode(1)
        }
    }

    /// The current scenario, or a message saying to import one.
    func scenario(_ store: PlanStore) throws -> (ScenarioIndex, ScenarioID) {
        guard let id = try store.currentScenarioID(), let s = try store.scenario(id) else {
            Terminal.error(lang == .zh ? "数据库 \(db) 里还没有场景：先运行 xiangxing import 场景文件夹" : "the store \(db) holds no scenario yet: run xiangxing import SCENARIO first")
            throw ExitCode(1)
        }
        return (ScenarioIndex(s), id)
    }

    /// A stored version, or a message listing the ones there are.
    func version(_ store: PlanStore, _ n: Int?) throws -> StoredVersion {
        let found = try n.map { try store.version($0) } ?? store.latestVersion()
        guard let v = found else {
            let have = try store.versions().map { String($0.number) }.joined(separator: ", ")
            Terminal.error(lang == .zh ? "没有第 \(n.map(String.init) ?? "?") 版计划（现有：\(have.isEmpty ? "无，先运行 xiangxing plan" : have)）"
                                       : "no plan version \(n.map(String.init) ?? "?") (there are: \(have.isEmpty ? "none; run xiangxing plan" : have))")
            throw ExitCode(1)
        }
        return v
    }
}

/// Plans (fresh or as a re-plan), checks, saves a version and writes its folder.
enum StoredPlanning {
    static func run(store: PlanStore, options: StoreOptions, index: ScenarioIndex, scenario: ScenarioID, out: String,
                    planner: PlannerOptions, reason: String, parent: Int?) throws -> (PlannerResult, Int) {
        let zh = options.lang == .zh
        let result = Planner(index: index).run(planner) { p in
            guard p.seconds >= 1 else { return }
            Terminal.error(String(format: zh ? "  %5.1f 秒  %@  未安排 %d  讲师路程 %.0f 公里" : "  %5.1f s  %@  unscheduled %d  trainer km %.0f",
                                  p.seconds, p.phase, p.unscheduled, p.km))
        }
        let words = UnscheduledText(index: index, language: options.lang)
        let plan = Plan(sessions: result.sessions, assignments: result.assignments, unscheduled: result.unscheduled.map {
            UnscheduledItem(ref: $0.ref, type: $0.type, county: $0.county, kind: $0.kind, reason: words.reason($0))
        })
        let report = PlanChecker.check(plan, against: index)
        let summary = PlanSummary(scheduled: report.scheduled, unscheduled: report.score.unscheduled,
                                  travelKm: (report.score.travelKm * 10).rounded() / 10,
                                  hardViolations: report.breaches.count, solveSeconds: (result.seconds * 1000).rounded() / 1000)
        var extra: [StoredFile] = []
        if index.scenario.attendees != nil {
            let rows = result.waitlist.map { w in
                [w.attendee.idNumber, w.attendee.name, w.attendee.county, w.attendee.kind, words.waitlistReason(w)]
            }
            extra.append(StoredFile(name: "waitlist.csv", text: CSV.render(header: ["id_number", "name", "county", "kind", "reason"], rows: rows)))
        }
        guard report.isValid else {
            let text = BreachText(index: index, language: options.lang)
            for b in report.breaches { Terminal.error(text.describe(b)) }
            Terminal.error(zh ? "错误：计划违反了硬规则，未保存（这是 Xiangxing 的缺陷，请报告）。" : "error: the plan breaks hard rules and was not saved (a bug in Xiangxing; please report it).")
            throw ExitCode(3)
        }
        let n = try options.attempt {
            try store.saveVersion(plan: plan, summary: summary, scenario: scenario, author: options.who, reason: reason,
                                  parent: parent, extraFiles: extra)
        }
        try PlanFolder.write(plan, summary: summary, to: URL(fileURLWithPath: out), withAssignments: plan.assignments != nil,
                             extraFiles: extra.map { (name: $0.name, text: $0.text) })
        return (result, n)
    }
}
