import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport
@testable import XiangxingWeb

/// A trainer's pages over the demo (today 2019-09-01): their
/// engagements, the classes they teach and nobody else's, no attendee's ID
/// or phone anywhere, the itinerary PDF and the calendar subscription.
@Suite struct TrainerPagesTests {
    static let me = WebFixture.trainerID

    /// Every 18-character resident ID or mainland mobile number in a text (runs of digits, X last), masked ones too.
    static func personalNumbers(_ text: String) -> [String] {
        var found: [String] = []
        var run = ""
        for ch in text + " " {
            if ch.isASCII && (ch.isNumber || ((ch == "X" || ch == "x") && run.count == 17)) { run.append(ch); continue }
            if run.count == 18 || (run.count == 11 && run.hasPrefix("1")) { found.append(run) }
            run = ""
        }
        for p in [#"[0-9]{6}\*{8}[0-9]{3}[0-9Xx]"#, #"1[3-9][0-9]\*{4}[0-9]{4}"#] {
            found += text.ranges(of: try! Regex(p)).map { String(text[$0]) }
        }
        return found
    }

    /// A trainer of the demo's plan with work before and after the fixture's today, signed in with an account of their own.
    static func busyTrainer(_ client: any TestClientProtocol, _ path: String) async throws -> (String, Browser) {
        let plan = try #require(try PlanStore(path: path).latestVersion()).plan
        let trainers = Set(plan.sessions.flatMap(\.trainers)).sorted()
        let id = try #require(trainers.first { t in
            let mine = plan.sessions.filter { $0.trainers.contains(t) }
            return mine.contains { $0.dates.max()! < WebFixture.today } && mine.filter { $0.dates.min()! >= WebFixture.today }.count >= 2
        })
        return (id, try await signedIn(client, path, as: "busy", trainer: id))
    }

    /// A trainer of the demo's plan whose work all ended before the fixture's today, signed in with an account of their own.
    static func idleTrainer(_ client: any TestClientProtocol, _ path: String) async throws -> (String, Browser) {
        let plan = try #require(try PlanStore(path: path).latestVersion()).plan
        let trainers = Set(plan.sessions.flatMap(\.trainers)).sorted()
        let id = try #require(trainers.first { t in
            plan.sessions.filter { $0.trainers.contains(t) }.allSatisfy { $0.dates.max()! < WebFixture.today }
        })
        return (id, try await signedIn(client, path, as: "idle", trainer: id))
    }

    /// An account for one trainer, added the way the office adds it, and a browser signed in with it.
    static func signedIn(_ client: any TestClientProtocol, _ path: String, as username: String, trainer id: String) async throws -> Browser {
        _ = try Accounts.add(.init(username: username, role: .trainer, trainer: id, password: WebFixture.password),
                             into: OfficeStore(path: path, language: .zh, who: "王秀英"), notice: { _ in })
        let b = Browser(client)
        try await b.login(username)
        return b
    }

    /// The feed parsed by python3-icalendar: each event's UID and STATUS.
    static func parsedEvents(_ ics: String) throws -> [String: String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        p.arguments = ["-c", """
            import sys, icalendar
            cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
            for e in cal.walk('VEVENT'):
                print(str(e['UID']) + '\\t' + str(e.get('STATUS', 'CONFIRMED')))
            """]
        let input = Pipe(), output = Pipe(), errors = Pipe()
        p.standardInput = input; p.standardOutput = output; p.standardError = errors
        try p.run()
        input.fileHandleForWriting.write(Data(ics.utf8))
        try input.fileHandleForWriting.close()
        let out = output.fileHandleForReading.readDataToEndOfFile()
        let err = errors.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw WebFixture.Failure(message: "icalendar refused the feed: " + String(decoding: err, as: UTF8.self))
        }
        var events: [String: String] = [:]
        for line in String(decoding: out, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t")
            events[String(parts[0])] = String(parts[1])
        }
        return events
    }

    /// The token in the calendar page's subscription URL.
    static func token(_ page: Page) -> String? {
        guard let r = page.body.range(of: "/calendar/"), let end = page.body[r.upperBound...].range(of: ".ics") else { return nil }
        let token = String(page.body[r.upperBound..<end.lowerBound])
        return CalendarFeeds.looksLikeToken(token) ? token : nil
    }

    @Test(arguments: TestBackend.all) func theTrainerSeesTheComingEngagementsInDateOrderWithCountyVenueAndRoadThenThePastFolded(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let (id, b) = try await Self.busyTrainer(client, path)
            let page = try await b.get("/trainer/\(id)")
            #expect(page.status == .ok)
            let mine = try Engagements.of(OfficeStore(path: path), trainer: id, today: WebFixture.today)
            #expect(!mine.coming.isEmpty && !mine.past.isEmpty)
            let body = page.body
            #expect(body.contains(mine.trainer.name + "的行程"))
            var at = body.startIndex
            for card in try mine.comingCards() {
                let found = try #require(body.range(of: card.dates, range: at..<body.endIndex), "\(card.sessionID)'s dates \(card.dates) out of order")
                let item = body[found.lowerBound...].prefix(2000)
                #expect(item.contains(card.county) && item.contains(card.venue) && item.contains(card.course))
                #expect(item.contains(card.arrival))
                at = found.upperBound
            }
            #expect(try #require(mine.comingCards().first).dates.contains("年") && body.contains("（星期"))
            // The past come after, inside a folded <details>.
            let folded = try #require(body.range(of: "<details"))
            #expect(body.range(of: try mine.pastCards()[0].dates, range: folded.upperBound..<body.endIndex) != nil)
            #expect(body.contains("<meta name=\"viewport\""))
            // A trainer with nothing left after the fixture's today in the demo's plan: the page says so.
            let (idleID, done) = try await Self.idleTrainer(client, path)
            let idle = try await done.get("/trainer/\(idleID)")
            #expect(idle.status == .ok && idle.body.contains("自今天起没有安排任务"))
        }
    }

    @Test(arguments: TestBackend.all) func anotherTrainersPagesAndAClassTheTrainerDoesNotTeachAnswer404(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.trainer)
            for other in ["/trainer/T002", "/trainer/T002/calendar", "/trainer/T002/itinerary.pdf", "/trainer/T002/sessions/D001-1",
                          "/county/411328", "/office"] {
                #expect(try await b.get(other).status == .notFound, "\(other)")
            }
            let plan = try #require(try PlanStore(path: path).latestVersion()).plan
            let notMine = try #require(plan.sessions.first { !$0.trainers.contains(Self.me) })
            #expect(try await b.get("/trainer/\(Self.me)/sessions/\(notMine.id)").status == .notFound)
            #expect(try await b.get("/trainer/\(Self.me)/sessions/NO-SUCH-1").status == .notFound)
            let mine = try #require(plan.sessions.first { $0.trainers.contains(Self.me) && $0.type == .trainingClass })
            let page = try await b.get("/trainer/\(Self.me)/sessions/\(mine.id)")
            #expect(page.status == .ok)
            #expect(page.body.contains("\(plan.assignments?[mine.id]?.count ?? mine.attendees) 人"))
            // A county clerk is no trainer.
            let clerk = Browser(client)
            try await clerk.login(WebFixture.tanghe)
            #expect(try await clerk.get("/trainer/\(Self.me)").status == .notFound)
            #expect(try await clerk.get("/trainer/\(Self.me)/sessions/\(mine.id)").status == .notFound)
        }
    }

    @Test(arguments: TestBackend.all) func noResidentIDNorPhoneOnAnyOfTheTrainersPages(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.trainer)
            try await b.post("/trainer/\(Self.me)/calendar/new", form: [])
            let home = try await b.get("/trainer/\(Self.me)")
            let sessions = Set(home.links.filter { $0.hasPrefix("/trainer/\(Self.me)/sessions/") })
            #expect(!sessions.isEmpty)
            let people = try #require(try PlanStore(path: path).currentScenario()).attendees ?? []
            for url in ["/trainer/\(Self.me)", "/trainer/\(Self.me)/calendar"] + sessions.sorted() {
                let page = try await b.get(url)
                #expect(page.status == .ok, "\(url)")
                #expect(Self.personalNumbers(page.body).isEmpty, "\(url) shows \(Self.personalNumbers(page.body).count) personal number(s)")
                let leaked = people.first { page.body.contains($0.idNumber) || (!$0.phone.isEmpty && page.body.contains($0.phone)) }
                #expect(leaked == nil, "\(url) shows an attendee's ID or phone")
            }
            let token = try #require(Self.token(try await b.get("/trainer/\(Self.me)/calendar")))
            let feed = try await Browser(client).get("/calendar/\(token).ics")
            #expect(Self.personalNumbers(feed.body).isEmpty)
        }
    }

    @Test(arguments: TestBackend.all) func theItineraryPDFDownloadsAsTheCommandsDocument(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, _ in
            let b = Browser(client)
            try await b.login(WebFixture.trainer)
            let pdf = try await b.get("/trainer/\(Self.me)/itinerary.pdf")
            #expect(pdf.status == .ok)
            #expect(pdf.headers[.contentType] == "application/pdf")
            #expect(pdf.bytes.starts(with: Array("%PDF-".utf8)))
            #expect(pdf.headers[.contentDisposition]?.contains(Browser.encode("讲师行程表-T001-单志刚.pdf")) == true)
        }
    }

    @Test(arguments: TestBackend.all) func theCalendarURLIsMadeFetchedWithoutLoginRevokedAndReplaced(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.trainer)
            let empty = try await b.get("/trainer/\(Self.me)/calendar")
            #expect(empty.status == .ok && Self.token(empty) == nil && empty.body.contains("创建订阅地址"))
            // A form without the session's token changes nothing.
            #expect(try await b.post("/trainer/\(Self.me)/calendar/new", form: [], csrf: "forged").status == .forbidden)
            #expect(Self.token(try await b.get("/trainer/\(Self.me)/calendar")) == nil)

            let made = try await b.post("/trainer/\(Self.me)/calendar/new", form: [])
            #expect(made.status == .seeOther && made.location == "/trainer/\(Self.me)/calendar")
            let shown = try await b.get("/trainer/\(Self.me)/calendar")
            let first = try #require(Self.token(shown))
            #expect(shown.body.contains("https://") && shown.body.contains("/calendar/\(first).ics"))

            let phone = Browser(client)   // no login: a phone calendar
            let feed = try await phone.get("/calendar/\(first).ics")
            #expect(feed.status == .ok)
            #expect(feed.headers[.contentType] == "text/calendar; charset=utf-8")
            let events = try Self.parsedEvents(feed.body)
            let sessions = try #require(try PlanStore(path: path).latestVersion()).plan.sessions.filter { $0.trainers.contains(Self.me) }
            #expect(Set(events.keys) == Set(sessions.map { "\($0.id).\(Self.me)@xiangxing" }))

            try await b.post("/trainer/\(Self.me)/calendar/new", form: [])   // revoke and replace
            let second = try #require(Self.token(try await b.get("/trainer/\(Self.me)/calendar")))
            #expect(second != first)
            #expect(try await phone.get("/calendar/\(first).ics").status == .notFound)
            #expect(try await phone.get("/calendar/\(second).ics").status == .ok)
            try await b.post("/trainer/\(Self.me)/calendar/revoke", form: [])
            #expect(try await phone.get("/calendar/\(second).ics").status == .notFound)
            #expect(try await phone.get("/calendar/not-a-token.ics").status == .notFound)
            // The log names the account, never the token.
            let log = try PlanStore(path: path).events().filter { $0.kind == .calendarTokenCreated || $0.kind == .calendarTokenRevoked }
            #expect(log.count == 4 && log.allSatisfy { $0.who == "web:\(WebFixture.trainer)" && $0.subject == Self.me })
            #expect(log.allSatisfy { !$0.description.zh.contains(first) && !$0.description.zh.contains(second) })
        }
    }

    @Test(arguments: TestBackend.all) func afterARePlanTookAClassAwayTheFeedCarriesItCancelled(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let b = Browser(client)
            try await b.login(WebFixture.trainer)
            try await b.post("/trainer/\(Self.me)/calendar/new", form: [])
            let token = try #require(Self.token(try await b.get("/trainer/\(Self.me)/calendar")))

            // T001 falls ill on the days of a class they teach alone; the re-plan gives it to someone else.
            let office = OfficeStore(path: path, language: .zh, who: "王秀英")
            let plan = try #require(try PlanStore(path: path).latestVersion()).plan
            let ill = try #require(plan.sessions.first { $0.trainers == [Self.me] && $0.type == .trainingClass })
            let days = ill.dates.sorted()
            _ = try Changes.trainerUnavailable(office, trainer: Self.me, from: days.first!, through: days.last!, reason: "病假", notice: { _ in })
            let tmp = try TemporaryFolder()
            let re = try Planning.replan(office, out: tmp.url.appendingPathComponent("plan-v2").path, reason: nil, seed: 1, timeLimit: 30, notice: { _ in })
            #expect(!(re.output.plan.sessions.first { $0.id == ill.id }?.trainers.contains(Self.me) ?? false))

            let feed = try await Browser(client).get("/calendar/\(token).ics")
            #expect(feed.status == .ok)
            let events = try Self.parsedEvents(feed.body)
            #expect(events["\(ill.id).\(Self.me)@xiangxing"] == "CANCELLED")
            let home = try await b.get("/trainer/\(Self.me)")
            #expect(home.body.contains("已取消") && home.body.contains(ill.id))
        }
    }
}
