import XiangxingCore
import XiangxingICS

/// A trainer's itinerary as an iCalendar file for the phone: one all-day
/// event per engagement.
///
/// - **UID** `<session>.<trainer>@xiangxing` (e.g. `D07-2.T009@xiangxing`).
///   Session ids are stable across plan versions (SCENARIO.md), so a class
///   that moves keeps its UID and a re-import updates the event in place.
///   The trainer is part of it because each trainer's copy differs (legs,
///   co-trainers) and one person may import two trainers' files.
/// - **DTSTAMP / LAST-MODIFIED** are the time the plan was revised (the
///   caller passes plan.csv's modification time), in UTC. Without METHOD,
///   RFC 5545 defines DTSTAMP as exactly that; and writing the same plan
///   twice gives byte-identical files.
/// - **SEQUENCE** is that time in seconds since 2000-01-01T00:00Z: it grows
///   with every newer plan, so an updated engagement wins over the stored
///   one (an unchanged one is rewritten identically). A hash of the content
///   would change but not grow. It fits a 32-bit integer until 2068.
/// - **Dates** are `VALUE=DATE`: DTSTART the first teaching day, DTEND the
///   day after the last. A class whose teaching days skip a weekend is one
///   event spanning the weekend, its actual days listed in DESCRIPTION:
///   RDATE is dropped or mangled by Outlook and Google's import, and
///   splitting it into one event per run would leave a stale event behind
///   when a re-plan changes the runs (an import never deletes).
///
///     let ics = ItineraryCalendar.text(wang, revised: planModifiedSeconds)
public enum ItineraryCalendar {
    /// 2000-01-01T00:00Z in seconds since 1970.
    static let sequenceEpoch = 946_684_800

    /// `D07-2.T009@xiangxing`.
    public static func uid(session: String, trainer: String) -> String {
        "\(session).\(trainer)@xiangxing"
    }

    /// The calendar; `revised` is when the plan was made or last edited,
    /// in seconds since 1970-01-01T00:00Z.
    public static func calendar(_ it: Itinerary, revised: Int) throws -> PublishedCalendar {
        let sequence = max(0, revised - sequenceEpoch)
        let events = try it.engagements.map { e in
            AllDayEvent(
                uid: uid(session: e.sessionID, trainer: it.trainer.id),
                first: e.first, last: e.last,
                summary: summary(e),
                location: e.venueAddress.isEmpty ? e.venueName : "\(e.venueName), \(e.venueAddress)",
                description: try description(e),
                categories: [e.kindName],
                sequence: sequence)
        }
        return PublishedCalendar(name: "\(it.trainer.name) 讲师行程（\(it.trainer.id)）", revised: revised, events: events)
    }

    public static func text(_ it: Itinerary, revised: Int) throws -> String {
        ICSWriter.text(try calendar(it, revised: revised))
    }

    /// "创业能力提升培训 · 唐河县（D07-2）".
    public static func summary(_ e: Itinerary.Engagement) -> String {
        "\(e.kindName) · \(e.county.name)（\(e.sessionID)）"
    }

    static func description(_ e: Itinerary.Engagement) throws -> String {
        var lines = ["日期：\(try ItineraryWording.period(e))"]
        if let days = try ItineraryWording.teachingDays(e) {
            lines.append("授课日：\(days)（其余日期不授课）")
        }
        lines.append("课程：\(ItineraryWording.course(e))")
        lines.append("场地：\(e.venueName)")
        if !e.venueAddress.isEmpty { lines.append("地址：\(e.venueAddress)") }
        lines.append("同行讲师：\(ItineraryWording.coTrainers(e))")
        lines.append(ItineraryWording.leg(e.arrival))
        lines.append(e.departure.map(ItineraryWording.leg) ?? "续往本组下一站，不回常住地")
        lines.append("由乡行排课计划生成；导入更新后的行程会替换本事件。")
        return lines.joined(separator: "\n")
    }
}
