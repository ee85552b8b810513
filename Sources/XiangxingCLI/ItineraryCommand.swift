import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingPrint
import XiangxingStore

enum ItineraryFormat: String, ExpressibleByArgument, CaseIterable {
    case pdf, ics, txt
}

struct ItineraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itinerary",
        abstract: L("生成讲师行程表，格式为 PDF、日历（.ics）或文本。",
                    "Write trainers' itineraries (讲师行程表) as PDF, calendar (.ics) or text."),
        discussion: L("""
            为一位讲师（--trainer）或计划中有任务的全部讲师（--all）生成行程：按日期列出每项任务\
            的县区、场地及地址、课程、同行讲师、往返路程（公里、分钟），以及两项任务之间的空闲\
            工作日。文件名为“讲师编号-姓名.格式”，写入 --out 文件夹（不存在时自动创建）；每个\
            文件整体替换，不会只写一半。行程表不印讲师电话。讲师可写编号或姓名；同名的讲师须写编号。

            .ics 日历每项任务一个全天事件。事件 UID 由场次编号和讲师编号组成，导入更新后计划\
            的日历时会移动原有事件而不是重复添加；DTSTAMP 和 SEQUENCE 取自 plan.csv 的修改\
            时间，新计划覆盖旧计划。

            示例：
              xiangxing itinerary scenarios/nanyang-2019 plan-out --trainer T009 --out itineraries
              xiangxing itinerary scenarios/nanyang-2019 plan-out --trainer 解红伟 --format txt --out itineraries
              xiangxing itinerary scenarios/nanyang-2019 plan-out --all --format ics --out itineraries
            """, """
        For one trainer (--trainer) or every trainer with work in the plan (--all): each \
        engagement in date order with county, venue and address, course, co-trainers, the \
        road there and back (km, minutes) and the working days free between engagements. \
        Files are named <trainer id>-<name>.<format> in the --out folder (created if \
        missing); each is replaced whole, never half-written. Trainers' phones are not printed.

        The .ics calendar has one all-day event per engagement. Its UID comes from the \
        session and trainer ids, so importing the file of an updated plan moves the events \
        instead of adding copies. When the plan is a version of the store (read from it, or \
        a folder the store holds), every engagement an earlier version gave the trainer and \
        this one lacks is written as cancelled (STATUS:CANCELLED), so the phone drops it, \
        and listed as 已取消 in the PDF and text; SEQUENCE grows in each version in which \
        the event changed. The PDF and text name the plan version and the print time; the \
        calendar names the version (X-WR-CALDESC, and 安排依据 in each event).

        Examples:
          xiangxing itinerary scenarios/nanyang-2019 plan-out --trainer T009 --out itineraries
          xiangxing itinerary scenarios/nanyang-2019 plan-out --all --format ics --out itineraries
        """))

    @OptionGroup var options: PlanSource


    @Option(help: L("讲师编号（trainers.csv 中的 id，如 T009），或没有重名时的姓名。", "The trainer's id in trainers.csv (e.g. T009), or their name if no other trainer has it."))
    var trainer: String?

    @Flag(help: L("为计划中有任务的每位讲师各生成一个文件。", "One file for every trainer who has work in the plan."))
    var all = false

    @Option(help: L("文件格式：pdf（A4 表格）、ics（手机日历）或 txt（纯文本）。", "pdf (A4 table), ics (calendar for phones) or txt (plain text)."))
    var format: ItineraryFormat = .pdf

    @Option(help: L("写出文件的文件夹（不存在时自动创建）。", "Folder to write into (created if missing)."))
    var out: String

    func validate() throws {
        if all == (trainer != nil) {
            throw ValidationError(options.lang == .zh
                ? "请给出 --trainer 讲师编号，或用 --all 为全部讲师生成（二者选一）。"
                : "Give either --trainer ID or --all (one of the two).")
        }
    }

    func run() throws {
        let zh = options.lang == .zh
        let (scenario, plan, made) = try options.load()
        let index = ScenarioIndex(scenario)

        var chosen: [Itinerary]
        if let wanted = trainer {
            let id = try Named.trainer(wanted, in: index, options.lang).id
            guard let one = Itinerary(trainer: id, plan: plan, index: index) else {
                Terminal.error(Self.unknownTrainer(wanted, trainers: scenario.trainers, zh: zh))
                throw ExitCode(1)
            }
            chosen = [one]
        } else {
            chosen = Itinerary.all(plan: plan, index: index)
        }
        let revised = Int(made.timeIntervalSince1970.rounded(.down))
        let lineage = PlanLineage.find(options, plan: plan)
        let printed = Int(Date().timeIntervalSince1970.rounded(.down))
        var history: [String: [ItineraryVersion]] = [:]
        for v in lineage.earlier {
            for it in Itinerary.all(plan: v.plan, index: index) {
                history[it.trainer.id, default: []].append(ItineraryVersion(number: v.number, revised: v.revised, itinerary: it))
            }
        }
        chosen = chosen.map { it in
            var it = it.noting(earlier: history[it.trainer.id] ?? [], version: lineage.version)
            it.edition = PrintEdition(version: lineage.version, planRevised: revised, printed: printed)
            return it
        }
        // A trainer idle now but with cancelled work still needs the file that cancels it.
        let idle = chosen.filter { $0.engagements.isEmpty && $0.cancelled.isEmpty }
        if all { chosen.removeAll { $0.engagements.isEmpty && $0.cancelled.isEmpty } }

        // Written beside the folder, then swapped in whole; itineraries written
        // there before are carried over (docs/guarantees.md).
        let target = try OutputTarget.prepare(out, kind: .itinerary, protecting: options.protectedPaths, language: options.lang, carryOver: true)
        let folder = target.staging
        var written: [String] = []
        for it in chosen {
            let url = folder.appendingPathComponent(Self.fileName(it, format: format))
            do {
                switch format {
                case .pdf: try ItineraryPDF.write([it], to: url)
                case .ics: try AtomicFile.write(try ItineraryCalendar.text(it, revised: revised, earlier: history[it.trainer.id] ?? []), to: url)
                case .txt: try AtomicFile.write(try ItineraryText.text(it), to: url)
                }
            } catch {
                let shown = target.target.appendingPathComponent(url.lastPathComponent).path
                Terminal.error(zh ? "无法写出 \(shown)：\(error)" : "could not write \(shown): \(error)")
                throw ExitCode(1)
            }
            written.append(url.lastPathComponent)
            let km = ItineraryWording.km(it.km)
            let gone = it.cancelled.isEmpty ? "" : zh ? "，已取消 \(it.cancelled.count) 项" : ", \(it.cancelled.count) cancelled"
            print(zh ? "\(url.lastPathComponent)：\(it.engagements.count) 项任务，授课 \(it.teachingDays) 天，路程 \(km)\(gone)"
                     : "\(url.lastPathComponent): \(it.engagements.count) engagement(s), \(it.teachingDays) teaching day(s), \(km.replacingOccurrences(of: "公里", with: "km"))\(gone)")
        }
        try OutputTarget.attempt(options.lang) { try target.commit() }
        if all {
            print(zh ? "已为 \(written.count) 位讲师写出行程（\(out)/）；另有 \(idle.count) 位讲师在本计划中没有任务，未生成文件。"
                     : "Wrote itineraries of \(written.count) trainer(s) into \(out)/; \(idle.count) trainer(s) have no work in this plan and got no file.")
        } else if let it = chosen.first, it.engagements.isEmpty {
            print(zh ? "\(it.trainer.name)（\(it.trainer.id)）在本计划中没有任务；已写出空行程。"
                     : "\(it.trainer.name) (\(it.trainer.id)) has no work in this plan; wrote an empty itinerary.")
        }
    }

    static func unknownTrainer(_ wanted: String, trainers: [Trainer], zh: Bool) -> String {
        let ids = trainers.map(\.id)
        let range = ids.isEmpty ? "" : ids.count == 1 ? ids[0] : "\(ids.first!) … \(ids.last!)"
        let sameName = trainers.filter { $0.name == wanted }.map(\.id)
        if sameName.count > 1 {
            return zh ? "有 \(sameName.count) 位讲师叫“\(wanted)”（\(sameName.joined(separator: "、"))）：请用 --trainer 给出编号。"
                      : "\(sameName.count) trainers are called \"\(wanted)\" (\(sameName.joined(separator: ", "))): give the id with --trainer."
        }
        return zh ? "未知讲师“\(wanted)” — 讲师编号见场景的 trainers.csv 第一列 id（共 \(ids.count) 位：\(range)）；或用 --all 为全部讲师生成。"
                  : "unknown trainer \"\(wanted)\" — trainer ids are the id column of the scenario's trainers.csv (\(ids.count) trainers: \(range)); or use --all for every trainer."
    }

    /// `T009-解红伟.pdf`; characters a file system or a phone would choke on become `_`.
    static func fileName(_ it: Itinerary, format: ItineraryFormat) -> String {
        let unsafe = CharacterSet(charactersIn: "/\\:*?\"<>|").union(.whitespacesAndNewlines).union(.controlCharacters)
        let clean = { (s: String) in String(s.unicodeScalars.map { unsafe.contains($0) ? "_" : Character($0) }) }
        return "\(clean(it.trainer.id))-\(clean(it.trainer.name)).\(format.rawValue)"
    }

}

