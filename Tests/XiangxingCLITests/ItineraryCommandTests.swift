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
}
