import Foundation
import XiangxingCore

/// Reads `milestones.csv` of a scenario folder (docs/scenario-format.md):
/// `date,end_date,title,unit,kind,note[,id]`, the programme's calendar the
/// office keeps, with located problems; nothing is returned unless every
/// row is sound.
///
///     switch MilestonesReading.read(folder: url, holidays: scenario.holidays) { … }
public enum MilestonesReading {
    public static let fileName = "milestones.csv"
    /// Far more than a year's calendar holds; a file past it is not a calendar.
    public static let maxRows = 10_000

    static let columns = [
        Column("date", ["日期", "开始日期", "时间"]),
        Column("end_date", ["结束日期", "截止至"], required: false),
        Column("title", ["事项", "工作事项", "名称"]),
        Column("unit", ["责任单位", "单位"]),
        Column("kind", ["类型", "类别"]),
        Column("note", ["备注", "说明"], required: false),
        Column("id", ["编号"], required: false),
    ]

    /// The kind as written: English keys or the Chinese words an office uses.
    static func kind(_ text: String) -> MilestoneKind? {
        if let k = MilestoneKind(rawValue: text.lowercased()) { return k }
        switch text {
        case "截止", "报送", "上报": return .deadline
        case "活动", "会议": return .event
        case "阶段", "时段": return .period
        default: return nil
        }
    }

    /// A sound milestones file: its rows, and what may be wrong but can be
    /// right (an event on a day off), for the command to print and go on.
    public struct Read: Sendable {
        public var milestones: [Milestone]
        public var warnings: [InputProblem]
    }

    /// The folder's milestones.csv; nil when the folder has none.
    public static func read(folder: URL, holidays: HolidayCalendar) -> Result<Read?, InputProblems> {
        let url = folder.appendingPathComponent(fileName)
        guard FileManager.default.fileExists(atPath: url.path) else { return .success(nil) }
        return read(file: url, name: fileName, holidays: holidays).map { Optional($0) }
    }

    /// Any error fails the whole file, every problem located (file:line: field).
    public static func read(file url: URL, name: String, holidays: HolidayCalendar) -> Result<Read, InputProblems> {
        var problems: [InputProblem] = []
        guard let (t, _) = TableSource.table(url, name: name, columns: columns, problems: &problems, lineBreaks: false) else {
            return .failure(InputProblems(problems))
        }
        let result = milestones(t, holidays: holidays)
        problems += result.problems
        if problems.contains(where: { !$0.isWarning }) { return .failure(InputProblems(problems)) }
        return .success(Read(milestones: result.milestones, warnings: problems))
    }

    static func milestones(_ t: Table, holidays: HolidayCalendar) -> (milestones: [Milestone], problems: [InputProblem]) {
        var f = FieldReader(t)
        var out: [Milestone] = []
        var extra: [InputProblem] = []
        var ids: [String: Int] = [:]
        let covered = Set(holidays.holidays.keys.map(\.year) + holidays.workdays.keys.map(\.year))
        if t.records.count > maxRows {
            extra.append(InputProblem(file: t.file, line: nil, field: "",
                                      problem: Bilingual(zh: "共 \(t.records.count) 行，超过上限 \(maxRows)", en: "\(t.records.count) rows, more than the limit of \(maxRows)"),
                                      remedy: Bilingual(zh: "只列本年度的工作节点", en: "list this year's milestones only")))
            return ([], extra)
        }
        for r in t.records {
            let rawKind = t.value(r, "kind")
            let kind = Self.kind(rawKind)
            if kind == nil && t.has("kind") {
                f.add(r, "kind", "“\(rawKind)”不是 deadline、event 或 period", "\"\(rawKind)\" is not deadline, event or period",
                      fix: "填写 deadline（截止/报送）、event（活动/会议）或 period（阶段）", "write deadline (截止), event (活动) or period (阶段)")
            }
            let title = f.text(r, "title"), unit = f.text(r, "unit")
            guard let first = f.day(r, "date") else { continue }
            let endText = t.value(r, "end_date")
            var last = first
            if !endText.isEmpty {
                guard let end = f.day(r, "end_date") else { continue }
                guard end >= first else {
                    f.add(r, "end_date", "结束日期 \(end) 早于开始日期 \(first)", "the end \(end) is before the start \(first)",
                          fix: "把结束日期改为不早于开始日期，或留空", "give an end on or after the start, or leave it empty"); continue
                }
                guard first.distance(to: end) <= 366 else {
                    f.add(r, "end_date", "从 \(first) 到 \(end) 超过一年", "\(first) to \(end) is longer than a year",
                          fix: "检查年份", "check the year"); continue
                }
                last = end
            }
            guard let kind, let title, let unit, !title.isEmpty, !unit.isEmpty else { continue }
            if kind == .deadline && last != first {
                f.add(r, "end_date", "截止事项只有一个日期", "a deadline has a single date",
                      fix: "清空结束日期，或把类型改为 period（阶段）", "leave end_date empty, or make the kind period"); continue
            }
            if kind == .period && last == first {
                f.add(r, "end_date", "阶段需要结束日期", "a period needs an end date",
                      fix: "填写结束日期，或把类型改为 event（活动）", "give end_date, or make the kind event"); continue
            }
            if kind == .deadline && !covered.contains(first.year) {
                f.add(r, "date", "节假日日历没有 \(first.year) 年的安排，无法判断 \(first) 是否为工作日",
                      "the holiday calendar has no arrangement for \(first.year): cannot tell whether \(first) is a working day",
                      fix: "国务院办公厅公布 \(first.year) 年节假日安排后补入日历（见 docs/calendar.md）",
                      "add \(first.year) to the calendar once the State Council publishes it (see docs/calendar.md)"); continue
            }
            let id = t.value(r, "id").isEmpty ? Milestone.defaultID(title: title, year: first.year) : t.value(r, "id")
            if let earlier = ids[id] {
                let field = t.value(r, "id").isEmpty ? "title" : "id"
                f.add(r, field, "与第 \(earlier) 行是同一事项（同年同名）", "is the same milestone as line \(earlier) (same year and title)",
                      fix: "删去重复的一行，或在事项名称中写明月份（如“9月统计表报送”）",
                      "delete the repeated row, or name the month in the title"); continue
            }
            ids[id] = r.line
            let due = MilestoneRules.due(first, kind: kind, holidays: holidays)
            if kind == .event, let offDay = (first...last).first(where: { !holidays.isWorkingDay($0) }) {
                extra.append(t.problem(r, "date", "\(offDay) 是休息日（\(holidays.holidays[offDay] ?? "周末")）",
                                       "\(offDay) is a day off (\(holidays.holidays[offDay] ?? "weekend"))",
                                       fix: "确认活动确在休息日举行，否则改到工作日", "check that it is really held on a day off, or move it to a working day").asWarning)
            }
            out.append(Milestone(id: id, kind: kind, first: first, last: last, due: due, title: title, unit: unit,
                                 note: t.value(r, "note")))
        }
        return (out, f.problems + extra)
    }
}
