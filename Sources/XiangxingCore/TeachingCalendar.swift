/// Why a date cannot carry a session of some kind in some county.
public enum NonTeachingReason: Hashable, Sendable {
    case outsidePeriod
    /// An official day off (放假), with the festival's name.
    case officialHoliday(String)
    /// A Saturday or Sunday that is not a 调休 working day, for a kind
    /// that does not allow weekends.
    case weekend
    /// A county blackout (e.g. 三夏麦收), with its reason.
    case blackout(String)
}

/// Answers "is this a teaching day for kind K in county C" exactly as
/// SCENARIO.md defines it, and walks the teaching-day sequence that rule 1
/// counts in. Precomputed per county and weekend policy, so each question
/// is an array lookup.
///
///     let cal = TeachingCalendar(settings: s, holidays: h, blackouts: b, counties: ["411328"])
///     cal.isTeachingDay(Day(year: 2019, month: 9, day: 29)!, weekends: false, county: "411328") // true (调休)
public struct TeachingCalendar: Sendable {
    public let period: ClosedRange<Day>
    public let holidays: HolidayCalendar
    private let blackouts: [Blackout]
    private let countyIndex: [String: Int]
    /// [county][weekends ? 1 : 0][offset] → position in that sequence, or -1.
    private let position: [[[Int32]]]
    /// [county][weekends ? 1 : 0] → the teaching days in order.
    private let sequence: [[[Day]]]

    public init(period: ClosedRange<Day>, holidays: HolidayCalendar, blackouts: [Blackout],
                counties: [String]) {
        self.period = period
        self.holidays = holidays
        self.blackouts = blackouts
        var index: [String: Int] = [:]
        for (i, c) in counties.enumerated() where index[c] == nil { index[c] = i }
        self.countyIndex = index
        let length = period.lowerBound.distance(to: period.upperBound) + 1
        var position: [[[Int32]]] = []
        var sequence: [[[Day]]] = []
        for code in counties {
            var perCounty: [[Int32]] = []
            var seqPerCounty: [[Day]] = []
            // The county's own blackouts and the city-wide ones, in file
            // order, picked once rather than for every day (a country has thousands).
            let mine = blackouts.filter { $0.county == nil || $0.county == code }
            for weekends in [false, true] {
                var pos = [Int32](repeating: -1, count: length)
                var seq: [Day] = []
                for offset in 0..<length {
                    let d = period.lowerBound.advanced(by: offset)
                    if Self.reason(d, weekends: weekends, county: code, period: period,
                                   holidays: holidays, blackouts: mine) == nil {
                        pos[offset] = Int32(seq.count)
                        seq.append(d)
                    }
                }
                perCounty.append(pos)
                seqPerCounty.append(seq)
            }
            position.append(perCounty)
            sequence.append(seqPerCounty)
        }
        self.position = position
        self.sequence = sequence
    }

    public init(settings: Settings, holidays: HolidayCalendar, blackouts: [Blackout], counties: [String]) {
        self.init(period: settings.period, holidays: holidays, blackouts: blackouts, counties: counties)
    }

    /// Nil when `day` is a teaching day; otherwise the first reason it is not.
    public func whyNot(_ day: Day, weekends: Bool, county: String) -> NonTeachingReason? {
        Self.reason(day, weekends: weekends, county: county, period: period,
                    holidays: holidays, blackouts: blackouts)
    }

    private static func reason(_ day: Day, weekends: Bool, county: String, period: ClosedRange<Day>,
                               holidays: HolidayCalendar, blackouts: [Blackout]) -> NonTeachingReason? {
        guard period.contains(day) else { return .outsidePeriod }
        if let name = holidays.holidays[day] { return .officialHoliday(name) }
        if !weekends && day.isWeekend && !holidays.isAdjustedWorkday(day) { return .weekend }
        if let b = blackouts.first(where: { $0.covers(day, in: county) }) { return .blackout(b.reason) }
        return nil
    }

    public func isTeachingDay(_ day: Day, weekends: Bool, county: String) -> Bool {
        sequencePosition(day, weekends: weekends, county: county) != nil
    }

    /// Where `day` stands in the county's teaching-day sequence.
    public func sequencePosition(_ day: Day, weekends: Bool, county: String) -> Int? {
        guard period.contains(day) else { return nil }
        guard let c = countyIndex[county] else {
            return whyNot(day, weekends: weekends, county: county) == nil ? -1 : nil
        }
        let p = position[c][weekends ? 1 : 0][period.lowerBound.distance(to: day)]
        return p < 0 ? nil : Int(p)
    }

    /// All teaching days of a county, in order.
    public func teachingDays(weekends: Bool, county: String) -> [Day] {
        guard let c = countyIndex[county] else { return [] }
        return sequence[c][weekends ? 1 : 0]
    }

    /// The `count` teaching days that start at `first` and follow each other
    /// in the sequence (rule 1), or nil when `first` is not a teaching day or
    /// the period ends first.
    public func run(from first: Day, count: Int, weekends: Bool, county: String) -> [Day]? {
        guard count >= 1, let c = countyIndex[county],
              let p = sequencePosition(first, weekends: weekends, county: county) else { return nil }
        let seq = sequence[c][weekends ? 1 : 0]
        guard p + count <= seq.count else { return nil }
        return Array(seq[p..<(p + count)])
    }

    /// Every run of `count` consecutive teaching days lying wholly in `window`,
    /// as ranges of positions in `teachingDays(weekends:county:)`.
    public func runs(count: Int, within window: ClosedRange<Day>, weekends: Bool,
                     county: String) -> [Range<Int>] {
        guard count >= 1, let c = countyIndex[county] else { return [] }
        let seq = sequence[c][weekends ? 1 : 0]
        guard let lo = seq.firstIndex(where: { $0 >= window.lowerBound }) else { return [] }
        var result: [Range<Int>] = []
        var i = lo
        while i + count <= seq.count, seq[i + count - 1] <= window.upperBound {
            result.append(i..<(i + count))
            i += 1
        }
        return result
    }
}
