import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// A scenario folder read whole: the scenario, or every problem.
public enum ScenarioFolder {
    /// Reads the folder; its warnings go to `notice` and the call goes on.
    public static func load(_ folder: String, _ language: Language, notice: Notice) throws -> LoadedScenario {
        switch ScenarioReader.read(folder: URL(fileURLWithPath: folder)) {
        case .success(let loaded):
            for w in loaded.warnings { notice(w.message(language)) }
            return loaded
        case .failure(let all):
            throw OfficeError(problems: all.problems)
        }
    }
}

/// The office's store as the shells reach it: a file, the language of its
/// messages and who is acting (for the change log).
public struct OfficeStore: Sendable {
    public var path: String
    public var language: Language
    public var who: String

    public init(path: String = PlanStore.defaultLocation, language: Language = .zh, who: String = "office") {
        self.path = path; self.language = language; self.who = who
    }

    /// A database server's (postgres://…) rather than a file.
    public var isServer: Bool { path.hasPrefix("postgres://") || path.hasPrefix("postgresql://") }

    /// The store for messages: the path, or the URL with any password hidden.
    public var name: String { PlanStore.displayName(path) }

    public func open() throws -> PlanStore {
        do { return try PlanStore(path: path) } catch let e as StoreError {
            throw OfficeError(e.message(language))
        } catch {
            throw OfficeError(language == .zh ? "无法打开数据库 \(name)：\(error)" : "cannot open the store \(name): \(error)")
        }
    }

    /// Takes the store's planning lease — one planner at a time — and reads
    /// what to plan from; a lease another run left behind is taken over and
    /// said to `notice`. The lease goes back with the saved version, or with
    /// `store.endPlanning()`.
    public func beginPlanning(_ store: PlanStore, notice: Notice) throws -> PlanningSnapshot {
        let snapshot = try attempt { try store.beginPlanning(by: who) }
        if let gone = snapshot.tookOver {
            let at = ISO8601DateFormatter().string(from: gone.startedAt)
            notice(language == .zh ? "注意：\(gone.who) 开始于 \(at) 的排课（进程 \(gone.processID)）已中断，未保存任何版本；本次接管。"
                                   : "note: the planning run \(gone.who) started at \(at) (process \(gone.processID)) was interrupted and saved nothing; taking over.")
        }
        return snapshot
    }

    /// Runs a store call, turning its errors into a located message.
    public func attempt<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as StoreError {
            throw OfficeError(e.message(language))
        }
    }

    /// The current scenario, or a message saying to import one.
    public func scenario(_ store: PlanStore) throws -> (ScenarioIndex, ScenarioID) {
        let mark = try attempt { try store.changeMark() }
        return try OfficeCache.shared.index("\(store.path)|\(mark)") { try loadScenario(store) }
    }

    private func loadScenario(_ store: PlanStore) throws -> (ScenarioIndex, ScenarioID) {
        guard let id = try store.currentScenarioID(), let s = try store.scenario(id) else {
            throw OfficeError(language == .zh ? "数据库 \(name) 里还没有场景：先运行 xiangxing import 场景文件夹" : "the store \(name) holds no scenario yet: run xiangxing import SCENARIO first")
        }
        return (ScenarioIndex(s), id)
    }

    /// A stored version (the latest for nil), or a message listing the ones there are.
    public func version(_ store: PlanStore, _ n: Int?) throws -> StoredVersion {
        let mark = try attempt { try store.changeMark() }
        return try OfficeCache.shared.version("\(store.path)|\(mark)|v\(n.map(String.init) ?? "latest")") { try loadVersion(store, n) }
    }

    private func loadVersion(_ store: PlanStore, _ n: Int?) throws -> StoredVersion {
        let found = try n.map { try store.version($0) } ?? store.latestVersion()
        guard let v = found else {
            let have = try store.versions().map { String($0.number) }.joined(separator: ", ")
            throw OfficeError(language == .zh ? "没有第 \(n.map(String.init) ?? "?") 版计划（现有：\(have.isEmpty ? "无，先运行 xiangxing plan" : have)）"
                                              : "no plan version \(n.map(String.init) ?? "?") (there are: \(have.isEmpty ? "none; run xiangxing plan" : have))")
        }
        return v
    }

    /// The store when it exists: a command that reads folders or the store
    /// and was given no folders says so rather than make an empty store.
    public func openExisting() throws -> PlanStore {
        guard isServer || FileManager.default.fileExists(atPath: path) else {
            throw OfficeError(language == .zh ? "没有给出场景和计划文件夹，也没有数据库 \(path)：请给出两个文件夹，或先 xiangxing import 并 plan"
                                              : "no SCENARIO and PLAN folders given, and no store \(path): give both folders, or xiangxing import and plan first")
        }
        return try open()
    }
}

