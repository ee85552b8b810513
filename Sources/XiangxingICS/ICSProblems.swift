import XiangxingCore

/// What libical wrote into an `X-LIC-ERROR` property, taken apart:
/// `Can't parse as RECUR value in RRULE property. Removing entire property: FREQ=WEEKLY;BYDAY=XX`.
struct LibicalError {
    let message: String
    /// The property libical dropped or complained about, e.g. `RRULE`.
    let property: String?
    /// The value type it expected, e.g. `RECUR`, `DATE-TIME`.
    let valueType: String?
    /// The text it could not read.
    let value: String?

    init(_ message: String) {
        self.message = message
        func between(_ a: String, _ b: String) -> String? {
            guard let r1 = message.firstRange(of: a), let r2 = message[r1.upperBound...].firstRange(of: b)
            else { return nil }
            return String(message[r1.upperBound..<r2.lowerBound])
        }
        valueType = between("Can't parse as ", " value in ")
        property = between(" value in ", " property") ?? between("No value for ", " property")
        value = message.firstRange(of: "Removing entire property: ").map {
            String(message[$0.upperBound...])
        }
    }
}

/// The problems an iCalendar file can have, each as a sentence a clerk can
/// act on in both languages.
enum ICSProblem {
    static func unreadable(file: String, line: Int?, fault: Bilingual?) -> InputProblem {
        let detail = fault ?? Bilingual(zh: "libical 无法解析此文件", en: "libical cannot parse this file")
        return InputProblem(
            file: file, line: line, field: "",
            problem: Bilingual(zh: "无法读取日历：\(detail.zh)", en: "unreadable calendar: \(detail.en)"),
            remedy: Bilingual(zh: "请从日历程序重新导出为 .ics 文件（BEGIN:VCALENDAR … END:VCALENDAR）",
                              en: "export the calendar again as an .ics file (BEGIN:VCALENDAR … END:VCALENDAR)"))
    }

    /// An `X-LIC-ERROR`: libical read the file but dropped a property.
    static func libical(_ error: LibicalError, file: String, line: Int?) -> InputProblem {
        let field = error.property ?? ""
        if field == "RRULE" || field == "EXRULE", let value = error.value, let bad = badWeekday(inRule: value) {
            return InputProblem(
                file: file, line: line, field: field,
                problem: Bilingual(zh: "重复规则中的 BYDAY 值 \"\(bad)\" 不是星期代码，整条规则被忽略",
                                   en: "BYDAY value \"\(bad)\" in the recurrence rule is not a weekday; the whole rule is ignored"),
                remedy: Bilingual(zh: "BYDAY 只能是 MO,TU,WE,TH,FR,SA,SU（可加序号，如 1MO、-1FR），请改正该重复规则",
                                  en: "BYDAY takes MO,TU,WE,TH,FR,SA,SU (optionally numbered, e.g. 1MO, -1FR); fix the recurrence rule"))
        }
        if field == "RRULE" || field == "EXRULE" {
            return InputProblem(
                file: file, line: line, field: field,
                problem: Bilingual(zh: "无法解析重复规则 \"\(error.value ?? "")\"，整条规则被忽略",
                                   en: "cannot read the recurrence rule \"\(error.value ?? "")\"; the whole rule is ignored"),
                remedy: Bilingual(zh: "请按 RFC 5545 写，如 FREQ=WEEKLY;BYDAY=TU;UNTIL=20190625T000000Z",
                                  en: "write it as RFC 5545 says, e.g. FREQ=WEEKLY;BYDAY=TU;UNTIL=20190625T000000Z"))
        }
        if let type = error.valueType, type == "DATE-TIME" || type == "DATE" || type == "PERIOD" {
            return InputProblem(
                file: file, line: line, field: field,
                problem: Bilingual(zh: "\"\(error.value ?? "")\" 不是有效的日期或时间，该属性被忽略",
                                   en: "\"\(error.value ?? "")\" is not a valid date or time; the property is ignored"),
                remedy: Bilingual(zh: "请写成 20190305（全天，加 VALUE=DATE）或 20190305T090000（时刻）",
                                  en: "write 20190305 (all day, with VALUE=DATE) or 20190305T090000 (a time)"))
        }
        return InputProblem(
            file: file, line: line, field: field,
            problem: Bilingual(zh: "libical 无法解析此行：\(error.message)", en: "libical cannot read this line: \(error.message)"),
            remedy: Bilingual(zh: "请按 RFC 5545 改正这一行", en: "correct the line as RFC 5545 says"))
    }

    /// The first BYDAY entry of an RRULE text that is not `[+-][n]MO…SU`.
    static func badWeekday(inRule rule: String) -> String? {
        let weekdays: Set<String> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
        for part in rule.split(separator: ";") {
            let pair = part.split(separator: "=", maxSplits: 1)
            guard pair.count == 2, pair[0].uppercased() == "BYDAY" else { continue }
            for entry in pair[1].split(separator: ",", omittingEmptySubsequences: false) {
                let upper = entry.trimmingSpaces.uppercased()
                let code = String(upper.suffix(2))
                var number = upper.dropLast(2)
                if number.first == "+" || number.first == "-" { number = number.dropFirst() }
                let numberOK = number.isEmpty || (number.count <= 2 && number.allSatisfy(\.isASCIIDigitChar))
                if !weekdays.contains(code) || !numberOK { return String(entry) }
            }
        }
        return nil
    }

