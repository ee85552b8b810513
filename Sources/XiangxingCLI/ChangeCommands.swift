import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingICS
import XiangxingIO
import XiangxingOffice
import XiangxingStore

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// Prints what a change recorded.
private func done(_ e: StoreEvent, _ store: StoreOptions) {
    print(store.lang == .zh ? "已记录：\(e.description.zh)。运行 xiangxing replan --out 文件夹 生成新版本。"
                            : "Recorded: \(e.description.en). Run xiangxing replan --out DIR for a new version.")
}

struct Unavailable: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("登记讲师某几天不能授课（病假、开会等）。",
                    "Record that a trainer is unavailable for some dates (illness, a meeting …)."),
        discussion: L("""
            讲师可写编号或姓名；同名的讲师须写编号。登记后运行 xiangxing replan 生成新版本计划。

            示例：
              xiangxing unavailable --trainer T012 --from 2019-09-10 --to 2019-09-12 --reason 病假
              xiangxing unavailable --trainer 解红伟 --from 2019-09-10 --to 2019-09-10
            """, """
            The trainer may be given by id or by name (by id when two share the name). Run \
            xiangxing replan afterwards for a new plan version.

            Examples:
              xiangxing unavailable --trainer T012 --from 2019-09-10 --to 2019-09-12 --reason 病假
              xiangxing unavailable --trainer 解红伟 --from 2019-09-10 --to 2019-09-10
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("讲师编号或姓名（见 trainers.csv）。", "Trainer id or name (trainers.csv).")) var trainer: String
    @Option(help: L("起始日期，格式 YYYY-MM-DD。", "First date, YYYY-MM-DD.")) var from: Day
    @Option(help: L("截止日期，格式 YYYY-MM-DD（含当天）。", "Last date, YYYY-MM-DD (inclusive).")) var to: Day
    @Option(help: L("原因（记入变动记录）。", "Why (kept in the change log).")) var reason: String = ""
    func run() throws {
        done(try Terminal.run(store.lang) {
            try Changes.trainerUnavailable(store.office, trainer: trainer, from: from, through: to, reason: reason, notice: $0)
        }, store)
    }
}

struct TrainerCalendar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainer-calendar",
        abstract: L("用新的 .ics 日历替换讲师的可授课日历。",
                    "Replace a trainer's availability calendar with a new .ics file."),
        discussion: L("""
            日历中标为忙碌的日期，该讲师不再排课。讲师可写编号或姓名。

            示例：
              xiangxing trainer-calendar --trainer T012 --ics 王建国-新学期.ics
            """, """
            The busy days of the calendar are kept free of sessions for the trainer. The \
            trainer may be given by id or by name.

            Example:
              xiangxing trainer-calendar --trainer T012 --ics 王建国-新学期.ics
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("讲师编号或姓名。", "Trainer id or name.")) var trainer: String
    @Option(help: L("iCalendar 日历文件（RFC 5545）。", "The iCalendar file (RFC 5545).")) var ics: String
    func run() throws {
        done(try Terminal.run(store.lang) { try Changes.replaceTrainerCalendar(store.office, trainer: trainer, ics: ics, notice: $0) }, store)
    }
}

struct CloseVenue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close-venue",
        abstract: L("登记场地某几天不能使用。", "Record that a venue is closed for some dates."),
        discussion: L("""
            场地可写编号或名称（见 venues.csv）。

            示例：
              xiangxing close-venue --venue TH-1 --from 2019-10-14 --to 2019-10-25 --reason 装修
            """, """
            The venue may be given by id or by name (venues.csv).

            Example:
              xiangxing close-venue --venue TH-1 --from 2019-10-14 --to 2019-10-25 --reason 装修
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("场地编号或名称（见 venues.csv）。", "Venue id or name (venues.csv).")) var venue: String
    @Option(help: L("起始日期，格式 YYYY-MM-DD。", "First date, YYYY-MM-DD.")) var from: Day
    @Option(help: L("截止日期，格式 YYYY-MM-DD（含当天）。", "Last date, YYYY-MM-DD (inclusive).")) var to: Day
    @Option(help: L("原因（记入变动记录）。", "Why (kept in the change log).")) var reason: String = ""
    func run() throws {
        done(try Terminal.run(store.lang) {
            try Changes.closeVenue(store.office, venue: venue, from: from, through: to, reason: reason, notice: $0)
        }, store)
    }
}

struct AddDemand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-demand",
        abstract: L("新增某县区的培训需求（即 demand.csv 的一行）。", "Add classes a county wants (a demand.csv row)."),
        discussion: L("""
            县区可写代码或名称，课程类别可写代码或名称。新增的需求在下次 xiangxing replan 时排入计划。

            示例：
              xiangxing add-demand --id D900 --county 唐河县 --kind 创业意识培训 --classes 1 --earliest 2019-10-08 --latest 2019-11-29
            """, """
            The county and the kind may each be given by code or by name. The classes enter \
            the plan at the next xiangxing replan.

            Example:
              xiangxing add-demand --id D900 --county 唐河县 --kind awareness --classes 1 --earliest 2019-10-08 --latest 2019-11-29
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("新需求的编号（不得与已有编号重复）。", "A new demand id.")) var id: String
    @Option(help: L("县区代码或名称（如 411328 或 唐河县）。", "County code or name (411328 or 唐河县).")) var county: String
    @Option(help: L("培训类别代码或名称（如 awareness 或 创业意识培训）。", "Training kind code or name (awareness or 创业意识培训).")) var kind: String
    @Option(help: L("期数。", "Number of classes.")) var classes: Int
    @Option(help: L("最早开班日期，格式 YYYY-MM-DD。", "Window start, YYYY-MM-DD.")) var earliest: Day
    @Option(help: L("最晚结课日期，格式 YYYY-MM-DD。", "Window end, YYYY-MM-DD.")) var latest: Day
    func run() throws {
        done(try Terminal.run(store.lang) {
            try Changes.addDemand(store.office, id: id, county: county, kind: kind, classes: classes, earliest: earliest, latest: latest, notice: $0)
        }, store)
    }
}

