import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingPrint

@Suite struct RosterCSVTests {
    @Test func headerHasTheChineseColumnsThenOneSignInColumnPerDay() {
        let csv = RosterCSV.render(Fixtures.roster(rows: 2))
        let header = csv.components(separatedBy: "\r\n")[0]
        #expect(header == "\u{FEFF}序号,姓名,性别,身份证号,联系电话,乡镇,创业项目,2019-09-12 签到,2019-09-13 签到,2019-09-16 签到")
    }

    @Test func rowsAreMaskedNumberedAndReadBackByTheScenarioReader() throws {
        var input = Fixtures.roster(rows: 6)
        input.rows[3].project = "养殖, \"土鸡\"\n散养"
        let csv = RosterCSV.render(input)
        #expect(csv.hasSuffix("\r\n"))
        let (records, problems) = CSV.parse(csv, file: "roster.csv")
        #expect(problems.isEmpty)
        #expect(records.count == 8)  // header, 6 people, 实到人数
        #expect(records[7].fields[0] == "实到人数")
        let first = records[1].fields
        #expect(first == ["1", "欧阳娜娜", "女", ResidentID.masked(input.rows[0].idNumber),
                          PhoneMask.masked(input.rows[0].phone), "城郊乡", "电商助农", "", "", ""])
        // A line break inside a cell is a control character: removed.
        #expect(records[4].fields[6] == "养殖, \"土鸡\"散养")
        #expect(!csv.contains(input.rows[0].idNumber))
    }

    @Test func unmaskedCSVCarriesFullNumbers() {
        let input = Fixtures.roster(rows: 2, unmasked: true)
        let csv = RosterCSV.render(input)
        #expect(csv.contains(input.rows[1].idNumber) && csv.contains(input.rows[1].phone))
    }

    @Test func writtenFileStartsWithAByteOrderMarkForExcel() throws {
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("签到表.csv")
            try RosterCSV.write(Fixtures.roster(rows: 2), to: url)
            let bytes = [UInt8](try Data(contentsOf: url))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(String(decoding: bytes.dropFirst(3), as: UTF8.self).hasPrefix("序号,姓名"))
        }
    }
}

@Suite struct RosterTextTests {
    let d = { (m: Int, day: Int, y: Int) in Day(year: y, month: m, day: day)! }

    @Test func periodNamesFirstAndLastDayWithWeekdaysAndTheCount() throws {
        #expect(try RosterText.period(Fixtures.weekdays(3)) == "2019年9月12日（星期四）至 9月16日（星期一），共3天")
    }

    @Test func periodRepeatsTheYearWhenTheClassCrossesNewYear() throws {
        let dates = [d(12, 31, 2019), d(1, 2, 2020)]
        #expect(try RosterText.period(dates) == "2019年12月31日（星期二）至 2020年1月2日（星期四），共2天")
    }

    @Test func aOneDayClassHasNoRange() throws {
        #expect(try RosterText.period([d(9, 12, 2019)]) == "2019年9月12日（星期四），共1天")
    }

    @Test func signatureColumnHeadingIsShortDateAndWeekday() throws {
        let heading = try RosterText.columnHeading(d(9, 12, 2019))
        #expect(heading.date == "9月12日" && heading.weekday == "周四")
        #expect(try RosterText.lunar(d(9, 12, 2019)) == "农历八月十四")
    }

    @Test func formulasAreNeutralisedControlCharactersStrippedAndIDsKeptAsText() throws {
        var input = Fixtures.roster(rows: 3, unmasked: true)
        input.rows[0].name = "=HYPERLINK(\"http://example.com/x\",\"点我领补贴\")"
        input.rows[1].project = "+cmd|' /C calc'!A0"
        input.rows[1].township = "@SUM(1+1)"
        input.rows[2].project = "-2+3"
        input.rows[2].name = "\t李\r勇\u{1B}"
        let csv = RosterCSV.render(input)
        #expect(csv.hasPrefix("\u{FEFF}"))
        let (records, problems) = CSV.parse(String(csv.dropFirst()), file: "roster.csv")
        #expect(problems.isEmpty)
        #expect(records[1].fields[1] == "'=HYPERLINK(\"http://example.com/x\",\"点我领补贴\")")
        #expect(records[2].fields[6] == "'+cmd|' /C calc'!A0")
        #expect(records[2].fields[5] == "'@SUM(1+1)")
        #expect(records[3].fields[6] == "'-2+3")
        #expect(records[3].fields[1] == "李勇")
        // The full ID behind a tab, the mark Excel reads as text (not 4.11328E+17).
        #expect(records[1].fields[3] == "\t" + input.rows[0].idNumber)
        #expect(!csv.contains(",=") && !csv.contains(",+") && !csv.contains(",@"))
    }

    @Test func walkInRowsTheDaysCountAndThePlanVersionCloseTheTable() throws {
        var input = Fixtures.roster(rows: 2, days: 2)
        input.blankRows = 3
        input.printed = PrintedFrom(plan: "第3版", on: Day(iso: "2019-09-02")!)
        let (records, _) = CSV.parse(String(RosterCSV.render(input).dropFirst()), file: "roster.csv")
        #expect(records.map { $0.fields[0] } == ["序号", "1", "2", "3", "4", "5", "实到人数", "计划第3版　打印日期 2019-09-02"])
        #expect(records[3].fields.dropFirst().allSatisfy { $0.isEmpty })
    }
}
