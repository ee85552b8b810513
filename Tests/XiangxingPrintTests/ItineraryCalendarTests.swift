import Foundation
import Testing
import XiangxingCore
import XiangxingPrint

/// Reads an .ics with Python's `icalendar` (Debian python3-icalendar), an
/// RFC 5545 parser independent of libical.
enum PythonICalendar {
    static let python = "/usr/bin/python3"
    static let available: Bool = (try? run("import icalendar", input: "")) != nil
    static let missing = "/usr/bin/python3 has no icalendar module: run scripts/setup (installs python3-icalendar)"

    struct Calendar: Decodable {
        var version: String, prodid: String, calname: String
        var events: [Event]
    }
    struct Event: Decodable {
        var uid: String, summary: String, location: String, description: String
        var start: String, end: String, allDay: Bool, stamp: String, sequence: Int
        var status: String
    }

    static let script = """
    import sys, json, icalendar
    cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
    out = {"version": str(cal.get("VERSION")), "prodid": str(cal.get("PRODID")),
           "calname": str(cal.get("X-WR-CALNAME")), "events": []}
    for e in cal.walk("VEVENT"):
        s, t = e.decoded("DTSTART"), e.decoded("DTEND")
        out["events"].append({"uid": str(e.get("UID")), "summary": str(e.get("SUMMARY")),
            "location": str(e.get("LOCATION")), "description": str(e.get("DESCRIPTION")),
            "start": s.isoformat(), "end": t.isoformat(),
            "allDay": type(s).__name__ == "date" and type(t).__name__ == "date",
            "stamp": e.decoded("DTSTAMP").isoformat(), "sequence": int(e.get("SEQUENCE")),
            "status": str(e.get("STATUS", ""))})
    print(json.dumps(out, ensure_ascii=False))
    """

    static func parse(_ ics: String) throws -> Calendar {
        try JSONDecoder().decode(Calendar.self, from: Data(try run(script, input: ics).utf8))
    }

    struct Failed: Error, CustomStringConvertible { var description: String }

    static func run(_ code: String, input: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: python)
        p.arguments = ["-c", code]
        let stdin = Pipe(), stdout = Pipe(), stderr = Pipe()
        p.standardInput = stdin; p.standardOutput = stdout; p.standardError = stderr
        try p.run()
        stdin.fileHandleForWriting.write(Data(input.utf8))
        try stdin.fileHandleForWriting.close()
        let out = stdout.fileHandleForReading.readDataToEndOfFile()
        let err = stderr.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Failed(description: String(decoding: err, as: UTF8.self)) }
        return String(decoding: out, as: UTF8.self)
    }
}

@Suite struct ItineraryCalendarTests {
    typealias F = ItineraryFixtures
    /// 2019-09-01T08:30:00Z and a day later.
    static let revised = 1_567_326_600, later = 1_567_326_600 + 86_400

    @Test func oneAllDayEventPerEngagementWithStableUIDsAndChineseText() throws {
        let it = F.single
        let text = try ItineraryCalendar.text(it, revised: Self.revised)
        #expect(text.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:"))
        #expect(text.components(separatedBy: "BEGIN:VEVENT").count - 1 == it.engagements.count)
        #expect(text.contains("UID:D050-1.T001@xiangxing\r\n"))
        #expect(text.contains("DTSTART;VALUE=DATE:20190916\r\nDTEND;VALUE=DATE:20190921\r\n"))
        // The class that skips a weekend is one event from Friday through Tuesday.
        #expect(text.contains("DTSTART;VALUE=DATE:20190906\r\nDTEND;VALUE=DATE:20190911\r\n"))
        #expect(text.contains("DTSTAMP:20190901T083000Z\r\n"))
        #expect(text.contains("SEQUENCE:\(Self.revised - 946_684_800)\r\n"))
        #expect(text.contains("X-WR-CALNAME:单志刚 讲师行程（T001）\r\n"))
        #expect(!text.contains("TZID"))
    }

