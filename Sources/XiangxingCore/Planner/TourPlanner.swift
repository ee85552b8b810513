/// 创业讲师乡村行: splits each tour's stops between its teams, orders each
/// team's stops as a short route, dates them stop after stop (rule 1 per
/// stop, rule 4 between stops on consecutive days) and staffs each team
/// with the same qualified trainers throughout (rules 2, 3, 7). Then moves
/// stops between teams and reverses route segments while that shortens
/// the road km.
struct TourPlanner {
    struct Stop: Sendable {
        let sessionID: String
        let tour: Int
        let county: Int
        let days: Int
        let mentees: Int
        let sequence: Int
    }

    /// One team's stops in route order, with what scheduling gave them.
    struct Team: Sendable, Equatable {
        var route: [Int]
        var dates: [[Int]] = []
        var venues: [Int] = []
        var trainers: [Int] = []
        var km: Double = 0
        var scheduled: Bool { !trainers.isEmpty }
    }

    let problem: PlanningProblem
    let stops: [Stop]
    /// Per tour: its teams.
    var teams: [[Team]]
    /// Stops no team could take.
    var leftover: [Int] = []
    private var rng: SeededRandom
    /// Per tour: trainers qualified for its kind, and the county they live nearest to.
    private let qualified: [[Int]]
    /// The same, grouped by home (`NearestTrainers.byHome`), for ranking them by road.
    private let qualifiedByHome: [[(home: Int, trainers: [Int])]]
    private let depots: [Int]

    init(problem: PlanningProblem, seed: UInt64) {
        self.problem = problem
        let x = problem.index
        var stops: [Stop] = []
        for st in x.scenario.stops {
            guard let t = x.scenario.tours.firstIndex(where: { $0.id == st.tour }),
                  let c = x.countyNumber[st.county], let kind = x.kinds[x.scenario.tours[t].kind] else { continue }
            stops.append(Stop(sessionID: st.sessionID, tour: t, county: c, days: st.days, mentees: st.mentees,
                              sequence: c * 2 + (kind.weekends ? 1 : 0)))
        }
        self.stops = stops
        teams = Array(repeating: [], count: x.scenario.tours.count)
        rng = SeededRandom(seed: seed, stream: "tours")
        let qualified = x.scenario.tours.map { tour in
            x.scenario.trainers.indices.filter { Rules.isQualified(x.scenario.trainers[$0], for: tour.kind) }
        }
        self.qualified = qualified
        qualifiedByHome = qualified.map { NearestTrainers.byHome($0) { problem.trainerHome[$0] } }
        depots = qualified.map { list in
            let homes = list.map { problem.trainerHome[$0] }
            guard !homes.isEmpty else { return 0 }
            var best = homes[0], bestSum = Double.infinity
            for c in Set(homes).sorted() {
                let sum = homes.reduce(0.0) { $0 + problem.km(c, $1) }
                if sum < bestSum { bestSum = sum; best = c }
            }
            return best
        }
    }

    var km: Double { teams.joined().reduce(0) { $0 + ($1.scheduled ? $1.km : 0) } }
    var unscheduled: Int {
        leftover.count + teams.joined().reduce(0) { $0 + ($1.scheduled ? 0 : $1.route.count) }
    }
    var cost: Double { Double(unscheduled) * 1e9 + km }

    // MARK: Construction

