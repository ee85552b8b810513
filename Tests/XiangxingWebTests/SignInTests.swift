import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport
@testable import XiangxingWeb

/// Signing in and out, the session cookie, CSRF, the lock-out, and the
/// rule that a page not the account's answers 404.
@Suite struct SignInTests {
    @Test(arguments: TestBackend.all) func aSignedOutVisitorIsSentToTheLoginPageWhichAsksInChinese(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, _ in
            let b = Browser(client)
            let office = try await b.get("/office/counties")
            #expect(office.status == .seeOther)
            #expect(office.location == "/login?next=%2Foffice%2Fcounties")
            let login = try await b.get("/login")
            #expect(login.status == .ok)
            #expect(login.body.contains("<html lang=\"zh-CN\">"))
            #expect(login.body.contains("name=\"username\"") && login.body.contains("name=\"password\""))
            #expect(login.csrf?.count == 43)
        }
    }

    @Test(arguments: TestBackend.all) func signingInSetsAnHttpOnlySameSiteCookieAndLeadsEachRoleHome(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, _ in
            for (user, home) in [(WebFixture.office, "/office"), (WebFixture.tanghe, "/county/411328"), (WebFixture.trainer, "/trainer/T001")] {
                let b = Browser(client)
                try await b.get("/login")
                let page = try await b.post("/login", form: [("username", user), ("password", WebFixture.password)])
                #expect(page.status == .seeOther)
                #expect(page.location == home)
                let cookie = try #require(page.headers[values: .setCookie].first { $0.hasPrefix("xx_session=") })
                #expect(cookie.contains("HttpOnly"))
                #expect(cookie.contains("SameSite=Lax"))
                #expect(cookie.contains("Path=/"))
            }
        }
    }

    @Test(arguments: TestBackend.all) func aWrongPasswordIsRefusedWithoutSayingWhetherTheNameExistsAndTheFifthLocksTheAccount(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, _ in
            let b = Browser(client)
            let unknown = try await b.login("nobody", password: "whatever-1")
            #expect(unknown.status == .unauthorized)
            #expect(unknown.body.contains("账号或密码不对"))
            for _ in 1...4 {
                let wrong = try await b.login(WebFixture.tanghe, password: "not-the-password")
                #expect(wrong.status == .unauthorized)
                #expect(wrong.body.contains("账号或密码不对"))
            }
            let fifth = try await b.login(WebFixture.tanghe, password: "not-the-password")
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.body.contains("已锁定"))
            // Locked: even the right password is refused until the lock ends.
            let right = try await b.login(WebFixture.tanghe)
            #expect(right.status == .tooManyRequests)
            #expect(b.cookies["xx_session"] == nil)
            // Another account is not affected.
            let other = try await Browser(client).login(WebFixture.xichuan)
            #expect(other.status == .seeOther)
        }
    }

    @Test(arguments: TestBackend.all) func aFormWithoutTheSessionsTokenIsRefusedAndChangesNothing(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            let forged = try await b.post("/account/password", form: [("old", WebFixture.password), ("new", "新密码-2019-abc"), ("again", "新密码-2019-abc")],
                                          csrf: "forged")
            #expect(forged.status == .forbidden)
            #expect(forged.body.contains("页面已过期"))
            // Still the old password.
            let store = try PlanStore(path: path)
            #expect(try Accounts.signIn(WebFixture.tanghe, password: WebFixture.password, store: store) != .refused)
        }
    }

    @Test(arguments: TestBackend.all) func changingThePasswordSignsOutAndIsLoggedUnderTheAccountsName(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.tanghe)
            try await b.get("/account")
            let done = try await b.post("/account/password", form: [("old", WebFixture.password), ("new", "新密码-2019-abc"), ("again", "新密码-2019-abc")])
            #expect(done.status == .seeOther)
            #expect(done.location == "/login")
            #expect(try await b.get("/county/411328").status == .seeOther)
            #expect(try await Browser(client).login(WebFixture.tanghe, password: "新密码-2019-abc").status == .seeOther)
            let events = try PlanStore(path: path).events()
            let last = try #require(events.last)
            #expect(last.kind == .passwordChanged)
            #expect(last.who == "web:tanghe")
            #expect(!last.description.zh.contains("新密码"))
        }
    }

    @Test(arguments: TestBackend.all) func officePagesAnswer404ToACountyClerkAndATrainerNotARedirectOrAnEmptyPage(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, _ in
            let office = Browser(client)
            try await office.login(WebFixture.office)
            let counties = try await office.get("/office/counties")
            #expect(counties.status == .ok)
            #expect(counties.body.contains("唐河县") && counties.body.contains("鸭河工区"))
            #expect(counties.links.filter { $0.hasPrefix("/county/") }.count == 17)
            let trainers = try await office.get("/office/trainers")
            #expect(trainers.body.contains("单志刚"))
            for user in [WebFixture.tanghe, WebFixture.trainer] {
                let b = Browser(client)
                try await b.login(user)
                for path in ["/office/counties", "/office/trainers", "/no/such/page"] {
                    let page = try await b.get(path)
                    #expect(page.status == .notFound, "\(user) \(path)")
                    #expect(page.body.contains("找不到页面"))
                    #expect(!page.body.contains("唐河县") || user == WebFixture.tanghe)
                }
            }
        }
    }

    @Test(arguments: TestBackend.all) func theStylesheetAndLoginNeedNoAccountAndAnOffsiteNextIsIgnored(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, _ in
            let b = Browser(client)
            let css = try await b.get("/static/site.css")
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            try await b.get("/login?next=//evil.example/")
            let page = try await b.post("/login", form: [("username", WebFixture.office), ("password", WebFixture.password), ("next", "//evil.example/")])
            #expect(page.location == "/office")
        }
    }
}
