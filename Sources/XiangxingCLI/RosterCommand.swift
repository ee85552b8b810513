import ArgumentParser
import Foundation
import Synchronization
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

enum RosterFormat: String, ExpressibleByArgument, CaseIterable {
    case pdf, csv, xlsx
}

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
        let (scenario, plan, _) = try options.load()
        let printed = try options.printedFrom()
        let book: RosterBook
        do {
            let titles = try RosterTitles(title, scenario: scenario, plan: plan)
            book = try RosterBook(scenario: scenario, plan: plan, order: order.nameOrder, titles: titles, unmasked: unmasked,
                                  printed: printed, blankRows: blank)
        } catch let problem as RosterProblem {
            Terminal.error(problem.message(options.lang))
            throw ExitCode(1)
        }
        if plan.assignments == nil {
            Terminal.error(zh ? "注意：计划没有 assignments.csv（场景没有 attendees.csv），签到表只有表头\(blank > 0 ? "和 \(blank) 行空白" : "")。"
                              : "Note: the plan has no assignments.csv (the scenario has no attendees.csv); the sheets have only the header\(blank > 0 ? " and \(blank) empty rows" : "").")
        }

        let counties: [County]
        if allCounties {
            counties = scenario.counties.filter { !book.sessions(in: $0.code).isEmpty }
        } else {
            let found = try Named.county(county!, in: ScenarioIndex(scenario), options.lang)
            guard !book.sessions(in: found.code).isEmpty else {
                Terminal.error(zh ? "计划中\(found.name)（\(found.code)）没有培训班，未写出任何文件。"
                                  : "The plan has no classes in \(found.name) (\(found.code)); nothing was written.")
                throw ExitCode(1)
            }
            counties = [found]
        }

        let outURL = URL(fileURLWithPath: out)
        // Written beside the folder, then swapped in whole; sheets written
        // there before (other counties) are carried over (docs/guarantees.md).
        let target = try OutputTarget.prepare(out, kind: .roster, protecting: options.protectedPaths, language: options.lang, carryOver: true)
        var jobs: [RosterFiles.Job] = []
        do {
            for county in counties {
                let folder = allCounties ? target.staging.appendingPathComponent(FileName.safe(county.name)) : target.staging
                jobs.append(RosterFiles.Job(county: county, inputs: try book.rosters(of: county), folder: folder))
            }
        } catch let problem as RosterProblem {
            Terminal.error(problem.message(options.lang))
            throw ExitCode(1)
        }
        let written: [URL]
        do {
            written = try RosterFiles.write(jobs, format: format).map { url in
                URL(fileURLWithPath: target.target.path + url.path.dropFirst(target.staging.path.count))
            }
        } catch let problem as PrintError {
            Terminal.error(problem.description)
            throw ExitCode(1)
        } catch let problem as SpreadsheetXLSXError {
            Terminal.error(problem.message(options.lang))
            throw ExitCode(1)
        }
        try OutputTarget.attempt(options.lang) { try target.commit() }
        if !allCounties { for url in written { print(url.path) } }
        for job in jobs {
            for input in job.inputs where input.rows.isEmpty && plan.assignments != nil {
                Terminal.error(zh ? "注意：\(input.countyName)\(input.kindName)第\(input.classNumber)期（\(input.sessionID)）没有分配学员，签到表只有表头。"
                                  : "Note: \(input.countyName) \(input.kindName) class \(input.classNumber) (\(input.sessionID)) has nobody assigned; its sheet has only the header.")
            }
        }
        let classes = jobs.reduce(0) { $0 + $1.inputs.count }
        let people = jobs.reduce(0) { $0 + $1.inputs.reduce(0) { $0 + $1.rows.count } }
        let files = written.count
        let what = format == .pdf ? "PDF" : format == .csv ? "CSV" : "xlsx"
        print(zh ? "已写出 \(files) 个 \(what) 文件：\(counties.count) 个县区，\(classes) 期培训，\(people) 名学员 → \(outURL.path)"
                 : "Wrote \(files) \(what) file(s): \(counties.count) count(ies), \(classes) classes, \(people) attendees → \(outURL.path)")
        if unmasked {
            Terminal.error(zh ? "注意：已打印完整身份证号和联系电话，仅供存档，请勿张贴或外传。"
                              : "Note: full ID and phone numbers were printed; keep these sheets on file, do not post or pass them on.")
        }
    }
}

/// The sign-in sheets of a plan: who sits in which class, in print order,
/// and each class's number within its county and kind.
struct RosterBook {
    let scenario: Scenario
    let plan: Plan
    let sorter: NameSorter
    let titles: RosterTitles
    let unmasked: Bool
    let printed: PrintedFrom?
    let blankRows: Int
    /// Resident ID → enrolments (one per kind at most).
    private let enrolments: [String: [Attendee]]
    private let assignments: [String: [String]]