    mutating func construct(bookings: inout Bookings, firstFit: Bool = false) {
        let x = problem.index
        for (t, tour) in x.scenario.tours.enumerated() {
            let mine = stops.indices.filter { stops[$0].tour == t }
            guard !mine.isEmpty else { continue }
            let groups = firstFit ? roundRobin(mine, teams: tour.teams) : partition(mine, teams: tour.teams, tour: t)
            teams[t] = groups.map { Team(route: firstFit ? $0 : orderRoute($0, tour: t)) }
            for k in teams[t].indices {
                var team = teams[t][k]
                while !team.route.isEmpty {
                    if let done = schedule(team.route, tour: t, bookings: bookings, firstFit: firstFit) {
                        team = done
                        book(team, tour: t, number: k, into: &bookings)
                        break
                    }
                    leftover.append(team.route.removeLast())
                }
                teams[t][k] = team
            }
            // Stops cut off one team: try appending them to another.
            var still: [Int] = []
            for s in leftover where stops[s].tour == t {
                var placed = false
                for k in teams[t].indices {
                    let before = teams[t][k]
                    if before.scheduled { release(before, tour: t, number: k, from: &bookings) }
                    if let done = schedule(before.route + [s], tour: t, bookings: bookings, firstFit: firstFit) {
                        teams[t][k] = done
                        book(done, tour: t, number: k, into: &bookings)
                        placed = true
                        break
                    }
                    if before.scheduled { book(before, tour: t, number: k, into: &bookings) }
                }
                if !placed { still.append(s) }
            }
            leftover = leftover.filter { stops[$0].tour != t } + still
        }
    }

    /// A re-plan: each published team keeps its route, dates, venues and
    /// trainers where they still fit; a trainer who no longer can is
    /// replaced on the same dates; only if that fails is the team re-dated.
    /// Stops that were not published are tried at the end of a route.
    mutating func restore(_ published: [Session], bookings: inout Bookings) {
        let x = problem.index
        let stopOf = Dictionary(stops.indices.map { (stops[$0].sessionID, $0) }, uniquingKeysWith: { a, _ in a })
        for (t, tour) in x.scenario.tours.enumerated() {
            var routes = [[Int]](repeating: [], count: max(1, tour.teams))
            var old: [Int: [(stop: Int, session: Session)]] = [:]
            for s in published where s.type == .tourStop && s.ref == tour.id {
                guard let st = stopOf[s.id], let team = s.team, (1...routes.count).contains(team) else { continue }
                old[team - 1, default: []].append((st, s))
            }
            let mine = routes.indices.map { k in
                (old[k] ?? []).sorted { ($0.session.dates.first ?? Day(ordinal: 0), $0.stop) < ($1.session.dates.first ?? Day(ordinal: 0), $1.stop) }
            }
            for k in routes.indices { routes[k] = mine[k].map(\.stop) }
            teams[t] = routes.map { Team(route: $0) }
            // Teams untouched by the changes first, so a team that must
            // replace someone cannot take a trainer from one that need not.
            for k in routes.indices {
                if let kept = keep(mine[k], tour: t, bookings: bookings, replacing: false) {
                    teams[t][k] = kept
                    book(kept, tour: t, number: k, into: &bookings)
                }
            }
            for k in routes.indices where !teams[t][k].scheduled && !routes[k].isEmpty {
                var team = Team(route: routes[k])
                if let kept = keep(mine[k], tour: t, bookings: bookings, replacing: true) { team = kept }
                else if let fresh = schedule(routes[k], tour: t, bookings: bookings) { team = fresh }
                if team.scheduled { book(team, tour: t, number: k, into: &bookings) }
                teams[t][k] = team
            }
            let placed = Set(routes.joined())
            for s in stops.indices where stops[s].tour == t && !placed.contains(s) {
                var done = false
                for k in teams[t].indices where !done {
                    let before = teams[t][k]
                    if before.scheduled { release(before, tour: t, number: k, from: &bookings) }
                    if let grown = schedule(before.route + [s], tour: t, bookings: bookings),
                       Array(grown.dates.prefix(before.dates.count)) == before.dates {
                        teams[t][k] = grown; book(grown, tour: t, number: k, into: &bookings); done = true
                    } else if before.scheduled { book(before, tour: t, number: k, into: &bookings) }
                }
                if !done { leftover.append(s) }
            }
            for k in teams[t].indices where !teams[t][k].scheduled && !teams[t][k].route.isEmpty {
                leftover += teams[t][k].route
                teams[t][k].route = []
            }
        }
    }

