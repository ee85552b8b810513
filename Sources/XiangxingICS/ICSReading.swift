import CLibical
import XiangxingCore

/// One VEVENT as Xiangxing reads it, after its problems were reported.
struct ReadEvent {
    let event: ICalEvent
    let uid: String?
    let block: SourceText.Block?
    let start: EventTime
    /// Per occurrence: days covered when `start` is a date (≥ 1), seconds
    /// when it is an instant (≥ 0). libical's own end is not used: for an
    /// all-day event it is one day late.
    let length: Int
    /// Set on an override (RECURRENCE-ID) of one occurrence of `uid`.
    let recurrenceID: EventTime?

    /// China has kept UTC+8 without daylight saving since 1991.
    static let shanghaiOffset = 8 * 3600

    /// Dates of `window` that some occurrence touches, leaving out the
    /// occurrences that start at `excluded` (moved by an override).
    func days(in window: ClosedRange<Day>, excluding excluded: Set<Int>) -> Set<Day> {
        let span: Int
        if case .date = start { span = length * 86_400 } else { span = length }
        let from = Int(window.lowerBound.ordinal) * 86_400 - span - 2 * 86_400
        let to = (Int(window.upperBound.ordinal) + 3) * 86_400
        var days = Set<Day>()
        for start in Set(event.occurrenceStarts(from: from, to: to)) where !excluded.contains(start) {
            let first: Day, last: Day
            if case .date = self.start {
                first = ReadEvent.day(start)
                last = first.advanced(by: length - 1)
            } else {
                let wall = start + ReadEvent.shanghaiOffset
                first = ReadEvent.day(wall)
                last = length > 0 ? ReadEvent.day(wall + length - 1) : first
            }
            var d = max(first, window.lowerBound)
            while d <= min(last, window.upperBound) {
                days.insert(d)
                d = d.advanced(by: 1)
            }
        }
        return days
    }

    /// The start libical reports for the occurrence `time` names.
    static func occurrenceStart(_ time: EventTime) -> Int {
        switch time {
        case .date(let d): return Int(d.ordinal) * 86_400
        case .instant(let s): return s
        }
    }

    static func day(_ seconds: Int) -> Day {
        let (q, r) = seconds.quotientAndRemainder(dividingBy: 86_400)
        return Day(ordinal: Int32(r < 0 ? q - 1 : q))
    }
}

/// One iCalendar text read through libical, with every problem located in
/// the text. Use only inside `Libical.serially`.
struct ICSReading {
    let file: String
    let source: SourceText
    private(set) var events: [ReadEvent] = []
    private(set) var problems: [InputProblem] = []
    /// Kept so the events' tree lives as long as the reading.
    let document: ICalDocument?

    init(text: String, file: String) {
        self.file = file
        source = SourceText(text)
        document = ICalDocument(parsing: text)
        guard let document else {
            let fault = source.structureFault()
            problems.append(ICSProblem.unreadable(file: file, line: fault?.line ?? 1, fault: fault?.problem))
            return
        }
        for message in document.errorsOutsideEvents {
            report(LibicalError(message), in: nil)
        }
        for event in document.events {
            read(event)
        }
    }

    private mutating func read(_ event: ICalEvent) {
        let uid = event.uid
        let block = source.eventBlock(index: event.index, uid: uid)
        let errors = event.errors.map(LibicalError.init)
        for error in errors { report(error, in: block) }
        for (property, tzid) in event.normalizeTimes() {
            problems.append(ICSProblem.unknownZone(
                tzid, file: file, line: source.line(of: property, in: block, containing: tzid)))
        }

        checkSource(block)
        guard let start = event.time(of: ICAL_DTSTART_PROPERTY) else {
            // A DTSTART libical dropped was reported with its X-LIC-ERROR; one
            // whose date does not exist (20190230) by `checkSource`.
            let written = block.map { b in source.contentLines[b.lines].contains { $0.name == "DTSTART" } } ?? false
            if !errors.contains(where: { $0.property == "DTSTART" }) && !written {
                problems.append(ICSProblem.missingStart(file: file, line: block?.beginLine, uid: uid))
            }
            return
        }
        let end = event.time(of: ICAL_DTEND_PROPERTY)
        let duration = event.duration
        func backwards(_ field: String) {
            problems.append(ICSProblem.endBeforeStart(field: field, file: file, line: source.line(of: field, in: block)))
        }
        var length: Int
        switch (start, end) {
        case (.date(let first), .date(let last)?):
            length = first.distance(to: last)
            if length < 0 { backwards("DTEND") }
        case (.instant(let first), .instant(let last)?):
            length = last - first
            if length < 0 { backwards("DTEND"); length = 0 }
        case (.date, nil):
            if let duration {
                if duration < 0 { backwards("DURATION") }
                length = (duration + 86_399) / 86_400
            } else {
                length = 1
            }
        case (.instant, nil):
            length = duration ?? 0
            if length < 0 { backwards("DURATION"); length = 0 }
        default:
            // DTEND of another kind than DTSTART (date vs date-time): read
            // as the start alone.
            length = 0
        }
        if case .date = start { length = max(length, 1) }
        events.append(ReadEvent(
            event: event, uid: uid, block: block, start: start, length: length,
            recurrenceID: event.time(of: ICAL_RECURRENCEID_PROPERTY)))
    }

