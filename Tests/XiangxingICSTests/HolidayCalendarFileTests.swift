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
        #expect(c.holidays.count == 3 + 7)
        #expect(c.workdays.keys.sorted() == [day("2019-09-29"), day("2019-10-12")])
        #expect(c.holidays[day("2019-10-01")] == "国庆节")
        #expect(c.holidays[day("2019-09-13")] == "中秋节")
        #expect(c.workdays[day("2019-09-29")] == "国庆节")
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
