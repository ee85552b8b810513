/// Where a class sits: its first position in the teaching-day sequence,
/// its venue and its trainers, with the trainer km it costs.
struct ClassPlacement: Sendable, Equatable {
    var run: Int
    var venue: Int
    var trainers: [Int]
    var km: Double
    /// Dates, trainers and venue changed against the published plan (re-plans only).
    var disruption: Int = 0
    /// Seats the venue lacks for everyone the class should take (they wait).
    var short: Int = 0
}

/// The planner's one mutable state: every class's placement and the
/// bookings ledger they are entered in, with the running score. Placing
/// and removing a class costs only that class's days — the incremental
/// scoring the search relies on.
struct WorkingPlan: Sendable {
    let problem: PlanningProblem
    let baseline: ClassBaseline
    var bookings: Bookings
    private(set) var placement: [ClassPlacement?]
    private(set) var classKm: Double = 0
    private(set) var disruption = 0
    /// People the chosen venues cannot seat, summed over classes.
    private(set) var seatsShort = 0
    private(set) var unscheduled: Int
    /// Classes each trainer teaches now (unordered).
    private(set) var trainerClasses: [[Int]]
    /// Σ of the placed classes' `lowerBound`: their km can go no lower.
    private(set) var boundKm: Double = 0
    /// Classes no placement can ever take (`bestInsertion` never places them).
    let neverPlaced: Int

    init(problem: PlanningProblem, bookings: Bookings, baseline: ClassBaseline? = nil) {
        self.problem = problem
        self.baseline = baseline ?? ClassBaseline(problem: problem, baseline: nil)
        self.bookings = bookings
        placement = Array(repeating: nil, count: problem.classes.count)
        unscheduled = problem.classes.count
        trainerClasses = Array(repeating: [], count: problem.index.scenario.trainers.count)
        neverPlaced = problem.classes.filter { $0.impossible != nil || $0.runCount == 0 || problem.nearby[$0.nearby].count < $0.trainersNeeded }.count
    }

    /// Nothing the search could still win: every class that can run runs,
    /// everyone has a seat, nothing published moved, and each class is
    /// taught by its nearest qualified trainers (km = the bound).
    var isAtLowerBound: Bool {
        unscheduled == neverPlaced && seatsShort == 0 && disruption == 0 && classKm <= boundKm * (1 + 1e-9) + 1e-6
    }

    /// Unscheduled first, then disruption of a published plan, then people
    /// a venue cannot seat, then km: one number for the search to compare.
    var cost: Double {
        Double(unscheduled) * Self.unscheduledWeight + Double(disruption) * Self.disruptionWeight
            + Double(seatsShort) * Self.seatWeight + classKm
    }
    static let unscheduledWeight = 1e13
    static let disruptionWeight = 1e7
    /// One person without a seat outweighs any one class's trainer km.
    static let seatWeight = 1e5

    mutating func place(_ i: Int, _ p: ClassPlacement) {
        let item = problem.classes[i]
        bookings.book(session: item.sessionID, trainers: p.trainers, venue: p.venue,
                      offsets: Array(problem.offsets(item, run: p.run)), county: item.county)
        placement[i] = p
        classKm += p.km
        boundKm += item.lowerBound
        disruption += p.disruption
        seatsShort += p.short
        unscheduled -= 1
        for t in p.trainers { trainerClasses[t].append(i) }
    }

    mutating func unplace(_ i: Int) {
        guard let p = placement[i] else { return }
        let item = problem.classes[i]
        bookings.release(session: item.sessionID, trainers: p.trainers, venue: p.venue,
                         offsets: Array(problem.offsets(item, run: p.run)))
        placement[i] = nil
        classKm -= p.km
        boundKm -= item.lowerBound
        disruption -= p.disruption
        seatsShort -= p.short
        unscheduled += 1
        for t in p.trainers {
            if let k = trainerClasses[t].firstIndex(of: i) { trainerClasses[t].swapAt(k, trainerClasses[t].count - 1); trainerClasses[t].removeLast() }
        }
    }

