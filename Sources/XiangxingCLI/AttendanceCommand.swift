import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingPrint
import XiangxingStore

/// `xiangxing attendance`: what the counties recorded after their classes
/// and stops (import), and what they still owe (the default).
struct AttendanceCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attendance",
        abstract: L("录入出勤记录（import），列出各县区还欠交的出勤记录（默认）。",
                    "Record attendance (import); list what each county still owes (the default)."),
        // "--lang <lang>" in this text also tells `Xiangxing.argumentsForParsing`
        // to pass the language on to the subcommands.
        discussion: L("""
            两个子命令都接受 --db <db> 和 --lang <lang>（zh 中文，en 英文）。

            示例：
              xiangxing attendance import 签到表-唐河县-创业意识培训-第1期-D032-3.csv 乡村行.csv --db office.sqlite
              xiangxing attendance --county 唐河县 --through 2019-09-30 --db office.sqlite
            """, """
            Both subcommands take --db <db> and --lang <lang> (zh or en).

            Examples:
              xiangxing attendance import 签到表-唐河县-创业意识培训-第1期-D032-3.csv stops.csv --db office.sqlite
              xiangxing attendance --county 唐河县 --through 2019-09-30 --db office.sqlite
            """),
        subcommands: [AttendanceOwedCommand.self, AttendanceImportCommand.self],
        defaultSubcommand: AttendanceOwedCommand.self)
}

struct AttendanceImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: L("把出勤记录存入数据库：先整体检查所有文件，有任何问题则一条也不存。",
                    "Store attendance records: every file is checked whole first; any problem and nothing is stored."),
        discussion: L("""
            接受三种文件（CSV，或 .xlsx）：
              培训长表  session,id_number,date,present（present 写 1/0、是/否、√/×、✓、Y/N）；
              乡村行    session,date,mentees（每站每天一行，当天帮扶人次）；
              签到表    xiangxing roster --format csv 写出的签到表，在“日期 签到”各列填写：\
            √、✓、✔、1、是或签名等任何标记为到课；空白、×、0、否、缺勤、请假为缺勤；\
            看不出的标记（?、√×、2）会被指出。签到表是哪一期由表头上方的标题行或文件名中的\
            场次编号决定（保留 roster 给出的文件名 ……-第1期-D032-3.csv 即可）；学员按姓名和\
            打码身份证号在该期名单中对应。

            所有文件按 --version 指定的计划版本（默认最新版）整体检查：未知场次、不在该期名单的人、\
            不在上课日期内的日期、同一人同一天或同一站点同一天记录两次、看不出的标记，\
            都逐条列出（文件:行: 列），退出码 1，数据库不做任何改动。

            再次导入某一场次时，该场次原有的记录整体替换（例如更正后的签到表），输出会写明\
            “已替换 D032-3 的 3 条旧记录”。
            """, """
            Three kinds of file (CSV, or .xlsx):
              training  session,id_number,date,present (present: 1/0, 是/否, √/×, ✓, Y/N);
              mentoring session,date,mentees (one row per stop and day: person-times mentored);
              sign-in sheet: the CSV of xiangxing roster --format csv with its "DATE 签到" columns \
            filled in: √, ✓, ✔, 1, 是 or any other mark (a signature) = present; blank, ×, 0, 否, \
            缺勤, 请假 = absent; a mark that says neither (?, √×, 2) is pointed out. The class \
            of a sheet is the session id in a title line above its header or in its file name \
            (keep the name roster gave it, …-第1期-D032-3.csv); people are matched within \
            the class by name and masked ID.

            All files are checked whole against plan version --version (default: the latest): \
            an unknown session, a person not in the class, a date outside the class, a \
            person-day or stop-day recorded twice, a mark that cannot be read are each listed \
            (file:line: field), exit status 1, and the store is left exactly as it was.

            Importing a session again replaces its earlier records as a whole (a corrected \
            sheet); the output says so ("已替换 D032-3 的 3 条旧记录").
            """))

    @Argument(help: L("出勤记录文件，可给多个。", "Attendance files, one or more."))
    var files: [String]

    @Option(help: L("记录所对照的计划版本（默认：最新版本）。", "The plan version the records were taken against (default: the latest)."))
    var version: Int?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let zh = store.lang == .zh
        let imported = try Terminal.run(store.lang) { _ in try AttendanceDesk.importFiles(files, version: version, into: store.office) }
        let (done, v, index, n) = (imported.done, imported.version, imported.index, imported.version.info.number)
        let sessions = Dictionary(v.plan.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for s in done.sessions {
            guard let session = sessions[s.session] else { continue }
            let what = SessionWords(index, store.lang).describe(session)
            if let completed = s.completed {
                let need = Counting.daysRequired(share: done.completionShare, days: session.dates.count)
                print(zh ? "\(s.session)（\(what)）：\(s.records) 条记录，到课 \(s.present) 人天，完成 \(completed) 人次（到课满 \(need) 天）"
                         : "\(s.session) (\(what)): \(s.records) records, \(s.present) trainee-days present, \(completed) completed (present \(need)+ days)")
            } else {
                print(zh ? "\(s.session)（\(what)）：\(s.records) 天的记录，帮扶 \(s.present) 人次"
                         : "\(s.session) (\(what)): \(s.records) day(s) recorded, \(s.present) person-times mentored")
            }
            if s.replaced > 0 {
                print(zh ? "已替换 \(s.session) 的 \(s.replaced) 条旧记录" : "replaced the \(s.replaced) earlier record(s) of \(s.session)")
            }
        }
        let classes = done.sessions.filter { $0.type == .trainingClass }, stops = done.sessions.filter { $0.type == .tourStop }
        let rows = { (list: [AttendanceImport.Stored]) in list.reduce(0) { $0 + $1.records } }
        print(zh ? "已存入 \(store.db)（第 \(n) 版计划）：培训 \(classes.count) 期 \(rows(classes)) 条，乡村行 \(stops.count) 站 \(rows(stops)) 条。"
                 : "Stored in \(store.db) (plan version \(n)): \(classes.count) class(es), \(rows(classes)) records; \(stops.count) stop(s), \(rows(stops)) records.")
    }
}

