import Testing
import XiangxingCore

@Suite("Day: civil dates in Asia/Shanghai")
struct DayTests {
    @Test("ISO dates read back as the same text", arguments: [
        "2019-10-01", "2019-02-28", "2020-02-29", "2000-02-29", "1969-12-31", "1970-01-01", "2026-12-31",
    ])
    func isoRoundTrip(_ text: String) throws {
        let d = try #require(Day(iso: text))
        #expect(d.iso == text)
        #expect(Day(year: d.year, month: d.month, day: d.dayOfMonth) == d)
    }

    @Test("National Day 2019 is day 18170 after 1970-01-01 and reads as 2019-10-01")
    func nationalDayOrdinal() throws {
        // 49 years of 365 days + 12 leap days (1972…2016) + 273 days Jan–Sep.
        let d = try #require(Day(iso: "2019-10-01"))
        #expect(d.ordinal == 18_170)
        #expect(Day(year: 2019, month: 10, day: 1) == d)
        #expect(d.description == "2019-10-01")
    }

    @Test("Dates that do not exist or are not ISO are rejected", arguments: [
        "2019-02-29", "2019-13-01", "2019-04-31", "2019-00-10", "2019-10-00", "1900-02-29",
        "2019-9-01", "2019/10/01", "2019-10-1 ", "20191001", "", "２０１９-10-01",
    ])
    func invalidDatesRejected(_ text: String) {
        #expect(Day(iso: text) == nil)
    }

    @Test("2019-10-01 is a Tuesday, 2019-09-29 a Sunday, and dates before 1970 get weekdays too")
    func weekdays() {
        #expect(day("2019-10-01").weekday == .tuesday)
        #expect(day("2019-09-29").weekday == .sunday)
        #expect(day("2019-09-29").isWeekend)
        #expect(day("2019-09-13").weekday == .friday)
        #expect(!day("2019-09-13").isWeekend)
        #expect(day("1970-01-01").weekday == .thursday)
        #expect(day("1969-12-31").weekday == .wednesday)
    }

    @Test("monthKey is equal within a month and grows by one across month and year ends")
    func monthKey() {
        #expect(day("2019-09-01").monthKey == day("2019-09-30").monthKey)
        #expect(day("2019-10-01").monthKey == day("2019-09-30").monthKey + 1)
        #expect(day("2020-01-01").monthKey == day("2019-12-31").monthKey + 1)
        #expect(day("2019-09-15").monthKey == 2019 * 12 + 8)
    }

    @Test("Stepping a day crosses month ends and leap days")
    func stepping() {
        #expect(day("2019-09-30").advanced(by: 1) == day("2019-10-01"))
        #expect(day("2019-02-28").distance(to: day("2019-03-01")) == 1)
        #expect(day("2020-02-28").distance(to: day("2020-03-01")) == 2)
        #expect(Array(day("2019-09-28")...day("2019-10-01")).map(\.iso)
                == ["2019-09-28", "2019-09-29", "2019-09-30", "2019-10-01"])
    }
}
