import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: L("把场景文件夹导入数据库（要么全部导入，要么不动）。",
                    "Load a scenario folder into the store (all or nothing)."),
        discussion: L("""
            按 validate 的同样方式读取文件夹；有任何问题时逐条列出，数据库不做改动。否则在一个\
            事务中把该场景设为数据库的当前场景，此后的变动（unavailable、pin 等）都针对它。

            示例：
              xiangxing import scenarios/nanyang-2019 --db office.sqlite
            """, """
        Reads the folder exactly as `validate` does; if anything is wrong, every problem is \
        listed and the store is not touched. Otherwise the scenario becomes the store's current \
        scenario, in one transaction. Later changes (`unavailable`, `pin` …) apply to it.

        Example:
          xiangxing import scenarios/nanyang-2019 --db office.sqlite
        """))

    @Argument(help: L("场景文件夹。", "The scenario folder."))
    var scenario: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        let loaded = try ScenarioOptions.load(scenario, store.lang)
        let programme = try Self.programme(loaded, store.lang)
        let milestones = try MilestonesSource.folder(loaded, store.lang)
        let db = try store.open()
        let id = try store.attempt { try db.importScenario(loaded, programme: programme, source: scenario, by: store.who) }
        try store.attempt { try db.saveMilestones(milestones ?? [], scenario: id) }
        print(Inventory(loaded).render(store.lang))
        if let milestones { print(store.lang == .zh ? "  里程碑    \(milestones.count) 项（milestones.csv）" : "  milestones      \(milestones.count) (milestones.csv)") }
        let t = programme.settings
        if t.targetTraining != nil || t.targetMentoring != nil || programme.targets != nil {
            let city = [t.targetTraining.map { store.lang == .zh ? "培训 \($0)" : "training \($0)" },
                        t.targetMentoring.map { store.lang == .zh ? "乡村行 \($0)" : "mentoring \($0)" }].compactMap { $0 }
            let counties = Set((programme.targets ?? []).map(\.county)).count
            print(store.lang == .zh
                  ? "年度目标：\(city.isEmpty ? "未给出全市总数" : "全市" + city.joined(separator: "、") + " 人次")\(programme.targets == nil ? "" : "；targets.csv \(counties) 个县区")；完成比例 \(t.completionShare)。"
                  : "Targets: \(city.isEmpty ? "no city totals" : "city " + city.joined(separator: ", ") + " person-times")\(programme.targets == nil ? "" : "; targets.csv for \(counties) counties"); completion share \(t.completionShare).")
        }
        print(store.lang == .zh ? "已导入数据库 \(store.db)（场景 \(id)）。" : "Imported into \(store.db) (scenario \(id)).")
    }

    /// scenario.csv's programme keys and targets.csv, checked as `validate`
    /// checks them; any problem refuses the import (listed, store untouched).
    static func programme(_ loaded: LoadedScenario, _ lang: Language) throws -> ScenarioProgramme {
        var problems: [InputProblem] = []
        var settings = ProgrammeSettings(), targets: [CountyTarget]? = nil
        switch ProgrammeReading.settings(folder: loaded.folder) {
        case .success(let s): settings = s
        case .failure(let all): problems += all.problems
        }
        if problems.isEmpty {
            switch ProgrammeReading.targets(folder: loaded.folder, scenario: loaded.scenario, settings: settings) {
            case .success(let t): targets = t
            case .failure(let all): problems += all.problems
            }
        }
        guard problems.isEmpty else {
            for p in problems { Terminal.error(p.message(lang)) }
            Terminal.error(lang == .zh ? "共 \(problems.count) 处问题，未导入，数据库未做改动。改正后重新运行。"
                                       : "\(problems.count) problem(s): nothing imported, the store is unchanged. Correct them and run again.")
            throw ExitCode(1)
        }
        return ScenarioProgramme(settings: settings, targets: targets)
    }
}
