import Foundation
import Testing
import XiangxingCore
@testable import XiangxingICS

@Suite struct MilestonesFeedTests {
    static let milestones = [
        Milestone(id: "2019-report-09", kind: .deadline, first: day("2019-10-05"), due: day("2019-10-08"),
                  title: "9月返乡创业情况统计表报送", unit: "各县（市、区）人社局", note: "次月5日前，遇节假日顺延"),
        Milestone(id: "2019-village-tour", kind: .period, first: day("2019-09-02"), last: day("2019-09-30"),
                  title: "创业讲师乡村行", unit: "市人社局就业促进办公室、各县（市、区）人社局"),
    ]
    /// 2019-09-01T00:00Z.
    static let revised = 1_567_296_000

    @Test func pythonICalendarReadsAllDayEventsWithStableUIDsAndTheUnit() throws {
        let script = """
        import sys, json
        try:
            import icalendar
        except ImportError:
            print(json.dumps({"missing": True})); sys.exit(0)
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        out = {"missing": False, "calname": str(cal.get("X-WR-CALNAME")), "events": []}
        for e in cal.walk("VEVENT"):
            s, t = e.decoded("DTSTART"), e.decoded("DTEND")
            out["events"].append({"uid": str(e.get("UID")), "summary": str(e.get("SUMMARY")),
                "description": str(e.get("DESCRIPTION")), "start": s.isoformat(), "end": t.isoformat(),
                "allDay": type(s).__name__ == "date" and type(t).__name__ == "date"})
        print(json.dumps(out, ensure_ascii=False))
        """
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            Issue.record("/usr/bin/python3 is missing: run scripts/setup"); return
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script]
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(MilestonesFeed.text(Self.milestones, revised: Self.revised).utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        if json["missing"] as? Bool == true { Issue.record("python3-icalendar is not installed: run scripts/setup"); return }
        #expect(json["calname"] as? String == "乡行 里程碑")
        let events = try #require(json["events"] as? [[String: Any]])
        #expect(events.count == 2)
        // The moved deadline sits on its new day; RFC 5545's DTEND is the day after.
        #expect(events[0]["uid"] as? String == "2019-report-09@milestones.xiangxing")
        #expect(events[0]["start"] as? String == "2019-10-08" && events[0]["end"] as? String == "2019-10-09")
        #expect(events[0]["allDay"] as? Bool == true)
        let description = try #require(events[0]["description"] as? String)
        #expect(description.contains("责任单位：各县（市、区）人社局"))
        #expect(description.contains("原定 2019-10-05"))
        #expect(events[1]["start"] as? String == "2019-09-02" && events[1]["end"] as? String == "2019-10-01")
        #expect((events[1]["description"] as? String)?.contains("市人社局就业促进办公室") == true)
    }

    @Test func aMovedDateKeepsItsUIDAndALaterFileHasAHigherSequence() {
        var moved = Self.milestones
        moved[0].first = day("2019-10-07"); moved[0].due = day("2019-10-08")
        let a = MilestonesFeed.calendar(Self.milestones, revised: Self.revised)
        let b = MilestonesFeed.calendar(moved, revised: Self.revised + 60)
        #expect(a.events.map(\.uid) == b.events.map(\.uid))
        #expect(b.events[0].sequence > a.events[0].sequence)
        #expect(MilestonesFeed.text(Self.milestones, revised: Self.revised) == MilestonesFeed.text(Self.milestones, revised: Self.revised))
    }
}
