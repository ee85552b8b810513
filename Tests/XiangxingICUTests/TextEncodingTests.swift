import Testing
@testable import XiangxingICU

@Suite struct TextEncodingTests {
    @Test func zhongIsD6D0InGB18030() {
        #expect(TextEncoding.encodeGB18030("中") == [0xD6, 0xD0])
        #expect(TextEncoding.decodeGB18030([0xD6, 0xD0]) == .decoded("中"))
    }

    @Test func gb2312PlaceNamesHaveTheirTwoByteCodes() {
        // 唐河县: 唐 CCC6, 河 BAD3, 县 CFD8 in the GB2312 table.
        #expect(TextEncoding.encodeGB18030("唐河县") == [0xCC, 0xC6, 0xBA, 0xD3, 0xCF, 0xD8])
    }

    @Test func supplementaryCharacterUsesFourByteForm() {
        // U+20BB7 𠮷: linear 0x10BB7 = 68535 past U+10000, counted from 0x90308130.
        #expect(TextEncoding.encodeGB18030("𠮷") == [0x95, 0x34, 0xB2, 0x35])
        #expect(TextEncoding.decodeGB18030([0x95, 0x34, 0xB2, 0x35]).text == "𠮷")
    }

    @Test func realNamesRoundTrip() {
        let text = "唐河县 单雄 欧阳娜娜 𠮷\n南阳市卧龙区,2019-09-12"
        let bytes = TextEncoding.encodeGB18030(text)
        #expect(bytes.count > text.utf8.count / 2)
        #expect(TextEncoding.decodeGB18030(bytes) == .decoded(text))
    }

    @Test func emptyInputIsEmptyText() {
        #expect(TextEncoding.decodeGB18030([]) == .decoded(""))
        #expect(TextEncoding.encodeGB18030("") == [])
    }

    @Test func lone0x80IsReportedNotReplaced() {
        // "A中" then 0x80 (the € of Windows-936, illegal in GB18030), then "B".
        let result = TextEncoding.decodeGB18030([0x41, 0xD6, 0xD0, 0x80, 0x42])
        #expect(result == .invalid(InvalidSequence(byteOffset: 3, bytes: [0x80], kind: .illegal)))
        #expect(result.text == nil)
    }

    @Test func leadByteFollowedByASCIIIsIllegalAtTheLeadByte() {
        let result = TextEncoding.decodeGB18030([0x41, 0x42, 0x81, 0x20, 0x43])
        #expect(result == .invalid(InvalidSequence(byteOffset: 2, bytes: [0x81], kind: .illegal)))
    }

    @Test func inputEndingMidCharacterIsTruncated() {
        // "中" then the first byte of "中" again.
        let result = TextEncoding.decodeGB18030([0xD6, 0xD0, 0xD6])
        #expect(result == .invalid(InvalidSequence(byteOffset: 2, bytes: [0xD6], kind: .truncated)))
    }

    @Test func unassignedFourByteCodeIsUnmappable() {
        // 0x8431A530 lies past the last BMP mapping (0x8431A439).
        let result = TextEncoding.decodeGB18030([0x41, 0x84, 0x31, 0xA5, 0x30])
        #expect(result == .invalid(InvalidSequence(byteOffset: 1, bytes: [0x84, 0x31, 0xA5, 0x30], kind: .unmappable)))
    }

    @Test func badByteOffsetGivesTheLineNumber() throws {
        var bytes = TextEncoding.encodeGB18030("姓名,县\n单雄,唐河县\n欧阳娜娜,")
        bytes.append(0xFF)
        bytes += TextEncoding.encodeGB18030("新野县\n")
        guard case .invalid(let bad) = TextEncoding.decodeGB18030(bytes) else {
            Issue.record("0xFF was accepted")
            return
        }
        let line = bytes[..<bad.byteOffset].filter { $0 == 0x0A }.count + 1
        #expect(line == 3)
        #expect(bad.description == "illegal byte sequence [FF] at byte offset \(bad.byteOffset)")
    }

    @Test func smallFirstBufferIsGrownByPreflight() throws {
        let text = String(repeating: "欧阳娜娜𠮷ༀ", count: 50)  // ༀ takes 4 bytes
        let converter = try Converter(name: "GB18030")
        let bytes = try converter.encode(text, guess: 1)
        #expect(bytes == TextEncoding.encodeGB18030(text))
        #expect(try converter.decode(bytes, guess: 1) == .decoded(text))
        var bad = bytes
        bad.insert(0x80, at: 301)
        #expect(try converter.decode(bad, guess: 3) == converter.decode(bad))
    }

    @Test func gbkHasNoFormForSupplementaryCharacters() {
        #expect(throws: ICUError.self) { try TextEncoding.encode("中𠮷", to: "GBK") }
        do {
            _ = try TextEncoding.encode("中𠮷", to: "GBK")
        } catch {
            #expect(error.name == "U_INVALID_CHAR_FOUND")
            #expect(error.detail?.contains("\"𠮷\" at UTF-16 offset 1") == true)
        }
    }

    @Test func gbkBytesDecodeThroughGB18030() throws {
        let bytes = try TextEncoding.encode("单雄 欧阳娜娜", to: "GBK")
        #expect(TextEncoding.decodeGB18030(bytes) == .decoded("单雄 欧阳娜娜"))
    }

    @Test func unknownEncodingThrowsWithICUName() {
        do {
            _ = try TextEncoding.decode([0x41], from: "no-such-encoding")
            Issue.record("opened a converter that does not exist")
        } catch {
            #expect(error.name == "U_FILE_ACCESS_ERROR")
            #expect(error.description.contains("no-such-encoding"))
        }
    }
}
