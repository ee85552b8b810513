import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingPrint
import XiangxingStore

/// The files a monthly report can be written as.
public enum ReportFormat: String, CaseIterable, Sendable {
    case csv, xlsx, pdf, txt

    /// A word of a format list that names no format.
    public struct Unknown: Error { public var word: String }

    /// "csv,pdf" → [.csv, .pdf] in the order given, each once.
    public static func list(_ text: String) -> Result<[ReportFormat], Unknown> {
        var out: [ReportFormat] = []
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces).lowercased() }) where !part.isEmpty {
            guard let f = ReportFormat(rawValue: part) else { return .failure(Unknown(word: part)) }
            if !out.contains(f) { out.append(f) }
        }
        return out.isEmpty ? .failure(Unknown(word: text)) : .success(out)
    }
}

/// The monthly report (返乡创业情况统计表): what it counts, from folders or
/// the store, its rows, and the files written from them.
public enum MonthlyReport {
    /// What the report counts.
    public struct Source: Sendable {
        public var scenario: Scenario
        public var plan: Plan
        public var settings: ProgrammeSettings
        public var targets: [CountyTarget]?
        public var records: AttendanceRecords
        public var heldAs: [String: Session]
        public var printed: PrintedFrom
        /// What an output folder must never replace.
        public var protected: [String]
    }

    /// A report to write: the source, the month, one county or all, and
    /// what is printed in the header.
    public struct Request: Sendable {
        public var source: PlanSourceChoice
        /// Attendance files, with folders only (the store holds its own records).
        public var attendance: [String]
        public var month: ReportMonth
        /// Code or name of one county, nil for all.
        public var county: String?
        public var formats: [ReportFormat]
        public var out: String
        public var unit: String
        public var preparer: String
        public var filedOn: Day?
        public var title: String?
        public var language: Language

        public init(source: PlanSourceChoice, attendance: [String] = [], month: ReportMonth, county: String? = nil,
                    formats: [ReportFormat] = ReportFormat.allCases, out: String, unit: String = "", preparer: String = "",
                    filedOn: Day? = nil, title: String? = nil, language: Language = .zh) {
            self.source = source; self.attendance = attendance; self.month = month; self.county = county
            self.formats = formats; self.out = out; self.unit = unit; self.preparer = preparer
            self.filedOn = filedOn; self.title = title; self.language = language
        }
    }

    /// What was written.
    public struct Written: Sendable {
        public var rows: [ReportRow]
        /// report.txt's text.
        public var text: String
        /// File names in the order written.
        public var files: [String]
        /// Sessions moved after their attendance was recorded (counted as held).
        public var movedSessions: Int
    }

    /// Reads what the report counts: the folders (targets from targets.csv
    /// and scenario.csv, attendance from the files) or a stored version (its
    /// scenario, imported targets and attendance).
    public static func source(_ choice: PlanSourceChoice, attendance: [String], _ lang: Language, notice: Notice) throws -> Source {
        switch choice {
        case .folders(let scenario, let plan):
            let loaded = try ScenarioFolder.load(scenario, lang, notice: notice)
            let settings = try take(ProgrammeReading.settings(folder: loaded.folder))
            let targets = try take(ProgrammeReading.targets(folder: loaded.folder, scenario: loaded.scenario, settings: settings))
            let (p, _) = try take(PlanFolder.read(URL(fileURLWithPath: plan)))
            let records = try take(ProgrammeReading.attendance(files: attendance.map { URL(fileURLWithPath: $0) }, plan: p))
            return Source(scenario: loaded.scenario, plan: p, settings: settings, targets: targets, records: records, heldAs: [:],
                          printed: PrintedFrom(plan: PrintedFrom.folderLabel(URL(fileURLWithPath: plan)), on: PrintedFrom.today()),
                          protected: [scenario, plan] + attendance)
        case .store(let office, let version):
            let store = try office.openExisting()
            let v = try office.version(store, version)
            let latest = try office.version(store, nil).info.number
            guard let scenario = try office.attempt({ try store.scenario(v.info.scenario) }) else {
                throw OfficeError(lang == .zh ? "数据库 \(office.name) 中找不到第 \(v.info.number) 版计划的场景"
                                              : "the store \(office.name) lacks the scenario of plan version \(v.info.number)")
            }
            let programme = try office.attempt { try store.programme(forVersion: v.info.number) }
            let n = v.info.number
            return Source(scenario: scenario, plan: v.plan, settings: programme.settings, targets: programme.targets,
                          records: programme.records, heldAs: programme.heldAs,
                          printed: PrintedFrom(plan: n == latest ? "第\(n)版" : "第\(n)版（最新为第\(latest)版）", on: PrintedFrom.today()),
                          protected: [office.path])
        }
    }

