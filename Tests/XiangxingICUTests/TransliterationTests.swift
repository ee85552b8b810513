import Testing
@testable import XiangxingICU

@Suite struct TransliterationTests {
    @Test func nanyangTonelessIsLowerCaseASCII() {
        #expect(Transliteration.pinyin("南阳", toneless: true) == "nan yang")
        #expect(Transliteration.pinyin("唐河县", toneless: true) == "tang he xian")
    }

    @Test func tonedPinyinKeepsToneMarks() {
        #expect(Transliteration.pinyin("南阳", toneless: false) == "nán yáng")
        #expect(Transliteration.pinyin("欧阳娜娜", toneless: false) == "ōu yáng nà nà")
    }

    @Test func hanLatinReadsSurnamesByCommonReading() {
        // Expected here; surname readings (shan, zeng) are handled elsewhere.
        #expect(Transliteration.pinyin("单雄", toneless: true) == "dan xiong")
        #expect(Transliteration.pinyin("曾", toneless: true) == "ceng")
    }

    @Test func latinTextPassesThroughLowerCased() {
        #expect(Transliteration.pinyin("Nanyang 南阳 2019", toneless: true) == "nanyang nan yang 2019")
        #expect(Transliteration.pinyin("", toneless: true) == "")
    }

    @Test func smallFirstBufferIsRetried() throws {
        let transliterator = try Transliterator(id: "Han-Latin")
        #expect(try transliterator.apply("南阳", guess: 1) == "nán yáng")
        let long = String(repeating: "唐河县", count: 200)
        #expect(try transliterator.apply(long, guess: 4) == transliterator.apply(long))
    }

    @Test func unknownTransformThrows() {
        do {
            _ = try Transliteration.transform("南阳", id: "Han-Klingon")
            Issue.record("opened a transform that does not exist")
        } catch {
            #expect(error.name == "U_INVALID_ID")
        }
    }

    @Test func traditionalToSimplified() throws {
        #expect(try Transliteration.transform("歐陽娜娜 單雄", id: "Traditional-Simplified") == "欧阳娜娜 单雄")
    }
}
