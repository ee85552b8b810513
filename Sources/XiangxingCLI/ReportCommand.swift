import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: L("按月统计目标、计划与完成人次，写出 report.csv 和 report.txt。",
                    "The monthly report: targets, planned and delivered person-times, as report.csv and report.txt."),
        discussion: L("""
            计数规则（SCENARIO.md）：学员出勤达到 ⌈completion_share × 该班天数⌉ 天算完成 1 人次，\
            计入该班最后一天所在月份；乡村行按记录的 mentees 计入记录日期所在月份；计划人次按 plan.csv 的 \
            attendees 计入场次最后一天所在月份。出勤文件先整体检查，有任何问题则逐条列出（文件:行: 列），\
            不写出任何文件，退出码 1。

            示例：
              xiangxing report scenarios/nanyang-2019 plan-out --month 2019-09 --attendance 出勤.csv 乡村行.csv --out report-2019-09
            """, """
            Counting (SCENARIO.md): a trainee present on at least ⌈completion_share × the class's \
            days⌉ days is one delivered person-time, in the month of the class's last day; \
            mentoring counts the recorded mentees in the month of each record's date; planned \
            person-times are plan.csv's attendees in the month of the session's last day. The \
            attendance files are checked whole first: any problem is listed as file:line: field, \
            nothing is written, exit status 1.

            Example:
              xiangxing report scenarios/nanyang-2019 plan-out --month 2019-09 --attendance a.csv stops.csv --out report-2019-09
            """))

    @OptionGroup var options: ScenarioOptions

    @Argument(help: L("计划文件夹（plan.csv、assignments.csv）。", "The plan folder (plan.csv, assignments.csv)."))
    var plan: String

    @Option(help: L("统计到哪个月为止（YYYY-MM）。", "The month reported on (YYYY-MM)."))
    var month: String

    @Option(help: L("只报一个县区（代码或名称）。", "Report one county only (code or name)."))
    var county: String?

    @Option(parsing: .upToNextOption, help: L("出勤记录文件（培训 session,id_number,date,present；乡村行 session,date,mentees），可给多个。",
                                               "Attendance files (training session,id_number,date,present; mentoring session,date,mentees), one or more."))
    var attendance: [String] = []

    @Option(help: L("输出文件夹（写出 report.csv、report.txt）。", "The output folder (report.csv, report.txt)."))
    var out: String

    func run() throws {
        let lang = options.lang
        guard let month = ReportMonth(self.month) else {
            Terminal.error(lang == .zh ? "--month \(self.month)：应写成 YYYY-MM，例如 2019-09。" : "--month \(self.month): write YYYY-MM, e.g. 2019-09.")
            throw ExitCode(1)
        }
        let loaded = try options.load()
        let scenario = loaded.scenario
        let settings = try take(ProgrammeReading.settings(folder: loaded.folder), lang)
        let targets = try take(ProgrammeReading.targets(folder: loaded.folder, scenario: scenario, settings: settings), lang)
        let (plan, _) = try take(PlanFolder.read(URL(fileURLWithPath: self.plan)), lang)
        let only = try county.map { try Named.county($0, in: ScenarioIndex(scenario), lang).code }
        let records = try take(ProgrammeReading.attendance(files: attendance.map { URL(fileURLWithPath: $0) }, plan: plan), lang)
        let rows = ProgrammeReport.rows(scenario: scenario, plan: plan, records: records, month: month,
                                        completionShare: settings.completionShare, targets: targets,
                                        cityTargets: settings.cityTargets, county: only)
        let folder = try OutputTarget.prepare(out, kind: .report, protecting: [options.scenario, self.plan] + attendance, language: lang)
        try OutputTarget.attempt(lang) {
            try folder.write("report.csv", ProgrammeWriting.reportCSV(rows), personal: false)
            try folder.write("report.txt", ProgrammeWriting.reportText(rows, scenario: scenario, month: month, language: lang), personal: false)
            try folder.commit()
        }
        print(ProgrammeWriting.reportText(rows, scenario: scenario, month: month, language: lang), terminator: "")
        print(lang == .zh ? "已写出 \(out)/report.csv 和 report.txt。" : "Wrote \(out)/report.csv and report.txt.")
    }
}
