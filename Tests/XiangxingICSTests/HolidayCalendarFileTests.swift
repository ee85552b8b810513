import Foundation
import Testing
import XiangxingCore
@testable import XiangxingICS

@Suite struct HolidayCalendarFileTests {
    @Test func nationalDayExcerptGivesDaysOffAndAdjustedWorkdays() {
        let r = HolidayCalendarFile.read(ics: fixture("cn-holidays-2019-excerpt.ics"), file: "cn-public-holidays.ics")
        #expect(r.problems.isEmpty)
        let c = r.calendar
        #expect(c.isWorkingDay(day("2019-09-29")))   // 调休 Sunday
        #expect(!c.isWorkingDay(day("2019-10-01")))
        #expect(!c.isWorkingDay(day("2019-10-07")))
        #expect(c.isWorkingDay(day("2019-10-08")))
        #expect(c.isWorkingDay(day("2019-10-12")))   // 调休 Saturday, by DURATION
        #expect(!c.isWorkingDay(day("2019-10-13")))  // plain Sunday
        #expect(c.holidays.count == 1 + 7)
        #expect(c.workdays.keys.sorted() == [day("2019-09-29"), day("2019-10-12")])
        #expect(c.holidays[day("2019-10-01")] == "国庆节")
        #expect(c.holidays[day("2019-09-13")] == "中秋节")
        #expect(c.workdays[day("2019-09-29")] == "国庆节")
    }

    /// The project's calendars/cn-public-holidays.ics, read as the planner reads it.
    static let national: HolidayCalendar = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        let path = dir.appendingPathComponent("calendars/cn-public-holidays.ics").path
        return HolidayCalendarFile.read(ics: try! String(contentsOfFile: path, encoding: .utf8), file: "cn-public-holidays.ics").calendar
    }()

    /// 国办发明电〔2023〕7号: "五、端午节：6月10日放假，与周末连休。" Only Monday
    /// 10 June is an official day off; 8–9 June are an ordinary weekend, so a
    /// kind that teaches on weekends may use them and one that does not may not.
    @Test func duanwu2024IsMondayTheTenthAloneAndTheWeekendBeforeIsAnOrdinaryWeekend() {
        let c = Self.national
        #expect(c.isOfficialHoliday(day("2024-06-10")))
        #expect(c.holidays[day("2024-06-10")] == "端午节")
        #expect(!c.isOfficialHoliday(day("2024-06-08")))
        #expect(!c.isOfficialHoliday(day("2024-06-09")))
        #expect(!c.isWorkingDay(day("2024-06-08")))   // still a Saturday off work
        let county = "411328"
        let june = TeachingCalendar(period: day("2024-06-01")...day("2024-06-30"), holidays: c, blackouts: [], counties: [county])
        #expect(june.isTeachingDay(day("2024-06-08"), weekends: true, county: county))
        #expect(june.isTeachingDay(day("2024-06-09"), weekends: true, county: county))
        #expect(june.whyNot(day("2024-06-10"), weekends: true, county: county) == .officialHoliday("端午节"))
        #expect(!june.isTeachingDay(day("2024-06-08"), weekends: false, county: county))
        // A three-day class of a weekend kind starting Friday 7 June runs Fri, Sat, Sun.
        #expect(june.run(from: day("2024-06-07"), count: 3, weekends: true, county: county)
                == [day("2024-06-07"), day("2024-06-08"), day("2024-06-09")])
    }

    /// The same wording elsewhere: 2024 元旦 "1月1日放假，与周末连休" (30–31 Dec 2023
    /// a weekend), 2019 清明、端午、中秋; and a 放假 range that names a weekend
    /// day keeps it (2019 元旦 2018-12-30, 2023 元旦 2022-12-31, 2025 端午 5月31日).
    @Test func everyYearRecordsOnlyTheDaysItsNoticeNamesAsDaysOff() {
        let c = Self.national
        for iso in ["2023-12-30", "2023-12-31", "2019-04-06", "2019-04-07", "2019-06-08", "2019-06-09", "2019-09-14", "2019-09-15"] {
            #expect(!c.isOfficialHoliday(day(iso)), "\(iso)")
        }
        for iso in ["2024-01-01", "2019-04-05", "2019-06-07", "2019-09-13", "2018-12-30", "2022-12-31", "2025-05-31", "2026-02-15"] {
            #expect(c.isOfficialHoliday(day(iso)), "\(iso)")
        }
        #expect(c.isAdjustedWorkday(day("2024-02-18")))
        #expect(!c.isOfficialHoliday(day("2024-02-09")))  // 除夕 2024: only encouraged
        // 2024 as the notice gives it: 1 + 8 + 3 + 5 + 1 + 3 + 7 days off, 8 weekend days worked.
        let in2024 = c.holidays.keys.filter { $0.year == 2024 }
        #expect(in2024.count == 28)
        #expect(c.workdays.keys.filter { $0.year == 2024 }.count == 8)
    }

    @Test func inconsistentEntriesAreLocatedProblems() {
        let text = calendar("""
            BEGIN:VEVENT
            UID:no-category
            DTSTART;VALUE=DATE:20191001
            SUMMARY:国庆节
            END:VEVENT
            BEGIN:VEVENT
            UID:holiday
            DTSTART;VALUE=DATE:20191005
            SUMMARY:国庆节 放假
            CATEGORIES:HOLIDAY
            END:VEVENT
            BEGIN:VEVENT
            UID:also-workday
            DTSTART;VALUE=DATE:20191005
            SUMMARY:国庆节 调休上班
            CATEGORIES:WORKDAY
            END:VEVENT
            BEGIN:VEVENT
            UID:weekday-workday
            DTSTART;VALUE=DATE:20191009
            SUMMARY:调休上班
            CATEGORIES:WORKDAY
            END:VEVENT
            """)
        let r = HolidayCalendarFile.read(ics: text, file: "cn-public-holidays.ics")
        #expect(r.problems.map(\.line) == [4, 17, 23])
        #expect(r.problems.map(\.field) == ["CATEGORIES", "DTSTART", "DTSTART"])
        #expect(r.problems[1].problem.zh.contains("2019-10-05 既是放假日又是调休上班日"))
        #expect(r.problems[2].problem.en.contains("2019-10-09 is not a Saturday or Sunday"))
        #expect(r.calendar.isOfficialHoliday(day("2019-10-05")))
        #expect(!r.calendar.isAdjustedWorkday(day("2019-10-05")))
        #expect(r.calendar.holidays.count == 1)
        #expect(r.calendar.workdays.isEmpty)
    }

    @Test func festivalNameDropsTheTrailingKind() {
        #expect(HolidayCalendarFile.festivalName("国庆节 放假") == "国庆节")
        #expect(HolidayCalendarFile.festivalName("春节 调休上班") == "春节")
        #expect(HolidayCalendarFile.festivalName("劳动节") == "劳动节")
        #expect(HolidayCalendarFile.festivalName(nil) == "")
    }
}
