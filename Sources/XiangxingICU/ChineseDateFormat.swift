import CICU

/// A day of the Chinese lunisolar calendar (农历), as ICU's `chinese`
/// calendar computes it. Names are built here, not by ICU's formatter, so
/// they read the way a Chinese wall calendar does: 正月, 冬月, 腊月, 初一,
/// 廿一, 闰四月.
public struct LunarDate: Sendable, Equatable, CustomStringConvertible {
    /// ICU's continuous year count (2019 is 4656); grows by one each 春节.
    public let extendedYear: Int
    /// Position in the sexagenary cycle, 1...60 (1 is 甲子).
    public let cycleYear: Int
    /// 1...12; a leap month has the number of the month it follows.
    public let month: Int
    /// 1...30.
    public let day: Int
    public let isLeapMonth: Bool

    static let stems = Array("甲乙丙丁戊己庚辛壬癸")
    static let branches = Array("子丑寅卯辰巳午未申酉戌亥")
    static let monthNames = ["正月", "二月", "三月", "四月", "五月", "六月",
                             "七月", "八月", "九月", "十月", "冬月", "腊月"]
    static let digits = Array("一二三四五六七八九十")

    /// 干支 year name, e.g. "己亥年".
    public var yearName: String {
        let index = cycleYear - 1
        return "\(Self.stems[index % 10])\(Self.branches[index % 12])年"
    }

    /// "八月", "闰四月", "正月", "腊月".
    public var monthName: String {
        (isLeapMonth ? "闰" : "") + Self.monthNames[month - 1]
    }

    /// "初一" … "初十", "十一" … "二十", "廿一" … "廿九", "三十".
    public var dayName: String {
        let d = Self.digits
        switch day {
        case 1...10: return "初" + String(d[day - 1])
        case 11...19: return "十" + String(d[day - 11])
        case 20: return "二十"
        case 21...29: return "廿" + String(d[day - 21])
        default: return "三十"
        }
    }

    /// "农历八月十五".
    public var description: String { "农历" + monthName + dayName }
}

/// Chinese date wording for rosters and messages. Inputs are civil dates
/// (year, month 1...12, day) on the wall calendar of Asia/Shanghai; dates
/// that do not exist (2019-02-30) throw `U_ILLEGAL_ARGUMENT_ERROR`.
///
/// ```swift
/// try ChineseDateFormat.long(year: 2019, month: 9, day: 12)   // "2019年9月12日 星期四"
/// try ChineseDateFormat.short(year: 2019, month: 9, day: 12)  // "9月12日（周四）"
/// try ChineseDateFormat.lunar(year: 2019, month: 9, day: 13)  // "农历八月十五"
/// ```
public enum ChineseDateFormat {
    /// The zone every civil date is read in.
    public static let zone = "Asia/Shanghai"

    /// "2019年9月12日 星期四".
    public static func long(year: Int, month: Int, day: Int) throws(ICUError) -> String {
        try format(year: year, month: month, day: day, pattern: "y年M月d日 EEEE")
    }

    /// "9月12日（周四）": for a roster column where the year is in the title.
    public static func short(year: Int, month: Int, day: Int) throws(ICUError) -> String {
        try format(year: year, month: month, day: day, pattern: "M月d日（EEE）")
    }

    /// "农历八月十五", "农历闰四月初一".
    public static func lunar(year: Int, month: Int, day: Int) throws(ICUError) -> String {
        try lunarDate(year: year, month: month, day: day).description
    }

    /// The 干支 name of the lunar year the day falls in: 2019-02-05 (春节)
    /// is in "己亥年", 2019-02-04 still in "戊戌年".
    public static func lunarYear(year: Int, month: Int, day: Int) throws(ICUError) -> String {
        try lunarDate(year: year, month: month, day: day).yearName
    }

    /// The lunar date as data, for callers that build their own wording.
    public static func lunarDate(year: Int, month: Int, day: Int) throws(ICUError) -> LunarDate {
        let instant = try noon(year: year, month: month, day: day)
        var raw = xx_lunar_day()
        try ICU.check(xx_lunar_day_at(instant, zone, &raw),
                      "compute the lunar date of \(year)-\(month)-\(day)")
        return LunarDate(
            extendedYear: Int(raw.extended_year), cycleYear: Int(raw.cycle_year),
            month: Int(raw.month), day: Int(raw.day), isLeapMonth: raw.is_leap_month != 0)
    }

    /// Formats a civil date with an ICU date pattern in `locale`; used for
    /// the fixed wordings above and for checking them against ICU.
    static func format(
        year: Int, month: Int, day: Int, pattern: String, locale: String = "zh_CN"
    ) throws(ICUError) -> String {
        let instant = try noon(year: year, month: month, day: day)
        return try ICU.withUTF16(pattern) { units, count throws(ICUError) in
            try ICU.fillString(guess: 64, "format \(year)-\(month)-\(day) as \"\(pattern)\"") {
                dest, capacity, needed in
                xx_format_date(locale, zone, units, count, instant, dest, capacity, &needed)
            }
        }
    }

    /// Noon on the civil date: far from any midnight a zone rule could skip.
    private static func noon(year: Int, month: Int, day: Int) throws(ICUError) -> Double {
        var instant = 0.0
        let operation = "read \(year)-\(month)-\(day) as a date in \(zone)"
        guard let y = Int32(exactly: year), let m = Int32(exactly: month), let d = Int32(exactly: day) else {
            throw ICUError(code: 1 /* U_ILLEGAL_ARGUMENT_ERROR */, operation: operation)
        }
        try ICU.check(xx_civil_to_udate(y, m, d, 12, zone, &instant), operation)
        return instant
    }
}
