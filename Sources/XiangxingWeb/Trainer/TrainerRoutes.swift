import Foundation
import Hummingbird
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// A trainer's pages (`/trainer/{id}/…`): their engagements, one class they
/// teach, the itinerary PDF and their calendar subscription; and the
/// subscription feed itself (`/calendar/{token}.ics`), which needs no login
/// because phone calendars cannot log in. Each trainer page starts with
/// `ctx.requireTrainer(id)`: the office or that trainer, anyone else 404.
/// No attendee's ID or phone is ever on these pages.
public enum TrainerRoutes {
    public static func add(to router: Router<WebContext>) {
        router.get("/trainer/:id") { request, ctx in
            let id = try ctx.parameter("id")
            try ctx.requireTrainer(id)
            let office = ctx.office, today = ctx.today
            let mine = try await Blocking.run { try Engagements.of(office, trainer: id, today: today) }
            let data = try TrainerPages.engagements(mine, today: today)
            return try await Pages.render("trainer-engagements", title: "\(mine.trainer.name)的行程", data, ctx)
        }
        router.get("/trainer/:id/sessions/:session") { request, ctx in
            let id = try ctx.parameter("id")
            try ctx.requireTrainer(id)
            let session = try ctx.parameter("session")
            let office = ctx.office
            guard let page = try await Blocking.run({ try Engagements.session(office, trainer: id, session: session) }) else {
                throw WebError.notFound
            }
            let data = try TrainerPages.session(page, trainer: id)
            return try await Pages.render("trainer-session", title: "\(page.engagement.kindName)（\(page.engagement.type == .trainingClass ? "期次" : "站点") \(session)）", data, ctx)
        }
        router.get("/trainer/:id/itinerary.pdf") { request, ctx in
            let id = try ctx.parameter("id")
            try ctx.requireTrainer(id)
            let office = ctx.office
            let (bytes, name) = try await Blocking.run { () throws -> ([UInt8], String) in
                let made = try Itineraries.prepare(.store(office, version: nil), store: office.path, trainer: id,
                                                   language: office.language, notice: { _ in })
                guard let it = made.itineraries.first else { throw WebError.notFound }
                return ([UInt8](try Itineraries.pdf(it)), "讲师行程表-" + Itineraries.fileName(it, format: .pdf))
            }
            return Downloads.file(bytes, filename: name, type: "application/pdf")
        }
        router.get("/trainer/:id/calendar") { request, ctx in
            let id = try ctx.parameter("id")
            try ctx.requireTrainer(id)
            let office = ctx.office
            let live = try await Blocking.run { try CalendarFeeds.current(office, trainer: id) }
            return try await Pages.render("trainer-calendar", title: "手机日历订阅",
                                          TrainerPages.calendar(trainer: id, live: live, host: host(request)), ctx)
        }
        router.post("/trainer/:id/calendar/new") { request, ctx in
            let id = try ctx.parameter("id")
            try ctx.requireTrainer(id)
            let office = ctx.office
            _ = try await Blocking.run { try CalendarFeeds.create(office, trainer: id) }
            // Who, never the token: the store's log has the same.
            ctx.logger.info("calendar subscription created", metadata: ["trainer": .string(id), "by": .string(ctx.who)])
            return Response.redirect(to: "/trainer/\(id)/calendar", type: .normal)
        }
        router.post("/trainer/:id/calendar/revoke") { request, ctx in
            let id = try ctx.parameter("id")
            try ctx.requireTrainer(id)
            let office = ctx.office
            _ = try await Blocking.run { try CalendarFeeds.revoke(office, trainer: id) }
            ctx.logger.info("calendar subscription revoked", metadata: ["trainer": .string(id), "by": .string(ctx.who)])
            return Response.redirect(to: "/trainer/\(id)/calendar", type: .normal)
        }
        // No login: the token is the key. Unknown, revoked or malformed: 404, the same answer for each.
        router.get("/calendar/:file") { request, ctx in
            let file = try ctx.parameter("file")
            guard file.hasSuffix(".ics") else { throw WebError.notFound }
            let token = String(file.dropLast(4))
            let state = ctx.state
            // A province's server looks in each city: a token is 256 random bits, never in two.
            let offices = state.servesManyCities ? try await Blocking.run { try state.cities() }.map { OfficeStore(path: state.location(city: $0)) }
                                                 : [ctx.office]
            guard let feed = try await Blocking.run({ try offices.lazy.compactMap { try CalendarFeeds.feed($0, token: token) }.first })
            else { throw WebError.notFound }
            var headers = HTTPFields()
            headers[.contentType] = "text/calendar; charset=utf-8"
            headers[.cacheControl] = "private, no-store"
            return Response(status: .ok, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: feed.ics)))
        }
    }

    /// The host the trainer reached us by, for the subscription URL.
    static func host(_ request: Request) -> String {
        request.head.authority ?? "localhost"
    }
}

/// The data of each trainer page, from the Office's plain values.
enum TrainerPages {
    static func card(_ c: EngagementCard, trainer: String) -> [String: Any] {
        var d: [String: Any] = [
            "trainerID": trainer, "sessionID": c.sessionID, "dates": c.dates, "county": c.county, "venue": c.venue,
            "course": c.course, "courseLine": c.courseLine, "coTrainers": c.coTrainers, "arrival": c.arrival,
            "departure": c.departure, "from": c.from, "km": c.km, "minutes": c.minutes, "isClass": c.isClass,
        ]
        if let days = c.teachingDays { d["teachingDays"] = days }
        if !c.address.isEmpty { d["address"] = c.address }
        return d
    }

    static func engagements(_ mine: TrainerEngagements, today: Day) throws -> [String: Any] {
        let trainer = mine.trainer.id
        let coming = try mine.comingCards().map { card($0, trainer: trainer) }
        let past = try mine.pastCards().map { card($0, trainer: trainer) }
        let cancelled = try mine.cancelledLines()
        return [
            "id": trainer, "name": mine.trainer.name, "home": mine.home.name, "planName": mine.planName,
            "edition": mine.version.map { "排课计划第\($0)版" } ?? "排课计划",
            "totals": mine.totals, "today": ChineseDates.long(today),
            "coming": coming, "comingCount": coming.count, "past": past, "pastCount": past.count,
            "cancelled": cancelled, "hasCancelled": !cancelled.isEmpty,
        ]
    }

    static func session(_ page: TrainerSession, trainer: String) throws -> [String: Any] {
        var d = card(try EngagementCard(page.engagement), trainer: trainer)
        d["id"] = trainer
        d["enrolled"] = page.enrolled
        d["townships"] = page.townships.map { ["name": $0.name, "people": $0.people] as [String: Any] }
        d["hasTownships"] = !page.townships.isEmpty
        return d
    }

    static func calendar(trainer: String, live: CalendarToken?, host: String) -> [String: Any] {
        var d: [String: Any] = ["id": trainer]
        if let live {
            d["url"] = "https://\(host)/calendar/\(live.token).ics"
            d["webcal"] = "webcal://\(host)/calendar/\(live.token).ics"
            d["created"] = CalendarTime.beijing(live.createdAt)
        }
        return d
    }
}

/// "2019-09-10 09:30" in Beijing time.
enum CalendarTime {
    static func beijing(_ date: Date) -> String {
        var style = Date.ISO8601FormatStyle(timeZone: TimeZone(secondsFromGMT: 8 * 3600)!)
        style = style.year().month().day().time(includingFractionalSeconds: false)
        return date.formatted(style).replacingOccurrences(of: "T", with: " ")
    }
}
