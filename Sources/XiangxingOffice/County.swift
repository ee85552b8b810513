import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingNames
import XiangxingPrint
import XiangxingStore

/// Something a county's clerk asked for that is not that county's: a
/// session, person or kind of another county, or none at all. A page
/// answers it with 404, never with the data hidden.
public struct CountyNotFound: Error, Sendable, Equatable {
    public var what: String
    public init(_ what: String) { self.what = what }
}

/// What a county bureau's clerk works with (县人社局): its classes and tour
/// stops in the latest plan version, a class's people, its sign-in sheets and
/// its monthly report. Every call takes the county's code and answers only
/// for that county; anything else is `CountyNotFound`.
public enum CountyDesk {
    /// One class or stop as the county's list shows it.
    public struct SessionRow: Sendable {
        public var id: String
        public var isStop: Bool
        /// "创业意识培训第1期", "2019年9月乡村行站点".
        public var course: String
        public var kind: String
        /// "2019年9月10日（星期二）—9月12日".
        public var dates: String
        public var days: [Day]
        public var venue: String
        public var address: String
        public var trainers: [String]
        /// The kind's max seats (classes); mentees planned (stops).
        public var seats: Int
        /// People seated in the class by the plan.
        public var seated: Int
        /// Team number (stops).
        public var team: Int?
    }

    /// A county's page: its classes and stops in date order.
    public struct Overview: Sendable {
        public var county: County
        public var version: Int
        public var classes: [SessionRow]
        public var stops: [SessionRow]
        /// The county's training kinds with the number enrolled in each.
        public var kinds: [(code: String, name: String, enrolled: Int, waiting: Int)]
    }

    /// One person of a class, as a page shows them (masked).
    public struct Person: Sendable {
        /// The enrolment row's key (never the ID number).
        public var key: Int
        public var name: String
        public var gender: String
        public var township: String
        public var maskedID: String
        public var maskedPhone: String
        public var project: String
        /// The full ID, for the store calls of the Office only.
        var idNumber: String
    }

    /// A class's page.
    public struct ClassPage: Sendable {
        public var county: County
        public var version: Int
        public var session: Session
        public var row: SessionRow
        /// In the roster's name order.
        public var people: [Person]
        /// Seated by the plan but no longer enrolled (withdrawn since).
        public var withdrawn: Int
        /// The class days that have attendance records.
        public var recordedDays: Set<Day>
    }

    /// What a county's pages read once: the current scenario and the latest version.
    struct Context {
        var store: PlanStore
        var index: ScenarioIndex
        var version: StoredVersion
        var county: County
        var words: SessionWords
    }

    static func context(_ office: OfficeStore, county code: String) throws -> Context {
        let store = try office.openExisting()
        let (index, _) = try office.scenario(store)
        guard let county = index.counties[code] else { throw CountyNotFound("county") }
        let version = try office.version(store, nil)
        return Context(store: store, index: index, version: version, county: county,
                       words: SessionWords(index, office.language, plan: version.plan))
    }

    /// The county's classes and tour stops in the latest version.
    public static func overview(_ office: OfficeStore, county code: String) throws -> Overview {
        let c = try context(office, county: code)
        let sessions = c.version.plan.sessions.filter { $0.county == code }
            .sorted { ($0.dates.first ?? Day(ordinal: 0), $0.id) < ($1.dates.first ?? Day(ordinal: 0), $1.id) }
        let kinds = c.index.scenario.kinds.filter { $0.category == .training }.map { k in
            let people = (c.index.scenario.attendees ?? []).filter { $0.county == code && $0.kind == k.code }
            let waiting = people.filter { person in
                !sessions.contains { $0.kind == k.code && (c.version.plan.assignments?[$0.id] ?? []).contains(person.idNumber) }
            }.count
            return (code: k.code, name: k.name, enrolled: people.count, waiting: waiting)
        }
        return Overview(county: c.county, version: c.version.info.number,
                        classes: sessions.filter { $0.type == .trainingClass }.map { row($0, c) },
                        stops: sessions.filter { $0.type == .tourStop }.map { row($0, c) }, kinds: kinds)
    }

    /// A class of the county (a stop too: it has no people), with its people
    /// in the roster's name order.
    public static func classPage(_ office: OfficeStore, county code: String, session id: String) throws -> ClassPage {
        let c = try context(office, county: code)
        return try classPage(c, session: id)
    }

    static func classPage(_ c: Context, session id: String) throws -> ClassPage {
        guard let s = c.version.plan.sessions.first(where: { $0.id == id && $0.county == c.county.code }) else {
            throw CountyNotFound("session")
        }
        let enrolled = try c.store.enrolment(county: c.county.code, kind: s.kind).people
        let byID = Dictionary(enrolled.map { ($0.attendee.idNumber, $0) }, uniquingKeysWith: { a, _ in a })
        let seated = c.version.plan.assignments?[s.id] ?? []
        let present = seated.compactMap { byID[$0] }
        let sorted = NameSorter(order: .pinyin).sorted(present, name: \.attendee.name, pinyin: \.attendee.pinyin)
        let recorded = try Set(s.dates.filter { try c.store.attendanceDay(session: s.id, day: $0).isRecorded })
        return ClassPage(county: c.county, version: c.version.info.number, session: s, row: row(s, c),
                         people: sorted.map(person), withdrawn: seated.count - present.count, recordedDays: recorded)
    }

    static func person(_ p: EnrolledPerson) -> Person {
        let a = p.attendee
        return Person(key: p.key, name: a.name, gender: a.gender.rawValue, township: a.township,
                      maskedID: ResidentID.masked(a.idNumber), maskedPhone: PhoneMask.masked(a.phone), project: a.project,
                      idNumber: a.idNumber)
    }

