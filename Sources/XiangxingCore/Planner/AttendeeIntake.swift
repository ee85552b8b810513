/// Rule 6 before and after the search: how many classes the enrolled
/// people can fill and how many seats each needs, then who sits in which
/// class. People of one township are kept together where sizes allow.
struct AttendeeIntake: Sendable {
    /// Session id → seats its venue must have.
    let seats: [String: Int]
    /// Classes that cannot run for want of people.
    let impossible: [String: ImpossibleReason]
    /// (county, kind) → enrolled people in seating order.
    private let groups: [String: [Attendee]]
    private let index: ScenarioIndex

    private static func key(_ county: String, _ kind: String) -> String { county + "\u{1F}" + kind }

    init(index: ScenarioIndex) {
        self.index = index
        let s = index.scenario
        guard let attendees = s.attendees else { seats = [:]; impossible = [:]; groups = [:]; return }
        var groups: [String: [Attendee]] = [:]
        for a in attendees { groups[Self.key(a.county, a.kind), default: []].append(a) }
        for k in groups.keys { groups[k]!.sort { ($0.township, $0.idNumber) < ($1.township, $1.idNumber) } }
        var classes: [String: [String]] = [:]
        for d in s.demands where d.classes > 0 {
            for n in 1...d.classes { classes[Self.key(d.county, d.kind), default: []].append(d.sessionID(n)) }
        }
        var seats: [String: Int] = [:], impossible: [String: ImpossibleReason] = [:]
        for (key, ids) in classes {
            let parts = key.split(separator: "\u{1F}", omittingEmptySubsequences: false)
            guard let kind = index.kinds[String(parts[1])] else { continue }
            let enrolled = groups[key]?.count ?? 0
            let runnable = min(ids.count, kind.minSeats > 0 ? enrolled / kind.minSeats : (enrolled > 0 ? ids.count : 0))
            let seated = min(enrolled, runnable * kind.maxSeats)
            let size = runnable > 0 ? (seated + runnable - 1) / runnable : 0
            for (n, id) in ids.enumerated() {
                if n < runnable { seats[id] = max(size, kind.minSeats) } else {
                    impossible[id] = .tooFewAttendees(enrolled: enrolled, classes: ids.count, minSeats: kind.minSeats)
                }
            }
        }
        self.seats = seats
        self.impossible = impossible
        self.groups = groups
    }

    /// Seats the people of each county and kind in its scheduled classes
    /// (earliest class first), sizes as even as the seats allow; sets each
    /// class's attendee count.
    func allocate(sessions: inout [Session], venues: [String: Venue],
                  previous: [String: [String]]? = nil) -> (assignments: [String: [String]], waitlist: [WaitlistEntry]) {
        // One person may hold seats in classes of several kinds.
        var before: [String: [String]] = [:]
        for (session, ids) in previous ?? [:] { for id in ids { before[id, default: []].append(session) } }
        var byGroup: [String: [Int]] = [:]
        for (i, s) in sessions.enumerated() where s.type == .trainingClass {
            byGroup[Self.key(s.county, s.kind), default: []].append(i)
        }
        var assignments: [String: [String]] = [:]
        var waitlist: [WaitlistEntry] = []
        for key in groups.keys.sorted() {
            let people = groups[key]!
            let classes = (byGroup[key] ?? []).sorted { (sessions[$0].dates.first!, sessions[$0].id) < (sessions[$1].dates.first!, sessions[$1].id) }
            guard let first = classes.first, let kind = index.kinds[sessions[first].kind] else {
                waitlist += people.map { WaitlistEntry(attendee: $0, reason: .noClass) }
                continue
            }
            let caps = classes.map { Rules.classCapacity(for: kind, venueSeats: venues[sessions[$0].venue]?.seats ?? kind.maxSeats) }
            var sizes = [Int](repeating: 0, count: classes.count)
            var left = min(people.count, caps.reduce(0, +))
            // Water-filling: one seat at a time to the emptiest class with room.
            while left > 0 {
                var pick = -1
                for k in sizes.indices where sizes[k] < caps[k] && (pick < 0 || sizes[k] < sizes[pick]) { pick = k }
                if pick < 0 { break }
                sizes[pick] += 1; left -= 1
            }
            // A re-plan leaves people in the class they were told of, while it
            // runs and has room; the others fill the remaining seats in order.
            var seats = [[String]](repeating: [], count: classes.count)
            var waiting: [Attendee] = []
            let slot = Dictionary(classes.enumerated().map { (sessions[$0.element].id, $0.offset) }, uniquingKeysWith: { a, _ in a })
            for p in people {
                if let old = before[p.idNumber]?.lazy.compactMap({ slot[$0] }).first, seats[old].count < sizes[old] { seats[old].append(p.idNumber) }
                else { waiting.append(p) }
            }
            var next = 0
            for k in classes.indices {
                while seats[k].count < sizes[k] && next < waiting.count { seats[k].append(waiting[next].idNumber); next += 1 }
                assignments[sessions[classes[k]].id] = seats[k]
                sessions[classes[k]].attendees = seats[k].count
            }
            // Those a max_seats venue would have seated wait for want of seats
            // (a bigger venue or another class); the rest because every class is full.
            let capacity = caps.reduce(0, +)
            var forSeats = classes.count * kind.maxSeats - capacity
            for p in waiting[next...] {
                if forSeats > 0 {
                    forSeats -= 1
                    waitlist.append(WaitlistEntry(attendee: p, reason: .venuesTooSmall(classes: classes.count, seats: capacity)))
                } else {
                    waitlist.append(WaitlistEntry(attendee: p, reason: .classesFull(classes: classes.count)))
                }
            }
        }
        for i in sessions.indices where sessions[i].type == .trainingClass && assignments[sessions[i].id] == nil {
            assignments[sessions[i].id] = []
            sessions[i].attendees = 0
        }
        return (assignments, waitlist)
    }
}