    /// A rule libical took without complaint but would expand wrongly.
    static func badRule(_ rule: String, fault: Bilingual, field: String, file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: field,
            problem: Bilingual(zh: "重复规则 \"\(rule)\" 有误：\(fault.zh)", en: "the recurrence rule \"\(rule)\" is wrong: \(fault.en)"),
            remedy: Bilingual(zh: "请按 RFC 5545 改正，如 FREQ=WEEKLY;BYDAY=TU;UNTIL=20190625T000000Z",
                              en: "correct it as RFC 5545 says, e.g. FREQ=WEEKLY;BYDAY=TU;UNTIL=20190625T000000Z"))
    }

    /// A date that does not exist (20190230) or a time past 23:59.
    static func invalidDate(_ value: String, field: String, file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: field,
            problem: Bilingual(zh: "\"\(value)\" 不是存在的日期或时间", en: "\"\(value)\" is not a date or time that exists"),
            remedy: Bilingual(zh: "请核对年月日，写成 20190305（全天，加 VALUE=DATE）或 20190305T090000（时刻）",
                              en: "check the date; write 20190305 (all day, with VALUE=DATE) or 20190305T090000 (a time)"))
    }

    static func badValue(_ value: String, field: String, allowed: String, file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: field,
            problem: Bilingual(zh: "\(field) 的值 \"\(value)\" 无法识别", en: "\(field) value \"\(value)\" is not recognised"),
            remedy: Bilingual(zh: "只能是 \(allowed)", en: "use one of \(allowed)"))
    }

    static func unknownZone(_ tzid: String, file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: "TZID",
            problem: Bilingual(zh: "未知时区 \"\(tzid)\"，文件中也没有它的 VTIMEZONE；暂按北京时间（Asia/Shanghai）读取",
                               en: "unknown time zone \"\(tzid)\" with no VTIMEZONE in the file; read as Asia/Shanghai for now"),
            remedy: Bilingual(zh: "请改为 TZID=Asia/Shanghai，或从日历程序连同时区一起重新导出",
                              en: "use TZID=Asia/Shanghai, or export again from the calendar program with its time zones"))
    }

    static func missingStart(file: String, line: Int?, uid: String?) -> InputProblem {
        let which = uid.map { " (UID \($0))" } ?? ""
        return InputProblem(
            file: file, line: line, field: "DTSTART",
            problem: Bilingual(zh: "事件\(which)没有开始时间 DTSTART，被忽略",
                               en: "event\(which) has no DTSTART and is ignored"),
            remedy: Bilingual(zh: "请加上 DTSTART，如 DTSTART;VALUE=DATE:20190305",
                              en: "add a DTSTART, e.g. DTSTART;VALUE=DATE:20190305"))
    }

    static func endBeforeStart(field: String, file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: field,
            problem: Bilingual(zh: "结束早于开始；只按开始那天计算",
                               en: "the end is before the start; only the start date counts"),
            remedy: Bilingual(zh: "请改正 \(field)，使其不早于 DTSTART",
                              en: "correct \(field) so that it is not before DTSTART"))
    }

    // MARK: The national holiday calendar

    static func holidayWithoutCategory(file: String, line: Int?, summary: String?) -> InputProblem {
        let name = summary.map { " \"\($0)\"" } ?? ""
        return InputProblem(
            file: file, line: line, field: "CATEGORIES",
            problem: Bilingual(zh: "事件\(name)既不是 HOLIDAY（放假）也不是 WORKDAY（调休上班），被忽略",
                               en: "event\(name) is neither HOLIDAY (day off) nor WORKDAY (adjusted working day) and is ignored"),
            remedy: Bilingual(zh: "请加上 CATEGORIES:HOLIDAY 或 CATEGORIES:WORKDAY",
                              en: "add CATEGORIES:HOLIDAY or CATEGORIES:WORKDAY"))
    }

    static func holidayNotAllDay(file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: "DTSTART",
            problem: Bilingual(zh: "放假或调休事件必须是全天事件，此事件被忽略",
                               en: "a holiday or adjusted working day must be an all-day event; this one is ignored"),
            remedy: Bilingual(zh: "请写成 DTSTART;VALUE=DATE:20191001", en: "write DTSTART;VALUE=DATE:20191001"))
    }

    /// `field` is CATEGORIES when one event says both, DTSTART when two
    /// events give the same date.
    static func bothHolidayAndWorkday(_ day: Day, field: String, file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: field,
            problem: Bilingual(zh: "\(day.iso) 既是放假日又是调休上班日；按放假处理",
                               en: "\(day.iso) is both a day off and an adjusted working day; taken as a day off"),
            remedy: Bilingual(zh: "请对照国务院办公厅通知，删去其中错误的一项",
                              en: "check the State Council notice and delete the wrong entry"))
    }

    static func workdayNotWeekend(_ day: Day, file: String, line: Int?) -> InputProblem {
        InputProblem(
            file: file, line: line, field: "DTSTART",
            problem: Bilingual(zh: "调休上班日 \(day.iso) 不是周六或周日（本来就上班），被忽略",
                               en: "adjusted working day \(day.iso) is not a Saturday or Sunday (it is a working day anyway) and is ignored"),
            remedy: Bilingual(zh: "请核对日期：调休上班日应是周六或周日",
                              en: "check the date: an adjusted working day is a Saturday or Sunday"))
    }
}

private extension Character {
    var isASCIIDigitChar: Bool { ("0"..."9").contains(self) }
}
