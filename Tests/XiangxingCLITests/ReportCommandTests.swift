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
}

extension String {
    func write(to url: URL, atomically: Bool, encoding: String.Encoding, appendingTo: Bool) throws {
        let old = (try? String(contentsOf: url, encoding: encoding)) ?? ""
        try (old.hasSuffix("\n") || old.isEmpty ? old + self : old + "\n" + self).write(to: url, atomically: atomically, encoding: encoding)
    }
}
