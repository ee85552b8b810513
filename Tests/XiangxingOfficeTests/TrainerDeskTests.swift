import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingPrint
import XiangxingStore
import XiangxingTestSupport

/// What a trainer's pages are made of, called as the web calls it: their
/// engagements from today, one class they teach, the itinerary PDF and the
/// calendar subscription with its token.
@Suite struct TrainerDeskTests {
    /// A trainer of the demo's plan with classes before and after 2019-07-01.
    static func busyTrainer(_ office: OfficeStore) throws -> (String, Day) {
        let v = try office.version(try office.open(), nil)
        let today = day("2019-07-01")
        let trainers = Set(v.plan.sessions.flatMap(\.trainers)).sorted()
        let id = try #require(trainers.first { t in
            let mine = v.plan.sessions.filter { $0.trainers.contains(t) }
            return mine.contains { $0.dates.max()! < today } && mine.contains { $0.dates.min()! >= today }
        })
        return (id, today)
    }

    @Test func aTrainersEngagementsComeFromTodayInDateOrderWithCountyVenueAndTheRoadOfTheItinerary() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let (trainer, today) = try Self.busyTrainer(office)
        let mine = try Engagements.of(office, trainer: trainer, today: today)
        #expect(!mine.coming.isEmpty && !mine.past.isEmpty)
        #expect(mine.coming.allSatisfy { $0.last >= today })
        #expect(mine.past.allSatisfy { $0.last < today })
        #expect(mine.coming.map(\.first) == mine.coming.map(\.first).sorted())
        #expect(mine.past.map(\.first) == mine.past.map(\.first).sorted().reversed())
        #expect(mine.coming.allSatisfy { !$0.county.name.isEmpty && !$0.venueName.isEmpty })
        // The same legs as the printed itinerary (TrainerTravel), not a second computation.
        let printed = try #require(try Itineraries.prepare(.store(office, version: nil), store: office.path, trainer: trainer, notice: { _ in }).itineraries.first)
        #expect(mine.past.reversed() + mine.coming == printed.engagements)
        #expect(mine.coming.first?.arrival.km == printed.engagements.first { $0.last >= today }?.arrival.km)
    }

    @Test func aClassPageCountsItsPeopleByTownshipAndASessionTheTrainerDoesNotTeachIsNone() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let plan = saved.output.plan
        let mine = try #require(plan.sessions.first { $0.type == .trainingClass && (plan.assignments?[$0.id]?.count ?? 0) > 0 })
        let trainer = mine.trainers[0]
        let page = try #require(try Engagements.session(office, trainer: trainer, session: mine.id))
        #expect(page.enrolled == plan.assignments?[mine.id]?.count)
        #expect(page.townships.reduce(0) { $0 + $1.people } == page.enrolled)
        #expect(page.townships.allSatisfy { !$0.name.contains(where: \.isNumber) })
        let other = try #require(plan.sessions.first { !$0.trainers.contains(trainer) })
        #expect(try Engagements.session(office, trainer: trainer, session: other.id) == nil)
        #expect(try Engagements.session(office, trainer: trainer, session: "NO-SUCH-1") == nil)
    }

    @Test func theItineraryPDFIsTheDocumentTheCommandWrites() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let (trainer, _) = try Self.busyTrainer(office)
        let made = try Itineraries.prepare(.store(office, version: nil), store: office.path, trainer: trainer, notice: { _ in })
        let bytes = try Itineraries.pdf(made.itineraries[0])
        #expect(bytes.starts(with: Array("%PDF-".utf8)))
        #expect(made.version == 1)
    }

    @Test func aCalendarTokenFindsTheFeedUntilRevokedAndANewOneWorks() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let (trainer, _) = try Self.busyTrainer(office)
        #expect(try CalendarFeeds.current(office, trainer: trainer) == nil)
        let first = try CalendarFeeds.create(office, trainer: trainer)
        #expect(first.token.count == 43 && CalendarFeeds.looksLikeToken(first.token))
        #expect(Data(base64Encoded: first.token.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/") + "=")?.count == 32)
        let feed = try #require(try CalendarFeeds.feed(office, token: first.token))
        #expect(feed.trainer == trainer && feed.ics.hasPrefix("BEGIN:VCALENDAR"))
        #expect(feed.ics.contains("UID:") && feed.ics.contains(".\(trainer)@xiangxing"))

        let second = try CalendarFeeds.create(office, trainer: trainer)
        #expect(second.token != first.token)
        #expect(try CalendarFeeds.feed(office, token: first.token) == nil)
        #expect(try CalendarFeeds.feed(office, token: second.token)?.trainer == trainer)
        #expect(try CalendarFeeds.revoke(office, trainer: trainer))
        #expect(try CalendarFeeds.feed(office, token: second.token) == nil)
        let third = try CalendarFeeds.create(office, trainer: trainer)
        #expect(try CalendarFeeds.feed(office, token: third.token) != nil)
        #expect(try CalendarFeeds.feed(office, token: "../../etc/passwd") == nil)
        // The log says who, never the secret.
        let log = try office.open().events().filter { $0.kind == .calendarTokenCreated || $0.kind == .calendarTokenRevoked }
        #expect(log.count == 5 && log.allSatisfy { $0.who == "王秀英" })
        #expect(log.allSatisfy { e in ![first, second, third].contains { e.description.zh.contains($0.token) || e.description.en.contains($0.token) } })
    }

    @Test func theFeedCancelsAClassARePlanTookFromTheTrainer() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let ill = try #require(saved.output.plan.sessions.first { $0.type == .trainingClass && $0.trainers.count == 1 })
        let trainer = ill.trainers[0]
        let token = try CalendarFeeds.create(office, trainer: trainer).token
        let days = ill.dates.sorted()
        _ = try Changes.trainerUnavailable(office, trainer: trainer, from: days.first!, through: days.last!, reason: "病假", notice: { _ in })
        let re = try Planning.replan(office, out: tmp.url.appendingPathComponent("plan-v2").path, reason: nil, seed: 1, timeLimit: 20, notice: { _ in })
        #expect(re.version == 2)
        #expect(!(re.output.plan.sessions.first { $0.id == ill.id }?.trainers.contains(trainer) ?? false))

        let ics = try #require(try CalendarFeeds.feed(office, token: token)).ics
        let uid = "UID:" + ItineraryCalendar.uid(session: ill.id, trainer: trainer)
        let event = try #require(ics.components(separatedBy: "BEGIN:VEVENT").first { $0.contains(uid) })
        #expect(event.contains("STATUS:CANCELLED"))
        let mine = try Engagements.of(office, trainer: trainer, today: day("2019-01-01"))
        #expect(mine.cancelled.contains { $0.engagement.sessionID == ill.id })
        #expect(mine.version == 2)
    }
}
