import Testing
import XiangxingICU

@Suite struct CollatorTests {
    static let surnames = ["周", "李", "王", "单", "曾", "阿", "陈", "欧阳"]

    @Test func pinyinOrderUsesCommonReadings() throws {
        // ICU reads 曾 as ceng and 单 as dan (not zeng, shan).
        let pinyin = try Collator(locale: "zh")
        #expect(pinyin.sorted(Self.surnames) == ["阿", "曾", "陈", "单", "李", "欧阳", "王", "周"])
    }

    @Test func strokeOrderPutsWangFirstAndAAfterShan() throws {
        let stroke = try Collator(locale: "zh@collation=stroke")
        let sorted = stroke.sorted(Self.surnames)
        #expect(sorted.first == "王")
        let index = { (name: String) in sorted.firstIndex(of: name)! }
        #expect(index("单") < index("阿"))
        #expect(index("周") < index("陈"))
    }

    @Test func compareGivesOrder() throws {
        let pinyin = try Collator(locale: "zh")
        #expect(pinyin.compare("李", "王") == .ascending)
        #expect(pinyin.compare("周", "欧阳") == .descending)
        #expect(pinyin.compare("欧阳娜娜", "欧阳娜娜") == .same)
        #expect(pinyin.compare("", "阿") == .ascending)
    }

    @Test func sortKeysOrderLikeCompare() throws {
        let pinyin = try Collator(locale: "zh")
        let names = Self.surnames + ["欧阳娜娜", "单雄", "唐河县", "", "Nanyang", "南阳"]
        for a in names {
            for b in names {
                let byKey: Collator.Order =
                    pinyin.sortKey(a).lexicographicallyPrecedes(pinyin.sortKey(b)) ? .ascending
                    : pinyin.sortKey(a) == pinyin.sortKey(b) ? .same : .descending
                #expect(byKey == pinyin.compare(a, b), "\(a) vs \(b)")
            }
        }
        #expect(pinyin.sortKey("单雄").last != 0)
    }

    @Test func longTextSortKeyNeedsNoTruncation() throws {
        let pinyin = try Collator(locale: "zh")
        let long = String(repeating: "欧阳娜娜", count: 500)
        let key = pinyin.sortKey(long)
        #expect(key.count > 2000)
        #expect(pinyin.sortKey(long + "阿") != key)
    }

    @Test func tailoringOnPinyinMovesShanAndZeng() throws {
        let plain = try Collator(locale: "zh")
        let names = ["单", "李", "山", "沈", "孙", "曾", "增", "周"]
        #expect(plain.sorted(names) == ["曾", "单", "李", "山", "沈", "孙", "增", "周"])

        let surnames = try Collator(rules: "&山 < 单\n&增 < 曾", base: "zh")
        #expect(surnames.sorted(names) == ["李", "山", "单", "沈", "孙", "增", "曾", "周"])
        #expect(surnames.locale == nil)
    }

    @Test func baseRulesAreTheLocaleTailoring() throws {
        let rules = try Collator(locale: "zh").rules
        #expect(rules.hasPrefix("[import zh-u-co-private-pinyin]"))
        #expect(try Collator(locale: "en").rules.isEmpty)
    }

    @Test func rulesWithoutBaseTailorRoot() throws {
        let collator = try Collator(rules: "&c < b")
        #expect(collator.sorted(["b", "c", "a"]) == ["a", "c", "b"])
    }

    @Test func badRulesThrowWithICUErrorName() {
        do {
            _ = try Collator(rules: "&山 < 单 <", base: "zh")
            Issue.record("accepted a rule with no character after <")
        } catch {
            #expect(error.name == "U_INVALID_FORMAT_ERROR")
            #expect(error.detail == "rules offset 7")
            #expect(error.description.hasPrefix("ICU could not open collation rules on \"zh\""))
        }
    }

    @Test func oneCollatorSortsFromManyTasks() async throws {
        let pinyin = try Collator(locale: "zh")
        let expected = pinyin.sorted(Self.surnames)
        let results = await withTaskGroup(of: [String].self) { group in
            for seed in 0..<8 {
                group.addTask {
                    var generator = SplitMix(seed: UInt64(seed))
                    var last: [String] = []
                    for _ in 0..<50 {
                        last = pinyin.sorted(Self.surnames.shuffled(using: &generator))
                    }
                    return last
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 8)
        #expect(results.allSatisfy { $0 == expected })
    }
}

/// Seeded generator so a failing shuffle can be replayed.
struct SplitMix: RandomNumberGenerator {
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
