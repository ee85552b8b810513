/// SplitMix64 (Steele, Lea & Flood 2014): a small, fast generator whose
/// sequence depends only on the seed, so the same `--seed` gives the same
/// plan — and the same preset and seed the same generated scenario — on
/// every machine. Never the system random.
///
///     var rng = SeededRandom(seed: 7, stream: "people")
///     let k = rng.below(10)
public struct SeededRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    /// A stream derived from the seed and a name (FNV-1a of the name mixed
    /// in), so drawing more in one part does not reshuffle another.
    public init(seed: UInt64, stream: String) {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in stream.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        var mixer = SeededRandom(seed: seed ^ h)
        state = mixer.next()
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in 0..<n (n > 0).
    public mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Uniform in [0, 1).
    public mutating func unit() -> Double { Double(next() >> 11) * 0x1.0p-53 }
}
