import Foundation
import Testing
import XiangxingCore

/// Runs the built binary with a chosen environment: XIANGXING_LANG and
/// COLUMNS taken from the caller, not from whoever runs the tests.
private func cli(_ arguments: String..., env: [String: String] = [:]) throws -> Run { try cli(arguments, env: env) }

private func cli(_ arguments: [String], env: [String: String] = [:]) throws -> Run {
    guard let binary = Binary.url else { throw BinaryMissing() }
    let tmp = try TemporaryFolder()
    let out = tmp.url.appendingPathComponent("stdout"), err = tmp.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    var environment = ProcessInfo.processInfo.environment
    environment["XIANGXING_LANG"] = nil
    environment["COLUMNS"] = "80"
    for (k, v) in env { environment[k] = v }
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    p.environment = environment
    p.currentDirectoryURL = packageRoot()
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    p.waitUntilExit()
    return Run(status: p.terminationStatus,
               stdout: try String(contentsOf: out, encoding: .utf8),
               stderr: try String(contentsOf: err, encoding: .utf8))
}

/// Columns a line takes in a terminal: two for a Han character or full-width mark.
private func columns(_ line: String) -> Int {
    line.unicodeScalars.reduce(0) { w, s in
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6: w + 2
        default: w + 1
        }
    }
}

/// Help pages and ArgumentParser's own messages in the clerk's language.
@Suite("The command line speaks Chinese by default")
struct HelpLanguageTests {
    @Test func helpForPlanIsChineseAndEnglishWithLangEn() throws {
        // Wide enough that no line is wrapped: the words are looked for whole.
        let zh = try cli("help", "plan", env: ["COLUMNS": "1000"])
        #expect(zh.status == 0)
        for words in ["概述：编排全年的培训班", "用法：xiangxing plan", "参数：", "选项：", "--out <out>", "写出计划的文件夹（整体替换）。",
                      "（可选：optimise、first-fit；默认：optimise）", "显示本帮助。", "示例："] {
            #expect(zh.stdout.contains(words), "\(words)")
        }
        for english in ["OVERVIEW:", "USAGE:", "OPTIONS:", "Show help information.", "(default:", "Examples:"] {
            #expect(!zh.stdout.contains(english), "\(english)")
        }

        let en = try cli("help", "plan", "--lang", "en", env: ["COLUMNS": "1000"])
        #expect(en.status == 0, "\(en.stderr)")
        for words in ["OVERVIEW: Plan a year of classes", "USAGE: xiangxing plan", "OPTIONS:", "Folder to write the plan into",
                      "Show help information.", "(values: optimise, first-fit; default: optimise)"] {
            #expect(en.stdout.contains(words), "\(words)")
        }
        #expect(!en.stdout.contains("选项："))
        #expect(try cli("plan", "--help", env: ["XIANGXING_LANG": "en"]).stdout.contains("USAGE: xiangxing plan"))
    }

    @Test func langMayStandBeforeTheCommandAndTheEnvironmentSetsTheDefault() throws {
        let before = try cli("--lang", "en", "validate", "/nonexistent/南阳")
        #expect(before.status == 1)
        #expect(before.stderrLines.first == "/nonexistent/南阳: the scenario folder does not exist — give the path of a folder holding scenario.csv")
        let env = try cli("validate", "/nonexistent/南阳", env: ["XIANGXING_LANG": "en"])
        #expect(env.stderrLines.first == before.stderrLines.first)
        #expect(try cli("validate", "/nonexistent/南阳").stderrLines.first?.contains("场景文件夹不存在") == true)
    }

    @Test func theListOfCommandsIsChinese() throws {
        let run = try cli()
        #expect(run.status == 0)
        #expect(run.stdout.contains("子命令："))
        #expect(run.stdout.contains("运行 xiangxing help <子命令> 查看各子命令的详细说明。"))
        #expect(run.stdout.contains("登记讲师某几天不能授课"))
    }