    /// The published team on its old dates and venues, with its old
    /// trainers where they can still work and the cheapest others where not.
    private func keep(_ published: [(stop: Int, session: Session)], tour: Int, bookings: Bookings, replacing: Bool) -> Team? {
        let x = problem.index
        guard !published.isEmpty, let kind = x.kinds[x.scenario.tours[tour].kind] else { return nil }
        let route = published.map(\.stop)
        var dates: [[Int]] = [], venues: [Int] = []
        for (st, s) in published {
            let run = s.dates.compactMap(x.offset(of:))
            guard run.count == s.dates.count, run.count == stops[st].days, let v = x.venueNumber[s.venue],
                  problem.venuesOfCounty[stops[st].county].contains(v), bookings.venueCanHost(v, offsets: run),
                  let seqPos = problem.sequences[stops[st].sequence].firstIndex(of: run[0]),
                  Array(problem.sequences[stops[st].sequence].dropFirst(seqPos).prefix(run.count)) == run else { return nil }
            dates.append(run); venues.append(v)
        }
        let oldTrainers = published[0].session.trainers.compactMap { x.trainerNumber[$0] }
        var chosen = oldTrainers.filter { Rules.isQualified(x.scenario.trainers[$0], for: x.scenario.tours[tour].kind)
            && canWork($0, route: route, dates: dates, bookings: bookings) }
        if chosen.count < kind.trainers && replacing {
            let head = stops[route[0]].county, tail = stops[route[route.count - 1]].county
            let others = cheapest(tour: tour, head: head, tail: tail).filter { !chosen.contains($0) }
            for t in others where chosen.count < kind.trainers && canWork(t, route: route, dates: dates, bookings: bookings) { chosen.append(t) }
        }
        guard chosen.count == kind.trainers else { return nil }
        let head = stops[route[0]].county, tail = stops[route[route.count - 1]].county
        var inner = 0.0
        for (a, b) in zip(route, route.dropFirst()) { inner += problem.km(stops[a].county, stops[b].county) }
        let km = chosen.reduce(0.0) { $0 + problem.km(problem.trainerHome[$1], head) + problem.km(tail, problem.trainerHome[$1]) + inner }
        return Team(route: route, dates: dates, venues: venues, trainers: Array(chosen.prefix(kind.trainers)), km: km)
    }

    /// First fit: stops in file order dealt to teams in turn.
    private func roundRobin(_ mine: [Int], teams n: Int) -> [[Int]] {
        let k = max(1, min(n, mine.count))
        var groups = [[Int]](repeating: [], count: k)
        for (i, s) in mine.enumerated() { groups[i % k].append(s) }
        return groups
    }

    /// Sweep: stops sorted by bearing around their centre, cut into
    /// `teams` arcs of about equal days; the rotation with the shortest
    /// estimated routes wins.
    private func partition(_ mine: [Int], teams n: Int, tour: Int) -> [[Int]] {
        let k = max(1, min(n, mine.count))
        let counties = problem.index.scenario.counties
        let lat = mine.reduce(0.0) { $0 + counties[stops[$1].county].latitude } / Double(mine.count)
        let lon = mine.reduce(0.0) { $0 + counties[stops[$1].county].longitude } / Double(mine.count)
        let sorted = mine.sorted {
            (bearing(counties[stops[$0].county], lat, lon), $0) < (bearing(counties[stops[$1].county], lat, lon), $1)
        }
        let total = mine.reduce(0) { $0 + stops[$1].days }
        var best: [[Int]] = []
        var bestCost = Double.infinity
        for r in 0..<sorted.count {
            let rotated = Array(sorted[r...] + sorted[..<r])
            var groups: [[Int]] = [[]]
            var acc = 0
            for (i, s) in rotated.enumerated() {
                let remainingStops = rotated.count - i
                let remainingGroups = k - groups.count
                if !groups[groups.count - 1].isEmpty && groups.count < k
                    && (acc >= (total * groups.count) / k || remainingStops <= remainingGroups) {
                    groups.append([])
                }
                groups[groups.count - 1].append(s)
                acc += stops[s].days
            }
            let cost = groups.reduce(0.0) { $0 + routeKm(orderRoute($1, tour: tour), tour: tour) }
            if cost < bestCost - 1e-9 { bestCost = cost; best = groups }
        }
        return best
    }

    private func bearing(_ c: County, _ lat: Double, _ lon: Double) -> Double {
        // Planar angle is enough to sweep a region.
        let dy = c.latitude - lat, dx = (c.longitude - lon) * 0.85
        return dy == 0 && dx == 0 ? 0 : pseudoAngle(dx, dy)
    }

