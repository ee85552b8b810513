import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport

/// A resident ID of 唐河县 (411328) with its GB 11643 check character.
func tangheID(born: String, sequence: String) -> String {
    let first17 = "411328" + born + sequence
    return first17 + String(ResidentID.checkCharacter(first17.map { Int(String($0))! }))
}

/// What a county clerk does through the Office: enrolment with revisions,
/// uploads, attendance by day, sign-in sheets, all scoped to one county.
@Suite struct CountyDeskTests {
    static let tanghe = "411328", xichuan = "411326"

    static func clerk(_ office: OfficeStore, _ who: String = "tanghe") -> OfficeStore {
        var o = office; o.who = who; return o
    }

    @Test func twoEditsFromTheSameRevisionStoreTheFirstAndRefuseTheSecondWithNothingOfItStored() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let list = try Enrolment.list(office, county: Self.tanghe, kind: "awareness")
        let person = try #require(list.people.first)
        let read = try Enrolment.editing(office, county: Self.tanghe, kind: "awareness", key: person.key)
        var first = read.form; first.phone = "13903770001"
        var second = read.form; second.township = "桐寨铺镇"
        _ = try Enrolment.edit(Self.clerk(office, "tanghe"), county: Self.tanghe, kind: "awareness", key: person.key, first, revision: read.revision)
        #expect(throws: EnrolmentChanged.self) {
            try Enrolment.edit(Self.clerk(office, "tanghe2"), county: Self.tanghe, kind: "awareness", key: person.key, second, revision: read.revision)
        }
        let now = try Enrolment.editing(office, county: Self.tanghe, kind: "awareness", key: person.key)
        #expect(now.form.phone == "13903770001")
        #expect(now.form.township == read.form.township)
        #expect(now.revision != read.revision)
        // The change log names the clerk who made the edit, not the ID.
        let log = try office.open().events()
        let edit = try #require(log.last { $0.kind == .attendeeEdited })
        #expect(edit.who == "tanghe")
        #expect(!edit.description.zh.contains(read.form.idNumber))
    }

    @Test func aPersonAddedWithAWrongCheckDigitIsRefusedNamingTheFieldAndNotEchoingTheNumber() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let good = tangheID(born: "19900517", sequence: "201")
        let last = good.last!
        let bad = String(good.dropLast()) + (last == "0" ? "1" : "0")
        let list = try Enrolment.list(office, county: Self.tanghe, kind: "awareness")
        let error = try #require(throws: OfficeError.self) {
            try Enrolment.add(office, county: Self.tanghe, kind: "awareness",
                              Enrolment.Form(idNumber: bad, name: "韩立新", gender: "男", phone: "13837788123", township: "源潭镇"),
                              revision: list.revision)
        }
        let text = error.messages(.zh).joined(separator: "\n")
        #expect(text.contains("身份证号"))
        #expect(text.contains("校验位"))
        #expect(!text.contains(bad))
        #expect(try Enrolment.list(office, county: Self.tanghe, kind: "awareness").people.count == list.people.count)
        // With the right check character the person is enrolled and waits for a re-plan.
        _ = try Enrolment.add(office, county: Self.tanghe, kind: "awareness",
                              Enrolment.Form(idNumber: good, name: "韩立新", gender: "男", phone: "13837788123", township: "源潭镇"),
                              revision: list.revision)
        let after = try Enrolment.list(office, county: Self.tanghe, kind: "awareness")
        #expect(after.people.count == list.people.count + 1)
        #expect(after.people.contains { $0.name == "韩立新" && $0.seatedIn == nil })
    }

    @Test func anUploadWithOneBadRowStoresNobodyAndLocatesTheRow() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let before = try Enrolment.list(office, county: Self.tanghe, kind: "awareness")
        let file = tmp.url.appendingPathComponent("upload.csv")
        let rows = [
            "id_number,name,gender,phone,county,township,kind,project",
            "\(tangheID(born: "19880304", sequence: "113")),赵明轩,男,13703771234,411328,源潭镇,awareness,艾草加工",
            "411328199001010000,钱雨桐,女,13803772345,411328,张店镇,awareness,电商",
            "\(tangheID(born: "19920715", sequence: "224")),孙嘉怡,女,13903773456,411328,郭滩镇,awareness,养殖",
        ]
        try (rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: OfficeError.self) {
            try Enrolment.upload(office, county: Self.tanghe, kind: "awareness", file: file.path, name: "唐河县报名.csv", revision: before.revision)
        }
        #expect(error.problems.contains { $0.file == "唐河县报名.csv" && $0.line == 3 && $0.field.contains("id_number") })
        #expect(try Enrolment.list(office, county: Self.tanghe, kind: "awareness").revision == before.revision)
    }

    @Test func anUploadWithARowOfAnotherCountyIsRefusedAtThatLine() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let before = try Enrolment.list(office, county: Self.tanghe, kind: "awareness")
        let file = tmp.url.appendingPathComponent("upload.csv")
        let xichuanID: String = {
            let first17 = "41132619870211" + "331"
            return first17 + String(ResidentID.checkCharacter(first17.map { Int(String($0))! }))
        }()
        let rows = [
            "身份证号,姓名,性别,联系电话,所属县区,乡镇,课程",
            "\(tangheID(born: "19880304", sequence: "113")),赵明轩,男,13703771234,唐河县,源潭镇,创业意识培训",
            "\(xichuanID),周文斌,男,13803772345,淅川县,上集镇,创业意识培训",
        ]
        try (rows.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: OfficeError.self) {
            try Enrolment.upload(office, county: Self.tanghe, kind: "awareness", file: file.path, name: "报名.csv", revision: before.revision)
        }
        #expect(error.problems.count == 1)
        #expect(error.problems.first?.line == 3)
        #expect(error.problems.first?.message(.zh).contains("淅川县") == true)
        #expect(try Enrolment.list(office, county: Self.tanghe, kind: "awareness").people.count == before.people.count)
    }

    @Test func savingOneClassDayReplacesThatDayAndLeavesTheOthers() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let plan = saved.output.plan
        let session = try #require(plan.sessions.first { $0.county == Self.tanghe && $0.type == .trainingClass
            && $0.dates.count >= 2 && (plan.assignments?[$0.id]?.count ?? 0) >= 3 })
        let (d1, d2) = (session.dates[0], session.dates[1])
        let grid = try AttendanceGrid.grid(office, county: Self.tanghe, session: session.id, day: d1)
        #expect(!grid.recorded)
        #expect(grid.rows.allSatisfy { !$0.present })
        let keys = grid.rows.map(\.person.key)
        _ = try AttendanceGrid.saveClassDay(office, county: Self.tanghe, session: session.id, day: d1, present: Set(keys.prefix(2)))
        _ = try AttendanceGrid.saveClassDay(office, county: Self.tanghe, session: session.id, day: d2, present: [keys[0]])
        _ = try AttendanceGrid.saveClassDay(office, county: Self.tanghe, session: session.id, day: d1, present: Set(keys))
        let day1 = try AttendanceGrid.grid(office, county: Self.tanghe, session: session.id, day: d1)
        let day2 = try AttendanceGrid.grid(office, county: Self.tanghe, session: session.id, day: d2)
        #expect(day1.rows.filter(\.present).count == keys.count)
        #expect(day2.rows.filter(\.present).map(\.person.key) == [keys[0]])
        #expect(day2.recorded)
    }

    @Test func anotherCountysSessionIsNotFoundEvenUnderTheClerksOwnCode() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let theirs = try #require(saved.output.plan.sessions.first { $0.county == Self.xichuan && $0.type == .trainingClass })
        #expect(throws: CountyNotFound.self) { try CountyDesk.classPage(office, county: Self.tanghe, session: theirs.id) }
        #expect(throws: CountyNotFound.self) {
            try AttendanceGrid.grid(office, county: Self.tanghe, session: theirs.id, day: theirs.dates[0])
        }
        #expect(throws: CountyNotFound.self) {
            try CountyDesk.signInSheets(office, county: Self.tanghe, session: theirs.id, format: .pdf)
        }
        let theirPerson = try #require(Enrolment.list(office, county: Self.xichuan, kind: "awareness").people.first)
        let ours = try Enrolment.list(office, county: Self.tanghe, kind: "awareness")
        #expect(throws: CountyNotFound.self) {
            try Enrolment.editing(office, county: Self.tanghe, kind: "awareness", key: theirPerson.key)
        }
        #expect(throws: CountyNotFound.self) {
            try Enrolment.withdraw(office, county: Self.tanghe, kind: "awareness", key: theirPerson.key, revision: ours.revision)
        }
        #expect(throws: CountyNotFound.self) { try Enrolment.list(office, county: Self.tanghe, kind: "village-tour") }
    }

    @Test func aClassSheetPrintsAsPDFAndStillPrintsAfterASeatedPersonWithdraws() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let plan = saved.output.plan
        let session = try #require(plan.sessions.first { $0.county == Self.tanghe && $0.type == .trainingClass
            && (plan.assignments?[$0.id]?.count ?? 0) >= 2 })
        let page = try CountyDesk.classPage(office, county: Self.tanghe, session: session.id)
        let leaving = try #require(page.people.first)
        let list = try Enrolment.list(office, county: Self.tanghe, kind: session.kind)
        _ = try Enrolment.withdraw(office, county: Self.tanghe, kind: session.kind, key: leaving.key, revision: list.revision)
        let pdf = try CountyDesk.signInSheets(office, county: Self.tanghe, session: session.id, format: .pdf)
        #expect(pdf.bytes.starts(with: Array("%PDF".utf8)))
        #expect(pdf.filename.contains(session.id))
        let xlsx = try CountyDesk.signInSheets(office, county: Self.tanghe, session: session.id, format: .xlsx)
        #expect(xlsx.bytes.starts(with: [0x50, 0x4B]))
        let after = try CountyDesk.classPage(office, county: Self.tanghe, session: session.id)
        #expect(after.withdrawn == 1)
        #expect(after.people.count == page.people.count - 1)
    }

    @Test func theCountysPageGivesItsClassesWithChineseDatesAndItsReportHoldsItAlone() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let overview = try CountyDesk.overview(office, county: Self.tanghe)
        #expect(overview.county.name == "唐河县")
        let first = try #require(overview.classes.first)
        #expect(first.dates.contains("年") && first.dates.contains("星期"))
        #expect(overview.classes.allSatisfy { !$0.isStop })
        #expect(ChineseDays.span([day("2019-09-10"), day("2019-09-11"), day("2019-09-12")]) == "2019年9月10日（星期二）—9月12日")
        let report = try CountyDesk.report(office, county: Self.tanghe, month: try #require(ReportMonth("2019-09")))
        #expect(Set(report.rows.map(\.county)).subtracting([ReportRow.cityTotal]) == [Self.tanghe])
    }
}
