import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
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
        let done = try Terminal.run(store.lang) { try ScenarioDesk.importFolder(scenario, into: store.office, notice: $0) }
        let (loaded, programme, milestones, id) = (done.read.loaded, done.read.programme, done.read.milestones, done.scenario)
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
}