    init(scenario: Scenario, plan: Plan, order: NameOrder, titles: RosterTitles = RosterTitles(), unmasked: Bool,
         printed: PrintedFrom? = nil, blankRows: Int = 0) throws {
        // Without attendees.csv nobody is assigned: the sheets still print
        // (header and blank rows). With it, assignments.csv must be there.
        if plan.assignments == nil, scenario.attendees != nil { throw RosterProblem.noAssignments(scenarioHasAttendees: true) }
        self.scenario = scenario; self.plan = plan; self.titles = titles; self.unmasked = unmasked
        self.printed = printed; self.blankRows = blankRows
        self.assignments = plan.assignments ?? [:]
        sorter = NameSorter(order: order)
        var enrolments: [String: [Attendee]] = [:]
        for a in scenario.attendees ?? [] { enrolments[a.idNumber, default: []].append(a) }
        self.enrolments = enrolments
    }

    /// The county's training classes in date order.
    func sessions(in county: String) -> [Session] {
        plan.sessions.filter { $0.type == .trainingClass && $0.county == county }
            .sorted { ($0.dates.first ?? Day(ordinal: 0), $0.id) < ($1.dates.first ?? Day(ordinal: 0), $1.id) }
    }

    /// 期次: the county's classes of one kind numbered by first date (ties by
    /// session id), 1 for the earliest.
    func classNumbers(in county: String) -> [String: Int] {
        var next: [String: Int] = [:], numbers: [String: Int] = [:]
        for session in sessions(in: county) {
            next[session.kind, default: 0] += 1
            numbers[session.id] = next[session.kind]
        }
        return numbers
    }

    /// One sheet per class of the county, in date order.
    func rosters(of county: County) throws -> [RosterInput] {
        let numbers = classNumbers(in: county.code)
        let kinds = Dictionary(scenario.kinds.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        var missing: [(session: String, id: String)] = []
        var sheets: [RosterInput] = []
        for session in sessions(in: county.code) {
            var people: [Attendee] = []
            for id in assignments[session.id] ?? [] {
                if let person = enrolments[id]?.first(where: { $0.kind == session.kind && $0.county == session.county }) {
                    people.append(person)
                } else {
                    missing.append((session.id, id))
                }
            }
            let sorted = sorter.sorted(people, name: \.name, pinyin: \.pinyin)
            let year = session.dates.first.map { "\($0.year)年" } ?? ""
            let headline = titles.title(of: session.kind) ?? "\(county.name)\(year)\(kinds[session.kind] ?? session.kind)学员签到表"
            sheets.append(RosterInput(session: session, scenario: scenario, attendees: sorted,
                                      classNumber: numbers[session.id] ?? 0, title: headline, unmasked: unmasked,
                                      printed: printed, blankRows: blankRows))
        }
        guard missing.isEmpty else { throw RosterProblem.unknownAttendees(missing) }
        return sheets
    }
}

/// `--title KIND=TITLE`: a headline for one course kind's sheets only.
struct RosterTitles {
    /// Kind code → headline.
    private(set) var byKind: [String: String] = [:]

    init() {}

    /// Each value is `KIND=TITLE` with KIND a kind's code or name; a value
    /// without a known kind before `=` is a title for the only kind of the
    /// plan's classes, and an error when there are several.
    init(_ values: [String], scenario: Scenario, plan: Plan) throws {
        let planned = Set(plan.sessions.filter { $0.type == .trainingClass }.map(\.kind))
        for value in values {
            if let eq = value.firstIndex(of: "="),
               let kind = scenario.kinds.first(where: { $0.code == value[..<eq].trimmingCharacters(in: .whitespaces)
                                                       || $0.name == value[..<eq].trimmingCharacters(in: .whitespaces) }) {
                byKind[kind.code] = String(value[value.index(after: eq)...])
            } else if planned.count == 1, let only = planned.first {
                byKind[only] = value
            } else {
                throw RosterProblem.titleWithoutKind(value, kinds: scenario.kinds.filter { planned.contains($0.code) })
            }
        }
    }

    func title(of kind: String) -> String? { byKind[kind] }
}

extension PlanSource {
    /// What the sheets name as their plan: "第3版" for a stored version
    /// ("第2版（最新为第3版）" for an older one), or the plan folder with its
    /// date ("未入库的计划 plan-out（2019-08-20）"); and today's date.
    func printedFrom() throws -> PrintedFrom {
        let today = PrintedFrom.today()
        if let plan { return PrintedFrom(plan: PrintedFrom.folderLabel(URL(fileURLWithPath: plan)), on: today) }
        var store = StoreOptions()
        store.db = db
        store.lang = lang
        let opened = try store.open()
        let latest = try store.version(opened, nil).info.number
        let number = version ?? latest
        return PrintedFrom(plan: number == latest ? "第\(number)版" : "第\(number)版（最新为第\(latest)版）", on: today)
    }
}

/// What stops a roster, with what to do about it.
enum RosterProblem: Error {
    case noAssignments(scenarioHasAttendees: Bool)
    /// `--title` without a kind while the sheets are of several kinds.
    case titleWithoutKind(String, kinds: [Kind])
    /// Assigned resident IDs with no enrolment of the class's county and kind.
    case unknownAttendees([(session: String, id: String)])

