import Foundation
import Testing
import XiangxingICU

/// Foundation on Linux carries its own ICU; the system ICU behind
/// XiangxingICU must live in the same binary and agree with it.
@Suite struct FoundationCoexistenceTests {
    @Test func lunarDatesAgreeWithFoundationsChineseCalendarFor2019To2021() throws {
        let shanghai = try #require(TimeZone(identifier: "Asia/Shanghai"))
        var gregorian = Calendar(identifier: .gregorian)
        gregorian.timeZone = shanghai
        var chinese = Calendar(identifier: .chinese)
        chinese.timeZone = shanghai

        var day = try #require(gregorian.date(from: DateComponents(year: 2019, month: 1, day: 1, hour: 12)))
        var checked = 0
        while gregorian.component(.year, from: day) < 2022 {
            let civil = gregorian.dateComponents([.year, .month, .day], from: day)
            let ours = try ChineseDateFormat.lunarDate(year: civil.year!, month: civil.month!, day: civil.day!)
            let theirs = chinese.dateComponents([.month, .day], from: day)
            let theirsLeap = chinese.dateComponents([.month, .day, .isLeapMonth], from: day).isLeapMonth ?? false
            #expect(ours.month == theirs.month && ours.day == theirs.day && ours.isLeapMonth == theirsLeap,
                    "\(civil.year!)-\(civil.month!)-\(civil.day!): ours \(ours), Foundation \(theirs)")
            checked += 1
            day = try #require(gregorian.date(byAdding: .day, value: 1, to: day))
        }
        #expect(checked == 1096)
    }

    @Test func pinyinOrderAgreesWithFoundationForSurnames() throws {
        let names = ["周", "李", "王", "单", "曾", "阿", "陈", "欧阳", "张", "刘"]
        let ours = try Collator(locale: "zh").sorted(names)
        let locale = Locale(identifier: "zh_CN")
        let theirs = names.sorted { $0.compare($1, locale: locale) == .orderedAscending }
        #expect(ours == theirs)
    }
}
