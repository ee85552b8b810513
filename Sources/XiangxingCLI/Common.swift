import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice

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
        // Warnings go to stderr and the command goes on.
        try Terminal.run(lang) { try ScenarioFolder.load(folder, lang, notice: $0) }
    }
}

enum Terminal {
    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    static func reportProblems(_ problems: [InputProblem], language: Language) {
        for line in OfficeError(problems: problems).messages(language) { error(line) }
    }

    /// One call into XiangxingOffice: its notices go to stderr as they come;
    /// an `OfficeError` is printed there and ends the command with its exit status.
    static func run<T>(_ language: Language, _ body: (Notice) throws -> T) throws -> T {
        do { return try body { error($0) } } catch let e as OfficeError {
            for line in e.messages(language) { error(line) }
            throw ExitCode(e.exitCode)
        }
    }
}

/// Counties, kinds, trainers and venues as the command line names them —
/// code, id or name — resolved by `NameLookup`; a name that fits nothing (or
/// more than one) prints a message naming the option and what to type, and
/// exits 1 like any bad input. A county written without 县/区/市 is said back
/// in full, so the clerk sees what was taken.
enum Named {
    static func county(_ text: String, option: String = "--county", in index: ScenarioIndex, _ lang: Language) throws -> County {
        try Terminal.run(lang) { try OfficeNames.county(text, option: option, in: index, lang, notice: $0) }
    }

    static func kind(_ text: String, option: String = "--kind", in index: ScenarioIndex, _ lang: Language) throws -> Kind {
        try Terminal.run(lang) { try OfficeNames.kind(text, option: option, in: index, lang, notice: $0) }
    }

    static func trainer(_ text: String, option: String = "--trainer", in index: ScenarioIndex, _ lang: Language) throws -> Trainer {
        try Terminal.run(lang) { try OfficeNames.trainer(text, option: option, in: index, lang, notice: $0) }
    }

    static func venue(_ text: String, option: String = "--venue", in index: ScenarioIndex, _ lang: Language) throws -> Venue {
        try Terminal.run(lang) { try OfficeNames.venue(text, option: option, in: index, lang, notice: $0) }
    }
}
