import Foundation
import Testing
@testable import XiangxingSheets

@Suite("Reading .xlsx written by LibreOffice")
struct WorkbookReaderTests {
    @Test("the sheet named 学员 of a two-sheet workbook: text IDs exact, dates ISO, gaps kept")
    func sheetNamedXueyuan() throws {
        let workbook = try Workbook(contentsOf: fixture("学员与说明.xlsx"))
        #expect(workbook.sheetNames == ["说明", "学员"])
        #expect(workbook.date1904 == false)
        let sheet = try workbook.sheet(named: "学员")
        #expect(sheet.name == "学员")
        #expect(sheet.rows.map(\.number) == [1, 2, 3, 4])
        #expect(sheet.rows[0].strings == ["编号", "姓名", "身份证号", "手机", "报到日期", "备注日期"])
        #expect(sheet.rows[1].strings == ["T001", "张伟", "411302199003151234", "13837712345", "2026-03-02", "2026-03-09"])

        let id = try #require(sheet.rows[1].cell(column: 3))
        #expect(id.kind == .text)
        #expect(id.exactIdentifier == "411302199003151234")
        let phone = try #require(sheet.rows[1].cell(column: 4))
        #expect(phone.kind == .number)
        #expect(phone.exactIdentifier == "13837712345")
        let date = try #require(sheet.rows[1].cell(column: 5))
        #expect(date.kind == .date)
        #expect(date.raw == "46083")
        #expect(date.formatCode == "yyyy\\-mm\\-dd")
        let typedDate = try #require(sheet.rows[1].cell(column: 6))
        #expect(typedDate.kind == .text)

        // 王秀英's row has no phone: column D is a gap, not a shifted column.
        let wang = sheet.rows[2]
        #expect(wang.cell(column: 4) == nil)
        #expect(wang.strings[0...2] == ["T002", "王秀英", "41132319920708652X"])
        #expect(wang.strings[3] == "")
    }

    @Test("an 18-digit ID typed as a number is reported rounded, never turned into digits")
    func roundedIdentifierIsReported() throws {
        let sheet = try Workbook(contentsOf: fixture("学员与说明.xlsx")).sheet(named: "学员")
        let li = sheet.rows[3]
        #expect(li.cell(column: 2)?.text == "李娜")
        let id = try #require(li.cell(column: 3))
        #expect(id.kind == .number)
        #expect(id.raw == "4.1130319881102E+017")
        #expect(id.isRoundedNumber)
        #expect(id.exactIdentifier == nil)
        // A fraction is a number, not an ID, and not "rounded" either.
        let fraction = try #require(li.cell(column: 4))
        #expect(fraction.text == "3.5")
        #expect(fraction.exactIdentifier == nil)
        #expect(!fraction.isRoundedNumber)
    }

    @Test("a CSV opened in LibreOffice the default way: every 18-digit ID rounded, the X one text, ISO dates become date cells")
    func csvOpenedTheDefaultWay() throws {
        let sheet = try Workbook(contentsOf: fixture("ids-as-numbers.xlsx")).firstSheet()
        #expect(sheet.rows.count == 4)
        let ids = sheet.rows.dropFirst().map { $0.cell(column: 3)! }
        #expect(ids.map(\.isRoundedNumber) == [true, true, false])
        #expect(ids.map(\.exactIdentifier) == [nil, nil, "41132319920708652X"])
        #expect(sheet.rows.dropFirst().map { $0.cell(column: 2)!.text } == ["张伟", "李娜", "王秀英"])
        #expect(sheet.rows.dropFirst().map { $0.cell(column: 5)!.text } == ["2026-03-02", "2026-03-09", "2026-03-02"])
        #expect(sheet.rows.dropFirst().allSatisfy { $0.cell(column: 5)!.kind == .date })
    }

    @Test("the first sheet in tab order, with a number and a boolean LibreOffice stores as a number")
    func firstSheet() throws {
        let workbook = try Workbook(contentsOf: fixture("学员与说明.xlsx"))
        let sheet = try workbook.firstSheet()
        #expect(sheet.name == "说明")
        #expect(sheet.rows[0].strings == ["本工作簿由县就业局填写"])
        #expect(sheet.rows[1].strings.first == "42")
        // preferring a name that is absent falls back to the first sheet; a present one wins
        #expect(try workbook.sheet(preferring: ["attendees"]).name == "说明")
        #expect(try workbook.sheet(preferring: ["attendees", "学员"]).name == "学员")
    }

    @Test("Excel's phantom 1900-02-29 (serial 60) is reported; 61 is 1900-03-01")
    func phantomLeapDayInAFile() throws {
        let row = try Workbook(contentsOf: fixture("学员与说明.xlsx")).sheet(named: "学员").rows[2]
        let phantom = try #require(row.cell(column: 5))
        #expect(phantom.kind == .date)
        #expect(phantom.raw == "60")
        #expect(phantom.problem == .phantomLeapDay)
        #expect(phantom.text == "")
        #expect(row.cell(column: 6)?.text == "1900-03-01")
    }

