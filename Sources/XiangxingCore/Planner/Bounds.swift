/// How close a plan's road km is to the best any plan could do: lower
/// bounds that no plan scheduling the same classes and stops can go under,
/// beside the plan's own km (`TravelCost`, split into classes and tours).
///
/// - Classes: each class taught by its `trainers` nearest qualified
///   trainers, home → county → home, as if nobody else needed them and every
///   date were free (capacity and dates ignored).
/// - Tours: each trainer of a team drives a closed route through the
///   team's stops and their home, which is at least a spanning tree of
///   those counties and that home; summed over a tour's teams this is at
///   least `trainers` × the minimum spanning tree of all the tour's
///   scheduled stop counties and a "home" node whose distance to a county is
///   the nearest qualified trainer's.
///
///     let b = KmBounds.of(result.sessions, in: index)
///     print(b.classKm / b.classBound)
public struct KmBounds: Sendable, Equatable {
    public var classKm: Double
    public var tourKm: Double
    public var classBound: Double
    public var tourBound: Double
    /// Classes and stops the figures cover (the plan's scheduled ones).
    public var classes: Int
    public var stops: Int

    public var totalKm: Double { classKm + tourKm }
    public var totalBound: Double { classBound + tourBound }
    /// km ÷ bound (1 when both are 0; nil when only the bound is 0).
    public var classRatio: Double? { Self.ratio(classKm, classBound) }
    public var tourRatio: Double? { Self.ratio(tourKm, tourBound) }
    public var totalRatio: Double? { Self.ratio(totalKm, totalBound) }

    static func ratio(_ km: Double, _ bound: Double) -> Double? {
        bound > 1e-9 ? km / bound : (km < 1e-9 ? 1 : nil)
    }

    public static func of(_ sessions: [Session], in x: ScenarioIndex) -> KmBounds {
        let classSessions = sessions.filter { $0.type == .trainingClass }
        let stopSessions = sessions.filter { $0.type == .tourStop }
        var out = KmBounds(classKm: TravelCost.km(of: classSessions, in: x), tourKm: TravelCost.km(of: stopSessions, in: x),
                           classBound: 0, tourBound: 0, classes: classSessions.count, stops: stopSessions.count)
        var nearest = NearestTrainers(x)
        for s in classSessions {
            guard let kind = x.kinds[s.kind], let c = x.countyNumber[s.county] else { continue }
            out.classBound += nearest.classBound(kind: kind, county: c)
        }
        var byTour: [String: [Int]] = [:]
        for s in stopSessions { if let c = x.countyNumber[s.county] { byTour[s.ref, default: []].append(c) } }
        for (ref, counties) in byTour.sorted(by: { $0.key < $1.key }) {
            guard let tour = x.tours[ref], let kind = x.kinds[tour.kind] else { continue }
            let teams = stopSessions.filter { $0.ref == ref }.reduce(into: Set<Int>()) { $0.insert($1.team ?? 0) }.count
            out.tourBound += max(Double(kind.trainers) * nearest.treeBound(kind: kind, counties: counties),
                                 nearest.degreeBound(kind: kind, counties: counties, trainers: kind.trainers * teams))
        }
        return out
    }
}

/// Qualified trainers' homes nearest to each county, per kind: the
/// building block of the bounds, and the ranking the planner tries trainers in.
struct NearestTrainers {
    let index: ScenarioIndex
    /// Each trainer's home county number (0 when trainers.csv names none we know).
    private let homeOf: [Int]
    /// Per kind: the qualified trainers grouped by home, members in file order.
    private var groups: [String: [(home: Int, trainers: [Int])]] = [:]
    private var homes: [String: [Int]] = [:]
    private var classBounds: [String: Double] = [:]

    init(_ index: ScenarioIndex) {
        self.index = index
        homeOf = index.scenario.trainers.map { index.countyNumber[$0.homeCounty] ?? 0 }
    }

    private mutating func groups(of kind: String) -> [(home: Int, trainers: [Int])] {
        if let g = groups[kind] { return g }
        let trainers = index.scenario.trainers
        let g = Self.byHome(trainers.indices.filter { Rules.isQualified(trainers[$0], for: kind) }) { homeOf[$0] }
        groups[kind] = g
        return g
    }

    /// Trainers (rows of trainers.csv) qualified for a kind, nearest home
    /// to county `c` first, then in file order.
    mutating func ranked(kind: String, county c: Int) -> [Int] {
        Self.order(groups(of: kind)) { index.roads.km(number: $0, c) }
    }

    /// Trainers grouped by home, in the order of a cost that depends on the
    /// home only, then in file order: what sorting every trainer by (cost,
    /// row) gives, with one cost and one sort key per home — a country has
    /// ten thousand trainers in three thousand homes.
    static func order(_ groups: [(home: Int, trainers: [Int])], cost: (Int) -> Double) -> [Int] {
        let keyed = groups.indices.map { ($0, cost(groups[$0].home)) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }
        var out: [Int] = []
        var i = 0
        while i < keyed.count {
            var j = i + 1
            while j < keyed.count && keyed[j].1 == keyed[i].1 { j += 1 }
            // Homes at the same cost: their trainers together, in file order.
            if j == i + 1 { out += groups[keyed[i].0].trainers } else { out += keyed[i..<j].flatMap { groups[$0.0].trainers }.sorted() }
            i = j
        }
        return out
    }

