import Foundation
import Testing

@Suite(.serialized) struct TargetsCommandTests {
    @Test func targetsIntoAFolderWritesTheContractCSVAndThePrintable任务分解表() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("任务分解")
        let run = try xiangxing(["targets", demoScenario().path, "--training", "3500", "--mentoring", "7200",
                                 "--title", "南阳市2019年返乡创业培训和乡村行任务分解表", "--unit", "南阳市人力资源和社会保障局",
                                 "--date", "2019-02-20", "--out", out.path], in: packageRoot())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try ReportCommandTests.files(out) == ["targets.csv", "任务分解表.pdf", "任务分解表.xlsx"])
        let csv = try String(contentsOf: out.appendingPathComponent("targets.csv"), encoding: .utf8)
        let rows = csv.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
        #expect(csv.split(whereSeparator: \.isNewline).first == "county,category,person_times")
        #expect(rows.count == 34)
        let tanghe = try #require(rows.first { $0[0] == "411328" && $0[1] == "training" })
        let tangheMentoring = try #require(rows.first { $0[0] == "411328" && $0[1] == "mentoring" })
        let pdf = try ReportCommandTests.pdfText(out.appendingPathComponent("任务分解表.pdf"))
        #expect(pdf.contains("南阳市2019年返乡创业培训和乡村行任务分解表"))
        #expect(pdf.range(of: "唐河县 +\(tanghe[2]) +\(tangheMentoring[2])", options: .regularExpression) != nil)
        #expect(pdf.range(of: "合计 +3500 +7200", options: .regularExpression) != nil)
        #expect(pdf.contains("下达日期：2019年2月20日") && pdf.contains("下达单位：南阳市人力资源和社会保障局"))
        let strings = try ReportCommandTests.unzip(out.appendingPathComponent("任务分解表.xlsx"), "xl/sharedStrings.xml")
        #expect(strings.contains("唐河县") && !strings.contains("411328"))

        // A path ending in .csv still writes just that file, as before.
        let file = tmp.url.appendingPathComponent("targets.csv")
        #expect(try xiangxing(["targets", demoScenario().path, "--training", "3500", "--mentoring", "7200", "--out", file.path],
                              in: packageRoot()).status == 0)
        #expect(try String(contentsOf: file, encoding: .utf8) == csv)
    }

    @Test func aWeightColumnOfCountiesCsvDecidesTheShares() throws {
        // The office weighs 唐河县 3, 邓州市 1 and the rest 0 in counties.csv:
        // 3500 goes 2625 / 875, nothing elsewhere; a bad weight is refused at its line.
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "南阳")
        let counties = folder.appendingPathComponent("counties.csv")
        let lines = try String(contentsOf: counties, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        let weighted = [lines[0] + ",weight"] + lines.dropFirst().map { line in
            line + (line.hasPrefix("411328,") ? ",3" : line.hasPrefix("411381,") ? ",1" : ",0")
        }
        try weighted.joined(separator: "\n").appending("\n").write(to: counties, atomically: true, encoding: .utf8)
        let file = tmp.url.appendingPathComponent("targets.csv")
        let run = try xiangxing(["targets", folder.path, "--out", file.path], in: packageRoot())
        #expect(run.status == 0, "\(run.stderr)")
        let rows = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline).map(String.init)
        #expect(rows.contains("411328,training,2625") && rows.contains("411381,training,875"), "\(rows)")
        #expect(rows.contains("411302,training,0") && rows.contains("411328,mentoring,5400"), "\(rows)")

        let bad = weighted.enumerated().map { $0.offset == 2 ? String($0.element.dropLast(2)) + ",很多" : $0.element }
        try bad.joined(separator: "\n").appending("\n").write(to: counties, atomically: true, encoding: .utf8)
        let refused = try xiangxing(["targets", folder.path, "--out", tmp.url.appendingPathComponent("t2.csv").path], in: packageRoot())
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("counties.csv:3: weight"), "\(refused.stderr)")
    }
}
