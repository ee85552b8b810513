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

        guard let start = event.time(of: ICAL_DTSTART_PROPERTY) else {
            // A DTSTART libical dropped was reported with its X-LIC-ERROR.
            if !errors.contains(where: { $0.property == "DTSTART" }) {
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

    private mutating func report(_ error: LibicalError, in block: SourceText.Block?) {
        var line: Int?
        if let property = error.property {
            line = source.line(of: property, in: block, value: error.value)
        }
        problems.append(ICSProblem.libical(error, file: file, line: line ?? block?.beginLine))
    }
}
