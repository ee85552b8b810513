import Testing
import XiangxingCore

@Suite("HolidayCalendar: 放假 and 调休 of 2019")
struct HolidayCalendarTests {
    let cal = Holidays2019.calendar

    @Test("Sunday 2019-09-29 is worked (国庆 调休); 2019-10-01 and Friday 2019-09-13 (中秋) are off")
    func nationalDayAndMidAutumn() {
        #expect(cal.isWorkingDay(day("2019-09-29")))
        #expect(cal.isAdjustedWorkday(day("2019-09-29")))
        #expect(!cal.isWorkingDay(day("2019-10-01")))
        #expect(cal.isOfficialHoliday(day("2019-10-01")))
        #expect(!cal.isWorkingDay(day("2019-09-13")))
        #expect(cal.holidays[day("2019-09-13")] == "中秋节")
        #expect(!cal.isWorkingDay(day("2019-09-28")))  // an ordinary Saturday
        #expect(cal.isWorkingDay(day("2019-09-30")))   // an ordinary Monday
        #expect(cal.isWorkingDay(day("2019-10-12")))   // Saturday worked
    }

    @Test("Spring Festival and Labour Day 2019: the worked weekend days and the days off")
    func springFestivalAndLabourDay() {
        #expect(cal.isWorkingDay(day("2019-02-02")))   // Saturday worked
        #expect(cal.isWorkingDay(day("2019-02-03")))   // Sunday worked
        #expect(!cal.isWorkingDay(day("2019-02-04")))  // 除夕, Monday off
        #expect(!cal.isWorkingDay(day("2019-02-08")))  // Friday off
        #expect(cal.isWorkingDay(day("2019-04-28")))   // Sunday worked
        #expect(!cal.isWorkingDay(day("2019-05-03")))  // Friday off
        #expect(!cal.isWorkingDay(day("2019-05-04")))  // Saturday off
        #expect(cal.isWorkingDay(day("2019-05-05")))   // Sunday worked
    }

    @Test("The next working day after Friday 2019-09-27 is the 调休 Sunday 2019-09-29")
    func nextWorkingDayIsTheMakeUpSunday() {
        #expect(cal.workingDay(after: day("2019-09-27"), 1) == day("2019-09-29"))
    }

    @Test("The 5th working day after 2019-09-30 is the worked Saturday 2019-10-12")
    func fifthWorkingDayAfterNationalDayBreak() {
        // 1–7 Oct off; 8, 9, 10, 11 Oct (Tue–Fri) are the 1st–4th, Sat 12 Oct the 5th.
        #expect(cal.workingDay(after: day("2019-09-30"), 4) == day("2019-10-11"))
        #expect(cal.workingDay(after: day("2019-09-30"), 5) == day("2019-10-12"))
        #expect(cal.workingDay(after: day("2019-09-30"), 6) == day("2019-10-14"))
    }

    @Test("Working days across Spring Festival and Labour Day skip the break and land on 调休 days")
    func workingDaysAcrossOtherBreaks() {
        #expect(cal.workingDay(after: day("2019-02-01"), 1) == day("2019-02-02"))
        #expect(cal.workingDay(after: day("2019-02-03"), 1) == day("2019-02-11"))
        #expect(cal.workingDay(after: day("2019-04-30"), 1) == day("2019-05-05"))
        #expect(cal.workingDay(after: day("2019-09-12"), 1) == day("2019-09-16"))
    }

    @Test("Zero working days after a date is that date itself, even on a holiday")
    func zeroWorkingDays() {
        #expect(cal.workingDay(after: day("2019-10-03"), 0) == day("2019-10-03"))
    }

    @Test("Coverage spans the first and last entry: 元旦 to the worked 2019-10-12; empty calendar has none")
    func coverage() {
        #expect(cal.coverage == day("2019-01-01")...day("2019-10-12"))
        #expect(HolidayCalendar().coverage == nil)
        #expect(HolidayCalendar().isWorkingDay(day("2019-10-01")))
    }
}
