import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingPrint

enum ItineraryFormat: String, ExpressibleByArgument, CaseIterable {
    case pdf, ics, txt
}

struct ItineraryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "itinerary",
        abstract: "Write trainers' itineraries (讲师行程表) as PDF, calendar (.ics) or text.",
        discussion: """
        For one trainer (--trainer) or every trainer with work in the plan (--all): each \
        engagement in date order with county, venue and address, course, co-trainers, the \
        road there and back (km, minutes) and the working days free between engagements. \
        Files are named <trainer id>-<name>.<format> in the --out folder (created if \
        missing); each is replaced whole, never half-written. Trainers' phones are not printed.

        The .ics calendar has one all-day event per engagement. Its UID comes from the \
        session and trainer ids, so importing the file of an updated plan moves the events \
        instead of adding copies; its DTSTAMP and SEQUENCE come from plan.csv's modification \
        time, so the newer plan wins.

        Examples:
          xiangxing itinerary scenarios/nanyang-2019 plan-out --trainer T009 --out itineraries
          xiangxing itinerary scenarios/nanyang-2019 plan-out --all --format ics --out itineraries
        """)

    @OptionGroup var options: PlanSource


    @Option(help: "The trainer's id in trainers.csv (e.g. T009), or their name if no other trainer has it.")
    var trainer: String?

    @Flag(help: "One file for every trainer who has work in the plan.")
    var all = false

    @Option(help: "pdf (A4 table), ics (calendar for phones) or txt (plain text).")
    var format: ItineraryFormat = .pdf

    @Option(help: "Folder to write into (created if missing).")
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
            guard let id = Self.trainerID(wanted, in: scenario.trainers),
                  let one = Itinerary(trainer: id, plan: plan, index: index) else {
                Terminal.error(Self.unknownTrainer(wanted, trainers: scenario.trainers, zh: zh))
                throw ExitCode(1)
            }
            chosen = [one]
        } else {
            chosen = Itinerary.all(plan: plan, index: index)
        }
        let idle = chosen.filter { $0.engagements.isEmpty }
        if all { chosen.removeAll { $0.engagements.isEmpty } }

        // Written beside the folder, then swapped in whole; itineraries written
        // there before are carried over (docs/guarantees.md).
        let target = try OutputTarget.prepare(out, kind: .itinerary, protecting: options.protectedPaths, language: options.lang, carryOver: true)
        let folder = target.staging
        let revised = Int(made.timeIntervalSince1970.rounded(.down))
        var written: [String] = []
        for it in chosen {
            let url = folder.appendingPathComponent(Self.fileName(it, format: format))
            do {
                switch format {
                case .pdf: try ItineraryPDF.write([it], to: url)
                case .ics: try AtomicFile.write(try ItineraryCalendar.text(it, revised: revised), to: url)
                case .txt: try AtomicFile.write(try ItineraryText.text(it), to: url)
                }
            } catch {
                let shown = target.target.appendingPathComponent(url.lastPathComponent).path
                Terminal.error(zh ? "无法写出 \(shown)：\(error)" : "could not write \(shown): \(error)")
                throw ExitCode(1)
            }
            written.append(url.lastPathComponent)
            let km = ItineraryWording.km(it.km)
            print(zh ? "\(url.lastPathComponent)：\(it.engagements.count) 项任务，授课 \(it.teachingDays) 天，路程 \(km)"
                     : "\(url.lastPathComponent): \(it.engagements.count) engagement(s), \(it.teachingDays) teaching day(s), \(km.replacingOccurrences(of: "公里", with: "km"))")
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

    /// An id of trainers.csv, or a name exactly one trainer has.
    static func trainerID(_ wanted: String, in trainers: [Trainer]) -> String? {
        let key = wanted.trimmingCharacters(in: .whitespaces)
        if let t = trainers.first(where: { $0.id == key || $0.id.caseInsensitiveCompare(key) == .orderedSame }) { return t.id }
        let named = trainers.filter { $0.name == key }
        return named.count == 1 ? named[0].id : nil
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

    /// When the plan was made or last edited: plan.csv's modification time
    /// (whole seconds since 1970), else now.
}