    /// The cheapest placement of class `i` given everything else booked:
    /// each allowed run (rule 1), the smallest free venue with enough seats,
    /// else the largest that holds `min_seats` (rules 5, 6), the nearest
    /// trainers free on every day (rules 2–4). Seats short count before km.
    /// Runs are tried from a random starting point so equal-cost classes
    /// spread over their windows instead of piling on the first week.
    ///
    /// `mutating` though it changes nothing, and the ledger read through a
    /// local: called on the search's plan, a non-mutating method got a copy
    /// of the whole plan (1 KB and a retain of every array) on each call,
    /// and each `trainerCanWork` on `self.bookings` a copy of the ledger —
    /// together a fifth of the search's time.
    mutating func bestInsertion(_ i: Int, rng: inout SeededRandom) -> ClassPlacement? {
        let item = problem.classes[i]
        guard item.impossible == nil, item.runCount > 0 else { return nil }
        if baseline.previous[i] != nil || baseline.pins[i] != nil { return bestReplacement(i, rng: &rng) }
        let bookings = self.bookings
        let near = problem.nearby[item.nearby]
        guard near.count >= item.trainersNeeded else { return nil }
        var best: ClassPlacement?
        var bestCost = Double.infinity
        let start = rng.below(item.runCount)
        var chosen: [Int] = []
        chosen.reserveCapacity(item.trainersNeeded)
        for k in 0..<item.runCount {
            let p = item.firstRun + (start + k) % item.runCount
            let days = problem.offsets(item, run: p)
            guard let (venue, short) = problem.venue(for: item, isFree: { bookings.venueCanHost($0, offsets: days) }) else { continue }
            let seatCost = Double(short) * Self.seatWeight
            if seatCost + item.lowerBound >= bestCost { continue }
            chosen.removeAll(keepingCapacity: true)
            var km = 0.0
            for t in near {
                let leg = 2 * problem.km(problem.trainerHome[t], item.county)
                if seatCost + km + leg * Double(item.trainersNeeded - chosen.count) >= bestCost { break }
                if bookings.trainerCanWork(t, offsets: days, county: item.county) {
                    chosen.append(t)
                    km += leg
                    if chosen.count == item.trainersNeeded { break }
                }
            }
            guard chosen.count == item.trainersNeeded, seatCost + km < bestCost else { continue }
            bestCost = seatCost + km
            best = ClassPlacement(run: p, venue: venue, trainers: chosen, km: km, short: short)
            if short == 0 && km <= item.lowerBound + 1e-9 { break }
        }
        return best
    }

    /// The cheapest placement of a class that was published or is pinned:
    /// pins are kept exactly; otherwise its old dates, venue and trainers
    /// are preferred, each change counting as disruption before any km.
    func bestReplacement(_ i: Int, rng: inout SeededRandom) -> ClassPlacement? {
        let item = problem.classes[i]
        let prev = baseline.previous[i], pin = baseline.pins[i]
        if pin?.impossible == true { return nil }
        let near = problem.nearby[item.nearby]
        let kind = problem.index.scenario.kinds[item.kind].code
        var runs: [Int]
        if let r = pin?.run { runs = [r] } else {
            let start = rng.below(item.runCount)
            runs = (0..<item.runCount).map { item.firstRun + (start + $0) % item.runCount }
            if let r = prev?.run, let k = runs.firstIndex(of: r) { runs.swapAt(0, k) }
        }
        let w = Self.disruptionWeight
        var best: ClassPlacement?
        var bestCost = Double.infinity
        for p in runs {
            let days = problem.offsets(item, run: p)
            let dDates = prev.map { $0.days.subtracting(days).count } ?? 0
            if Double(dDates) * w >= bestCost { continue }
            let free: (Int) -> Bool = { bookings.venueCanHost($0, offsets: days) }
            let venue: Int, short: Int
            if let v = pin?.venue {
                guard let s = problem.seatsShort(item, venue: v), free(v) else { continue }
                (venue, short) = (v, s)
            } else if let v = prev?.venue, problem.venuesOfCounty[item.county].contains(v), free(v),
                      let s = problem.seatsShort(item, venue: v) {
                // The published venue stays unless another seats more people
                // than a venue change costs.
                if let other = problem.venue(for: item, isFree: free),
                   Double(other.short) * Self.seatWeight + w < Double(s) * Self.seatWeight { (venue, short) = other }
                else { (venue, short) = (v, s) }
            } else if let other = problem.venue(for: item, isFree: free) { (venue, short) = other }
            else { continue }
            let dVenue = prev != nil && prev?.venue != venue ? 1 : 0
            var chosen: [Int] = []
            if let fixed = pin?.trainers {
                guard fixed.allSatisfy({ Rules.isQualified(problem.index.scenario.trainers[$0], for: kind)
                    && bookings.trainerCanWork($0, offsets: days, county: item.county) }) else { continue }
                chosen = fixed
            } else {
                for t in prev?.trainers ?? [] where chosen.count < item.trainersNeeded
                    && Rules.isQualified(problem.index.scenario.trainers[t], for: kind)
                    && bookings.trainerCanWork(t, offsets: days, county: item.county) { chosen.append(t) }
                for t in near where chosen.count < item.trainersNeeded && !chosen.contains(t)
                    && bookings.trainerCanWork(t, offsets: days, county: item.county) { chosen.append(t) }
            }
            guard chosen.count == item.trainersNeeded else { continue }
            let dTrainers = prev.map { Set($0.trainers).subtracting(chosen).count } ?? 0
            let km = chosen.reduce(0.0) { $0 + 2 * problem.km(problem.trainerHome[$1], item.county) }
            let d = dDates + dVenue + dTrainers
            let cost = Double(d) * w + Double(short) * Self.seatWeight + km
            if cost < bestCost {
                bestCost = cost
                best = ClassPlacement(run: p, venue: venue, trainers: chosen, km: km, disruption: d, short: short)
                if d == 0 && short == 0 && km <= item.lowerBound + 1e-9 { break }
            }
        }
        return best
    }

