import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// Options of every command that works on the office's store.
struct StoreOptions: ParsableArguments {
    @Option(help: L("数据库文件（SQLite；相对路径从当前文件夹算起）。", "The store (SQLite file; a relative path starts in the working folder)."))
    var db: String = PlanStore.defaultFileName

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    /// Who is acting, for the change log: $USER, else "office".
    var who: String { ProcessInfo.processInfo.environment["USER"].flatMap { $0.isEmpty ? nil : $0 } ?? "office" }

    func open() throws -> PlanStore {
        do { return try PlanStore(path: db) } catch {
            Terminal.error(lang == .zh ? "无法打开数据库 \(db)：\(error)" : "cannot open the store \(db): \(error)")
            throw ExitCode(1)
        }
    }

    /// Takes the store's planning lease — one planner at a time — and reads
    /// what to plan from; says who is planning and exits 1 when another
    /// process is. The lease goes back with the saved version, or with
    /// `store.endPlanning()`.
    func beginPlanning(_ store: PlanStore) throws -> PlanningSnapshot {
        let snapshot = try attempt { try store.beginPlanning(by: who) }
        if let gone = snapshot.tookOver {
            let at = ISO8601DateFormatter().string(from: gone.startedAt)
            Terminal.error(lang == .zh ? "注意：\(gone.who) 开始于 \(at) 的排课（进程 \(gone.processID)）已中断，未保存任何版本；本次接管。"
                                       : "note: the planning run \(gone.who) started at \(at) (process \(gone.processID)) was interrupted and saved nothing; taking over.")
        }
        return snapshot
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
/// The order keeps the store and the folder together: the folder is checked
/// (and its staging folder made) before planning, filled before the version
/// is saved, and swapped in right after; a kill at any point leaves the
/// folder at a version the store holds (docs/guarantees.md).
enum StoredPlanning {
    static func run(store: PlanStore, options: StoreOptions, index: ScenarioIndex, scenario: ScenarioID, out: String,
                    planner: PlannerOptions, reason: String, parent: Int?, protecting: [String] = []) throws -> (PlanOutput, Int) {
        let folder = try OutputTarget.prepare(out, kind: .plan, protecting: protecting + [options.db], language: options.lang)
        let output = PlanOutput(index: index, options: planner, language: options.lang)
        try output.requireValid(index, options.lang)
        try output.fill(folder, language: options.lang)
        let n = try options.attempt {
            try store.saveVersion(plan: output.plan, summary: output.summary, scenario: scenario, author: options.who, reason: reason,
                                  parent: parent, extraFiles: output.extraFiles.map { StoredFile(name: $0.name, text: $0.text) })
        }
        FaultPoint.reach("saved")
        do { try folder.commit() } catch let p as OutputFolderProblem {
            Terminal.error((options.lang == .zh ? "错误：" : "error: ") + p.message.text(options.lang))
            Terminal.error(options.lang == .zh ? "第 \(n) 版已保存在 \(options.db) 中，但未能写出文件夹；可用 xiangxing export --version \(n) --out 另一个文件夹 写出。"
                                               : "Version \(n) is saved in \(options.db), but its folder was not written; write it with xiangxing export --version \(n) --out ANOTHER-FOLDER.")
            throw ExitCode(1)
        }
        return (output, n)
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

    @Option(help: L("不给文件夹时使用的数据库文件。", "The store, when no folders are given."))
    var db: String = PlanStore.defaultFileName

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

    /// The scenario, the plan, and when the plan was made (plan.csv's time,
    /// or the version's): calendars use it as the revision time.
    func load() throws -> (scenario: Scenario, plan: Plan, revised: Date) {
        if let scenario, let plan {
            let loaded = try ScenarioOptions.load(scenario, lang)
            switch PlanFolder.read(URL(fileURLWithPath: plan)) {
            case .success(let (p, _)):
                let file = URL(fileURLWithPath: plan).appendingPathComponent("plan.csv").path
                let made = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? Date()
                return (loaded.scenario, p, made)
            case .failure(let all):
                Terminal.reportProblems(all.problems, language: lang)
                throw ExitCode(1)
            }
        }
        var options = StoreOptions()
        options.db = db
        options.lang = lang
        guard FileManager.default.fileExists(atPath: db) else {
            Terminal.error(lang == .zh ? "没有给出场景和计划文件夹，也没有数据库 \(db)：请给出两个文件夹，或先 xiangxing import 并 plan"
                                       : "no SCENARIO and PLAN folders given, and no store \(db): give both folders, or xiangxing import and plan first")
            throw ExitCode(1)
        }
        let store = try options.open()
        let (index, _) = try options.scenario(store)
        let v = try options.version(store, version)
        return (index.scenario, v.plan, v.info.createdAt)
    }
}
