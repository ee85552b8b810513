import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingPrint
import XiangxingStore

/// A file made for a download: its bytes, the name a browser saves it as
/// and its media type. Made in a private temporary folder that is gone
/// before the call returns.
public struct DownloadFile: Sendable {
    public var name: String
    public var bytes: Data
    public var type: String

    public init(name: String, bytes: Data, type: String) { self.name = name; self.bytes = bytes; self.type = type }

    static func type(of name: String) -> String {
        switch (name as NSString).pathExtension.lowercased() {
        case "pdf": return "application/pdf"
        case "xlsx": return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case "csv": return "text/csv; charset=utf-8"
        default: return "text/plain; charset=utf-8"
        }
    }
}

/// Every printout and report of the store's latest version as one file to
/// download (the office's 下载 page): the monthly report, the 任务分解表, all
/// counties' sign-in sheets, every trainer's itinerary, the tour sheets.
/// Each is written by the same Office or printing call the CLI uses, into a
/// private temporary folder (0700) that is removed afterwards.
public enum OfficeDownloads {
    /// The monthly report of `month` for the city (or one county) as csv, xlsx, pdf or txt.
    public static func report(_ office: OfficeStore, month: ReportMonth, format: ReportFormat, county: String? = nil,
                              unit: String = "", preparer: String = "") throws -> DownloadFile {
        try inPrivateFolder(office.language) { dir in
            let out = dir.appendingPathComponent("report").path
            let written = try MonthlyReport.write(
                MonthlyReport.Request(source: .store(office, version: nil), month: month, county: county, formats: [format], out: out,
                                      unit: unit, preparer: preparer, language: office.language),
                notice: { _ in })
            guard let name = written.files.first else { throw OfficeError("report: no file") }
            let shown = format == .csv ? "返乡创业情况统计表-\(month.text).csv" : format == .txt ? "返乡创业情况统计表-\(month.text).txt" : name
            return try file(URL(fileURLWithPath: out).appendingPathComponent(name), as: shown)
        }
    }

    /// The 任务分解表 (targets handed down to the counties) as pdf or xlsx:
    /// the imported targets.csv, else scenario.csv's city targets divided by
    /// largest remainder as `xiangxing targets` does.
    public static func targets(_ office: OfficeStore, format: ReportFormat, unit: String = "", issuedOn: Day? = nil) throws -> DownloadFile {
        let lang = office.language
        let db = try office.openExisting()
        let (index, _) = try office.scenario(db)
        let scenario = index.scenario
        let v = try office.version(db, nil)
        let programme = try office.attempt { try db.programme(forVersion: v.info.number) }
        let targets = programme.targets ?? TargetDecomposition.targets(scenario, training: programme.settings.targetTraining,
                                                                       mentoring: programme.settings.targetMentoring)
        guard !targets.isEmpty else {
            throw OfficeError(lang == .zh ? "没有目标可分解：场景的 scenario.csv 没有 target_training、target_mentoring，也没有导入 targets.csv。"
                                          : "no targets: the scenario has neither target_training/target_mentoring nor targets.csv.")
        }
        let document = TargetsDocument(title: scenario.settings.name + "任务分解表", unit: unit, issuedOn: issuedOn ?? PrintedFrom.today(),
                                       counties: scenario.counties.map { (code: $0.code, name: $0.name) }, targets: targets)
        return try inPrivateFolder(lang) { dir in
            switch format {
            case .xlsx:
                let url = dir.appendingPathComponent("任务分解表.xlsx")
                do throws(WorkbookFailure) { try TargetsWorkbook.write(document, to: url) } catch {
                    throw OfficeError((lang == .zh ? "错误：" : "error: ") + error.message.text(lang))
                }
                return try file(url, as: url.lastPathComponent)
            case .pdf:
                let url = dir.appendingPathComponent("任务分解表.pdf")
                do { try TargetsPDF.write(document, to: url) } catch let e as PrintError { throw OfficeError(e.description) }
                return try file(url, as: url.lastPathComponent)
            case .csv, .txt:
                return DownloadFile(name: "targets.csv", bytes: Data(ProgrammeWriting.targetsCSV(targets).utf8), type: DownloadFile.type(of: "targets.csv"))
            }
        }
    }

