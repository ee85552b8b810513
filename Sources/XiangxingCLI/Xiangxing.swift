import ArgumentParser
import Foundation

@main
struct Xiangxing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xiangxing",
        abstract: L("乡行 — 南阳市返乡创业培训与创业讲师乡村行的排课工具。",
                    "乡行 — plans Nanyang's return-home entrepreneurship training and mentoring tours."),
        discussion: L("""
            帮助与提示默认用中文；加 --lang en（或设环境变量 XIANGXING_LANG=en）改为英文。\
            县区、课程类别、讲师和场地既可写代码或编号，也可写名称（如 唐河县、创业意识培训、解红伟）。

            示例：
              xiangxing validate scenarios/nanyang-2019
              xiangxing plan scenarios/nanyang-2019 --out plan-out
              xiangxing help plan
            """, """
            Help and messages are in Chinese unless --lang en is given (or XIANGXING_LANG=en is \
            set). Counties, kinds, trainers and venues may be given by code or id, or by name \
            (唐河县, 创业意识培训, 解红伟).

            Examples:
              xiangxing validate scenarios/nanyang-2019
              xiangxing plan scenarios/nanyang-2019 --out plan-out
              xiangxing help plan --lang en
            """),
        subcommands: [
            Validate.self, PlanCommand.self, Check.self,
            ImportCommand.self, Unavailable.self, TrainerCalendar.self, CloseVenue.self, AddDemand.self, RemoveDemand.self,
            AddAttendees.self, Withdraw.self, Pin.self, Unpin.self, ReplanCommand.self, Diff.self, Export.self, Explain.self, Status.self, PurgeCommand.self,
            RosterCommand.self, ItineraryCommand.self, TourSheetCommand.self, Generate.self, Bench.self,
            TargetsCommand.self,
            ReportCommand.self,
            ServeCommand.self,
            UserCommand.self,
            StoreCommand.self, BackupCommand.self, RestoreCommand.self,
            AttendanceCommand.self,
            MilestonesCommand.self,
        ]
    )

    /// ArgumentParser's `main()`, with its own words (help headings, parse
    /// errors, usage) in the run's language and help wrapped by ParserText.
    /// Exit codes are ArgumentParser's: 0 for help, 64 for a bad command line,
    /// and whatever a command throws.
    static func main() {
        let arguments = argumentsForParsing(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            exit(localising: error)
        }
    }

    private static func exit(localising error: any Error) -> Never {
        let code = exitCode(for: error)
        let english = fullMessage(for: error, columns: ParserText.unwrapped)
        if !english.isEmpty {
            let width = ParserText.terminalWidth
            if code == .success {
                print(ParserText.help(english, language: runLanguage, width: width))
            } else {
                let text = ParserText.error(english, language: runLanguage, width: width,
                                            subcommands: configuration.subcommands.map { $0._commandName },
                                            arguments: argumentsForParsing(Array(CommandLine.arguments.dropFirst())))
                FileHandle.standardError.write(Data((text + "\n").utf8))
            }
        }
        Foundation.exit(code.rawValue)
    }

    /// `--lang` is read before parsing (`runLanguage`) and may stand anywhere:
    /// it is taken out, and given back after the command's name to a command
    /// that has a --lang option, so `xiangxing --lang en plan …` and
    /// `xiangxing help plan --lang en` both work. `XIANGXING_LANG=en` becomes
    /// `--lang en` for such a command when none was given.
    static func argumentsForParsing(_ arguments: [String]) -> [String] {
        var kept: [String] = [], given: String?
        var i = arguments.startIndex
        while i < arguments.endIndex {
            let a = arguments[i]
            if a == "--" { kept.append(contentsOf: arguments[i...]); break }
            if a == "--lang", i + 1 < arguments.endIndex { given = arguments[i + 1]; i += 2; continue }
            if a.hasPrefix("--lang=") { given = String(a.dropFirst("--lang=".count)); i += 1; continue }
            kept.append(a)
            i += 1
        }
        let name = kept.first.flatMap { $0.hasPrefix("-") ? nil : $0 }
        let command = name.flatMap { n in configuration.subcommands.first { $0._commandName == n } }
        guard let command, command.helpMessage(columns: ParserText.unwrapped).contains("--lang <lang>"),
              let lang = given ?? environmentLanguage?.rawValue else { return kept }
        let end = kept.firstIndex(of: "--") ?? kept.endIndex
        kept.insert(contentsOf: ["--lang", lang], at: end)
        return kept
    }
}
