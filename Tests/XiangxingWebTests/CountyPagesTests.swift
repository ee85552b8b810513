import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiangxingCore
import XiangxingStore
import XiangxingTestSupport

/// A county clerk's pages: 唐河县's clerk sees and changes 唐河县's people
/// only; 淅川县's clerk gets 404 on every 唐河县 URL, and on 唐河县's session
/// ids, people and kinds put under 淅川县's own code.
@Suite struct CountyPagesTests {
    static let tanghe = WebFixture.tangheCode, xichuan = WebFixture.xichuanCode

    /// A 唐河县 class with people, from the store's latest version.
    static func tangheClass(_ path: String) throws -> (id: String, days: [Day], seated: [String]) {
        let store = try PlanStore(path: path)
        let v = try #require(try store.latestVersion())
        let s = try #require(v.plan.sessions.first { $0.county == tanghe && $0.type == .trainingClass
            && (v.plan.assignments?[$0.id]?.count ?? 0) >= 3 })
        return (s.id, s.dates, v.plan.assignments?[s.id] ?? [])
    }

    static func validID(_ first17: String) -> String {
        first17 + String(ResidentID.checkCharacter(first17.map { $0.wholeNumberValue! }))
    }

    @Test(arguments: TestBackend.all) func tangheSeesItsClassesAndAClassListsItsPeopleMaskedInNameOrder(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            let home = try await b.get("/county/\(Self.tanghe)")
            #expect(home.status == .ok)
            #expect(home.body.contains("唐河县"))
            #expect(home.body.contains("星期"))
            let c = try Self.tangheClass(path)
            #expect(home.links.contains("/county/\(Self.tanghe)/classes/\(c.id)"))
            let page = try await b.get("/county/\(Self.tanghe)/classes/\(c.id)")
            #expect(page.status == .ok)
            let people = try #require(try PlanStore(path: path).currentScenario()?.attendees).filter { c.seated.contains($0.idNumber) }
            for p in people {
                #expect(page.body.contains(p.name))
                #expect(page.body.contains(ResidentID.masked(p.idNumber)))
                #expect(!page.body.contains(p.idNumber), "a full resident ID on the class page")
                #expect(!page.body.contains(p.phone))
            }
            #expect(page.links.contains("/county/\(Self.tanghe)/classes/\(c.id)/sheet.pdf"))
            let pdf = try await b.get("/county/\(Self.tanghe)/classes/\(c.id)/sheet.pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.bytes.starts(with: Array("%PDF".utf8)))
            #expect(pdf.headers[.contentDisposition]?.contains("attachment") == true)
        }
    }

    @Test(arguments: TestBackend.all) func xichuansClerkGetsNotFoundOnTangheURLsAndOnTangheIdsUnderTheirOwnCode(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let c = try Self.tangheClass(path)
            let tangheKey = try #require(try PlanStore(path: path).enrolment(county: Self.tanghe, kind: "awareness").people.first?.key)
            let b = Browser(client)
            try await b.login(WebFixture.xichuan)
            #expect(try await b.get("/county/\(Self.xichuan)").status == .ok)
            let theirs = [
                "/county/\(Self.tanghe)", "/county/\(Self.tanghe)/classes/\(c.id)", "/county/\(Self.tanghe)/classes/\(c.id)/sheet.pdf",
                "/county/\(Self.tanghe)/classes/\(c.id)/sheet.xlsx", "/county/\(Self.tanghe)/classes/\(c.id)/days/\(c.days[0].iso)",
                "/county/\(Self.tanghe)/sheets.pdf", "/county/\(Self.tanghe)/enrolment/awareness",
                "/county/\(Self.tanghe)/enrolment/awareness/people/\(tangheKey)", "/county/\(Self.tanghe)/report?month=2019-09",
                "/county/\(Self.tanghe)/report.csv?month=2019-09",
                // 唐河县's session, person and the mentoring kind under 淅川县's own code.
                "/county/\(Self.xichuan)/classes/\(c.id)", "/county/\(Self.xichuan)/classes/\(c.id)/sheet.pdf",
                "/county/\(Self.xichuan)/classes/\(c.id)/days/\(c.days[0].iso)",
                "/county/\(Self.xichuan)/enrolment/awareness/people/\(tangheKey)", "/county/\(Self.xichuan)/enrolment/village-tour",
            ]
            for url in theirs {
                #expect(try await b.get(url).status == .notFound, "\(url) answered 淅川县's clerk")
            }
            // Changes too: a withdrawal of 唐河县's person under 淅川县's code stores nothing.
            let own = try await b.get("/county/\(Self.xichuan)/enrolment/awareness")
            let revision = try #require(own.body.range(of: "name=\"revision\" value=\"").map { String(own.body[$0.upperBound...].prefix(16)) })
            let refused = try await b.post("/county/\(Self.xichuan)/enrolment/awareness/people/\(tangheKey)/withdraw", form: [("revision", revision)])
            #expect(refused.status == .notFound)
            let day = try await b.post("/county/\(Self.tanghe)/classes/\(c.id)/days/\(c.days[0].iso)", form: [("action", "save")])
            #expect(day.status == .notFound)
            #expect(try PlanStore(path: path).enrolment(county: Self.tanghe, kind: "awareness").people.contains { $0.key == tangheKey })
        }
    }

    @Test(arguments: TestBackend.all) func twoClerksEditingFromOneRevisionTheSecondIsToldAndNothingOfTheirsIsStored(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let first = Browser(client), second = Browser(client)
            try await first.login(WebFixture.tanghe)
            try await second.login(WebFixture.office)
            let key = try #require(try PlanStore(path: path).enrolment(county: Self.tanghe, kind: "awareness").people.first?.key)
            let url = "/county/\(Self.tanghe)/enrolment/awareness/people/\(key)"
            let a = try await first.get(url), b = try await second.get(url)
            func revision(_ p: Page) -> String {
                p.body.range(of: "name=\"revision\" value=\"").map { String(p.body[$0.upperBound...].prefix(16)) } ?? ""
            }
            #expect(revision(a) == revision(b) && !revision(a).isEmpty)
            let saved = try await first.post(url, form: [("revision", revision(a)), ("name", "李浩然"), ("gender", "男"),
                                                         ("phone", "13903770001"), ("township", "源潭镇"), ("project", "电商")])
            #expect(saved.status == .found || saved.status == .seeOther)
            let late = try await second.post(url, form: [("revision", revision(b)), ("name", "李浩然"), ("gender", "男"),
                                                        ("phone", "13903770002"), ("township", "郭滩镇"), ("project", "养殖")])
            #expect(late.status == .conflict)
            #expect(late.body.contains("名单已被他人修改"))
            let person = try #require(try PlanStore(path: path).enrolment(county: Self.tanghe, kind: "awareness").people.first { $0.key == key })
            #expect(person.attendee.phone == "13903770001")
            #expect(person.attendee.township == "源潭镇")
        }
    }

    @Test(arguments: TestBackend.all) func anUploadWithABadRowShowsTheLocatedProblemAndStoresNobody(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            let list = try await b.get("/county/\(Self.tanghe)/enrolment/awareness")
            let revision = try #require(list.body.range(of: "name=\"revision\" value=\"").map { String(list.body[$0.upperBound...].prefix(16)) })
            let before = try PlanStore(path: path).enrolment(county: Self.tanghe, kind: "awareness").revision
            let good = Self.validID("41132819880304113")
            let csv = "身份证号,姓名,性别,联系电话,所属县区,乡镇,课程\n\(good),赵明轩,男,13703771234,唐河县,源潭镇,创业意识培训\n"
                + "411328199005172410,钱雨桐,女,13803772345,唐河县,张店镇,创业意识培训\n"
            let page = try await b.upload("/county/\(Self.tanghe)/enrolment/awareness/upload", fields: [("revision", revision)],
                                          file: (field: "file", name: "唐河县报名.csv", bytes: Array(csv.utf8)))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("唐河县报名.csv:3"))
            #expect(page.body.contains("身份证号"))
            #expect(try PlanStore(path: path).enrolment(county: Self.tanghe, kind: "awareness").revision == before)
            // The same file without the bad row enrols the one person, who waits for a re-plan.
            let ok = "身份证号,姓名,性别,联系电话,所属县区,乡镇,课程\n\(good),赵明轩,男,13703771234,唐河县,源潭镇,创业意识培训\n"
            let done = try await b.upload("/county/\(Self.tanghe)/enrolment/awareness/upload", fields: [("revision", revision)],
                                          file: (field: "file", name: "唐河县报名.csv", bytes: Array(ok.utf8)))
            let shown = try await b.get(done.location ?? "")
            #expect(shown.body.contains("赵明轩"))
            #expect(shown.body.contains("重新排班"))
        }
    }

    @Test(arguments: TestBackend.all) func aClassDayIsBlankUntilTickedAndSavingItKeepsTheOtherDays(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            let c = try Self.tangheClass(path)
            let store = try PlanStore(path: path)
            let otherDay = c.days.count > 1 ? try store.attendanceDay(session: c.id, day: c.days[1]) : nil
            let url = "/county/\(Self.tanghe)/classes/\(c.id)/days/\(c.days[0].iso)"
            let grid = try await b.get(url)
            #expect(grid.status == .ok)
            #expect(grid.body.contains("全部到场"))
            let all = try await b.post(url, form: [("action", "all")])
            #expect(all.body.components(separatedBy: " checked").count - 1 == c.seated.count)
            let keys = try store.enrolment(county: Self.tanghe, kind: try #require(try store.latestVersion()?.plan.sessions.first { $0.id == c.id }?.kind))
                .people.filter { c.seated.contains($0.attendee.idNumber) }.map(\.key)
            let saved = try await b.post(url, form: [("action", "save"), ("p\(keys[0])", "1"), ("p\(keys[1])", "1")])
            #expect(saved.status == .ok)
            #expect(saved.body.contains("到场 2 / \(c.seated.count) 人"))
            let day = try store.attendanceDay(session: c.id, day: c.days[0])
            #expect(day.present.filter(\.value).count == 2)
            #expect(day.present.count == c.seated.count)
            if let otherDay, c.days.count > 1 { #expect(try store.attendanceDay(session: c.id, day: c.days[1]) == otherDay) }
            #expect(try store.events().last?.who == "web:tanghe")
        }
    }

    @Test(arguments: TestBackend.all) func anAttendanceFileNamingAnotherCountysClassIsRefusedAtItsLineAndStoresNothing(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            try await b.get("/county/\(Self.tanghe)")
            let store = try PlanStore(path: path)
            let v = try #require(try store.latestVersion())
            let theirs = try #require(v.plan.sessions.first { $0.county == Self.xichuan && $0.type == .trainingClass
                && !(v.plan.assignments?[$0.id] ?? []).isEmpty })
            let person = try #require(v.plan.assignments?[theirs.id]?.first)
            let before = try store.attendanceDay(session: theirs.id, day: theirs.dates[0])
            let csv = "session,id_number,date,present\n\(theirs.id),\(person),\(theirs.dates[0].iso),0\n"
            let page = try await b.upload("/county/\(Self.tanghe)/attendance/upload",
                                          file: (field: "files", name: "出勤.csv", bytes: Array(csv.utf8)))
            #expect(page.status == .unprocessableContent)
            #expect(page.body.contains("出勤.csv:2"))
            #expect(!page.body.contains(person), "the page echoes a resident ID")
            #expect(try store.attendanceDay(session: theirs.id, day: theirs.dates[0]) == before)
        }
    }

    @Test(arguments: TestBackend.all) func aStopDayTakesTheNumberOfMentees(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            let store = try PlanStore(path: path)
            let stop = try #require(try store.latestVersion()?.plan.sessions.first { $0.county == Self.tanghe && $0.type == .tourStop })
            let url = "/county/\(Self.tanghe)/classes/\(stop.id)/days/\(stop.dates[0].iso)"
            #expect(try await b.get(url).status == .ok)
            let saved = try await b.post(url, form: [("action", "save"), ("mentees", "37")])
            #expect(saved.status == .ok)
            #expect(saved.body.contains("帮扶 37 人次"))
            #expect(try store.attendanceDay(session: stop.id, day: stop.dates[0]).mentees == 37)
            let bad = try await b.post(url, form: [("action", "save"), ("mentees", "三十")])
            #expect(bad.status == .unprocessableContent)
            #expect(try store.attendanceDay(session: stop.id, day: stop.dates[0]).mentees == 37)
        }
    }

    @Test(arguments: TestBackend.all) func theMonthlyReportShowsTheCountyAloneAndDownloadsAsCSVAndPDF(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, _ in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            let page = try await b.get("/county/\(Self.tanghe)/report?month=2019-09")
            #expect(page.status == .ok)
            #expect(page.body.contains("唐河县返乡创业情况统计表"))
            #expect(page.body.contains("2019年9月"))
            #expect(!page.body.contains("淅川县"))
            let csv = try await b.get("/county/\(Self.tanghe)/report.csv?month=2019-09")
            #expect(csv.status == .ok)
            #expect(csv.body.contains("411328"))
            #expect(!csv.body.contains("411326"))
            let pdf = try await b.get("/county/\(Self.tanghe)/report.pdf?month=2019-09")
            #expect(pdf.bytes.starts(with: Array("%PDF".utf8)))
            #expect(try await b.get("/county/\(Self.tanghe)/report?month=2019-13").status == .unprocessableContent)
        }
    }
}
