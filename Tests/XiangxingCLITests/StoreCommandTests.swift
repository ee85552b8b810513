import Foundation
import Testing

/// The office's loop through the real binary: import, plan, a trainer
/// falls ill, re-plan, see who must be told, pin, export, explain.
@Suite("The office's working loop (store commands)", .serialized)
struct StoreCommandTests {
    @Test("a trainer unavailable for three September days: replan moves only their sessions, diff names exactly who to tell")
    func unavailableTrainerLoop() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let v1 = tmp.url.appendingPathComponent("v1").path, v2 = tmp.url.appendingPathComponent("v2").path
        let demo = demoScenario("nanyang-2019").path
        #expect(try xiangxing("import", demo, "--db", db).status == 0)
        let planned = try xiangxing("plan", "--out", v1, "--db", db)
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout.contains("已保存为第 1 版"))

        // The busiest trainer in September, from the plan the office published.
        let rows = try String(contentsOfFile: v1 + "/plan.csv", encoding: .utf8).split(whereSeparator: \.isNewline).dropFirst()
        var september: [String: [String]] = [:]
        var sessionsOf: [String: [(String, [String], String, String)]] = [:]
        for row in rows {
            let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let dates = f[5].split(separator: ";").map(String.init)
            for t in f[6].split(separator: ";").map(String.init) {
                september[t, default: []] += dates.filter { $0.hasPrefix("2019-09") }
                // (session, dates, county, tour team: "ref#team", empty for classes)
                sessionsOf[t, default: []].append((f[0], dates, f[3], f[8].isEmpty ? "" : f[7] + "#" + f[8]))
            }
        }
        let (trainer, days) = try #require(september.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) })
        let off = Array(days.sorted().prefix(3))
        #expect(try xiangxing("unavailable", "--trainer", trainer, "--from", off[0], "--to", off[2], "--reason", "病假", "--db", db).status == 0)
        let replanned = try xiangxing("replan", "--out", v2, "--db", db)
        #expect(replanned.status == 0, "\(replanned.stderr)")
        #expect(replanned.stdout.contains("第 2 版（由第 1 版重排）"))
        #expect(replanned.stdout.contains("代价："))

        // The new plan keeps every rule, and the trainer is free on those days.
        let checked = try xiangxing("check", demo, v2)
        #expect(checked.status == 0, "\(checked.stdout)")

        // diff names the trainer, and only counties whose sessions involved them on those
        // days — plus the other stops of their tour team, which keeps one crew (rule 7).
        let hit = sessionsOf[trainer, default: []].filter { !Set($0.1).isDisjoint(with: off) }
        let teams = Set(hit.map(\.3).filter { !$0.isEmpty })
        let affected = Set(hit.map(\.2)).union(sessionsOf[trainer, default: []].filter { teams.contains($0.3) }.map(\.2))
        let diff = try xiangxing("diff", "1", "2", "--format", "csv", "--db", db)
        #expect(diff.status == 0)
        let lines = diff.stdout.split(separator: "\r\n").dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(lines.contains { $0[0] == "讲师" && $0[1] == trainer })
        let counties = Set(lines.filter { $0[0] == "县区" }.map { $0[1] })
        #expect(!counties.isEmpty && counties.isSubset(of: affected), "\(counties) vs \(affected)")

        // status reports the new version against the old one.
        let status = try xiangxing("status", "--db", db)
        #expect(status.stdout.contains("第 2 版") && status.stdout.contains("与第 1 版相比"))
    }

    @Test("pins, export of any version, explain, and a bad change leaving the store untouched")
    func pinsExportExplain() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let v1 = tmp.url.appendingPathComponent("v1").path
        let demo = demoScenario("nanyang-2019").path
        #expect(try xiangxing("plan", demo, "--out", v1, "--db", db).status == 0)

        // Export gives version 1's folder back byte for byte.
        let again = tmp.url.appendingPathComponent("again").path
        #expect(try xiangxing("export", "--version", "1", "--out", again, "--db", db).status == 0)
        for f in ["plan.csv", "assignments.csv", "unscheduled.csv", "summary.json", "waitlist.csv"] {
            #expect(FileManager.default.contents(atPath: v1 + "/" + f) == FileManager.default.contents(atPath: again + "/" + f), "\(f)")
        }

        // An unknown trainer is refused with a message, and nothing is recorded.
        let bad = try xiangxing("unavailable", "--trainer", "T999", "--from", "2019-09-02", "--to", "2019-09-03", "--db", db)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("T999"))
        #expect(!(try xiangxing("status", "--db", db)).stdout.contains("之后记录的变动"))

        // Pin a class's dates and trainers; re-plan keeps both.
        let row = try #require(try String(contentsOfFile: v1 + "/plan.csv", encoding: .utf8).split(whereSeparator: \.isNewline).first { $0.hasPrefix("D001-2,") })
        let f = row.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(try xiangxing("pin", "D001-2", "--dates", f[5], "--trainers", f[6], "--db", db).status == 0)
        let v2 = tmp.url.appendingPathComponent("v2").path
        #expect(try xiangxing("replan", "--out", v2, "--db", db).status == 0)
        let after = try #require(try String(contentsOfFile: v2 + "/plan.csv", encoding: .utf8).split(whereSeparator: \.isNewline).first { $0.hasPrefix("D001-2,") })
        let g = after.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
        #expect(g[5] == f[5] && g[6] == f[6])

        // explain says why the class sits where it is.
        let why = try xiangxing("explain", "D001-2", "--db", db)
        #expect(why.status == 0)
        #expect(why.stdout.contains("D001-2") && why.stdout.contains("讲师"))
        #expect(try xiangxing("explain", "NOPE-1", "--db", db).status == 1)

        // Printing reads the store's latest version when no folders are given.
        let rosters = tmp.url.appendingPathComponent("rosters")
        let roster = try xiangxing("roster", "--county", "唐河县", "--db", db, "--out", rosters.path)
        #expect(roster.status == 0, "\(roster.stderr)")
        #expect(FileManager.default.fileExists(atPath: rosters.appendingPathComponent("签到表-唐河县.pdf").path))
        let trips = tmp.url.appendingPathComponent("trips")
        let itinerary = try xiangxing("itinerary", "--trainer", g[6].split(separator: ";").first.map(String.init) ?? "", "--format", "ics",
                                      "--db", db, "--version", "1", "--out", trips.path)
        #expect(itinerary.status == 0, "\(itinerary.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: trips.path).count == 1)
    }

    @Test("importing a broken scenario changes nothing in the store")
    func brokenImportIsAllOrNothing() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        #expect(try xiangxing("import", demoScenario("nanyang-2019").path, "--db", db).status == 0)
        let broken = try tmp.copy(demoScenario("nanyang-2019"), as: "broken")
        try edit(broken.appendingPathComponent("demand.csv"), line: 3, replacing: "411302", with: "411399")
        let r = try xiangxing("import", broken.path, "--db", db)
        #expect(r.status == 1)
        #expect(r.stderr.contains("demand.csv:3: county"))
        let status = try xiangxing("status", "--db", db)
        #expect(status.status == 0)
        // Still the good scenario: planning it works and schedules all 137.
        let out = tmp.url.appendingPathComponent("v1").path
        let planned = try xiangxing("plan", "--out", out, "--db", db)
        #expect(planned.stdout.contains("已安排 137 项"))
    }

    @Test("explain 41132819900101123X never echoes the ID: it is masked as 411328********123X")
    func explainNeverEchoesAResidentID() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        #expect(try xiangxing("plan", demoScenario("nanyang-2019").path, "--out", tmp.url.appendingPathComponent("v1").path, "--db", db).status == 0)
        for (typed, masked) in [("41132819900101123X", "411328********123X"), ("41132819900101123x", "411328********123X"),
                                ("41132819900101123", "411328*******1123"), ("13812345678", "138****5678")] {
            for lang in ["zh", "en"] {
                let r = try xiangxing("explain", typed, "--db", db, "--lang", lang)
                #expect(r.status == 1)
                #expect(!r.stderr.contains(typed) && !r.stdout.contains(typed), "\(typed) echoed")
                #expect(!r.stderr.uppercased().contains("41132819900101123X"))
                #expect(r.stderr.contains(masked), "\(r.stderr)")
            }
        }
    }

    @Test("with umask 022 the store file is created 0600")
    func theStoreFileIsOwnerOnly() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let r = try xiangxing(umask: "022", "import", demoScenario("nanyang-2019").path, "--db", db)
        #expect(r.status == 0, "\(r.stderr)")
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: db)[.posixPermissions] as? Int)
        #expect(mode == 0o600, "mode \(String(mode, radix: 8))")
    }

    @Test("two replans started at once: one is told another is planning, or runs after it — never two versions from one parent")
    func twoReplansAtOnce() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        #expect(try xiangxing("plan", demoScenario("nanyang-2019").path, "--out", tmp.url.appendingPathComponent("v1").path, "--db", db).status == 0)
        #expect(try xiangxing("unavailable", "--trainer", "T016", "--from", "2019-07-18", "--to", "2019-07-18", "--reason", "病假", "--db", db).status == 0)
        let runs = try concurrently([
            ["replan", "--out", tmp.url.appendingPathComponent("a").path, "--db", db],
            ["replan", "--out", tmp.url.appendingPathComponent("b").path, "--db", db],
        ])
        let ok = runs.filter { $0.status == 0 }, refused = runs.filter { $0.status != 0 }
        #expect(ok.count >= 1)
        #expect(!runs.contains { $0.stdout.contains("由第 1 版重排") && $0.stdout.contains("第 3 版") }, "a sibling of version 2")
        for r in refused {
            #expect(r.stderr.contains("第 2 版正在由") && r.stderr.contains("请稍后再运行"), "\(r.stderr)")
        }
        if ok.count == 2 { #expect(ok.contains { $0.stdout.contains("第 3 版（由第 2 版重排）") }) }
        let status = try xiangxing("status", "--db", db)
        #expect(status.stdout.contains("第 \(1 + ok.count) 版"))
        #expect(!status.stdout.contains("正在排"), "the lease was given back")
    }

    @Test("purge: a withdrawn trainee's ID leaves the store file; status and export give the same counts")
    func purgeKeepsTheCounts() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let v1 = tmp.url.appendingPathComponent("v1").path
        let demo = demoScenario("nanyang-2019")
        #expect(try xiangxing("plan", demo.path, "--out", v1, "--db", db).status == 0)
        // The first seated trainee withdraws; version 2 no longer seats them.
        let id = try #require(try String(contentsOfFile: v1 + "/assignments.csv", encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().first?.split(separator: ",").last.map(String.init))
        let row = try #require(try String(contentsOfFile: demo.path + "/attendees.csv", encoding: .utf8)
            .split(whereSeparator: \.isNewline).first { $0.hasPrefix(id + ",") })
        let kind = String(row.split(separator: ",", omittingEmptySubsequences: false)[6])
        #expect(try xiangxing("withdraw", "--id-number", id, "--kind", kind, "--db", db).status == 0)
        #expect(try xiangxing("replan", "--out", tmp.url.appendingPathComponent("v2").path, "--db", db).status == 0)
        let statusBefore = try xiangxing("status", "--db", db).stdout
        func fileHolds(_ text: String) -> Bool {
            [db, db + "-wal"].contains { FileManager.default.contents(atPath: $0)?.range(of: Data(text.utf8)) != nil }
        }
        #expect(fileHolds(id))

        // Every version before tomorrow except the latest: version 1.
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let c = calendar.dateComponents([.year, .month, .day], from: Date() + 86_400)
        let tomorrow = String(format: "%04d-%02d-%02d", c.year!, c.month!, c.day!)
        let asked = try xiangxing(input: "no\n", "purge", "--before", tomorrow, "--db", db)
        #expect(asked.status == 1 && asked.stdout.contains("将清除") && asked.stdout.contains("确认清除"), "\(asked.stdout)")
        #expect(asked.stderr.contains("未作任何改动") && fileHolds(id))
        let purged = try xiangxing("purge", "--before", tomorrow, "--yes", "--db", db)
        #expect(purged.status == 0, "\(purged.stderr)")
        #expect(purged.stdout.contains("已清除：1 人"), "\(purged.stdout)")
        #expect(!fileHolds(id), "the withdrawn trainee's ID is still in the store file")
        #expect(!purged.stdout.contains(id) && !purged.stderr.contains(id))

        #expect(try xiangxing("status", "--db", db).stdout == statusBefore)
        let again = tmp.url.appendingPathComponent("again").path
        #expect(try xiangxing("export", "--version", "1", "--out", again, "--db", db).status == 0)
        for f in ["plan.csv", "summary.json", "unscheduled.csv"] {
            #expect(FileManager.default.contents(atPath: v1 + "/" + f) == FileManager.default.contents(atPath: again + "/" + f), "\(f)")
        }
        let lines = { (p: String) in try String(contentsOfFile: p + "/assignments.csv", encoding: .utf8).split(whereSeparator: \.isNewline) }
        #expect(try lines(again).count == lines(v1).count)
        #expect(try lines(again).map { $0.split(separator: ",").first } == lines(v1).map { $0.split(separator: ",").first })
    }
}

