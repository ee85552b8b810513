import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingSynthetic

extension ScenarioPreset: ExpressibleByArgument {}

/// `generate` writes a synthetic scenario (the default, `generate --preset …`)
/// or, as `generate attendance`, a plan's attendance records.
struct Generate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("生成模拟场景（默认），或为计划生成模拟出勤记录（generate attendance）。",
                    "Write a synthetic scenario (the default), or simulated attendance for a plan (generate attendance)."),
        discussion: L("""
            示例：
              xiangxing generate --preset nanyang --seed 7 --out /tmp/g
              xiangxing generate attendance scenarios/nanyang-2019 plan-out --through 2019-09-30 --out 出勤记录
            """, """
            Example:
              xiangxing generate --preset nanyang --seed 7 --out /tmp/g
              xiangxing generate attendance scenarios/nanyang-2019 plan-out --through 2019-09-30 --out attendance
            """),
        subcommands: [GenerateScenario.self, GenerateAttendance.self],
        defaultSubcommand: GenerateScenario.self)
}

struct GenerateScenario: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scenario",
        abstract: L("生成用于测试和性能评测的模拟场景文件夹。",
                    "Write a synthetic scenario folder for tests and benchmarks."),
        discussion: L("""
            预设规模：nanyang（17 个县区，约 120 期培训、3500 名学员、60 位讲师，春季和九月各一次\
            乡村行）、henan（18 个地市约 160 个县区，约 1200 期培训、3.5 万名学员、600 位讲师、\
            17 次乡村行）、national（约 2800 个县区、2 万期培训、1 万位讲师、31 次乡村行，\
            不含 attendees.csv）。计划期为 2019 年，节假日取自本项目的 \
            calendars/cn-public-holidays.ics。预设和种子相同，生成的文件逐字节相同。讲师安排\
            偏紧但足以覆盖，详见与 CSV 一同写出的 README.md。

            示例：
              xiangxing generate --preset nanyang --seed 7 --out /tmp/g
            """, """
        Presets: nanyang (17 counties, ~120 classes, ~3.5k attendees, ~60 trainers, a spring \
        and a September tour), henan (~160 counties in 18 prefectures, ~1.2k classes, ~35k \
        attendees, ~600 trainers, ~17 tours), national (~2.8k counties, ~20k classes, ~10k \
        trainers, 31 tours, no attendees.csv). The period is 2019; holidays come from the \
        project's calendars/cn-public-holidays.ics. The same preset and seed always give the \
        same bytes. Trainers are tight but coverable: see the README.md written beside the CSVs.

        Example:
          xiangxing generate --preset nanyang --seed 7 --out /tmp/g
        """))

    @Option(help: L("场景规模：nanyang（17 个县区）、henan（约 160 个）或 national（约 2800 个）。", "Size of the scenario: nanyang (17 counties), henan (~160) or national (~2,800)."))
    var preset: ScenarioPreset = .nanyang

    @Option(help: L("生成器的种子，非负整数。预设和种子相同，文件逐字节相同。", "Seed of the generator, a whole number ≥ 0. Same preset and seed, same bytes."))
    var seed: UInt64 = 1

    @Option(help: L("写出的文件夹；不存在时自动创建，不加 --force 时必须为空。", "Folder to write into; created if missing, must be empty unless --force."))
    var out: String

    @Flag(help: L("写入非空文件夹：替换其中的场景文件，删除本场景没有的旧场景文件（其他文件保留）。", "Write into a non-empty folder: replace its scenario files and remove old ones this scenario does not have (other files are kept)."))
    var force = false

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    func run() throws {
        let clock = ContinuousClock()
        let start = clock.now
        let scenario = ScenarioGenerator.generate(preset: preset, seed: seed)
        let folder = URL(fileURLWithPath: out)
        do {
            try scenario.write(to: folder, force: force)
        } catch let error as GeneratorError {
            Terminal.error(error.message(lang))
            throw ExitCode(1)
        }
        let seconds = (clock.now - start).components
        let elapsed = Double(seconds.seconds) + Double(seconds.attoseconds) / 1e18
        let bytes = scenario.files.reduce(0) { $0 + $1.bytes.count }
        let zh = lang == .zh
        print(zh ? "已写入 \(folder.path)（预设 \(preset.rawValue)，种子 \(seed)）：" : "Wrote \(folder.path) (preset \(preset.rawValue), seed \(seed)):")
        for file in scenario.files where !file.path.hasPrefix("calendars/") && file.path.hasSuffix(".csv") {
            print("  " + file.path.padding(toLength: 16, withPad: " ", startingAt: 0)
                  + String(file.records).leftPadded(7) + (zh ? " 行" : " rows"))
        }
        let c = scenario.counts
        print("  " + "calendars/*.ics".padding(toLength: 16, withPad: " ", startingAt: 0)
              + String(c.calendars).leftPadded(7) + (zh ? " 个文件" : " files"))
        if zh {
            print("  \(c.counties) 个县区（\(c.prefectures) 个地市），\(c.venues) 个场地，\(c.trainers) 名讲师（\(c.trainersWithCalendars) 人有日历），"
                  + "\(c.classes) 期培训（\(c.demandRows) 行需求），\(c.tours) 次乡村行（\(c.stops) 站，\(c.teams) 个小组），"
                  + "学员 \(c.attendees.map(String.init) ?? "无（不写 attendees.csv）")")
        } else {
            print("  \(c.counties) counties (\(c.prefectures) prefectures), \(c.venues) venues, \(c.trainers) trainers (\(c.trainersWithCalendars) with calendars), "
                  + "\(c.classes) classes (\(c.demandRows) demand rows), \(c.tours) tours (\(c.stops) stops, \(c.teams) teams), "
                  + "attendees \(c.attendees.map(String.init) ?? "none (no attendees.csv)")")
        }
        for t in scenario.tightness where t.minimumRatio > 0 {
            print(String(format: zh ? "  紧度 %@：合格讲师天数 ÷ 需求，最低 %.2f，中位 %.2f" : "  tightness %@: qualified trainer-days ÷ load, lowest %.2f, median %.2f",
                         t.kind, t.minimumRatio, t.medianRatio))
        }
        print(String(format: zh ? "  共 %d 个文件，%.1f MB，用时 %.2f 秒" : "  %d files, %.1f MB, %.2f s",
                     scenario.files.count, Double(bytes) / 1_048_576, elapsed))
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}

