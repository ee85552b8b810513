import Foundation
import XiangxingCore
import XiangxingICU

/// The Chinese wording of an itinerary, shared by the text file, the PDF
/// and the calendar's event descriptions.
public enum ItineraryWording {
    /// "讲师行程表 — 王建国（T009）".
    public static func title(_ it: Itinerary) -> String {
        "讲师行程表 — \(it.trainer.name)（\(it.trainer.id)）"
    }

    /// "2019年9月12日（星期四）至 9月18日（星期三），共5天".
    public static func period(_ e: Itinerary.Engagement) throws -> String {
        try RosterText.period(e.dates)
    }

    /// The teaching days one by one, "9月12日（周四）、9月13日（周五）、9月16日（周一）",
    /// for an engagement whose dates skip a weekend or holiday; nil otherwise.
    public static func teachingDays(_ e: Itinerary.Engagement) throws -> String? {
        guard !e.isContiguous else { return nil }
        return try e.dates.map { try short($0) }.joined(separator: "、")
    }

    /// "9月12日（周四）".
    public static func short(_ day: Day) throws -> String {
        try ChineseDateFormat.short(year: day.year, month: day.month, day: day.dayOfMonth)
    }

    /// "创业能力提升培训（期次 D07-2）", "2019年创业讲师乡村行 第2组（站点 XCX-2019-09@411328）".
    public static func course(_ e: Itinerary.Engagement) -> String {
        switch e.type {
        case .trainingClass:
            return "\(e.kindName)（期次 \(e.sessionID)）"
        case .tourStop:
            let team = e.team.map { " 第\($0)组" } ?? ""
            return "\(e.tourName ?? e.kindName)\(team)（站点 \(e.sessionID)）"
        }
    }

    /// "李秀英、张伟", or "无" when the trainer teaches alone.
    public static func coTrainers(_ e: Itinerary.Engagement) -> String {
        e.coTrainers.isEmpty ? "无" : e.coTrainers.map(\.name).joined(separator: "、")
    }

    /// "去程：桐柏县 → 唐河县，72 公里，约 85 分钟"; "返程：同在唐河县，0 公里" within one county.
    public static func leg(_ leg: Itinerary.Leg) -> String {
        let label = leg.toHome ? "返程" : leg.fromHome ? "去程" : "转场"
        guard leg.from.code != leg.to.code else { return "\(label)：同在\(leg.from.name)，0 公里" }
        return "\(label)：\(leg.from.name) → \(leg.to.name)，\(km(leg.km))，约 \(minutes(leg.minutes))"
    }

    /// "72 公里".
    public static func km(_ km: Double) -> String { String(format: "%.0f 公里", km) }

    /// "85 分钟", "3 小时 5 分钟".
    public static func minutes(_ minutes: Double) -> String {
        let m = Int(minutes.rounded())
        return m < 60 ? "\(m) 分钟" : m % 60 == 0 ? "\(m / 60) 小时" : "\(m / 60) 小时 \(m % 60) 分钟"
    }

    /// "间隔 5 个工作日".
    public static func gap(_ workingDays: Int) -> String {
        workingDays == 0 ? "紧接上一项，无空闲工作日" : "间隔 \(workingDays) 个工作日"
    }

    /// "共 8 项任务，授课 27 天，路程合计 1234 公里（约 20 小时 5 分钟）".
    public static func totals(_ it: Itinerary) -> String {
        "共 \(it.engagements.count) 项任务，授课 \(it.teachingDays) 天，路程合计 \(km(it.km))（约 \(minutes(it.minutes))）"
    }

    /// "已取消：2019年7月18日（星期四），共1天 · 卧龙区 · 创业服务业务培训（期次 D010-1）· 卧龙区就业训练中心（第1版安排，第2版起取消）".
    public static func cancelled(_ c: Itinerary.Cancelled) throws -> String {
        let e = c.engagement
        return "已取消：\(try period(e)) · \(e.county.name) · \(course(e)) · \(e.venueName)（第\(c.lastVersion)版安排，第\(c.since)版起取消）"
    }

    /// "以下任务在此前版本中安排给您，现已取消，请勿前往：".
    public static let cancelledHeading = "以下任务在此前版本中安排给您，现已取消，请勿前往："

    /// "南阳市2019年返乡创业培训与创业讲师乡村行（2019-01-01 至 2019-12-31）· 常住：唐河县".
    public static func subtitle(_ it: Itinerary) -> String {
        "\(it.planName)（\(it.period.lowerBound.iso) 至 \(it.period.upperBound.iso)）· 常住：\(it.home.name)"
    }
}

/// A printable plain-text itinerary in Chinese (UTF-8, LF line ends).
///
///     let text = try ItineraryText.text(wang)
///     // 讲师行程表 — 王建国（T009）
///     // 1. 2019年3月5日（星期二）至 3月7日（星期四），共3天
///     //    县区：唐河县 …
public enum ItineraryText {
    public static func text(_ it: Itinerary) throws -> String {
        var lines = [ItineraryWording.title(it), ItineraryWording.subtitle(it)]
        if let edition = it.edition { lines.append(edition.text) }
        var cancelled: [String] = []
        if !it.cancelled.isEmpty {
            cancelled = ["", ItineraryWording.cancelledHeading]
            for c in it.cancelled { cancelled.append("   " + (try ItineraryWording.cancelled(c))) }
        }
        guard !it.engagements.isEmpty else {
            lines += ["", "本计划中没有安排任务。"] + cancelled
            return lines.joined(separator: "\n") + "\n"
        }
        lines += [ItineraryWording.totals(it), ""]
        for (n, e) in it.engagements.enumerated() {
            if let free = e.freeWorkingDaysBefore, e.arrival.fromHome {
                lines += ["   —— \(ItineraryWording.gap(free)) ——", ""]
            }
            lines.append("\(n + 1). \(try ItineraryWording.period(e))")
            if let days = try ItineraryWording.teachingDays(e) {
                lines.append("   授课日：\(days)")
            }
            lines.append("   县区：\(e.county.name)")
            lines.append("   场地：\(e.venueName)" + (e.venueAddress.isEmpty ? "" : "（\(e.venueAddress)）"))
            lines.append("   课程：\(ItineraryWording.course(e))")
            lines.append("   同行讲师：\(ItineraryWording.coTrainers(e))")
            lines.append("   \(ItineraryWording.leg(e.arrival))")
            if let back = e.departure {
                lines.append("   \(ItineraryWording.leg(back))")
            } else {
                lines.append("   次日接下一项任务，不回常住地")
            }
            lines.append("")
        }
        if !cancelled.isEmpty { lines += cancelled.dropFirst() + [""] }
        lines.append("（路程为县城之间的道路里程估算；行程以最新排课计划为准。）")
        return lines.joined(separator: "\n") + "\n"
    }
}