/// The store's versions behind the plan being printed: its number, and the
/// versions before it, whose engagements a trainer's phone and papers may
/// still hold. Read from the store (`--db`) when no folders are given; for
/// a plan folder, the newest stored version with exactly its sessions (a
/// folder the store does not hold has no number and no history).
struct PlanLineage {
    struct Earlier { var number: Int; var revised: Int; var plan: Plan }
    var version: Int?
    var earlier: [Earlier] = []

    static func find(_ source: PlanSource, plan: Plan) -> PlanLineage {
        guard FileManager.default.fileExists(atPath: source.db),
              let store = try? PlanStore(path: source.db),
              let infos = try? store.versions(), !infos.isEmpty else { return PlanLineage(version: nil) }
        let number: Int?
        if source.scenario == nil {
            number = source.version ?? infos.last?.number
        } else {
            number = infos.reversed().first { info in
                (try? store.version(info.number))??.plan.sessions == plan.sessions
            }?.number
        }
        guard let number else { return PlanLineage(version: nil) }
        let earlier = infos.filter { $0.number < number }.compactMap { info -> Earlier? in
            guard let v = try? store.version(info.number) else { return nil }
            return Earlier(number: info.number, revised: Int(info.createdAt.timeIntervalSince1970.rounded(.down)), plan: v.plan)
        }
        return PlanLineage(version: number, earlier: earlier)
    }
}