    @Test func aMissingOutIsAChineseErrorWithArgumentParsersExitCode() throws {
        let run = try cli("plan", demoScenario().path)
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "错误：缺少必需的选项 --out <out>。")
        #expect(run.stderrLines.contains { $0.hasPrefix("说明：--out <out>") && $0.hasSuffix("写出计划的文件夹（整体替换）。") })
        #expect(run.stderrLines.contains { $0.hasPrefix("用法：xiangxing plan ") })
        #expect(run.stderrLines.last == "  运行 xiangxing plan --help 查看详细说明。")
        #expect(!run.stderr.contains("Error") && !run.stderr.contains("Missing"))

        let en = try cli("plan", demoScenario().path, "--lang", "en")
        #expect(en.status == 64)
        #expect(en.stderrLines.first == "Error: Missing expected argument '--out <out>'")
    }

    @Test func aMistypedOptionAsksWhetherTheClerkMeantTheRealOne() throws {
        // ArgumentParser itself would report the missing --out first.
        let run = try cli("plan", demoScenario().path, "--ot", "x")
        #expect(run.status == 64)
        #expect(run.stderrLines.first == "错误：未知选项 --ot。您是否要输入 --out？")
        let en = try cli("plan", demoScenario().path, "--ot", "x", "--lang", "en")
        #expect(en.stderrLines.first == "Error: Unknown option '--ot'. Did you mean '--out'?")
        // A beginning is enough when only one option starts with it (ArgumentParser guessed --db).
        let short = try cli("plan", demoScenario().path, "--tim", "3", "--out", "x")
        #expect(short.stderrLines.first == "错误：未知选项 --tim。您是否要输入 --time-limit？")
    }

    @Test func aMistypedValueOrCommandAsksToo() throws {
        let value = try cli("plan", demoScenario().path, "--out", "x", "--strategy", "first-fir")
        #expect(value.status == 64)
        #expect(value.stderrLines.first?.hasPrefix("错误：“first-fir”不是 --strategy <strategy> 的有效取值。可选：optimise、") == true)
        #expect(value.stderr.contains("您是否要输入 first-fit？"))

        let number = try cli("plan", demoScenario().path, "--out", "x", "--seed", "七")
        #expect(number.stderrLines.first == "错误：“七”不是 --seed <seed> 的有效取值。")

        let command = try cli("plna")
        #expect(command.status == 64)
        #expect(command.stderrLines.first == "错误：未知命令“plna”。您是否要输入 plan？")
    }

    /// Every example line of a command's help (the indented command lines
    /// above the usage), as the unwrapped help shows them.
    private func examples(_ command: String, _ lang: [String]) throws -> [String] {
        let wide = try cli(["help", command] + lang, env: ["COLUMNS": "1000"])
        let overview = wide.stdoutLines.prefix { !$0.hasPrefix("用法：") && !$0.hasPrefix("USAGE: ") }
        return overview.filter { $0.hasPrefix("  ") && $0.split(separator: " ").contains { $0 == "xiangxing" || $0.hasSuffix("/xiangxing") } }
    }

    @Test(arguments: ["plan", "roster", "itinerary", "toursheet", "add-demand", "unavailable", "pin", "bench", "diff", "replan"])
    func withSixtyColumnsNoExampleLineIsSplit(_ command: String) throws {
        for lang in [[], ["--lang", "en"]] {
            let lines = try examples(command, lang)
            #expect(!lines.isEmpty, "\(command) \(lang) has no example")
            let narrow = try cli(["help", command] + lang, env: ["COLUMNS": "60"])
            #expect(narrow.status == 0)
            for example in lines {
                #expect(narrow.stdoutLines.contains(example), "\(command) \(lang): split example \(example)")
            }
            // Everything else fits in 60 columns, unless it is one word longer than that.
            for line in narrow.stdoutLines where !lines.contains(line) && columns(line) > 60 {
                #expect(!line.trimmingCharacters(in: .whitespaces).contains(" "), "\(command) \(lang): too wide: \(line)")
            }
        }
    }
}