    /// Sign-in sheets (签到表) as one PDF: one county's (code or name), or
    /// every county's classes in counties.csv order; IDs and phones masked.
    public static func rosters(_ office: OfficeStore, county: String?) throws -> DownloadFile {
        let lang = office.language
        let read = try PlanSourceReader.load(.store(office, version: nil), lang, notice: { _ in })
        let printed = try PlanSourceReader.printedFrom(.store(office, version: nil))
        let book: RosterBook
        do {
            book = try RosterBook(scenario: read.scenario, plan: read.plan, order: .pinyin, unmasked: false, printed: printed, blankRows: 0)
        } catch let problem as RosterProblem {
            throw OfficeError(problem.message(lang))
        }
        let counties = try county.map { [try OfficeNames.county($0, in: ScenarioIndex(read.scenario), lang, notice: { _ in })] }
            ?? read.scenario.counties
        var inputs: [RosterInput] = []
        do {
            for c in counties where !book.sessions(in: c.code).isEmpty { inputs += try book.rosters(of: c) }
        } catch let problem as RosterProblem {
            throw OfficeError(problem.message(lang))
        }
        guard !inputs.isEmpty else {
            throw OfficeError(lang == .zh ? "计划中没有培训班，没有签到表可下载。" : "The plan has no classes; no sign-in sheets.")
        }
        let name = county == nil ? "签到表-全部县区.pdf" : RosterFiles.pdfName(counties[0])
        return try inPrivateFolder(lang) { dir in
            let url = dir.appendingPathComponent("roster.pdf")
            do { try RosterPDF.write(inputs, to: url) } catch let e as PrintError { throw OfficeError(e.description) }
            return try file(url, as: name)
        }
    }

    /// Every trainer with work (or cancelled work) in the latest version,
    /// one itinerary after another in one PDF, with what earlier versions
    /// gave them and this one took away listed as 已取消.
    public static func itineraries(_ office: OfficeStore) throws -> DownloadFile {
        let lang = office.language
        let db = try office.openExisting()
        let (index, _) = try office.scenario(db)
        let latest = try office.version(db, nil)
        let earlier = try office.attempt { try db.versions() }.filter { $0.number < latest.info.number }
        var history: [String: [ItineraryVersion]] = [:]
        for info in earlier {
            guard let v = try office.attempt({ try db.version(info.number) }) else { continue }
            for it in Itinerary.all(plan: v.plan, index: index) {
                history[it.trainer.id, default: []].append(
                    ItineraryVersion(number: info.number, revised: Int(info.createdAt.timeIntervalSince1970.rounded(.down)), itinerary: it))
            }
        }
        let revised = Int(latest.info.createdAt.timeIntervalSince1970.rounded(.down))
        let printed = Int(Date().timeIntervalSince1970.rounded(.down))
        let chosen = Itinerary.all(plan: latest.plan, index: index).map { it in
            var it = it.noting(earlier: history[it.trainer.id] ?? [], version: latest.info.number)
            it.edition = PrintEdition(version: latest.info.number, planRevised: revised, printed: printed)
            return it
        }.filter { !$0.engagements.isEmpty || !$0.cancelled.isEmpty }
        guard !chosen.isEmpty else {
            throw OfficeError(lang == .zh ? "计划中没有讲师任务，没有行程表可下载。" : "No trainer has work in the plan; no itineraries.")
        }
        return try inPrivateFolder(lang) { dir in
            let url = dir.appendingPathComponent("itineraries.pdf")
            do { try ItineraryPDF.write(chosen, to: url) } catch let e as PrintError { throw OfficeError(e.description) }
            return try file(url, as: "讲师行程表-第\(latest.info.number)版.pdf")
        }
    }

    /// Every tour team's route sheet (行程单) in one PDF; trainers' phones masked.
    public static func tourSheets(_ office: OfficeStore) throws -> DownloadFile {
        let lang = office.language
        let read = try PlanSourceReader.load(.store(office, version: nil), lang, notice: { _ in })
        let printed = try PlanSourceReader.printedFrom(.store(office, version: nil))
        let index = ScenarioIndex(read.scenario)
        var inputs: [TourSheetInput] = []
        for t in read.scenario.tours {
            let teams = Set(read.plan.sessions.filter { $0.type == .tourStop && $0.ref == t.id }.compactMap(\.team)).sorted()
            inputs += teams.map {
                TourSheetInput(tour: t, team: $0, sessions: read.plan.sessions, scenario: read.scenario, index: index, unmasked: false, printed: printed)
            }
        }
        guard !inputs.isEmpty else {
            throw OfficeError(lang == .zh ? "计划中没有乡村行站点，没有行程单可下载。" : "The plan has no tour stops; no tour sheets.")
        }
        return try inPrivateFolder(lang) { dir in
            let url = dir.appendingPathComponent("toursheets.pdf")
            do { try TourSheetPDF.write(inputs, to: url) } catch let e as PrintError { throw OfficeError(e.description) }
            return try file(url, as: "乡村行行程单.pdf")
        }
    }

    /// Runs `body` with a fresh folder only this user can read, removed afterwards whatever happens.
    static func inPrivateFolder<T>(_ lang: Language, _ body: (URL) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-download-\(UUID().uuidString)")
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        } catch {
            throw OfficeError(lang == .zh ? "无法建立临时文件夹：\(error.localizedDescription)" : "cannot make a temporary folder: \(error.localizedDescription)")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        return try body(dir)
    }

    static func file(_ url: URL, as name: String) throws -> DownloadFile {
        guard let bytes = FileManager.default.contents(atPath: url.path) else {
            throw OfficeError("cannot read \(url.lastPathComponent)")
        }
        return DownloadFile(name: name, bytes: bytes, type: DownloadFile.type(of: name))
    }
}
