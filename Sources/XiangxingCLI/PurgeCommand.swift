import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingStore

struct PurgeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "purge",
        abstract: L("清除不再需要的个人信息（姓名、身份证号、电话），保留各版人数。",
                    "Remove personal data no longer needed (names, IDs, phones), keeping every version's counts."),
        discussion: L("""
        清除以下人员的姓名、身份证号和电话：已退出或后来导入时不再报名、且只出现在 --before 日期之前的场景和版本中的人；\
        以及 --before 之前导入、已不是当前场景的旧场景中全部学员的个人信息和讲师电话；\
        该日期之前的退出记录中的姓名也一并清除。每人换成同一个“已清除-…”编号，\
        所以每版每场次、每县区和类别的人数，以及 status、diff、export 的人数都不变。\
        最新版本和该日期及以后的版本原样保留。只改数据库文件本身（随后整理文件，旧内容不留在磁盘上），\
        不动计划文件夹和已打印的签到表。执行前列出将清除的内容并要求确认（--yes 跳过确认），\
        并在变动记录中留下一条记录。

        示例：
          xiangxing purge --before 2020-01-01
          xiangxing purge --before 2020-01-01 --yes
        """, """
        Removes the names, resident IDs and phones of people no longer enrolled (withdrawn, or \
        left out of a later import) who appear only in scenarios and versions older than --before; \
        of every attendee of scenarios imported before that date that are no longer current, with \
        their trainers' phones; and the names in withdrawals logged before it. Each person becomes \
        one "已清除-…" token everywhere, so every version's attendees per session, county and kind \
        — and what status, diff and export count — stay the same. The latest version and versions \
        from that date on are kept as they are. Only the store file changes (it is then rewritten, \
        so the old bytes leave the disk); plan folders and printed rosters are not touched. Lists \
        what it will remove and asks to confirm (--yes skips that), and writes a change-log entry.

        Examples:
          xiangxing purge --before 2020-01-01
          xiangxing purge --before 2020-01-01 --yes
        """))

    @OptionGroup var store: StoreOptions

    @Option(help: ArgumentHelp(L("清除此日期（YYYY-MM-DD，北京时间当日零点）之前的场景和版本中的个人信息。",
                                 "Purge what scenarios and versions from before this date (YYYY-MM-DD, 00:00 Beijing time) hold.")))
    var before: Day

    @Flag(help: ArgumentHelp(L("不询问，直接清除。", "Do not ask; purge.")))
    var yes = false

    func run() throws {
        let zh = store.lang == .zh
        let db = try store.open()
        let preview = try store.attempt { try db.purgePreview(before: before) }
        if preview.isEmpty {
            print(zh ? "\(before) 之前没有可清除的个人信息，未作任何改动。" : "Nothing to purge before \(before); nothing changed.")
            if preview.stillPlanned > 0 { print(stillPlannedNote(preview)) }
            return
        }
        print(describe(preview))
        if preview.stillPlanned > 0 { print(stillPlannedNote(preview)) }
        if !yes {
            print(zh ? "确认清除？清除后无法恢复。输入 yes 继续：" : "Purge? This cannot be undone. Type yes to go on: ", terminator: "")
            guard let answer = readLine(), ["yes", "y", "是"].contains(answer.trimmingCharacters(in: .whitespaces).lowercased()) else {
                print("")
                Terminal.error(zh ? "未确认，未作任何改动（不询问直接清除：加 --yes）。" : "Not confirmed; nothing changed (add --yes to purge without asking).")
                throw ExitCode(1)
            }
        }
        let (done, bytesGone) = try store.attempt { try db.purge(before: before, by: store.who) }
        print(zh ? "已清除：\(done.people) 人；各版人数不变，已记入变动记录。" : "Purged: \(done.people) people; every version's counts kept; logged.")
        if !bytesGone {
            Terminal.error(zh ? "注意：另一程序正打开数据库，旧内容将在其关闭后的下一次写入时从文件中清除。"
                              : "note: another program has the store open; the old bytes leave the file at the next write after it closes.")
        }
    }

    private func describe(_ r: PurgeReport) -> String {
        if store.lang == .zh {
            var lines = ["将清除 \(r.before) 之前的个人信息（姓名、身份证号、电话）："]
            lines.append("  不再报名、只在旧场景和旧版本中的人：\(r.people) 人" + (r.versions.isEmpty ? "" : "（第 \(r.versions.map(String.init).joined(separator: "、")) 版）"))
            if !r.scenarios.isEmpty { lines.append("  已不是当前场景的旧场景：\(r.scenarios.count) 个（全部学员的个人信息、讲师电话）") }
            if r.logEntries > 0 { lines.append("  退出记录中的姓名：\(r.logEntries) 条") }
            lines.append("  保留：每版每场次、每县区和类别的人数；最新版本及 \(r.before) 起的版本原样保留。")
            return lines.joined(separator: "\n")
        }
        var lines = ["Will remove personal data (names, IDs, phones) from before \(r.before):"]
        lines.append("  people no longer enrolled, found only in older scenarios and versions: \(r.people)"
                     + (r.versions.isEmpty ? "" : " (versions \(r.versions.map(String.init).joined(separator: ", ")))"))
        if !r.scenarios.isEmpty { lines.append("  older scenarios no longer current: \(r.scenarios.count) (every attendee's personal data, trainers' phones)") }
        if r.logEntries > 0 { lines.append("  names in withdrawals logged: \(r.logEntries)") }
        lines.append("  Kept: every version's attendees per session, county and kind; the latest version and those from \(r.before) on, as they are.")
        return lines.joined(separator: "\n")
    }

    private func stillPlannedNote(_ r: PurgeReport) -> String {
        store.lang == .zh ? "另有 \(r.stillPlanned) 位已退出的学员仍在最新版本或 \(r.before) 起的版本中：重排（xiangxing replan）后、到期后再清除。"
                          : "\(r.stillPlanned) withdrawn people are still in the latest version or one from \(r.before) on: they can be purged after a replan, or a later date."
    }
}
