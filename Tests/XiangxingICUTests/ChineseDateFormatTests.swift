import Testing
@testable import XiangxingICU

@Suite struct ChineseDateFormatTests {
    @Test func longFormHasYearAndFullWeekday() throws {
        #expect(try ChineseDateFormat.long(year: 2019, month: 9, day: 12) == "2019年9月12日 星期四")
        #expect(try ChineseDateFormat.long(year: 2020, month: 1, day: 1) == "2020年1月1日 星期三")
    }

    @Test func shortFormHasShortWeekdayInFullWidthParentheses() throws {
        #expect(try ChineseDateFormat.short(year: 2019, month: 9, day: 12) == "9月12日（周四）")
        #expect(try ChineseDateFormat.short(year: 2019, month: 10, day: 1) == "10月1日（周二）")
    }

    @Test func midAutumn2019IsEighthMonthFifteenth() throws {
        #expect(try ChineseDateFormat.lunar(year: 2019, month: 9, day: 13) == "农历八月十五")
        #expect(try ChineseDateFormat.lunar(year: 2019, month: 9, day: 12) == "农历八月十四")
    }

    @Test func springFestival2019OpensJiHaiYear() throws {
        #expect(try ChineseDateFormat.lunar(year: 2019, month: 2, day: 5) == "农历正月初一")
        #expect(try ChineseDateFormat.lunarYear(year: 2019, month: 2, day: 5) == "己亥年")
        // The eve still belongs to 戊戌.
        #expect(try ChineseDateFormat.lunar(year: 2019, month: 2, day: 4) == "农历腊月三十")
        #expect(try ChineseDateFormat.lunarYear(year: 2019, month: 2, day: 4) == "戊戌年")
    }

    @Test func leapFourthMonthOf2020() throws {
        let first = try ChineseDateFormat.lunarDate(year: 2020, month: 5, day: 23)
        #expect(first == LunarDate(extendedYear: 4657, cycleYear: 37, month: 4, day: 1, isLeapMonth: true))
        #expect(first.description == "农历闰四月初一")
        #expect(first.yearName == "庚子年")
        #expect(try ChineseDateFormat.lunar(year: 2020, month: 5, day: 22) == "农历四月三十")
        #expect(try ChineseDateFormat.lunar(year: 2020, month: 6, day: 20) == "农历闰四月廿九")
        // 端午 2020: the fifth month, not leap, began with the eclipse of 6-21.
        #expect(try ChineseDateFormat.lunar(year: 2020, month: 6, day: 25) == "农历五月初五")
    }

    /// CLDR (ICU 72) names the twelfth month 腊月 but the eleventh 十一月;
    /// wall calendars say 冬月, so that one word is ours.
    @Test func dayAndMonthWordsMatchCLDRForEveryDayOf2020() throws {
        let monthLengths = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]
        var seenDays = Set<String>()
        var seenMonths = Set<String>()
        for (index, length) in monthLengths.enumerated() {
            for day in 1...length {
                let ours = try ChineseDateFormat.lunarDate(year: 2020, month: index + 1, day: day)
                let icu = try ChineseDateFormat.format(
                    year: 2020, month: index + 1, day: day, pattern: "MMMd",
                    locale: "zh_CN@calendar=chinese;numbers=hanidays")
                let cldr = icu.hasPrefix("十一月") ? "冬月" + icu.dropFirst(3) : icu
                #expect(ours.monthName + ours.dayName == cldr, "2020-\(index + 1)-\(day): ICU says \(icu)")
                seenDays.insert(ours.dayName)
                seenMonths.insert(ours.monthName)
            }
        }
        #expect(seenDays.count == 30)
        #expect(seenMonths.isSuperset(of: ["正月", "闰四月", "冬月", "腊月"]))
    }

    @Test func allThirtyDayNames() {
        let names = (1...30).map {
            LunarDate(extendedYear: 4656, cycleYear: 36, month: 8, day: $0, isLeapMonth: false).dayName
        }
        #expect(names.prefix(10) == ["初一", "初二", "初三", "初四", "初五", "初六", "初七", "初八", "初九", "初十"])
        #expect(names[10] == "十一" && names[18] == "十九" && names[19] == "二十")
        #expect(names[20] == "廿一" && names[28] == "廿九" && names[29] == "三十")
    }

    @Test func sexagenaryYearNames() throws {
        #expect(try ChineseDateFormat.lunarYear(year: 1984, month: 6, day: 1) == "甲子年")
        #expect(try ChineseDateFormat.lunarYear(year: 2024, month: 6, day: 1) == "甲辰年")
        #expect(try ChineseDateFormat.lunarYear(year: 2043, month: 6, day: 1) == "癸亥年")
    }

    @Test func dateThatDoesNotExistThrows() throws {
        for (month, day) in [(2, 29), (2, 30), (13, 1), (4, 31), (0, 10)] {
            do {
                _ = try ChineseDateFormat.long(year: 2019, month: month, day: day)
                Issue.record("accepted 2019-\(month)-\(day)")
            } catch {
                #expect(error.name == "U_ILLEGAL_ARGUMENT_ERROR")
            }
        }
        #expect(try ChineseDateFormat.long(year: 2020, month: 2, day: 29) == "2020年2月29日 星期六")
    }
}