    /// Monotone in the true angle, without trigonometry.
    private func pseudoAngle(_ dx: Double, _ dy: Double) -> Double {
        let p = dx / (abs(dx) + abs(dy))
        return dy < 0 ? 3 + p : 1 - p
    }

    /// The county the tour kind's trainers live nearest to: where routes
    /// are estimated to start and end.
    private func depot(tour: Int) -> Int { depots[tour] }

    /// Nearest neighbour from the depot, then 2-opt on the closed tour.
    func orderRoute(_ group: [Int], tour: Int) -> [Int] {
        let d = depot(tour: tour)
        guard group.count > 2 else { return group.sorted { (problem.km(d, stops[$0].county), $0) < (problem.km(d, stops[$1].county), $1) } }
        var left = group
        var route: [Int] = []
        var at = d
        while !left.isEmpty {
            let j = left.indices.min { (problem.km(at, stops[left[$0]].county), left[$0]) < (problem.km(at, stops[left[$1]].county), left[$1]) }!
            route.append(left[j]); at = stops[left[j]].county; left.remove(at: j)
        }
        var improved = true
        while improved {
            improved = false
            for i in 0..<(route.count - 1) {
                for j in (i + 1)..<route.count {
                    let a = i == 0 ? d : stops[route[i - 1]].county, b = stops[route[i]].county
                    let c = stops[route[j]].county, e = j + 1 < route.count ? stops[route[j + 1]].county : d
                    let delta = problem.km(a, c) + problem.km(b, e) - problem.km(a, b) - problem.km(c, e)
                    if delta < -1e-9 { route[i...j].reverse(); improved = true }
                }
            }
        }
        return route
    }

    /// Depot → stops → depot, for estimating.
    private func routeKm(_ route: [Int], tour: Int) -> Double {
        let d = depot(tour: tour)
        var at = d, km = 0.0
        for s in route { km += problem.km(at, stops[s].county); at = stops[s].county }
        return km + problem.km(at, d)
    }

    // MARK: Dating and staffing one team

    /// Dates the route from the tour's first day on and staffs it with the
    /// cheapest qualified trainers free throughout; if nobody is free, the
    /// whole route starts a teaching day later, up to the window's end.
    func schedule(_ route: [Int], tour: Int, bookings: Bookings, firstFit: Bool = false) -> Team? {
        let x = problem.index
        let t = x.scenario.tours[tour]
        guard !route.isEmpty, let kind = x.kinds[t.kind], let first = x.offset(of: t.earliest),
              let last = x.offset(of: t.latest) else { return nil }
        let qualified = self.qualified[tour]
        guard qualified.count >= kind.trainers else { return nil }
        let head = stops[route[0]].county, tail = stops[route[route.count - 1]].county
        var inner = 0.0
        for (a, b) in zip(route, route.dropFirst()) { inner += problem.km(stops[a].county, stops[b].county) }
        // Cheapest trainers first: home → first stop, last stop → home.
        let order = firstFit ? qualified : cheapest(tour: tour, head: head, tail: tail)
        var start = first
        for _ in 0..<60 {
            guard let (dates, venues) = date(route, from: start, through: last, bookings: bookings) else { return nil }
            var chosen: [Int] = []
            for tr in order where canWork(tr, route: route, dates: dates, bookings: bookings) {
                chosen.append(tr)
                if chosen.count == kind.trainers { break }
            }
            if chosen.count == kind.trainers {
                let km = chosen.reduce(0.0) { $0 + problem.km(problem.trainerHome[$1], head) + problem.km(tail, problem.trainerHome[$1]) + inner }
                return Team(route: route, dates: dates, venues: venues, trainers: chosen, km: km)
            }
            start = dates[0][0] + 1
        }
        return nil
    }

    /// The tour's qualified trainers, cheapest first for a route from
    /// county `head` to county `tail`: home → head, tail → home.
    private func cheapest(tour: Int, head: Int, tail: Int) -> [Int] {
        NearestTrainers.order(qualifiedByHome[tour]) { problem.km($0, head) + problem.km(tail, $0) }
    }

