import Foundation
import Testing

@Suite(.serialized) struct ReportCommandTests {
    @Test func validateRefusesTargetsThatDoNotAddUpToTheCityTotal() throws {
        let tmp = try TemporaryFolder()
        // The demo's scenario.csv says target_training,3500.
        let s = try tmp.copy(demoScenario(), as: "nanyang")
        try "county,category,person_times\n唐河县,training,3000\n411330,training,400\n"
            .write(to: s.appendingPathComponent("targets.csv"), atomically: true, encoding: .utf8)
        let run = try xiangxing(["validate", s.path], in: packageRoot())
        #expect(run.status == 1)
        #expect(run.stderr.contains("targets.csv:3: person_times:"))
        #expect(run.stderr.contains("3400"))
    }

    @Test func reportRefusesBadAttendanceWithEveryProblemAndWritesNothing() throws {
        let tmp = try TemporaryFolder()
        let plan = tmp.url.appendingPathComponent("plan")
        let planned = try xiangxing(["plan", demoScenario().path, "--out", plan.path], in: packageRoot())
        #expect(planned.status == 0)
        let planCSV = try String(contentsOf: plan.appendingPathComponent("plan.csv"), encoding: .utf8)
        let stop = planCSV.split(whereSeparator: \.isNewline).dropFirst().first { $0.contains(",stop,") }!
        let fields = stop.split(separator: ",", omittingEmptySubsequences: false)
        let id = String(fields[0]), first = String(fields[5].split(separator: ";")[0])
        let a = tmp.url.appendingPathComponent("乡村行.csv")
        try "session,date,mentees\n\(id),\(first),20\n\(id),\(first),5\n无此场次,2019-09-02,3\n"
            .write(to: a, atomically: true, encoding: .utf8)
        let out = tmp.url.appendingPathComponent("report")
        let run = try xiangxing(["report", demoScenario().path, plan.path, "--month", "2019-09",
                                 "--attendance", a.path, "--out", out.path], in: packageRoot())
        #expect(run.status == 1)
        #expect(run.stderr.contains("乡村行.csv:3: date:"))
        #expect(run.stderr.contains("乡村行.csv:4: session:"))
        #expect(!FileManager.default.fileExists(atPath: out.path))

        // Without the bad rows the report is written, one row per county and category plus 合计.
        try "session,date,mentees\n\(id),\(first),20\n".write(to: a, atomically: true, encoding: .utf8)
        let ok = try xiangxing(["report", demoScenario().path, plan.path, "--month", "2019-12",
                                "--attendance", a.path, "--out", out.path], in: packageRoot())
        #expect(ok.status == 0, "\(ok.stderr)")
        let report = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8)
        let lines = report.split(whereSeparator: \.isNewline)
        #expect(lines.first == "county,category,target,planned_year,planned_to_date,delivered_month,delivered_to_date,share_of_target")
        #expect(lines.count == 1 + 17 * 2 + 2)
        #expect(lines.last!.hasPrefix("合计,mentoring,7200,7200,7200,"))  // the demo has targets since issue 10.6
        #expect(try String(contentsOf: out.appendingPathComponent("report.txt"), encoding: .utf8).contains("▲ 落后于计划"))
    }

    /// The demo imported into a store and planned once: version 1, and its folder.
    static func storeWithPlan(_ tmp: borrowing TemporaryFolder) throws -> (db: String, plan: URL) {
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let plan = tmp.url.appendingPathComponent("v1")
        let imported = try xiangxing(["import", demoScenario().path, "--db", db], in: packageRoot())
        #expect(imported.status == 0, "\(imported.stderr)")
        let planned = try xiangxing(["plan", "--out", plan.path, "--db", db], in: packageRoot())
        #expect(planned.status == 0, "\(planned.stderr)")
        return (db, plan)
    }

    static func pdfText(_ url: URL) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        p.arguments = ["-layout", url.path, "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    static func files(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
    }

    @Test func withoutFoldersTheReportCountsTheStoresLatestVersionInEveryFormatAndAgreesWithTheFolderReport() throws {
        let tmp = try TemporaryFolder()
        let (db, plan) = try Self.storeWithPlan(tmp)
        let out = tmp.url.appendingPathComponent("统计表-2019-09")
        let run = try xiangxing(["report", "--month", "2019-09", "--db", db, "--unit", "南阳市人力资源和社会保障局",
                                 "--preparer", "王建国", "--date", "2019-10-08", "--out", out.path], in: packageRoot())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.files(out) == ["report.csv", "report.txt", "返乡创业情况统计表-2019-09.pdf", "返乡创业情况统计表-2019-09.xlsx"])
        let stored = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8)
        let lines = stored.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.count == 1 + 17 * 2 + 2)
        // Nothing recorded in the store yet: planned figures, nothing delivered.
        for row in lines.dropFirst() { #expect(row[5] == "0" && row[6] == "0", "\(row)") }
        let city = try #require(lines.first { $0[0] == "合计" && $0[1] == "training" })
        #expect(Int(city[3])! > 0 && Int(city[4])! > 0 && Int(city[4])! <= Int(city[3])!)

        // The same version as a folder, with no attendance files: the same report.csv.
        let folder = tmp.url.appendingPathComponent("from-folder")
        let direct = try xiangxing(["report", demoScenario().path, plan.path, "--month", "2019-09", "--format", "csv",
                                    "--out", folder.path], in: packageRoot())
        #expect(direct.status == 0, "\(direct.stderr)")
        #expect(try Self.files(folder) == ["report.csv"])
        #expect(try String(contentsOf: folder.appendingPathComponent("report.csv"), encoding: .utf8) == stored)

        let text = try Self.pdfText(out.appendingPathComponent("返乡创业情况统计表-2019-09.pdf"))
        #expect(text.contains("南阳市返乡创业情况统计表"))
        #expect(text.contains("计划第1版"))
        #expect(text.contains("填报人：王建国") && text.contains("填报日期：2019年10月8日"))
        #expect(text.replacingOccurrences(of: " ", with: "").contains("第3页共3页"))
        let planned = "\(city[3]) +\(city[4]) +0 +0"
        // The 合计 cell spans its two rows: pdftotext sets the name on a line between them.
        #expect(text.range(of: "创业培训 +(—|[0-9]+) +" + planned + ".*\n +合计", options: .regularExpression) != nil)

        // --attendance belongs to the folder mode.
        let refused = try xiangxing(["report", "--month", "2019-09", "--db", db, "--attendance", "a.csv", "--out", out.path],
                                    in: packageRoot())
        #expect(refused.status != 0)
        #expect(refused.stderr.contains("xiangxing attendance import"))
    }

    @Test func aCountyReportShowsThatCountyOnlyInEveryFormat() throws {
        let tmp = try TemporaryFolder()
        let (db, _) = try Self.storeWithPlan(tmp)
        let out = tmp.url.appendingPathComponent("唐河县")
        let run = try xiangxing(["report", "--month", "2019-09", "--county", "唐河", "--db", db, "--out", out.path], in: packageRoot())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.files(out) == ["report.csv", "report.txt", "返乡创业情况统计表-2019-09-唐河县.pdf", "返乡创业情况统计表-2019-09-唐河县.xlsx"])
        let csv = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8)
        #expect(csv.split(whereSeparator: \.isNewline).dropFirst().map { String($0.prefix { $0 != "," }) }
                == ["411328", "411328", "合计", "合计"])
        let others = try String(contentsOf: demoScenario().appendingPathComponent("counties.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().map { String($0.split(separator: ",")[1]) }
            .filter { $0 != "唐河县" }
        #expect(others.count == 16)
        let pdf = try Self.pdfText(out.appendingPathComponent("返乡创业情况统计表-2019-09-唐河县.pdf"))
        let txt = try String(contentsOf: out.appendingPathComponent("report.txt"), encoding: .utf8)
        let xlsx = try Self.unzip(out.appendingPathComponent("返乡创业情况统计表-2019-09-唐河县.xlsx"), "xl/sharedStrings.xml")
        #expect(pdf.contains("唐河县返乡创业情况统计表") && txt.contains("唐河县") && xlsx.contains("唐河县"))
        for name in others {
            #expect(!pdf.contains(name) && !txt.contains(name) && !xlsx.contains(name), "\(name) in 唐河县's report")
        }
    }

    @Test func formatPicksTheFilesAndAnUnknownFormatIsRefused() throws {
        let tmp = try TemporaryFolder()
        let (db, _) = try Self.storeWithPlan(tmp)
        let out = tmp.url.appendingPathComponent("pdf-only")
        let run = try xiangxing(["report", "--month", "2019-03", "--format", "pdf", "--db", db, "--out", out.path], in: packageRoot())
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try Self.files(out) == ["返乡创业情况统计表-2019-03.pdf"])
        let bad = try xiangxing(["report", "--month", "2019-03", "--format", "pdf,doc", "--db", db, "--out", out.path], in: packageRoot())
        #expect(bad.status != 0)
        #expect(bad.stderr.contains("--format doc"))
    }

    static func unzip(_ file: URL, _ part: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/unzip")
        p.arguments = ["-p", file.path, part]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }
}

extension String {
    func write(to url: URL, atomically: Bool, encoding: String.Encoding, appendingTo: Bool) throws {
        let old = (try? String(contentsOf: url, encoding: encoding)) ?? ""
        try (old.hasSuffix("\n") || old.isEmpty ? old + self : old + "\n" + self).write(to: url, atomically: atomically, encoding: encoding)
    }
}
