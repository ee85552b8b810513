import Testing
import XiangxingICU
@testable import XiangxingNames

/// 按笔画: mainland stroke counts, then stroke order 横 竖 撇 点 折.
@Suite struct StrokeOrderTests {
    let fullName = NameSorter(order: .stroke(.fullName))
    let surnameOnly = NameSorter(order: .stroke(.surnameOnly))

    @Test func sampleCharactersHaveMainlandCountsAndOrders() {
        let strokes = NameData.standard.strokes
        let expected: [(Character, Int, String)] = [
            ("王", 4, "1121"), ("田", 5, "25121"), ("大", 3, "134"), ("利", 7, "3123422"),
            ("阿", 7, "5212512"), ("陈", 7, "5215234"), ("单", 8, "43251112"),
            ("周", 8, "35121251"), ("富", 12, "445125125121"), ("欧", 8, "13453534"),
        ]
        for (character, count, order) in expected {
            #expect(strokes[character]?.count == count, "\(character)")
            #expect(strokes[character].map { String(decoding: $0.order, as: UTF8.self) } == order, "\(character)")
        }
    }

    @Test func fewerStrokesFirstThenFirstStroke() {
        // 王 4 < 田 5 < 阿 7 = 陈 7 < 周 8 = 单 8.
        // 阿 5212512 and 陈 5215234 part at the fourth stroke (竖 before 折);
        // 周 starts with 撇, 单 with 点.
        #expect(fullName.sorted(["单雄", "陈明", "周杰", "阿亮", "田富", "王五"])
            == ["王五", "田富", "阿亮", "陈明", "周杰", "单雄"])
    }

    @Test func icuStrokeCollationCountsAAndChenTraditionally() throws {
        // The reason for strokes.tsv: ICU puts 7-stroke 阿 and 陈 after 8-stroke 单 and 周.
        let icu = try Collator(locale: "zh@collation=stroke").sorted(["阿", "陈", "单", "周"])
        #expect(icu.firstIndex(of: "单")! < icu.firstIndex(of: "阿")!)
        #expect(icu.firstIndex(of: "周")! < icu.firstIndex(of: "陈")!)
    }

    @Test func surnameOnlyCountsASingleGivenNameAsBlank() {
        // 姓氏笔画: 田富 = 田 _ 富, and the blank comes before 大.
        #expect(surnameOnly.sorted(["田大利", "田富"]) == ["田富", "田大利"])
    }

    @Test func fullNameComparesTheSecondCharacter() {
        // 姓名笔画: 大 (3 strokes) before 富 (12).
        #expect(fullName.sorted(["田富", "田大利"]) == ["田大利", "田富"])
    }

    @Test func compoundSurnameSortsByItsFirstCharacter() {
        // 欧 has 8 strokes starting with 横, so 欧阳 sorts before 周 (8, 撇).
        #expect(fullName.sorted(["姚明", "欧阳娜娜", "王五", "周杰"])
            == ["王五", "欧阳娜娜", "周杰", "姚明"])
        // Then by its second character: 欧阳 keeps its own group after 欧 + given name.
        #expect(fullName.sorted(["欧阳文", "欧鹏"]) == ["欧鹏", "欧阳文"])
    }

    @Test func charactersMissingFromTheTableComeAfterKnownOnes() {
        // 陳 (traditional) is not in 通用规范汉字表: after even 36-stroke 齉.
        #expect(NameData.standard.strokes["陳"] == nil)
        #expect(fullName.sorted(["陳大文", "齉鼻", "王五"]) == ["王五", "齉鼻", "陳大文"])
    }

    @Test func sameSurnameGroupsBeforeLongerNames() {
        #expect(fullName.sorted(["王五一", "王五", "王"]) == ["王", "王五", "王五一"])
        // 姓名笔画 compares the second character, whatever the length: 小 3 < 五 4.
        #expect(fullName.sorted(["王五", "王小明"]) == ["王小明", "王五"])
    }
}
