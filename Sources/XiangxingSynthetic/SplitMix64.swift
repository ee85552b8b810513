import XiangxingCore

/// The generator's only source of randomness is the core's SplitMix64
/// (`SeededRandom`), so the same preset and seed give the same bytes on
/// every machine and every run. Each part of a scenario draws from its own
/// named stream, so changing how venues are drawn does not reshuffle every
/// attendee:
///
///     var rng = SplitMix64(seed: 7, stream: "people")
///     let age = rng.int(in: 18...55)
typealias SplitMix64 = SeededRandom

extension SeededRandom {
    mutating func int(in range: ClosedRange<Int>) -> Int {
        let width = UInt64(range.upperBound - range.lowerBound) + 1
        return range.lowerBound + Int(next() % width)
    }

    mutating func double(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + unit() * (range.upperBound - range.lowerBound)
    }

    mutating func chance(_ p: Double) -> Bool { unit() < p }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(next() % UInt64(items.count))] }

    /// Index drawn with the given (non-negative) weights.
    mutating func weightedIndex(_ weights: [Double]) -> Int {
        let total = weights.reduce(0, +)
        var x = unit() * total
        for (i, w) in weights.enumerated() {
            if x < w { return i }
            x -= w
        }
        return weights.count - 1
    }

    /// Fisher–Yates with this generator (the standard library's shuffle
    /// algorithm is not promised to stay the same between releases).
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            let j = Int(next() % UInt64(i + 1))
            items.swapAt(i, j)
        }
    }

    /// Roughly normal (sum of four uniforms), mean 0, standard deviation 1.
    mutating func gaussian() -> Double {
        (unit() + unit() + unit() + unit() - 2) * 1.7320508075688772
    }
}
