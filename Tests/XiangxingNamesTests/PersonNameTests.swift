import Testing
@testable import XiangxingNames

@Suite struct PersonNameTests {
    @Test func compoundSurnameNeedsALongerName() {
        #expect(PersonName("司马光").surname == "司马")
        #expect(PersonName("司马光").given == "光")
        #expect(PersonName("欧阳").surname == "欧")
        #expect(PersonName("欧阳").given == "阳")
        #expect(PersonName("万俟明").surname == "万俟")
        #expect(PersonName("诸葛亮").surname == "诸葛")
    }

    @Test func singleSurnameIsTheFirstCharacter() {
        #expect(PersonName("单雄").surname == "单")
        #expect(PersonName("单雄").given == "雄")
        #expect(PersonName(" 王 小明 ").surname == "王")
        #expect(PersonName(" 王 小明 ").given == "小明")
        #expect(PersonName(" 王 小明 ").full == "王 小明")
    }

    @Test func namesWithAMiddleDotKeepWhole() {
        let name = PersonName("阿依古丽·买买提")
        #expect(name.surname == "")
        #expect(name.given == "阿依古丽·买买提")
        #expect(PersonName("Li Ming").surname == "")
    }

    @Test func emptyPinyinColumnIsNoPinyin() {
        #expect(PersonName("单雄", explicitPinyin: "  ").explicitPinyin == nil)
        #expect(PersonName("单雄", explicitPinyin: " Dan ").explicitPinyin == "Dan")
    }

    @Test func pinyinReadingsParse() {
        #expect(PinyinReading(written: "Ōuyáng") == PinyinReading(letters: "ouyang", tones: "12"))
        #expect(PinyinReading(written: "lǜ") == PinyinReading(letters: "lv", tones: "4"))
        #expect(PinyinReading(written: "shan4") == PinyinReading(letters: "shan", tones: "4"))
        #expect(PinyinReading(written: "Dan") == PinyinReading(letters: "dan", tones: ""))
    }
}
