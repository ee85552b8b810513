import Foundation
import XiangxingCore
import XiangxingICS
import XiangxingIO
import XiangxingStore

/// `milestones`: the programme's calendar, from a scenario folder's
/// milestones.csv or the store's current scenario, and its .ics feed.
public enum MilestonesDesk {
    public struct Read: Sendable {
        public var milestones: [Milestone]
        /// When they were last revised (the file's time, or the scenario's import), seconds since 1970.
        public var revised: Int
        /// Where they come from: the folder, or the scenario's name.
        public var source: String
    }

    /// From `folder` when given, else the store's current scenario (an empty
    /// list is said to `notice`).
    public static func read(folder: String?, office: OfficeStore, notice: Notice) throws -> Read {
        let zh = office.language == .zh
        if let folder {
            let loaded = try ScenarioFolder.load(folder, office.language, notice: notice)
            guard let list = try ScenarioDesk.milestones(loaded, office.language, notice: notice) else {
                throw OfficeError(zh ? "\(folder) 中没有 \(MilestonesReading.fileName)（格式见 docs/scenario-format.md）"
                                    : "\(folder) has no \(MilestonesReading.fileName) (format: docs/scenario-format.md)")
            }
            let file = loaded.folder.appendingPathComponent(MilestonesReading.fileName).path
            let made = (try? FileManager.default.attributesOfItem(atPath: file)[.modificationDate] as? Date) ?? Date()
            return Read(milestones: list, revised: Int(made.timeIntervalSince1970), source: folder)
        }
        guard office.isServer || FileManager.default.fileExists(atPath: office.path) else {
            throw OfficeError(zh ? "没有数据库 \(office.name)：给出场景文件夹，或先 xiangxing import 场景文件夹"
                                 : "no store \(office.name): give a scenario folder, or xiangxing import SCENARIO first")
        }
        let db = try office.open()
        let (_, id) = try office.scenario(db)
        let (info, list) = try office.attempt { (try db.scenarioInfo(id), try db.milestones(scenario: id)) }
        if list.isEmpty {
            notice(zh ? "当前场景没有里程碑：在场景文件夹中放入 milestones.csv 后重新 xiangxing import"
                      : "the current scenario has no milestones: put milestones.csv in its folder and xiangxing import again")
        }
        return Read(milestones: list, revised: Int((info?.importedAt ?? Date()).timeIntervalSince1970), source: info?.name ?? office.name)
    }

    /// The milestones as an .ics calendar (one all-day event each, stable UIDs).
    public static func calendar(_ read: Read, _ language: Language) -> String {
        MilestonesFeed.text(read.milestones, revised: read.revised, language: language, description: read.source)
    }

    /// Writes the calendar to `path` whole (atomically) or not at all.
    public static func writeCalendar(_ read: Read, to path: String, _ language: Language) throws {
        do {
            try Data(calendar(read, language).utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
        } catch {
            throw OfficeError(language == .zh ? "无法写出 \(path)：\(error.localizedDescription)" : "cannot write \(path): \(error.localizedDescription)")
        }
    }
}
