import Foundation
import Testing
import XiangxingCore
import XiangxingICS

@Suite struct ICSWriterTests {
    static let address = "唐河县滨河街道建设东路与文峰路交叉口向东200米路北人力资源和社会保障局三楼"
    static let event = AllDayEvent(
        uid: "D07-2.T012@xiangxing", first: day("2019-09-12"), last: day("2019-09-18"),
        summary: "创业能力提升培训 · 唐河县（D07-2）",
        location: "唐河县就业训练中心, " + address,
        description: "授课日：9月12日（周四）、9月16日（周一）\n同行讲师：李秀英; 王建国\\备注",
        categories: ["创业能力提升培训", "乡行, 南阳"], sequence: 620_000_000)
    static let calendar = PublishedCalendar(name: "赵永强, 讲师行程", revised: 1_567_326_600, events: [
        event,
        AllDayEvent(uid: "XCX-2019-09@411328.T012@xiangxing", first: day("2019-09-23"), last: day("2019-09-23"),
                    summary: "创业讲师乡村行 · 唐河县（XCX-2019-09@411328）"),
    ])

    /// Physical lines, split on CRLF.
    static func lines(_ text: String) -> [String] {
        var lines = text.components(separatedBy: "\r\n")
        if lines.last == "" { lines.removeLast() }
        return lines
    }

    @Test func aCalendarHasVersionProdIDAndOneAllDayVEventPerEvent() {
        let text = ICSWriter.text(Self.calendar)
        let lines = Self.lines(text)
        #expect(lines.prefix(3) == ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:\(ICSWriter.productID)"])
        #expect(lines.last == "END:VCALENDAR")
        #expect(lines.filter { $0 == "BEGIN:VEVENT" }.count == 2)
        // DTEND is exclusive: the day after the last.
        #expect(lines.contains("DTSTART;VALUE=DATE:20190912") && lines.contains("DTEND;VALUE=DATE:20190919"))
        #expect(lines.contains("DTSTART;VALUE=DATE:20190923") && lines.contains("DTEND;VALUE=DATE:20190924"))
        #expect(lines.filter { $0 == "DTSTAMP:20190901T083000Z" }.count == 2)
        #expect(lines.contains("SEQUENCE:620000000"))
        #expect(lines.contains("UID:XCX-2019-09@411328.T012@xiangxing"))
        // libical does not escape `,` in X-properties: the writer makes it full-width.
        #expect(lines.contains("X-WR-CALNAME:赵永强， 讲师行程"))
        #expect(lines.contains("CATEGORIES:乡行， 南阳"))
    }

    @Test func linesEndInCRLFAndAreFoldedAtSeventyFiveOctetsBetweenCharacters() {
        let text = ICSWriter.text(Self.calendar)
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        for line in Self.lines(text) {
            #expect(line.utf8.count <= 75, "\(line.utf8.count) octets: \(line)")
        }
        // Unfolding gives back the escaped LOCATION (each fold is valid UTF-8).
        let unfolded = text.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("LOCATION:唐河县就业训练中心\\, " + Self.address + "\r\n"))
    }

    @Test func theSameCalendarIsWrittenByteForByteTheSame() {
        #expect(ICSWriter.text(Self.calendar) == ICSWriter.text(Self.calendar))
    }

    @Test func ourOwnReaderBlocksExactlyTheEventsDays() {
        let (blocked, problems) = AvailabilityCalendar.blockedDays(
            ics: ICSWriter.text(Self.calendar), file: "out.ics", from: day("2019-09-01"), through: day("2019-09-30"))
        #expect(problems.isEmpty)
        #expect(blocked == Set((12...18).map { day("2019-09-\($0)") } + [day("2019-09-23")]))
    }

    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/python3")))
    func pythonICalendarReadsBackEveryTextField() throws {
        let script = """
        import sys, json
        try:
            import icalendar
        except ImportError:
            print(json.dumps({"missing": True})); sys.exit(0)
        cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
        e = cal.walk("VEVENT")[0]
        print(json.dumps({"missing": False, "calname": str(cal.get("X-WR-CALNAME")),
            "summary": str(e.get("SUMMARY")), "location": str(e.get("LOCATION")),
            "description": str(e.get("DESCRIPTION")),
            "categories": [str(c) for p in e.get("CATEGORIES") for c in p.cats],
            "start": e.decoded("DTSTART").isoformat(), "end": e.decoded("DTEND").isoformat(),
            "events": len(cal.walk("VEVENT"))}, ensure_ascii=False))
        """
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", script]
        let input = Pipe(), output = Pipe()
        p.standardInput = input; p.standardOutput = output
        try p.run()
        input.fileHandleForWriting.write(Data(ICSWriter.text(Self.calendar).utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        if json["missing"] as? Bool == true {
            Issue.record("python3-icalendar is not installed: run scripts/setup")
            return
        }
        #expect(json["calname"] as? String == "赵永强， 讲师行程")
        #expect(json["summary"] as? String == Self.event.summary)
        #expect(json["location"] as? String == Self.event.location)
        #expect(json["description"] as? String == Self.event.description)
        #expect(json["categories"] as? [String] == ["创业能力提升培训", "乡行， 南阳"])
        #expect(json["start"] as? String == "2019-09-12" && json["end"] as? String == "2019-09-19")
        #expect(json["events"] as? Int == 2)
    }
}
