import XiangxingCore

/// A trainer's or venue's availability calendar (`calendars/*.ics`): the
/// dates it blocks. Every VEVENT, with its RRULE/RDATE/EXDATE expansion,
/// blocks each date it overlaps in Asia/Shanghai, unless it is
/// `TRANSP:TRANSPARENT` (or `STATUS:CANCELLED`). A time with no zone is
/// Beijing time; an override (RECURRENCE-ID) replaces the occurrence it names.
///
///     let (days, problems) = AvailabilityCalendar.blockedDays(
///         ics: text, file: "calendars/wang.ics", from: start, through: end)
public enum AvailabilityCalendar {
    /// The blocked dates within `from...through`, and every problem found in
    /// the file. Expansion stops at the window, so endless rules are safe.
    public static func blockedDays(
        ics text: String, file: String, from: Day, through: Day
    ) -> (days: Set<Day>, problems: [InputProblem]) {
        Libical.serially {
            let reading = ICSReading(text: text, file: file)
            guard from <= through else { return ([], reading.problems) }
            var moved: [String: Set<Int>] = [:]
            for event in reading.events {
                if let id = event.recurrenceID, let uid = event.uid {
                    moved[uid, default: []].insert(ReadEvent.occurrenceStart(id))
                }
            }
            var days = Set<Day>()
            for event in reading.events where !event.event.isTransparent && !event.event.isCancelled {
                let excluded = event.recurrenceID == nil ? event.uid.flatMap { moved[$0] } ?? [] : []
                days.formUnion(event.days(in: from...through, excluding: excluded))
            }
            return (days, reading.problems)
        }
    }
}
