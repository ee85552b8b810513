/// What the office fixed by hand on one session: its dates, its trainers,
/// its venue — each independently, so pinning the dates leaves the venue
/// free to move.
public struct SessionPins: Hashable, Sendable {
    public var dates: [Day]?
    public var trainers: [String]?
    public var venue: String?
    public init(dates: [Day]? = nil, trainers: [String]? = nil, venue: String? = nil) {
        self.dates = dates; self.trainers = trainers; self.venue = venue
    }
    public var isEmpty: Bool { dates == nil && trainers == nil && venue == nil }
}

/// The published plan a re-plan starts from, and the pins it must keep.
public struct ReplanBaseline: Sendable {
    public var sessions: [Session]
    public var assignments: [String: [String]]?
    public var pins: [String: SessionPins]
    public init(sessions: [Session], assignments: [String: [String]]? = nil, pins: [String: SessionPins] = [:]) {
        self.sessions = sessions; self.assignments = assignments; self.pins = pins
    }
}

/// What a re-plan changed for people who had been told: the term the
/// search minimises after unscheduled work and before km.
public struct Disruption: Hashable, Sendable {
    /// Published sessions whose dates changed, and the dates changed in all.
    public var sessionsRedated = 0, datesChanged = 0
    /// Published sessions with another trainer, and trainers replaced in all.
    public var sessionsRestaffed = 0, trainersChanged = 0
    public var venuesChanged = 0
    /// Published sessions now left out.
    public var sessionsDropped = 0
    /// People whose class changed (or who lost their seat).
    public var attendeesMoved = 0
    public var total: Int { datesChanged + trainersChanged + venuesChanged + attendeesMoved }

    /// Compares a new plan with the published one.
    public static func between(_ old: [Session], _ new: [Session], oldAssignments: [String: [String]]?,
                               newAssignments: [String: [String]]?) -> Disruption {
        var d = Disruption()
        let now = Dictionary(new.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        for o in old {
            guard let n = now[o.id] else { d.sessionsDropped += 1; continue }
            let gone = Set(o.dates).subtracting(n.dates).count
            if gone > 0 || o.dates.count != n.dates.count { d.sessionsRedated += 1; d.datesChanged += max(gone, 1) }
            let replaced = Set(o.trainers).subtracting(n.trainers).count
            if replaced > 0 { d.sessionsRestaffed += 1; d.trainersChanged += replaced }
            if o.venue != n.venue { d.venuesChanged += 1 }
        }
        if let oldA = oldAssignments {
            var seatOf: [String: String] = [:]
            for (s, ids) in newAssignments ?? [:] { for id in ids { seatOf[id + "\u{1F}" + (now[s]?.kind ?? "")] = s } }
            for (s, ids) in oldA {
                let kind = old.first { $0.id == s }?.kind ?? ""
                for id in ids where seatOf[id + "\u{1F}" + kind] != s { d.attendeesMoved += 1 }
            }
        }
        return d
    }
}

/// The baseline in the planner's numbers: each class's previous placement
/// and pins.
struct ClassBaseline: Sendable {
    struct Previous: Sendable {
        /// Day offsets it was held on.
        var days: Set<Int>
        var run: Int?
        var venue: Int?
        var trainers: [Int]
    }
    struct Pins: Sendable {
        /// The only run allowed (nil: any); `impossible` when the pinned
        /// dates are no run of rule 1 inside the window.
        var run: Int?
        var trainers: [Int]?
        var venue: Int?
        var impossible: Bool
    }
    var previous: [Previous?]
    var pins: [Pins?]

    init(problem: PlanningProblem, baseline: ReplanBaseline?) {
        let n = problem.classes.count
        previous = Array(repeating: nil, count: n)
        pins = Array(repeating: nil, count: n)
        guard let baseline else { return }
        let x = problem.index
        let bySession = Dictionary(baseline.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func run(_ item: PlanningProblem.ClassItem, _ dates: [Day]) -> Int? {
            let offsets = dates.compactMap(x.offset(of:))
            guard offsets.count == dates.count, let first = offsets.first, item.runCount > 0 else { return nil }
            let seq = problem.sequences[item.sequence]
            guard let p = seq.firstIndex(of: first), p >= item.firstRun, p <= item.lastRun,
                  Array(seq[p..<(p + item.days)]) == offsets else { return nil }
            return p
        }
        for (i, item) in problem.classes.enumerated() {
            if let s = bySession[item.sessionID] {
                previous[i] = Previous(days: Set(s.dates.compactMap(x.offset(of:))), run: run(item, s.dates),
                                       venue: x.venueNumber[s.venue], trainers: s.trainers.compactMap { x.trainerNumber[$0] })
            }
            if let p = baseline.pins[item.sessionID], !p.isEmpty {
                var pin = Pins(run: nil, trainers: nil, venue: nil, impossible: false)
                if let dates = p.dates {
                    pin.run = run(item, dates)
                    if pin.run == nil { pin.impossible = true }
                }
                if let t = p.trainers {
                    let numbers = t.compactMap { x.trainerNumber[$0] }
                    if numbers.count != t.count || numbers.count != item.trainersNeeded { pin.impossible = true }
                    pin.trainers = numbers
                }
                if let v = p.venue {
                    pin.venue = x.venueNumber[v]
                    if pin.venue == nil || x.scenario.venues[pin.venue!].county != x.scenario.counties[item.county].code { pin.impossible = true }
                }
                pins[i] = pin
            }
        }
    }

    var isEmpty: Bool { !previous.contains { $0 != nil } && !pins.contains { $0 != nil } }
}
