import Foundation
import Testing
import XiangxingCore
import XiangxingPrint

@Suite struct ReportPDFTests {
    /// The figures of a row as pdftotext -layout gives them, in column order.
    static func figures(_ r: ReportRow) -> [String] {
        [r.target.map(String.init) ?? "—", String(r.plannedYear), String(r.plannedToDate), String(r.deliveredMonth),
         String(r.deliveredToDate)]
    }

    /// The line of the page's text that holds all of `parts` in order.
    static func line(in text: String, holding parts: [String]) -> String? {
        text.split(separator: "\n").map(String.init).first { line in
            var rest = Substring(line)
            for p in parts {
                guard let r = rest.range(of: p) else { return false }
                rest = rest[r.upperBound...]
            }
            return true
        }
    }

    /// A row of the table: the line holding `parts`, with the lines next to
    /// it (the county's cell spans its two rows, so pdftotext sets the name
    /// between them).
    static func row(in text: String, named name: String, holding parts: [String]) -> String? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for (i, _) in lines.enumerated() where line(in: lines[i], holding: parts) != nil {
            let near = lines[max(0, i - 2)...min(lines.count - 1, i + 2)].joined(separator: "\n")
            if near.contains(name) { return lines[i] }
        }
        return nil
    }

    @Test func theCityReportPrintsEveryCountyTheTotalRowsAndAnOfficialHeaderAndFooter() throws {
        try Fixtures.inFolder { dir in
            let doc = ReportFixtures.document()
            let pdf = dir.appendingPathComponent("返乡创业情况统计表-2019-09.pdf")
            try ReportPDF.write(doc, to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count == 3)
            let table = pages[0]
            #expect(table.contains("南阳市返乡创业情况统计表"))
            #expect(table.contains("填报单位：南阳市人力资源和社会保障局"))
            #expect(table.contains("单位：人次"))
            #expect(table.contains("填报人：王建国"))
            #expect(table.contains("填报日期：2019年10月8日"))
            #expect(table.contains("计划第3版"))
            // 合计: 3500 training, 7200 mentoring, with their shares.
            let training = try #require(doc.total(.training)), mentoring = try #require(doc.total(.mentoring))
            #expect(training.target == 3500 && mentoring.target == 7200)
            #expect(Self.row(in: table, named: "合计", holding: ["创业培训"] + Self.figures(training) + [percent(training)]) != nil)
            #expect(Self.row(in: table, named: "合计", holding: ["乡村行帮扶"] + Self.figures(mentoring) + [percent(mentoring)]) != nil)
            // 唐河县 training: 120 delivered of 182 planned — behind, marked.
            let tanghe = try #require(doc.rows.first { $0.county == "411328" && $0.category == .training })
            #expect(tanghe.isBehind)
            let tangheLine = try #require(Self.row(in: table, named: "唐河县", holding: ["创业培训"] + Self.figures(tanghe)))
            #expect(tangheLine.contains("▲ 落后"))
            // 邓州市 is ahead: not marked.
            let dengzhou = try #require(doc.rows.first { $0.county == "411381" && $0.category == .training })
            let dengzhouLine = try #require(Self.row(in: table, named: "邓州市", holding: ["创业培训"] + Self.figures(dengzhou)))
            #expect(!dengzhouLine.contains("▲"))
            #expect(table.contains("累计完成低于累计计划"))
            for c in ReportFixtures.counties where c.name.count < 8 { #expect(table.contains(c.name), "\(c.name)") }
            for (i, page) in pages.enumerated() { #expect(Self.compact(page).contains("第\(i + 1)页共3页")) }
            #expect(pages[1].contains("图1") && pages[1].contains("100%"))
            #expect(pages[2].contains("图2") && pages[2].contains("9月") && pages[2].contains("人次"))
            #expect(pages[2].contains("年度目标（3500）"))
        }
    }

    @Test func aCountyReportNamesThatCountyOnlyOnEveryPage() throws {
        try Fixtures.inFolder { dir in
            let doc = ReportFixtures.document(only: "411328")
            let pdf = dir.appendingPathComponent("唐河县.pdf")
            try ReportPDF.write(doc, to: pdf)
            let text = try Fixtures.run("pdftotext", [pdf.path, "-"])
            #expect(text.contains("唐河县返乡创业情况统计表"))
            for c in ReportFixtures.counties where c.code != "411328" {
                #expect(!text.contains(c.name), "\(c.name) in 唐河县's report")
            }
            let total = try #require(doc.total(.training))
            #expect(total.target == 260 && total.deliveredToDate == 120)
            let pages = try Fixtures.pages(of: pdf)
            #expect(Self.row(in: pages[0], named: "合计", holding: ["创业培训"] + Self.figures(total)) != nil)
        }
    }

    @Test func withoutTargetsTheTableShowsDashesAndTheChartsSaySo() throws {
        try Fixtures.inFolder { dir in
            var doc = ReportFixtures.document()
            doc.rows = doc.rows.map { var r = $0; r.target = nil; return r }
            let pdf = dir.appendingPathComponent("无目标.pdf")
            try ReportPDF.write(doc, to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count == 3)
            #expect(pages[1].contains("未下达创业培训目标"))
            #expect(pages[2].contains("年度目标：未下达"))
        }
    }

    @Test func manyCountiesContinueOnAPageWithTheHeaderRepeatedAndACountyNeverSplit() throws {
        try Fixtures.inFolder { dir in
            var doc = ReportFixtures.document()
            let base = doc.rows.filter { $0.county != ReportRow.cityTotal }
            var rows: [ReportRow] = []
            for n in 0..<3 {
                for r in base {
                    var copy = r
                    copy.county = r.county + "-\(n)"
                    doc.countyNames[copy.county] = doc.name(of: r.county) + "\(n)"
                    rows.append(copy)
                }
            }
            doc.rows = rows + doc.rows.filter { $0.county == ReportRow.cityTotal }
            let pdf = dir.appendingPathComponent("长表.pdf")
            try ReportPDF.write(doc, to: pdf)
            let pages = try Fixtures.pages(of: pdf)
            #expect(pages.count == 5)
            #expect(pages[1].contains("（续表）") && pages[1].contains("累计计划"))
            #expect(Self.compact(pages[0]).contains("第1页共5页"))
            // Every county's two rows stand on one page.
            for n in 0..<3 {
                for c in ReportFixtures.counties where c.name.count < 8 {
                    let name = c.name + "\(n)"
                    let holding = pages.prefix(3).filter { $0.contains(name) }
                    #expect(holding.count == 1, "\(name)")
                    if let page = holding.first { #expect(page.contains("创业培训") && page.contains("乡村行帮扶")) }
                }
            }
        }
    }

    @Test func everyPageRendersAsAnImage() throws {
        try Fixtures.inFolder { dir in
            let pdf = dir.appendingPathComponent("r.pdf")
            try ReportPDF.write(ReportFixtures.document(), to: pdf)
            _ = try Fixtures.run("pdftoppm", ["-r", "40", "-png", pdf.path, dir.appendingPathComponent("page").path])
            let pngs = try FileManager.default.contentsOfDirectory(atPath: dir.path).filter { $0.hasSuffix(".png") }
            #expect(pngs.count == 3)
        }
    }

    /// pdftotext drops the spaces of "第 1 页 共 3 页" now and then.
    static func compact(_ text: String) -> String { text.replacingOccurrences(of: " ", with: "") }

    func percent(_ r: ReportRow) -> String {
        let n = Int(r.shareOfTarget.replacingOccurrences(of: ".", with: ""))!
        return "\(n / 100).\(String(format: "%02d", n % 100))%"
    }
}
