import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the plan folder of any stored version.",
        discussion: "Example:\n  xiangxing export --version 1 --out plan-v1")
    @OptionGroup var store: StoreOptions
    @Option(help: "Version number (default: the latest).") var version: Int?
    @Option(help: "Folder to write (replaced as a whole).") var out: String
    func run() throws {
        let db = try store.open()
        let v = try store.version(db, version)
        try OutputTarget.attempt(store.lang) {
            try PlanFolder.write(v.plan, summary: v.summary, to: URL(fileURLWithPath: out), withAssignments: v.withAssignments,
                                 extraFiles: v.extraFiles.map { (name: $0.name, text: $0.text) }, protecting: [URL(fileURLWithPath: store.db)])
        }
        print(store.lang == .zh ? "第 \(v.info.number) 版已写入 \(out)/" : "Version \(v.info.number) written to \(out)/")
    }
}

enum DiffFormat: String, ExpressibleByArgument { case text, csv }

struct Diff: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "What changed between two plan versions, grouped by who must be told.",
        discussion: """
        Lists each trainer with their old and new engagements and each county with its moved \
        sessions and the people affected. Text to print, or CSV for a spreadsheet.

        Example:
          xiangxing diff 1 2
          xiangxing diff 1 2 --format csv > 通知名单.csv
        """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "The older version.") var a: Int
    @Argument(help: "The newer version.") var b: Int
    @Option(help: "text (default) or csv.") var format: DiffFormat = .text
    func run() throws {
        let db = try store.open()
        let (index, _) = try store.scenario(db)
        let va = try store.version(db, a), vb = try store.version(db, b)
        let d = PlanDiff(old: va.plan, new: vb.plan)
        let words = DiffText(index: index, language: store.lang)
        switch format {
        case .text: print(words.text(d, from: store.lang == .zh ? "第\(a)版" : "v\(a)", to: store.lang == .zh ? "第\(b)版" : "v\(b)"))
        case .csv: print(words.csv(d), terminator: "")
        }
    }
}

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Why a session sits where it is, or why an item is left out and what would let it in.",
        discussion: """
        SESSION is a session id of plan.csv (D001-2, XCX-2019-09@411328); REF is a demand or \
        tour id, explaining each of its sessions and left-out items.

        Example:
          xiangxing explain D001-2
          xiangxing explain D900
        """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "A session id, or a demand or tour id.") var target: String
    @Option(help: "Version number (default: the latest).") var version: Int?
    func run() throws {
        let db = try store.open()
        let (index, _) = try store.scenario(db)
        let v = try store.version(db, version)
        let explainer = Explainer(index: index, sessions: v.plan.sessions)
        let text = ExplainText(index: index, language: store.lang)
        let placed = v.plan.sessions.filter { $0.id == target || $0.ref == target }
        for s in placed { print(text.render(explainer.explain(placed: s))); print("") }
        // Left out: re-derive the cause against this version's bookings.
        // A demand or tour id, or a session id of one (D007-2, XCX-2019-09@411328).
        let left = v.plan.unscheduled.filter { $0.ref == target || target.hasPrefix($0.ref + "-") || target.hasPrefix($0.ref + "@") }
        if !left.isEmpty {
            let diagnoses = Planner(index: index).diagnose(sessions: v.plan.sessions).filter { $0.ref == target || $0.sessionID == target }
            for u in diagnoses { print(text.render(u, remedy: explainer.remedy(for: u))); print("") }
        }
        if placed.isEmpty && left.isEmpty {
            Terminal.error(store.lang == .zh ? "第 \(v.info.number) 版里没有 \(target)：请用 plan.csv 的 session 或 ref 列" : "\(target) is not in version \(v.info.number): use plan.csv's session or ref column")
            throw ExitCode(1)
        }
    }
}

struct Status: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The latest version's headline figures and what changed since the version before.",
        discussion: "Example:\n  xiangxing status")
    @OptionGroup var store: StoreOptions
    func run() throws {
        let db = try store.open()
        let zh = store.lang == .zh
        let versions = try db.versions()
        guard let latest = versions.last else {
            print(zh ? "数据库 \(store.db) 还没有计划版本。先 xiangxing import 场景，再 xiangxing plan --out 文件夹。"
                     : "The store \(store.db) has no plan version yet. Run xiangxing import SCENARIO, then xiangxing plan --out DIR.")
            return
        }
        let s = latest.summary
        let when = ISO8601DateFormatter().string(from: latest.createdAt)
        print(zh ? "第 \(latest.number) 版（\(when)，\(latest.author)）：\(latest.reason)" : "Version \(latest.number) (\(when), \(latest.author)): \(latest.reason)")
        print(String(format: zh ? "  已安排 %d，未安排 %d，讲师路程 %.1f 公里，违反硬规则 %d" : "  %d scheduled, %d unscheduled, trainer km %.1f, %d hard violations",
                     s.scheduled, s.unscheduled, s.travel_km, s.hard_violations))
        let pending = try db.events().filter { $0.id > (latest.lastEventID ?? 0) && $0.kind != .versionSaved }
        if !pending.isEmpty {
            print(zh ? "  之后记录的变动（尚未重排）：" : "  Changes recorded since (not yet re-planned):")
            for e in pending { print("    " + e.description.text(store.lang)) }
        }
        if versions.count >= 2 {
            let prev = versions[versions.count - 2]
            let a = try store.version(db, prev.number), b = try store.version(db, latest.number)
            let d = PlanDiff(old: a.plan, new: b.plan)
            print(zh ? String(format: "  与第 %d 版相比：变动 %d 个场次，涉及讲师 %d 人、县区 %d 个，学员变动 %d 人；路程 %+.1f 公里",
                              prev.number, d.changes.count, d.byTrainer.count, Set(d.byCounty.keys).union(d.attendeesMoved.keys).count,
                              d.attendeesMoved.values.reduce(0, +), s.travel_km - prev.summary.travel_km)
                     : String(format: "  Against version %d: %d session(s) changed, %d trainer(s) and %d count(ies) to tell, %d attendee(s) moved; km %+.1f",
                              prev.number, d.changes.count, d.byTrainer.count, Set(d.byCounty.keys).union(d.attendeesMoved.keys).count,
                              d.attendeesMoved.values.reduce(0, +), s.travel_km - prev.summary.travel_km))
        }
    }
}
