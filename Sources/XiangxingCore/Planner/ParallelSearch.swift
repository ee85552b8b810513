import Dispatch

/// The class search on both cores with a result that depends only on the
/// seed: the budget is cut into epochs; in each, two chains start from the
/// best plan so far, each with its own random stream (seed, epoch, chain),
/// run their share of ruin-and-recreate rounds and then sweep trainer
/// exchanges; the better of the two (the lower chain on a tie) starts the
/// next epoch. Neither the clock nor the machine's load decides anything,
/// except the time limit cutting the run short (the summary then says so).
///
/// The number of chains is fixed, not the number of cores: a one-core
/// machine gives the same plan, twice as slowly.
enum ParallelSearch {
    static let chains = 2

    /// Improves `start` for about `iterations` rounds per chain; `report`
    /// is called on the calling thread after each epoch with the best so far.
    static func improve(_ start: ClassSearch, iterations: Int, seed: UInt64, deadline: ContinuousClock.Instant,
                        report: (_ best: ClassSearch) -> Void) -> (search: ClassSearch, stopped: Bool) {
        var best = start
        guard iterations > 0, !start.problem.classes.isEmpty else { return (best, false) }
        let epochs = max(1, min(8, iterations / 2_000))
        let perEpoch = max(1, iterations / epochs)
        let clock = ContinuousClock()
        for epoch in 0..<epochs where !best.plan.isAtLowerBound {
            let results = Slots(count: chains)
            let from = best
            DispatchQueue.concurrentPerform(iterations: chains) { chain in
                var search = from
                search.rng = SeededRandom(seed: seed, stream: "classes.\(epoch).\(chain)")
                search.improve(iterations: perEpoch) { _, _ in clock.now >= deadline }
                search.exchangeTrainers(passes: 2)
                results.put(search, at: chain)
            }
            let done = results.take()
            var winner = 0
            for c in 1..<chains where done[c].plan.cost < done[winner].plan.cost - 1e-9 { winner = c }
            if done[winner].plan.cost < best.plan.cost - 1e-9 { best = done[winner] }
            report(best)
            if clock.now >= deadline { return (best, true) }
        }
        return (best, false)
    }
}

/// One slot per chain, each written by its own chain only and read after
/// `concurrentPerform` has returned (which orders the writes before the
/// read): no two threads ever touch the same slot.
private final class Slots: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<ClassSearch?>
    init(count: Int) { slots = .allocate(capacity: count); slots.initialize(repeating: nil) }
    deinit { slots.deinitialize(); slots.deallocate() }
    func put(_ search: ClassSearch, at i: Int) { slots[i] = search }
    func take() -> [ClassSearch] { slots.map { $0! } }
}
