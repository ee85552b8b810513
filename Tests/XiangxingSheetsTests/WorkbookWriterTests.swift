import Foundation
import Testing
import ZIPFoundation
@testable import XiangxingSheets

@Suite("Writing .xlsx through libxlsxwriter")
struct WorkbookWriterTests {
    static let roster = SheetToWrite(
        name: "签到表",
        header: ["编号", "姓名", "身份证号", "手机", "出勤率", "日期"],
        rows: [
            [.text("T001"), .text("张伟"), .text("411302199003151234"), .text("13837712345"), .number(0.875, format: "0.0%"), .number(46083, format: "yyyy-mm-dd")],
            [.text("T002"), .text("王秀英"), .text("41132319920708652X"), .empty, .number(1, format: "0.0%"), .number(46090, format: "yyyy-mm-dd")],
        ])
    static let notify = SheetToWrite(name: "通知名单", header: ["姓名", "人数"], rows: [[.text("李娜"), .number(3)]])

    @Test("written, read back: two sheets, IDs as exact text, numbers with their formats, dates as dates")
    func roundTrip() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("签到表.xlsx")
        try WorkbookWriter.write([Self.roster, Self.notify], to: url)

        let workbook = try Workbook(contentsOf: url)
        #expect(workbook.sheetNames == ["签到表", "通知名单"])
        let sheet = try workbook.firstSheet()
        #expect(sheet.rows[0].strings == ["编号", "姓名", "身份证号", "手机", "出勤率", "日期"])
        #expect(sheet.rows[1].strings == ["T001", "张伟", "411302199003151234", "13837712345", "0.875", "2026-03-02"])
        let id = try #require(sheet.rows[1].cell(column: 3))
        #expect(id.kind == .text)
        #expect(id.formatCode == "@")
        #expect(id.exactIdentifier == "411302199003151234")
        #expect(sheet.rows[1].cell(column: 5)?.formatCode == "0.0%")
        #expect(sheet.rows[2].cell(column: 3)?.text == "41132319920708652X")
        #expect(sheet.rows[2].cell(column: 4) == nil)
        #expect(sheet.rows[2].cell(column: 6)?.kind == .date)
        #expect(try workbook.sheet(named: "通知名单").rows[1].strings == ["李娜", "3"])
        // no temporary file is left beside it
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == ["签到表.xlsx"])
    }

    @Test("the header row is bold and frozen, the columns sized")
    func headerAndWidths() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("roster.xlsx")
        var sheet = Self.roster
        sheet.columnWidths = [8, 10, 22, 14, 8, 12]
        try WorkbookWriter.write([sheet], to: url)

        let archive = try Archive(url: url, accessMode: .read)
        func part(_ path: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try #require(archive[path])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let xml = try part("xl/worksheets/sheet1.xml")
        #expect(xml.contains("<pane ySplit=\"1\" topLeftCell=\"A2\" activePane=\"bottomLeft\" state=\"frozen\"/>"))
        #expect(xml.contains("<col min=\"3\" max=\"3\" width=\"22.7109375\" customWidth=\"1\"/>"))
        #expect(try part("xl/styles.xml").contains("<b/>"))
        // the header cells (row 1) use a bold style other than the body's
        let header = try #require(xml.range(of: "<c r=\"A1\" s=\""))
        let body = try #require(xml.range(of: "<c r=\"A2\" s=\""))
        #expect(xml[header.upperBound...].prefix(1) != xml[body.upperBound...].prefix(1))
    }

    @Test("fitted widths count a Chinese character as two")
    func fittedWidths() {
        let widths = WorkbookWriter.fittedWidths(Self.roster)
        #expect(widths[1] == 8)  // 王秀英: 6 + 2
        #expect(widths[2] == 20)  // 18 digits + 2
    }

    @Test("a sheet name Excel refuses, or one used twice, writes nothing")
    func badSheetName() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("out.xlsx")
        var bad = Self.notify
        bad.name = "2026/03 名单"
        #expect(throws: SheetWriteError.badSheetName("2026/03 名单", reason: "contains one of [ ] : * ? / \\")) {
            try WorkbookWriter.write([bad], to: url)
        }
        #expect(throws: SheetWriteError.badSheetName("通知名单", reason: "used twice")) {
            try WorkbookWriter.write([Self.notify, Self.notify], to: url)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    @Test("a folder that cannot be written is an error naming it, not a crash")
    func unwritableFolder() {
        let url = URL(fileURLWithPath: "/nonexistent-xiangxing/out.xlsx")
        #expect(throws: SheetWriteError.self) { try WorkbookWriter.write([Self.notify], to: url) }
    }

    @Test(
        "LibreOffice opens Xiangxing's workbook and keeps the IDs' 18 digits",
        .enabled(if: sofficePath != nil, "LibreOffice (soffice) is not installed; the workbook was read back by Xiangxing only"))
    func libreOfficeReadsIt() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("roster.xlsx")
        try WorkbookWriter.write([Self.roster], to: url)
        let csv = try convertWithLibreOffice(url, in: folder)
        let lines = csv.split(whereSeparator: \.isNewline)
        #expect(lines.count == 3)
        #expect(lines[1].hasPrefix("\"T001\",\"张伟\",\"411302199003151234\",\"13837712345\","))
        #expect(lines[2].hasPrefix("\"T002\",\"王秀英\",\"41132319920708652X\",,"))
        #expect(lines[1].hasSuffix(",2026-03-02"))
    }
}
