import XiangxingCore
import XiangxingICS

/// A trainer's itinerary as an iCalendar file for the phone: one all-day
/// event per engagement, and one `STATUS:CANCELLED` event for every
/// engagement an earlier plan version gave the trainer that this one lacks.
///
/// - **UID** `<session>.<trainer>@xiangxing` (e.g. `D07-2.T009@xiangxing`).
///   Session ids are stable across plan versions (SCENARIO.md), so a class
///   that moves keeps its UID and a re-import updates the event in place.
///   The trainer is part of it because each trainer's copy differs (legs,
///   co-trainers) and one person may import two trainers' files.
/// - **Cancelled events.** A phone never deletes an event because a newer
///   file lacks it, so a session taken from the trainer would stay on the
///   phone. With the store's earlier versions (`earlier`), every UID the
///   trainer ever had is written: a dropped one as `STATUS:CANCELLED`
///   (RFC 5545 §3.8.1.11) with a higher SEQUENCE, its last dates kept and
///   its SUMMARY starting 已取消.
/// - **SEQUENCE** (RFC 5545 §3.8.7.4) grows exactly in the versions in
///   which the event changed (dates, venue, co-trainers, legs, cancelled,
///   reinstated) and stays put otherwise: it is the save time, in seconds
///   since 2000-01-01T00:00Z, of the version in which the event last
///   changed — one more than before when two versions share a second. Time,
///   not a bare count, because files written from a plan folder without the
///   store carry the plan's time, and a later file must never fall below
///   one a phone already holds. It fits a 32-bit integer until 2068.
/// - **DTSTAMP / LAST-MODIFIED** are the time the printed plan was revised,
///   in UTC; writing the same plan twice gives byte-identical files.
/// - **Dates** are `VALUE=DATE`: DTSTART the first teaching day, DTEND the
///   day after the last. A class whose teaching days skip a weekend is one
///   event spanning the weekend, its actual days listed in DESCRIPTION:
///   RDATE is dropped or mangled by Outlook and Google's import, and
///   splitting it into one event per run would leave a stale event behind
///   when a re-plan changes the runs (an import never deletes).
///
///     let ics = ItineraryCalendar.text(wang, revised: planModifiedSeconds, earlier: [v1])
public enum ItineraryCalendar {
    /// 2000-01-01T00:00Z in seconds since 1970.
    static let sequenceEpoch = 946_684_800

    /// `D07-2.T009@xiangxing`.
    public static func uid(session: String, trainer: String) -> String {
        "\(session).\(trainer)@xiangxing"
    }

    /// The calendar; `revised` is when the plan was made or last edited,
    /// in seconds since 1970-01-01T00:00Z; `earlier` the trainer's
    /// itineraries in the store's earlier versions, oldest first.
    public static func calendar(_ it: Itinerary, revised: Int, earlier: [ItineraryVersion] = []) throws -> PublishedCalendar {
        let current = ItineraryVersion(number: it.edition?.version ?? ((earlier.last?.number ?? 0) + 1), revised: revised, itinerary: it)
        var known: [String: Known] = [:]
        var order: [String] = []
        for v in earlier + [current] {
            let events = try Dictionary(v.itinerary.engagements.map { e in
                (uid(session: e.sessionID, trainer: it.trainer.id), try event(e))
            }, uniquingKeysWith: { a, _ in a })
            for key in events.keys.sorted() where known[key] == nil { order.append(key) }
            for key in Set(known.keys).union(events.keys) {
                let content: AllDayEvent
                if let live = events[key] {
                    content = live
                } else if let was = known[key] {
                    content = was.content.status == .cancelled ? was.content : cancelled(was.content, since: v.number)
                } else { continue }
                let stamp = max(0, v.revised - sequenceEpoch)
                if let was = known[key] {
                    if was.content != content {
                        known[key] = Known(content: content, sequence: max(was.sequence + 1, stamp), changedIn: v.number)
                    }
                } else {
                    known[key] = Known(content: content, sequence: stamp, changedIn: v.number)
                }
            }
        }
        let live = it.engagements.map { uid(session: $0.sessionID, trainer: it.trainer.id) }
        let gone = order.filter { !live.contains($0) }
            .sorted { (known[$0]!.content.first, $0) < (known[$1]!.content.first, $1) }
        let versioned = it.edition?.version != nil || !earlier.isEmpty
        let events = (live + gone).map { key -> AllDayEvent in
            var e = known[key]!.content
            e.uid = key
            e.sequence = known[key]!.sequence
            if versioned { e.description += "\n安排依据：排课计划第\(known[key]!.changedIn)版" }
            return e
        }
        var description = "\(it.planName)：\(it.trainer.name)（\(it.trainer.id)）的讲师行程"
        if let edition = it.edition { description += "，\(edition.planText)" }
        if !gone.isEmpty { description += "；含 \(gone.count) 项已取消的任务" }
        return PublishedCalendar(name: "\(it.trainer.name) 讲师行程（\(it.trainer.id)）", revised: revised, events: events,
                                 description: description)
    }

    public static func text(_ it: Itinerary, revised: Int, earlier: [ItineraryVersion] = []) throws -> String {
        ICSWriter.text(try calendar(it, revised: revised, earlier: earlier))
    }

    /// What a version says of one event, before its SEQUENCE is known.
    private struct Known { var content: AllDayEvent; var sequence: Int; var changedIn: Int }

    static func event(_ e: Itinerary.Engagement) throws -> AllDayEvent {
        AllDayEvent(
            uid: "", first: e.first, last: e.last,
            summary: summary(e),
            location: e.venueAddress.isEmpty ? e.venueName : "\(e.venueName), \(e.venueAddress)",
            description: try description(e),
            categories: [e.kindName])
    }

    /// The event as last given, marked cancelled from version `since` on.
    static func cancelled(_ e: AllDayEvent, since: Int) -> AllDayEvent {
        var c = e
        c.status = .cancelled
        c.summary = "已取消：" + e.summary
        c.description = "【已取消】自排课计划第\(since)版起，本项任务不再由您承担，请勿前往。\n" + e.description
        return c
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
