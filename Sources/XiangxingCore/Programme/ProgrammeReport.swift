/// A calendar month, `2019-09`.
public struct ReportMonth: Hashable, Sendable, Comparable {
    public var year: Int
    public var month: Int
    public init?(_ text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), (1...12).contains(m), y >= 1900 else { return nil }
        year = y; month = m
    }
    public var key: Int { year * 12 + month - 1 }
    public var lastDay: Day { Day(year: year, month: month, day: Day.daysIn(month: month, year: year))! }
    public var text: String { "\(year)-" + (month < 10 ? "0\(month)" : "\(month)") }
    public static func < (a: ReportMonth, b: ReportMonth) -> Bool { a.key < b.key }
}

/// The counting rules of SCENARIO.md, written once for every report.
public enum Counting {
    /// Days a trainee must be present: ⌈share × days⌉, exact in the decimal
    /// the office wrote (the share's shortest decimal form), so 0.8 × 5 is 4
    /// and 0.6000000001 × 5 is 4 too, as an outside program counting in
    /// decimals has it. `Counting.daysRequired(share: 0.8, days: 3)` is 3.
    public static func daysRequired(share: Double, days: Int) -> Int {
        if let (digits, scale) = decimalDigits(share), scale <= 18 {
            var unit = 1
            for _ in 0..<scale { unit *= 10 }
            let (n, overflow) = digits.multipliedReportingOverflow(by: days)
            if !overflow { return max(0, n / unit + (n % unit > 0 ? 1 : 0)) }
        }
        let x = share * Double(days)
        return max(0, Int((x - 1e-9).rounded(.up)))
    }

    /// `x` = digits / 10^scale, read from its shortest decimal form
    /// ("0.8", "1.0", "1e-05"); nil for negative, non-finite or huge values.
    static func decimalDigits(_ x: Double) -> (Int, Int)? {
        guard x.isFinite, x >= 0 else { return nil }
        let text = x.description
        let parts = text.split(separator: "e")
        guard let mantissa = parts.first, parts.count <= 2 else { return nil }
        let exponent = parts.count == 2 ? Int(parts[1]) : 0
        let halves = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        let whole = String(halves[0]), fraction = halves.count > 1 ? String(halves[1]) : ""
        guard let exponent, let digits = Int(whole + fraction) else { return nil }
        var scale = fraction.count - exponent, value = digits
        while scale < 0 {
            let (v, overflow) = value.multipliedReportingOverflow(by: 10)
            if overflow { return nil }
            value = v; scale += 1
        }
        return (value, scale)
    }

    /// Delivered training person-times per class: trainees present on at
    /// least `daysRequired` distinct days of it. Counted in the month of the
    /// class's last day.
    public static func completed(_ records: [TrainingRecord], plan: Plan, share: Double,
                                 heldAs: [String: Session] = [:]) -> [String: Int] {
        completed(records, sessions: sessions(plan, heldAs: heldAs), share: share)
    }

    /// The sessions records count by, by id: the plan's, except those moved
    /// since their records were taken, which count as they were held.
    public static func sessions(_ plan: Plan, heldAs: [String: Session]) -> [String: Session] {
        var byID: [String: Session] = [:]
        for s in plan.sessions { byID[s.id] = s }
        for (id, s) in heldAs { byID[id] = s }
        return byID
    }

    static func completed(_ records: [TrainingRecord], sessions: [String: Session], share: Double) -> [String: Int] {
        var daysPresent: [String: [String: Set<Day>]] = [:]
        for r in records where r.present { daysPresent[r.session, default: [:]][r.idNumber, default: []].insert(r.date) }
        var out: [String: Int] = [:]
        for (id, people) in daysPresent {
            guard let s = sessions[id] else { continue }
            let need = daysRequired(share: share, days: s.dates.count)
            out[id] = people.values.filter { $0.intersection(s.dates).count >= need }.count
        }
        return out
    }
}

