import Foundation
import Testing
import XiangxingCore
import XiangxingPrint
import XiangxingSheets

@Suite struct ReportWorkbookTests {
    @Test func theWorkbookHoldsTheTableWithNumbersAsNumbersAndTheShareAsAPercentage() throws {
        try Fixtures.inFolder { dir in
            let doc = ReportFixtures.document()
            let url = dir.appendingPathComponent("返乡创业情况统计表-2019-09.xlsx")
            try ReportWorkbook.write(doc, to: url)
            let book = try Workbook(contentsOf: url)
            #expect(book.sheetNames == ["统计表", "表头信息"])
            let sheet = try book.firstSheet()
            #expect(sheet.rows[0].strings == ["县（市、区）", "类别", "年度目标", "全年计划", "累计计划（1—9月）", "本月完成（9月）",
                                              "累计完成（1—9月）", "完成率", "进度"])
            #expect(sheet.rows.count == 1 + 17 * 2 + 2)
            let total = try #require(sheet.rows.first { $0.cell(column: 1)?.text == "合计" && $0.cell(column: 2)?.text == "创业培训" })
            let row = try #require(doc.total(.training))
            for (column, value) in [(3, row.target!), (4, row.plannedYear), (5, row.plannedToDate), (6, row.deliveredMonth),
                                    (7, row.deliveredToDate)] {
                let cell = try #require(total.cell(column: column))
                #expect(cell.kind == .number && cell.formatCode == "0" && cell.raw == String(value), "column \(column)")
            }
            let share = try #require(total.cell(column: 8))
            #expect(share.kind == .number && share.formatCode == "0.00%")
            #expect(Double(share.raw) == Double(row.shareOfTarget))
            // Names, never codes.
            let tanghe = try #require(sheet.rows.first { $0.cell(column: 1)?.text == "唐河县" && $0.cell(column: 2)?.text == "创业培训" })
            #expect(tanghe.cell(column: 9)?.text == "▲ 落后于计划")
            for r in sheet.rows { for c in r.cells { #expect(!c.text.contains("411328") && !c.text.contains("NY-")) } }
            let info = try book.sheet(named: "表头信息")
            #expect(info.rows.contains { $0.strings == ["填报单位", "南阳市人力资源和社会保障局"] })
            #expect(info.rows.contains { $0.strings == ["填报人", "王建国"] })
            #expect(info.rows.contains { $0.strings == ["计划版本", "第3版"] })
        }
    }

    @Test func aCountyWorkbookHoldsThatCountyAndItsOwnTotalOnly() throws {
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("唐河县.xlsx")
            try ReportWorkbook.write(ReportFixtures.document(only: "411328"), to: url)
            let sheet = try Workbook(contentsOf: url).firstSheet()
            #expect(sheet.rows.dropFirst().map { $0.cell(column: 1)?.text } == ["唐河县", "唐河县", "合计", "合计"])
            #expect(sheet.rows[3].cell(column: 3)?.raw == "260")
        }
    }

    @Test(.enabled(if: ReportFixtures.soffice != nil, "LibreOffice (soffice) is not installed: the workbook is not opened in it"))
    func libreOfficeOpensTheWorkbookWithTheFiguresAndPercentages() throws {
        try Fixtures.inFolder { dir in
            let doc = ReportFixtures.document()
            let url = dir.appendingPathComponent("统计表.xlsx")
            try ReportWorkbook.write(doc, to: url)
            let csv = try ReportFixtures.convert(url, to: "csv:Text - txt - csv (StarCalc):44,34,76", in: dir)
            let lines = try String(contentsOf: csv, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
            #expect(lines.count == 1 + 17 * 2 + 2)
            let total = try #require(doc.total(.training))
            // LibreOffice shows the numbers in their formats: integers, 0.00%.
            let percent = String(format: "%.2f%%", Double(total.shareOfTarget)! * 100)
            let expected = "合计,创业培训,3500,\(total.plannedYear),\(total.plannedToDate),\(total.deliveredMonth),\(total.deliveredToDate),\(percent),"
            #expect(lines.contains { $0.hasPrefix(expected) },
                    "\(lines.suffix(2))")
        }
    }
}
