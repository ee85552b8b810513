/// A plan as SCENARIO.md's plan folder holds it.

public enum SessionType: String, Hashable, Sendable {
    case trainingClass = "class"
    case tourStop = "stop"
}

/// One row of plan.csv: a class of demand.csv or a stop of a tour, booked.
public struct Session: Hashable, Sendable {
    /// Stable across plan versions: `D07-2` for the 2nd class of demand D07,
    /// `XCX-2019-09@411328` for a tour's stop in 唐河县.
    public var id: String
    public var type: SessionType
    public var kind: String
    public var county: String
    public var venue: String
    public var dates: [Day]
    public var trainers: [String]
    /// The demand id (class) or the tour id (stop).
    public var ref: String
    /// Team number within its tour (stops only), 1-based.
    public var team: Int?
    /// Attendee count of a class, mentees of a stop.
    public var attendees: Int

    public init(id: String, type: SessionType, kind: String, county: String, venue: String,
                dates: [Day], trainers: [String], ref: String, team: Int? = nil, attendees: Int) {
        self.id = id; self.type = type; self.kind = kind; self.county = county; self.venue = venue
        self.dates = dates; self.trainers = trainers; self.ref = ref; self.team = team
        self.attendees = attendees
    }
}

/// One row of unscheduled.csv.
public struct UnscheduledItem: Hashable, Sendable {
    public var ref: String
    public var type: SessionType
    public var county: String
    public var kind: String
    public var reason: String
    public init(ref: String, type: SessionType, county: String, kind: String, reason: String) {
        self.ref = ref; self.type = type; self.county = county; self.kind = kind; self.reason = reason
    }
}

public struct Plan: Sendable {
    public var sessions: [Session]
    /// Session id → the resident ID numbers assigned to it, in file order.
    /// Nil when the plan has no assignments.csv.
    public var assignments: [String: [String]]?
    public var unscheduled: [UnscheduledItem]
    public init(sessions: [Session], assignments: [String: [String]]? = nil,
                unscheduled: [UnscheduledItem] = []) {
        self.sessions = sessions; self.assignments = assignments; self.unscheduled = unscheduled
    }
}

/// What a plan is scored on, in the contract's order: unscheduled work
/// first, then trainer road km.
public struct Score: Hashable, Sendable, Comparable {
    public var unscheduled: Int
    public var travelKm: Double
    public init(unscheduled: Int, travelKm: Double) {
        self.unscheduled = unscheduled; self.travelKm = travelKm
    }
    public static func < (a: Score, b: Score) -> Bool {
        a.unscheduled != b.unscheduled ? a.unscheduled < b.unscheduled : a.travelKm < b.travelKm
    }
}
