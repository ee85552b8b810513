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
        case .success(let loaded): return loaded
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
        error(language == .zh
              ? "共 \(problems.count) 处问题，未写出任何文件。改正后重新运行。"
              : "\(problems.count) problem(s); nothing was written. Fix them and run again.")
    }
}
