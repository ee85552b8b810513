import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingNames
import XiangxingPrint

/// How names are ordered on a sign-in sheet.
enum RosterOrder: String, ExpressibleByArgument, CaseIterable {
    /// 按姓氏拼音 (单 under S, 曾 under Z).
    case pinyin
    /// 姓名笔画: every character counts as written.
    case stroke
    /// 姓氏笔画: a one-character given name counts as a blank, so 田富 comes before 田大利.
    case surnameStroke = "surname-stroke"

    var nameOrder: NameOrder {
        switch self {
        case .pinyin: .pinyin
        case .stroke: .stroke(.fullName)
        case .surnameStroke: .stroke(.surnameOnly)
        }
    }
}

extension RosterFormat: ExpressibleByArgument {}

struct RosterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "roster",
        abstract: L("打印某县区各期培训的签到表，格式为 PDF 或 CSV。",
                    "Print the sign-in sheets (签到表) of a county's classes, as PDF or CSV."),
        discussion: L("""
            为计划中该县区的每期培训打印一张 A4 签到表：标题、县区、课程类别和期次、场地及地址、\
            带星期的中文日期、授课讲师；表格列为 序号 姓名 性别 身份证号 联系电话 乡镇 创业项目，\
            每个授课日一列签名栏。每页重复表头，页脚注明“第N页 共M页”。

            每期的学员取自计划的 assignments.csv，并按身份证号与场景的 attendees.csv（同县区、\
            同课程类别）对应。身份证号和联系电话默认打码（411328********1234、138****5678），\
            加 --unmasked 才完整打印。

            期次：同一县区同一类别的培训按日期编号，最早的为第1期；旁边印出计划中的场次编号\
            （如 D07-1），以便与 plan.csv 对照。某期没有分配学员（仅在计划与场景不一致时出现）\
            仍打印只有表头的签到表，并给出提示。

            写出的文件（文件夹不存在时自动创建；每个文件先写入临时文件再改名，文件夹中其他文件不动）：
              pdf：签到表-唐河县.pdf — 该县区全部培训，按日期排列，每期另起一页并单独计页；
              csv：签到表-唐河县-创业意识培训-第1期-D07-1.csv — 每期一个文件，UTF-8 带 BOM\
              （Excel、WPS 可直接打开中文），列和中文表头与 PDF 相同；
              xlsx：签到表-唐河县-创业意识培训-第1期-D07-1.xlsx — 每期一个 Excel 工作簿，              身份证号和电话为文本格式（不会变成 4.11328E+17），文件仅本人可读。
            加 --all-counties 时每个县区一个子文件夹（唐河县/……），没有培训的县区跳过。
            县区可写代码、名称，或不带“县/区/市”的简称（如 唐河）。

            示例：
              xiangxing roster scenarios/nanyang-2019 plan-out --county 唐河县 --out 签到表
              xiangxing roster scenarios/nanyang-2019 plan-out --county 411328 --order stroke --format csv --out 签到表
              xiangxing roster scenarios/nanyang-2019 plan-out --all-counties --out 签到表
            """, """
        One A4 sheet per class of the plan in the county: title, county, course kind and \
        class number, venue and address, dates in Chinese with the weekday, trainers; then \
        序号 姓名 性别 身份证号 联系电话 乡镇 创业项目 and one signature column per class day. \
        The table header is repeated on every page, each page says 第N页 共M页.

        The people of a class are the plan's assignments.csv joined with the scenario's \
        attendees.csv (by resident ID, for the class's county and kind). ID and phone \
        numbers are masked (411328********1234, 138****5678) unless --unmasked is given.

        期次 (class number): the county's classes of one kind are numbered by date, 第1期 \
        being the earliest; the plan's session id (D07-1) is printed beside it so a sheet \
        can always be matched to plan.csv. A class with nobody assigned (possible only when \
        the plan and the scenario disagree) still gets its sheet, with the header and no \
        rows, and a warning.

        Files (the folder is created if needed; each file is written to a temporary file \
        and renamed into place, other files in the folder are left alone):
          pdf: 签到表-唐河县.pdf — every class of the county, in date order, each starting \
               on a new page and counting its own pages;
          csv: 签到表-唐河县-创业意识培训-第1期-D07-1.csv — one per class, UTF-8 with BOM \
               (Excel and WPS open it as Chinese), the same columns and Chinese headers;
          xlsx: 签到表-唐河县-创业意识培训-第1期-D07-1.xlsx — one Excel workbook per class,                IDs and phones as text cells (never 4.11328E+17), readable by their owner only.
        With --all-counties, one subfolder per county (唐河县/…), skipping counties without classes.

        Examples:
          xiangxing roster scenarios/nanyang-2019 plan-out --county 唐河县 --out 签到表
          xiangxing roster scenarios/nanyang-2019 plan-out --county 411328 --order stroke --format csv --out 签到表
          xiangxing roster scenarios/nanyang-2019 plan-out --all-counties --out 签到表
        """))

    @OptionGroup var options: PlanSource


    @Option(help: L("县区：代码（411328）或名称（唐河县）。不用 --all-counties 时必须给出。", "County: its code (411328) or name (唐河县). Required unless --all-counties."))
    var county: String?

    @Flag(help: L("打印所有有培训的县区，每个县区一个子文件夹。", "Print every county that has classes, one subfolder per county."))
    var allCounties = false

    @Option(help: L("""
        姓名排序：pinyin（按姓氏拼音；单 Shàn 排在 S）、stroke（姓名笔画）\
        或 surname-stroke（姓氏笔画：单名排在双名之前）。
        """, """
        Name order: pinyin (按姓氏拼音, default; 单 Shàn under S), stroke (姓名笔画), \
        or surname-stroke (姓氏笔画: a one-character given name before any two-character one).
        """))
    var order: RosterOrder = .pinyin

    @Option(help: L("文件格式：pdf（每个县区一个文件）、csv 或 xlsx（每期一个文件）。", "pdf (one file per county), csv or xlsx (one file per class)."))
    var format: RosterFormat = .pdf

    @Option(help: L("写出文件的文件夹（不存在时自动创建）。", "Folder to write into (created if missing)."))
    var out: String

    @Option(help: ArgumentHelp(L(
        "某一课程类别的签到表标题：课程类别（代码或名称）=标题，可重复；默认“唐河县2019年创业意识培训学员签到表”。只打印一种课程类别时可省略“类别=”。",
        "Headline of one kind's sheets: KIND=TITLE (kind code or name), repeatable; default 唐河县2019年创业意识培训学员签到表. Without KIND= only when the sheets printed are all of one kind."),
        valueName: L("类别=标题", "kind=title")))
    var title: [String] = []

    @Option(help: ArgumentHelp(L(
        "每期签到表在名单后加印的空白行数（供现场报名学员填写），默认 0。",
        "Empty numbered rows after the names of each class, for walk-ins (default 0)."), valueName: "N"))
    var blank: Int = 0

    @Flag(help: L("完整打印身份证号和联系电话（仅限办公室存档）。", "Print resident ID and phone numbers in full (for the office's own file copy only)."))
    var unmasked = false

    func validate() throws {
        if allCounties, county != nil {
            throw ValidationError(options.lang == .zh ? "--county 与 --all-counties 只能给出一个。" : "Give either --county or --all-counties, not both.")
        }
        if !allCounties, county == nil {
            throw ValidationError(options.lang == .zh ? "请给出 --county 县区代码或名称（或用 --all-counties 打印全部县区）。" : "Missing --county CODE|NAME (or --all-counties).")
        }
        if blank < 0 || blank > 500 {
            throw ValidationError(L("--blank 应为 0 到 500 之间的行数", "--blank must be a number of rows from 0 to 500"))
        }
    }

    func run() throws {
        let zh = options.lang == .zh
        let request = Rosters.Request(source: options.choice, county: allCounties ? nil : county, order: order.nameOrder, format: format,
                                      out: out, titles: title, blankRows: blank, unmasked: unmasked,
                                      protecting: options.protectedPaths, language: options.lang)
        let written = try Terminal.run(options.lang) { try Rosters.write(request, notice: $0) }
        if !allCounties { for url in written.files { print(url.path) } }
        for job in written.jobs {
            for input in job.inputs where input.rows.isEmpty && written.hasAssignments {
                Terminal.error(zh ? "注意：\(input.countyName)\(input.kindName)第\(input.classNumber)期（\(input.sessionID)）没有分配学员，签到表只有表头。"
                                  : "Note: \(input.countyName) \(input.kindName) class \(input.classNumber) (\(input.sessionID)) has nobody assigned; its sheet has only the header.")
            }
        }
        let classes = written.jobs.reduce(0) { $0 + $1.inputs.count }
        let people = written.jobs.reduce(0) { $0 + $1.inputs.reduce(0) { $0 + $1.rows.count } }
        let what = format == .pdf ? "PDF" : format == .csv ? "CSV" : "xlsx"
        print(zh ? "已写出 \(written.files.count) 个 \(what) 文件：\(written.counties) 个县区，\(classes) 期培训，\(people) 名学员 → \(URL(fileURLWithPath: out).path)"
                 : "Wrote \(written.files.count) \(what) file(s): \(written.counties) count(ies), \(classes) classes, \(people) attendees → \(URL(fileURLWithPath: out).path)")
        if unmasked {
            Terminal.error(zh ? "注意：已打印完整身份证号和联系电话，仅供存档，请勿张贴或外传。"
                              : "Note: full ID and phone numbers were printed; keep these sheets on file, do not post or pass them on.")
        }
    }
}

/// What the printouts name as their plan, as XiangxingOffice says it.
extension PlanSource {
    func printedFrom() throws -> PrintedFrom {
        try Terminal.run(lang) { _ in try PlanSourceReader.printedFrom(choice) }
    }
}
