import Testing
import XiangxingCore

@Suite("TeachingCalendar: which dates can carry a session")
struct TeachingCalendarTests {
    let x = TinyScenario().index
    var cal: TeachingCalendar { x.calendar }
    let tanghe = County2260.tanghe, tongbai = County2260.tongbai, xixia = County2260.xixia

    @Test("A weekend kind may use an ordinary Saturday but never a Saturday that is an official holiday")
    func weekendKindSaturdays() {
        #expect(cal.isTeachingDay(day("2019-09-21"), weekends: true, county: tongbai))
        #expect(!cal.isTeachingDay(day("2019-09-14"), weekends: true, county: tongbai))
        #expect(cal.whyNot(day("2019-09-14"), weekends: true, county: tongbai) == .officialHoliday("中秋节"))
        #expect(cal.whyNot(day("2019-10-05"), weekends: true, county: tongbai) == .officialHoliday("国庆节"))
    }

    @Test("A weekday kind may not use an ordinary Saturday but may use the 调休 Sunday 2019-09-29")
    func weekdayKindWeekends() {
        #expect(cal.whyNot(day("2019-09-21"), weekends: false, county: tanghe) == .weekend)
        #expect(cal.whyNot(day("2019-09-29"), weekends: false, county: tanghe) == nil)
        #expect(cal.isTeachingDay(day("2019-09-29"), weekends: false, county: tanghe))
        #expect(cal.whyNot(day("2019-09-13"), weekends: false, county: tanghe) == .officialHoliday("中秋节"))
    }

    @Test("The 三夏麦收 blackout of 唐河县 blocks 2019-05-25…06-10 there only")
    func countyBlackoutBlocksOnlyThatCounty() {
        #expect(cal.whyNot(day("2019-05-27"), weekends: false, county: tanghe) == .blackout("三夏麦收"))
        #expect(cal.whyNot(day("2019-06-10"), weekends: false, county: tanghe) == .blackout("三夏麦收"))
        #expect(cal.whyNot(day("2019-05-25"), weekends: true, county: tanghe) == .blackout("三夏麦收"))
        #expect(cal.whyNot(day("2019-05-24"), weekends: false, county: tanghe) == nil)
        #expect(cal.whyNot(day("2019-06-11"), weekends: false, county: tanghe) == nil)
        #expect(cal.whyNot(day("2019-05-27"), weekends: false, county: tongbai) == nil)
        #expect(cal.whyNot(day("2019-05-27"), weekends: false, county: xixia) == nil)
        #expect(!cal.teachingDays(weekends: false, county: tanghe).contains(day("2019-05-27")))
        #expect(cal.teachingDays(weekends: false, county: tongbai).contains(day("2019-05-27")))
    }

    @Test("A blackout for county * blocks every county")
    func starBlackoutBlocksAll() {
        for county in [tanghe, tongbai, xixia] {
            #expect(cal.whyNot(day("2019-11-11"), weekends: false, county: county) == .blackout("全市创业培训质量督查"))
            #expect(!cal.isTeachingDay(day("2019-11-12"), weekends: true, county: county))
            #expect(cal.isTeachingDay(day("2019-11-13"), weekends: false, county: county))
        }
    }

    @Test("An official holiday inside a blackout is reported as the holiday (端午 2019-06-07 in 唐河县)")
    func holidayWinsOverBlackout() {
        #expect(cal.whyNot(day("2019-06-07"), weekends: false, county: tanghe) == .officialHoliday("端午节"))
    }

    @Test("Dates outside the planning period are not teaching days")
    func outsidePeriod() {
        #expect(cal.whyNot(day("2020-01-02"), weekends: false, county: tanghe) == .outsidePeriod)
        #expect(cal.whyNot(day("2018-12-28"), weekends: false, county: tanghe) == .outsidePeriod)
        #expect(!cal.isTeachingDay(day("2020-01-02"), weekends: false, county: tanghe))
    }

    @Test("A 3-day weekday class starting Thu 2019-09-26 runs 26, 27 and the 调休 Sunday 29")
    func runSkipsWeekendButUsesMakeUpDay() {
        #expect(cal.run(from: day("2019-09-26"), count: 3, weekends: false, county: tanghe)
                == days("2019-09-26", "2019-09-27", "2019-09-29"))
        #expect(cal.run(from: day("2019-09-26"), count: 3, weekends: true, county: tanghe)
                == days("2019-09-26", "2019-09-27", "2019-09-28"))
        #expect(cal.run(from: day("2019-10-01"), count: 2, weekends: false, county: tanghe) == nil)
        #expect(cal.run(from: day("2019-12-31"), count: 2, weekends: false, county: tanghe) == nil)
    }

    @Test("The 3-day runs inside 26 Sep…8 Oct jump the National Day break")
    func runsSkipHolidays() throws {
        let gyb3 = Kind(code: "GYB3", name: "创业意识培训（三天）", category: .training, days: 3,
                        minSeats: 2, maxSeats: 30, trainers: 1, weekends: false)
        let runs = Rules.allowedDateRuns(kind: gyb3, county: tanghe, days: 3,
                                         window: day("2019-09-26")...day("2019-10-08"), in: x)
        #expect(runs == [
            days("2019-09-26", "2019-09-27", "2019-09-29"),
            days("2019-09-27", "2019-09-29", "2019-09-30"),
            days("2019-09-29", "2019-09-30", "2019-10-08"),
        ])
        let positions = cal.runs(count: 3, within: day("2019-09-26")...day("2019-10-08"),
                                 weekends: false, county: tanghe)
        let seq = cal.teachingDays(weekends: false, county: tanghe)
        #expect(positions.count == 3)
        #expect(try seq[#require(positions.first)] == days("2019-09-26", "2019-09-27", "2019-09-29")[...])
    }

    @Test("Sequence positions of neighbouring teaching days differ by one across a holiday break")
    func sequencePositions() throws {
        let before = try #require(cal.sequencePosition(day("2019-09-30"), weekends: false, county: tanghe))
        let after = try #require(cal.sequencePosition(day("2019-10-08"), weekends: false, county: tanghe))
        #expect(after == before + 1)
        #expect(cal.sequencePosition(day("2019-10-02"), weekends: false, county: tanghe) == nil)
    }
}
