/// The scenario turned into numbers for the planner: every class and tour
/// stop as an item, the teaching-day sequences as day offsets, trainers
/// sorted by distance for each county and kind. Built once per run.
struct PlanningProblem: Sendable {
    struct ClassItem: Sendable {
        let sessionID: String
        let demand: Int
        /// 1-based class number within its demand row.
        let number: Int
        let kind: Int
        let county: Int
        let days: Int
        let trainersNeeded: Int
        /// Index into `sequences`.
        let sequence: Int
        /// Allowed first positions in the sequence (rule 1): lo...hi, empty when lo > hi.
        let firstRun: Int
        let lastRun: Int
        /// Seats the class should have: its share of the people enrolled
        /// for its county and kind (max_seats without attendees.csv).
        let seats: Int
        /// Seats the venue must have at least (rule 6): a smaller venue than
        /// `seats` still holds the class, the people it cannot seat wait.
        let fewestSeats: Int
        /// Index into `nearby`.
        let nearby: Int
        /// Cheapest possible trainer km, ignoring everyone else.
        let lowerBound: Double
        /// Set when the item cannot be planned whatever the others do.
        let impossible: ImpossibleReason?
        var runCount: Int { max(0, lastRun - firstRun + 1) }
    }

    let index: ScenarioIndex
    let classes: [ClassItem]
    /// Teaching-day sequences as day offsets: [county * 2 + (weekends ? 1 : 0)].
    let sequences: [[Int]]
    /// Qualified trainers of a (county, kind), nearest home first.
    let nearby: [[Int]]
    /// Venues of each county, fewest seats first.
    let venuesOfCounty: [[Int]]
    let venueSeats: [Int]
    let trainerHome: [Int]
    let counties: Int
    /// Class items of each county.
    let classesOfCounty: [[Int]]

    func km(_ a: Int, _ b: Int) -> Double { index.roads.km(number: a, b) }

    /// The venue for a class on some dates (rules 5 and 6): the smallest
    /// free one that seats everyone the class should take, else the largest
    /// free one that still seats `fewestSeats` — 34 of 40 people seated and
    /// 6 waitlisted beats leaving all 40 out. `short` is the seats missing.
    /// First fit (`fileOrder`) takes the first in venues.csv that seats everyone.
    func venue(for item: ClassItem, fileOrder: Bool = false, isFree: (Int) -> Bool) -> (venue: Int, short: Int)? {
        var largest: Int?
        let venues = fileOrder ? venuesOfCounty[item.county].sorted() : venuesOfCounty[item.county]
        for v in venues where venueSeats[v] >= item.fewestSeats && isFree(v) {
            if venueSeats[v] >= item.seats { return (v, 0) }
            if largest.map({ venueSeats[v] > venueSeats[$0] }) ?? true { largest = v }
        }
        return largest.map { ($0, item.seats - venueSeats[$0]) }
    }

    /// Seats a class in venue `v` is short of what it should take (rule 6 allowing).
    func seatsShort(_ item: ClassItem, venue v: Int) -> Int? {
        venueSeats[v] >= item.fewestSeats ? max(0, item.seats - venueSeats[v]) : nil
    }

    /// Day offsets of a run starting at sequence position `p`.
    func offsets(_ item: ClassItem, run p: Int) -> ArraySlice<Int> {
        sequences[item.sequence][p..<(p + item.days)]
    }

    init(index: ScenarioIndex, classSeats: [String: Int], impossible: [String: ImpossibleReason]) {
        self.index = index
        let s = index.scenario
        counties = s.counties.count
        var sequences: [[Int]] = []
        for c in s.counties {
            for weekends in [false, true] {
                sequences.append(index.calendar.teachingDays(weekends: weekends, county: c.code).compactMap(index.offset(of:)))
            }
        }
        self.sequences = sequences
        let home = s.trainers.map { index.countyNumber[$0.homeCounty] ?? 0 }
        trainerHome = home
        venueSeats = s.venues.map(\.seats)
        var venues = [[Int]](repeating: [], count: counties)
        for (i, v) in s.venues.enumerated() { if let c = index.countyNumber[v.county] { venues[c].append(i) } }
        venuesOfCounty = venues.map { list in list.sorted { (s.venues[$0].seats, $0) < (s.venues[$1].seats, $1) } }

        var nearest = NearestTrainers(index)
        var nearbyKey: [Int: Int] = [:]
        var nearby: [[Int]] = []
        var items: [ClassItem] = []
        for (di, d) in s.demands.enumerated() where d.classes > 0 {
            guard let kind = index.kinds[d.kind], let k = index.kindNumber[d.kind],
                  let c = index.countyNumber[d.county] else { continue }
            let key = c * max(1, s.kinds.count) + k
            let near: Int
            if let n = nearbyKey[key] { near = n } else {
                near = nearby.count
                nearby.append(nearest.ranked(kind: d.kind, county: c))
                nearbyKey[key] = near
            }
            let seq = c * 2 + (kind.weekends ? 1 : 0)
            // Rule 1: runs of `kind.days` consecutive teaching days inside the
            // window, as positions in the county's teaching-day sequence.
            let runs = index.calendar.runs(count: kind.days, within: d.earliest...d.latest, weekends: kind.weekends, county: d.county)
            let lo = runs.first?.lowerBound ?? 0, hi = runs.last?.lowerBound ?? -1
            let lb = nearest.roundTrips(ranked: nearby[near], trainers: kind.trainers, county: c)
            for n in 1...d.classes {
                let id = d.sessionID(n)
                items.append(ClassItem(sessionID: id, demand: di, number: n, kind: k, county: c, days: kind.days,
                                       trainersNeeded: kind.trainers, sequence: seq, firstRun: lo, lastRun: hi,
                                       seats: classSeats[id] ?? kind.maxSeats,
                                       fewestSeats: Rules.fewestVenueSeats(for: kind, withAttendees: s.attendees != nil),
                                       nearby: near, lowerBound: lb,
                                       impossible: impossible[id]))
            }
        }
        self.classes = items
        self.nearby = nearby
        var ofCounty = [[Int]](repeating: [], count: counties)
        for (i, item) in items.enumerated() { ofCounty[item.county].append(i) }
        classesOfCounty = ofCounty
    }
}

/// Why an item cannot be planned before any search starts.
public enum ImpossibleReason: Hashable, Sendable {
    /// attendees.csv has too few people of this county and kind for another class.
    case tooFewAttendees(enrolled: Int, classes: Int, minSeats: Int)
}