    /// Each stop's run of teaching days (and a free venue), one stop after
    /// another; a day is left between counties too far apart for rule 4.
    private func date(_ route: [Int], from start: Int, through last: Int, bookings: Bookings) -> ([[Int]], [Int])? {
        var cursor = start
        var dates: [[Int]] = [], venues: [Int] = []
        var prev: (county: Int, day: Int)?
        for s in route {
            let stop = stops[s]
            let seq = problem.sequences[stop.sequence]
            guard var p = seq.firstIndex(where: { $0 >= cursor }) else { return nil }
            while true {
                guard p + stop.days <= seq.count, seq[p + stop.days - 1] <= last else { return nil }
                let run = Array(seq[p..<(p + stop.days)])
                if let prev, run[0] == prev.day + 1, !Rules.eveningTravelAllowed(
                    sameCounty: prev.county == stop.county, minutes: problem.index.roads.minutes(number: prev.county, stop.county),
                    limit: problem.index.scenario.settings.maxEveningTravelMinutes) { p += 1; continue }
                guard let v = problem.venuesOfCounty[stop.county].first(where: { bookings.venueCanHost($0, offsets: run) }) else { p += 1; continue }
                dates.append(run); venues.append(v)
                cursor = run[run.count - 1] + 1
                prev = (stop.county, run[run.count - 1])
                break
            }
        }
        return (dates, venues)
    }

    private func canWork(_ t: Int, route: [Int], dates: [[Int]], bookings: Bookings) -> Bool {
        var perMonth = [Int](repeating: 0, count: problem.index.monthCount)
        for (s, run) in zip(route, dates) {
            for o in run {
                guard bookings.trainerCanWork(t, offset: o, county: stops[s].county) else { return false }
                perMonth[problem.index.monthOfOffset[o]] += 1
            }
        }
        for (m, n) in perMonth.enumerated() where n > 0 && n > bookings.monthRoom(t, month: m) { return false }
        return true
    }

    func book(_ team: Team, tour: Int, number: Int, into bookings: inout Bookings) {
        for (s, (run, v)) in zip(team.route, zip(team.dates, team.venues)) {
            bookings.book(session: stops[s].sessionID, trainers: team.trainers, venue: v, offsets: run, county: stops[s].county)
        }
    }

    func release(_ team: Team, tour: Int, number: Int, from bookings: inout Bookings) {
        for (s, (run, v)) in zip(team.route, zip(team.dates, team.venues)) {
            bookings.release(session: stops[s].sessionID, trainers: team.trainers, venue: v, offsets: run)
        }
    }

    // MARK: Improvement

