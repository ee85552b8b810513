import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingICS
import XiangxingIO
import XiangxingOffice
import XiangxingStore

struct MilestonesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "milestones",
        abstract: L("列出全年工作节点（里程碑），写出供日历订阅的 .ics。",
                    "List the programme's milestones and write them as an .ics calendar feed."),
        discussion: L("""
            里程碑来自场景文件夹的 milestones.csv（列 date,end_date,title,unit,kind,note，见 \
            docs/scenario-format.md），随场景 xiangxing import 存入数据库。截止事项（deadline，如每月\
            统计表“次月5日前”报送）遇周末或法定节假日顺延到下一个工作日（按节假日日历，含调休上班日）。\
            不给场景文件夹时读数据库中当前场景的里程碑。--ics 写出全天事件的日历（X-WR-CALNAME \
            乡行 里程碑，UID 固定，改期后重新导入日历会移动原事件而不重复）。

            示例：
              xiangxing milestones --from 2019-09-01
              xiangxing milestones --ics 里程碑.ics
              xiangxing milestones scenarios/nanyang-2019
            """, """
            The milestones come from milestones.csv in the scenario folder (columns \
            date,end_date,title,unit,kind,note; see docs/scenario-format.md) and are stored with \
            the scenario by xiangxing import. A deadline (each month's report, due by the 5th of \
            the next month) on a weekend or public holiday moves to the next working day of the \
            holiday calendar (调休 working days included). Without a scenario folder the store's \
            current scenario is used. --ics writes all-day events (X-WR-CALNAME 乡行 里程碑, \
            stable UIDs: a moved date moves the event on re-import instead of adding one).

            Example:
              xiangxing milestones --from 2019-09-01
              xiangxing milestones --ics milestones.ics
              xiangxing milestones scenarios/nanyang-2019
            """))

    @Argument(help: L("场景文件夹（不给时使用数据库的当前场景）。", "The scenario folder (default: the store's current scenario)."))
    var scenario: String?

    @OptionGroup var store: StoreOptions

    @Option(help: L("写出 .ics 日历文件的路径（含全部里程碑，不受 --from 限制）。", "Where to write the .ics calendar (every milestone, whatever --from says)."))
    var ics: String?

    @Option(help: L("只列此日期（YYYY-MM-DD）及以后的里程碑。", "List milestones from this date on (YYYY-MM-DD)."))
    var from: String?

    func validate() throws {
        if let from, Day(iso: from) == nil {
            throw ValidationError(store.lang == .zh ? "--from \(from)：日期写成 YYYY-MM-DD，例如 2019-09-01" : "--from \(from): write YYYY-MM-DD, e.g. 2019-09-01")
        }
    }

    func run() throws {
        let lang = store.lang, zh = lang == .zh
        let read = try Terminal.run(lang) { try MilestonesDesk.read(folder: scenario, office: store.office, notice: $0) }
        let all = read.milestones
        let shown = MilestoneRules.from(all, from.flatMap { Day(iso: $0) })
        print(zh ? "乡行 里程碑（\(read.source)，共 \(all.count) 项\(from.map { "，列出 \($0) 起的 \(shown.count) 项" } ?? "")）"
                 : "乡行 milestones (\(read.source), \(all.count)\(from.map { "; \(shown.count) from \($0) on" } ?? ""))")
        for m in shown { print("  " + MilestoneText.line(m, lang)) }
        if let ics {
            try Terminal.run(lang) { _ in try MilestonesDesk.writeCalendar(read, to: ics, lang) }
            print(zh ? "日历已写入 \(ics)（\(all.count) 个全天事件）。" : "Calendar written to \(ics) (\(all.count) all-day events).")
        }
    }
}

/// One milestone as a line of the terminal.
enum MilestoneText {
    static let weekdays = ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
    static let weekdaysEn = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]

    /// `2019-10-08 周二  9月返乡创业情况统计表报送 — 各县（市、区）人社局（原定 2019-10-05，遇休息日顺延）`
    static func line(_ m: Milestone, _ lang: Language, note: Bool = true) -> String {
        let zh = lang == .zh
        let span = m.span
        let when: String
        if span.lowerBound == span.upperBound {
            when = span.lowerBound.iso + " " + (zh ? weekdays : weekdaysEn)[span.lowerBound.weekday.rawValue - 1]
        } else {
            let end = span.upperBound.year == span.lowerBound.year ? String(span.upperBound.iso.dropFirst(5)) : span.upperBound.iso
            when = span.lowerBound.iso + (zh ? " 至 " : " to ") + end
        }
        var text = padded(when, 20) + m.title + " — " + m.unit
        if m.wasMoved {
            text += zh ? "（原定 \(m.first.iso)，遇休息日顺延）" : " (set for \(m.first.iso), moved off a day off)"
        }
        if note && !m.note.isEmpty { text += zh ? "；\(m.note)" : "; \(m.note)" }
        return text
    }

    static func padded(_ s: String, _ width: Int) -> String {
        let w = s.reduce(0) { $0 + (HelpWrapper.isWide($1) ? 2 : 1) }
        return s + String(repeating: " ", count: max(1, width - w))
    }

    /// What `status` shows: the milestones under way on `today` and the next ones (without notes).
    static func dueNext(_ all: [Milestone], today: Day, _ lang: Language, count: Int = 5) -> [String] {
        let zh = lang == .zh
        guard !all.isEmpty else { return [] }
        let next = MilestoneRules.upcoming(all, today: today, count: count)
        guard !next.isEmpty else {
            return [zh ? "里程碑：\(today.iso) 之后没有待办事项" : "Milestones: nothing due after \(today.iso)"]
        }
        var lines = [zh ? "即将到期（\(today.iso) 起）：" : "Due next (from \(today.iso)):"]
        for m in next {
            let running = m.span.lowerBound < today
            let days = today.distance(to: m.span.lowerBound)
            let tag = running ? (zh ? "进行中 " : "under way ") : days == 0 ? (zh ? "今天 " : "today ") : (zh ? "\(days) 天后 " : "in \(days) d ")
            lines.append("  " + padded(tag, 10) + line(m, lang, note: false))
        }
        return lines
    }
}
