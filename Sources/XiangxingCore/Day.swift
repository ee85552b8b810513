/// A civil date in Asia/Shanghai (China has one time zone and no daylight
/// saving, so a date is just a day count). Stored as days since 1970-01-01.
///
///     let national = Day(year: 2019, month: 10, day: 1)!   // 国庆
///     national.weekday == .tuesday
public struct Day: Hashable, Comparable, Sendable, Strideable {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int32

    public init(ordinal: Int32) { self.ordinal = ordinal }

    /// Nil unless year-month-day is a real date of the Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
              day >= 1, day <= Day.daysIn(month: month, year: year) else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.ordinal = Int32(era * 146_097 + doe - 719_468)
    }

    /// Parses ISO `YYYY-MM-DD` exactly (the scenario format); nil otherwise.
    public init?(iso text: some StringProtocol) {
        let u = Array(text.utf8)
        guard u.count == 10, u[4] == UInt8(ascii: "-"), u[7] == UInt8(ascii: "-") else { return nil }
        func number(_ r: Range<Int>) -> Int? {
            var n = 0
            for i in r {
                guard u[i] >= 48, u[i] <= 57 else { return nil }
                n = n * 10 + Int(u[i] - 48)
            }
            return n
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public struct Civil: Hashable, Sendable {
        public let year: Int, month: Int, day: Int
    }

    /// Year, month and day (Hinnant's civil_from_days).
    public var civil: Civil {
        let z = Int(ordinal) + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return Civil(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public var year: Int { civil.year }
    public var month: Int { civil.month }
    public var dayOfMonth: Int { civil.day }

    /// A number that is the same for every date of one calendar month and
    /// grows by one a month: the key for monthly limits (rule 3).
    public var monthKey: Int { let c = civil; return c.year * 12 + c.month - 1 }

    public var weekday: Weekday {
        // 1970-01-01 was a Thursday.
        let r = ((Int(ordinal) % 7) + 7 + 3) % 7  // 0 = Monday
        return Weekday(rawValue: r + 1)!
    }

    public var isWeekend: Bool { weekday == .saturday || weekday == .sunday }

    /// `YYYY-MM-DD`.
    public var iso: String {
        let c = civil
        func pad(_ n: Int, _ w: Int) -> String {
            let s = String(n)
            return String(repeating: "0", count: max(0, w - s.count)) + s
        }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2))"
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    public static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    public func distance(to other: Day) -> Int { Int(other.ordinal - ordinal) }
    public func advanced(by n: Int) -> Day { Day(ordinal: ordinal + Int32(n)) }
}

extension Day: CustomStringConvertible {
    public var description: String { iso }
}

/// ISO weekday numbering: Monday is 1, Sunday is 7.
public enum Weekday: Int, Sendable, CaseIterable {
    case monday = 1, tuesday, wednesday, thursday, friday, saturday, sunday
}
