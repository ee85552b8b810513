import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

extension ScenarioFolder {
    /// scenario.csv's programme keys (targets, completion share) and the
    /// folder's targets.csv, checked as `validate` checks them: what an
    /// import keeps with the scenario for reports. Any problem is an error
    /// listing them all (nothing is imported).
    public static func programme(_ loaded: LoadedScenario) throws -> ScenarioProgramme {
        let settings = try take(ProgrammeReading.settings(folder: loaded.folder))
        let targets = try take(ProgrammeReading.targets(folder: loaded.folder, scenario: loaded.scenario, settings: settings))
        return ScenarioProgramme(settings: settings, targets: targets)
    }
}
