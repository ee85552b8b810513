import CLibical
import XiangxingCore

/// One all-day event of a calendar Xiangxing publishes (a trainer's
/// engagement). It covers every date from `first` through `last`; the file
/// says `DTSTART;VALUE=DATE:first` and `DTEND;VALUE=DATE:last+1` (RFC 5545's
/// end is exclusive).
///
///     AllDayEvent(uid: "D07-2.T012@xiangxing", first: day("2019-09-12"), last: day("2019-09-16"),
///                 summary: "创业能力提升培训 · 唐河县（D07-2）", sequence: 616_000_000)
public struct AllDayEvent: Hashable, Sendable {
    /// Stays the same for the same engagement in every later file, so a
    /// calendar app replaces the event on re-import instead of adding one.
    public var uid: String
    public var first: Day
    /// Inclusive.
    public var last: Day
    public var summary: String
    public var location: String
    /// Plain text; line breaks are kept (written as `\n`).
    public var description: String
    /// One CATEGORIES property each; `,` and `;` are written full-width.
    public var categories: [String]
    /// RFC 5545 SEQUENCE: a re-imported event wins over the stored one only
    /// when this is at least as high, so it must grow with each version.
    public var sequence: Int
    /// RFC 5545 §3.8.1.11 STATUS. A phone removes or strikes through an event
    /// re-imported as `cancelled` (with a higher SEQUENCE); an event merely
    /// missing from a new file stays on the phone.
    public var status: Status

    public enum Status: Hashable, Sendable { case confirmed, cancelled }

    public init(uid: String, first: Day, last: Day, summary: String, location: String = "",
                description: String = "", categories: [String] = [], sequence: Int = 0, status: Status = .confirmed) {
        self.uid = uid; self.first = first; self.last = max(first, last); self.summary = summary
        self.location = location; self.description = description; self.categories = categories
        self.sequence = sequence; self.status = status
    }
}

/// A whole calendar file: its display name and when its content was last
/// revised, which becomes every event's DTSTAMP and LAST-MODIFIED.
public struct PublishedCalendar: Hashable, Sendable {
    /// `X-WR-CALNAME`, the name Google, Apple and Outlook show for the
    /// calendar; `,` and `;` are written full-width.
    public var name: String
    /// Seconds since 1970-01-01T00:00Z; written in UTC (`20190901T083000Z`).
    public var revised: Int
    public var events: [AllDayEvent]
    /// `X-WR-CALDESC` when not empty: which plan version the file holds.
    public var description: String

    public init(name: String, revised: Int, events: [AllDayEvent], description: String = "") {
        self.name = name; self.revised = revised; self.events = events; self.description = description
    }
}

/// Writes iCalendar (RFC 5545) text through libical, which does the
/// escaping (`,` `;` `\` and line breaks in TEXT), the 75-octet line
/// folding (never inside a UTF-8 character) and the CRLF line ends.
///
/// Dates are all-day `VALUE=DATE` values: no VTIMEZONE is needed, and a
/// date means the same day in every phone's zone (libical's built-in
/// Asia/Shanghai would write a long `/freeassociation.sourceforge.net/`
/// TZID and its whole history).
///
///     let text = ICSWriter.text(PublishedCalendar(name: "王建国 讲师行程", revised: stamp, events: events))
public enum ICSWriter {
    public static let productID = "-//Xiangxing//Trainer itinerary//ZH"

    public static func text(_ calendar: PublishedCalendar) -> String {
        Libical.serially {
            let tree = ICalTree(ICAL_VCALENDAR_COMPONENT)
            tree.add(icalproperty_new_version("2.0"))
            tree.add(icalproperty_new_prodid(productID))
            tree.add(icalproperty_new_calscale("GREGORIAN"))
            tree.addX("X-WR-CALNAME", calendar.name)
            if !calendar.description.isEmpty { tree.addX("X-WR-CALDESC", calendar.description) }
            let revised = Libical.utcTime(calendar.revised)
            for event in calendar.events {
                let v = ICalTree(ICAL_VEVENT_COMPONENT)
                v.add(icalproperty_new_uid(event.uid))
                v.add(icalproperty_new_dtstamp(revised))
                v.add(icalproperty_new_lastmodified(revised))
                v.add(icalproperty_new_sequence(Int32(clamping: event.sequence)))
                v.add(icalproperty_new_dtstart(date(event.first)))
                v.add(icalproperty_new_dtend(date(event.last.advanced(by: 1))))
                v.add(icalproperty_new_summary(event.summary))
                if !event.location.isEmpty { v.add(icalproperty_new_location(event.location)) }
                if !event.description.isEmpty { v.add(icalproperty_new_description(event.description)) }
                for category in event.categories {
                    v.add(icalproperty_new_categories(withoutSeparators(category)))
                }
                v.add(icalproperty_new_status(event.status == .cancelled ? ICAL_STATUS_CANCELLED : ICAL_STATUS_CONFIRMED))
                v.add(icalproperty_new_transp(event.status == .cancelled ? ICAL_TRANSP_TRANSPARENT : ICAL_TRANSP_OPAQUE))
                tree.adopt(v)
            }
            return tree.text()
        }
    }

    /// libical escapes `\\` and line breaks in X-properties and CATEGORIES
    /// but not `,` and `;`, which there separate values; and an escape of
    /// our own would get its backslash doubled. So those two become their
    /// full-width forms, as Chinese text writes them anyway: "乡行, 南阳" → "乡行， 南阳".
    static func withoutSeparators(_ text: String) -> String {
        String(text.map { $0 == "," ? "，" : $0 == ";" ? "；" : $0 })
    }

    /// An all-day date: libical writes `;VALUE=DATE` because DTSTART's
    /// default type is DATE-TIME.
    private static func date(_ day: Day) -> icaltimetype {
        var t = icaltime_null_date()
        t.year = Int32(day.year)
        t.month = Int32(day.month)
        t.day = Int32(day.dayOfMonth)
        t.is_date = 1
        return t
    }
}

/// Owns one libical component being built and frees it, with every child
/// it holds, unless it was handed to a parent. Use only inside
/// `Libical.serially`.
private final class ICalTree {
    let pointer: OpaquePointer
    private var adopted = false

    init(_ kind: icalcomponent_kind) {
        guard let p = icalcomponent_new(kind) else { fatalError("libical: out of memory creating a component") }
        pointer = p
    }

    deinit { if !adopted { icalcomponent_free(pointer) } }

    func add(_ property: OpaquePointer?) {
        guard let property else { fatalError("libical: could not create a property") }
        icalcomponent_add_property(pointer, property)
    }

    /// A non-standard property (`X-WR-CALNAME`) with a TEXT value.
    func addX(_ name: String, _ value: String) {
        guard let p = icalproperty_new_x(ICSWriter.withoutSeparators(value)) else {
            fatalError("libical: could not create \(name)")
        }
        icalproperty_set_x_name(p, name)
        add(p)
    }

    /// Makes `child` part of this component; this one frees it from now on.
    func adopt(_ child: ICalTree) {
        icalcomponent_add_component(pointer, child.pointer)
        child.adopted = true
    }

    /// The serialised text; the caller's copy of libical's buffer is freed here.
    func text() -> String {
        guard let buffer = icalcomponent_as_ical_string_r(pointer) else { return "" }
        defer { icalmemory_free_buffer(buffer) }
        return String(cString: buffer)
    }
}
