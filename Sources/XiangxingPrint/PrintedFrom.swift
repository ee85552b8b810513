import Foundation
import XiangxingCore

/// Which plan a printout was made from, and when it was printed: every
/// sheet carries both, so a clerk can tell a 第1版 sheet from a 第3版 one
/// of the same class.
///
///     PrintedFrom(plan: "第3版", on: Day(iso: "2019-09-02")!).line   // "计划第3版　打印日期 2019-09-02"
public struct PrintedFrom: Hashable, Sendable {
    /// "第3版" for a version of the store; for a plan folder, its name and
    /// date ("未入库的计划 plan-out（2019-08-20）").
    public var plan: String
    public var printedOn: Day

    public init(plan: String, on day: Day) {
        self.plan = plan
        self.printedOn = day
    }

    /// "计划第3版　打印日期 2019-09-02".
    public var line: String {
        let plan = plan.hasPrefix("第") ? "计划\(plan)" : plan
        return "\(plan)　打印日期 \(printedOn.iso)"
    }

    /// Today in Asia/Shanghai, the office's calendar.
    public static func today(_ now: Date = Date()) -> Day {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: now)
        return Day(year: c.year!, month: c.month!, day: c.day!)!
    }

    /// The label of a plan folder outside the store: its name and the date
    /// of its summary.json (else plan.csv), "未入库的计划 plan-out（2019-08-20）".
    public static func folderLabel(_ folder: URL) -> String {
        var label = "未入库的计划 \(folder.standardizedFileURL.lastPathComponent)"
        for file in ["summary.json", "plan.csv"] {
            let path = folder.appendingPathComponent(file).path
            if let date = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date {
                label += "（\(today(date).iso)）"
                break
            }
        }
        return label
    }
}
