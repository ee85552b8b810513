import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingPrint
import XiangxingStore

/// Trainers' itineraries (讲师行程表) as `xiangxing itinerary` writes them and
/// a trainer's page serves them: each with the engagements earlier stored
/// versions gave the trainer and this one lacks (已取消), the plan version
/// and the print time. One flow for both shells, so the PDF a trainer
/// downloads and the calendar their phone polls are the files the office
/// would print.
///
///     let made = try Itineraries.prepare(.store(office, version: nil), store: office.path, trainer: "T009", notice: { _ in })
///     let ics = try made.calendar(made.itineraries[0])
public enum Itineraries {
    public enum Format: String, Sendable, CaseIterable { case pdf, ics, txt }

    /// The itineraries of one plan, ready to print.
    public struct Prepared: Sendable {
        /// The one trainer asked for, or every trainer in trainers.csv order (idle ones included).
        public var itineraries: [Itinerary]
        /// Each trainer's itineraries in the store's earlier versions, oldest first.
        public var history: [String: [ItineraryVersion]]
        /// When the plan was saved (or plan.csv written), seconds since 1970.
        public var revised: Int
        /// The store's number of the plan; nil for a folder the store does not hold.
        public var version: Int?

        /// The phone calendar: every event of the earlier versions kept, a dropped one `STATUS:CANCELLED`.
        public func calendar(_ it: Itinerary) throws -> String {
            try ItineraryCalendar.text(it, revised: revised, earlier: history[it.trainer.id] ?? [])
        }
    }

    /// Reads the plan and makes the itineraries of `trainer` (an id or a
    /// name no other trainer has), or of every trainer for nil. `store` is
    /// the store a plan folder is looked up in for its version and history.
    public static func prepare(_ source: PlanSourceChoice, store: String?, trainer: String?, language: Language = .zh,
                               printed: Date = Date(), notice: Notice) throws -> Prepared {
        // The store's latest version, as every trainer page and feed reads it: from the shared snapshot.
        if case .store(let office, nil) = source {
            let snap = try TrainerSnapshots.shared.snapshot(office)
            return try prepare(index: snap.index, plan: snap.latest.plan, revised: snap.latest.revised,
                               lineage: PlanLineage(version: snap.latest.number, earlier: Array(snap.versions.dropLast())),
                               trainer: trainer, language: language, printed: printed, notice: notice)
        }
        let read = try PlanSourceReader.load(source, language, notice: notice)
        return try prepare(index: ScenarioIndex(read.scenario), plan: read.plan,
                           revised: Int(read.revised.timeIntervalSince1970.rounded(.down)),
                           lineage: PlanLineage.find(source, store: store, plan: read.plan),
                           trainer: trainer, language: language, printed: printed, notice: notice)
    }

    static func prepare(index: ScenarioIndex, plan: Plan, revised: Int, lineage: PlanLineage, trainer: String?, language: Language,
                        printed: Date, notice: Notice) throws -> Prepared {
        let read = (scenario: index.scenario, plan: plan)
        var chosen: [Itinerary]
        if let wanted = trainer {
            let id = try OfficeNames.trainer(wanted, in: index, language, notice: notice).id
            guard let one = Itinerary(trainer: id, plan: read.plan, index: index) else {
                throw OfficeError(unknownTrainer(wanted, trainers: read.scenario.trainers, language))
            }
            chosen = [one]
        } else {
            chosen = Itinerary.all(plan: read.plan, index: index)
        }
        let at = Int(printed.timeIntervalSince1970.rounded(.down))
        var history: [String: [ItineraryVersion]] = [:]
        let wanted = Set(chosen.map(\.trainer.id))
        for v in lineage.earlier {
            for id in wanted {
                guard let it = Itinerary(trainer: id, plan: v.plan, index: index) else { continue }
                history[id, default: []].append(ItineraryVersion(number: v.number, revised: v.revised, itinerary: it))
            }
        }
        chosen = chosen.map { it in
            var it = it.noting(earlier: history[it.trainer.id] ?? [], version: lineage.version)
            it.edition = PrintEdition(version: lineage.version, planRevised: revised, printed: at)
            return it
        }
        return Prepared(itineraries: chosen, history: history, revised: revised, version: lineage.version)
    }

