import Foundation
import XiangxingCore
import XiangxingPrint
import XiangxingStore

/// What a trainer's own pages show: their engagements in the store's latest
/// version, the coming ones first (from `today`), the past ones after; and
/// one class they teach with its head count and townships. Built from the
/// itinerary (`Itineraries.prepare`), so the road (from home or the
/// previous stop, km, minutes) is the one the PDF and the score use.
/// Attendees' IDs and phones never leave the store through here.
///
///     let mine = try Engagements.of(office, trainer: "T001", today: Day(2019, 9, 1)!)
///     mine.coming.first?.county.name  // "唐河县"
public struct TrainerEngagements: Sendable {
    public var trainer: Itinerary.Person
    public var home: Itinerary.Place
    public var planName: String
    /// Engagements whose last day is `today` or later, in date order.
    public var coming: [Itinerary.Engagement]
    /// Engagements over before `today`, the latest first.
    public var past: [Itinerary.Engagement]
    /// Taken from the trainer by a re-plan (已取消), in date order.
    public var cancelled: [Itinerary.Cancelled]
    public var version: Int?
    public var itinerary: Itinerary
}

/// One class (or tour stop) as its trainer sees it: no one's ID or phone.
public struct TrainerSession: Sendable {
    public struct Township: Hashable, Sendable {
        public var name: String
        public var people: Int
    }
    public var engagement: Itinerary.Engagement
    /// People enrolled (a class) or mentees planned (a tour stop).
    public var enrolled: Int
    /// Where the enrolled come from, most people first; empty for a tour
    /// stop or a plan without assignments.
    public var townships: [Township]
}

public enum Engagements {
    /// Trainer `trainer`'s engagements in the latest version; an
    /// `OfficeError` when there is no plan or no such trainer.
    public static func of(_ office: OfficeStore, trainer: String, today: Day) throws -> TrainerEngagements {
        let made = try Itineraries.prepare(.store(office, version: nil), store: office.path, trainer: trainer,
                                           language: office.language, notice: { _ in })
        guard let it = made.itineraries.first, it.trainer.id == trainer else {
            throw OfficeError(office.language == .zh ? "没有讲师 \(trainer)" : "no trainer \(trainer)")
        }
        let (coming, past) = split(it.engagements, today: today)
        return TrainerEngagements(trainer: it.trainer, home: it.home, planName: it.planName, coming: coming, past: past,
                                  cancelled: it.cancelled, version: made.version, itinerary: it)
    }

    /// Coming (ending today or later, date order) and past (latest first).
    public static func split(_ engagements: [Itinerary.Engagement], today: Day) -> (coming: [Itinerary.Engagement], past: [Itinerary.Engagement]) {
        let coming = engagements.filter { $0.last >= today }
        let past = engagements.filter { $0.last < today }.reversed()
        return (coming, Array(past))
    }

    /// Session `session` of the latest version when trainer `trainer`
    /// teaches it; nil otherwise (a page answers 404: whether the session
    /// exists is none of the trainer's business).
    public static func session(_ office: OfficeStore, trainer: String, session: String) throws -> TrainerSession? {
        let snap = try TrainerSnapshots.shared.snapshot(office)
        let (index, v) = (snap.index, snap.latest)
        guard let s = v.plan.sessions.first(where: { $0.id == session }), s.trainers.contains(trainer),
              let it = Itinerary(trainer: trainer, plan: v.plan, index: index),
              let engagement = it.engagements.first(where: { $0.sessionID == session }) else { return nil }
        var enrolled = s.attendees
        var townships: [TrainerSession.Township] = []
        if s.type == .trainingClass, let ids = v.plan.assignments?[s.id] {
            enrolled = ids.count
            var count: [String: Int] = [:]
            for id in ids {
                let person = index.attendees[id]?.first { $0.kind == s.kind } ?? index.attendees[id]?.first
                count[person?.township ?? "未知乡镇", default: 0] += 1
            }
            townships = count.map { TrainerSession.Township(name: $0.key, people: $0.value) }
                .sorted { ($1.people, $0.name) < ($0.people, $1.name) }
        }
        return TrainerSession(engagement: engagement, enrolled: enrolled, townships: townships)
    }
}

/// One engagement in the words a trainer reads on the phone, made with the
/// printed itinerary's wording (`ItineraryWording`): the page shows what the
/// PDF says. Plain strings, so a page renders them without the print layer.
public struct EngagementCard: Sendable, Hashable {
    public var sessionID: String
    /// "2019年9月12日（星期四）至 9月18日（星期三），共5天".
    public var dates: String
    /// Set when the dates skip days (a weekend): "9月12日、9月13日、9月16日".
    public var teachingDays: String?
    public var county: String
    public var venue: String
    public var address: String
    /// The kind's Chinese name, e.g. 创业能力提升培训.
    public var course: String
    /// "创业能力提升培训（期次 D07-2）", "2019年创业讲师乡村行 第2组（站点 …）".
    public var courseLine: String
    /// "李秀英、张伟", or "无".
    public var coTrainers: String
    /// "去程：桐柏县 → 唐河县，72 公里，约 85 分钟" (from home, or the team's previous stop).
    public var arrival: String
    /// "返程：…", or "续往本组下一站，不回常住地".
    public var departure: String
    /// Where the road starts: "常住地 桐柏县" or "上一站 唐河县".
    public var from: String
    public var km: String
    public var minutes: String
    public var isClass: Bool

    public init(_ e: Itinerary.Engagement) throws {
        sessionID = e.sessionID
        dates = try ItineraryWording.period(e)
        teachingDays = try ItineraryWording.teachingDays(e)
        county = e.county.name
        venue = e.venueName
        address = e.venueAddress
        course = e.kindName
        courseLine = ItineraryWording.course(e)
        coTrainers = ItineraryWording.coTrainers(e)
        arrival = ItineraryWording.leg(e.arrival)
        departure = e.departure.map(ItineraryWording.leg) ?? "续往本组下一站，不回常住地"
        from = (e.arrival.fromHome ? "常住地 " : "上一站 ") + e.arrival.from.name
        km = ItineraryWording.km(e.km)
        minutes = ItineraryWording.minutes(e.minutes)
        isClass = e.type == .trainingClass
    }
}

extension TrainerEngagements {
    /// The coming engagements as the page shows them.
    public func comingCards() throws -> [EngagementCard] { try coming.map(EngagementCard.init) }
    public func pastCards() throws -> [EngagementCard] { try past.map(EngagementCard.init) }
    /// "已取消：2019年7月18日（星期四），共1天 · 卧龙区 · …（第1版安排，第2版起取消）".
    public func cancelledLines() throws -> [String] { try cancelled.map(ItineraryWording.cancelled) }
    /// "共 8 项任务，授课 27 天，路程合计 1234 公里（约 20 小时 5 分钟）".
    public var totals: String { ItineraryWording.totals(itinerary) }
}