struct RemoveDemand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-demand",
        abstract: L("删除一条培训需求（其各期培训在下一版计划中取消）。", "Remove a demand row (its classes leave the next plan)."),
        discussion: L("""
            示例：
              xiangxing remove-demand --id D017
            """, """
            Example:
              xiangxing remove-demand --id D017
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("需求编号（demand.csv 的 id 列）。", "Demand id (demand.csv's id column).")) var id: String
    func run() throws {
        done(try Terminal.run(store.lang) { _ in try Changes.removeDemand(store.office, id: id) }, store)
    }
}

struct AddAttendees: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-attendees",
        abstract: L("从 CSV 文件补录学员报名（列与 attendees.csv 相同）。", "Add enrolments from a CSV file with attendees.csv's columns."),
        discussion: L("""
            文件有任何问题时逐条列出，一个也不录入。

            示例：
              xiangxing add-attendees 唐河县-补报名.csv
            """, """
            If anything in the file is wrong, every problem is listed and nobody is added.

            Example:
              xiangxing add-attendees 唐河县-补报名.csv
            """))
    @OptionGroup var store: StoreOptions
    @Argument(help: L("CSV 文件（UTF-8 或 GB18030 编码；表头中英文均可）。", "CSV file (UTF-8 or GB18030; English or Chinese headers).")) var file: String
    func run() throws {
        done(try Terminal.run(store.lang) { try Changes.addAttendees(store.office, file: file, notice: $0) }, store)
    }
}

struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("撤销某人某类培训的报名。", "Withdraw one person's enrolment for a kind."),
        discussion: L("""
            课程类别可写代码或名称。

            示例：
              xiangxing withdraw --id-number 411328199001011234 --kind 创业意识培训
            """, """
            The kind may be given by code or by name.

            Example:
              xiangxing withdraw --id-number 411328199001011234 --kind awareness
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("公民身份号码（18 位）。", "Resident ID number (18 characters).")) var idNumber: String
    @Option(help: L("培训类别代码或名称（如 awareness 或 创业意识培训）。", "Training kind code or name (awareness or 创业意识培训).")) var kind: String
    func run() throws {
        done(try Terminal.run(store.lang) { try Changes.withdraw(store.office, idNumber: idNumber, kind: kind, notice: $0) }, store)
    }
}

struct Pin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("固定某一场次的日期、讲师或场地（三者可分别固定），此后每次重排都保持不变。",
                    "Fix a session's dates, trainers or venue — each independently — for every later re-plan."),
        discussion: L("""
            讲师可写编号或姓名，场地可写编号或名称。

            示例（固定日期和讲师，场地仍可调整）：
              xiangxing pin D001-2 --dates "2019-05-22;2019-05-23;2019-05-24" --trainers T009
            """, """
            Trainers may be given by id or by name, the venue by id or by name.

            Example (dates and trainer fixed, venue still free to move):
              xiangxing pin D001-2 --dates "2019-05-22;2019-05-23;2019-05-24" --trainers T009
            """))
    @OptionGroup var store: StoreOptions
    @Argument(help: L("场次编号（plan.csv 的 session 列）。", "Session id (plan.csv's session column).")) var session: String
    @Option(help: L("日期，格式 YYYY-MM-DD，多个日期用“;”分隔。", "Dates, ';'-separated YYYY-MM-DD.")) var dates: String?
    @Option(help: L("讲师编号或姓名，多位用“;”分隔。", "Trainer ids or names, ';'-separated.")) var trainers: String?
    @Option(help: L("场地编号或名称。", "Venue id or name.")) var venue: String?
    @Option(help: L("原因（记入变动记录）。", "Why (kept in the change log).")) var reason: String = ""
    func run() throws {
        done(try Terminal.run(store.lang) { notice in
            let days = try dates.map { try Changes.dates($0, field: "--dates", store.lang) }
            return try Changes.pin(store.office, session: session, dates: days, trainers: trainers.map(Changes.list), venue: venue,
                                   reason: reason, notice: notice)
        }, store)
    }
}

extension PinKind: ExpressibleByArgument {}

struct Unpin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("解除某一场次已固定的日期、讲师或场地。", "Free a pinned part of a session again (dates, trainers or venue)."),
        discussion: L("""
            示例：
              xiangxing unpin D001-2 --what venue
            """, """
            Example:
              xiangxing unpin D001-2 --what venue
            """))
    @OptionGroup var store: StoreOptions
    @Argument(help: L("场次编号。", "Session id.")) var session: String
    @Option(help: L("解除哪一项：dates（日期）、trainers（讲师）或 venue（场地）。", "dates, trainers or venue.")) var what: PinKind
    func run() throws {
        done(try Terminal.run(store.lang) { _ in try Changes.unpin(store.office, session: session, what: what) }, store)
    }
}