    /// The PDF of one itinerary, as bytes (a download).
    public static func pdf(_ it: Itinerary) throws -> Data {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-itinerary-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("itinerary.pdf")
        do { try ItineraryPDF.write([it], to: url) } catch {
            throw OfficeError("无法生成行程表 PDF：\(error)")
        }
        return try Data(contentsOf: url)
    }

    /// One written file.
    public struct WrittenFile: Sendable {
        public var name: String
        public var itinerary: Itinerary
    }

    /// Writes `prepared`'s itineraries into `out` as `format` (beside the
    /// folder, then swapped in whole; files written there before are carried
    /// over, docs/guarantees.md); trainers with neither work nor
    /// cancellations are left out when `skipIdle`.
    public static func write(_ prepared: Prepared, format: Format, out: String, skipIdle: Bool, protecting: [String],
                             language: Language = .zh) throws -> [WrittenFile] {
        let zh = language == .zh
        let chosen = skipIdle ? prepared.itineraries.filter { !($0.engagements.isEmpty && $0.cancelled.isEmpty) } : prepared.itineraries
        let target = try OfficeFolders.prepare(out, kind: .itinerary, protecting: protecting, language: language, carryOver: true)
        var written: [WrittenFile] = []
        for it in chosen {
            let name = fileName(it, format: format)
            let url = target.staging.appendingPathComponent(name)
            do {
                switch format {
                case .pdf: try ItineraryPDF.write([it], to: url)
                case .ics: try AtomicFile.write(try prepared.calendar(it), to: url)
                case .txt: try AtomicFile.write(try ItineraryText.text(it), to: url)
                }
            } catch {
                let shown = target.target.appendingPathComponent(name).path
                throw OfficeError(zh ? "无法写出 \(shown)：\(error)" : "could not write \(shown): \(error)")
            }
            written.append(WrittenFile(name: name, itinerary: it))
        }
        try OfficeFolders.attempt(language) { try target.commit() }
        return written
    }

    /// `T009-解红伟.pdf`; characters a file system or a phone would choke on become `_`.
    public static func fileName(_ it: Itinerary, format: Format) -> String {
        let unsafe = CharacterSet(charactersIn: "/\\:*?\"<>|").union(.whitespacesAndNewlines).union(.controlCharacters)
        let clean = { (s: String) in String(s.unicodeScalars.map { unsafe.contains($0) ? "_" : Character($0) }) }
        return "\(clean(it.trainer.id))-\(clean(it.trainer.name)).\(format.rawValue)"
    }

    static func unknownTrainer(_ wanted: String, trainers: [Trainer], _ language: Language) -> String {
        let zh = language == .zh
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
}

/// The store's versions behind the plan being printed: its number, and the
/// versions before it, whose engagements a trainer's phone and papers may
/// still hold. Read from the store when no folders are given; for a plan
/// folder, the newest stored version with exactly its sessions (a folder the
/// store does not hold has no number and no history).
public struct PlanLineage: Sendable {
    public struct Earlier: Sendable { public var number: Int; public var revised: Int; public var plan: Plan }
    public var version: Int?
    public var earlier: [Earlier] = []

    public static func find(_ source: PlanSourceChoice, store path: String?, plan: Plan) -> PlanLineage {
        let wantedVersion: Int?, fromFolder: Bool, db: String?
        switch source {
        case .store(let office, let version): (wantedVersion, fromFolder, db) = (version, false, office.path)
        case .folders: (wantedVersion, fromFolder, db) = (nil, true, path)
        }
        guard let db, OfficeStore(path: db).isServer || FileManager.default.fileExists(atPath: db),
              let store = try? PlanStore(path: db),
              let infos = try? store.versions(), !infos.isEmpty else { return PlanLineage(version: nil) }
        let number: Int?
        if !fromFolder {
            number = wantedVersion ?? infos.last?.number
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
