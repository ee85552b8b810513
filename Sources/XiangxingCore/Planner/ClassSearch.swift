/// Improves the class placements by ruin and recreate: take out a few
/// related classes (ones competing for the same nearby trainers, or the
/// same county's venues and dates), put them back one by one at their
/// cheapest places, and keep the result under late-acceptance hill
/// climbing. A class that did not fit anywhere is retried in every round,
/// so removals that make room for it (ejection chains) are found too.
struct ClassSearch: Sendable {
    var plan: WorkingPlan
    var rng: SeededRandom
    let problem: PlanningProblem

    init(plan: WorkingPlan, seed: UInt64) {
        self.plan = plan
        self.problem = plan.problem
        self.rng = SeededRandom(seed: seed, stream: "classes")
    }

    /// Places every class greedily, hardest first (fewest runs, then the
    /// most trainers, then the farthest from any trainer).
    mutating func construct() {
        // A re-plan keeps first what was published, where it still fits.
        let kept = problem.classes.indices.filter { plan.baseline.previous[$0] != nil }
            .sorted { (plan.baseline.previous[$0]!.days.min() ?? 0, $0) < (plan.baseline.previous[$1]!.days.min() ?? 0, $1) }
        for i in kept { if let p = plan.previousPlacement(i) { plan.place(i, p) } }
        let order = problem.classes.indices.sorted { a, b in
            let x = problem.classes[a], y = problem.classes[b]
            return (x.runCount, -x.trainersNeeded * x.days, -x.lowerBound, a) < (y.runCount, -y.trainersNeeded * y.days, -y.lowerBound, b)
        }
        for i in order where plan.placement[i] == nil { if let p = plan.bestInsertion(i, rng: &rng) { plan.place(i, p) } }
    }

    /// The baseline the benchmark compares against.
    mutating func constructFirstFit() {
        for i in problem.classes.indices { if let p = plan.firstFit(i) { plan.place(i, p) } }
    }

    /// Runs up to `iterations` rounds or until `shouldStop` (given the
    /// round and the best plan's unscheduled classes and km) says so;
    /// leaves the best plan found in `plan`.
    mutating func improve(iterations: Int, shouldStop: (Int, (unscheduled: Int, km: Double)) -> Bool) {
        let n = problem.classes.count
        guard n > 0 else { return }
        let placeable = problem.classes.indices.filter { problem.classes[$0].impossible == nil && problem.classes[$0].runCount > 0 }
        guard !placeable.isEmpty, !plan.isAtLowerBound else { return }
        var current = plan.cost
        var best = current
        var bestPlacement = plan.placement
        var bestScore = (unscheduled: plan.unscheduled, km: plan.classKm)
        let historyLength = 40
        var history = [Double](repeating: current, count: historyLength)
        let maxRuin = min(8, max(2, n / 10))
        var removed: [Int] = []
        var old: [ClassPlacement?] = []
        var inserted: [Int] = []
        var waiting: [Int] = []
        for iteration in 0..<iterations {
            if iteration % 64 == 0 {
                if shouldStop(iteration, bestScore) { break }
                waiting = plan.unscheduled > 0 ? placeable.filter { plan.placement[$0] == nil } : []
            }
            waiting.removeAll { plan.placement[$0] != nil }
            // Ruin.
            let seed = !waiting.isEmpty && rng.unit() < 0.5 ? waiting[rng.below(waiting.count)] : placeable[rng.below(placeable.count)]
            removed = related(to: seed, count: 1 + rng.below(maxRuin))
            old = removed.map { plan.placement[$0] }
            for r in removed { plan.unplace(r) }
            // Recreate: the removed ones and a few that are waiting.
            var candidates = removed
            for w in waiting.shuffledPrefix(3, using: &rng) where !candidates.contains(w) { candidates.append(w) }
            sortForInsertion(&candidates)
            inserted.removeAll(keepingCapacity: true)
            for i in candidates {
                if let p = plan.bestInsertion(i, rng: &rng) { plan.place(i, p); inserted.append(i) }
            }
            let candidate = plan.cost
            let slot = iteration % historyLength
            if candidate <= current + 1e-9 || candidate < history[slot] {
                current = candidate
                if current < best - 1e-9 {
                    best = current; bestPlacement = plan.placement
                    bestScore = (plan.unscheduled, plan.classKm)
                    if plan.isAtLowerBound { break }
                }
            } else {
                for i in inserted { plan.unplace(i) }
                for (r, p) in zip(removed, old) { if let p { plan.place(r, p) } }
            }
            if current < history[slot] { history[slot] = current }
        }
        if plan.cost > best + 1e-9 { restore(bestPlacement) }
    }

