/// The facts of one planning period, as SCENARIO.md defines them. Plain
/// values: reading them from files is the IO layer's job.

public struct County: Hashable, Sendable {
    /// GB/T 2260 code (e.g. 411328 唐河县) or a local code for a zone.
    public var code: String
    public var name: String
    public var latitude: Double
    public var longitude: Double
    public init(code: String, name: String, latitude: Double, longitude: Double) {
        self.code = code; self.name = name; self.latitude = latitude; self.longitude = longitude
    }
}

public enum KindCategory: String, Hashable, Sendable {
    case training, mentoring
}

/// A kind of course (创业意识培训 …) or of mentoring (创业讲师乡村行).
public struct Kind: Hashable, Sendable {
    public var code: String
    public var name: String
    public var category: KindCategory
    /// Teaching days one class takes (tour stops carry their own).
    public var days: Int
    public var minSeats: Int
    public var maxSeats: Int
    /// Trainers per class, or per team for mentoring.
    public var trainers: Int
    /// May use Saturdays and Sundays that are not official holidays.
    public var weekends: Bool
    public init(code: String, name: String, category: KindCategory, days: Int, minSeats: Int,
                maxSeats: Int, trainers: Int, weekends: Bool) {
        self.code = code; self.name = name; self.category = category; self.days = days
        self.minSeats = minSeats; self.maxSeats = maxSeats; self.trainers = trainers
        self.weekends = weekends
    }
}

public struct Venue: Hashable, Sendable {
    public var id: String
    public var county: String
    public var name: String
    public var address: String
    public var seats: Int
    /// Dates its calendar makes unavailable (already expanded).
    public var blocked: Set<Day>
    public init(id: String, county: String, name: String, address: String, seats: Int,
                blocked: Set<Day> = []) {
        self.id = id; self.county = county; self.name = name; self.address = address
        self.seats = seats; self.blocked = blocked
    }
}

/// 讲师.
public struct Trainer: Hashable, Sendable {
    public var id: String
    public var name: String
    public var homeCounty: String
    /// Kind codes this trainer may teach.
    public var qualifications: Set<String>
    public var maxDaysPerMonth: Int
    /// Dates the trainer's calendar makes unavailable (already expanded).
    public var blocked: Set<Day>
    public var phone: String?
    public init(id: String, name: String, homeCounty: String, qualifications: Set<String>,
                maxDaysPerMonth: Int, blocked: Set<Day> = [], phone: String? = nil) {
        self.id = id; self.name = name; self.homeCounty = homeCounty
        self.qualifications = qualifications; self.maxDaysPerMonth = maxDaysPerMonth
        self.blocked = blocked; self.phone = phone
    }
}

/// `classes` classes of a training kind wanted in a county within a window.
public struct Demand: Hashable, Sendable {
    public var id: String
    public var county: String
    public var kind: String
    public var classes: Int
    public var earliest: Day
    public var latest: Day
    public init(id: String, county: String, kind: String, classes: Int, earliest: Day, latest: Day) {
        self.id = id; self.county = county; self.kind = kind; self.classes = classes
        self.earliest = earliest; self.latest = latest
    }

    /// The stable session id of its n-th class (1-based): `D07-2`.
    public func sessionID(_ n: Int) -> String { "\(id)-\(n)" }
}

/// 创业讲师乡村行: teams of trainers touring counties.
public struct Tour: Hashable, Sendable {
    public var id: String
    public var name: String
    public var kind: String
    public var earliest: Day
    public var latest: Day
    public var teams: Int
    public init(id: String, name: String, kind: String, earliest: Day, latest: Day, teams: Int) {
        self.id = id; self.name = name; self.kind = kind; self.earliest = earliest
        self.latest = latest; self.teams = teams
    }
}

/// One county a tour must visit.
public struct TourStop: Hashable, Sendable {
    public var tour: String
    public var county: String
    public var days: Int
    public var mentees: Int
    public init(tour: String, county: String, days: Int, mentees: Int) {
        self.tour = tour; self.county = county; self.days = days; self.mentees = mentees
    }

