import Foundation
import Testing
import XiangxingCore
import XiangxingPrint

@Suite struct ItineraryPDFTests {
    typealias F = ItineraryFixtures

    @Test func pdfShowsTheTrainerTheCountiesTotalsAndPageNumbers() throws {
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("T001-单志刚.pdf")
            try ItineraryPDF.write([F.single], to: url)
            let pages = try Fixtures.pages(of: url)
            #expect(pages.count == 1)
            let text = pages.joined()
            #expect(text.contains("讲师行程表 — 单志刚（T001）"))
            for heading in ["日期", "县区", "场地及地址", "课程/期次", "同行讲师", "路程"] {
                #expect(text.contains(heading), "header \(heading)")
            }
            for county in ["唐河县", "镇平县", "内乡县"] { #expect(text.contains(county)) }
            #expect(text.contains("曾晓梅"))
            #expect(text.contains("D050-1"))
            #expect(text.contains("间隔 2 个工作日"))
            #expect(text.contains("共 4 项任务，授课 10 天"))
            #expect(text.contains("第1页 共1页"))
            #expect(!text.contains("\u{FFFD}"))
        }
    }

    @Test func aLongItineraryRunsOverNumberedPagesWithTheHeaderRepeated() throws {
        try Fixtures.inFolder { dir in
            // Two trainers' sets in one file: the busiest of the demo twice,
            // each counting its own pages.
            let it = F.busiest
            let url = dir.appendingPathComponent("busy.pdf")
            try ItineraryPDF.write([it, it], to: url)
            let pages = try Fixtures.pages(of: url)
            #expect(pages.count % 2 == 0)
            let each = pages.count / 2
            for (i, page) in pages.enumerated() {
                #expect(page.contains("第\(i % each + 1)页 共\(each)页"), "footer of page \(i + 1)")
                #expect(page.contains("场地及地址"), "header on page \(i + 1)")
                #expect(page.contains(it.trainer.name))
            }
            // A long county name wraps in its cell (南阳高新 / 技术产业 / 开发区).
            let text = try Fixtures.unwrappedText(of: url)
            for e in it.engagements { #expect(text.contains(e.county.name)) }
        }
    }
}