    /// What libical reads without complaint but wrongly: a date that does
    /// not exist (`DTSTART;VALUE=DATE:20190230`), a recurrence rule it
    /// expands into nothing or into other days (`BYMONTH=13`, `BYDAY=9TH` in
    /// a weekly rule), a TRANSP or STATUS value it does not know. Each is an
    /// error on its line, unless libical already reported that line.
    private mutating func checkSource(_ block: SourceText.Block?) {
        guard let block else { return }
        let reported = Set(problems.compactMap(\.line))
        for line in source.contentLines[block.lines] where !reported.contains(line.line) {
            switch line.name {
            case "DTSTART", "DTEND", "EXDATE", "RDATE", "RECURRENCE-ID":
                let isPeriod = line.text.uppercased().contains("VALUE=PERIOD")
                for value in line.value.split(separator: ",") {
                    let time = isPeriod ? String(value.split(separator: "/").first ?? "") : String(value)
                    if !ICSDateText.isValid(time) {
                        problems.append(ICSProblem.invalidDate(time, field: line.name, file: file, line: line.line))
                        break
                    }
                }
            case "RRULE", "EXRULE":
                if let fault = RecurrenceRuleText.fault(line.value) {
                    problems.append(ICSProblem.badRule(line.value, fault: fault, field: line.name, file: file, line: line.line))
                }
            case "TRANSP":
                if !["OPAQUE", "TRANSPARENT"].contains(line.value.trimmingSpaces.uppercased()) {
                    problems.append(ICSProblem.badValue(line.value, field: "TRANSP", allowed: "OPAQUE, TRANSPARENT", file: file, line: line.line))
                }
            case "STATUS":
                if !["TENTATIVE", "CONFIRMED", "CANCELLED"].contains(line.value.trimmingSpaces.uppercased()) {
                    problems.append(ICSProblem.badValue(line.value, field: "STATUS", allowed: "TENTATIVE, CONFIRMED, CANCELLED", file: file, line: line.line))
                }
            default:
                break
            }
        }
    }

    private mutating func report(_ error: LibicalError, in block: SourceText.Block?) {
        var line: Int?
        if let property = error.property {
            line = source.line(of: property, in: block, value: error.value)
        }
        // "Got a data line, but could not find a property name …: GARBAGE",
        // "Parse error in property name: FOO": the text after the last ": "
        // is the line libical could not read.
        if line == nil, let r = error.message.ranges(of: ": ").last {
            let tail = error.message[r.upperBound...].trimmingSpaces
            let range = block?.lines ?? source.contentLines.indices
            line = source.contentLines[range].first { $0.text == tail || (!tail.isEmpty && $0.name == tail.uppercased()) }?.line
        }
        problems.append(ICSProblem.libical(error, file: file, line: line ?? block?.beginLine))
    }
}

/// An iCalendar DATE (`20190305`) or DATE-TIME (`20190305T090000`, `…Z`)
/// that names a real calendar date and time.
enum ICSDateText {
    static func isValid(_ text: String) -> Bool {
        let t = Array(text.trimmingSpaces.uppercased())
        func number(_ r: Range<Int>) -> Int? {
            guard r.upperBound <= t.count else { return nil }
            var n = 0
            for c in t[r] { guard let d = c.wholeNumberValue, c.isASCII else { return nil }; n = n * 10 + d }
            return n
        }
        guard t.count == 8 || t.count == 15 || (t.count == 16 && t[15] == "Z"),
              let y = number(0..<4), let m = number(4..<6), let d = number(6..<8),
              Day(year: y, month: m, day: d) != nil else { return false }
        if t.count == 8 { return true }
        guard t[8] == "T", let hh = number(9..<11), let mm = number(11..<13), let ss = number(13..<15) else { return false }
        return hh < 24 && mm < 60 && ss <= 60
    }
}

