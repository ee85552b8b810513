import Foundation
import Testing
import XiangxingCore
import XiangxingICU
import XiangxingIO

/// A copy of the demo with five mistakes a clerk might make, one per file
/// or line: the reader must report each exactly once, where it is.
@Suite("Reading a broken copy of the demo")
struct BrokenScenarioTests {
    /// The resident ID on attendees.csv line 7 with its last digit changed (check digit 7 → 8).
    static let wrongID = "411302197408266128"

    static func breakDemo(in tmp: borrowing TemporaryFolder) throws -> URL {
        let folder = try tmp.copy(demoScenario("nanyang-2019"), as: "broken")
        func at(_ name: String) -> URL { folder.appendingPathComponent(name) }
        // (1) a stray quote inside an unquoted venue name
        try edit(at("venues.csv"), line: 3, replacing: "宛城区返乡创业孵化园", with: "宛城区\"返乡\"创业孵化园")
        // (2) a county code that does not exist
        try edit(at("demand.csv"), line: 5, replacing: "D004,411302,", with: "D004,411399,")
        // (3) a mistyped resident ID (check digit no longer matches)
        try edit(at("attendees.csv"), line: 7, replacing: "411302197408266127", with: wrongID)
        // (4) an RRULE with a weekday that is not one
        try edit(at("calendars/trainer-T002.ics"), line: 22, replacing: "BYDAY=TH", with: "BYDAY=XX")
        // (5) a demand window running past the 2019 period
        try edit(at("demand.csv"), line: 10, replacing: "2019-06-17,2019-08-16", with: "2019-06-17,2020-01-15")
        return folder
    }

    @Test func eachOfFiveFaultsIsReportedOnceAtItsFileLineAndField() throws {
        let tmp = try TemporaryFolder()
        let folder = try Self.breakDemo(in: tmp)
        let found = problems(ScenarioReader.read(folder: folder))
        let located = found.map { "\($0.file):\($0.line.map(String.init) ?? "-"):\($0.field)" }
        #expect(located.sorted() == [
            "attendees.csv:7:id_number",
            "calendars/trainer-T002.ics:22:RRULE",
            "demand.csv:10:latest",
            "demand.csv:5:county",
            "venues.csv:3:name",
        ], "\(found.map { $0.message(.en) }.joined(separator: "\n"))")
        #expect(found.count == 5)
    }

    @Test func theMessagesSayWhatIsWrongInBothLanguages() throws {
        let tmp = try TemporaryFolder()
        let found = problems(ScenarioReader.read(folder: try Self.breakDemo(in: tmp)))
        func message(_ file: String, _ line: Int) -> InputProblem? { found.first { $0.file == file && $0.line == line } }
        #expect(message("demand.csv", 5)?.message(.zh).contains("411399") == true)
        #expect(message("demand.csv", 5)?.message(.en).contains("unknown county") == true)
        #expect(message("demand.csv", 10)?.message(.en).contains("2020-01-15") == true)
        #expect(message("calendars/trainer-T002.ics", 22)?.message(.en).contains("XX") == true)
        #expect(message("attendees.csv", 7)?.message(.zh).contains("校验位") == true)
        #expect(message("venues.csv", 3)?.message(.zh).hasPrefix("venues.csv:3: name: ") == true)
    }

    @Test func noMessageRevealsTheResidentIDNumber() throws {
        let tmp = try TemporaryFolder()
        let found = problems(ScenarioReader.read(folder: try Self.breakDemo(in: tmp)))
        #expect(!found.isEmpty)
        for p in found {
            for lang in Language.allCases {
                #expect(!p.message(lang).contains(Self.wrongID))
                #expect(!p.message(lang).contains("19740826"), "the birth date is personal data too")
            }
        }
    }

    @Test func aFaultInAChineseHeaderedFileIsNamedByItsChineseHeader() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario("nanyang-2019-gb18030"), as: "broken-gb")
        let demand = folder.appendingPathComponent("demand.csv")
        let text = try #require(TextEncoding.decodeGB18030([UInt8](try Data(contentsOf: demand))).text)
        let changed = text.replacingOccurrences(of: "D002,411327,", with: "D002,社旗,")
        #expect(changed != text)
        try Data(TextEncoding.encodeGB18030(changed)).write(to: demand)
        let found = problems(ScenarioReader.read(folder: folder))
        #expect(found.map { "\($0.file):\($0.line ?? 0):\($0.field)" } == ["demand.csv:3:所属县区"])
    }
}
