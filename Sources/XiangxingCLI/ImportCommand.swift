import ArgumentParser
import Foundation
import XiangxingIO
import XiangxingStore

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Load a scenario folder into the store (all or nothing).",
        discussion: """
        Reads the folder exactly as `validate` does; if anything is wrong, every problem is \
        listed and the store is not touched. Otherwise the scenario becomes the store's current \
        scenario, in one transaction. Later changes (`unavailable`, `pin` …) apply to it.

        Example:
          xiangxing import scenarios/nanyang-2019 --db office.sqlite
        """)

    @Argument(help: "The scenario folder.")
    var scenario: String

    @OptionGroup var store: StoreOptions

    func run() throws {
        let loaded = try ScenarioOptions.load(scenario, store.lang)
        let db = try store.open()
        let id = try store.attempt { try db.importScenario(loaded, source: scenario, by: store.who) }
        print(Inventory(loaded).render(store.lang))
        print(store.lang == .zh ? "已导入数据库 \(store.db)（场景 \(id)）。" : "Imported into \(store.db) (scenario \(id)).")
    }
}
