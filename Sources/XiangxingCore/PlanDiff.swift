/// What changed between two plan versions, grouped by who must be told:
/// each trainer (old and new engagements) and each county (sessions moved,
/// people affected).
public struct PlanDiff: Sendable {
    public struct Change: Hashable, Sendable {
        public var session: String
        public var old: Session?
        public var new: Session?
        public var datesChanged: Bool { old?.dates != new?.dates }
        public var trainersChanged: Bool { Set(old?.trainers ?? []) != Set(new?.trainers ?? []) }
        public var venueChanged: Bool { old?.venue != new?.venue }
        public var county: String { new?.county ?? old?.county ?? "" }
    }

    /// Sessions added, dropped or changed, by session id.
    public var changes: [Change]
    /// Trainer id → the changes they must hear of (they taught or now teach it).
    public var byTrainer: [String: [Change]]
    /// County code → its changed sessions.
    public var byCounty: [String: [Change]]
    /// County code → people whose class changed or who lost their seat.
    public var attendeesMoved: [String: Int]

    public init(old: Plan, new: Plan) {
        let before = Dictionary(old.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let after = Dictionary(new.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [Change] = []
        for id in Set(before.keys).union(after.keys).sorted() {
            let o = before[id], n = after[id]
            if let o, let n, o.dates == n.dates, Set(o.trainers) == Set(n.trainers), o.venue == n.venue { continue }
            changes.append(Change(session: id, old: o, new: n))
        }
        var byTrainer: [String: [Change]] = [:], byCounty: [String: [Change]] = [:]
        for c in changes {
            for t in Set((c.old?.trainers ?? []) + (c.new?.trainers ?? [])).sorted() {
                let stays = Set(c.old?.trainers ?? []).contains(t) && Set(c.new?.trainers ?? []).contains(t)
                // A trainer who keeps the session hears only if its dates or venue moved.
                if stays && !c.datesChanged && !c.venueChanged { continue }
                byTrainer[t, default: []].append(c)
            }
            byCounty[c.county, default: []].append(c)
        }
        var moved: [String: Int] = [:]
        let oldSeat = Self.seats(old), newSeat = Self.seats(new)
        for (key, session) in oldSeat where newSeat[key] != session {
            moved[before[session]?.county ?? "", default: 0] += 1
        }
        self.changes = changes
        self.byTrainer = byTrainer
        self.byCounty = byCounty
        self.attendeesMoved = moved
    }

    /// "id_number kind" → session.
    private static func seats(_ p: Plan) -> [String: String] {
        let kind = Dictionary(p.sessions.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var out: [String: String] = [:]
        for (s, ids) in p.assignments ?? [:] { for id in ids { out[id + "\u{1F}" + (kind[s] ?? "")] = s } }
        return out
    }

    public var isEmpty: Bool { changes.isEmpty && attendeesMoved.isEmpty }
}
