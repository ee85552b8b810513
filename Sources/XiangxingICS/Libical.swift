import CLibical
import Synchronization
import XiangxingCore

/// The one door to libical. libical keeps global state (the built-in zone
/// table, `icalerrno`, string ring buffers), so every use, freeing
/// included, happens inside `Libical.serially`.
enum Libical {
    private static let lock = Mutex(())

    static func serially<Result: Sendable>(_ body: () -> Result) -> Result {
        lock.withLock { _ in body() }
    }

    static var utc: OpaquePointer { icaltimezone_get_utc_timezone() }

    /// The zone of a time with no TZID (SCENARIO.md: timed events are read
    /// as Asia/Shanghai). libical itself would take such a time as UTC.
    static var shanghai: OpaquePointer { icaltimezone_get_builtin_timezone("Asia/Shanghai") }

    /// A date-time libical can compare with, from seconds since 1970 UTC.
    static func utcTime(_ seconds: Int) -> icaltimetype {
        icaltime_from_timet_with_zone(time_t(seconds), 0, utc)
    }
}

/// Owns one parsed iCalendar tree (`icalcomponent*`) and frees it. Nothing
/// outside this module sees the pointer. A writer will build one from an
/// empty VCALENDAR and print it with `icalcomponent_as_ical_string_r`.
final class ICalDocument {
    private let root: OpaquePointer
    /// Every VCALENDAR; a file holding several is wrapped by libical in XROOT.
    let calendars: [OpaquePointer]

    /// Nil when libical rejects the text whole (garbage, empty, an unclosed
    /// BEGIN:VCALENDAR).
    init?(parsing text: String) {
        guard let root = text.withCString({ icalparser_parse_string($0) }) else { return nil }
        self.root = root
        if icalcomponent_isa(root) == ICAL_VCALENDAR_COMPONENT {
            calendars = [root]
        } else {
            calendars = ICalDocument.children(of: root, ICAL_VCALENDAR_COMPONENT)
        }
    }

    deinit { icalcomponent_free(root) }

    /// Every VEVENT in document order.
    var events: [ICalEvent] {
        var all: [ICalEvent] = []
        for calendar in calendars {
            for pointer in ICalDocument.children(of: calendar, ICAL_VEVENT_COMPONENT) {
                all.append(ICalEvent(document: self, pointer: pointer, calendar: calendar, index: all.count))
            }
        }
        return all
    }

    /// `X-LIC-ERROR` texts that libical left outside any VEVENT.
    var errorsOutsideEvents: [String] {
        var found: [String] = []
        for calendar in calendars {
            found += ICalDocument.errors(in: calendar, recursive: false)
            for child in ICalDocument.children(of: calendar, ICAL_ANY_COMPONENT)
            where icalcomponent_isa(child) != ICAL_VEVENT_COMPONENT {
                found += ICalDocument.errors(in: child, recursive: true)
            }
        }
        return found
    }

    static func children(of component: OpaquePointer, _ kind: icalcomponent_kind) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        var child = icalcomponent_get_first_component(component, kind)
        while let c = child {
            found.append(c)
            child = icalcomponent_get_next_component(component, kind)
        }
        return found
    }

    static func properties(of component: OpaquePointer, _ kind: icalproperty_kind) -> [OpaquePointer] {
        var found: [OpaquePointer] = []
        var property = icalcomponent_get_first_property(component, kind)
        while let p = property {
            found.append(p)
            property = icalcomponent_get_next_property(component, kind)
        }
        return found
    }

    static func errors(in component: OpaquePointer, recursive: Bool) -> [String] {
        var found = properties(of: component, ICAL_XLICERROR_PROPERTY).compactMap { p in
            icalproperty_get_xlicerror(p).map { String(cString: $0) }
        }
        if recursive {
            for child in children(of: component, ICAL_ANY_COMPONENT) {
                found += errors(in: child, recursive: true)
            }
        }
        return found
    }
}

/// A time read from an event: a whole date (VALUE=DATE) or an instant.
enum EventTime: Hashable {
    case date(Day)
    /// Seconds since 1970-01-01T00:00Z.
    case instant(Int)
}

/// One VEVENT of a document; keeps the document (and so the tree) alive.
struct ICalEvent {
    let document: ICalDocument
    let pointer: OpaquePointer
    let calendar: OpaquePointer
    /// Position among the document's VEVENTs, to find its text again.
    let index: Int

    var uid: String? { icalcomponent_get_uid(pointer).map { String(cString: $0) } }
    var summary: String? { icalcomponent_get_summary(pointer).map { String(cString: $0) } }

    /// CATEGORIES values, upper-cased (libical splits `A,B` into two properties).
    var categories: [String] {
        properties(ICAL_CATEGORIES_PROPERTY).flatMap { p -> [String] in
            guard let c = icalproperty_get_categories(p) else { return [] }
            return String(cString: c).split(separator: ",").map {
                $0.trimmingSpaces.uppercased()
            }
        }
    }

    var isTransparent: Bool {
        properties(ICAL_TRANSP_PROPERTY).contains {
            let t = icalproperty_get_transp($0)
            return t == ICAL_TRANSP_TRANSPARENT || t == ICAL_TRANSP_TRANSPARENTNOCONFLICT
        }
    }

    var isCancelled: Bool {
        properties(ICAL_STATUS_PROPERTY).contains { icalproperty_get_status($0) == ICAL_STATUS_CANCELLED }
    }

    var errors: [String] { ICalDocument.errors(in: pointer, recursive: true) }

