import Testing
import XiangxingICU
@testable import XiangxingNames

/// 按拼音: surnames sort by how they are read as surnames.
@Suite struct PinyinOrderTests {
    let sorter = NameSorter(order: .pinyin)

    @Test func surnameShanSortsUnderSBetweenShaAndShang() {
        // shā < shàn < shàng; ICU alone files 单 under d, before 邓.
        #expect(sorter.sorted(["尚进", "单雄", "邓超", "沙宝亮", "山本"])
            == ["邓超", "沙宝亮", "山本", "单雄", "尚进"])
    }

    @Test func surnameZengSortsUnderZ() {
        #expect(sorter.sorted(["张伟", "曾强", "陈明", "蔡文", "袁立"])
            == ["蔡文", "陈明", "袁立", "曾强", "张伟"])
    }

    @Test func surnameXieSortsUnderX() {
        #expect(sorter.sorted(["熊大", "解放", "金明", "夏雨"])
            == ["金明", "夏雨", "解放", "熊大"])
    }

    @Test func surnameOuSortsUnderO() {
        // 欧 and 区 are both ōu; then ICU's order of the characters keeps each surname together.
        #expect(sorter.sorted(["钱进", "区志强", "潘力", "欧文", "区杰"])
            == ["欧文", "区杰", "区志强", "潘力", "钱进"])
    }

    @Test func surnameQiuSortsUnderQ() {
        // 仇 qiú after 邱 qiū; ICU alone reads chóu.
        #expect(sorter.sorted(["仇和", "秦明", "程力", "邱平"])
            == ["程力", "秦明", "邱平", "仇和"])
    }

    @Test func surnameZhaSortsUnderZ() {
        #expect(sorter.sorted(["张三", "查良镛", "曹操", "詹天佑"])
            == ["曹操", "查良镛", "詹天佑", "张三"])
    }

    @Test func surnamePiaoSortsUnderP() {
        #expect(sorter.sorted(["蒲松龄", "朴树", "潘长江", "彭丹"])
            == ["潘长江", "彭丹", "朴树", "蒲松龄"])
    }

    @Test func compoundSurnameOuyangIsOneSurnameUnderO() {
        #expect(PersonName("欧阳娜娜").surname == "欧阳")
        #expect(sorter.sorted(["潘力", "欧阳娜娜", "牛犇", "欧文", "欧阳修"])
            == ["牛犇", "欧文", "欧阳娜娜", "欧阳修", "潘力"])
    }

    @Test func compoundSurnameMoqiSortsUnderM() {
        // 万俟 is mòqí, not wàn sì.
        #expect(sorter.sorted(["王强", "万俟明", "马云", "孟浩然"])
            == ["马云", "孟浩然", "万俟明", "王强"])
    }

    @Test func explicitPinyinOverridesTheTable() {
        // This 单 family reads its name Dān, as the attendee's own column says.
        let people = [
            (name: "沙宝亮", pinyin: nil), (name: "单雄", pinyin: "Dan Xiong"),
            (name: "邓超", pinyin: nil), (name: "陈明", pinyin: nil),
        ]
        let sorted = sorter.sorted(people, name: \.name, pinyin: \.pinyin).map(\.name)
        #expect(sorted == ["陈明", "单雄", "邓超", "沙宝亮"])
    }

    @Test func explicitPinyinWithToneMarksOrToneNumbers() {
        let marks = sorter.sortKey(name: "单雄", pinyin: "Shàn Xióng")
        let numbers = sorter.sortKey(name: "单雄", pinyin: "shan4 xiong2")
        let table = sorter.sortKey(name: "单雄")
        #expect(marks == numbers)
        #expect(marks == table)
        // A compound surname written as one word: the first word is the surname.
        #expect(sorter.surnameReading(PersonName("欧阳娜娜", explicitPinyin: "Ōuyáng Nàna"))
            == PinyinReading(letters: "ouyang", tones: "12"))
    }

    @Test func liWithAndWithoutThePinyinColumnSortAsOne() {
        // The column without tones ("Li Zhitao") used to file every romanised
        // 李 before every unromanised one (li < li3): 李志涛 before 李勇.
        let people = [
            (name: "李勇", pinyin: nil), (name: "李志涛", pinyin: "Li Zhitao"),
            (name: "李开进", pinyin: "Li Kaijin"), (name: "李波", pinyin: nil),
        ]
        #expect(sorter.sorted(people, name: \.name, pinyin: \.pinyin).map(\.name)
            == ["李波", "李开进", "李勇", "李志涛"])
        #expect(sorter.sortKey(name: "李志涛", pinyin: "Li Zhitao") == sorter.sortKey(name: "李志涛"))
    }

    @Test func aRomanisationDecidesOnlyWhereItReadsTheSurnameOtherwise() {
        // Written Dan, this 单 family files among the dān (丹 after it by
        // ICU's order of the characters); written Shan, exactly as without.
        #expect(sorter.sortKey(name: "单雄", pinyin: "Shan Xiong") == sorter.sortKey(name: "单雄"))
        #expect(sorter.sortKey(name: "单雄", pinyin: "SHAN XIONG") == sorter.sortKey(name: "单雄"))
        let people = [
            (name: "邓超", pinyin: nil), (name: "单雄", pinyin: "Dan Xiong"), (name: "丹增", pinyin: nil),
            (name: "单田芳", pinyin: "Shan Tianfang"), (name: "达明", pinyin: nil), (name: "沙宝亮", pinyin: nil),
        ]
        #expect(sorter.sorted(people, name: \.name, pinyin: \.pinyin).map(\.name)
            == ["达明", "丹增", "单雄", "邓超", "沙宝亮", "单田芳"])
        // A name without a surname, romanised as a whole.
        #expect(sorter.sortKey(name: "阿依古丽·买买提", pinyin: "Ayiguli Maimaiti") == sorter.sortKey(name: "阿依古丽·买买提"))
    }

    /// The surname readings the generated roster uses, as a clerk would
    /// type them with tone marks.
    static let surnamePinyin: [String: String] = [
        "王": "Wáng", "李": "Lǐ", "张": "Zhāng", "刘": "Liú", "陈": "Chén", "杨": "Yáng", "黄": "Huáng",
        "赵": "Zhào", "吴": "Wú", "周": "Zhōu", "单": "Shàn", "曾": "Zēng", "区": "Ōu", "欧阳": "Ōuyáng",
        "万俟": "Mòqí", "司马": "Sīmǎ",
    ]

    /// The name's correct romanisation in one of the ways people write it:
    /// "Li Kaijin", "Lǐ Kāijìn", "li3 kai1 jin4", "LI KAIJIN", "Ouyang Nana".
    static func romanisation(_ name: String, style: Int) -> String {
        let person = PersonName(name)
        let surname = surnamePinyin[person.surname]!
        let given = Transliteration.pinyin(person.given, toneless: false).split(separator: " ").map(String.init)
        func plain(_ text: String) -> String {
            let r = PinyinReading(written: text)
            return r.letters
        }
        func numbered(_ syllable: String) -> String { plain(syllable) + PinyinReading(written: syllable).tones }
        func capitalised(_ text: String) -> String { text.prefix(1).uppercased() + text.dropFirst() }
        switch style {
        case 0: return capitalised(plain(surname)) + " " + capitalised(given.map(plain).joined())
        case 1: return surname + " " + capitalised(given.joined())
        case 2:
            let surnameSyllables = person.surname.count == 1 ? [numbered(surname)] : []
            if surnameSyllables.isEmpty {  // a compound surname: as one word
                return plain(surname) + " " + given.map(numbered).joined(separator: " ")
            }
            return (surnameSyllables + given.map(numbered)).joined(separator: " ")
        default: return (plain(surname) + " " + given.map(plain).joined()).uppercased()
        }
    }

    @Test func fillingThePinyinColumnAtRandomMovesNobody() throws {
        for seed: UInt64 in [20_190_912, 411_328, 7] {
            var generator = SeededGenerator(seed: seed)
            let names = try SortingSpeedTests.names(count: 600, seed: seed)
            let people = names.map { name -> (name: String, pinyin: String?) in
                Bool.random(using: &generator)
                    ? (name, Self.romanisation(name, style: Int.random(in: 0...3, using: &generator))) : (name, nil)
            }
            let expected = sorter.sorted(names)
            let sorted = sorter.sorted(people, name: \.name, pinyin: \.pinyin).map(\.name)
            let firstDifference = sorted.indices.first { sorted[$0] != expected[$0] }
            var where_ = ""
            if let i = firstDifference {
                let written = people.first { $0.name == sorted[i] }?.pinyin ?? "—"
                where_ = "\(sorted[i]) (\(written)) where \(expected[i]) belongs"
            }
            #expect(sorted == expected, "seed \(seed): first difference at \(firstDifference ?? -1): \(where_)")
        }
    }

    @Test func icuAloneFilesZengAndShanWrong() throws {
        // The reason for surnames.tsv: ICU's zh collation reads 曾 céng and 单 dān.
        let icu = try Collator(locale: "zh")
        let names = ["张伟", "曾强", "陈明", "邓超", "单雄", "孙立"]
        #expect(icu.sorted(names) == ["曾强", "陈明", "单雄", "邓超", "孙立", "张伟"])
        #expect(sorter.sorted(names) == ["陈明", "邓超", "单雄", "孙立", "曾强", "张伟"])
    }

    @Test func sameReadingSurnamesStayGrouped() {
        // 张 and 章 are both zhāng: all 张 first (ICU's order of the characters), then 章.
        #expect(sorter.sorted(["章立", "张伟", "章程", "张安"])
            == ["张安", "张伟", "章程", "章立"])
    }

    @Test func equalNamesKeepTheirOrder() {
        let people = [(id: 1, name: "张伟"), (id: 2, name: "李娜"), (id: 3, name: "张伟")]
        let sorted = sorter.sorted(people, name: \.name, pinyin: { _ in nil })
        #expect(sorted.map(\.id) == [2, 1, 3])
    }
}

@Suite struct SharedSorterTests {
    @Test func oneSorterSortsFromManyTasks() async throws {
        // The sorter caches surname keys behind a lock; every task must see the same order.
        let names = try SortingSpeedTests.names(count: 300, seed: 7)
        let sorter = NameSorter(order: .pinyin)
        let expected = NameSorter(order: .pinyin).sorted(names)
        let results = await withTaskGroup(of: [String].self) { group in
            for seed in 0..<6 {
                group.addTask {
                    var generator = SeededGenerator(seed: UInt64(seed))
                    return sorter.sorted(names.shuffled(using: &generator))
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.count == 6)
        #expect(results.allSatisfy { $0 == expected })
    }
}
