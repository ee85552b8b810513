import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingNames
import XiangxingPrint
import XiangxingStore

extension PlanSourceReader {
    /// What printouts name as their plan: "第3版" for a stored version
    /// ("第2版（最新为第3版）" for an older one), or the plan folder with its
    /// date ("未入库的计划 plan-out（2019-08-20）"); and today's date.
    public static func printedFrom(_ source: PlanSourceChoice) throws -> PrintedFrom {
        let today = PrintedFrom.today()
        switch source {
        case .folders(_, let plan):
            return PrintedFrom(plan: PrintedFrom.folderLabel(URL(fileURLWithPath: plan)), on: today)
        case .store(let office, let version):
            let opened = try office.open()
            let latest = try office.version(opened, nil).info.number
            let number = version ?? latest
            return PrintedFrom(plan: number == latest ? "第\(number)版" : "第\(number)版（最新为第\(latest)版）", on: today)
        }
    }
}

/// The sign-in sheets (签到表) of one county or all, written into a folder.
public enum Rosters {
    public struct Request: Sendable {
        public var source: PlanSourceChoice
        /// Code or name of one county; nil: every county with classes, one subfolder each.
        public var county: String?
        public var order: NameOrder
        public var format: RosterFormat
        public var out: String
        /// `KIND=TITLE` headlines.
        public var titles: [String]
        public var blankRows: Int
        public var unmasked: Bool
        /// Paths the output folder must never replace besides the source's (a store beside the folders).
        public var protecting: [String]
        public var language: Language
        /// One class only (its session id, of `county`); nil: all.
        public var session: String?
        /// Leave off the sheets people seated by the plan who withdrew since
        /// (a county clerk's withdrawal before the next re-plan); without
        /// it such a plan is refused as inconsistent.
        public var leavingOutWithdrawn: Bool

        public init(source: PlanSourceChoice, county: String?, order: NameOrder = .pinyin, format: RosterFormat = .pdf, out: String,
                    titles: [String] = [], blankRows: Int = 0, unmasked: Bool = false, protecting: [String] = [], language: Language = .zh,
                    session: String? = nil, leavingOutWithdrawn: Bool = false) {
            self.source = source; self.county = county; self.order = order; self.format = format; self.out = out
            self.titles = titles; self.blankRows = blankRows; self.unmasked = unmasked; self.protecting = protecting; self.language = language
            self.session = session; self.leavingOutWithdrawn = leavingOutWithdrawn
        }
    }

    public struct Written: Sendable {
        /// The files, under the final folder.
        public var files: [URL]
        public var jobs: [RosterFiles.Job]
        public var counties: Int
        /// Whether the plan has assignments (without, the sheets have only headers).
        public var hasAssignments: Bool
    }

    /// Writes the sheets beside the folder, then swaps them in whole; sheets
    /// written there before (other counties) are carried over (docs/guarantees.md).
    public static func write(_ request: Request, notice: Notice) throws -> Written {
        let lang = request.language, zh = lang == .zh
        let read = try PlanSourceReader.load(request.source, lang, notice: notice)
        let scenario = read.scenario
        var plan = read.plan
        if request.leavingOutWithdrawn, let seated = plan.assignments {
            let enrolled = Set((scenario.attendees ?? []).map { "\($0.county)\u{1F}\($0.kind)\u{1F}\($0.idNumber)" })
            let sessions = Dictionary(plan.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
            plan.assignments = Dictionary(uniqueKeysWithValues: seated.map { id, people in
                guard let s = sessions[id] else { return (id, people) }
                return (id, people.filter { enrolled.contains("\(s.county)\u{1F}\(s.kind)\u{1F}\($0)") })
            })
        }
        let printed = try PlanSourceReader.printedFrom(request.source)
        let book: RosterBook
        do {
            let titles = try RosterTitles(request.titles, scenario: scenario, plan: plan)
            book = try RosterBook(scenario: scenario, plan: plan, order: request.order, titles: titles, unmasked: request.unmasked,
                                  printed: printed, blankRows: request.blankRows)
        } catch let problem as RosterProblem {
            throw OfficeError(problem.message(lang))
        }
        let blank = request.blankRows
        if plan.assignments == nil {
            notice(zh ? "注意：计划没有 assignments.csv（场景没有 attendees.csv），签到表只有表头\(blank > 0 ? "和 \(blank) 行空白" : "")。"
                      : "Note: the plan has no assignments.csv (the scenario has no attendees.csv); the sheets have only the header\(blank > 0 ? " and \(blank) empty rows" : "").")
        }
        let counties: [County]
        if let county = request.county {
            let found = try OfficeNames.county(county, in: ScenarioIndex(scenario), lang, notice: notice)
            guard !book.sessions(in: found.code).isEmpty else {
                throw OfficeError(zh ? "计划中\(found.name)（\(found.code)）没有培训班，未写出任何文件。"
                                     : "The plan has no classes in \(found.name) (\(found.code)); nothing was written.")
            }
            counties = [found]
        } else {
            counties = scenario.counties.filter { !book.sessions(in: $0.code).isEmpty }
        }
        let target = try OfficeFolders.prepare(request.out, kind: .roster, protecting: request.source.protectedPaths + request.protecting, language: lang, carryOver: true)
        var jobs: [RosterFiles.Job] = []
        do {
            for county in counties {
                let folder = request.county == nil ? target.staging.appendingPathComponent(FileName.safe(county.name)) : target.staging
                jobs.append(RosterFiles.Job(county: county, inputs: try book.rosters(of: county).filter { request.session == nil || $0.sessionID == request.session },
                                           folder: folder))
            }
        } catch let problem as RosterProblem {
            throw OfficeError(problem.message(lang))
        }
        let written: [URL]
        do {
            written = try RosterFiles.write(jobs, format: request.format).map { url in
                URL(fileURLWithPath: target.target.path + url.path.dropFirst(target.staging.path.count))
            }
        } catch let problem as PrintError {
            throw OfficeError(problem.description)
        } catch let problem as SpreadsheetXLSXError {
            throw OfficeError(problem.message(lang))
        }
        try OfficeFolders.attempt(lang) { try target.commit() }
        return Written(files: written, jobs: jobs, counties: counties.count, hasAssignments: plan.assignments != nil)
    }
}