    @Test func theSamePlanWrittenTwiceIsTheSameFile() throws {
        let a = try ItineraryCalendar.text(F.single, revised: Self.revised)
        let b = try ItineraryCalendar.text(Itinerary(trainer: "T001", plan: F.handMadePlan(), index: F.index)!, revised: Self.revised)
        #expect(a == b)
    }

    @Test(.enabled(if: PythonICalendar.available, Comment(rawValue: PythonICalendar.missing)))
    func pythonICalendarReadsTheRightDatesUIDsAndChineseSummaries() throws {
        let it = F.single
        let cal = try PythonICalendar.parse(try ItineraryCalendar.text(it, revised: Self.revised))
        #expect(cal.version == "2.0")
        #expect(cal.prodid == "-//Xiangxing//Trainer itinerary//ZH")
        #expect(cal.calname == "单志刚 讲师行程（T001）")
        #expect(cal.events.count == 4)
        for (event, e) in zip(cal.events, it.engagements) {
            #expect(event.allDay)
            #expect(event.start == e.first.iso)
            #expect(event.end == e.last.advanced(by: 1).iso)
            #expect(event.uid == "\(e.sessionID).T001@xiangxing")
            #expect(event.summary == "\(e.kindName) · \(e.county.name)（\(e.sessionID)）")
            #expect(event.location == "\(e.venueName), \(e.venueAddress)")
            #expect(event.stamp == "2019-09-01T08:30:00+00:00")
        }
        #expect(cal.events[1].summary == "创业能力提升培训 · 唐河县（D050-1）")
        #expect(cal.events[1].description.contains("同行讲师：曾晓梅"))
        #expect(cal.events[1].description.contains("去程：南召县 → 唐河县，"))
        #expect(cal.events[0].description.contains("授课日：9月6日（周五）、9月9日（周一）、9月10日（周二）"))
        #expect(cal.events[2].description.contains("续往本组下一站"))
    }

    @Test(.enabled(if: PythonICalendar.available, Comment(rawValue: PythonICalendar.missing)))
    func aMovedClassKeepsItsUIDWithNewDatesAndAHigherSequence() throws {
        let before = try PythonICalendar.parse(try ItineraryCalendar.text(F.single, revised: Self.revised))
        let moved = Itinerary(trainer: "T001", index: F.index,
                              plan: F.handMadePlan(capabilityDates: F.days("2019-10-14", "2019-10-15", "2019-10-16", "2019-10-17", "2019-10-18")))
        let after = try PythonICalendar.parse(try ItineraryCalendar.text(moved, revised: Self.later))
        #expect(Set(before.events.map(\.uid)) == Set(after.events.map(\.uid)))
        let old = try #require(before.events.first { $0.uid == "D050-1.T001@xiangxing" })
        let new = try #require(after.events.first { $0.uid == "D050-1.T001@xiangxing" })
        #expect(old.start == "2019-09-16" && old.end == "2019-09-21")
        #expect(new.start == "2019-10-14" && new.end == "2019-10-19")
        #expect(new.sequence > old.sequence)
        #expect(new.stamp > old.stamp)
    }

    @Test(.enabled(if: PythonICalendar.available, Comment(rawValue: PythonICalendar.missing)))
    func everyDemoItineraryParsesWithOneEventPerEngagement() throws {
        for it in Itinerary.all(plan: F.demoPlan, index: F.index) where !it.engagements.isEmpty {
            let cal = try PythonICalendar.parse(try ItineraryCalendar.text(it, revised: Self.revised))
            #expect(cal.events.map(\.uid) == it.engagements.map { "\($0.sessionID).\(it.trainer.id)@xiangxing" })
            #expect(cal.events.map(\.start) == it.engagements.map(\.first.iso))
            #expect(Set(cal.events.map(\.uid)).count == cal.events.count)
        }
    }
}

extension Itinerary {
    /// Argument order that reads well in a test.
    init(trainer: String, index: ScenarioIndex, plan: Plan) {
        self.init(trainer: trainer, plan: plan, index: index)!
    }
}
