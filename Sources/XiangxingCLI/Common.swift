import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO

extension Language: ExpressibleByArgument {}

/// Options every command that reads a scenario shares.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: L("场景文件夹（内有 scenario.csv，格式见 SCENARIO.md）。", "The scenario folder (holds scenario.csv; see SCENARIO.md)."))
    var scenario: String

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    /// Reads the scenario or prints every problem and exits 1.
    func load() throws -> LoadedScenario { try Self.load(scenario, lang) }

    static func load(_ folder: String, _ lang: Language) throws -> LoadedScenario {
        switch ScenarioReader.read(folder: URL(fileURLWithPath: folder)) {
        case .success(let loaded):
            // Warnings go to stderr and the command goes on.
            for w in loaded.warnings { Terminal.error(w.message(lang)) }
            return loaded
        case .failure(let all):
            Terminal.reportProblems(all.problems, language: lang)
            throw ExitCode(1)
        }
    }
}

enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func reportProblems(_ problems: [InputProblem], language: Language) {
        for p in problems { error(p.message(language)) }
        let errors = problems.filter { !$0.isWarning }.count, warnings = problems.count - errors
        let also = warnings == 0 ? "" : (language == .zh ? "（另有 \(warnings) 条警告）" : " (and \(warnings) warning(s))")
        error(language == .zh
              ? "共 \(errors) 处问题\(also)，未写出任何文件。改正后重新运行。"
              : "\(errors) problem(s)\(also); nothing was written. Fix them and run again.")
    }
}

/// Counties, kinds, trainers and venues as the command line names them —
/// code, id or name — resolved by `NameLookup`; a name that fits nothing (or
/// more than one) prints a message naming the option and what to type, and
/// exits 1 like any bad input. A county written without 县/区/市 is said back
/// in full, so the clerk sees what was taken.
enum Named {
    static func county(_ text: String, option: String = "--county", in index: ScenarioIndex, _ lang: Language) throws -> County {
        try take(NameLookup.county(text, in: index), option: option, typed: text, lang)
    }

    static func kind(_ text: String, option: String = "--kind", in index: ScenarioIndex, _ lang: Language) throws -> Kind {
        try take(NameLookup.kind(text, in: index), option: option, typed: text, lang)
    }

    static func trainer(_ text: String, option: String = "--trainer", in index: ScenarioIndex, _ lang: Language) throws -> Trainer {
        try take(NameLookup.trainer(text, in: index), option: option, typed: text, lang)
    }

    static func venue(_ text: String, option: String = "--venue", in index: ScenarioIndex, _ lang: Language) throws -> Venue {
        try take(NameLookup.venue(text, in: index), option: option, typed: text, lang)
    }

    private static func take<T>(_ result: Result<NameLookup.Match<T>, NameLookup.Failure>, option: String, typed: String,
                                _ lang: Language) throws -> T {
        switch result {
        case .success(let match):
            if match.via == .shortName {
                Terminal.error(lang == .zh ? "\(option) \(typed)：按\(match.entry.name)（\(match.entry.code)）处理。"
                                           : "\(option) \(typed): taken as \(match.entry.name) (\(match.entry.code)).")
            }
            return match.value
        case .failure(let failure):
            Terminal.error(failure.message(option: option, lang))
            throw ExitCode(1)
        }
    }
}
