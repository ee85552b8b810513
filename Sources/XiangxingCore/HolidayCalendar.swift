/// China's official working-day arrangement: the days off of each public
/// holiday (放假) and the Saturdays or Sundays worked in exchange (调休上班),
/// as published each year by the General Office of the State Council.
///
///     calendar.isWorkingDay(Day(year: 2019, month: 9, day: 29)!)  // true: 调休 Sunday
public struct HolidayCalendar: Sendable {
    /// Official day off → festival name (e.g. 中秋节).
    public private(set) var holidays: [Day: String]
    /// Adjusted working day (a weekend day worked) → festival it pays for.
    public private(set) var workdays: [Day: String]

    public init(holidays: [Day: String] = [:], workdays: [Day: String] = [:]) {
        self.holidays = holidays
        self.workdays = workdays
    }

    public func isOfficialHoliday(_ day: Day) -> Bool { holidays[day] != nil }
    public func isAdjustedWorkday(_ day: Day) -> Bool { workdays[day] != nil }

    /// Monday–Friday that is not a day off, or a weekend day worked (调休).
    public func isWorkingDay(_ day: Day) -> Bool {
        if holidays[day] != nil { return false }
        return !day.isWeekend || workdays[day] != nil
    }

    /// The n-th working day after `day` (n ≥ 1); `day` itself is not counted.
    /// With n = 0, `day` itself.
    public func workingDay(after day: Day, _ n: Int) -> Day {
        var d = day
        var left = n
        while left > 0 {
            d = d.advanced(by: 1)
            if isWorkingDay(d) { left -= 1 }
        }
        return d
    }

    /// The first and last date the calendar has any entry for, if any.
    public var coverage: ClosedRange<Day>? {
        let all = Array(holidays.keys) + Array(workdays.keys)
        guard let lo = all.min(), let hi = all.max() else { return nil }
        return lo...hi
    }
}
