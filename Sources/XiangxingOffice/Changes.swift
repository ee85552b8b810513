import Foundation
import XiangxingCore
import XiangxingICS
import XiangxingIO
import XiangxingStore

/// Changes the office records between versions (trainer unavailable, a new
/// calendar, a venue closed, people enrolled): each checked, named in the
/// language of the call, stored with who made it; a re-plan takes them up.
public enum Changes {
    /// A trainer (id or name) unavailable from `from` through `to`.
    public static func trainerUnavailable(_ office: OfficeStore, trainer: String, from: Day, through to: Day, reason: String,
                                          notice: Notice) throws -> StoreEvent {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let id = try OfficeNames.trainer(trainer, in: index, office.language, notice: notice).id
        return try office.attempt { try db.markTrainerUnavailable(trainer: id, from: from, through: to, reason: reason, by: office.who) }
    }

    /// A trainer's availability calendar replaced by the busy days of an
    /// .ics file within the programme's period; a file with any problem
    /// changes nothing.
    public static func replaceTrainerCalendar(_ office: OfficeStore, trainer: String, ics: String, notice: Notice) throws -> StoreEvent {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let id = try OfficeNames.trainer(trainer, in: index, office.language, notice: notice).id
        let url = URL(fileURLWithPath: ics)
        let text: String
        switch TextFile.read(url, name: url.lastPathComponent) {
        case .success(let (t, _)): text = t
        case .failure(let p): throw OfficeError(problems: [p])
        }
        let period = index.scenario.settings.period
        let read = AvailabilityCalendar.blockedDays(ics: text, file: url.lastPathComponent, from: period.lowerBound, through: period.upperBound)
        guard read.problems.isEmpty else { throw OfficeError(problems: read.problems) }
        return try office.attempt { try db.replaceTrainerCalendar(trainer: id, blocked: read.days, source: ics, by: office.who) }
    }

    /// A venue (id or name) closed from `from` through `to`.
    public static func closeVenue(_ office: OfficeStore, venue: String, from: Day, through to: Day, reason: String,
                                  notice: Notice) throws -> StoreEvent {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let id = try OfficeNames.venue(venue, in: index, office.language, notice: notice).id
        return try office.attempt { try db.closeVenue(venue: id, from: from, through: to, reason: reason, by: office.who) }
    }

    /// People enrolled from a table (attendees.csv's columns); its warnings
    /// go to `notice`, any error stores no one.
    public static func addAttendees(_ office: OfficeStore, file: String, notice: Notice) throws -> StoreEvent {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        var warnings: [InputProblem] = []
        switch ScenarioReader.readAttendees(file: URL(fileURLWithPath: file), against: index.scenario, warnings: &warnings) {
        case .failure(let all): throw OfficeError(problems: all.problems)
        case .success(let people):
            for w in warnings { notice(w.message(office.language)) }
            return try office.attempt { try db.addAttendees(people, by: office.who) }
        }
    }

    /// A new demand row: `classes` classes of a kind in a county (codes or
    /// names), between `earliest` and `latest`.
    public static func addDemand(_ office: OfficeStore, id: String, county: String, kind: String, classes: Int,
                                 earliest: Day, latest: Day, notice: Notice) throws -> StoreEvent {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let c = try OfficeNames.county(county, in: index, office.language, notice: notice).code
        let k = try OfficeNames.kind(kind, in: index, office.language, notice: notice).code
        let d = Demand(id: id, county: c, kind: k, classes: classes, earliest: earliest, latest: latest)
        return try office.attempt { try db.addDemand(d, by: office.who) }
    }

    /// A demand row removed: its classes leave the next plan.
    public static func removeDemand(_ office: OfficeStore, id: String) throws -> StoreEvent {
        let db = try office.open()
        return try office.attempt { try db.removeDemand(id: id, by: office.who) }
    }

    /// One person's enrolment in a kind (code or name) withdrawn.
    public static func withdraw(_ office: OfficeStore, idNumber: String, kind: String, notice: Notice) throws -> StoreEvent {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let k = try OfficeNames.kind(kind, in: index, office.language, notice: notice).code
        return try office.attempt { try db.withdrawAttendee(idNumber: idNumber.uppercased(), kind: k, by: office.who) }
    }

    /// A pinned part of a session freed again.
    public static func unpin(_ office: OfficeStore, session: String, what: PinKind) throws -> StoreEvent {
        let db = try office.open()
        return try office.attempt { try db.unpin(session: session, what: what, by: office.who) }
    }
}