/// RFC 5545's RECUR grammar, checked on the text as written: libical
/// drops some mistakes with an X-LIC-ERROR but reads others as a rule
/// that never occurs (`BYMONTH=13`) or ignores a part (`BYDAY=9TH` in a
/// weekly rule), so the trainer would be booked on days they are away.
enum RecurrenceRuleText {
    static let frequencies: Set<String> = ["SECONDLY", "MINUTELY", "HOURLY", "DAILY", "WEEKLY", "MONTHLY", "YEARLY"]
    static let weekdays: Set<String> = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]

    /// The first fault, in both languages, or nil when the rule is sound.
    static func fault(_ rule: String) -> Bilingual? {
        var seen: [String: String] = [:]
        for part in rule.split(separator: ";", omittingEmptySubsequences: false) {
            let pair = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard pair.count == 2 else { return Bilingual(zh: "“\(part)”不是 名称=值", en: "\"\(part)\" is not NAME=value") }
            let name = pair[0].trimmingSpaces.uppercased(), value = pair[1].trimmingSpaces.uppercased()
            guard seen[name] == nil else { return Bilingual(zh: "\(name) 出现了两次", en: "\(name) is given twice") }
            seen[name] = value
            let list = value.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            func ints(_ range: ClosedRange<Int>, signed: Bool) -> Bilingual? {
                for v in list {
                    var digits = Substring(v)
                    if signed, digits.first == "+" || digits.first == "-" { digits = digits.dropFirst() }
                    guard let n = Int(digits), !digits.isEmpty, digits.allSatisfy(\.isASCII), range.contains(n), !(signed && n == 0 && range.lowerBound == 1) else {
                        let span = signed ? "±\(range.lowerBound)…\(range.upperBound)" : "\(range.lowerBound)…\(range.upperBound)"
                        return Bilingual(zh: "\(name) 的值“\(v)”不在 \(span) 之内", en: "\(name) value \"\(v)\" is outside \(span)")
                    }
                }
                return nil
            }
            switch name {
            case "FREQ":
                if !frequencies.contains(value) { return Bilingual(zh: "FREQ“\(value)”不是有效的频率", en: "FREQ \"\(value)\" is not a frequency") }
            case "UNTIL":
                if !ICSDateText.isValid(value) { return Bilingual(zh: "UNTIL“\(value)”不是有效的日期", en: "UNTIL \"\(value)\" is not a valid date") }
            case "COUNT", "INTERVAL":
                if let e = ints(1...Int(Int32.max), signed: false) { return e }
            case "BYSECOND": if let e = ints(0...60, signed: false) { return e }
            case "BYMINUTE": if let e = ints(0...59, signed: false) { return e }
            case "BYHOUR": if let e = ints(0...23, signed: false) { return e }
            case "BYMONTHDAY": if let e = ints(1...31, signed: true) { return e }
            case "BYYEARDAY", "BYSETPOS": if let e = ints(1...366, signed: true) { return e }
            case "BYWEEKNO": if let e = ints(1...53, signed: true) { return e }
            case "BYMONTH": if let e = ints(1...12, signed: false) { return e }
            case "WKST":
                if !weekdays.contains(value) { return Bilingual(zh: "WKST“\(value)”不是星期代码", en: "WKST \"\(value)\" is not a weekday") }
            case "BYDAY":
                for v in list {
                    let code = String(v.suffix(2))
                    var number = v.dropLast(2)
                    if number.first == "+" || number.first == "-" { number = number.dropFirst() }
                    let n = number.isEmpty ? 0 : Int(number) ?? -1
                    guard weekdays.contains(code), v.count >= 2, (0...53).contains(n), number.allSatisfy(\.isASCII) else {
                        return Bilingual(zh: "BYDAY 的值“\(v)”不是星期代码", en: "BYDAY value \"\(v)\" is not a weekday")
                    }
                }
            default:
                if !name.hasPrefix("X-") { return Bilingual(zh: "未知的规则部分 \(name)", en: "unknown rule part \(name)") }
            }
        }
        guard let freq = seen["FREQ"] else { return Bilingual(zh: "缺少 FREQ", en: "FREQ is missing") }
        if seen["UNTIL"] != nil && seen["COUNT"] != nil {
            return Bilingual(zh: "UNTIL 与 COUNT 只能有一个", en: "UNTIL and COUNT cannot both be given")
        }
        if let byday = seen["BYDAY"], freq != "MONTHLY" && freq != "YEARLY",
           byday.split(separator: ",").contains(where: { $0.count > 2 }) {
            return Bilingual(zh: "带序号的 BYDAY（如 1MO）只能用于 MONTHLY 或 YEARLY", en: "a numbered BYDAY (e.g. 1MO) needs FREQ=MONTHLY or YEARLY")
        }
        if seen["BYWEEKNO"] != nil && freq != "YEARLY" {
            return Bilingual(zh: "BYWEEKNO 只能用于 YEARLY", en: "BYWEEKNO needs FREQ=YEARLY")
        }
        return nil
    }
}