    /// Relocates stops and short segments between teams (or-opt), swaps
    /// them, reverses segments inside a route (2-opt) and re-staffs a team
    /// as it stands, under late-acceptance hill climbing per tour (a change
    /// may cost a little if it beats the tour's cost of some rounds ago);
    /// each tour ends on the best teams it reached. A team is never emptied:
    /// the tour is run by all the teams the office named.
    mutating func improve(bookings: inout Bookings, attempts: Int) {
        let allStops = max(1, stops.count)
        for t in teams.indices where teams[t].count > 0 {
            // Each tour's share of the attempts, by its stops.
            let iterations = attempts * teams[t].reduce(0) { $0 + $1.route.count } / allStops
            var current = tourCost(t)
            var best = current
            var bestTeams = teams[t]
            var history = [Double](repeating: current, count: 30)
            for round in 0..<iterations {
                let n = teams[t].count
                let a = rng.below(n)
                guard !teams[t][a].route.isEmpty else { continue }
                let b = rng.below(n)
                var ra = teams[t][a].route, rb = teams[t][b].route
                let i = rng.below(ra.count)
                switch rng.below(5) {
                case 0 where a != b && ra.count > 1:
                    let s = ra.remove(at: i)
                    rb.insert(s, at: rng.below(rb.count + 1))
                case 1 where a != b && !rb.isEmpty:
                    let j = rng.below(rb.count)
                    (ra[i], rb[j]) = (rb[j], ra[i])
                case 2 where ra.count > 2:
                    // Or-opt: a segment of two or three stops moves (to another team, or elsewhere in this one).
                    let len = min(ra.count - (a != b ? 1 : 0), 2 + rng.below(2))
                    guard len >= 1 else { continue }
                    let from = rng.below(ra.count - len + 1)
                    var segment = Array(ra[from..<(from + len)])
                    if rng.below(2) == 1 { segment.reverse() }
                    ra.removeSubrange(from..<(from + len))
                    if a == b {
                        ra.insert(contentsOf: segment, at: rng.below(ra.count + 1)); rb = ra
                    } else {
                        rb.insert(contentsOf: segment, at: rng.below(rb.count + 1))
                    }
                case 3:
                    // The same route dated and staffed again: others may have freed nearer trainers.
                    rb = a == b ? ra : rb
                default:
                    let j = rng.below(ra.count)
                    ra[min(i, j)...max(i, j)].reverse()
                    rb = a == b ? ra : rb
                }
                let slot = round % history.count
                let limit = max(current, history[slot])
                if let delta = attempt(tour: t, a, ra, b, rb, accepting: current, below: limit, bookings: &bookings) {
                    current += delta
                    if current < best - 1e-9 { best = current; bestTeams = teams[t] }
                }
                if current < history[slot] { history[slot] = current }
            }
            if current > best + 1e-9 {
                for (k, team) in teams[t].enumerated() where team.scheduled { release(team, tour: t, number: k, from: &bookings) }
                teams[t] = bestTeams
                for (k, team) in teams[t].enumerated() where team.scheduled { book(team, tour: t, number: k, into: &bookings) }
            }
        }
    }

    /// A tour's teams: km, and 1e9 for each stop left unstaffed.
    private func tourCost(_ t: Int) -> Double {
        teams[t].reduce(0) { $0 + ($1.scheduled ? $1.km : 1e9 * Double($1.route.count)) }
    }

    /// Teams `a` and `b` re-dated and re-staffed with routes `ra`, `rb`;
    /// kept (returning the change in cost) when the tour's cost would be at
    /// most `limit`, else everything is put back (nil).
    private mutating func attempt(tour t: Int, _ a: Int, _ ra: [Int], _ b: Int, _ rb: [Int],
                                  accepting current: Double, below limit: Double, bookings: inout Bookings) -> Double? {
        let old = (teams[t][a], teams[t][b])
        let oldCost = (old.0.scheduled ? old.0.km : 1e9 * Double(old.0.route.count)) + (a == b ? 0 : (old.1.scheduled ? old.1.km : 1e9 * Double(old.1.route.count)))
        if old.0.scheduled { release(old.0, tour: t, number: a, from: &bookings) }
        if a != b && old.1.scheduled { release(old.1, tour: t, number: b, from: &bookings) }
        var newA = Team(route: ra), newB = Team(route: rb)
        var newCost = 0.0
        if !ra.isEmpty {
            if let s = schedule(ra, tour: t, bookings: bookings) { newA = s; book(s, tour: t, number: a, into: &bookings); newCost += s.km }
            else { newCost += 1e9 * Double(ra.count) }
        }
        if a != b && !rb.isEmpty {
            if let s = schedule(rb, tour: t, bookings: bookings) { newB = s; book(s, tour: t, number: b, into: &bookings); newCost += s.km }
            else { newCost += 1e9 * Double(rb.count) }
        }
        let delta = newCost - oldCost
        // Leaving a stop out is never traded for km.
        if current + delta <= limit + 1e-9 && delta < 1e8 && (newA != old.0 || newB != old.1) {
            teams[t][a] = newA
            if a != b { teams[t][b] = newB }
            return delta
        }
        if newA.scheduled { release(newA, tour: t, number: a, from: &bookings) }
        if a != b && newB.scheduled { release(newB, tour: t, number: b, from: &bookings) }
        if old.0.scheduled { book(old.0, tour: t, number: a, into: &bookings) }
        if a != b && old.1.scheduled { book(old.1, tour: t, number: b, into: &bookings) }
        return nil
    }
}
