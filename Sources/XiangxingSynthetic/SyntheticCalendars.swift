import XiangxingCore

/// The kinds of availability calendar the generator writes: small, valid
/// RFC 5545 files of all-day events with simple RRULEs, the shapes clerks
/// get from trainers' phones and venue offices.
enum CalendarPattern: Sendable {
    /// Teaches at a college one weekday a week in the spring and autumn
    /// terms (blocks that weekday, so a 5-day weekday class cannot use them then).
    case termTeaching(Weekday)
    /// Runs a business on Saturdays, all year.
    case saturdayBusiness
    /// A meeting on the first Monday of every month, and a block of annual leave.
    case meetingsAndLeave(start: Day, days: Int)
    /// A venue's room taken one weekday a week (market day, 集市).
    case marketDay(Weekday)
    /// A venue's room taken on the first Monday of every month.
    case monthlyMeeting

    static let springTerm = (Day(year: 2019, month: 2, day: 25)!, Day(year: 2019, month: 6, day: 28)!)
    static let autumnTerm = (Day(year: 2019, month: 9, day: 2)!, Day(year: 2019, month: 12, day: 27)!)
    static let termMonths: Set<Int> = [3, 4, 5, 6, 9, 10, 11, 12]

    /// The share of `maxDaysPerMonth` still usable for `kind` in `month`
    /// (1…12): the generator's estimate for its tightness check, not a rule.
    func availability(_ kind: GeneratedKind, month: Int) -> Double {
        switch self {
        case .termTeaching:
            guard Self.termMonths.contains(month) else { return 1 }
            // Five consecutive weekday teaching days always include the blocked weekday.
            return kind == .capability ? 0 : 0.8
        case .saturdayBusiness:
            return kind == .awareness ? 0.85 : 1
        case .meetingsAndLeave(let start, let days):
            return start.month == month ? max(0.3, 1 - Double(days) / 20) : 0.95
        case .marketDay, .monthlyMeeting:
            return 1
        }
    }

    /// The file the pattern is written to: trainers and venues with the
    /// same pattern share it, so a national scenario has dozens of
    /// calendar files, not thousands.
    var path: String {
        switch self {
        case .termTeaching(let w): return "calendars/term-teaching-\(Self.code(w)).ics"
        case .saturdayBusiness: return "calendars/saturday-business.ics"
        case .meetingsAndLeave(let start, let days):
            return "calendars/meetings-leave-\(Self.basic(start).suffix(4))-\(days)d.ics"
        case .marketDay(let w): return "calendars/venue-market-day-\(Self.code(w)).ics"
        case .monthlyMeeting: return "calendars/venue-monthly-meeting.ics"
        }
    }

    var title: String {
        let weekday = { (w: Weekday) in "周" + ["一", "二", "三", "四", "五", "六", "日"][w.rawValue - 1] }
        switch self {
        case .termTeaching(let w): return "职业学院授课（每\(weekday(w))）"
        case .saturdayBusiness: return "周六经营自家店铺"
        case .meetingsAndLeave(let start, let days): return "月度例会与年休假（\(start.month)月\(start.dayOfMonth)日起\(days)天）"
        case .marketDay(let w): return "会议室逢\(weekday(w))集市占用"
        case .monthlyMeeting: return "会议室每月第一个周一例会占用"
        }
    }

    func ics() -> String {
        let owner = String(path.dropFirst("calendars/".count).dropLast(".ics".count))
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Xiangxing//xiangxing generate//ZH",
                     "CALSCALE:GREGORIAN", "X-WR-CALNAME:\(title)", "X-WR-TIMEZONE:Asia/Shanghai"]
        var n = 0
        func event(_ summary: String, _ start: Day, _ days: Int, rule: String?) {
            n += 1
            lines += ["BEGIN:VEVENT", "UID:\(owner)-\(n)@xiangxing.example", "DTSTAMP:20181220T080000Z",
                      "SUMMARY:\(summary)", "DTSTART;VALUE=DATE:\(Self.basic(start))",
                      "DTEND;VALUE=DATE:\(Self.basic(start.advanced(by: days)))"]
            if let rule { lines.append("RRULE:\(rule)") }
            lines.append("END:VEVENT")
        }
        switch self {
        case .termTeaching(let w):
            for (term, (from, until)) in [("春季学期", Self.springTerm), ("秋季学期", Self.autumnTerm)] {
                event("职业学院授课（\(term)）", Self.first(w, onOrAfter: from), 1,
                      rule: "FREQ=WEEKLY;BYDAY=\(Self.code(w));UNTIL=\(Self.basic(until))")
            }
        case .saturdayBusiness:
            event("自家店铺经营", Self.first(.saturday, onOrAfter: Day(year: 2019, month: 1, day: 1)!), 1,
                  rule: "FREQ=WEEKLY;BYDAY=SA;UNTIL=20191228")
        case .meetingsAndLeave(let start, let days):
            event("月度工作例会", Self.first(.monday, onOrAfter: Day(year: 2019, month: 1, day: 1)!), 1,
                  rule: "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20191231")
            event("年休假", start, days, rule: nil)
        case .marketDay(let w):
            event("集市日会议室占用", Self.first(w, onOrAfter: Day(year: 2019, month: 1, day: 1)!), 1,
                  rule: "FREQ=WEEKLY;BYDAY=\(Self.code(w));UNTIL=20191231")
        case .monthlyMeeting:
            event("月度例会占用", Self.first(.monday, onOrAfter: Day(year: 2019, month: 1, day: 1)!), 1,
                  rule: "FREQ=MONTHLY;BYDAY=1MO;UNTIL=20191231")
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    static func first(_ w: Weekday, onOrAfter d: Day) -> Day {
        var d = d
        while d.weekday != w { d = d.advanced(by: 1) }
        return d
    }

    static func basic(_ d: Day) -> String { String(d.iso.filter { $0 != "-" }) }

    static func code(_ w: Weekday) -> String {
        ["MO", "TU", "WE", "TH", "FR", "SA", "SU"][w.rawValue - 1]
    }

    /// RFC 5545 §3.1: lines longer than 75 octets continue on the next line
    /// after CRLF and one space, never splitting a UTF-8 character.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var out = "", width = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if width + size > 75 {
                out += "\r\n "
                width = 1
            }
            out.unicodeScalars.append(scalar)
            width += size
        }
        return out
    }
}
