import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO

extension Language: ExpressibleByArgument {}

/// Options every command that reads a scenario shares.
struct ScenarioOptions: ParsableArguments {
    @Argument(help: "The scenario folder (holds scenario.csv; see SCENARIO.md).")
    var scenario: String

    @Option(help: "Language of messages: zh (default) or en.")
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
