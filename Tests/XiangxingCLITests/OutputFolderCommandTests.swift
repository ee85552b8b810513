import Foundation
import Testing

/// What `--out` may replace, and what a kill at each step of writing leaves
/// (docs/guarantees.md), through the real binary.
@Suite("Output folders: refusals, atomic replace, kills", .serialized,
       .enabled(if: Binary.url != nil, Comment(rawValue: Binary.missing)))
struct OutputFolderCommandTests {
    static let demo = demoScenario("nanyang-2019").path

    static func names(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
    }

    @Test func planIntoTheScenarioFolderIsRefusedAndTheScenarioIsKept() throws {
        let tmp = try TemporaryFolder()
        let scenario = try tmp.copy(demoScenario("nanyang-2019"), as: "南阳2019")
        let before = try listing(scenario)
        let run = try xiangxing(["plan", scenario.path, "--out", scenario.path], in: tmp.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("场景") && run.stderr.contains("未写出任何文件"), "\(run.stderr)")
        #expect(try listing(scenario) == before)
        // A parent of the scenario folder is refused too.
        let parent = try xiangxing(["plan", scenario.path, "--out", tmp.url.path], in: packageRoot())
        #expect(parent.status == 1)
        #expect(try listing(scenario) == before)
    }

    @Test func aClerksOwnFileInTheTargetIsKeptAndNothingIsWritten() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan-out")
        #expect(try xiangxing(["plan", Self.demo, "--out", out.path], in: tmp.url).status == 0)
        let note = out.appendingPathComponent("给县局的说明.docx")
        try Data("张主任：9月份的班次请按此表通知".utf8).write(to: note)
        let run = try xiangxing(["plan", Self.demo, "--out", out.path, "--seed", "2"], in: tmp.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("给县局的说明.docx") && run.stderr.contains("不是 Xiangxing 写出"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: note.path))
        #expect(Self.names(tmp.url) == ["plan-out"], "no staging folder left")
    }

    @Test func printingCountyByCountyKeepsEarlierSheetsAndAClerksFile() throws {
        let tmp = try TemporaryFolder()
        let plan = tmp.url.appendingPathComponent("plan-out")
        #expect(try xiangxing(["plan", Self.demo, "--out", plan.path], in: tmp.url).status == 0)
        let sheets = tmp.url.appendingPathComponent("签到表")
        #expect(try xiangxing(["roster", Self.demo, plan.path, "--county", "唐河县", "--out", sheets.path], in: tmp.url).status == 0)
        try Data("已发唐河".utf8).write(to: sheets.appendingPathComponent("发放记录.txt"))
        #expect(try xiangxing(["roster", Self.demo, plan.path, "--county", "邓州市", "--out", sheets.path], in: tmp.url).status == 0)
        #expect(Self.names(sheets) == ["发放记录.txt", "签到表-唐河县.pdf", "签到表-邓州市.pdf"])
        #expect(Self.names(tmp.url) == ["plan-out", "签到表"], "no staging folder left")
        // Printing into the scenario or the plan folder read is refused.
        let scenario = try tmp.copy(demoScenario("nanyang-2019"), as: "场景")
        let before = try listing(scenario)
        #expect(try xiangxing(["toursheet", scenario.path, plan.path, "--out", scenario.path], in: tmp.url).status == 1)
        #expect(try listing(scenario) == before)
        #expect(try xiangxing(["itinerary", Self.demo, plan.path, "--all", "--out", plan.path], in: tmp.url).status == 1)
    }

    @Test func replanIntoTheOfficeFolderIsRefusedAndTheStoreIsKept() throws {
        let tmp = try TemporaryFolder()
        let office = tmp.url.appendingPathComponent("就业促进办")
        try FileManager.default.createDirectory(at: office, withIntermediateDirectories: true)
        #expect(try xiangxing(["import", Self.demo], in: office).status == 0)
        #expect(try xiangxing(["plan", "--out", "plan-v1"], in: office).status == 0)
        let run = try xiangxing(["replan", "--out", ".", "--lang", "en"], in: office)
        #expect(run.status == 1)
        #expect(run.stderr.contains("working folder"), "\(run.stderr)")
        #expect(FileManager.default.fileExists(atPath: office.appendingPathComponent("xiangxing.sqlite").path))
        // Nothing was saved: version 2 does not exist.
        let status = try xiangxing(["export", "--version", "2", "--out", "v2"], in: office)
        #expect(status.status == 1)
        // And a folder that holds the store, given by another path, is refused as well.
        let elsewhere = try xiangxing(["export", "--db", office.appendingPathComponent("xiangxing.sqlite").path, "--out", office.path], in: tmp.url)
        #expect(elsewhere.status == 1)
        #expect(FileManager.default.fileExists(atPath: office.appendingPathComponent("xiangxing.sqlite").path))
    }

    @Test func outNamingAFileSavesNoVersionAndSaysSoPlainly() throws {
        let tmp = try TemporaryFolder()
        #expect(try xiangxing(["import", Self.demo], in: tmp.url).status == 0)
        try Data("x".utf8).write(to: tmp.url.appendingPathComponent("plan.txt"))
        let run = try xiangxing(["plan", "--out", "plan.txt"], in: tmp.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("是一个文件") && !run.stderr.contains("NSCocoaErrorDomain"), "\(run.stderr)")
        #expect(try xiangxing(["export", "--version", "1", "--out", "v1"], in: tmp.url).status == 1, "no version was saved")
        let unwritable = try xiangxing(["plan", "--out", "/proc/xiangxing-plan"], in: tmp.url)
        #expect(unwritable.status == 1)
        #expect(unwritable.stderr.contains("无法写入") && !unwritable.stderr.contains("NSCocoaErrorDomain"), "\(unwritable.stderr)")
        #expect(try xiangxing(["export", "--version", "1", "--out", "v1"], in: tmp.url).status == 1, "no version was saved")
    }

    @Test func filesWithFullIDsAre0600InA0700FolderAndTheWaitlistIsMasked() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan-out")
        #expect(try xiangxing(["plan", Self.demo, "--out", out.path], in: tmp.url).status == 0)
        func mode(_ path: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! Int
        }
        #expect(try mode(out.path) == 0o700)
        #expect(try mode(out.appendingPathComponent("assignments.csv").path) == 0o600)
        #expect(try mode(out.appendingPathComponent("waitlist.csv").path) == 0o600)
        let waitlist = try String(contentsOf: out.appendingPathComponent("waitlist.csv"), encoding: .utf8)
        #expect(waitlist.range(of: #"\d{17}[\dX]"#, options: .regularExpression) == nil, "a full resident ID in waitlist.csv")
    }

    // MARK: Opaque session ids (issue 8)

    /// Renames every session of a plan folder (plan.csv and assignments.csv):
    /// C00001… for classes, R01-<county> / R02-<county> for stops.
    static func renameSessions(in folder: URL) throws -> [String: String] {
        let planURL = folder.appendingPathComponent("plan.csv")
        let text = try String(contentsOf: planURL, encoding: .utf8)
        var rows = text.components(separatedBy: "\r\n")
        var map: [String: String] = [:]
        var classes = 0, stops: [String: Int] = [:]
        for i in rows.indices.dropFirst() where !rows[i].isEmpty {
            var f = rows[i].components(separatedBy: ",")
            if f[1] == "class" {
                classes += 1
                map[f[0]] = String(format: "C%05d", classes)
            } else {
                stops[f[7], default: 0] += 1
                map[f[0]] = String(format: "R%02d-", stops.count) + f[3]
            }
            f[0] = map[f[0]]!
            rows[i] = f.joined(separator: ",")
        }
        try rows.joined(separator: "\r\n").write(to: planURL, atomically: true, encoding: .utf8)
        let aURL = folder.appendingPathComponent("assignments.csv")
        var a = try String(contentsOf: aURL, encoding: .utf8).components(separatedBy: "\r\n")
        for i in a.indices.dropFirst() where !a[i].isEmpty {
            var f = a[i].components(separatedBy: ",")
            f[0] = map[f[0]]!
            a[i] = f.joined(separator: ",")
        }
        try a.joined(separator: "\r\n").write(to: aURL, atomically: true, encoding: .utf8)
        return map
    }

    @Test func aPlanWithAnotherProgramsSessionIDsIsCheckedByContentAndPrints() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("other-program")
        #expect(try xiangxing(["plan", Self.demo, "--out", out.path], in: tmp.url).status == 0)
        let map = try Self.renameSessions(in: out)
        #expect(map.values.contains("C00001") && map.values.contains { $0.hasPrefix("R01-4113") })

        let checked = try xiangxing(["check", Self.demo, out.path], in: tmp.url)
        #expect(checked.status == 0, "\(checked.stdout)")
        #expect(!checked.stdout.contains("场景中没有这一期"))

        let roster = try xiangxing(["roster", Self.demo, out.path, "--county", "唐河县", "--out", tmp.url.appendingPathComponent("rosters").path], in: tmp.url)
        #expect(roster.status == 0, "\(roster.stderr)")
        let itinerary = try xiangxing(["itinerary", Self.demo, out.path, "--all", "--format", "txt", "--out", tmp.url.appendingPathComponent("trips").path], in: tmp.url)
        #expect(itinerary.status == 0, "\(itinerary.stderr)")
        let tours = try xiangxing(["toursheet", Self.demo, out.path, "--out", tmp.url.appendingPathComponent("tours").path], in: tmp.url)
        #expect(tours.status == 0, "\(tours.stderr)")

        // Faults are still caught: a class row too many for its demand, an unknown ref, a stop twice.
        let planURL = out.appendingPathComponent("plan.csv")
        let good = try String(contentsOf: planURL, encoding: .utf8)
        let lines = good.components(separatedBy: "\r\n")
        let classRow = try #require(lines.first { $0.hasPrefix("C00001,") })
        let stopRow = try #require(lines.first { $0.hasPrefix("R01-") })
        func broken(_ extra: String) throws -> Run {
            try (good + extra + "\r\n").write(to: planURL, atomically: true, encoding: .utf8)
            return try xiangxing(["check", Self.demo, out.path], in: tmp.url)
        }
        var f = classRow.components(separatedBy: ",")
        f[0] = "C09999"; f[9] = "0"
        let extra = try broken(f.joined(separator: ","))
        #expect(extra.status == 1)
        #expect(extra.stdout.contains("场次 C09999：需求 \(f[7]) 只要"), "\(extra.stdout)")
        f[7] = "D999"
        let unknown = try broken(f.joined(separator: ","))
        #expect(unknown.status == 1)
        #expect(unknown.stdout.contains("场次 C09999：ref “D999”在场景中不存在"), "\(unknown.stdout)")
        var s = stopRow.components(separatedBy: ",")
        s[0] = "R77-" + s[3]
        let twice = try broken(s.joined(separator: ","))
        #expect(twice.status == 1)
        #expect(twice.stdout.contains("同一站点被安排了两次"), "\(twice.stdout)")
    }

    // MARK: Kills at every step

    static let steps = ["staging-created", "first-file", "staged", "saved", "swapped", "done"]

    /// plan.csv of stored version `n`, as `export` writes it; nil when there is no such version.
    static func exported(_ n: Int, in office: URL) throws -> String? {
        let out = office.appendingPathComponent("export-\(n)")
        defer { try? FileManager.default.removeItem(at: out) }
        let run = try xiangxing(["export", "--version", String(n), "--out", out.path], in: office)
        guard run.status == 0 else { return nil }
        return try String(contentsOf: out.appendingPathComponent("plan.csv"), encoding: .utf8)
    }

    static func leftovers(_ office: URL) -> [String] { names(office).filter { $0.hasPrefix(".") } }

    @Test func aReplanKilledAtEveryStepLeavesTheFolderOldOrNewNeverMissing() throws {
        for step in Self.steps {
            let tmp = try TemporaryFolder()
            let office = tmp.url
            #expect(try xiangxing(["import", Self.demo], in: office).status == 0)
            #expect(try xiangxing(["plan", "--out", "plan"], in: office).status == 0)
            // A change, so version 2 differs from version 1.
            let v1 = try #require(try Self.exported(1, in: office))
            let trainer = try #require(v1.components(separatedBy: "\r\n")[1].components(separatedBy: ",")[6].components(separatedBy: ";").first)
            let date = try #require(v1.components(separatedBy: "\r\n")[1].components(separatedBy: ",")[5].components(separatedBy: ";").first)
            #expect(try xiangxing(["unavailable", "--trainer", trainer, "--from", date, "--to", date, "--reason", "病假"], in: office).status == 0)

            let killed = try xiangxing(["replan", "--out", "plan"], in: office, environment: ["XIANGXING_FAULT_AT": step])
            #expect(killed.status == 128 + 9, "\(step): \(killed.status) \(killed.stderr)")

            let folder = try String(contentsOf: office.appendingPathComponent("plan/plan.csv"), encoding: .utf8)
            let v2 = try Self.exported(2, in: office)
            let savedYet = Self.steps.firstIndex(of: step)! >= Self.steps.firstIndex(of: "saved")!
            #expect((v2 != nil) == savedYet, "\(step): version 2 saved is \(v2 != nil)")
            #expect(v2 != v1)
            let swappedYet = Self.steps.firstIndex(of: step)! >= Self.steps.firstIndex(of: "swapped")!
            // The folder is always a version the store holds: the old one until the swap, the new one after.
            #expect(folder == (swappedYet ? v2 : v1), "\(step): the folder is neither what it should be")

            // The next run cleans what the killed one left and brings folder and store together.
            let again = try xiangxing(["replan", "--out", "plan"], in: office)
            #expect(again.status == 0, "\(step): \(again.stderr)")
            #expect(Self.leftovers(office) == [], "\(step): \(Self.leftovers(office))")
            let latest = savedYet ? 3 : 2
            #expect(try String(contentsOf: office.appendingPathComponent("plan/plan.csv"), encoding: .utf8) == Self.exported(latest, in: office),
                    "\(step): the folder is not the latest version after the next run")
        }
    }

    @Test func aPlanKilledAtEveryStepKeepsTheOldFolderOrTheNew() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan-out")
        #expect(try xiangxing(["plan", Self.demo, "--out", out.path, "--seed", "1"], in: tmp.url).status == 0)
        let old = try String(contentsOf: out.appendingPathComponent("plan.csv"), encoding: .utf8)
        let fresh = tmp.url.appendingPathComponent("seed-7")
        #expect(try xiangxing(["plan", Self.demo, "--out", fresh.path, "--seed", "7"], in: tmp.url).status == 0)
        let new = try String(contentsOf: fresh.appendingPathComponent("plan.csv"), encoding: .utf8)
        try #require(old != new, "seeds 1 and 7 give the same plan; pick another seed")
        for step in Self.steps where step != "saved" {
            let killed = try xiangxing(["plan", Self.demo, "--out", out.path, "--seed", "7"], in: tmp.url,
                                       environment: ["XIANGXING_FAULT_AT": step])
            #expect(killed.status == 128 + 9, "\(step)")
            let now = try String(contentsOf: out.appendingPathComponent("plan.csv"), encoding: .utf8)
            let swappedYet = Self.steps.firstIndex(of: step)! >= Self.steps.firstIndex(of: "swapped")!
            #expect(now == (swappedYet ? new : old), "\(step)")
            // Back to seed 1 for the next step; this run also cleans the leftovers.
            #expect(try xiangxing(["plan", Self.demo, "--out", out.path, "--seed", "1"], in: tmp.url).status == 0)
            #expect(Self.names(tmp.url) == ["plan-out", "seed-7"], "\(step): leftovers \(Self.names(tmp.url))")
        }
    }
}
