import ArgumentParser
import Foundation
#if canImport(Glibc)
import Glibc
#endif
import XiangxingCore
import XiangxingIO

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("在模拟场景上比较优化排课与逐项先排基线的效果。",
                    "Measure the planner against the first-fit baseline on generated scenarios."),
        discussion: L("""
            对每个预设和种子：生成场景，分别以独立进程运行优化排课和 --strategy first-fit 的\
            xiangxing plan，测量耗时和内存峰值（最大常驻内存），用 xiangxing check 检查每份计划，\
            列出培训班和乡村行的路程、其下界（见 plan --verbose）及比值，并输出 Markdown 表格。请使用 release 构建：

              swift build -c release && .build/release/xiangxing bench --presets nanyang,henan,national
            """, """
        For each preset and seed: generates the scenario, runs `xiangxing plan` with the \
        optimising planner and with --strategy first-fit as separate processes, measures wall \
        time and peak memory (maximum resident set size), checks every plan with `xiangxing \
        check`, puts the class and tour km beside their lower bounds (see `plan --verbose`) \
        with the ratios, and prints a Markdown table. Use a release build:

          swift build -c release && .build/release/xiangxing bench --presets nanyang,henan,national
        """))

    @Option(help: L("预设规模，用逗号分隔：nanyang、henan、national。", "Comma-separated presets: nanyang, henan, national."))
    var presets: String = "nanyang,henan"

    @Option(help: L("种子，用逗号分隔。", "Comma-separated seeds."))
    var seeds: String = "1"

    @Option(help: L("存放场景和计划的工作文件夹（默认：新建临时文件夹）。", "Working folder for scenarios and plans (default: a new temporary folder)."))
    var work: String?

    @Option(help: L("每次排课的时间上限，单位：秒。", "Time limit passed to each plan run, in seconds."))
    var timeLimit: Double = 120

    @Option(help: L("排课方法，用逗号分隔：first-fit、optimise。", "Comma-separated strategies: first-fit, optimise."))
    var strategies: String = "first-fit,optimise"

    @Option(help: L("用于排课的另一个 xiangxing 程序（比较两个版本时用；默认为本程序）。",
                    "Another xiangxing binary to plan with (to compare two builds; default: this one)."))
    var planner: String?

    func run() throws {
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().path
        let planExe = planner ?? exe
        let base = URL(fileURLWithPath: work ?? NSTemporaryDirectory() + "xiangxing-bench-\(getpid())")
        try FileManager.default.createDirectory(at: base, withIntermediateDirectories: true)
        print("| preset | seed | strategy | classes+stops | unscheduled | travel km | class km | class bound | class ratio | tour km | tour bound | tour ratio | total ratio | plan s | wall s | peak MiB | check |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for preset in presets.split(separator: ",").map(String.init) {
            for seed in seeds.split(separator: ",").map(String.init) {
                let scenario = base.appendingPathComponent("\(preset)-\(seed)")
                if !FileManager.default.fileExists(atPath: scenario.appendingPathComponent("scenario.csv").path) {
                    let g = try Child.run(exe, ["generate", "--preset", preset, "--seed", seed, "--out", scenario.path, "--force"])
                    guard g.status == 0 else { throw ValidationError("generate \(preset) \(seed) failed") }
                }
                guard case .success(let read) = ScenarioReader.read(folder: scenario) else {
                    throw ValidationError("\(scenario.path): the generated scenario does not read")
                }
                let index = ScenarioIndex(read.scenario)
                for strategy in strategies.split(separator: ",").map(String.init) {
                    let out = base.appendingPathComponent("\(preset)-\(seed)-\(strategy)")
                    let r = try Child.run(planExe, ["plan", scenario.path, "--out", out.path, "--seed", seed,
                                                "--strategy", strategy, "--time-limit", String(timeLimit)])
                    let c = try Child.run(exe, ["check", scenario.path, out.path])
                    guard case .success(let (plan, summary?)) = PlanFolder.read(out) else {
                        print("| \(preset) | \(seed) | \(strategy) | plan failed (exit \(r.status)) |"); continue
                    }
                    let b = KmBounds.of(plan.sessions, in: index)
                    func ratio(_ x: Double?) -> String { x.map { String(format: "%.3f", $0) } ?? "-" }
                    print(String(format: "| %@ | %@ | %@ | %d | %d | %.0f | %.0f | %.0f | %@ | %.0f | %.0f | %@ | %@ | %.2f | %.2f | %.0f | %@ |",
                                 preset, seed, strategy, summary.scheduled + summary.unscheduled, summary.unscheduled, summary.travel_km,
                                 b.classKm, b.classBound, ratio(b.classRatio), b.tourKm, b.tourBound, ratio(b.tourRatio), ratio(b.totalRatio),
                                 summary.solve_seconds, r.seconds, r.peakMiB, c.status == 0 ? "valid" : "INVALID"))
                }
            }
        }
    }
}

/// A child process with its wall time and peak memory (from wait4's rusage).
enum Child {
    struct Result { var status: Int32; var seconds: Double; var peakMiB: Double }

    static func run(_ exe: String, _ args: [String]) throws -> Result {
        var pid: pid_t = 0
        let argv = ([exe] + args).map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        defer { posix_spawn_file_actions_destroy(&actions) }
        let clock = ContinuousClock()
        let start = clock.now
        let rc = posix_spawn(&pid, exe, &actions, nil, argv, environ)
        guard rc == 0 else { throw POSIXError(POSIXErrorCode(rawValue: rc) ?? .EIO) }
        var status: Int32 = 0
        var usage = rusage()
        _ = wait4(pid, &status, 0, &usage)
        let d = clock.now - start
        let exit = (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
        return Result(status: exit, seconds: Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18,
                      peakMiB: Double(usage.ru_maxrss) / 1024)
    }
}