    /// The report's rows for a month, one county (code) or all.
    public static func rows(_ source: Source, month: ReportMonth, county: String?) -> [ReportRow] {
        ProgrammeReport.rows(scenario: source.scenario, plan: source.plan, records: source.records, month: month,
                             completionShare: source.settings.completionShare, targets: source.targets,
                             cityTargets: source.settings.cityTargets, county: county, heldAs: source.heldAs)
    }

    /// Reads the source, counts, and writes the chosen files into `out`
    /// (replaced as a whole; nothing is written on any error).
    public static func write(_ request: Request, notice: Notice) throws -> Written {
        let lang = request.language, month = request.month
        let source = try source(request.source, attendance: request.attendance, lang, notice: notice)
        let scenario = source.scenario
        let found = try request.county.map { try OfficeNames.county($0, in: ScenarioIndex(scenario), lang, notice: notice) }
        let rows = rows(source, month: month, county: found?.code)
        let text = ProgrammeWriting.reportText(rows, scenario: scenario, month: month, language: lang)
        let folder = try OfficeFolders.prepare(request.out, kind: .report, protecting: source.protected, language: lang)
        var written: [String] = []
        let formats = request.formats
        try OfficeFolders.attempt(lang) {
            if formats.contains(.csv) {
                try folder.write("report.csv", ProgrammeWriting.reportCSV(rows), personal: false); written.append("report.csv")
            }
            if formats.contains(.txt) {
                try folder.write("report.txt", text, personal: false); written.append("report.txt")
            }
        }
        if formats.contains(.pdf) || formats.contains(.xlsx) {
            let series = ProgrammeReport.series(scenario: scenario, plan: source.plan, records: source.records, month: month,
                                                completionShare: source.settings.completionShare, county: found?.code,
                                                heldAs: source.heldAs)
            var names: [String: String] = [:]
            for c in scenario.counties { names[c.code] = c.name }
            let document = ReportDocument(
                title: request.title ?? ((found?.name ?? city(of: scenario.settings.name)) + "返乡创业情况统计表"),
                subtitle: scenario.settings.name, month: month, periodStart: scenario.settings.start,
                unit: request.unit, preparer: request.preparer, filedOn: request.filedOn ?? PrintedFrom.today(), printed: source.printed,
                countyNames: names, rows: rows, series: series)
            let base = FileName.safe("返乡创业情况统计表-\(month.text)" + (found.map { "-\($0.name)" } ?? ""))
            if formats.contains(.xlsx) {
                do throws(WorkbookFailure) { try ReportWorkbook.write(document, to: folder.staging.appendingPathComponent(base + ".xlsx")) } catch {
                    throw OfficeError((lang == .zh ? "错误：" : "error: ") + error.message.text(lang))
                }
                written.append(base + ".xlsx")
            }
            if formats.contains(.pdf) {
                do { try ReportPDF.write(document, to: folder.staging.appendingPathComponent(base + ".pdf")) } catch let e as PrintError {
                    throw OfficeError(e.description)
                }
                written.append(base + ".pdf")
            }
            folder.adoptWrittenFiles()
        }
        try OfficeFolders.attempt(lang) { try folder.commit() }
        return Written(rows: rows, text: text, files: written, movedSessions: source.heldAs.count)
    }

    /// "南阳市" from "南阳市2019年返乡创业培训与创业讲师乡村行": the name up to
    /// its first 市, else nothing.
    public static func city(of name: String) -> String {
        guard let i = name.firstIndex(of: "市") else { return "" }
        return String(name[...i])
    }
}