    /// Trainers grouped by home county number, each group in file order.
    static func byHome(_ trainers: [Int], home: (Int) -> Int) -> [(home: Int, trainers: [Int])] {
        var groups: [Int: [Int]] = [:]
        for t in trainers { groups[home(t), default: []].append(t) }
        return groups.sorted { $0.key < $1.key }.map { (home: $0.key, trainers: $0.value) }
    }

    /// The simple class bound: the round trips home → county `c` → home of
    /// the first `trainers` of a ranking (`ranked`).
    func roundTrips(ranked: [Int], trainers: Int, county c: Int) -> Double {
        ranked.prefix(trainers).reduce(0.0) { $0 + 2 * index.roads.km(number: homeOf[$1], c) }
    }

    /// Homes (county numbers) of the trainers qualified for a kind.
    mutating func homes(of kind: Kind) -> [Int] {
        if let h = homes[kind.code] { return h }
        let h = index.scenario.trainers.filter { Rules.isQualified($0, for: kind.code) }
            .compactMap { index.countyNumber[$0.homeCounty] }
        homes[kind.code] = h
        return h
    }

    /// Round trips of the `kind.trainers` nearest qualified trainers to
    /// county `c`: the same figure the planner's search stops on.
    mutating func classBound(kind: Kind, county c: Int) -> Double {
        let key = kind.code + "\u{1F}\(c)"
        if let b = classBounds[key] { return b }
        let b = roundTrips(ranked: ranked(kind: kind.code, county: c), trainers: kind.trainers, county: c)
        classBounds[key] = b
        return b
    }

    /// Every trainer's route is a cycle, so each node on it has two edges:
    /// half the sum, over every stop and each of its `kind.trainers` visits,
    /// of the visit's two shortest possible edges (to another stop, or to the
    /// visiting trainer's home — at least the v-th nearest qualified home for
    /// the v-th visit, and on both sides for a one-stop cycle), plus for each
    /// of the `trainers` homes on the road its edge to the nearest stop (the
    /// `trainers` smallest such among qualified homes, each home once).
    mutating func degreeBound(kind: Kind, counties: [Int], trainers: Int) -> Double {
        let h = homes(of: kind)
        guard !h.isEmpty, !counties.isEmpty else { return 0 }
        var sum = 0.0
        for (i, c) in counties.enumerated() {
            // The two shortest edges to another stop.
            var s1 = Double.infinity, s2 = Double.infinity
            for (j, o) in counties.enumerated() where j != i {
                let d = index.roads.km(number: c, o)
                if d < s1 { s2 = s1; s1 = d } else if d < s2 { s2 = d }
            }
            // The stop's `kind.trainers` visits are by different trainers:
            // the v-th visit's own home is at least the v-th nearest home.
            let homes = h.map { index.roads.km(number: $0, c) }.sorted()
            for v in 0..<kind.trainers {
                let home = homes[min(v, homes.count - 1)]
                let edges = [s1, s2, home, home].sorted()
                sum += (edges[0] + edges[1]) / 2
            }
        }
        let homeEdges = h.map { home in counties.map { index.roads.km(number: home, $0) }.min()! }.sorted()
        return sum + homeEdges.prefix(trainers).reduce(0, +)
    }

    /// The minimum spanning tree over the counties and a home node at the
    /// nearest qualified trainer's distance from each (Prim, O(n²)).
    mutating func treeBound(kind: Kind, counties: [Int]) -> Double {
        let nodes = Array(Set(counties)).sorted()
        guard !nodes.isEmpty else { return 0 }
        let h = homes(of: kind)
        guard !h.isEmpty else { return 0 }
        // Node 0 of the tree is "home"; its distance to a county is the nearest home's.
        var dist = nodes.map { c in h.map { index.roads.km(number: $0, c) }.min()! }
        var inTree = [Bool](repeating: false, count: nodes.count)
        var total = 0.0
        for _ in nodes.indices {
            var best = -1
            for i in nodes.indices where !inTree[i] && (best < 0 || dist[i] < dist[best]) { best = i }
            inTree[best] = true
            total += dist[best]
            for i in nodes.indices where !inTree[i] {
                let d = index.roads.km(number: nodes[best], nodes[i])
                if d < dist[i] { dist[i] = d }
            }
        }
        return total
    }
}

/// What a fresh plan of a small scenario (at most `classLimit` classes)
/// can say about its classes, the tours as planned.
public enum OptimalityProof: Sendable, Equatable {
    /// Every class that can run runs, everyone has a seat and each class
    /// has its nearest qualified trainers: no plan of these classes leaves
    /// fewer out, seats more people or drives fewer class km.
    case optimal
    /// The class km and the simple bound under it (each class by its
    /// nearest qualified trainers): the plan is at most `classKm - bound`
    /// km from the best; `unscheduled` classes that another plan might
    /// still take are left out.
    case gap(classKm: Double, bound: Double, unscheduled: Int)

    /// Scenarios up to this many classes get a proof or a gap.
    public static let classLimit = 30
}
