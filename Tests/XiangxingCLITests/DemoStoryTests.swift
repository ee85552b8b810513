import Foundation
import Testing

/// The demo tells the year's story: targets handed down, the plan, the
/// attendance counties recorded through September, the September report.
@Suite(.serialized) struct DemoStoryTests {
    static let attendance = demoScenario().appendingPathComponent("attendance")

    func committedAttendance() throws -> [URL] {
        try FileManager.default.contentsOfDirectory(at: Self.attendance, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
    }

    @Test func theSeptemberReportOfTheDemoCountsTheCommittedAttendance() throws {
        let tmp = try TemporaryFolder()
        let plan = tmp.url.appendingPathComponent("plan")
        #expect(try xiangxing(["plan", demoScenario().path, "--out", plan.path], in: packageRoot()).status == 0)

        // The committed files are what `generate attendance` makes of this plan today.
        let again = tmp.url.appendingPathComponent("attendance")
        let generated = try xiangxing(["generate", "attendance", demoScenario().path, plan.path, "--through", "2019-09-30",
                                       "--out", again.path], in: packageRoot())
        #expect(generated.status == 0)
        let files = try committedAttendance()
        #expect(files.count == 18)
        for f in files {
            #expect(try Data(contentsOf: f) == Data(contentsOf: again.appendingPathComponent(f.lastPathComponent)),
                    "\(f.lastPathComponent) differs from what generate attendance writes for today's demo plan: if the plan changed on purpose, re-run the command in attendance/README.md")
            let mode = try FileManager.default.attributesOfItem(atPath: again.appendingPathComponent(f.lastPathComponent).path)[.posixPermissions] as? Int
            #expect(mode == (f.lastPathComponent.hasPrefix("出勤-") ? 0o600 : 0o644))
        }

        let out = tmp.url.appendingPathComponent("report")
        let run = try xiangxing(["report", demoScenario().path, plan.path, "--month", "2019-09",
                                 "--attendance"] + files.map(\.path) + ["--out", out.path], in: packageRoot())
        #expect(run.status == 0, "\(run.stderr)")
        let report = try String(contentsOf: out.appendingPathComponent("report.csv"), encoding: .utf8)
        let city = report.split(whereSeparator: \.isNewline).filter { $0.hasPrefix("合计,") }
            .map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(city.count == 2)
        for row in city {
            let target = Int(row[2])!, plannedToDate = Int(row[4])!, deliveredToDate = Int(row[6])!
            #expect(deliveredToDate > 0)
            #expect(deliveredToDate < plannedToDate, "absences keep delivery below the plan: \(row)")
            #expect(plannedToDate <= target)
        }
        // The figures the README quotes.
        #expect(city[0] == ["合计", "training", "3500", "3491", "2937", "0", "2617", "0.7477"])
        #expect(city[1] == ["合计", "mentoring", "7200", "7200", "7200", "5782", "6900", "0.9583"])
    }

    @Test func theDemoHandsDownTheSeedTargetsAndStillValidates() throws {
        let targets = try String(contentsOf: demoScenario().appendingPathComponent("targets.csv"), encoding: .utf8)
        var sums: [String: Int] = [:]
        for line in targets.split(whereSeparator: \.isNewline).dropFirst() {
            let f = line.split(separator: ",")
            sums[String(f[1]), default: 0] += Int(f[2])!
        }
        #expect(sums == ["training": 3500, "mentoring": 7200])
        let tmp = try TemporaryFolder()
        let again = tmp.url.appendingPathComponent("targets.csv")
        #expect(try xiangxing(["targets", demoScenario().path, "--out", again.path], in: packageRoot()).status == 0)
        #expect(try String(contentsOf: again, encoding: .utf8) == targets)
        for name in ["nanyang-2019", "nanyang-2019-gb18030"] {
            let run = try xiangxing(["validate", demoScenario(name).path], in: packageRoot())
            #expect(run.status == 0, "\(name): \(run.stderr)")
        }
    }
}
