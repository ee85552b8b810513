import Foundation
import XiangxingCore
import XiangxingIO

/// One imported scenario in the store. Every plan version names the
/// scenario it was planned from; an import adds a new one and makes it
/// the current scenario.
public struct ScenarioID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let rawValue: Int64
    public init(_ rawValue: Int64) { self.rawValue = rawValue }
    public static func < (a: ScenarioID, b: ScenarioID) -> Bool { a.rawValue < b.rawValue }
    public var description: String { String(rawValue) }
}

/// Where and when a stored scenario came from.
public struct ScenarioInfo: Hashable, Sendable {
    public var id: ScenarioID
    public var name: String
    /// The folder it was imported from, as given (the folder may be gone since).
    public var source: String
    public var importedAt: Date
    public var importedBy: String
}

/// What a session may have pinned, each independently of the others: a
/// session may keep its dates and trainers fixed while the planner still
/// chooses its venue.
public enum PinKind: String, Hashable, Sendable, CaseIterable {
    case dates, trainers, venue
}

// The pins of one session are XiangxingCore's `SessionPins` (the planner
// keeps them); the store only saves them.

/// Who saved a plan version, when and why.
public struct VersionInfo: Equatable, Sendable {
    /// 1, 2, … in the order saved.
    public var number: Int
    public var scenario: ScenarioID
    /// The version it was replanned from, if any.
    public var parent: Int?
    /// UTC, whole seconds.
    public var createdAt: Date
    /// `$USER` or "office".
    public var author: String
    /// "initial plan", "replan after T012 unavailable 2019-09-10..12" …
    public var reason: String
    /// The last change-log entry in force when it was saved.
    public var lastEventID: Int64?
    public var summary: PlanSummary
}

/// A file of the plan folder beyond the contract's four (waitlist.csv),
/// kept so an export gives back the folder byte for byte.
public struct StoredFile: Hashable, Sendable {
    public var name: String
    public var text: String
    public init(name: String, text: String) { self.name = name; self.text = text }
}

/// A plan version as saved: enough to write its plan folder again.
///
///     let v = try store.version(3)!
///     try PlanFolder.write(v.plan, summary: v.summary, to: out, withAssignments: v.withAssignments,
///                          extraFiles: v.extraFiles.map { ($0.name, $0.text) })
public struct StoredVersion: Sendable {
    public var info: VersionInfo
    public var plan: Plan
    public var summary: PlanSummary { info.summary }
    public var extraFiles: [StoredFile]
    /// Whether its folder has assignments.csv (the scenario had attendees).
    public var withAssignments: Bool { plan.assignments != nil }
}

/// One entry of the change log: who changed what, when.
public struct StoreEvent: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case scenarioImported = "scenario_imported"
        case versionSaved = "version_saved"
        case trainerUnavailable = "trainer_unavailable"
        case trainerCalendarReplaced = "trainer_calendar_replaced"
        case venueClosed = "venue_closed"
        case demandAdded = "demand_added"
        case demandRemoved = "demand_removed"
        case attendeesAdded = "attendees_added"
        case attendeeWithdrawn = "attendee_withdrawn"
        /// A county clerk corrected one person's enrolment (name, phone, township …).
        case attendeeEdited = "attendee_edited"
        case pinned
        case unpinned
        /// `xiangxing purge`: personal data removed, counts kept.
        case personalDataPurged = "personal_data_purged"
        /// `xiangxing attendance import`: records of classes and stops stored.
        case attendanceImported = "attendance_imported"
        /// `xiangxing user add|remove|passwd`: web accounts (never the password).
        case accountAdded = "account_added"
        case accountRemoved = "account_removed"
        case passwordChanged = "password_changed"
        /// A trainer's calendar subscription URL made or revoked (never the token).
        case calendarTokenCreated = "calendar_token_created"
        case calendarTokenRevoked = "calendar_token_revoked"
    }
    public var id: Int64
    /// UTC, whole seconds.
    public var at: Date
    public var who: String
    public var kind: Kind
    /// The trainer, venue, demand, session or scenario concerned.
    public var subject: String
    /// Never holds an attendee's ID number or phone.
    public var description: Bilingual
    public var scenario: ScenarioID?
    /// The plan version saved (version_saved only).
    public var version: Int?
}