    /// A placement with other trainers: its km and, in a re-plan, its
    /// disruption recounted (dates and venue as they were).
    func restaffed(_ i: Int, _ p: ClassPlacement) -> ClassPlacement {
        let item = problem.classes[i]
        var q = p
        q.km = p.trainers.reduce(0.0) { $0 + 2 * problem.km(problem.trainerHome[$1], item.county) }
        if let prev = baseline.previous[i] {
            let days = problem.offsets(item, run: p.run)
            q.disruption = prev.days.subtracting(days).count + (prev.venue != p.venue ? 1 : 0)
                + Set(prev.trainers).subtracting(p.trainers).count
        }
        return q
    }

    /// A published class exactly where it was, if that still keeps every
    /// rule and pin.
    func previousPlacement(_ i: Int) -> ClassPlacement? {
        let item = problem.classes[i]
        guard item.impossible == nil, let prev = baseline.previous[i], let run = prev.run, let venue = prev.venue,
              prev.trainers.count == item.trainersNeeded, Set(prev.trainers).count == prev.trainers.count else { return nil }
        if let pin = baseline.pins[i] {
            if pin.impossible || (pin.run != nil && pin.run != run) || (pin.venue != nil && pin.venue != venue)
                || (pin.trainers != nil && Set(pin.trainers!) != Set(prev.trainers)) { return nil }
        }
        let days = problem.offsets(item, run: run)
        let kind = problem.index.scenario.kinds[item.kind].code
        guard problem.venuesOfCounty[item.county].contains(venue), let short = problem.seatsShort(item, venue: venue),
              bookings.venueCanHost(venue, offsets: days),
              prev.trainers.allSatisfy({ Rules.isQualified(problem.index.scenario.trainers[$0], for: kind)
                  && bookings.trainerCanWork($0, offsets: days, county: item.county) }) else { return nil }
        let km = prev.trainers.reduce(0.0) { $0 + 2 * problem.km(problem.trainerHome[$1], item.county) }
        return ClassPlacement(run: run, venue: venue, trainers: prev.trainers, km: km, disruption: 0, short: short)
    }

    /// First fit, the baseline: runs in date order, venues and trainers in
    /// file order, the first that works.
    func firstFit(_ i: Int) -> ClassPlacement? {
        let item = problem.classes[i]
        guard item.impossible == nil, item.runCount > 0 else { return nil }
        let s = problem.index.scenario
        for p in item.firstRun...item.lastRun {
            let days = problem.offsets(item, run: p)
            guard let (venue, short) = problem.venue(for: item, fileOrder: true, isFree: { bookings.venueCanHost($0, offsets: days) }) else { continue }
            var chosen: [Int] = []
            for t in s.trainers.indices where Rules.isQualified(s.trainers[t], for: s.kinds[item.kind].code) {
                if bookings.trainerCanWork(t, offsets: days, county: item.county) {
                    chosen.append(t)
                    if chosen.count == item.trainersNeeded { break }
                }
            }
            guard chosen.count == item.trainersNeeded else { continue }
            let km = chosen.reduce(0.0) { $0 + 2 * problem.km(problem.trainerHome[$1], item.county) }
            return ClassPlacement(run: p, venue: venue, trainers: chosen, km: km, short: short)
        }
        return nil
    }

    /// The day offsets a class's window spans (first possible to last possible day).
    func windowSpan(_ i: Int) -> ClosedRange<Int>? {
        let item = problem.classes[i]
        guard item.runCount > 0 else { return nil }
        let seq = problem.sequences[item.sequence]
        return seq[item.firstRun]...seq[item.lastRun + item.days - 1]
    }

    func daysOf(_ i: Int) -> ClosedRange<Int>? {
        guard let p = placement[i] else { return nil }
        let days = problem.offsets(problem.classes[i], run: p.run)
        return days.first!...days.last!
    }
}
