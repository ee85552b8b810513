import Foundation
import Testing
@testable import XiangxingNames

/// Sorts 3,500 generated names in each order and prints the time taken
/// (reported, not asserted). The names are seeded so a failure replays.
@Suite(.serialized) struct SortingSpeedTests {
    static func names(count: Int, seed: UInt64) throws -> [String] {
        let text = try NameData.resource("strokes")
        let characters = NameData.rows(text, header: "char").filter { $0.fields.last == "1" }.map { String($0.fields[0]) }
        let surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "单", "曾", "区", "欧阳", "万俟", "司马"]
        var generator = SeededGenerator(seed: seed)
        return (0..<count).map { _ in
            let given = (0..<Int.random(in: 1...2, using: &generator)).map { _ in characters.randomElement(using: &generator)! }
            return surnames.randomElement(using: &generator)! + given.joined()
        }
    }

    @Test(arguments: [NameOrder.pinyin, .stroke(.fullName), .stroke(.surnameOnly)])
    func sortThreeThousandFiveHundredNames(order: NameOrder) throws {
        let seed: UInt64 = 20_190_912
        let names = try Self.names(count: 3_500, seed: seed)
        // Open ICU and load the tables first, with another sorter, so that the
        // timed one starts with an empty surname cache.
        _ = NameSorter(order: order).sorted(Array(names.prefix(10)))
        let sorter = NameSorter(order: order)
        let start = ContinuousClock.now
        let sorted = sorter.sorted(names)
        let elapsed = ContinuousClock.now - start
        print("sorting \(names.count) names by \(order): \(elapsed.formatted(.units(allowed: [.milliseconds], fractionalPart: .show(length: 1)))) (seed \(seed))")
        #expect(sorted.count == names.count)
        #expect(Set(sorted) == Set(names))
        let keys = sorted.map { sorter.sortKey(name: $0) }
        #expect(zip(keys, keys.dropFirst()).allSatisfy { !$1.lexicographicallyPrecedes($0) }, "seed \(seed)")
    }
}

struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