/// One row of report.csv.
public struct ReportRow: Hashable, Sendable {
    public static let cityTotal = "合计"
    /// A county code, or `合计`.
    public var county: String
    public var category: KindCategory
    /// Nil when no target is known.
    public var target: Int?
    public var plannedYear: Int
    public var plannedToDate: Int
    public var deliveredMonth: Int
    public var deliveredToDate: Int
    public init(county: String, category: KindCategory, target: Int?, plannedYear: Int, plannedToDate: Int,
                deliveredMonth: Int, deliveredToDate: Int) {
        self.county = county; self.category = category; self.target = target; self.plannedYear = plannedYear
        self.plannedToDate = plannedToDate; self.deliveredMonth = deliveredMonth; self.deliveredToDate = deliveredToDate
    }
    /// delivered_to_date / target with 4 places, "" when the target is 0 or unknown.
    public var shareOfTarget: String {
        guard let target, target > 0 else { return "" }
        // Exact decimal rounding, half up, in integers.
        let scaled = (deliveredToDate * 20_000 / target + 1) / 2
        let whole = scaled / 10_000, frac = scaled % 10_000
        let f = String(frac)
        return "\(whole)." + String(repeating: "0", count: 4 - f.count) + f
    }
    /// Behind schedule: less delivered than planned so far.
    public var isBehind: Bool { deliveredToDate < plannedToDate }
}

public enum ProgrammeReport {
    /// The report rows for `month`: per county (counties.csv order, or only
    /// `county`) training then mentoring, then the city's 合计 rows. `targets`
    /// are targets.csv's; without it, `cityTargets` (scenario.csv's totals)
    /// give the 合计 targets only. Records must have passed `AttendanceCheck`.
    /// `heldAs` gives, for sessions moved since their records were taken,
    /// the session as it was held: their records count by it (planned
    /// figures always follow `plan`).
    public static func rows(scenario: Scenario, plan: Plan, records: AttendanceRecords, month: ReportMonth,
                            completionShare: Double, targets: [CountyTarget]?,
                            cityTargets: [KindCategory: Int] = [:], county only: String? = nil,
                            heldAs: [String: Session] = [:]) -> [ReportRow] {
        let start = scenario.settings.start
        let end = month.lastDay
        let sessions = Counting.sessions(plan, heldAs: heldAs)
        var rows: [String: ReportRow] = [:]
        func key(_ c: String, _ k: KindCategory) -> String { c + "\u{1F}" + k.rawValue }
        let categories: [KindCategory] = [.training, .mentoring]
        for c in scenario.counties { for k in categories {
            rows[key(c.code, k)] = ReportRow(county: c.code, category: k, target: nil, plannedYear: 0, plannedToDate: 0,
                                             deliveredMonth: 0, deliveredToDate: 0)
        } }
        if let targets { for t in targets { rows[key(t.county, t.category)]?.target = t.personTimes } }
        for s in plan.sessions {
            guard let last = s.dates.max() else { continue }
            let k: KindCategory = s.type == .trainingClass ? .training : .mentoring
            rows[key(s.county, k)]?.plannedYear += s.attendees
            if last >= start && last <= end { rows[key(s.county, k)]?.plannedToDate += s.attendees }
        }
        for (id, n) in Counting.completed(records.training, sessions: sessions, share: completionShare) {
            guard let s = sessions[id], let last = s.dates.max() else { continue }
            if last >= start && last <= end { rows[key(s.county, .training)]?.deliveredToDate += n }
            if last.monthKey == month.key { rows[key(s.county, .training)]?.deliveredMonth += n }
        }
        for r in records.mentoring {
            guard let s = sessions[r.session] else { continue }
            if r.date >= start && r.date <= end { rows[key(s.county, .mentoring)]?.deliveredToDate += r.mentees }
            if r.date.monthKey == month.key { rows[key(s.county, .mentoring)]?.deliveredMonth += r.mentees }
        }
        let counties = scenario.counties.filter { only == nil || $0.code == only }
        var out: [ReportRow] = []
        for c in counties { for k in categories { out.append(rows[key(c.code, k)]!) } }
        for k in categories {
            let part = out.filter { $0.category == k }
            let target: Int? = targets != nil && only == nil
                ? (cityTargets[k] ?? part.reduce(0) { $0 + ($1.target ?? 0) })
                : (only == nil ? cityTargets[k] : part.first?.target)
            out.append(ReportRow(county: ReportRow.cityTotal, category: k, target: target,
                                 plannedYear: part.reduce(0) { $0 + $1.plannedYear },
                                 plannedToDate: part.reduce(0) { $0 + $1.plannedToDate },
                                 deliveredMonth: part.reduce(0) { $0 + $1.deliveredMonth },
                                 deliveredToDate: part.reduce(0) { $0 + $1.deliveredToDate }))
        }
        return out
    }
}

