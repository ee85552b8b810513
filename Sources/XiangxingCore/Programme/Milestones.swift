/// What a milestone of the programme's year is (里程碑的类型).
public enum MilestoneKind: String, Hashable, Sendable, CaseIterable {
    /// Something to hand in or finish by a date (报送、截止): on a day off it
    /// moves to the next working day (遇节假日顺延), as offices read "次月5日前".
    case deadline
    /// Held on a date or a few dates (现场会、年度考核).
    case event
    /// A stretch of work from one date to another (示范评审 4–5月).
    case period
}

/// One date of the programme's calendar the office keeps (the seed plan's
/// 任务分解下达, 现场会, 年度考核, each month's 统计表报送 …), with the unit
/// that answers for it.
///
///     Milestone(id: "2019-report-09", kind: .deadline, first: day("2019-10-05"), last: day("2019-10-05"),
///               due: day("2019-10-08"), title: "9月返乡创业情况统计表报送", unit: "各县（市、区）人社局")
public struct Milestone: Hashable, Sendable {
    /// Stays the same when the office moves the date, so a calendar app
    /// moves the event instead of adding a second one (the feed's UID).
    public var id: String
    public var kind: MilestoneKind
    /// As written in the file.
    public var first: Day
    /// Inclusive; equal to `first` for a one-day milestone.
    public var last: Day
    /// When it is due or held: for a deadline on a day off, the next working
    /// day; otherwise `first`.
    public var due: Day
    public var title: String
    /// The responsible unit (责任单位).
    public var unit: String
    public var note: String

    public init(id: String, kind: MilestoneKind, first: Day, last: Day? = nil, due: Day? = nil,
                title: String, unit: String, note: String = "") {
        self.id = id; self.kind = kind; self.first = first; self.last = max(first, last ?? first)
        self.due = due ?? first; self.title = title; self.unit = unit; self.note = note
    }

    /// The dates it occupies in a calendar: a moved deadline sits on its new day.
    public var span: ClosedRange<Day> { kind == .deadline ? due...due : due...max(due, last) }

    /// True when the deadline was moved off a day off.
    public var wasMoved: Bool { due != first }

    /// The id a row without one gets: its year and a hash of its title, so
    /// the same title in the same year keeps its id when its date changes.
    ///
    ///     Milestone.defaultID(title: "现场会", year: 2019)   // "2019-5c1e…"
    public static func defaultID(title: String, year: Int) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in title.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        let hex = String(h, radix: 16)
        return "\(year)-" + String(repeating: "0", count: 16 - hex.count) + hex
    }
}

/// The rules of the programme's calendar, each written once.
public enum MilestoneRules {
    /// A deadline falling on a day off (a weekend not worked, an official
    /// holiday) moves to the next working day, 调休 Saturdays included:
    /// 2019-10-05 (国庆) → 2019-10-08.
    public static func due(_ day: Day, kind: MilestoneKind, holidays: HolidayCalendar) -> Day {
        guard kind == .deadline else { return day }
        var d = day
        while !holidays.isWorkingDay(d) { d = d.advanced(by: 1) }
        return d
    }

    /// What is due next after `today`: milestones still running on `today`
    /// (a period under way, an event of several days) and those ahead,
    /// soonest first, at most `count` of those ahead.
    public static func upcoming(_ milestones: [Milestone], today: Day, count: Int = 5) -> [Milestone] {
        let sorted = milestones.enumerated()
            .sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }
            .map(\.element)
        let running = sorted.filter { $0.span.lowerBound < today && $0.span.upperBound >= today }
        let ahead = sorted.filter { $0.span.lowerBound >= today }
        return running + ahead.prefix(count)
    }

    /// Milestones from `from` on (those whose span ends on or after it), in date order.
    public static func from(_ milestones: [Milestone], _ from: Day?) -> [Milestone] {
        milestones.enumerated()
            .filter { m in from.map { m.element.span.upperBound >= $0 } ?? true }
            .sorted { ($0.element.due, $0.offset) < ($1.element.due, $1.offset) }
            .map(\.element)
    }
}
