import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiangxingCore
import XiangxingStore
import XiangxingTestSupport

/// County isolation, proved by enumeration: every page the office can reach
/// by following links is requested as another county's clerk and as a
/// trainer. Each must answer 404 unless it is theirs, and no page they can
/// open holds a name, ID or phone of a person of another county.
@Suite struct IsolationTests {
    /// Every GET link reachable from the office's home page (breadth first).
    /// Downloads (a PDF, a workbook) are listed, not fetched as the office: they hold no links,
    /// and making every class's sheet would only slow the crawl; the others still request them.
    static func crawl(_ b: Browser, from start: [String], limit: Int = 6000) async throws -> [String: Page] {
        var seen: [String: Page] = [:]
        var queue = start
        while let path = queue.first, seen.count < limit {
            queue.removeFirst()
            guard seen[path] == nil else { continue }
            let file = path.split(separator: "?")[0]
            if [".pdf", ".xlsx", ".csv", ".ics", ".txt"].contains(where: { file.hasSuffix($0) }) {
                seen[path] = Page(status: .ok, headers: [.contentType: "application/octet-stream"], body: "", bytes: [])
                continue
            }
            let page = try await b.get(path)
            seen[path] = page
            guard page.status == .ok, page.headers[.contentType]?.hasPrefix("text/html") == true else { continue }
            for link in page.hrefs where link.hasPrefix("/") && !link.hasPrefix("//") && seen[link] == nil {
                if link.hasPrefix("/logout") || link.hasPrefix("/login") { continue }
                queue.append(link)
            }
        }
        return seen
    }

    /// Pages every signed-in account has (their own account page, the stylesheet, home).
    static func isCommon(_ path: String) -> Bool {
        path == "/" || path == "/account" || path.hasPrefix("/static/")
    }

    @Test(arguments: TestBackend.all) func noPageTheOfficeCanReachShowsAnotherCountysPeopleToAClerkOrAnyoneToATrainer(_ backend: TestBackend) async throws {
        try await WebFixture.withApp(backend) { client, path in
            let office = Browser(client)
            try await office.login(WebFixture.office)
            let pages = try await Self.crawl(office, from: ["/office", "/office/counties", "/office/trainers"])
            let reached = pages.filter { $0.value.status == .ok }.keys
            // The crawl must really reach the counties' and trainers' pages, or it proves nothing.
            #expect(reached.contains("/county/411328"))
            #expect(reached.contains("/trainer/T001"))
            #expect(reached.filter { $0.hasPrefix("/county/411328/") }.count >= 3, "唐河县 pages reached: \(reached.filter { $0.hasPrefix("/county/411328") }.sorted())")

            let scenario = try #require(try PlanStore(path: path).currentScenario())
            let people = scenario.attendees ?? []
            let xichuan = WebFixture.xichuanCode
            // Identifiers of people outside 淅川县: IDs, phones, and names no 淅川县 person shares.
            // Trainers' names are on class pages by design; a person may share one.
            let ownNames = Set(people.filter { $0.county == xichuan }.map(\.name)).union(scenario.trainers.map(\.name))
            // A name is looked for as a whole cell (王海 is part of 王海燕).
            let foreign = people.filter { $0.county != xichuan }
            let ownMasked = Set(people.filter { $0.county == xichuan }.map { ResidentID.masked($0.idNumber) })
            let foreignMarks = foreign.flatMap { [$0.idNumber, $0.phone] }
                + foreign.map { ResidentID.masked($0.idNumber) }.filter { !ownMasked.contains($0) }
                + foreign.map(\.name).filter { !ownNames.contains($0) }.map { ">\($0)<" }

            let clerk = Browser(client)
            try await clerk.login(WebFixture.xichuan)
            let trainer = Browser(client)
            try await trainer.login(WebFixture.trainer)
            var checked = 0
            for url in reached.sorted() where !Self.isCommon(url) {
                let asClerk = try await clerk.get(url)
                if url == "/county/\(xichuan)" || url.hasPrefix("/county/\(xichuan)/") {
                    if asClerk.status == .ok, asClerk.headers[.contentType]?.hasPrefix("text/") == true {
                        let leaked = foreignMarks.first { asClerk.body.contains($0) }
                        #expect(leaked == nil, "\(url) shows 淅川县's clerk a person of another county")
                    }
                } else {
                    #expect(asClerk.status == .notFound, "淅川县's clerk: \(url) answered \(asClerk.status.code)")
                }
                let asTrainer = try await trainer.get(url)
                if url == "/trainer/T001" || url.hasPrefix("/trainer/T001/") {
                    if asTrainer.status == .ok, asTrainer.headers[.contentType]?.hasPrefix("text/") == true {
                        let leaked = people.first { asTrainer.body.contains($0.idNumber) || asTrainer.body.contains($0.phone) || asTrainer.body.contains(ResidentID.masked($0.idNumber)) }
                        #expect(leaked == nil, "\(url) shows the trainer an attendee's ID or phone")
                    }
                } else {
                    #expect(asTrainer.status == .notFound, "trainer T001: \(url) answered \(asTrainer.status.code)")
                }
                checked += 1
            }
            #expect(checked >= 20)

            // Every form the office's pages post to, posted by the other county's clerk and by the
            // trainer with their own session's token: 404 unless it is theirs, and nothing changes.
            let eventsBefore = try PlanStore(path: path).events().count
            let actions = Set(pages.values.filter { $0.status == .ok }.flatMap(\.postActions))
                .filter { $0.hasPrefix("/") && !$0.hasPrefix("/logout") && !$0.hasPrefix("/login") && !$0.hasPrefix("/account") }
            for action in actions.sorted() {
                if !(action.hasPrefix("/county/\(xichuan)/") || action == "/county/\(xichuan)") {
                    let posted = try await clerk.post(action, form: [])
                    #expect(posted.status == .notFound, "淅川县's clerk POST \(action) answered \(posted.status.code)")
                }
                if !action.hasPrefix("/trainer/T001/") {
                    let posted = try await trainer.post(action, form: [])
                    #expect(posted.status == .notFound, "trainer T001 POST \(action) answered \(posted.status.code)")
                }
            }
            #expect(try PlanStore(path: path).events().count == eventsBefore)
            print("isolation: \(reached.count) pages reached by the office, \(checked) requested as 淅川县's clerk and as trainer T001; \(actions.count) form targets posted")
        }
    }
}

extension Page {
    /// The targets of the page's POST forms.
    var postActions: [String] {
        var out: [String] = []
        var rest = body[...]
        while let r = rest.range(of: "<form") {
            let tag = rest[r.upperBound...].prefix { $0 != ">" }
            if tag.lowercased().contains("method=\"post\""), let a = tag.range(of: "action=\"") {
                out.append(String(tag[a.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&"))
            }
            rest = rest[r.upperBound...]
        }
        return out
    }

    /// The page's href links only (what a GET crawl follows).
    var hrefs: [String] {
        var out: [String] = []
        var rest = body[...]
        while let r = rest.range(of: "href=\"") {
            out.append(String(rest[r.upperBound...].prefix { $0 != "\"" }).replacingOccurrences(of: "&amp;", with: "&"))
            rest = rest[r.upperBound...]
        }
        return out
    }
}