/// One month of a cumulative series: what was planned and delivered from
/// the period's start to the end of `month`, per category.
public struct ReportSeriesPoint: Hashable, Sendable {
    public var month: ReportMonth
    public var plannedToDate: [KindCategory: Int]
    public var deliveredToDate: [KindCategory: Int]
    public init(month: ReportMonth, plannedToDate: [KindCategory: Int], deliveredToDate: [KindCategory: Int]) {
        self.month = month; self.plannedToDate = plannedToDate; self.deliveredToDate = deliveredToDate
    }
}

extension ReportMonth {
    /// The month a day falls in.
    public init(_ day: Day) {
        self.init(year: day.year, month: day.month)
    }
    init(year: Int, month: Int) {
        self.year = year; self.month = month
    }
    /// The month after this one.
    public var next: ReportMonth {
        month == 12 ? ReportMonth(year: year + 1, month: 1) : ReportMonth(year: year, month: month + 1)
    }
}

extension ProgrammeReport {
    /// The 合计 rows' cumulative figures month by month, from the month of
    /// the period's start through `month` (the line chart of the report):
    /// each point is what `rows(…, month: m)` gives for 合计, counted in one
    /// pass (trainees' completions once, not once a month).
    ///
    ///     ProgrammeReport.series(…, month: ReportMonth("2019-09")!).count == 9   // 2019-01 … 2019-09
    public static func series(scenario: Scenario, plan: Plan, records: AttendanceRecords, month: ReportMonth,
                              completionShare: Double, county only: String? = nil,
                              heldAs: [String: Session] = [:]) -> [ReportSeriesPoint] {
        let start = scenario.settings.start
        let first = ReportMonth(start)
        guard first <= month else { return [] }
        let counted = Set(scenario.counties.map(\.code).filter { only == nil || $0 == only })
        let sessions = Counting.sessions(plan, heldAs: heldAs)
        // Person-times per month key (month.key), from `start` on.
        var planned: [KindCategory: [Int: Int]] = [:], delivered: [KindCategory: [Int: Int]] = [:]
        for s in plan.sessions where counted.contains(s.county) {
            guard let last = s.dates.max(), last >= start else { continue }
            planned[s.type == .trainingClass ? .training : .mentoring, default: [:]][last.monthKey, default: 0] += s.attendees
        }
        for (id, n) in Counting.completed(records.training, sessions: sessions, share: completionShare) {
            guard let s = sessions[id], counted.contains(s.county), let last = s.dates.max(), last >= start else { continue }
            delivered[.training, default: [:]][last.monthKey, default: 0] += n
        }
        for r in records.mentoring {
            guard let s = sessions[r.session], counted.contains(s.county), r.date >= start else { continue }
            delivered[.mentoring, default: [:]][r.date.monthKey, default: 0] += r.mentees
        }
        var out: [ReportSeriesPoint] = []
        var sumPlanned: [KindCategory: Int] = [.training: 0, .mentoring: 0], sumDelivered = sumPlanned
        var m = first
        while m <= month {
            for k in [KindCategory.training, .mentoring] {
                sumPlanned[k]! += planned[k]?[m.key] ?? 0
                sumDelivered[k]! += delivered[k]?[m.key] ?? 0
            }
            out.append(ReportSeriesPoint(month: m, plannedToDate: sumPlanned, deliveredToDate: sumDelivered))
            m = m.next
        }
        return out
    }
}
