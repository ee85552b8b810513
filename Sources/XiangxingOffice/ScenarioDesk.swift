import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// A scenario folder read as `validate` and `import` read it: the scenario,
/// its programme (scenario.csv's targets, targets.csv adding up to them)
/// and its milestones.csv. Problems of any file stop it with `OfficeError`;
/// warnings go to `notice`.
public enum ScenarioDesk {
    public struct Read: Sendable {
        public var loaded: LoadedScenario
        public var programme: ScenarioProgramme
        /// nil when the folder has no milestones.csv.
        public var milestones: [Milestone]?
    }

    public static func read(_ folder: String, _ language: Language, notice: Notice) throws -> Read {
        let loaded = try ScenarioFolder.load(folder, language, notice: notice)
        let programme = try programme(loaded)
        return Read(loaded: loaded, programme: programme, milestones: try milestones(loaded, language, notice: notice))
    }

    /// scenario.csv's programme keys and targets.csv, which must add up to its totals.
    public static func programme(_ loaded: LoadedScenario) throws -> ScenarioProgramme {
        let settings = try take(ProgrammeReading.settings(folder: loaded.folder))
        let targets = try take(ProgrammeReading.targets(folder: loaded.folder, scenario: loaded.scenario, settings: settings))
        return ScenarioProgramme(settings: settings, targets: targets)
    }

    /// milestones.csv, nil when there is none; its warnings to `notice`.
    public static func milestones(_ loaded: LoadedScenario, _ language: Language, notice: Notice) throws -> [Milestone]? {
        guard let read = try take(MilestonesReading.read(folder: loaded.folder, holidays: loaded.scenario.holidays)) else { return nil }
        for w in read.warnings { notice(w.message(language)) }
        return read.milestones
    }

    public struct Imported: Sendable {
        public var read: Read
        public var scenario: ScenarioID
    }

    /// Reads the folder whole, then makes it the store's current scenario
    /// (with its programme and milestones); nothing is stored on any problem.
    public static func importFolder(_ folder: String, into office: OfficeStore, notice: Notice) throws -> Imported {
        let lang = office.language
        let loaded = try ScenarioFolder.load(folder, lang, notice: notice)
        let programme: ScenarioProgramme
        do { programme = try Self.programme(loaded) } catch let e as OfficeError where !e.problems.isEmpty {
            let n = e.problems.filter { !$0.isWarning }.count
            throw OfficeError(lines: e.problems.map { $0.message(lang) } + [
                lang == .zh ? "共 \(n) 处问题，未导入，数据库未做改动。改正后重新运行。"
                            : "\(n) problem(s): nothing imported, the store is unchanged. Correct them and run again."])
        }
        let read = Read(loaded: loaded, programme: programme, milestones: try milestones(loaded, lang, notice: notice))
        let store = try office.open()
        let id = try office.attempt { try store.importScenario(read.loaded, programme: read.programme, source: folder, by: office.who) }
        try office.attempt { try store.saveMilestones(read.milestones ?? [], scenario: id) }
        return Imported(read: read, scenario: id)
    }

}