    @Test("a sheet name that is not there names the sheets that are")
    func missingSheet() throws {
        let workbook = try Workbook(contentsOf: fixture("学员与说明.xlsx"))
        #expect(throws: SheetError.noSuchSheet("attendees", available: ["说明", "学员"])) {
            try workbook.sheet(named: "attendees")
        }
        #expect(SheetError.noSuchSheet("attendees", available: ["说明", "学员"]).zh.contains("说明、学员"))
        // tab names typed with a trailing space still match
        #expect(try workbook.sheet(named: " 学员 ").name == "学员")
    }

    @Test("a CSV renamed to .xlsx, or a truncated workbook, is refused with what to do")
    func notAWorkbook() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let csv = folder.appendingPathComponent("attendees.xlsx")
        try Data("id,name\nT001,张伟\n".utf8).write(to: csv)
        #expect(throws: SheetError.notAWorkbook) { try Workbook(contentsOf: csv) }

        let whole = try Data(contentsOf: fixture("ids-as-numbers.xlsx"))
        let truncated = folder.appendingPathComponent("truncated.xlsx")
        try whole.prefix(whole.count / 2).write(to: truncated)
        #expect(throws: SheetError.self) { try Workbook(contentsOf: truncated) }
        #expect(SheetError.notAWorkbook.zh.contains("另存为"))
    }
}

@Suite("Excel dates and numbers")
struct ExcelDateTests {
    @Test("1900 system with the leap-year bug, and the 1904 system")
    func serials() {
        #expect(ExcelDate.isoDate(serial: 1) == .success("1900-01-01"))
        #expect(ExcelDate.isoDate(serial: 59) == .success("1900-02-28"))
        #expect(ExcelDate.isoDate(serial: 60) == .failure(.phantomLeapDay))
        #expect(ExcelDate.isoDate(serial: 61) == .success("1900-03-01"))
        #expect(ExcelDate.isoDate(serial: 46083) == .success("2026-03-02"))
        #expect(ExcelDate.isoDate(serial: 46083.75) == .success("2026-03-02"))
        #expect(ExcelDate.isoDate(serial: 46812) == .success("2028-02-29"))
        #expect(ExcelDate.isoDate(serial: 0) == .failure(.beforeEpoch))
        #expect(ExcelDate.isoDate(serial: 2_958_465) == .success("9999-12-31"))
        #expect(ExcelDate.isoDate(serial: 2_958_466) == .failure(.afterYear9999))
        #expect(ExcelDate.isoDate(serial: 0, date1904: true) == .success("1904-01-01"))
        #expect(ExcelDate.isoDate(serial: 44621, date1904: true) == .success("2026-03-02"))
    }

    @Test("date formats by built-in id and by code; times, General, text and numbers are not dates")
    func dateFormats() {
        #expect(ExcelDate.isDateFormat(id: 14, code: nil))
        #expect(ExcelDate.isDateFormat(id: 31, code: nil))  // yyyy"年"m"月"d"日" in Chinese Excel
        #expect(ExcelDate.isDateFormat(id: 165, code: "yyyy\\-mm\\-dd"))
        #expect(ExcelDate.isDateFormat(id: 176, code: "yyyy\"年\"m\"月\"d\"日\";@"))
        #expect(ExcelDate.isDateFormat(id: 177, code: "[$-804]yyyy/m/d"))
        #expect(!ExcelDate.isDateFormat(id: 0, code: "General"))
        #expect(!ExcelDate.isDateFormat(id: 49, code: "@"))
        #expect(!ExcelDate.isDateFormat(id: 20, code: "h:mm"))
        #expect(!ExcelDate.isDateFormat(id: 178, code: "0.00\" days\""))
        #expect(!ExcelDate.isDateFormat(id: 179, code: "[Red]0"))
    }

    @Test("an identifier is exact only as text or as a whole number of at most 15 digits")
    func exactIntegers() {
        #expect(SheetNumber.exactInteger("13837712345") == 13_837_712_345)
        #expect(SheetNumber.exactInteger("1.3837712345E+10") == 13_837_712_345)
        #expect(SheetNumber.exactInteger("4113.0") == 4113)
        #expect(SheetNumber.exactInteger("999999999999999") == 999_999_999_999_999)
        #expect(SheetNumber.exactInteger("4.11302199003151E+017") == nil)
        #expect(SheetNumber.exactInteger("411302199003151234") == nil)
        #expect(SheetNumber.exactInteger("3.5") == nil)
        #expect(SheetNumber.exactInteger("abc") == nil)
    }
}
