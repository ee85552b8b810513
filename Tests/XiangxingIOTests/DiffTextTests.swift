import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingNames

/// `diff`'s text, CSV and notification lists on the demo's people: a
/// 唐河县 class of 32 moves from one venue to another.
@Suite struct DiffTextTests {
    static let index: ScenarioIndex = {
        guard case .success(let s) = ScenarioReader.read(folder: demoScenario()) else { fatalError("the demo does not read") }
        return ScenarioIndex(s.scenario)
    }()
    static let people = index.scenario.attendees!.filter { $0.county == "411328" && $0.kind == "awareness" }.prefix(32).map(\.idNumber)
    static let venues = index.scenario.venues.filter { $0.county == "411328" }.map(\.id)

    static func plan(venue: String, trainers: [String]) -> Plan {
        Plan(sessions: [Session(id: "D041-1", type: .trainingClass, kind: "awareness", county: "411328", venue: venue,
                                dates: [day("2019-05-06"), day("2019-05-07"), day("2019-05-08")], trainers: trainers,
                                ref: "D041", attendees: people.count)],
             assignments: ["D041-1": Array(people)])
    }
    static let diff = PlanDiff(old: plan(venue: venues[0], trainers: ["T009"]), new: plan(venue: venues[1], trainers: ["T016"]))
    static let words = DiffText(index: index)

    @Test func theCountyLineCountsThe32PeopleOfTheMovedClass() {
        #expect(Self.people.count == 32)
        let text = Self.words.text(Self.diff, from: "第1版", to: "第2版")
        #expect(text.contains("唐河县：变动 1 个场次，需通知学员 32 人"))
        // The trainer taken off the class hears it is cancelled for him.
        #expect(text.contains("【已取消（不再担任）】"))
        #expect(text.contains("【新安排】"))
    }

    @Test func theDiffCSVIsForExcelWithChineseHeadersAndNames() {
        let csv = Self.words.csv(Self.diff)
        #expect(csv.hasPrefix("\u{FEFF}通知对象,编号,姓名/名称,场次,县区,课程类别,身份,变动,原安排,新安排\r\n"))
        let lines = csv.split(separator: "\r\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("讲师,T009,") && $0.contains(",唐河县,创业意识培训,已取消（不再担任）,讲师,") })
        #expect(lines.contains { $0.hasPrefix("县区,411328,唐河县,D041-1,唐河县,创业意识培训,,场地,") })
        #expect(lines.contains { $0.hasPrefix("县区,411328,唐河县,,唐河县,,,需通知学员,,32") })
        #expect(!csv.contains(",awareness,") && !csv.contains("trainer,"))
    }

    @Test func theNotificationListNamesEachPersonWithAMaskedPhoneUnlessUnmasked() throws {
        let first = try #require(Self.index.attendees[Self.people[0]]?.first)
        let masked = Self.words.noticeCSV(Self.diff, county: "411328", unmasked: false)
        #expect(masked.hasPrefix("\u{FEFF}序号,县区,姓名,联系电话,身份证号,场次,课程类别,变动,原安排,新安排\r\n"))
        #expect(masked.split(separator: "\r\n").count == 1 + 32)
        #expect(masked.contains(first.name))
        #expect(masked.contains(PhoneMask.masked(first.phone)))
        #expect(!masked.contains(first.phone))
        #expect(!masked.contains(first.idNumber))
        #expect(masked.contains(",换场地,"))
        let full = Self.words.noticeCSV(Self.diff, county: "411328", unmasked: true)
        #expect(full.contains(first.phone))
        #expect(full.contains("\t" + first.idNumber))  // kept as text in Excel
        let text = Self.words.noticeText(Self.diff, county: "411328", unmasked: false, from: "第1版", to: "第2版")
        #expect(text.hasPrefix("唐河县 需通知的学员（第1版 → 第2版，共 32 人）"))
        #expect(text.contains(". \(first.name) \(PhoneMask.masked(first.phone))"))
        // One class: the clerk phones down the list in the sign-in sheet's order.
        let listed = text.split(separator: "\n").compactMap { line -> String? in
            guard let dot = line.firstIndex(of: "."), Int(line[..<dot].trimmingCharacters(in: .whitespaces)) != nil else { return nil }
            return line[line.index(after: dot)...].split(separator: " ").first.map(String.init)
        }
        #expect(listed.count == 32)
        #expect(listed == NameSorter(order: .pinyin).sorted(listed))
        #expect(!text.contains(first.phone))
    }
}