    static func row(_ s: Session, _ c: Context) -> SessionRow {
        let venue = c.index.venues[s.venue]
        let seats = s.type == .trainingClass ? (c.index.kinds[s.kind]?.maxSeats ?? 0) : s.attendees
        return SessionRow(id: s.id, isStop: s.type == .tourStop, course: c.words.course(s), kind: s.kind,
                          dates: ChineseDays.span(s.dates), days: s.dates, venue: venue?.name ?? s.venue,
                          address: venue?.address ?? "", trainers: s.trainers.map { c.index.trainers[$0]?.name ?? $0 },
                          seats: seats, seated: c.version.plan.assignments?[s.id]?.count ?? 0, team: s.team)
    }

    // MARK: sign-in sheets

    /// A file to send as a download.
    public struct Download: Sendable {
        public var bytes: [UInt8]
        public var filename: String
        public var type: String
    }

    /// The sign-in sheets (签到表) of one class (`session`) or of all the
    /// county's classes (nil), as the CLI prints them (masked), written by
    /// `Rosters.write` into a private temporary folder and read back.
    /// Several .xlsx files (one per class) are not one download: ask per class.
    public static func signInSheets(_ office: OfficeStore, county code: String, session: String?, format: RosterFormat) throws -> Download {
        let c = try context(office, county: code)
        if let session {
            guard c.version.plan.sessions.contains(where: { $0.id == session && $0.county == code && $0.type == .trainingClass }) else {
                throw CountyNotFound("session")
            }
        }
        return try PrivateFolder.using { folder in
            let out = folder.appendingPathComponent("签到表").path
            let written = try Rosters.write(Rosters.Request(source: .store(office, version: c.version.info.number), county: code,
                                                            format: format, out: out, language: office.language,
                                                            session: session, leavingOutWithdrawn: true),
                                            notice: { _ in })
            guard written.files.count == 1, let file = written.files.first else {
                throw OfficeError(office.language == .zh ? "全县的签到表 .xlsx 每期一个文件：请在各期的页面分别下载，或下载全县的 PDF。"
                                                         : "The county's .xlsx sheets are one file per class: download them from each class's page, or the county's PDF.")
            }
            let bytes = try [UInt8](Data(contentsOf: file))
            let name = session.map { id in
                FileName.safe("签到表-\(c.county.name)-\(c.words.course(c.version.plan.sessions.first { $0.id == id }!))-\(id)") + "." + format.rawValue
            } ?? file.lastPathComponent
            return Download(bytes: bytes, filename: name, type: format.contentType)
        }
    }

    // MARK: the monthly report

    /// The county's rows of the monthly report (返乡创业情况统计表).
    public struct Report: Sendable {
        public var county: County
        public var month: ReportMonth
        public var rows: [ReportRow]
    }

    public static func report(_ office: OfficeStore, county code: String, month: ReportMonth) throws -> Report {
        let c = try context(office, county: code)
        let source = try MonthlyReport.source(.store(office, version: nil), attendance: [], office.language, notice: { _ in })
        return Report(county: c.county, month: month, rows: MonthlyReport.rows(source, month: month, county: code))
    }

    /// The county's report as one file (csv, xlsx or pdf), via `MonthlyReport.write`.
    public static func reportFile(_ office: OfficeStore, county code: String, month: ReportMonth, format: ReportFormat) throws -> Download {
        let c = try context(office, county: code)
        return try PrivateFolder.using { folder in
            let out = folder.appendingPathComponent("统计表").path
            let written = try MonthlyReport.write(
                MonthlyReport.Request(source: .store(office, version: nil), month: month, county: code, formats: [format], out: out,
                                      unit: c.county.name + "人力资源和社会保障局", preparer: office.who, language: office.language),
                notice: { _ in })
            guard let name = written.files.first else { throw OfficeError("no file") }
            let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: out).appendingPathComponent(name)))
            let filename = name.hasPrefix("report.") ? "返乡创业情况统计表-\(month.text)-\(c.county.name).\(format.rawValue)" : name
            return Download(bytes: bytes, filename: filename, type: format.contentType)
        }
    }
}

extension RosterFormat {
    var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .csv: return "text/csv; charset=utf-8"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}

extension ReportFormat {
    var contentType: String {
        switch self {
        case .pdf: return "application/pdf"
        case .csv: return "text/csv; charset=utf-8"
        case .txt: return "text/plain; charset=utf-8"
        case .xlsx: return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}

/// Dates as Chinese readers read them on a page.
public enum ChineseDays {
    static let weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    /// "2019年9月10日（星期二）".
    public static func long(_ d: Day) -> String { "\(d.year)年\(d.month)月\(d.dayOfMonth)日（\(weekdays[d.weekday.rawValue - 1])）" }

    /// "9月10日（星期二）".
    public static func short(_ d: Day) -> String { "\(d.month)月\(d.dayOfMonth)日（\(weekdays[d.weekday.rawValue - 1])）" }

    /// "2019年9月10日（星期二）—9月12日"; one day alone: "2019年9月10日（星期二）".
    public static func span(_ dates: [Day]) -> String {
        guard let first = dates.min(), let last = dates.max() else { return "" }
        guard first != last else { return long(first) }
        let end = last.year == first.year ? "\(last.month)月\(last.dayOfMonth)日" : "\(last.year)年\(last.month)月\(last.dayOfMonth)日"
        return long(first) + "—" + end
    }
}

/// A folder only this process's user can read (0700) under the system's
/// temporary folder, removed after use: printouts and uploads of personal
/// data pass through it.
public enum PrivateFolder {
    public static func using<T>(_ body: (URL) throws -> T) throws -> T {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-" + UUID().uuidString)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: url) }
        return try body(url)
    }
}
