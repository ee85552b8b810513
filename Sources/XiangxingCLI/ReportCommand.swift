import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingPrint
import XiangxingStore

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: L("按月统计目标、计划与完成人次（返乡创业情况统计表），写出 CSV、Excel、PDF（附图）和文本。",
                    "The monthly report (返乡创业情况统计表): targets, planned and delivered person-times, as CSV, .xlsx, PDF with charts and text."),
        discussion: L("""
            不给场景和计划文件夹时，统计数据库中最新一版计划（或 --version N）：该版的场景、导入的目标和已导入的出勤记录。\
            给出 场景文件夹 计划文件夹 时，目标取自场景的 targets.csv 和 scenario.csv，出勤取自 --attendance 文件。

            计数规则（SCENARIO.md）：学员出勤达到 ⌈completion_share × 该班天数⌉ 天算完成 1 人次，\
            计入该班最后一天所在月份；乡村行按记录的 mentees 计入记录日期所在月份；计划人次按 plan.csv 的 \
            attendees 计入场次最后一天所在月份。出勤文件先整体检查，有任何问题则逐条列出（文件:行: 列），\
            不写出任何文件，退出码 1。

            写出的文件（--format 选其中几种，默认全部）：
              csv：report.csv — 约定格式（SCENARIO.md），供其他程序核对；
              txt：report.txt — 对齐的中文文本；
              xlsx：返乡创业情况统计表-2019-09.xlsx — 同一张表，人次为整数、完成率为百分数，表头加粗冻结；\
            第二张工作表“表头信息”为标题、填报单位、填报人、日期和计划版本；
              pdf：返乡创业情况统计表-2019-09.pdf — A4 统计表（填报单位、填报人、填报日期、单位：人次、合计行、\
            落后于计划的行标 ▲ 并加灰底、页码、计划版本），另附两页图：各县区完成进度条形图、按月累计折线图。
            --county 只报一个县区：每种文件都只有该县区，合计为该县区自己的数字，文件名带县区名。

            示例：
              xiangxing report --month 2019-09 --unit 南阳市人力资源和社会保障局 --preparer 王建国 --out 统计表-2019-09
              xiangxing report --month 2019-09 --county 唐河县 --format pdf,xlsx --out 唐河县-2019-09
              xiangxing report scenarios/nanyang-2019 plan-out --month 2019-09 --attendance 出勤.csv 乡村行.csv --out report-2019-09
            """, """
            With no SCENARIO and PLAN folders it reports on the store's latest plan version (or \
            --version N): that version's scenario, the targets imported with it and the attendance \
            imported into the store. With SCENARIO PLAN, targets come from the scenario's \
            targets.csv and scenario.csv, attendance from the --attendance files.

            Counting (SCENARIO.md): a trainee present on at least ⌈completion_share × the class's \
            days⌉ days is one delivered person-time, in the month of the class's last day; \
            mentoring counts the recorded mentees in the month of each record's date; planned \
            person-times are plan.csv's attendees in the month of the session's last day. The \
            attendance files are checked whole first: any problem is listed as file:line: field, \
            nothing is written, exit status 1.

            Files (--format picks some, default all):
              csv: report.csv — the contract's format (SCENARIO.md), for other programs to check;
              txt: report.txt — aligned text;
              xlsx: 返乡创业情况统计表-2019-09.xlsx — the same table, person-times as integers, the \
            share as a percentage, bold frozen header; a second sheet 表头信息 holds the title, unit, \
            preparer, date and plan version;
              pdf: 返乡创业情况统计表-2019-09.pdf — the A4 statistics table (填报单位, 填报人, 填报日期, \
            单位：人次, the 合计 rows, rows behind plan marked ▲ and shaded, page numbers, plan version) \
            and two pages of charts: progress per county as bars, cumulative figures by month as lines.
            --county reports one county: every file shows that county only, its 合计 is the county's \
            own, and the file names carry the county's name.

            Examples:
              xiangxing report --month 2019-09 --unit 南阳市人力资源和社会保障局 --preparer 王建国 --out report-2019-09
              xiangxing report --month 2019-09 --county 唐河县 --format pdf,xlsx --out tanghe-2019-09
              xiangxing report scenarios/nanyang-2019 plan-out --month 2019-09 --attendance a.csv stops.csv --out report-2019-09
            """))

    @Argument(help: L("场景文件夹（场景和计划文件夹都不给时，使用数据库）。", "The scenario folder (leave out both folders to use the store)."))
    var scenario: String?

    @Argument(help: L("计划文件夹（plan.csv、assignments.csv）；都不给时使用数据库中的最新版本。",
                      "The plan folder (plan.csv, assignments.csv); leave out both to use the store's latest version."))
    var plan: String?

    @Option(help: L("统计到哪个月为止（YYYY-MM）。", "The month reported on (YYYY-MM)."))
    var month: String

    @Option(help: L("只报一个县区（代码或名称）。", "Report one county only (code or name)."))
    var county: String?

    @Option(parsing: .upToNextOption, help: L("出勤记录文件（培训 session,id_number,date,present；乡村行 session,date,mentees），可给多个；只用于文件夹模式。",
                                               "Attendance files (training session,id_number,date,present; mentoring session,date,mentees), one or more; with SCENARIO PLAN only."))
    var attendance: [String] = []

    @Option(help: L("写出哪些文件：csv、xlsx、pdf、txt，用逗号分隔（默认全部）。", "Which files: csv, xlsx, pdf, txt, comma-separated (default: all four)."))
    var format: String = "csv,xlsx,pdf,txt"

    @Option(help: L("输出文件夹（不存在时自动创建）。", "The output folder (created if missing)."))
    var out: String

    @Option(help: L("填报单位（印在 PDF 和 Excel 上；不给则留空待填写）。", "填报单位, the reporting unit (printed on the PDF and .xlsx; blank to fill in by hand if not given)."))
    var unit: String = ""

    @Option(help: L("填报人（不给则留空待填写）。", "填报人, who files the report (blank to fill in by hand if not given)."))
    var preparer: String = ""

    @Option(help: L("填报日期 YYYY-MM-DD（默认今天，北京时间）。", "填报日期, the filing date YYYY-MM-DD (default: today, Beijing time)."))
    var date: Day?

    @Option(help: L("表的标题（默认“南阳市返乡创业情况统计表”，县区报表为“唐河县返乡创业情况统计表”）。",
                    "The table's title (default 南阳市返乡创业情况统计表; for a county 唐河县返乡创业情况统计表)."))
    var title: String?

    @Option(name: .customLong("db"), help: L("不给文件夹时使用的数据库：SQLite 文件或 postgres://…?city=城市（默认：XIANGXING_DB，再无则 xiangxing.sqlite）。", "The store, when no folders are given: a SQLite file or postgres://…?city=NAME (default: $XIANGXING_DB, else xiangxing.sqlite)."))
    var dbOption: String?
    /// The store named by --db, else $XIANGXING_DB, else xiangxing.sqlite (never shown in help: it may hold a password).
    var db: String {
        get { dbOption ?? PlanStore.defaultLocation }
        set { dbOption = newValue }
    }

    @Option(help: L("数据库中的计划版本号（默认：最新版本）。", "Plan version in the store (default: the latest)."))
    var version: Int?

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    /// Checked in `run`, not `validate`, and said with `Terminal.error`:
    /// ArgumentParser 1.x reports a `validate` error of a command with
    /// optional positional arguments as "unknown option" of whatever came first.
    func checkOptions() throws {
        let zh = lang == .zh
        var problem: String?
        if scenario != nil && plan == nil {
            problem = zh ? "请同时给出场景文件夹和计划文件夹，或都不给（使用数据库）" : "give both SCENARIO and PLAN folders, or neither (to use the store)"
        } else if scenario == nil && !attendance.isEmpty {
            problem = zh ? "--attendance 只用于文件夹模式；数据库模式下的出勤记录用 xiangxing attendance import 导入"
                         : "--attendance goes with SCENARIO PLAN only; in the store, import attendance with xiangxing attendance import"
        } else if case .failure(let bad) = ReportFormat.list(format) {
            problem = zh ? "--format \(bad.word)：可选 csv、xlsx、pdf、txt，用逗号分隔" : "--format \(bad.word): choose from csv, xlsx, pdf, txt, comma-separated"
        }
        if let problem {
            Terminal.error((zh ? "错误：" : "error: ") + problem + (zh ? "。未写出任何文件。" : "; nothing was written."))
            throw ExitCode.validationFailure
        }
    }

    func run() throws {
        try checkOptions()
        guard let month = ReportMonth(self.month) else {
            Terminal.error(lang == .zh ? "--month \(self.month)：应写成 YYYY-MM，例如 2019-09。" : "--month \(self.month): write YYYY-MM, e.g. 2019-09.")
            throw ExitCode(1)
        }
        let source: PlanSourceChoice = if let scenario, let plan { .folders(scenario: scenario, plan: plan) }
                                       else { .store(OfficeStore(path: db, language: lang), version: version) }
        let request = MonthlyReport.Request(source: source, attendance: attendance, month: month, county: county,
                                            formats: (try? ReportFormat.list(format).get()) ?? ReportFormat.allCases, out: out,
                                            unit: unit, preparer: preparer, filedOn: date, title: title, language: lang)
        let written = try Terminal.run(lang) { try MonthlyReport.write(request, notice: $0) }
        if request.formats.contains(.txt) { print(written.text, terminator: "") }
        if written.movedSessions > 0 {
            Terminal.error(lang == .zh ? "注意：\(written.movedSessions) 个场次在记录出勤后改了日期，其出勤按实际举办的日期计入。"
                                       : "Note: \(written.movedSessions) session(s) moved after their attendance was recorded; their records count by the dates they were held.")
        }
        print(lang == .zh ? "已写出 \(out)/：\(written.files.joined(separator: "、"))。" : "Wrote \(out)/: \(written.files.joined(separator: ", ")).")
    }
}
