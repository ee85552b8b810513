import Foundation
import Testing
import XiangxingIO

/// `xiangxing itinerary` end to end on the demo: plan it, then write every
/// trainer's itinerary.
@Suite("xiangxing itinerary", .enabled(if: Binary.url != nil, Comment(rawValue: Binary.missing)))
struct ItineraryCommandTests {
    static let demo = "scenarios/nanyang-2019"

    /// Plans the demo into `folder/plan` (a few seconds in a debug build).
    static func plan(into folder: URL) throws -> URL {
        let plan = folder.appendingPathComponent("plan")
        let run = try xiangxing("plan", demo, "--out", plan.path, "--time-limit", "20")
        #expect(run.status == 0, "\(run.stderr)")
        return plan
    }

    /// Trainer ids with at least one session in plan.csv, and every trainer id.
    static func trainers(plan: URL) throws -> (booked: Set<String>, all: [String]) {
        let text = try String(contentsOf: plan.appendingPathComponent("plan.csv"), encoding: .utf8)
        var booked = Set<String>()
        for r in CSV.parse(text, file: "plan.csv").records.dropFirst() {
            booked.formUnion(r.fields[6].split(separator: ";").map(String.init))
        }
        let roster = try String(contentsOf: demoScenario("nanyang-2019").appendingPathComponent("trainers.csv"), encoding: .utf8)
        let all = CSV.parse(roster, file: "trainers.csv").records.dropFirst().map { $0.fields[0] }
        return (booked, all)
    }

    @Test func allWritesOneCalendarPerBookedTrainerAndCountsTheIdle() throws {
        let tmp = try TemporaryFolder()
        let plan = try Self.plan(into: tmp.url)
        let out = tmp.url.appendingPathComponent("itineraries")
        let run = try xiangxing("itinerary", Self.demo, plan.path, "--all", "--format", "ics", "--out", out.path)
        #expect(run.status == 0, "\(run.stderr)")
        let (booked, all) = try Self.trainers(plan: plan)
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).sorted()
        #expect(files.count == booked.count)
        #expect(files.allSatisfy { $0.hasSuffix(".ics") })
        #expect(Set(files.map { String($0.prefix { $0 != "-" }) }) == booked)
        #expect(run.stdout.contains("已为 \(booked.count) 位讲师写出行程"))
        #expect(run.stdout.contains("另有 \(all.count - booked.count) 位讲师在本计划中没有任务"))
        // No temporary file is left behind.
        #expect(!files.contains { $0.hasPrefix(".") })

        // Written again from the same plan: the same bytes (DTSTAMP is the plan's time).
        let first = try Data(contentsOf: out.appendingPathComponent(files[0]))
        let again = try xiangxing("itinerary", Self.demo, plan.path, "--all", "--format", "ics", "--out", out.path)
        #expect(again.status == 0)
        #expect(try Data(contentsOf: out.appendingPathComponent(files[0])) == first)