    /// Gives a class's trainer slot to a nearer qualified trainer: directly
    /// when that trainer is free on the class's days, else by exchanging
    /// with the one class they teach then (the far trainer takes it, if
    /// qualified and free). Sweeps every class until a sweep finds nothing
    /// (at most `passes`); each exchange is kept only when the plan's cost
    /// (disruption first in a re-plan, then km) drops. Deterministic.
    mutating func exchangeTrainers(passes: Int) {
        for _ in 0..<passes {
            var improved = false
            for i in problem.classes.indices where plan.placement[i] != nil && plan.baseline.pins[i]?.trainers == nil {
                let item = problem.classes[i]
                var slot = 0
                while let p = plan.placement[i], slot < p.trainers.count {
                    let t = p.trainers[slot]
                    let legT = problem.km(problem.trainerHome[t], item.county)
                    // The nearest few only: farther ones rarely pay, and a country has thousands.
                    for u in problem.nearby[item.nearby].prefix(4 * item.trainersNeeded + 4) {
                        if problem.km(problem.trainerHome[u], item.county) >= legT - 1e-9 { break }
                        if !p.trainers.contains(u) && exchange(i, slot: slot, with: u) { improved = true; break }
                    }
                    slot += 1
                }
            }
            if !improved { break }
        }
    }

    /// Class `i`'s trainer in `slot` replaced by `u`; `u`'s one clashing
    /// class, if any, gets the replaced trainer. Kept when the cost drops.
    private mutating func exchange(_ i: Int, slot: Int, with u: Int) -> Bool {
        guard let p = plan.placement[i] else { return false }
        let item = problem.classes[i]
        let span = plan.daysOf(i)!
        // A day before or after matters too (rule 4): a class touching the span.
        let wide = (span.lowerBound - 1)...(span.upperBound + 1)
        let clashes = plan.trainerClasses[u].filter { plan.daysOf($0)!.overlaps(wide) }
        guard clashes.count <= 1 else { return false }
        let t = p.trainers[slot]
        let x = problem.index.scenario
        var j: Int?
        if let c = clashes.first {
            guard plan.baseline.pins[c]?.trainers == nil, let q = plan.placement[c], !q.trainers.contains(t),
                  Rules.isQualified(x.trainers[t], for: x.kinds[problem.classes[c].kind].code) else { return false }
            j = c
        }
        let before = plan.cost
        let oldJ = j.flatMap { plan.placement[$0] }
        plan.unplace(i)
        if let j { plan.unplace(j) }
        var newI = p
        newI.trainers[slot] = u
        var newJ = oldJ
        if var q = newJ, let k = q.trainers.firstIndex(of: u) { q.trainers[k] = t; newJ = q }
        var ok = plan.bookings.trainerCanWork(u, offsets: problem.offsets(item, run: p.run), county: item.county)
        if ok {
            plan.place(i, plan.restaffed(i, newI))
            if let j, let q = newJ {
                ok = plan.bookings.trainerCanWork(t, offsets: problem.offsets(problem.classes[j], run: q.run), county: problem.classes[j].county)
                if ok { plan.place(j, plan.restaffed(j, q)) }
            }
            if ok && plan.cost < before - 1e-9 { return true }
            plan.unplace(i)
            if let j { plan.unplace(j) }
        }
        plan.place(i, p)
        if let j, let q = oldJ { plan.place(j, q) }
        return false
    }

    /// Replaces the current placements by `target`.
    mutating func restore(_ target: [ClassPlacement?]) {
        for i in problem.classes.indices where plan.placement[i] != nil { plan.unplace(i) }
        for (i, p) in target.enumerated() { if let p { plan.place(i, p) } }
    }

    /// Classes that compete with `seed`: those its nearest qualified
    /// trainers teach during its window, and those of its county and kind.
    private mutating func related(to seed: Int, count: Int) -> [Int] {
        var out = [seed]
        guard count > 1, let span = plan.windowSpan(seed) else { return out }
        let item = problem.classes[seed]
        var pool: [Int] = []
        for t in problem.nearby[item.nearby].prefix(item.trainersNeeded * 2 + 2) {
            for c in plan.trainerClasses[t] where c != seed {
                if let d = plan.daysOf(c), d.overlaps(span) { pool.append(c) }
            }
        }
        if pool.count < count {
            for i in problem.classesOfCounty[item.county] where i != seed && plan.placement[i] != nil {
                pool.append(i)
                if pool.count >= 4 * count { break }
            }
        }
        pool.sort()
        var unique: [Int] = []
        for p in pool where unique.last != p { unique.append(p) }
        for c in unique.shuffledPrefix(count - 1, using: &rng) { out.append(c) }
        return out
    }

    /// Hardest first, with a random tie-break so rounds differ.
    private mutating func sortForInsertion(_ items: inout [Int]) {
        let keyed = items.map { i -> (Int, Double, Int) in
            let c = problem.classes[i]
            return (c.runCount + rng.below(8), -c.lowerBound, i)
        }
        items = keyed.sorted { ($0.0, $0.1, $0.2) < ($1.0, $1.1, $1.2) }.map(\.2)
    }
}

extension Array {
    /// Up to `k` elements in random order (partial Fisher–Yates on a copy).
    func shuffledPrefix(_ k: Int, using rng: inout SeededRandom) -> [Element] {
        var copy = self
        let m = Swift.min(k, copy.count)
        for i in 0..<m { copy.swapAt(i, i + rng.below(copy.count - i)) }
        return Array(copy.prefix(m))
    }
}
