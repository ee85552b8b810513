import Foundation
import Testing
import XiangxingCore
import XiangxingIO

@Suite("Reading the demo scenarios")
struct ScenarioReaderTests {
    @Test func nanyang2019HasTheInventoryItsREADMEPromises() throws {
        let s = try loaded(ScenarioReader.read(folder: demoScenario("nanyang-2019"))).scenario
        #expect(s.counties.count == 17)
        #expect(s.kinds.count == 4)
        #expect(s.venues.count == 47)
        #expect(s.trainers.count == 60)
        #expect(s.demands.count == 55)
        #expect(s.demands.reduce(0) { $0 + $1.classes } == 112)
        #expect(s.tours.count == 2)
        #expect(s.stops.count == 25)
        #expect(s.stops.reduce(0) { $0 + $1.mentees } == 7200)
        #expect(s.attendees?.count == 3491)
        #expect(Set(s.attendees?.map(\.idNumber) ?? []).count == 3386)
        #expect(s.settings.period == day("2019-01-01")...day("2019-12-31"))
        #expect(s.settings.maxEveningTravelMinutes == 150)
    }

    @Test func nanyang2019KnowsTangheCountyAndReadsEveryFileAsUTF8() throws {
        let l = try loaded(ScenarioReader.read(folder: demoScenario("nanyang-2019")))
        let tanghe = try #require(l.scenario.counties.first { $0.code == "411328" })
        #expect(tanghe.name == "唐河县")
        #expect(Set(l.encodings.values) == [.utf8])
        #expect(l.encodings["attendees.csv"] == .utf8)
        #expect(l.holidayFile.lastPathComponent == "cn-public-holidays.ics")
    }

    @Test func aTrainersCalendarBlocksItsEventsButNotItsExceptions() throws {
        let s = try loaded(ScenarioReader.read(folder: demoScenario("nanyang-2019"))).scenario
        #expect(s.trainers.filter { !$0.blocked.isEmpty }.count == 40)
        // T002 (陶明): Thursday teaching from 2019-02-28, an extra RDATE on
        // Sunday 2019-04-28, no class on 2019-05-02 (EXDATE), exams 06-24…28.
        let t002 = try #require(s.trainers.first { $0.id == "T002" })
        #expect(t002.name == "陶明")
        #expect(t002.homeCounty == "NY-YH")
        #expect(t002.qualifications == ["awareness", "village-tour"])
        for blocked in ["2019-02-28", "2019-03-07", "2019-04-28", "2019-06-24", "2019-06-28", "2019-09-05"] {
            #expect(t002.blocked.contains(day(blocked)), "T002 should be blocked on \(blocked)")
        }
        for free in ["2019-02-27", "2019-05-02", "2019-06-29", "2019-10-03"] {
            #expect(!t002.blocked.contains(day(free)), "T002 should be free on \(free)")
        }
    }

    @Test func theHolidayCalendarMakesSeptember29AWorkingDayAndOctober1AHoliday() throws {
        let h = try loaded(ScenarioReader.read(folder: demoScenario("nanyang-2019"))).scenario.holidays
        #expect(h.isAdjustedWorkday(day("2019-09-29")))
        #expect(h.isWorkingDay(day("2019-09-29")))          // a Sunday worked (调休上班)
        #expect(h.isOfficialHoliday(day("2019-10-01")))
        #expect(!h.isWorkingDay(day("2019-10-07")))
        #expect(h.isWorkingDay(day("2019-10-12")))          // a Saturday worked
        #expect(!h.isWorkingDay(day("2019-10-13")))         // an ordinary Sunday
    }

    @Test func theGB18030SampleIsReadWithChineseHeadersAndCountyNames() throws {
        let l = try loaded(ScenarioReader.read(folder: demoScenario("nanyang-2019-gb18030")))
        let s = l.scenario
        #expect(l.encodings.count == 7)
        #expect(Set(l.encodings.values) == [.gb18030])
        #expect(s.settings.name == "唐河县、桐柏县、社旗县2019年创业培训（GB18030样例）")
        #expect(s.counties.map(\.code) == ["411328", "411330", "411327"])
        #expect(s.counties.map(\.name) == ["唐河县", "桐柏县", "社旗县"])
        let awareness = try #require(s.kinds.first { $0.code == "awareness" })
        #expect(awareness.category == .training && awareness.weekends && awareness.days == 3)
        #expect(s.kinds.first { $0.code == "village-tour" }?.category == .mentoring)
        #expect(s.venues.map(\.seats) == [80, 50, 60, 30, 60, 40])
        #expect(s.trainers.count == 8)
        #expect(s.trainers.first { $0.id == "T006" }?.qualifications == ["awareness", "capability", "service"])
        #expect(s.demands.map(\.county) == ["411328", "411327", "411330"])
        let attendees = try #require(s.attendees)
        #expect(attendees.count == 60)
        // attendees.csv writes county names (唐河县); the reader turns them into codes.
        #expect(Set(attendees.map(\.county)) == ["411328", "411330", "411327"])
        #expect(attendees.filter { $0.county == "411328" && $0.kind == "awareness" }.count == 24)
        #expect(attendees.filter { $0.county == "411327" && $0.kind == "capability" }.count == 21)
        #expect(attendees.filter { $0.county == "411330" && $0.kind == "service" }.count == 15)
        let shanXiong = try #require(attendees.first { $0.name == "单雄" })
        #expect(shanXiong.county == "411328")
        #expect(shanXiong.gender == .male)
        #expect(shanXiong.pinyin == "Shan Xiong")
        #expect(shanXiong.idNumber == "41132819681201481X")
    }

    @Test func aFolderThatDoesNotExistIsOneProblem() {
        let p = problems(ScenarioReader.read(folder: URL(fileURLWithPath: "/nonexistent-\(UUID().uuidString)")))
        #expect(p.count == 1)
    }

    @Test func theDemoScenariosHaveNoWarnings() throws {
        for name in ["nanyang-2019", "nanyang-2019-gb18030"] {
            #expect(try loaded(ScenarioReader.read(folder: demoScenario(name))).warnings.isEmpty)
        }
    }

    @Test func aWarningLetsTheScenarioLoadAndIsHandedBackWithItsLine() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario("nanyang-2019"), as: "typo")
        try edit(folder.appendingPathComponent("scenario.csv"), line: 8, replacing: "road_kmh", with: "raod_kmh")
        let l = try loaded(ScenarioReader.read(folder: folder))
        #expect(l.warnings.map { $0.message(.en) } == [
            "scenario.csv:8: key: warning: unknown setting \"raod_kmh\" is ignored (did you mean road_kmh?) — write road_kmh, or the default is used",
        ])
        #expect(l.scenario.trainers.count == 60)
    }

    @Test func addingAttendeesFromAWorkbookSaysToSaveItAsCSV() throws {
        let s = try loaded(ScenarioReader.read(folder: demoScenario("nanyang-2019-gb18030"))).scenario
        let tmp = try TemporaryFolder()
        let file = tmp.url.appendingPathComponent("唐河县-补报名.xlsx")
        try Data([0x50, 0x4B, 0x03, 0x04]).write(to: file)
        guard case .failure(let all) = ScenarioReader.readAttendees(file: file, against: s) else {
            Issue.record("a workbook was read"); return
        }
        #expect(all.problems.map(\.file) == ["唐河县-补报名.xlsx"])
        #expect(all.problems.first?.remedy.zh.contains("CSV UTF-8") == true)
    }
}