        let text = String(decoding: first, as: UTF8.self)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:2019"))
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
            p.arguments = ["-c", """
                import sys, icalendar
                for name in sys.argv[1:]:
                    cal = icalendar.Calendar.from_ical(open(name, "rb").read())
                    for e in cal.walk("VEVENT"):
                        assert e.decoded("DTSTART") < e.decoded("DTEND"), name
                        assert str(e.get("UID")).endswith("@xiangxing"), name
                """] + files.map { out.appendingPathComponent($0).path }
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "python icalendar could not read every file (is python3-icalendar installed? scripts/setup)")
        }
    }

    @Test func oneTrainerAsTextAndAsPDF() throws {
        let tmp = try TemporaryFolder()
        let plan = try Self.plan(into: tmp.url)
        let (booked, _) = try Self.trainers(plan: plan)
        let id = try #require(booked.sorted().first)
        let out = tmp.url.appendingPathComponent("one")
        let txt = try xiangxing("itinerary", Self.demo, plan.path, "--trainer", id, "--format", "txt", "--out", out.path)
        #expect(txt.status == 0, "\(txt.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path)
        #expect(files.count == 1 && files[0].hasPrefix("\(id)-") && files[0].hasSuffix(".txt"))
        let text = try String(contentsOf: out.appendingPathComponent(files[0]), encoding: .utf8)
        #expect(text.hasPrefix("讲师行程表 — "))
        #expect(text.contains("年") && text.contains("（星期"))

        let pdf = try xiangxing("itinerary", Self.demo, plan.path, "--trainer", id, "--out", out.path)
        #expect(pdf.status == 0, "\(pdf.stderr)")
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent(files[0].replacingOccurrences(of: ".txt", with: ".pdf")).path))
    }

    @Test func anUnknownTrainerIsAnErrorThatSaysWhereIDsAre() throws {
        let tmp = try TemporaryFolder()
        let plan = try Self.plan(into: tmp.url)
        let out = tmp.url.appendingPathComponent("none")
        let run = try xiangxing("itinerary", Self.demo, plan.path, "--trainer", "T999", "--out", out.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("未知讲师“T999”"))
        #expect(run.stderr.contains("trainers.csv"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
    }

    @Test func trainerAndAllTogetherIsAUsageError() throws {
        let run = try xiangxing("itinerary", Self.demo, "plan-out", "--trainer", "T001", "--all", "--out", "/tmp/never")
        #expect(run.status != 0)
        #expect(run.stderr.contains("--trainer") && run.stderr.contains("--all"))
    }

    /// plan.csv rows as fields.
    static func rows(_ folder: String) throws -> [[String]] {
        CSV.parse(try String(contentsOfFile: folder + "/plan.csv", encoding: .utf8), file: "plan.csv").records.dropFirst().map(\.fields)
    }

    @Test("the office's loop: a closed venue reaches the class's people, a trainer taken off a class finds it cancelled on the phone")
    func closedVenueAndCancelledEngagementThroughTheStore() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let v1 = tmp.url.appendingPathComponent("v1").path, v2 = tmp.url.appendingPathComponent("v2").path
        let v3 = tmp.url.appendingPathComponent("v3").path
        #expect(try xiangxing("import", demoScenario("nanyang-2019").path, "--db", db).status == 0)
        #expect(try xiangxing("plan", "--out", v1, "--db", db).status == 0)

        // A 唐河县 class and its venue, closed on the class's days.
        let before = try Self.rows(v1)
        let target = try #require(before.first { $0[1] == "class" && $0[3] == "411328" && (Int($0[9]) ?? 0) > 0 })
        let days = target[5].split(separator: ";").map(String.init)
        #expect(try xiangxing("close-venue", "--venue", target[4], "--from", days.first!, "--to", days.last!, "--reason", "装修", "--db", db).status == 0)
        #expect(try xiangxing("replan", "--out", v2, "--db", db).status == 0)
        let moved = try #require(try Self.rows(v2).first { $0[0] == target[0] })
        #expect(moved[4] != target[4] || moved[5] != target[5])

        let lists = tmp.url.appendingPathComponent("lists")
        let notify = try xiangxing("diff", "1", "2", "--notify", "--out", lists.path, "--db", db)
        #expect(notify.status == 0, "\(notify.stderr)")
        let csv = lists.appendingPathComponent("通知名单-唐河县-含个人信息.csv")
        let bytes = try Data(contentsOf: csv)
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])  // BOM: Excel reads UTF-8
        let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
        #expect(text.hasPrefix("序号,县区,姓名,联系电话"))
        let people = text.split(separator: "\r\n").count - 1
        #expect(people >= Int(target[9])!)
        #expect(notify.stdout.contains("唐河县：需通知学员 \(people) 人"))
        #expect(FileManager.default.fileExists(atPath: lists.appendingPathComponent("通知名单-唐河县-含个人信息.txt").path))
        #expect(text.contains("****"))
        // Even masked, the lists name people: owner-only; a clerk's own file in the folder stays.
        let maskedMode = try FileManager.default.attributesOfItem(atPath: csv.path)[.posixPermissions] as? Int
        #expect(maskedMode == 0o600)
        try Data("回执".utf8).write(to: lists.appendingPathComponent("回执.txt"))
        #expect(try xiangxing("diff", "1", "2", "--notify", "--out", lists.path, "--db", db).status == 0)
        #expect(FileManager.default.fileExists(atPath: lists.appendingPathComponent("回执.txt").path))
        let summary = try xiangxing("diff", "1", "2", "--db", db)
        #expect(summary.stdout.contains("唐河县：") && !summary.stdout.contains("唐河县：变动 1 个场次，需通知学员 0 人"))

        let full = tmp.url.appendingPathComponent("full")
        let unmasked = try xiangxing("diff", "1", "2", "--notify", "--unmasked", "--out", full.path, "--db", db)
        #expect(unmasked.status == 0)
        #expect(unmasked.stderr.contains("不得张贴或外传"))
        let mode = try FileManager.default.attributesOfItem(atPath: full.appendingPathComponent("通知名单-唐河县-含个人信息.csv").path)[.posixPermissions] as? Int
        #expect(mode == 0o600)

        // The trainer of a class falls ill on its days; after the re-plan the class is someone else's.
        let current = try Self.rows(v2)
        let ill = try #require(current.first { $0[1] == "class" && $0[6].split(separator: ";").count == 1 })
        let illDays = ill[5].split(separator: ";").map(String.init)
        #expect(try xiangxing("unavailable", "--trainer", ill[6], "--from", illDays.first!, "--to", illDays.last!, "--reason", "病假", "--db", db).status == 0)
        #expect(try xiangxing("replan", "--out", v3, "--db", db).status == 0)
        let after = try #require(try Self.rows(v3).first { $0[0] == ill[0] })
        #expect(!after[6].split(separator: ";").contains(Substring(ill[6])))

        let trips = tmp.url.appendingPathComponent("trips")
        let ics = try xiangxing("itinerary", "--all", "--format", "ics", "--db", db, "--out", trips.path)
        #expect(ics.status == 0, "\(ics.stderr)")
        let file = try #require(try FileManager.default.contentsOfDirectory(atPath: trips.path).first { $0.hasPrefix(ill[6] + "-") })
        let calendar = try String(contentsOf: trips.appendingPathComponent(file), encoding: .utf8)
        let uid = "UID:\(ill[0]).\(ill[6])@xiangxing"
        let event = try #require(calendar.components(separatedBy: "BEGIN:VEVENT").first { $0.contains(uid) })
        #expect(event.contains("STATUS:CANCELLED"))
        #expect(calendar.contains("X-WR-CALDESC:"))
        #expect(calendar.contains("排课计划第3版"))

        // The same cancellation in the text, and from the v3 folder (the store holds it).
        let txt = try xiangxing("itinerary", demoScenario("nanyang-2019").path, v3, "--trainer", ill[6], "--format", "txt", "--db", db, "--out", trips.path)
        #expect(txt.status == 0, "\(txt.stderr)")
        let paper = try String(contentsOf: trips.appendingPathComponent(file.replacingOccurrences(of: ".ics", with: ".txt")), encoding: .utf8)
        #expect(paper.contains("排课计划第3版"))
        #expect(paper.contains("已取消：") && paper.contains(ill[0]))
        #expect(paper.contains("打印于 "))
    }
}
