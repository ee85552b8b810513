import Foundation
import Testing
import XiangxingCore
import XiangxingPrint
import XiangxingSheets

@Suite struct TargetsPDFTests {
    static func document() -> TargetsDocument {
        let training = [300, 260, 150, 230, 140, 220, 160, 170, 160, 260, 180, 140, 350, 220, 200, 120, 240]
        let mentoring = [600, 520, 320, 460, 300, 440, 330, 360, 330, 520, 380, 300, 700, 440, 420, 240, 540]
        let counties = ReportFixtures.counties
        let targets = zip(counties, training).map { CountyTarget(county: $0.0.code, category: .training, personTimes: $0.1) }
            + zip(counties, mentoring).map { CountyTarget(county: $0.0.code, category: .mentoring, personTimes: $0.1) }
        return TargetsDocument(title: "南阳市2019年返乡创业培训和乡村行任务分解表", unit: "南阳市人力资源和社会保障局",
                               issuedOn: Day(iso: "2019-02-20")!, counties: counties, targets: targets)
    }

    @Test func theTableListsEveryCountyWithBothTargetsTheTotalAndTheDateItWasIssued() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("任务分解表.pdf")
            try TargetsPDF.write(Self.document(), to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count == 1)
            let text = pages[0]
            #expect(text.contains("南阳市2019年返乡创业培训和乡村行任务分解表"))
            #expect(text.contains("下达单位：南阳市人力资源和社会保障局"))
            #expect(text.contains("单位：人次"))
            #expect(ReportPDFTests.line(in: text, holding: ["10", "唐河县", "260", "520"]) != nil)
            #expect(ReportPDFTests.line(in: text, holding: ["合计", "3500", "7200"]) != nil)
            #expect(text.contains("下达日期：2019年2月20日"))
            #expect(ReportPDFTests.compact(text).contains("第1页共1页"))
        }
    }

    @Test func theWorkbookHoldsTheCountiesAndTheTotalAsIntegers() throws {
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("任务分解表.xlsx")
            try TargetsWorkbook.write(Self.document(), to: url)
            let book = try Workbook(contentsOf: url)
            let sheet = try book.firstSheet()
            #expect(sheet.rows[0].strings == ["序号", "县（市、区）", "创业培训（人次）", "创业讲师乡村行帮扶（人次）"])
            #expect(sheet.rows.count == 1 + 17 + 1)
            #expect(sheet.rows[10].strings == ["10", "唐河县", "260", "520"])
            let total = try #require(sheet.rows.last)
            #expect(total.strings.dropFirst() == ["合计", "3500", "7200"])
            #expect(total.cell(column: 3)?.kind == .number && total.cell(column: 3)?.formatCode == "0")
            #expect(try book.sheet(named: "表头信息").rows.contains { $0.strings == ["下达日期", "2019-02-20"] })
        }
    }
}
