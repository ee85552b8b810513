/// Excel's date serials and number formats.
public enum ExcelDate {
    /// The ISO date `YYYY-MM-DD` of a serial's day, or a reason it has none.
    ///
    /// In the 1900 system Excel counts 1900-01-01 as 1 and, copying Lotus 1-2-3, takes
    /// 1900 for a leap year: serial 60 is a 1900-02-29 that never was, and every serial
    /// from 61 on is one day ahead of a plain count (61 = 1900-03-01). In the 1904 system
    /// (`<workbookPr date1904="1"/>`, old Mac workbooks) 0 is 1904-01-01.
    public static func isoDate(serial: Double, date1904: Bool = false) -> Result<String, DateProblem> {
        guard serial.isFinite else { return .failure(.notADate) }
        let day = Int(serial.rounded(.down))
        let daysFrom1970: Int
        if date1904 {
            guard day >= 0 else { return .failure(.beforeEpoch) }
            daysFrom1970 = day + daysFromCivil(1904, 1, 1)
        } else {
            if day < 1 { return .failure(.beforeEpoch) }
            if day == 60 { return .failure(.phantomLeapDay) }
            daysFrom1970 = (day < 60 ? day - 1 : day - 2) + daysFromCivil(1900, 1, 1)
        }
        let (y, m, d) = civilFromDays(daysFrom1970)
        guard y <= 9999 else { return .failure(.afterYear9999) }
        return .success(pad(y, 4) + "-" + pad(m, 2) + "-" + pad(d, 2))
    }

    public enum DateProblem: Error, Sendable, Equatable {
        case notADate, beforeEpoch, phantomLeapDay, afterYear9999

        public var zh: String {
            switch self {
            case .notADate: return "不是日期"
            case .beforeEpoch: return "日期早于 1900-01-01，Excel 无法表示"
            case .phantomLeapDay: return "Excel 的 1900-02-29 并不存在（Excel 沿袭的闰年错误）"
            case .afterYear9999: return "日期晚于 9999-12-31"
            }
        }

        public var en: String {
            switch self {
            case .notADate: return "not a date"
            case .beforeEpoch: return "a date before 1900-01-01, which Excel cannot hold"
            case .phantomLeapDay: return "Excel's 1900-02-29, a day that never was (Excel's leap-year bug)"
            case .afterYear9999: return "a date after 9999-12-31"
            }
        }
    }

    /// Whether a number format shows a date: the built-in ids 14–22, 27–36, 45–47 and
    /// 50–58 (the last ranges are the Chinese, Japanese and Korean date formats), or a
    /// format code with a year or day part outside quotes, escapes and brackets.
    /// Time-only formats (`h:mm`) are not dates.
    public static func isDateFormat(id: Int, code: String?) -> Bool {
        if let code { return codeShowsDate(code) }
        return (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    static func codeShowsDate(_ code: String) -> Bool {
        var plain = ""
        var inQuote = false, inBracket = false, escaped = false
        for ch in code {
            if escaped { escaped = false; continue }
            if inQuote { if ch == "\"" { inQuote = false }; continue }
            if inBracket { if ch == "]" { inBracket = false }; continue }
            switch ch {
            case "\\", "_", "*": escaped = true
            case "\"": inQuote = true
            case "[": inBracket = true
            default: plain.append(ch)
            }
        }
        let lower = plain.lowercased()
        if lower == "general" || lower.isEmpty { return false }
        // The first section decides (positive numbers); a format of only h, m, s is a time.
        let first = lower.split(separator: ";", omittingEmptySubsequences: false).first.map(String.init) ?? lower
        return first.contains("y") || first.contains("d") || first.contains("年") || first.contains("日")
    }

    // Howard Hinnant's days_from_civil / civil_from_days, proleptic Gregorian.
    static func daysFromCivil(_ y0: Int, _ m: Int, _ d: Int) -> Int {
        let y = m <= 2 ? y0 - 1 : y0
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civilFromDays(_ z0: Int) -> (Int, Int, Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