    func properties(_ kind: icalproperty_kind) -> [OpaquePointer] {
        ICalDocument.properties(of: pointer, kind)
    }

    private func tzid(_ property: OpaquePointer) -> String? {
        guard let parameter = icalproperty_get_first_parameter(property, ICAL_TZID_PARAMETER),
              let text = icalparameter_get_tzid(parameter) else { return nil }
        return String(cString: text)
    }

    /// The calendar's own VTIMEZONE first (Outlook's "China Standard Time"),
    /// then libical's built-in Olson zones.
    private func zone(named tzid: String) -> OpaquePointer? {
        icalcomponent_get_timezone(calendar, tzid)
            ?? icaltimezone_get_builtin_timezone(tzid)
            ?? icaltimezone_get_builtin_timezone_from_tzid(tzid)
    }

    /// Rewrites the event so libical expands it the way SCENARIO.md reads it,
    /// and returns the TZIDs nobody knows (each then read as Asia/Shanghai):
    /// - a time with no zone, or an unknown TZID, becomes TZID=Asia/Shanghai
    ///   (libical would take it as UTC);
    /// - RDATE becomes UTC (libical's expansion ignores an RDATE's TZID);
    /// - a zone-less RRULE UNTIL becomes UTC.
    func normalizeTimes() -> [(property: String, tzid: String)] {
        var unknown: [(property: String, tzid: String)] = []
        let kinds: [(icalproperty_kind, String)] = [
            (ICAL_DTSTART_PROPERTY, "DTSTART"), (ICAL_DTEND_PROPERTY, "DTEND"),
            (ICAL_EXDATE_PROPERTY, "EXDATE"), (ICAL_RECURRENCEID_PROPERTY, "RECURRENCE-ID"),
        ]
        for (kind, name) in kinds {
            for p in properties(kind) {
                let time = icalproperty_get_datetime_with_component(p, pointer)
                if time.is_date != 0 || time.zone != nil || icaltime_is_null_time(time) != 0 { continue }
                if let tzid = tzid(p) { unknown.append((name, tzid)) }
                icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER)
                icalproperty_set_parameter_from_string(p, "TZID", "Asia/Shanghai")
            }
        }
        for p in properties(ICAL_RDATE_PROPERTY) {
            let value = icalproperty_get_rdate(p)
            var time = icaltime_is_null_time(value.time) == 0 ? value.time : value.period.start
            if icaltime_is_null_time(time) != 0 || time.is_date != 0 { continue }
            if time.zone == nil {
                if let tzid = tzid(p) {
                    if let z = zone(named: tzid) {
                        time.zone = z
                    } else {
                        unknown.append(("RDATE", tzid))
                        time.zone = Libical.shanghai
                    }
                } else {
                    time.zone = Libical.shanghai
                }
            }
            let inUTC = icaltime_convert_to_zone(time, Libical.utc)
            icalproperty_remove_parameter_by_kind(p, ICAL_TZID_PARAMETER)
            icalproperty_remove_parameter_by_kind(p, ICAL_VALUE_PARAMETER)
            icalproperty_set_rdate(p, icaldatetimeperiodtype(time: inUTC, period: icalperiodtype_null_period()))
        }
        for p in properties(ICAL_RRULE_PROPERTY) {
            var rule = icalproperty_get_rrule(p)
            let until = rule.until
            guard icaltime_is_null_time(until) == 0, until.is_date == 0, until.zone == nil else { continue }
            var local = until
            local.zone = Libical.shanghai
            rule.until = icaltime_convert_to_zone(local, Libical.utc)
            icalproperty_set_rrule(p, rule)
        }
        return unknown
    }

    func time(of kind: icalproperty_kind) -> EventTime? {
        guard let p = icalcomponent_get_first_property(pointer, kind) else { return nil }
        return ICalEvent.eventTime(icalproperty_get_datetime_with_component(p, pointer))
    }

    /// DURATION in seconds, if the event has one.
    var duration: Int? {
        guard let p = icalcomponent_get_first_property(pointer, ICAL_DURATION_PROPERTY) else { return nil }
        return Int(icaldurationtype_as_int(icalproperty_get_duration(p)))
    }

    static func eventTime(_ t: icaltimetype) -> EventTime? {
        if icaltime_is_null_time(t) != 0 { return nil }
        if t.is_date != 0 {
            return Day(year: Int(t.year), month: Int(t.month), day: Int(t.day)).map(EventTime.date)
        }
        let zone = t.zone ?? Libical.utc
        return .instant(Int(icaltime_as_timet_with_zone(t, zone)))
    }

    /// Start instants (seconds since 1970 UTC; an all-day start is its UTC
    /// midnight) of every occurrence libical finds overlapping the interval,
    /// after RRULE, RDATE and EXDATE. Ends are not libical's (see `EventReading`).
    func occurrenceStarts(from: Int, to: Int) -> [Int] {
        final class Collector { var starts: [Int] = [] }
        let collector = Collector()
        let callback: @convention(c) (OpaquePointer?, UnsafeMutablePointer<icaltime_span>?, UnsafeMutableRawPointer?) -> Void = {
            _, span, context in
            guard let span, let context else { return }
            Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue().starts.append(Int(span.pointee.start))
        }
        withExtendedLifetime(collector) {
            icalcomponent_foreach_recurrence(
                pointer, Libical.utcTime(from), Libical.utcTime(to), callback,
                Unmanaged.passUnretained(collector).toOpaque())
        }
        return collector.starts
    }
}

extension StringProtocol {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s = s.dropFirst() }
        while let l = s.last, l.isWhitespace { s = s.dropLast() }
        return String(s)
    }
}