/// `generate attendance`: what the counties would record for a plan's
/// classes and stops held by a date (AttendanceGenerator).
struct GenerateAttendance: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance",
        abstract: L("为计划中已结束的培训和乡村行站点生成模拟出勤记录（供演示和测试）。",
                    "Write simulated attendance for the plan's classes and tour stops held by a date (for demos and tests)."),
        discussion: L("""
            对最后一天不晚于 --through 的每一期培训，按 assignments.csv 的学员逐人逐日写出 \
            session,id_number,date,present（多数人全勤，约 10% 缺一天，约 2% 缺两天，约 4% 从未到课），\
            每个县区一个文件（出勤-411321.csv）；对已结束的乡村行站点写出 session,date,mentees \
            （乡村行帮扶.csv，约为计划帮扶人次的 85%–105%）。种子相同，文件逐字节相同。含身份证号的文件仅本人可读（0600）。\
            文件夹中另写 README.md，记下生成命令和所属计划。

            示例：
              xiangxing generate attendance scenarios/nanyang-2019 plan-out --through 2019-09-30 --out 出勤记录
            """, """
            For each class whose last day is on or before --through, one row per trainee of \
            assignments.csv and class day, session,id_number,date,present (most attend every day, \
            ~10% miss one day, ~2% two, ~4% never come), one file per county (出勤-411321.csv); for \
            each tour stop held, session,date,mentees (乡村行帮扶.csv, 85–105% of the planned \
            mentees). The same seed gives the same bytes. Files with ID numbers are readable by \
            their owner only (0600). A README.md in the folder records the command and the plan.

            Example:
              xiangxing generate attendance scenarios/nanyang-2019 plan-out --through 2019-09-30 --out attendance
            """))

    @OptionGroup var options: ScenarioOptions

    @Argument(help: L("计划文件夹（plan.csv、assignments.csv）。", "The plan folder (plan.csv, assignments.csv)."))
    var plan: String

    @Option(help: L("记录到哪一天为止（YYYY-MM-DD）：最后一天不晚于此日的场次才有记录。", "The last day recorded (YYYY-MM-DD): sessions ending on or before it get records."))
    var through: String

    @Option(help: L("生成器的种子，非负整数。", "Seed of the generator, a whole number ≥ 0."))
    var seed: UInt64 = 1

    @Option(help: L("写出的文件夹（已有的文件保留，同名文件替换）。", "Folder to write into (files already there are kept, same names replaced)."))
    var out: String

    func run() throws {
        let lang = options.lang, zh = lang == .zh
        guard let through = Day(iso: self.through) else {
            Terminal.error(zh ? "--through \(self.through)：日期写成 YYYY-MM-DD，例如 2019-09-30。" : "--through \(self.through): write YYYY-MM-DD, e.g. 2019-09-30.")
            throw ExitCode(1)
        }
        let loaded = try options.load()
        let (plan, summary) = try take(PlanFolder.read(URL(fileURLWithPath: self.plan)), lang)
        guard plan.assignments != nil else {
            Terminal.error(zh ? "\(self.plan) 没有 assignments.csv：场景没有 attendees.csv 时无法按人生成出勤"
                              : "\(self.plan) has no assignments.csv: without attendees.csv there is no one to record")
            throw ExitCode(1)
        }
        let result = AttendanceGenerator.generate(plan: plan, through: through, seed: seed)
        let planText = (try? Data(contentsOf: URL(fileURLWithPath: self.plan).appendingPathComponent("plan.csv"))) ?? Data()
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in planText { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let readme = """
            # 模拟出勤记录 / Generated attendance

            由 Xiangxing 生成（不是真实记录） / generated by Xiangxing (not real records):

                xiangxing generate attendance \(options.scenario) \(self.plan) --through \(through.iso) --seed \(seed) --out \(out)

            所属计划 / for the plan: \(self.plan)/plan.csv（FNV-1a 64: \(String(h, radix: 16))\(summary.map { "；已安排 \($0.scheduled) 项，讲师路程 " + String(format: "%.1f", $0.travel_km) + " 公里" } ?? "")）, \(result.classes) classes and \(result.stops) stops held by \(through.iso).
            培训记录 session,id_number,date,present 每县一个文件；乡村行 session,date,mentees。人名、身份证号均为虚构。
            计划文件夹的 plan.csv 的 FNV-1a 64 值与上面相同，才是这些记录所属的计划；由 `xiangxing plan \(options.scenario) --out \(self.plan)` \
            写出的计划每次相同（同一场景、同一版本的 xiangxing），可重新生成后核对。
            Records belong to a plan folder whose plan.csv has the FNV-1a 64 value above; a plan written by \
            `xiangxing plan \(options.scenario) --out \(self.plan)` is the same every time (same scenario, same xiangxing), so it can be made again and checked.

            """
        let folder = try OutputTarget.prepare(out, kind: .report, protecting: [options.scenario, self.plan], language: lang)
        try OutputTarget.attempt(lang) {
            for f in result.files { try folder.write(f.name, f.text, personal: f.personal) }
            try folder.write("README.md", readme, personal: false)
            try folder.commit()
        }
        let rate = result.traineeDays == 0 ? 0 : Double(result.present) / Double(result.traineeDays) * 100
        print(zh ? "已写出 \(out)/：\(result.classes) 期培训（\(result.files.filter(\.personal).count) 个县区文件，学员·天 \(result.traineeDays)，到课 \(String(format: "%.1f", rate))%），\(result.stops) 个乡村行站点（帮扶 \(result.mentees) 人次），截至 \(through.iso)，种子 \(seed)。"
                 : "Wrote \(out)/: \(result.classes) classes (\(result.files.filter(\.personal).count) county files, \(result.traineeDays) trainee-days, \(String(format: "%.1f", rate))% present), \(result.stops) tour stops (\(result.mentees) mentees), through \(through.iso), seed \(seed).")
        _ = loaded
    }
}
