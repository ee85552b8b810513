import Foundation
import Testing
import XiangxingCore
import XiangxingICU
import XiangxingIO

@Suite("Text file encodings")
struct TextFileTests {
    let csv = "编号,所属县区,名称\r\nTH-1,411328,唐河县培训中心\r\n"

    @Test func plainUTF8IsReadAsUTF8() throws {
        let (text, encoding) = try TextFile.decode(Array(csv.utf8), file: "venues.csv").get()
        #expect(text == csv)
        #expect(encoding == .utf8)
    }

    @Test func utf8BOMIsStrippedSoTheFirstHeaderStillMatches() throws {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("id,county,name,address,seats\nV1,411328,室,路,30\n".utf8)
        let (text, encoding) = try TextFile.decode(bytes, file: "venues.csv").get()
        #expect(encoding == .utf8BOM)
        #expect(text.unicodeScalars.first == "i")
        var problems: [InputProblem] = []
        let table = Table(file: "venues.csv", text: text, columns: [Column("id", []), Column("seats", [])], problems: &problems)
        #expect(problems.isEmpty)
        #expect(table.has("id"))
        #expect(table.records.map { table.value($0, "id") } == ["V1"])
    }

    @Test func gb18030BytesAreDetectedAndDecoded() throws {
        let bytes = TextEncoding.encodeGB18030(csv)
        #expect(bytes != Array(csv.utf8))
        let (text, encoding) = try TextFile.decode(bytes, file: "venues.csv").get()
        #expect(encoding == .gb18030)
        #expect(text == csv)
    }

    @Test func theGB18030DemoFilesDecodeToChineseHeaders() throws {
        let url = demoScenario("nanyang-2019-gb18030").appendingPathComponent("venues.csv")
        let bytes = [UInt8](try Data(contentsOf: url))
        #expect(String(validating: bytes, as: UTF8.self) == nil, "the demo file should not be valid UTF-8")
        let (text, encoding) = try TextFile.decode(bytes, file: "venues.csv").get()
        #expect(encoding == .gb18030)
        #expect(text.hasPrefix("编号,所属县区,名称,地址,座位数\r\n"))
    }

    @Test func bytesValidInNeitherEncodingNameTheirLine() {
        // 0xFF is never a GB18030 lead byte and never UTF-8.
        let bytes = Array("a,b\r\n1,2\r\n".utf8) + [0x33, 0x2C, 0xFF, 0x0D, 0x0A] + Array("4,5\r\n".utf8)
        guard case .failure(let p) = TextFile.decode(bytes, file: "demand.csv") else {
            Issue.record("0xFF decoded"); return
        }
        #expect(p.file == "demand.csv")
        #expect(p.line == 3)
    }

    @Test func aBadByteAfterAUTF8BOMNamesItsLine() {
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("a,b\n1,2\n3,4\n".utf8) + [0xC3, 0x28, 0x0A]
        guard case .failure(let p) = TextFile.decode(bytes, file: "kinds.csv") else {
            Issue.record("bad UTF-8 after a BOM decoded"); return
        }
        #expect(p.line == 4)
    }

    @Test func readingAMissingFileIsAProblemNamingTheFile() {
        let url = URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)/kinds.csv")
        guard case .failure(let p) = TextFile.read(url, name: "kinds.csv") else {
            Issue.record("a missing file was read"); return
        }
        #expect(p.file == "kinds.csv")
        #expect(p.line == nil)
    }

    @Test func aBadByteInAUTF8FileIsReportedOnItsOwnLineNotWhereGB18030GaveUp() {
        // Chinese on every line, then 0xFF on line 6: the GB18030 attempt
        // fails on line 2 (UTF-8 read as GB18030), the file's fault is on line 6.
        var bytes = Array("id,county,name\nWC-1,411302,宛城区培训中心\nWC-2,411302,宛城区孵化园\n".utf8)
        bytes += Array("WL-1,411303,卧龙区培训中心\nWL-2,411303,卧龙区孵化园\n".utf8)
        bytes += Array("WL-3,411303,卧龙区".utf8) + [0xFF] + Array("会议室\n".utf8)
        guard case .failure(let p) = TextFile.decode(bytes, file: "venues.csv") else {
            Issue.record("0xFF decoded"); return
        }
        #expect(p.line == 6)
        #expect(p.problem.en.contains("the file is UTF-8"))
    }

    @Test func utf16TextIsNamedAsUTF16() {
        let text = "code,name\r\n411328,唐河县\r\n"
        let le: [UInt8] = [0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let noBOM: [UInt8] = Array(le.dropFirst(2))
        for bytes in [le, noBOM] {
            guard case .failure(let p) = TextFile.decode(bytes, file: "counties.csv") else {
                Issue.record("UTF-16 decoded"); continue
            }
            #expect(p.problem.en.contains("UTF-16"))
            #expect(p.remedy.zh.contains("CSV UTF-8"))
        }
    }

    @Test func anExcelWorkbookSavedUnderACSVNameIsNamedAsAWorkbook() {
        for (bytes, what) in [([0x50, 0x4B, 0x03, 0x04, 0x14, 0x00] as [UInt8], ".xlsx"),
                              ([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0x00], ".xls/.et")] {
            guard case .failure(let p) = TextFile.decode(bytes, file: "attendees.csv") else {
                Issue.record("a workbook decoded as text"); continue
            }
            #expect(p.problem.en.contains(what))
        }
    }
}
