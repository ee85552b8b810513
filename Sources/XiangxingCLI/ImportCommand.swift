import ArgumentParser
import Foundation
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
        let milestones = try MilestonesSource.folder(loaded, store.lang)
        let db = try store.open()
        let id = try store.attempt { try db.importScenario(loaded, source: scenario, by: store.who) }
        try store.attempt { try db.saveMilestones(milestones ?? [], scenario: id) }
        print(Inventory(loaded).render(store.lang))
        if let milestones { print(store.lang == .zh ? "  里程碑    \(milestones.count) 项（milestones.csv）" : "  milestones      \(milestones.count) (milestones.csv)") }
        print(store.lang == .zh ? "已导入数据库 \(store.db)（场景 \(id)）。" : "Imported into \(store.db) (scenario \(id)).")
    }
}