/// Every command that takes a county, kind, trainer or venue takes its code
/// or its name, on the demo scenario in a store.
@Suite("Names or codes", .serialized)
struct NamedArgumentTests {
    /// A store holding the demo scenario, and a resident enrolled for 创业意识培训 there.
    private func withDemoStore(_ body: (_ db: String, _ person: String) throws -> Void) throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let imported = try cli("import", demoScenario().path, "--db", db)
        #expect(imported.status == 0, "\(imported.stderr)")
        let attendees = try String(contentsOf: demoScenario().appendingPathComponent("attendees.csv"), encoding: .utf8)
        let row = try #require(attendees.split(whereSeparator: \.isNewline).dropFirst().first { $0.split(separator: ",")[6] == "awareness" })
        try body(db, String(row.split(separator: ",")[0]))
    }

    @Test func withdrawTakesTheKindsName() throws {
        try withDemoStore { db, person in
            let run = try cli("withdraw", "--id-number", person, "--kind", "创业意识培训", "--db", db)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.hasPrefix("已记录："))
        }
    }

    @Test func unavailableTakesTheTrainersName() throws {
        try withDemoStore { db, _ in
            let run = try cli("unavailable", "--trainer", "解红伟", "--from", "2019-09-10", "--to", "2019-09-11", "--db", db)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("解红伟（T009）"))

            let typo = try cli("unavailable", "--trainer", "谢红伟", "--from", "2019-09-10", "--to", "2019-09-11", "--db", db)
            #expect(typo.status == 1)
            #expect(typo.stderr.hasPrefix("--trainer: 未知讲师“谢红伟” — 您是否要输入 解红伟（T009，宛城区）"))
        }
    }

    @Test func aCountyWithoutItsSuffixIsTakenAndSaidInFullAndANearMissIsSuggested() throws {
        try withDemoStore { db, _ in
            let taken = try cli("add-demand", "--id", "D900", "--county", "唐河", "--kind", "创业意识培训", "--classes", "1",
                                      "--earliest", "2019-10-08", "--latest", "2019-11-29", "--db", db)
            #expect(taken.status == 0, "\(taken.stderr)")
            #expect(taken.stderr.contains("--county 唐河：按唐河县（411328）处理。"))
            #expect(taken.stdout.contains("411328 awareness"))

            let typo = try cli("add-demand", "--id", "D901", "--county", "唐和县", "--kind", "awareness", "--classes", "1",
                                     "--earliest", "2019-10-08", "--latest", "2019-11-29", "--db", db)
            #expect(typo.status == 1)
            #expect(typo.stderr.contains("您是否要输入 唐河县（411328）？"))
            #expect(typo.stdout.isEmpty)

            let english = try cli("add-demand", "--id", "D901", "--county", "唐和县", "--kind", "awareness", "--classes", "1",
                                        "--earliest", "2019-10-08", "--latest", "2019-11-29", "--db", db, "--lang", "en")
            #expect(english.stderr.hasPrefix("--county: unknown county \"唐和县\" — did you mean 唐河县 (411328)?"))
        }
    }

    @Test func rosterAndItineraryTakeShortAndFullNames() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let roster = try cli("roster", f.scenario.path, f.plan.path, "--county", "唐河", "--out", tmp.url.path)
        #expect(roster.status == 0, "\(roster.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("签到表-唐河县.pdf").path))

        let near = try cli("roster", f.scenario.path, f.plan.path, "--county", "堂河", "--out", tmp.url.path)
        #expect(near.status == 1)
        #expect(near.stderr.contains("您是否要输入 唐河县（411328）？"))

        let itinerary = try cli("itinerary", f.scenario.path, f.plan.path, "--trainer", "解红伟", "--format", "txt",
                                      "--out", tmp.url.appendingPathComponent("行程").path)
        #expect(itinerary.status == 0, "\(itinerary.stderr)")
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("行程/T009-解红伟.txt").path))
    }
}
