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
    /// County code → people to tell: whose class changed dates or venue,
    /// who moved class, lost their seat or got one. Without assignments, the
    /// planned attendance of each class whose dates or venue changed.
    public var attendeesMoved: [String: Int]
    /// One row per person to tell (only when both plans have assignments),
    /// by county, then session, then ID number.
    public var attendeeNotices: [AttendeeNotice]

    /// A person enrolled for a kind whose class changed under them.
    public struct AttendeeNotice: Hashable, Sendable {
        public enum Reason: Hashable, Sendable {
            /// Same class, new dates and/or venue.
            case classChanged(dates: Bool, venue: Bool)
            /// Moved to another class of the same kind.
            case moved
            /// Had a seat, has none now (候补).
            case seatLost
            /// Had no seat, has one now.
            case seated
        }
        /// Resident ID: personal data, never logged; mask it when printing.
        public var idNumber: String
        public var kind: String
        public var county: String
        public var old: Session?
        public var new: Session?
        public var reason: Reason
    }

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
        var notices: [AttendeeNotice] = []
        if old.assignments != nil || new.assignments != nil {
            let oldSeat = Self.seats(old), newSeat = Self.seats(new)
            for key in Set(oldSeat.keys).union(newSeat.keys) {
                let o = oldSeat[key].flatMap { before[$0] }, n = newSeat[key].flatMap { after[$0] }
                let reason: AttendeeNotice.Reason
                switch (o, n) {
                case let (o?, n?) where o.id == n.id:
                    guard o.dates != n.dates || o.venue != n.venue else { continue }
                    reason = .classChanged(dates: o.dates != n.dates, venue: o.venue != n.venue)
                case (_?, _?): reason = .moved
                case (_?, nil): reason = .seatLost
                case (nil, _?): reason = .seated
                case (nil, nil): continue
                }
                let county = n?.county ?? o?.county ?? ""
                notices.append(AttendeeNotice(idNumber: key.id, kind: key.kind, county: county, old: o, new: n, reason: reason))
                moved[county, default: 0] += 1
            }
        } else {
            for c in changes where c.old?.type == .trainingClass && c.new != nil && (c.datesChanged || c.venueChanged) {
                moved[c.county, default: 0] += c.new?.attendees ?? 0
            }
        }
        self.changes = changes
        self.byTrainer = byTrainer
        self.byCounty = byCounty
        self.attendeesMoved = moved.filter { $0.value > 0 }
        self.attendeeNotices = notices.sorted {
            ($0.county, ($0.new ?? $0.old)?.id ?? "", $0.idNumber) < ($1.county, ($1.new ?? $1.old)?.id ?? "", $1.idNumber)
        }
    }

    private struct Seat: Hashable { var id: String; var kind: String }

    /// (id_number, kind) → session.
    private static func seats(_ p: Plan) -> [Seat: String] {
        let kind = Dictionary(p.sessions.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        var out: [Seat: String] = [:]
        for (s, ids) in p.assignments ?? [:] { for id in ids { out[Seat(id: id, kind: kind[s] ?? "")] = s } }
        return out
    }

    public var isEmpty: Bool { changes.isEmpty && attendeesMoved.isEmpty }
}
