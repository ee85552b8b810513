import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// The year at a glance (全年概况) for the office: per county and kind what
/// the latest version plans against what is wanted, who is enrolled and
/// seated, what was left out and why, and the programme's progress against
/// its targets as the monthly report counts it, to the end of today's month.
///
///     let o = try YearOverview.read(office, today: Day(iso: "2019-09-20")!)
///     o.rows.first { $0.countyName == "唐河县" && $0.kindName == "创业意识培训" }?.planned   // 4
public struct YearOverview: Sendable {
    /// One county and kind (a course or the 乡村行 of a tour's kind).
    public struct Row: Hashable, Sendable {
        public var county: String
        public var countyName: String
        public var kind: String
        public var kindName: String
        public var category: KindCategory
        /// Sessions the latest version holds (classes, or tour stops).
        public var planned: Int
        /// Classes demand.csv asks for (or stops the tours must make), with every change recorded since.
        public var demanded: Int
        /// People enrolled for the kind in the county (training only; 0 without attendees.csv).
        public var enrolled: Int
        /// People with a seat in one of the planned classes (mentees planned for stops).
        public var seated: Int
        /// Items of the plan left out for this county and kind.
        public var unscheduled: Int
        public var isShort: Bool { planned < demanded || unscheduled > 0 }
    }

    /// A left-out item with the reason `plan` prints (UnscheduledText).
    public struct Left: Hashable, Sendable {
        public var ref: String
        public var countyName: String
        public var kindName: String
        public var reason: String
    }

    /// One row of progress against targets (a county or 合计, training or mentoring).
    public struct Progress: Hashable, Sendable {
        /// A county code, or `ReportRow.cityTotal`.
        public var county: String
        public var countyName: String
        public var row: ReportRow
    }

    public var scenarioName: String
    /// The latest version, nil before the first plan.
    public var version: VersionInfo?
    public var today: Day
    /// The month progress is counted to (today's).
    public var month: ReportMonth
    public var rows: [Row]
    public var unscheduled: [Left]
    /// Counties in counties.csv order, training then mentoring, then the 合计 rows.
    public var progress: [Progress]
    /// Who holds the planning lease now, if anyone.
    public var planning: PlanningLease?

    /// Reads the store's current scenario and latest version.
    public static func read(_ office: OfficeStore, today: Day) throws -> YearOverview {
        let db = try office.openExisting()
        let (index, current) = try office.scenario(db)
        let scenario = index.scenario
        let latest = try office.attempt { try db.latestVersion() }
        let plan = latest?.plan ?? Plan(sessions: [], assignments: nil, unscheduled: [])
        func countyName(_ c: String) -> String { index.counties[c]?.name ?? c }
        func kindName(_ k: String) -> String { index.kinds[k]?.name ?? k }

        struct Key: Hashable { var county: String; var kind: String }
        var demanded: [Key: Int] = [:], planned: [Key: Int] = [:], enrolled: [Key: Int] = [:], seated: [Key: Int] = [:],
            left: [Key: Int] = [:]
        for d in scenario.demands { demanded[Key(county: d.county, kind: d.kind), default: 0] += d.classes }
        let tourKinds = Dictionary(scenario.tours.map { ($0.id, $0.kind) }, uniquingKeysWith: { a, _ in a })
        for s in scenario.stops { if let k = tourKinds[s.tour] { demanded[Key(county: s.county, kind: k), default: 0] += 1 } }
        for a in scenario.attendees ?? [] { enrolled[Key(county: a.county, kind: a.kind), default: 0] += 1 }
        for s in plan.sessions {
            let key = Key(county: s.county, kind: s.kind)
            planned[key, default: 0] += 1
            if s.type == .tourStop {
                seated[key, default: 0] += s.attendees
            } else {
                seated[key, default: 0] += plan.assignments?[s.id]?.count ?? 0
            }
        }
        for u in plan.unscheduled { left[Key(county: u.county, kind: u.kind), default: 0] += 1 }

        var rows: [Row] = []
        for c in scenario.counties {
            for k in scenario.kinds {
                let key = Key(county: c.code, kind: k.code)
                let row = Row(county: c.code, countyName: c.name, kind: k.code, kindName: k.name, category: k.category,
                              planned: planned[key] ?? 0, demanded: demanded[key] ?? 0, enrolled: enrolled[key] ?? 0,
                              seated: seated[key] ?? 0, unscheduled: left[key] ?? 0)
                if row.planned + row.demanded + row.enrolled + row.unscheduled > 0 { rows.append(row) }
            }
        }
        let unscheduled = plan.unscheduled.map {
            Left(ref: $0.ref, countyName: countyName($0.county), kindName: kindName($0.kind), reason: $0.reason)
        }

        let month = ReportMonth(min(max(today, scenario.settings.start), scenario.settings.end))
        var progress: [Progress] = []
        if let latest {
            // The monthly report's counting, on what is already read (the version's own scenario when it is an older one).
            let planned = latest.info.scenario == current ? scenario
                : try office.attempt { try db.scenario(latest.info.scenario) } ?? scenario
            let programme = try office.attempt { try db.programme(forVersion: latest.info.number) }
            progress = ProgrammeReport.rows(scenario: planned, plan: latest.plan, records: programme.records, month: month,
                                            completionShare: programme.settings.completionShare, targets: programme.targets,
                                            cityTargets: programme.settings.cityTargets, heldAs: programme.heldAs).map {
                Progress(county: $0.county, countyName: $0.county == ReportRow.cityTotal ? ReportRow.cityTotal : countyName($0.county), row: $0)
            }
        }
        return YearOverview(scenarioName: scenario.settings.name, version: latest?.info, today: today, month: month, rows: rows,
                            unscheduled: unscheduled, progress: progress, planning: try office.attempt { try db.currentPlanning() })
    }
}
