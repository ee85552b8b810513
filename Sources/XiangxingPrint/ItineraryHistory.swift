import XiangxingCore

/// Which plan a printout was made from and when it was printed: every
/// itinerary names both, so a trainer holding two copies knows which is newer.
///
///     PrintEdition(version: 2, planRevised: saved, printed: now).text  // "排课计划第2版（2019-07-16 09:30 保存）· 打印于 2019-07-16 10:02"
public struct PrintEdition: Hashable, Sendable {
    /// The store's version number; nil for a plan folder the store does not hold.
    public var version: Int?
    /// When the plan was saved (or plan.csv last written), seconds since 1970.
    public var planRevised: Int
    /// When this copy was made, seconds since 1970.
    public var printed: Int

    public init(version: Int?, planRevised: Int, printed: Int) {
        self.version = version; self.planRevised = planRevised; self.printed = printed
    }

    /// "排课计划第2版（2019-07-16 09:30 保存）", "排课计划（未存入数据库，2019-07-16 09:30 保存）".
    public var planText: String {
        let saved = Self.beijing(planRevised)
        return version.map { "排课计划第\($0)版（\(saved) 保存）" } ?? "排课计划（未存入数据库，\(saved) 保存）"
    }

    /// "排课计划第2版（2019-07-16 09:30 保存）· 打印于 2019-07-16 10:02".
    public var text: String { "\(planText)· 打印于 \(Self.beijing(printed))" }

    /// "2019-07-16 09:30" in Beijing time (UTC+8, no daylight saving since 1991).
    static func beijing(_ seconds: Int) -> String {
        let local = seconds + 8 * 3600
        let day = Day(ordinal: Int32((Double(local) / 86_400).rounded(.down)))
        let minute = ((local % 86_400) + 86_400) % 86_400 / 60
        let hh = minute / 60, mm = minute % 60
        return "\(day.iso) \(hh < 10 ? "0" : "")\(hh):\(mm < 10 ? "0" : "")\(mm)"
    }
}

/// A trainer's itinerary in one stored plan version: what their phone and
/// papers were given then. Oldest first, it is the history the current
/// itinerary and calendar are compared with.
public struct ItineraryVersion: Sendable {
    public var number: Int
    /// When the version was saved, seconds since 1970.
    public var revised: Int
    public var itinerary: Itinerary
    public init(number: Int, revised: Int, itinerary: Itinerary) {
        self.number = number; self.revised = revised; self.itinerary = itinerary
    }
}

extension Itinerary {
    /// An engagement the trainer was given in an earlier version and no
    /// longer has (the session moved to another trainer or was dropped): it
    /// is printed as 已取消 so nobody drives to it.
    public struct Cancelled: Hashable, Sendable {
        /// As the trainer last had it.
        public var engagement: Engagement
        /// The last version that had it.
        public var lastVersion: Int
        /// The first version without it.
        public var since: Int
    }

    /// This itinerary with `cancelled` filled from the earlier versions
    /// (oldest first): every engagement some earlier version gave the
    /// trainer that this one lacks, in date order.
    ///
    ///     let v2 = Itinerary(trainer: "T016", plan: plan2, index: index)!.noting(earlier: [v1], version: 2)
    ///     v2.cancelled.first?.engagement.sessionID  // "D010-1"
    public func noting(earlier: [ItineraryVersion], version: Int?) -> Itinerary {
        var copy = self
        let now = Set(engagements.map(\.sessionID))
        var last: [String: (Engagement, Int)] = [:]
        for v in earlier {
            for e in v.itinerary.engagements { last[e.sessionID] = (e, v.number) }
        }
        let numbers = earlier.map(\.number) + [version ?? ((earlier.last?.number ?? 0) + 1)]
        copy.cancelled = last.filter { !now.contains($0.key) }.map { _, had in
            Cancelled(engagement: had.0, lastVersion: had.1, since: numbers.first { $0 > had.1 } ?? had.1 + 1)
        }.sorted { ($0.engagement.first, $0.engagement.sessionID) < ($1.engagement.first, $1.engagement.sessionID) }
        return copy
    }
}
