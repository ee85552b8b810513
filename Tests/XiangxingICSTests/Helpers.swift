import Foundation
import XiangxingCore
@testable import XiangxingICS

/// `day("2019-03-05")`.
func day(_ iso: String) -> Day { Day(iso: iso)! }

func days(_ isos: String...) -> Set<Day> { Set(isos.map(day)) }

/// Wraps VEVENT lines in a VCALENDAR, so line 4 is the first event line.
func calendar(_ body: String) -> String {
    "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//Xiangxing tests//EN\n" + body + "\nEND:VCALENDAR\n"
}

func blocked(_ body: String, from: String = "2019-01-01", through: String = "2019-12-31")
    -> (days: Set<Day>, problems: [InputProblem])
{
    AvailabilityCalendar.blockedDays(ics: calendar(body), file: "calendars/test.ics", from: day(from), through: day(through))
}

func fixture(_ name: String, file: String = #filePath) -> String {
    let folder = file.split(separator: "/", omittingEmptySubsequences: false).dropLast().joined(separator: "/")
    return try! String(contentsOfFile: folder + "/Fixtures/" + name, encoding: .utf8)
}
