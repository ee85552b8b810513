import Testing
import XiangxingIO

@Suite("CSV for people (Excel/WPS)")
struct SpreadsheetCSVTests {
    @Test func startsWithABOMAndEndsLinesWithCRLF() {
        let text = SpreadsheetCSV.render(header: ["姓名", "乡镇"], rows: [["李勇", "城郊乡"]])
        #expect(text == "\u{FEFF}姓名,乡镇\r\n李勇,城郊乡\r\n")
    }

    @Test func formulasArriveAsPlainText() {
        let rows = [["=HYPERLINK(\"http://x\",\"点我\")"], ["+cmd|' /C calc'!A0"], ["@SUM(A1)"], ["  -2+3"]]
        let text = SpreadsheetCSV.render(header: ["项目"], rows: rows)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[1] == "\"'=HYPERLINK(\"\"http://x\"\",\"\"点我\"\")\"")
        #expect(lines[2] == "'+cmd|' /C calc'!A0")
        #expect(lines[3] == "'@SUM(A1)")
        #expect(lines[4] == "'  -2+3")
    }

    @Test func signedNumbersStayNumbers() {
        #expect(SpreadsheetCSV.cell("-3") == "-3")
        #expect(SpreadsheetCSV.cell("+2.5") == "+2.5")
    }

    @Test func controlCharactersAreRemoved() {
        #expect(SpreadsheetCSV.cell("李\u{0}勇\u{1B}[31m") == "李勇[31m")
        #expect(SpreadsheetCSV.cell("两\n行") == "两行")
        #expect(SpreadsheetCSV.cell("\u{FEFF}T010") == "T010")
    }

    @Test func residentIDsAndPhonesStayText() {
        #expect(SpreadsheetCSV.cell("411302199001011234") == "\"\t411302199001011234\"")
        #expect(SpreadsheetCSV.cell("41130219900101123X") == "\"\t41130219900101123X\"")
        #expect(SpreadsheetCSV.cell("13812345678") == "\"\t13812345678\"")
        #expect(SpreadsheetCSV.cell("411328********1234") == "411328********1234")
        #expect(SpreadsheetCSV.cell("2019") == "2019")
    }
}
