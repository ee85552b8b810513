import XiangxingCore

/// The programme's milestones as a calendar the office subscribes to
/// (乡行 里程碑): one all-day VEVENT per milestone on the dates it is due or
/// held, its UID built from the milestone's id so an edited date moves the
/// event in the office's calendars, and the responsible unit in DESCRIPTION.
///
///     let text = MilestonesFeed.text(milestones, revised: stamp, language: .zh)
public enum MilestonesFeed {
    public static let calendarName = "乡行 里程碑"
    /// SEQUENCE counts seconds since 2000-01-01 (as the itineraries do): a
    /// later import's file wins over an earlier one in every calendar app.
    static let sequenceEpoch = 946_684_800

    /// `<id>@milestones.xiangxing`: stable for the same milestone in every file.
    public static func uid(_ m: Milestone) -> String { "\(m.id)@milestones.xiangxing" }

    /// `revised`: seconds since 1970 (DTSTAMP and LAST-MODIFIED of every event);
    /// give the time the milestones were imported, so the same import gives the same bytes.
    public static func calendar(_ milestones: [Milestone], revised: Int, language: Language = .zh,
                                description: String = "") -> PublishedCalendar {
        let zh = language == .zh
        let events = milestones.map { m in
            var lines = [(zh ? "责任单位：" : "Responsible unit: ") + m.unit]
            if m.wasMoved {
                lines.append(zh ? "原定 \(m.first.iso)，遇休息日顺延至 \(m.due.iso)"
                                : "set for \(m.first.iso); moved off a day off to \(m.due.iso)")
            }
            if !m.note.isEmpty { lines.append((zh ? "备注：" : "Note: ") + m.note) }
            return AllDayEvent(uid: uid(m), first: m.span.lowerBound, last: m.span.upperBound,
                               summary: m.title, description: lines.joined(separator: "\n"),
                               categories: [kindName(m.kind, language)], sequence: max(0, revised - sequenceEpoch))
        }
        return PublishedCalendar(name: calendarName, revised: revised, events: events, description: description)
    }

    public static func text(_ milestones: [Milestone], revised: Int, language: Language = .zh, description: String = "") -> String {
        ICSWriter.text(calendar(milestones, revised: revised, language: language, description: description))
    }

    public static func kindName(_ kind: MilestoneKind, _ language: Language) -> String {
        switch (kind, language) {
        case (.deadline, .zh): "截止"
        case (.event, .zh): "活动"
        case (.period, .zh): "阶段"
        case (.deadline, .en): "deadline"
        case (.event, .en): "event"
        case (.period, .en): "period"
        }
    }
}