struct AttendanceOwedCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "owed",
        abstract: L("列出各县区已举办、但还没有出勤记录的培训班和乡村行站点。",
                    "List the classes and stops held but not yet recorded, county by county."),
        discussion: L("""
            按 counties.csv 的顺序，列出最后一天在 --through（默认今天）或之前、数据库中还没有\
            任何出勤记录的培训班和站点：场次编号、课程、日期和场地。另列出录入记录后又被调整\
            （改期、换场地或删去）的场次：它们的记录保留，按实际举办时的安排计入，请核对。
            """, """
            In counties.csv order: the classes and stops whose last day is on or before \
            --through (default: today) with no attendance record in the store yet, with the \
            session id, course, dates and venue. Then the sessions moved (new dates or venue) \
            or dropped after their records were taken: their records are kept and counted as \
            the session was held; check them.
            """))

    @Option(help: L("只列一个县区（代码或名称）。", "One county only (code or name)."))
    var county: String?

    @Option(help: L("截止日期 YYYY-MM-DD（默认：今天）。", "The last day counted, YYYY-MM-DD (default: today)."))
    var through: String?

    @Option(help: L("计划版本（默认：最新版本）。", "Plan version (default: the latest)."))
    var version: Int?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let zh = store.lang == .zh
        let lastDay: Day
        if let through {
            guard let d = Day(iso: through) else {
                Terminal.error(zh ? "--through \(through)：应写成 YYYY-MM-DD，例如 2019-09-30。" : "--through \(through): write YYYY-MM-DD, e.g. 2019-09-30.")
                throw ExitCode(1)
            }
            lastDay = d
        } else {
            lastDay = PrintedFrom.today()
        }
        let found = try Terminal.run(store.lang) {
            try AttendanceDesk.owed(in: store.office, county: county, through: lastDay, version: version, notice: $0)
        }
        let (index, v, only, owed) = (found.index, found.version, found.county, found.owed)
        let words = SessionWords(index, store.lang, plan: v.plan)
        print(zh ? "截至 \(lastDay) 尚未录入出勤记录的场次（第 \(v.info.number) 版计划）："
                 : "Held by \(lastDay) and not yet recorded (plan version \(v.info.number)):")
        var total = 0
        for c in index.scenario.counties where only == nil || only == c.code {
            let list = owed.filter { $0.county == c.code }
            guard !list.isEmpty else {
                if only != nil { print(zh ? "\(c.name)（\(c.code)）：没有欠交的记录。" : "\(c.name) (\(c.code)): nothing owed.") }
                continue
            }
            total += list.count
            print(zh ? "\(c.name)（\(c.code)）：\(list.count) 场" : "\(c.name) (\(c.code)): \(list.count)")
            for s in list { print("  " + words.line(s)) }
        }
        if only == nil {
            print(zh ? "合计 \(total) 场未录入。" : "\(total) in all.")
        }
        let flagged = found.changed
        if !flagged.isEmpty {
            print(zh ? "录入记录后又调整过的场次（记录保留，按实际举办时的安排计入，请核对）："
                     : "Sessions changed after their records were taken (records kept, counted as held; check them):")
            for (id, held, planned) in flagged {
                let now = planned.map { words.placeAndDates($0) } ?? (zh ? "已从计划中删去" : "dropped from the plan")
                print("  \(id)  " + (zh ? "举办时 \(words.placeAndDates(held)) → 现 \(now)" : "held \(words.placeAndDates(held)) → now \(now)"))
            }
        }
    }
}
