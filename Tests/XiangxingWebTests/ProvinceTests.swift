import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport
import XiangxingWeb

/// One server for a province: `serve --db postgres://…` without `?city=`
/// serves every city of the database; each city's accounts, scenarios and
/// log are its own. Two cities here, both the Nanyang demo copied into a
/// PostgreSQL city of its own, with different office passwords.
@Suite(.enabled(if: !TestPostgres.skipped, "XIANGXING_SKIP_POSTGRES=1: the province server needs PostgreSQL"))
struct ProvinceTests {
    static let otherPassword = "信阳-test-2019"

    /// The database (no city) with two fresh cities, each a `store copy`
    /// of the web fixture's store: `a` as it is, `b` with another office
    /// password and no county clerks.
    static func province() throws -> (database: PostgresLocation, a: String, b: String) {
        let server = try TestPostgres.server.get()
        let tag = String(UInt32.random(in: 0 ... .max), radix: 16)
        let a = "web_a\(tag)", b = "web_b\(tag)"
        for city in [a, b] { _ = try StoreCopy.copy(from: try WebFixture.base.get().path, to: server.withCity(city).url) }
        let other = OfficeStore(path: server.withCity(b).url, language: .zh, who: "王秀英")
        try Accounts.changePassword(WebFixture.office, to: otherPassword, in: other)
        for clerk in [WebFixture.tanghe, WebFixture.xichuan] { try Accounts.remove(clerk, from: other) }
        return (server, a, b)
    }

    @Test func signInAsksTheCityAndASessionReachesOnlyItsOwnCitysStore() async throws {
        let (database, a, b) = try Self.province()
        let app = try await WebServer.application(WebConfig(database: database.url, today: WebFixture.today),
                                                  logger: WebFixture.quietLogger)
        defer { for c in [a, b] { try? PostgresBackend.dropCity(database.withCity(c)) } }
        try await app.test(.router) { client in
            let browser = Browser(client)
            let form = try await browser.get("/login")
            #expect(form.body.contains("name=\"city\""), "the sign-in form asks the city")
            #expect(form.body.contains("value=\"\(a)\"") && form.body.contains("value=\"\(b)\""))

            // A's password is not B's: the same name in another city is another account.
            let wrong = try await browser.post("/login", form: [("city", b), ("username", WebFixture.office),
                                                                ("password", WebFixture.password), ("next", "")])
            #expect(wrong.status == .unauthorized)
            // B has no 唐河县 clerk at all.
            try await browser.get("/login")
            let noClerk = try await browser.post("/login", form: [("city", b), ("username", WebFixture.tanghe),
                                                                  ("password", WebFixture.password), ("next", "")])
            #expect(noClerk.status == .unauthorized)
            // A city the database does not hold is refused like a wrong password.
            try await browser.get("/login")
            let nowhere = try await browser.post("/login", form: [("city", "xinyang_none"), ("username", WebFixture.office),
                                                                  ("password", WebFixture.password), ("next", "")])
            #expect(nowhere.status == .unauthorized)

            // Signed in to A, a change lands in A's log only.
            try await browser.get("/login")
            let signedIn = try await browser.post("/login", form: [("city", a), ("username", WebFixture.office),
                                                                   ("password", WebFixture.password), ("next", "")])
            #expect(signedIn.location == "/office")
            try await browser.get("/office/changes")
            let recorded = try await browser.post("/office/changes/unavailable",
                                                  form: [("trainer", "T001"), ("from", "2019-10-08"), ("to", "2019-10-09"), ("reason", "省里开会")])
            #expect(recorded.body.contains("已记录：讲师 单志刚（T001）"))
            let inA = try PlanStore(path: database.withCity(a).url).events().last
            let logB = try PlanStore(path: database.withCity(b).url).events()
            #expect(inA?.who == "web:office" && inA?.kind == .trainerUnavailable)
            #expect(!logB.contains { $0.kind == .trainerUnavailable }, "B's log is untouched")

            // B's office signs in with B's password and sees B's log, without A's change.
            let other = Browser(client)
            try await other.get("/login")
            let bIn = try await other.post("/login", form: [("city", b), ("username", WebFixture.office),
                                                            ("password", Self.otherPassword), ("next", "")])
            #expect(bIn.location == "/office")
            let bChanges = try await other.get("/office/changes")
            #expect(bChanges.status == .ok && !bChanges.body.contains("省里开会"))
            #expect(try await browser.get("/office/changes").body.contains("省里开会"), "A's page shows it")
        }
    }
}
