import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingStore

struct ReplanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replan",
        abstract: L("登记变动后重新排课，尽量少改动已发布的场次和人员。",
                    "Re-plan after changes, moving as few sessions and people as possible."),
        discussion: L("""
            从最新版本的计划出发，保持所有固定项和硬性规则，尽可能至少安排原有的全部项目，并尽量\
            少改动已发布的日期、讲师、场地和学员座位（先使改动最少，再使路程最短）。保存为下一\
            个版本，写出其计划文件夹，并报告改动的代价。

            示例：
              xiangxing unavailable --trainer T012 --from 2019-09-10 --to 2019-09-12
              xiangxing replan --out plan-v2
            """, """
        Starts from the latest plan version, keeps every pin and hard rule, schedules at \
        least as much as before where possible, and changes as few published dates, \
        trainers, venues and seats as it can (that count is minimised before road km). \
        Saves the next version, writes its folder and reports what it cost.

        Example:
          xiangxing unavailable --trainer T012 --from 2019-09-10 --to 2019-09-12
          xiangxing replan --out plan-v2
        """))

    @OptionGroup var store: StoreOptions

    @Option(help: L("写出新版本计划的文件夹（整体替换）。", "Folder to write the new version's plan into (replaced as a whole)."))
    var out: String

    @Option(help: L("重排原因（随版本保存；默认为上一版本以来的变动）。", "Why (kept with the version; default: the changes since the last version)."))
    var reason: String?

    @Option(help: L("随机种子。", "Random seed."))
    var seed: UInt64 = 1

    @Option(help: L("搜索时间上限，单位：秒。", "Upper bound on search time, in seconds."))
    var timeLimit: Double = 120

    func run() throws {
        let replanned = try Terminal.run(store.lang) {
            try Planning.replan(store.office, out: out, reason: reason, seed: seed, timeLimit: timeLimit, notice: $0)
        }
        let (output, n, previous, why, pins) = (replanned.output, replanned.version, replanned.previous, replanned.reason, replanned.pins)
        let result = output.result
        let d = result.disruption
        // Rounded to what is printed; + 0 turns -0.0 into 0.0.
        let km = ((result.score.travelKm - previous.summary.travel_km) * 10).rounded() / 10 + 0
        if store.lang == .zh {
            print("第 \(n) 版（由第 \(previous.info.number) 版重排）：\(why)")
            print("代价：改期 \(d.sessionsRedated) 个场次（\(d.datesChanged) 天），换讲师 \(d.sessionsRestaffed) 个场次（\(d.trainersChanged) 人次），换场地 \(d.venuesChanged) 个，取消 \(d.sessionsDropped) 个，学员变动 \(d.attendeesMoved) 人")
            print(String(format: "未安排 %d → %d；讲师路程 %.1f → %.1f 公里（%+.1f）；用时 %.2f 秒；固定项 %d 个场次全部保持",
                         previous.summary.unscheduled, result.unscheduled.count, previous.summary.travel_km, result.score.travelKm, km, result.seconds, pins))
            print("计划已写入 \(out)/；xiangxing diff \(previous.info.number) \(n) 列出需通知的讲师和县区。")
        } else {
            print("Version \(n) (re-planned from \(previous.info.number)): \(why)")
            print("Cost: \(d.sessionsRedated) session(s) re-dated (\(d.datesChanged) dates), \(d.sessionsRestaffed) re-staffed (\(d.trainersChanged) trainers), \(d.venuesChanged) venue(s) changed, \(d.sessionsDropped) dropped, \(d.attendeesMoved) attendee(s) moved")
            print(String(format: "unscheduled %d → %d; trainer km %.1f → %.1f (%+.1f); %.2f s; all %d pinned session(s) kept",
                         previous.summary.unscheduled, result.unscheduled.count, previous.summary.travel_km, result.score.travelKm, km, result.seconds, pins))
            print("Written to \(out)/; xiangxing diff \(previous.info.number) \(n) lists the trainers and counties to tell.")
        }
    }
}