    func message(_ language: Language) -> String {
        let zh = language == .zh
        switch self {
        case .noAssignments(let hasAttendees):
            if hasAttendees {
                return zh ? "计划文件夹中没有 assignments.csv，不知道每期有哪些学员。请用 xiangxing plan 重新排课（会写出 assignments.csv）。"
                          : "The plan folder has no assignments.csv, so who sits in which class is unknown. Run `xiangxing plan` again (it writes assignments.csv)."
            }
            return zh ? "计划文件夹中没有 assignments.csv：场景没有 attendees.csv，排课时没有分配学员。请在场景中加入 attendees.csv 后重新运行 xiangxing plan。"
                      : "The plan folder has no assignments.csv: the scenario has no attendees.csv, so no one was assigned. Add attendees.csv to the scenario and run `xiangxing plan` again."
        case .titleWithoutKind(let value, let kinds):
            let list = kinds.map { "  \($0.code)  \($0.name)" }.joined(separator: "\n")
            return zh ? "--title “\(value)”：未指明课程类别，而签到表有多种课程类别。请写成 --title 类别=标题，类别为代码或名称：\n\(list)"
                      : "--title \"\(value)\": no course kind given, and the sheets are of several kinds. Write --title KIND=TITLE, KIND a code or name:\n\(list)"
        case .unknownAttendees(let list):
            var lines = list.prefix(10).map { item in
                zh ? "assignments.csv：场次 \(item.session) 的学员 \(ResidentID.masked(item.id)) 不在 attendees.csv 中（本县区、本课程类别）"
                   : "assignments.csv: session \(item.session): attendee \(ResidentID.masked(item.id)) is not in attendees.csv for its county and kind"
            }
            if list.count > 10 { lines.append(zh ? "……共 \(list.count) 人" : "… \(list.count) in all") }
            lines.append(zh ? "计划与场景不一致，未写出任何文件。请用 xiangxing check 检查，或重新排课。"
                            : "The plan does not match the scenario; nothing was written. Run `xiangxing check`, or plan again.")
            return lines.joined(separator: "\n")
        }
    }
}

/// Writing the sheets in the chosen format; returns the files written.
enum RosterFiles {
    /// One county's sheets and the folder they go to.
    struct Job: Sendable {
        let county: County
        let inputs: [RosterInput]
        let folder: URL
    }

    /// Writes the counties side by side (each on its own thread with its own
    /// Cairo surface and Pango layout; the machine's cores share the work),
    /// then reports the first error in county order, if any.
    static func write(_ jobs: [Job], format: RosterFormat) throws -> [URL] {
        let results = Mutex<[Int: Result<[URL], any Error>]>([:])
        DispatchQueue.concurrentPerform(iterations: jobs.count) { i in
            let job = jobs[i]
            let result = Result {
                try FileManager.default.createDirectory(at: job.folder, withIntermediateDirectories: true)
                return try write(job.inputs, county: job.county, format: format, to: job.folder)
            }
            results.withLock { $0[i] = result }
        }
        let all = results.withLock { $0 }
        return try jobs.indices.flatMap { try all[$0]!.get() }
    }

    static func write(_ inputs: [RosterInput], county: County, format: RosterFormat, to folder: URL) throws -> [URL] {
        switch format {
        case .pdf:
            let url = folder.appendingPathComponent(pdfName(county))
            try RosterPDF.write(inputs, to: url)
            return [url]
        case .csv:
            return try inputs.map { input in
                let url = folder.appendingPathComponent(csvName(county, input))
                try RosterCSV.write(input, to: url)
                return url
            }
        case .xlsx:
            return try inputs.map { input in
                let url = folder.appendingPathComponent(String(csvName(county, input).dropLast(4)) + ".xlsx")
                try RosterCSV.writeXLSX(input, to: url)
                return url
            }
        }
    }

    /// 签到表-唐河县.pdf
    static func pdfName(_ county: County) -> String { FileName.safe("签到表-\(county.name)") + ".pdf" }

    /// 签到表-唐河县-创业意识培训-第1期-D07-1.csv
    static func csvName(_ county: County, _ input: RosterInput) -> String {
        FileName.safe("签到表-\(county.name)-\(input.kindName)-第\(input.classNumber)期-\(input.sessionID)") + ".csv"
    }
}
