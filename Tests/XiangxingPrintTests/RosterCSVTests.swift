import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingPrint

@Suite struct RosterCSVTests {
    @Test func headerHasTheChineseColumnsThenOneSignInColumnPerDay() {
        let csv = RosterCSV.render(Fixtures.roster(rows: 2))
        let header = csv.components(separatedBy: "\r\n")[0]
        #expect(header == "序号,姓名,性别,身份证号,联系电话,乡镇,创业项目,2019-09-12 签到,2019-09-13 签到,2019-09-16 签到")
    }

    @Test func rowsAreMaskedNumberedAndReadBackByTheScenarioReader() throws {
        var input = Fixtures.roster(rows: 6)
        input.rows[3].project = "养殖, \"土鸡\"\n散养"
        let csv = RosterCSV.render(input)
        #expect(csv.hasSuffix("\r\n"))
        let (records, problems) = CSV.parse(csv, file: "roster.csv")
        #expect(problems.isEmpty)
        #expect(records.count == 7)
        let first = records[1].fields
        #expect(first == ["1", "欧阳娜娜", "女", ResidentID.masked(input.rows[0].idNumber),
                          PhoneMask.masked(input.rows[0].phone), "城郊乡", "电商助农", "", "", ""])
        #expect(records[4].fields[6] == "养殖, \"土鸡\"\n散养")
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
}