/// Where a printing command or page reads from: SCENARIO and PLAN folders,
/// or the store's current scenario and its latest (or a numbered) version.
public enum PlanSourceChoice: Sendable {
    case folders(scenario: String, plan: String)
    case store(OfficeStore, version: Int?)

    /// What must never be replaced by an output folder of this read.
    public var protectedPaths: [String] {
        switch self {
        case .folders(let s, let p): [s, p]
        case .store(let store, _): [store.path]
        }
    }
}

/// The scenario, the plan, and when the plan was made (plan.csv's time, or
/// the version's): calendars use it as the revision time.
public struct ScenarioAndPlan: Sendable {
    public var scenario: Scenario
    public var plan: Plan
    public var revised: Date
}

public enum PlanSourceReader {
    public static func load(_ source: PlanSourceChoice, _ language: Language, notice: Notice) throws -> ScenarioAndPlan {
        switch source {
        case .folders(let scenario, let plan):
            let loaded = try ScenarioFolder.load(scenario, language, notice: notice)
            let (p, _) = try take(PlanFolder.read(URL(fileURLWithPath: plan)))
            let file = URL(fileURLWithPath: plan).appendingPathComponent("plan.csv").path
            let made = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? Date()
            return ScenarioAndPlan(scenario: loaded.scenario, plan: p, revised: made)
        case .store(let office, let version):
            let store = try office.openExisting()
            let (index, _) = try office.scenario(store)
            let v = try office.version(store, version)
            return ScenarioAndPlan(scenario: index.scenario, plan: v.plan, revised: v.info.createdAt)
        }
    }
}

/// Counties, kinds, trainers and venues as a person names them — code, id
/// or name — resolved by `NameLookup`; a name that fits nothing (or more
/// than one) is an error naming the option and what to type. A county
/// written without 县/区/市 is said back in full to `notice`, so the clerk
/// sees what was taken.
public enum OfficeNames {
    public static func county(_ text: String, option: String = "--county", in index: ScenarioIndex, _ lang: Language, notice: Notice) throws -> County {
        try take(NameLookup.county(text, in: index), option: option, typed: text, lang, notice)
    }

    public static func kind(_ text: String, option: String = "--kind", in index: ScenarioIndex, _ lang: Language, notice: Notice) throws -> Kind {
        try take(NameLookup.kind(text, in: index), option: option, typed: text, lang, notice)
    }

    public static func trainer(_ text: String, option: String = "--trainer", in index: ScenarioIndex, _ lang: Language, notice: Notice) throws -> Trainer {
        try take(NameLookup.trainer(text, in: index), option: option, typed: text, lang, notice)
    }

    public static func venue(_ text: String, option: String = "--venue", in index: ScenarioIndex, _ lang: Language, notice: Notice) throws -> Venue {
        try take(NameLookup.venue(text, in: index), option: option, typed: text, lang, notice)
    }

    private static func take<T>(_ result: Result<NameLookup.Match<T>, NameLookup.Failure>, option: String, typed: String,
                                _ lang: Language, _ notice: Notice) throws -> T {
        switch result {
        case .success(let match):
            if match.via == .shortName {
                notice(lang == .zh ? "\(option) \(typed)：按\(match.entry.name)（\(match.entry.code)）处理。"
                                   : "\(option) \(typed): taken as \(match.entry.name) (\(match.entry.code)).")
            }
            return match.value
        case .failure(let failure):
            throw OfficeError(failure.message(option: option, lang))
        }
    }
}
