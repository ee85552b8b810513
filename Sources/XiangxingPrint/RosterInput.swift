import XiangxingCore

/// One attendee's line on a sign-in sheet (签到表), as it will be printed
/// (masking happens at print time, see `RosterInput.unmasked`).
public struct RosterRow: Hashable, Sendable {
    public var name: String
    /// 男 or 女.
    public var gender: String
    /// 18-character resident ID (公民身份号码).
    public var idNumber: String
    public var phone: String
    /// 乡镇 (or 街道).
    public var township: String
    /// 创业项目; may be empty or long.
    public var project: String

    public init(name: String, gender: String, idNumber: String, phone: String,
                township: String, project: String) {
        self.name = name; self.gender = gender; self.idNumber = idNumber
        self.phone = phone; self.township = township; self.project = project
    }

    public init(_ attendee: Attendee) {
        self.init(name: attendee.name, gender: attendee.gender.rawValue, idNumber: attendee.idNumber,
                  phone: attendee.phone, township: attendee.township, project: attendee.project)
    }

    /// What the sheet shows in the 身份证号 column.
    public func printedID(unmasked: Bool) -> String { unmasked ? idNumber : ResidentID.masked(idNumber) }
    /// What the sheet shows in the 联系电话 column.
    public func printedPhone(unmasked: Bool) -> String { unmasked ? phone : PhoneMask.masked(phone) }
}

/// Everything one class's sign-in sheet shows. The rows come already in the
/// order wanted (the surname-aware order is the caller's choice).
///
///     RosterInput(title: "南阳市2019年返乡创业培训 签到表", countyName: "唐河县",
///                 kindName: "创业意识培训（GYB）", classNumber: 2, sessionID: "D07-2", …)
public struct RosterInput: Hashable, Sendable {
    /// The headline, e.g. "南阳市2019年返乡创业培训 签到表".
    public var title: String
    public var countyName: String
    public var kindName: String
    /// 第N期.
    public var classNumber: Int
    /// The plan's stable session id (`D07-2`), printed so a sheet can be
    /// matched to the plan.
    public var sessionID: String
    public var venueName: String
    public var venueAddress: String
    /// Teaching days, ascending; one signature column each.
    public var dates: [Day]
    public var trainerNames: [String]
    public var rows: [RosterRow]
    /// Print full ID and phone numbers (for the office's own file copy);
    /// by default they are masked: 411328********1234, 138****5678.
    public var unmasked: Bool
    /// The plan version and the print date, shown on every page.
    public var printed: PrintedFrom?
    /// Class days that are 调休 working days (a Saturday or Sunday worked),
    /// marked as such in the date columns.
    public var adjustedWorkdays: Set<Day>
    /// Empty numbered rows after the names, for walk-ins.
    public var blankRows: Int

    public init(title: String, countyName: String, kindName: String, classNumber: Int,
                sessionID: String, venueName: String, venueAddress: String, dates: [Day],
                trainerNames: [String], rows: [RosterRow], unmasked: Bool = false,
                printed: PrintedFrom? = nil, adjustedWorkdays: Set<Day> = [], blankRows: Int = 0) {
        self.title = title; self.countyName = countyName; self.kindName = kindName
        self.classNumber = classNumber; self.sessionID = sessionID; self.venueName = venueName
        self.venueAddress = venueAddress; self.dates = dates.sorted()
        self.trainerNames = trainerNames; self.rows = rows; self.unmasked = unmasked
        self.printed = printed; self.adjustedWorkdays = adjustedWorkdays.intersection(dates)
        self.blankRows = max(0, blankRows)
    }

    /// The sheet of a planned class: names of county, kind, venue and
    /// trainers are looked up in the scenario (codes stand in for unknown
    /// ones). `attendees` are the class's people in print order.
    public init(session: Session, scenario: Scenario, attendees: [Attendee], classNumber: Int,
                title: String, unmasked: Bool = false, printed: PrintedFrom? = nil, blankRows: Int = 0) {
        let venue = scenario.venues.first { $0.id == session.venue }
        let trainerNames = session.trainers.map { id in
            scenario.trainers.first { $0.id == id }?.name ?? id
        }
        self.init(
            title: title,
            countyName: scenario.counties.first { $0.code == session.county }?.name ?? session.county,
            kindName: scenario.kinds.first { $0.code == session.kind }?.name ?? session.kind,
            classNumber: classNumber, sessionID: session.id,
            venueName: venue?.name ?? session.venue, venueAddress: venue?.address ?? "",
            dates: session.dates, trainerNames: trainerNames,
            rows: attendees.map(RosterRow.init), unmasked: unmasked, printed: printed,
            adjustedWorkdays: Set(session.dates.filter(scenario.holidays.isAdjustedWorkday)), blankRows: blankRows)
    }

    /// Printed lines: the attendees, then `blankRows` empty ones.
    public var lineCount: Int { rows.count + blankRows }
}
