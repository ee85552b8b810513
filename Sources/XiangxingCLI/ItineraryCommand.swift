import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
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
        let lang = options.lang
        let prepared = try Terminal.run(lang) {
            try Itineraries.prepare(options.choice, store: options.db, trainer: trainer, language: lang, notice: $0)
        }
        // A trainer idle now but with cancelled work still needs the file that cancels it.
        let idle = prepared.itineraries.filter { $0.engagements.isEmpty && $0.cancelled.isEmpty }
        let written = try Terminal.run(lang) { _ in
            try Itineraries.write(prepared, format: format.office, out: out, skipIdle: all, protecting: options.protectedPaths, language: lang)
        }
        for file in written {
            let it = file.itinerary
            let km = ItineraryWording.km(it.km)
            let gone = it.cancelled.isEmpty ? "" : zh ? "，已取消 \(it.cancelled.count) 项" : ", \(it.cancelled.count) cancelled"
            print(zh ? "\(file.name)：\(it.engagements.count) 项任务，授课 \(it.teachingDays) 天，路程 \(km)\(gone)"
                     : "\(file.name): \(it.engagements.count) engagement(s), \(it.teachingDays) teaching day(s), \(km.replacingOccurrences(of: "公里", with: "km"))\(gone)")
        }
        if all {
            print(zh ? "已为 \(written.count) 位讲师写出行程（\(out)/）；另有 \(idle.count) 位讲师在本计划中没有任务，未生成文件。"
                     : "Wrote itineraries of \(written.count) trainer(s) into \(out)/; \(idle.count) trainer(s) have no work in this plan and got no file.")
        } else if let it = written.first?.itinerary, it.engagements.isEmpty {
            print(zh ? "\(it.trainer.name)（\(it.trainer.id)）在本计划中没有任务；已写出空行程。"
                     : "\(it.trainer.name) (\(it.trainer.id)) has no work in this plan; wrote an empty itinerary.")
        }
    }
}

extension ItineraryFormat {
    var office: Itineraries.Format {
        switch self {
        case .pdf: .pdf
        case .ics: .ics
        case .txt: .txt
        }
    }
}
