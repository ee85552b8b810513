import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("写出数据库中任一版本的计划文件夹。", "Write the plan folder of any stored version."),
        discussion: L("""
            示例：
              xiangxing export --version 1 --out plan-v1
            """, """
            Example:
              xiangxing export --version 1 --out plan-v1
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("版本号（默认：最新版本）。", "Version number (default: the latest).")) var version: Int?
    @Option(help: L("写出的文件夹（整体替换）。", "Folder to write (replaced as a whole).")) var out: String
    func run() throws {
        let n = try Terminal.run(store.lang) { _ in try Versions.export(store.office, version: version, to: out) }
        print(store.lang == .zh ? "第 \(n) 版已写入 \(out)/" : "Version \(n) written to \(out)/")
    }
}

enum DiffFormat: String, ExpressibleByArgument { case text, csv }

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("比较两个版本的计划有何变动，按需通知的对象分组。",
                    "What changed between two plan versions, grouped by who must be told."),
        discussion: L("""
            逐位列出讲师原来和现在的任务（调整 / 新安排 / 已取消），逐个列出县区被调整的场次和需通知\
            的学员：所在期次改期、换场地、调到另一期、失去或得到座位的每一个人。可输出供打印的文本，\
            或供 Excel 打开的 CSV（带 BOM，中文表头和名称）。

            --notify 按县区列出需通知的学员（姓名、电话、变动）；加 --out 文件夹时每个县区写出一份 \
            CSV、一份 Excel 工作簿和一份文本名单（通知名单-唐河县-含个人信息.csv / .xlsx / .txt）。电话和身份证号默认遮盖，\
            --unmasked 时完整给出；名单含个人信息，文件仅本人可读（0600）。

            示例：
              xiangxing diff 1 2
              xiangxing diff 1 2 --format csv > 变动.csv
              xiangxing diff 1 2 --notify --out 通知名单
            """, """
            Lists each trainer with their old and new engagements (调整 / 新安排 / 已取消) and each \
            county with its moved sessions and the attendees to tell: everyone whose class \
            changed dates or venue, moved class, lost or got a seat. Text to print, or CSV for \
            Excel (BOM, Chinese headers and names).

            --notify lists those attendees per county (name, phone, what changed); with --out \
            DIR it writes one Excel-ready CSV and one text file per county \
            (通知名单-唐河县-含个人信息.csv / .xlsx / .txt). Phones and ID numbers are masked unless \
            --unmasked; the lists name people, so the files are readable by their owner only (0600).

            Example:
              xiangxing diff 1 2
              xiangxing diff 1 2 --format csv > 变动.csv
              xiangxing diff 1 2 --notify --out 通知名单
            """))
    @OptionGroup var store: StoreOptions
    @Argument(help: L("较早的版本号。", "The older version.")) var a: Int
    @Argument(help: L("较新的版本号。", "The newer version.")) var b: Int
    @Option(help: L("输出格式：text（文本）或 csv。", "text or csv.")) var format: DiffFormat = .text
    @Flag(help: ArgumentHelp(L("列出各县区需通知的学员（姓名、电话、变动）", "List the attendees to tell per county (name, phone, what changed)")))
    var notify = false
    @Flag(help: ArgumentHelp(L("通知名单中给出完整电话和身份证号（文件仅本人可读）", "Give phones and ID numbers in full in the lists (files readable by their owner only)")))
    var unmasked = false
    @Option(help: ArgumentHelp(L("与 --notify 一起：每个县区写一份 CSV 和文本通知名单到此文件夹", "With --notify: write one CSV and one text list per county into this folder")))
    var out: String?

    func validate() throws {
        if out != nil && !notify {
            throw ValidationError(store.lang == .zh ? "--out 用于写出通知名单：请同时给出 --notify" : "--out writes the notification lists: give --notify too")
        }
        if unmasked && !notify {
            throw ValidationError(store.lang == .zh ? "--unmasked 只用于通知名单：请同时给出 --notify" : "--unmasked applies to the notification lists: give --notify too")
        }
    }

    func run() throws {
        let zh = store.lang == .zh
        if notify, let out {
            let written = try Terminal.run(store.lang) { _ in try VersionDiff.writeNotices(store.office, a, b, into: out, unmasked: unmasked) }
            for c in written.counties {
                print(zh ? "\(c.name)：需通知学员 \(c.attendees) 人" : "\(c.name): \(c.attendees) attendee(s) to tell")
            }
            print(zh ? "通知名单已写入 \(written.folder.path)/（\(written.counties.count) 个县区，每县一份 CSV、xlsx 和文本，文件仅本人可读）"
                     : "Lists written into \(written.folder.path)/ (\(written.counties.count) count(ies), one CSV, one xlsx and one text each, readable by their owner only)")
            if unmasked {
                Terminal.error(zh ? "注意：名单含完整电话和身份证号，不得张贴或外传。"
                                  : "Note: the lists hold full phones and ID numbers; do not post or forward them.")
            }
            return
        }
        let compared = try Terminal.run(store.lang) { _ in try VersionDiff.compare(store.office, a, b) }
        let (d, words, from, to) = (compared.diff, compared.words, compared.from, compared.to)
        switch format {
        case .text: print(words.text(d, from: from, to: to))
        case .csv: print(words.csv(d), terminator: "")
        }
        if notify {
            for c in words.noticeCounties(d) { print(""); print(words.noticeText(d, county: c, unmasked: unmasked, from: from, to: to), terminator: "") }
        }
        if notify && unmasked { Terminal.error(zh ? "注意：以上名单含完整电话和身份证号，不得张贴或外传。" : "Note: the lists above hold full phones and ID numbers; do not post or forward them.") }
    }
}


struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("说明某一场次为何这样安排，或某项为何未能安排、怎样才能排上。",
                    "Why a session sits where it is, or why an item is left out and what would let it in."),
        discussion: L("""
            SESSION 为 plan.csv 中的场次编号（D001-2、XCX-2019-09@411328）；REF 为需求编号或乡村行\
            编号，逐一说明其下各场次和未安排的项目。

            示例：
              xiangxing explain D001-2
              xiangxing explain D900
            """, """
        SESSION is a session id of plan.csv (D001-2, XCX-2019-09@411328); REF is a demand or \
        tour id, explaining each of its sessions and left-out items.

        Example:
          xiangxing explain D001-2
          xiangxing explain D900
        """))
    @OptionGroup var store: StoreOptions
    @Argument(help: L("场次编号，或需求编号、乡村行编号。", "A session id, or a demand or tour id.")) var target: String
    @Option(help: L("版本号（默认：最新版本）。", "Version number (default: the latest).")) var version: Int?
    func run() throws {
        let texts = try Terminal.run(store.lang) { _ in try Versions.explain(store.office, target, version: version) }
        for t in texts { print(t); print("") }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("最新版本计划的主要数字、与上一版本相比的变动，以及即将到期的工作节点。",
                    "The latest version's headline figures, what changed since the version before, and what is due next."),
        discussion: L("""
            即将到期：当前场景 milestones.csv 中正在进行的事项和今天（北京时间）之后最近的 5 项；\
            --today 指定另一天。

            示例：
              xiangxing status
              xiangxing status --today 2019-09-20
            """, """
            Due next: the current scenario's milestones (milestones.csv) under way today \
            (Asia/Shanghai) and the next 5; --today takes another day.

            Example:
              xiangxing status
              xiangxing status --today 2019-09-20
            """))
    @OptionGroup var store: StoreOptions
    @Option(help: L("按哪一天列出即将到期的事项（YYYY-MM-DD，默认今天）。", "The day to list what is due from (YYYY-MM-DD, default today)."))
    var today: String?

    func validate() throws {
        if let today, Day(iso: today) == nil {
            throw ValidationError(store.lang == .zh ? "--today \(today)：日期写成 YYYY-MM-DD，例如 2019-09-20" : "--today \(today): write YYYY-MM-DD, e.g. 2019-09-20")
        }
    }

    /// Today in Asia/Shanghai, or --today.
    private var day: Day {
        if let today, let d = Day(iso: today) { return d }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai") ?? .current
        let c = calendar.dateComponents([.year, .month, .day], from: Date())
        return Day(year: c.year ?? 2019, month: c.month ?? 1, day: c.day ?? 1) ?? Day(ordinal: 0)
    }

    func run() throws {
        let zh = store.lang == .zh
        let status = try Terminal.run(store.lang) { _ in try StatusDesk.status(store.office) }
        let dueNext = MilestoneText.dueNext(status.milestones, today: day, store.lang)
        defer { for line in dueNext { print(line) } }
        guard let latest = status.latest else {
            print(zh ? "数据库 \(store.db) 还没有计划版本。先 xiangxing import 场景，再 xiangxing plan --out 文件夹。"
                     : "The store \(store.db) has no plan version yet. Run xiangxing import SCENARIO, then xiangxing plan --out DIR.")
            return
        }
        let s = latest.summary
        let when = ISO8601DateFormatter().string(from: latest.createdAt)
        print(zh ? "第 \(latest.number) 版（\(when)，\(latest.author)）：\(latest.reason)" : "Version \(latest.number) (\(when), \(latest.author)): \(latest.reason)")
        print(String(format: zh ? "  已安排 %d，未安排 %d，讲师路程 %.1f 公里，违反硬规则 %d" : "  %d scheduled, %d unscheduled, trainer km %.1f, %d hard violations",
                     s.scheduled, s.unscheduled, s.travel_km, s.hard_violations))
        if let p = status.planning {
            let at = ISO8601DateFormatter().string(from: p.startedAt)
            if p.isLive {
                print(zh ? "  正在排第 \(p.version) 版：\(p.who)（进程 \(p.processID)，开始于 \(at)）"
                         : "  Version \(p.version) is being planned: \(p.who) (process \(p.processID), started \(at))")
            } else {
                print(zh ? "  \(p.who) 开始于 \(at) 的排课（进程 \(p.processID)）已中断，下次排课时接管"
                         : "  The planning run \(p.who) started at \(at) (process \(p.processID)) was interrupted; the next run takes over")
            }
        }
        if !status.pending.isEmpty {
            print(zh ? "  之后记录的变动（尚未重排）：" : "  Changes recorded since (not yet re-planned):")
            for e in status.pending { print("    " + e.description.text(store.lang)) }
        }
        if let prev = status.previous, let d = status.diff {
            print(zh ? String(format: "  与第 %d 版相比：变动 %d 个场次，涉及讲师 %d 人、县区 %d 个，学员变动 %d 人；路程 %+.1f 公里",
                              prev.number, d.changes.count, d.byTrainer.count, Set(d.byCounty.keys).union(d.attendeesMoved.keys).count,
                              d.attendeesMoved.values.reduce(0, +), s.travel_km - prev.summary.travel_km)
                     : String(format: "  Against version %d: %d session(s) changed, %d trainer(s) and %d count(ies) to tell, %d attendee(s) moved; km %+.1f",
                              prev.number, d.changes.count, d.byTrainer.count, Set(d.byCounty.keys).union(d.attendeesMoved.keys).count,
                              d.attendeesMoved.values.reduce(0, +), s.travel_km - prev.summary.travel_km))
        }
    }
}