/// Runs the built binary with `input` on its standard input (and an umask, when given).
private func xiangxing(input: String = "", umask: String? = nil, _ arguments: String...) throws -> Run {
    try run(arguments, input: input, umask: umask)
}

private func run(_ arguments: [String], input: String, umask: String?) throws -> Run {
    try start(arguments, input: input, umask: umask).finish()
}

/// Starts every command at once and waits for all.
private func concurrently(_ commands: [[String]]) throws -> [Run] {
    let started = try commands.map { try start($0, input: "", umask: nil) }
    return try started.map { try $0.finish() }
}

private struct Started {
    let process: Process
    let folder: URL
    func finish() throws -> Run {
        process.waitUntilExit()
        defer { try? FileManager.default.removeItem(at: folder) }
        return Run(status: process.terminationStatus,
                   stdout: try String(contentsOf: folder.appendingPathComponent("stdout"), encoding: .utf8),
                   stderr: try String(contentsOf: folder.appendingPathComponent("stderr"), encoding: .utf8))
    }
}

private func start(_ arguments: [String], input: String, umask: String?) throws -> Started {
    guard let binary = Binary.url else { throw BinaryMissing() }
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-run-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    let out = folder.appendingPathComponent("stdout"), err = folder.appendingPathComponent("stderr")
    let inFile = folder.appendingPathComponent("stdin")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    _ = FileManager.default.createFile(atPath: inFile.path, contents: Data(input.utf8))
    let p = Process()
    if let umask {
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "umask \(umask) && exec \"$0\" \"$@\"", binary.path] + arguments
    } else {
        p.executableURL = binary
        p.arguments = arguments
    }
    p.currentDirectoryURL = packageRoot()
    p.standardInput = try FileHandle(forReadingFrom: inFile)
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    return Started(process: p, folder: folder)
}
