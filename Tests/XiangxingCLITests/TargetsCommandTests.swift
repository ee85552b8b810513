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
}
