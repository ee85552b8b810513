import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingStore

/// Options of every command that works on the office's store.
struct StoreOptions: ParsableArguments {
    @Option(name: .customLong("db"), help: L("数据库：SQLite 文件，或 postgres://用户@主机:端口/库名?city=城市（默认：环境变量 XIANGXING_DB，再无则 xiangxing.sqlite）。", "The store: a SQLite file, or postgres://USER@HOST:PORT/DB?city=NAME (default: $XIANGXING_DB, else xiangxing.sqlite)."))
    var dbOption: String?
    /// The store named by --db, else $XIANGXING_DB, else xiangxing.sqlite (never shown in help: it may hold a password).
    var db: String {
        get { dbOption ?? PlanStore.defaultLocation }
        set { dbOption = newValue }
    }

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    /// Who is acting, for the change log: $USER, else "office".
    var who: String { ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "office" }

    /// The store as XiangxingOffice reaches it.
    var office: OfficeStore { OfficeStore(path: db, language: lang, who: who) }

    func open() throws -> PlanStore { try Terminal.run(lang) { _ in try office.open() } }

    /// Takes the store's planning lease — one planner at a time — and reads
    /// what to plan from; says who is planning and exits 1 when another
    /// process is. The lease goes back with the saved version, or with
    /// `store.endPlanning()`.
    func beginPlanning(_ store: PlanStore) throws -> PlanningSnapshot {
        try Terminal.run(lang) { try office.beginPlanning(store, notice: $0) }
    }

    /// Runs a store call, turning its errors into a located message and exit 1.
    func attempt<T>(_ body: () throws -> T) throws -> T {
        try Terminal.run(lang) { _ in try office.attempt(body) }
    }

    /// The current scenario, or a message saying to import one.
    func scenario(_ store: PlanStore) throws -> (ScenarioIndex, ScenarioID) {
        try Terminal.run(lang) { _ in try office.scenario(store) }
    }

    /// A stored version, or a message listing the ones there are.
    func version(_ store: PlanStore, _ n: Int?) throws -> StoredVersion {
        try Terminal.run(lang) { _ in try office.version(store, n) }
    }
}

/// SCENARIO and PLAN folders, or — with both left out — the store's current
/// scenario and its latest (or `--version N`) plan: what the printing
/// commands read.
struct PlanSource: ParsableArguments {
    @Argument(help: L("场景文件夹（场景和计划文件夹都不给时，使用数据库）。", "The scenario folder (leave out both folders to use the store)."))
    var scenario: String?

    @Argument(help: L("xiangxing plan 写出的计划文件夹（两个文件夹都不给时，使用数据库中的最新版本）。", "The plan folder written by `xiangxing plan` (leave out both to use the store's latest version)."))
    var plan: String?

    @Option(name: .customLong("db"), help: L("不给文件夹时使用的数据库：SQLite 文件或 postgres://…?city=城市（默认：XIANGXING_DB，再无则 xiangxing.sqlite）。", "The store, when no folders are given: a SQLite file or postgres://…?city=NAME (default: $XIANGXING_DB, else xiangxing.sqlite)."))
    var dbOption: String?
    /// The store named by --db, else $XIANGXING_DB, else xiangxing.sqlite (never shown in help: it may hold a password).
    var db: String {
        get { dbOption ?? PlanStore.defaultLocation }
        set { dbOption = newValue }
    }

    @Option(help: L("数据库中的计划版本号（默认：最新版本）。", "Plan version in the store (default: the latest)."))
    var version: Int?

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    /// What an output folder of a printing command must never replace:
    /// the scenario, the plan folder read, the store.
    var protectedPaths: [String] { [scenario, plan].compactMap { $0 } + [db] }

    func validate() throws {
        if scenario != nil && plan == nil {
            throw ValidationError(lang == .zh ? "请同时给出场景文件夹和计划文件夹，或都不给（使用数据库）" : "give both SCENARIO and PLAN folders, or neither (to use the store)")
        }
    }

    /// Where to read from: both folders, or the store.
    var choice: PlanSourceChoice {
        if let scenario, let plan { return .folders(scenario: scenario, plan: plan) }
        return .store(OfficeStore(path: db, language: lang), version: version)
    }

    /// The scenario, the plan, and when the plan was made (plan.csv's time,
    /// or the version's): calendars use it as the revision time.
    func load() throws -> (scenario: Scenario, plan: Plan, revised: Date) {
        let read = try Terminal.run(lang) { try PlanSourceReader.load(choice, lang, notice: $0) }
        return (read.scenario, read.plan, read.revised)
    }
}