    /// The stable session id of this stop: `XCX-2019-09@411328`.
    public var sessionID: String { "\(tour)@\(county)" }
}

/// Days a county cannot host (麦收, elections …). `county == nil` is every county.
public struct Blackout: Hashable, Sendable {
    public var county: String?
    public var start: Day
    public var end: Day
    public var reason: String
    public init(county: String?, start: Day, end: Day, reason: String) {
        self.county = county; self.start = start; self.end = end; self.reason = reason
    }
    public func covers(_ day: Day, in countyCode: String) -> Bool {
        (county == nil || county == countyCode) && start <= day && day <= end
    }
}

public enum Gender: String, Hashable, Sendable {
    case male = "男", female = "女"
}

/// One person enrolled for a training kind in a county.
public struct Attendee: Hashable, Sendable {
    /// 18-character resident ID (GB 11643). Personal data: never logged.
    public var idNumber: String
    public var name: String
    public var gender: Gender
    /// Personal data: masked in print unless asked otherwise.
    public var phone: String
    public var county: String
    public var township: String
    public var kind: String
    public var project: String
    /// How the name is read (`Shan Xiong` for 单雄), when the clerk gave it.
    public var pinyin: String?
    public init(idNumber: String, name: String, gender: Gender, phone: String, county: String,
                township: String, kind: String, project: String = "", pinyin: String? = nil) {
        self.idNumber = idNumber; self.name = name; self.gender = gender; self.phone = phone
        self.county = county; self.township = township; self.kind = kind
        self.project = project; self.pinyin = pinyin
    }
}

/// A road distance that overrides the great-circle estimate (symmetric).
public struct TravelOverride: Hashable, Sendable {
    public var from: String
    public var to: String
    public var km: Double
    public var minutes: Double
    public init(from: String, to: String, km: Double, minutes: Double) {
        self.from = from; self.to = to; self.km = km; self.minutes = minutes
    }
}

/// scenario.csv.
public struct Settings: Hashable, Sendable {
    public var name: String
    public var start: Day
    public var end: Day
    public var holidays: String
    public var maxEveningTravelMinutes: Double
    public var roadFactor: Double
    public var roadKmh: Double
    public init(name: String, start: Day, end: Day, holidays: String,
                maxEveningTravelMinutes: Double = 150, roadFactor: Double = 1.3, roadKmh: Double = 60) {
        self.name = name; self.start = start; self.end = end; self.holidays = holidays
        self.maxEveningTravelMinutes = maxEveningTravelMinutes
        self.roadFactor = roadFactor; self.roadKmh = roadKmh
    }
    public var period: ClosedRange<Day> { start...end }
}

/// Everything the planner needs for one planning period.
public struct Scenario: Sendable {
    public var settings: Settings
    public var holidays: HolidayCalendar
    public var counties: [County]
    public var kinds: [Kind]
    public var venues: [Venue]
    public var trainers: [Trainer]
    public var demands: [Demand]
    public var tours: [Tour]
    public var stops: [TourStop]
    public var blackouts: [Blackout]
    /// Nil when the scenario has no attendees.csv (rule 6 then uses max_seats).
    public var attendees: [Attendee]?
    public var travel: [TravelOverride]

    public init(settings: Settings, holidays: HolidayCalendar, counties: [County], kinds: [Kind],
                venues: [Venue], trainers: [Trainer], demands: [Demand], tours: [Tour] = [],
                stops: [TourStop] = [], blackouts: [Blackout] = [], attendees: [Attendee]? = nil,
                travel: [TravelOverride] = []) {
        self.settings = settings; self.holidays = holidays; self.counties = counties
        self.kinds = kinds; self.venues = venues; self.trainers = trainers
        self.demands = demands; self.tours = tours; self.stops = stops
        self.blackouts = blackouts; self.attendees = attendees; self.travel = travel
    }
}
