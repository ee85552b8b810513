import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice

struct Validate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: L("读取场景文件夹，列出其中全部问题，或打印数据清单。",
                    "Read a scenario folder and report every problem in it, or print its inventory."),
        discussion: L("""
            读取 SCENARIO.md 规定的每个文件（UTF-8、带 BOM 的 UTF-8 或 GB18030 编码，表头中英文\
            均可），核对相互引用、身份证号校验码以及讲师和场地的日历。问题一次全部列出，格式为\
            “文件:行: 字段: 问题 — 处理办法”；有问题时退出码为 1。

            示例：
              xiangxing validate scenarios/nanyang-2019
            """, """
        Reads every file SCENARIO.md defines (UTF-8, UTF-8 with BOM or GB18030, English \
        or Chinese headers), checks cross-references, resident-ID check digits and the \
        trainers' and venues' calendars. Problems are listed as file:line: field: what is \
        wrong — what to do, all at once; the exit status is 1 when there are any. \
        Warnings (data that may be right, such as a trainer without qualifications) \
        are printed on stderr the same way and the exit status stays 0.

        Example:
          xiangxing validate scenarios/nanyang-2019
        """))

    @OptionGroup var options: ScenarioOptions

    func run() throws {
        // The scenario, targets.csv adding up to scenario.csv's totals (docs/programme.md) and
        // milestones.csv (docs/scenario-format.md), read as import reads them.
        let read = try Terminal.run(options.lang) { try ScenarioDesk.read(options.scenario, options.lang, notice: $0) }
        print(Inventory(read.loaded).render(options.lang))
    }
}

/// The short count of what a scenario holds.
struct Inventory {
    let loaded: LoadedScenario
    init(_ loaded: LoadedScenario) { self.loaded = loaded }

    func render(_ lang: Language) -> String {
        let s = loaded.scenario
        let classes = s.demands.reduce(0) { $0 + $1.classes }
        let blockedTrainerDays = s.trainers.reduce(0) { $0 + $1.blocked.count }
        let blockedVenueDays = s.venues.reduce(0) { $0 + $1.blocked.count }
        let mentees = s.stops.reduce(0) { $0 + $1.mentees }
        let withCalendars = s.trainers.filter { !$0.blocked.isEmpty }.count
        let period = s.settings.period
        let daysOff = s.holidays.holidays.keys.filter { period.contains($0) }.count
        let daysWorked = s.holidays.workdays.keys.filter { period.contains($0) }.count
        let encodings = Set(loaded.encodings.values.map(\.rawValue)).sorted().joined(separator: ", ")
        if lang == .zh {
            return """
            \(s.settings.name)（\(s.settings.start) 至 \(s.settings.end)）
              县区      \(s.counties.count)
              课程类别  \(s.kinds.count)
              场地      \(s.venues.count)（日历不可用 \(blockedVenueDays) 场地·天）
              讲师      \(s.trainers.count)（\(withCalendars) 人有日历，不可用 \(blockedTrainerDays) 讲师·天）
              培训需求  \(s.demands.count) 行，共 \(classes) 期
              乡村行    \(s.tours.count) 次活动，\(s.stops.count) 个站点，帮扶 \(mentees) 人次
              停课期    \(s.blackouts.count) 段
              学员      \(s.attendees.map { String($0.count) } ?? "无 attendees.csv")
              节假日    \(loaded.holidayFile.lastPathComponent)：规划期内 \(daysOff) 天放假，\(daysWorked) 天调休上班
              编码      \(encodings)
            \(loaded.warnings.isEmpty ? "场景无误。" : "场景可用，有 \(loaded.warnings.count) 条警告（见上）。")
            """
        }
        return """
        \(s.settings.name) (\(s.settings.start) to \(s.settings.end))
          counties        \(s.counties.count)
          kinds           \(s.kinds.count)
          venues          \(s.venues.count) (\(blockedVenueDays) venue-days blocked by calendars)
          trainers        \(s.trainers.count) (\(withCalendars) with calendars, \(blockedTrainerDays) trainer-days blocked)
          demand          \(s.demands.count) rows, \(classes) classes
          tours           \(s.tours.count) tours, \(s.stops.count) stops, \(mentees) mentee person-times
          blackouts       \(s.blackouts.count)
          attendees       \(s.attendees.map { String($0.count) } ?? "no attendees.csv")
          holidays        \(loaded.holidayFile.lastPathComponent): \(daysOff) days off and \(daysWorked) weekend days worked in the period
          encodings       \(encodings)
        \(loaded.warnings.isEmpty ? "The scenario is sound." : "The scenario can be used, with \(loaded.warnings.count) warning(s) (above).")
        """
    }
}
