import XiangxingCore
import XiangxingICU

/// The Chinese wording a sign-in sheet uses for its dates, shared by the
/// PDF and the CSV.
public enum RosterText {
    /// "2019年9月12日（星期四）至 9月16日（星期一），共3天"; the year is
    /// repeated after 至 only when the class crosses New Year.
    public static func period(_ dates: [Day]) throws -> String {
        guard let first = dates.first, let last = dates.last else { return "" }
        let (firstDate, firstWeekday) = try long(first)
        guard last != first else { return "\(firstDate)（\(firstWeekday)），共1天" }
        var (lastDate, lastWeekday) = try long(last)
        if last.year == first.year { lastDate = "\(last.month)月\(last.dayOfMonth)日" }
        return "\(firstDate)（\(firstWeekday)）至 \(lastDate)（\(lastWeekday)），共\(dates.count)天"
    }

    /// "农历八月十四": the lunar date of a day.
    public static func lunar(_ day: Day) throws -> String {
        try ChineseDateFormat.lunar(year: day.year, month: day.month, day: day.dayOfMonth)
    }

    /// Heading of a signature column: ("9月12日", "周四").
    public static func columnHeading(_ day: Day) throws -> (date: String, weekday: String) {
        let short = try ChineseDateFormat.short(year: day.year, month: day.month, day: day.dayOfMonth)
        // "9月12日（周四）"
        guard let open = short.firstIndex(of: "（") else { return (short, "") }
        let weekday = short[short.index(after: open)...].filter { $0 != "）" }
        return (String(short[..<open]), String(weekday))
    }

    /// Heading of a CSV signature column: "2019-09-12 签到", or for a 调休
    /// working day "2019-09-29 签到（周日调休上班）".
    public static func csvHeading(_ day: Day, adjusted: Bool = false) -> String {
        adjusted ? "\(day.iso) 签到（\(weekdayName(day))调休上班）" : "\(day.iso) 签到"
    }

    /// "周日".
    public static func weekdayName(_ day: Day) -> String {
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][day.weekday.rawValue - 1]
    }

    /// "9月29日（星期日）、10月12日（星期六）为调休上班日"; "" when none.
    public static func adjustedNote(_ days: [Day]) throws -> String {
        guard !days.isEmpty else { return "" }
        let list = try days.sorted().map { d in "\(d.month)月\(d.dayOfMonth)日（\(try long(d).1)）" }
        return list.joined(separator: "、") + "为调休上班日"
    }

    /// ("2019年9月12日", "星期四") from ICU's "2019年9月12日 星期四".
    private static func long(_ day: Day) throws -> (String, String) {
        let text = try ChineseDateFormat.long(year: day.year, month: day.month, day: day.dayOfMonth)
        let parts = text.split(separator: " ", maxSplits: 1)
        return (String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
    }
}
