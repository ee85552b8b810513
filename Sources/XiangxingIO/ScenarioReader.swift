import Foundation
import XiangxingCore
import XiangxingICS

/// A scenario read from its folder, with what the reader learnt on the way.
public struct LoadedScenario: Sendable {
    public var scenario: Scenario
    public var folder: URL
    /// File name → encoding detected.
    public var encodings: [String: TextFileEncoding]
    /// Where the national holiday calendar was found.
    public var holidayFile: URL
    /// What may be wrong but can be right (a trainer without qualifications,
    /// an unknown key in scenario.csv): printed, and the command goes on.
    public var warnings: [InputProblem] = []
}

/// Reads a scenario folder exactly as SCENARIO.md defines it. Every problem
/// in every file is collected, so a clerk sees them all at once; nothing
/// is returned unless the whole scenario is sound.
///
///     switch ScenarioReader.read(folder: URL(fileURLWithPath: "scenarios/nanyang-2019")) { … }
public enum ScenarioReader {
    public static func read(folder: URL) -> Result<LoadedScenario, InputProblems> {
        var r = Reading(folder: folder)
        return r.run()
    }
}

extension ScenarioReader {
    /// Reads an attendees file (attendees.csv's columns, any encoding) whose
    /// counties and kinds refer to an already loaded scenario: the office
    /// adding enrolments after the plan is made.
    public static func readAttendees(file: URL, against scenario: Scenario) -> Result<[Attendee], InputProblems> {
        var ignored: [InputProblem] = []
        return readAttendees(file: file, against: scenario, warnings: &ignored)
    }

    /// The same, handing back the warnings of a successful read (a gender
    /// that contradicts the ID) for the caller to print.
    public static func readAttendees(file: URL, against scenario: Scenario,
                                     warnings: inout [InputProblem]) -> Result<[Attendee], InputProblems> {
        var r = Reading(folder: file.deletingLastPathComponent())
        r.period = scenario.settings.period
        for c in scenario.counties { r.countyCodes.insert(c.code); r.countyByName[c.name] = c.code }
        for k in scenario.kinds { r.kinds[k.code] = k; r.kindByName[k.name] = k.code }
        if let workbook = Reading.refusedWorkbookExtensions.first(where: { file.pathExtension.lowercased() == $0 }) {
            return .failure(InputProblems([Reading.workbookProblem(file.lastPathComponent, ext: workbook)]))
        }
        guard FileManager.default.fileExists(atPath: file.path) else {
            return .failure(InputProblems([InputProblem(
                file: file.lastPathComponent, line: nil, field: "",
                problem: Bilingual(zh: "文件不存在", en: "the file does not exist"),
                remedy: Bilingual(zh: "检查路径 \(file.path)", en: "check the path \(file.path)"))]))
        }
        let people = r.readAttendees(file.lastPathComponent) ?? []
        let all = r.capped(r.problems)
        if all.contains(where: { !$0.isWarning }) { return .failure(InputProblems(all)) }
        warnings = all
        return .success(people)
    }
}

private struct Reading {
    let folder: URL
    var problems: [InputProblem] = []
    var encodings: [String: TextFileEncoding] = [:]
    var countyByName: [String: String] = [:]
    var countyCodes: Set<String> = []
    var kindByName: [String: String] = [:]
    var kinds: [String: Kind] = [:]
    /// Kind codes whose own row is broken: references to them are not
    /// reported again (one mistake, one message).
    var brokenKinds: Set<String> = []
    /// County codes and names of rows that were refused, and whether
    /// counties.csv could be read at all: references to a broken county are
    /// not reported again.
    var brokenCounties: Set<String> = []
    var countiesUnreadable = false
    var kindsUnreadable = false
    var period: ClosedRange<Day>?
    /// Per file, problems counted but not kept (see `capped`).
    var suppressed: [String: Int] = [:]

    init(folder: URL) { self.folder = folder }

    mutating func absorb(_ f: FieldReader) {
        problems += f.problems
        if f.suppressed > 0 { suppressed[f.table.file, default: 0] += f.suppressed }
    }

    /// Workbook formats a table may not come in: the old binary .xls (and
    /// WPS's .et), OpenDocument and macro workbooks. An .xlsx is read.
    static let refusedWorkbookExtensions = ["xls", "et", "ods", "xlsm"]

    static func workbookProblem(_ file: String, ext: String) -> InputProblem {
        let what = ext == "ods"
            ? Bilingual(zh: "这是 OpenDocument 表格（.ods），本程序读取 .xlsx 工作簿和 CSV 文件",
                        en: "this is an OpenDocument spreadsheet (.ods); .xlsx workbooks and CSV files are read")
            : ext == "xlsm"
            ? Bilingual(zh: "这是带宏的 Excel 工作簿（.xlsm），本程序不读取带宏的文件",
                        en: "this is a macro-enabled workbook (.xlsm), which is not read")
            : Bilingual(zh: "这是旧版 Excel/WPS 工作簿（.\(ext)），本程序读取 .xlsx 工作簿和 CSV 文件",
                        en: "this is an old Excel/WPS workbook (.\(ext)); .xlsx workbooks and CSV files are read")
        let stem = (file as NSString).deletingPathExtension
        return InputProblem(
            file: file, line: nil, field: "", problem: what,
            remedy: Bilingual(zh: "在 Excel/WPS 中打开，“另存为”→“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）(*.csv)”，保存为 \(stem).xlsx 或 \(stem).csv",
                              en: "open it in Excel/WPS and Save As \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8 (Comma delimited) (*.csv)\" as \(stem).xlsx or \(stem).csv"))
    }

    /// Which file holds the table `name` (`attendees.csv`): the CSV or the
    /// workbook of the same name (`attendees.xlsx`). Both at once is a
    /// problem (which one did the clerk mean?); an old workbook format
    /// instead is refused with how to save it.
    enum Source { case file(String), absent, refused(InputProblem) }

    func source(of name: String) -> Source {
        let exists = { (n: String) in FileManager.default.fileExists(atPath: folder.appendingPathComponent(n).path) }
        guard name.lowercased().hasSuffix(".csv") else { return exists(name) ? .file(name) : .absent }
        let base = String(name.dropLast(4))
        let workbook = base + ".xlsx"
        switch (exists(name), exists(workbook)) {
        case (true, true):
            return .refused(InputProblem(
                file: workbook, line: nil, field: "",
                problem: Bilingual(zh: "\(name) 和 \(workbook) 同时存在，不知道该用哪一个",
                                   en: "both \(name) and \(workbook) are there; which one is meant is not clear"),
                remedy: Bilingual(zh: "只保留其中一个：删去或移走另一个", en: "keep one of the two: delete or move the other")))
        case (true, false): return .file(name)
        case (false, true): return .file(workbook)
        case (false, false):
            for ext in Reading.refusedWorkbookExtensions where exists(base + "." + ext) {
                return .refused(Reading.workbookProblem(base + "." + ext, ext: ext))
            }
            return .absent
        }
    }

    func exists(_ name: String) -> Bool {
        if case .absent = source(of: name) { return false }
        return true
    }

    mutating func table(_ name: String, _ columns: [Column], optional: Bool = false) -> Table? {
        var file = name
        switch source(of: name) {
        case .refused(let p):
            problems.append(p)
            return nil
        case .absent:
            if optional { return nil }
        case .file(let found):
            file = found
        }
        let url = folder.appendingPathComponent(file)
        guard let (t, encoding) = TableSource.table(url, name: file, columns: columns, problems: &problems, lineBreaks: false) else {
            return nil
        }
        encodings[file] = encoding
        if t.suppressedProblems > 0 { suppressed[file, default: 0] += t.suppressedProblems }
        return t
    }

    mutating func run() -> Result<LoadedScenario, InputProblems> {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDir), isDir.boolValue else {
            return .failure(InputProblems([InputProblem(
                file: folder.path, line: nil, field: "",
                problem: Bilingual(zh: "场景文件夹不存在", en: "the scenario folder does not exist"),
                remedy: Bilingual(zh: "给出包含 scenario.csv 的文件夹路径", en: "give the path of a folder holding scenario.csv"))]))
        }
        let settingsRead = readSettings()
        let counties = readCounties()
        let kindList = readKinds()
        let period = settingsRead.map { $0.0.period }
        self.period = period
        let venues = readVenues(period: period)
        let trainers = readTrainers(period: period)
        let demands = readDemand(period: period)
        let (tours, stops) = readTours(period: period)
        let blackouts = readBlackouts()
        let attendees = readAttendees()
        let travel = readTravel()
        problems = capped(problems)
        let warnings = problems.filter(\.isWarning)
        guard !problems.contains(where: { !$0.isWarning }), let (settings, holidays, holidayFile) = settingsRead else {
            return .failure(InputProblems(problems))
        }
        let scenario = Scenario(settings: settings, holidays: holidays, counties: counties, kinds: kindList,
                                venues: venues, trainers: trainers, demands: demands, tours: tours,
                                stops: stops, blackouts: blackouts, attendees: attendees, travel: travel)
        return .success(LoadedScenario(scenario: scenario, folder: folder, encodings: encodings,
                                       holidayFile: holidayFile, warnings: warnings))
    }

    /// At most `limit` problems per file, then one line saying how many
    /// more: a file of 2.5 million duplicate rows gives 51 lines, not 2.5 million.
    func capped(_ all: [InputProblem], limit: Int = 50) -> [InputProblem] {
        var shown: [String: Int] = [:]
        var hidden: [String: Int] = [:]
        var hiddenErrors: Set<String> = []
        var order: [String] = []
        var out: [InputProblem] = []
        for p in all {
            let n = shown[p.file, default: 0]
            if n < limit {
                shown[p.file] = n + 1
                out.append(p)
            } else {
                if hidden[p.file] == nil { order.append(p.file) }
                hidden[p.file, default: 0] += 1
                if !p.isWarning { hiddenErrors.insert(p.file) }
            }
        }
        for (file, n) in suppressed.sorted(by: { $0.key < $1.key }) where n > 0 {
            if hidden[file] == nil { order.append(file) }
            hidden[file, default: 0] += n
            hiddenErrors.insert(file)
        }
        for file in order {
            let n = hidden[file]!
            out.append(InputProblem(
                file: file, line: nil, field: "",
                problem: Bilingual(zh: "另有 \(n) 处问题未列出（每个文件最多列出 \(limit) 处）",
                                   en: "\(n) more problem(s) not listed (at most \(limit) per file)"),
                remedy: Bilingual(zh: "先改正上面列出的问题，再重新运行", en: "fix those listed above, then run again"),
                severity: hiddenErrors.contains(file) ? .error : .warning))
        }
        return out
    }

    // MARK: scenario.csv and the holiday calendar

    mutating func readSettings() -> (Settings, HolidayCalendar, URL)? {
        guard let t = table("scenario.csv", ScenarioColumns.scenario) else { return nil }
        var values: [String: (String, CSVRecord)] = [:]
        for r in t.records {
            let key = t.value(r, "key").lowercased()
            if values[key] != nil {
                problems.append(t.problem(r, "key", "设置项“\(key)”重复", "setting \"\(key)\" is given twice",
                                          fix: "只保留一行", "keep one row"))
            }
            values[key] = (t.value(r, "value"), r)
            if !Reading.settingKeys.contains(key) {
                let near = Reading.settingKeys.min { editDistance($0, key) < editDistance($1, key) }
                let guess = near.flatMap { editDistance($0, key) <= 3 ? $0 : nil }
                problems.append(t.problem(
                    r, "key", "未知设置项“\(key)”，将被忽略" + (guess.map { "（是不是 \($0)？）" } ?? ""),
                    "unknown setting \"\(key)\" is ignored" + (guess.map { " (did you mean \($0)?)" } ?? ""),
                    fix: guess.map { "改成 \($0)，否则使用默认值" } ?? "核对拼写；可用的设置项见 docs/scenario-format.md",
                    guess.map { "write \($0), or the default is used" } ?? "check the spelling; docs/scenario-format.md lists the settings").asWarning)
            }
        }
        func missing(_ key: String, _ example: String) {
            problems.append(InputProblem(file: t.file, line: nil, field: key,
                                         problem: Bilingual(zh: "缺少设置项", en: "setting is missing"),
                                         remedy: Bilingual(zh: "加一行：\(key),\(example)", en: "add a row: \(key),\(example)")))
        }
        func day(_ key: String) -> Day? {
            guard let (v, r) = values[key] else { missing(key, "2019-01-01"); return nil }
            guard let d = Day(iso: v) else {
                problems.append(t.problem(r, "value", "\(key) “\(v)”不是有效日期", "\(key) \"\(v)\" is not a valid date",
                                          fix: "写成 YYYY-MM-DD", "write YYYY-MM-DD"))
                return nil
            }
            return d
        }
        func number(_ key: String, default value: Double, within range: ClosedRange<Double>) -> Double {
            guard let (v, r) = values[key], !v.isEmpty else { return value }
            guard let n = Double(v), n > 0, n.isFinite else {
                problems.append(t.problem(r, "value", "\(key) “\(v)”不是正数", "\(key) \"\(v)\" is not a positive number",
                                          fix: "填写正数（默认 \(value)）", "write a positive number (default \(value))"))
                return value
            }
            guard range.contains(n) else {
                let span = "\(range.lowerBound.formatted) 至 \(range.upperBound.formatted)"
                let spanEn = "\(range.lowerBound.formatted) to \(range.upperBound.formatted)"
                problems.append(t.problem(r, "value", "\(key) \(v) 超出合理范围（\(span)）", "\(key) \(v) is outside the sane range (\(spanEn))",
                                          fix: "填写 \(span) 之间的数（默认 \(value.formatted)）", "write a number from \(spanEn) (default \(value.formatted))"))
                return value
            }
            return n
        }
        let start = day("start"), end = day("end")
        let maxEvening = number("max_evening_travel_minutes", default: 150, within: 1...1440)
        let factor = number("road_factor", default: 1.3, within: 1...5)
        let kmh = number("road_kmh", default: 60, within: 5...200)
        if let start, let end, end < start, let r = values["end"]?.1 {
            problems.append(t.problem(r, "value", "规划期结束日 \(end) 早于开始日 \(start)", "the period ends (\(end)) before it starts (\(start))",
                                      fix: "改正 start 或 end", "correct start or end"))
        }
        if let start, let end, start.distance(to: end) >= Reading.maxPeriodDays, let r = values["end"]?.1 {
            problems.append(t.problem(r, "value", "规划期 \(start)–\(end) 超过 \(Reading.maxPeriodDays) 天（3 年）",
                                      "the period \(start)–\(end) is longer than \(Reading.maxPeriodDays) days (3 years)",
                                      fix: "一个场景最多规划 3 年：缩短规划期，或分成几个场景", "plan at most 3 years per scenario: shorten the period or split it"))
            return nil
        }
        guard let (holidayName, holidayRecord) = values["holidays"], !holidayName.isEmpty else {
            missing("holidays", "cn-public-holidays.ics")
            return nil
        }
        if let p = ConfinedPath.problem(holidayName) {
            problems.append(t.problem(holidayRecord, "value", p.zh, p.en,
                                      fix: "只写文件名（如 cn-public-holidays.ics），把文件放在场景文件夹或项目的 calendars/ 文件夹中",
                                      "give a file name only (e.g. cn-public-holidays.ics), in the scenario folder or the project's calendars/ folder"))
            return nil
        }
        if let (url, inside) = HolidayCalendarLocator.find(holidayName, scenarioFolder: folder), !inside {
            problems.append(t.problem(holidayRecord, "value", "节假日日历“\(holidayName)”是指向所在文件夹以外的链接（\(url.deletingLastPathComponent().path)）",
                                      "holiday calendar \"\(holidayName)\" is a link to outside its folder (\(url.deletingLastPathComponent().path))",
                                      fix: "把真正的 .ics 文件复制到这里，不要用链接", "copy the real .ics file there instead of a link"))
            return nil
        }
        guard let url = HolidayCalendarLocator.locate(holidayName, scenarioFolder: folder) else {
            problems.append(t.problem(holidayRecord, "value", "找不到节假日日历“\(holidayName)”",
                                      "holiday calendar \"\(holidayName)\" not found",
                                      fix: "放在场景文件夹或项目的 calendars/ 文件夹中，或设置 XIANGXING_CALENDARS",
                                      "put it in the scenario folder or the project's calendars/ folder, or set XIANGXING_CALENDARS"))
            return nil
        }
        var holidays = HolidayCalendar()
        switch TextFile.read(url, name: holidayName) {
        case .failure(let p): problems.append(p)
        case .success(let (text, _)):
            let read = HolidayCalendarFile.read(ics: text, file: holidayName)
            problems += read.problems
            holidays = read.calendar
        }
        guard let start, let end, start <= end else { return nil }
        let covered = Set((holidays.holidays.keys.map(\.year)) + holidays.workdays.keys.map(\.year))
        for year in start.year...end.year where !covered.contains(year) {
            problems.append(InputProblem(
                file: holidayName, line: nil, field: "",
                problem: Bilingual(zh: "节假日日历没有 \(year) 年的安排，而规划期 \(start)–\(end) 包含这一年",
                                   en: "the holiday calendar has no arrangement for \(year), which the period \(start)–\(end) includes"),
                remedy: Bilingual(zh: "国务院办公厅公布 \(year) 年节假日安排后补入日历（见 docs/calendar.md），或缩短规划期",
                                  en: "add \(year) once the State Council publishes it (see docs/calendar.md), or shorten the period")))
        }
        let settings = Settings(name: values["name"]?.0 ?? "", start: start, end: end, holidays: holidayName,
                                maxEveningTravelMinutes: maxEvening, roadFactor: factor, roadKmh: kmh)
        return (settings, holidays, url)
    }

    // MARK: counties and kinds (everything else refers to them)

    mutating func readCounties() -> [County] {
        guard let t = table("counties.csv", ScenarioColumns.counties), t.has("code"), t.has("name") else {
            countiesUnreadable = true
            return []
        }
        for r in t.rejected { brokenCounties.insert(t.value(r, "code")); brokenCounties.insert(t.value(r, "name")) }
        var f = FieldReader(t)
        var out: [County] = []
        var lines: [String: Int] = [:]
        var nameLines: [String: Int] = [:]
        for r in t.records {
            guard let code = f.text(r, "code"), let name = f.text(r, "name") else { continue }
            if let first = nameLines[name] {
                // `--county 宛城区` and county names in other files would pick one silently.
                f.add(r, "name", "县区名称“\(name)”与第 \(first) 行重复", "county name \"\(name)\" repeats line \(first)",
                      fix: "每个县区用不同的名称（可加上所属市，如 南阳宛城区）", "give each county its own name")
                brokenCounties.insert(name)
            }
            nameLines[name] = nameLines[name] ?? r.line
            let lat = f.number(r, "lat", within: -90...90), lon = f.number(r, "lon", within: -180...180)
            if let first = lines[code] {
                f.add(r, "code", "县区代码“\(code)”与第 \(first) 行重复", "county code \"\(code)\" repeats line \(first)",
                      fix: "每个县区只写一行", "list each county once")
                continue
            }
            lines[code] = r.line
            countyCodes.insert(code)
            if !brokenCounties.contains(name) { countyByName[name] = code }
            if let lat, let lon { out.append(County(code: code, name: name, latitude: lat, longitude: lon)) }
        }
        absorb(f)
        return out
    }

    mutating func readKinds() -> [Kind] {
        guard let t = table("kinds.csv", ScenarioColumns.kinds), t.has("code") else {
            kindsUnreadable = true
            return []
        }
        for r in t.rejected { brokenKinds.insert(t.value(r, "code")); brokenKinds.insert(t.value(r, "name")) }
        var f = FieldReader(t)
        var out: [Kind] = []
        for r in t.records {
            guard let code = f.text(r, "code"), let name = f.text(r, "name") else { continue }
            let categoryText = t.value(r, "category")
            let category: KindCategory?
            switch categoryText.lowercased() {
            case "training", "培训": category = .training
            case "mentoring", "指导", "帮扶", "创业指导": category = .mentoring
            default:
                category = nil
                f.add(r, "category", "“\(categoryText)”不是 training 或 mentoring", "\"\(categoryText)\" is not training or mentoring",
                      fix: "填写 training（培训）或 mentoring（指导）", "write training (培训) or mentoring (指导)")
            }
            let days = f.integer(r, "days", min: 1, max: Bounds.kindDays)
            let minSeats = f.integer(r, "min_seats", min: 0, max: Bounds.seats)
            // Seats mean nothing for mentoring (stops carry mentees): 0 is fine there.
            let maxSeats = f.integer(r, "max_seats", min: category == .mentoring ? 0 : 1, max: Bounds.seats)
            let trainers = f.integer(r, "trainers", min: 1, max: Bounds.trainersPerSession)
            let weekends = f.yesNo(r, "weekends")
            if let minSeats, let maxSeats, minSeats > maxSeats {
                f.add(r, "min_seats", "最少人数 \(minSeats) 大于最多人数 \(maxSeats)", "min_seats \(minSeats) exceeds max_seats \(maxSeats)",
                      fix: "改正 min_seats 或 max_seats", "correct min_seats or max_seats")
            }
            if kinds[code] != nil {
                f.add(r, "code", "课程代码“\(code)”重复", "kind code \"\(code)\" is given twice", fix: "每种课程只写一行", "list each kind once")
                continue
            }
            guard let category, let days, let minSeats, let maxSeats, let trainers, let weekends else {
                brokenKinds.insert(code)
                kindByName[name] = code
                continue
            }
            let kind = Kind(code: code, name: name, category: category, days: days, minSeats: minSeats,
                            maxSeats: maxSeats, trainers: trainers, weekends: weekends)
            kinds[code] = kind
            kindByName[name] = code
            out.append(kind)
        }
        absorb(f)
        return out
    }

    /// A county given by code or by name (唐河县), as clerks write either.
    mutating func county(_ f: inout FieldReader, _ r: CSVRecord, _ key: String) -> String? {
        let v = f.table.value(r, key)
        if countyCodes.contains(v) { return v }
        if let code = countyByName[v] { return code }
        // Already reported: the column, counties.csv, or the county's own row.
        if !f.table.has(key) || countiesUnreadable || brokenCounties.contains(v) { return nil }
        f.add(r, key, "未知县区“\(v)”", "unknown county \"\(v)\"",
              fix: "使用 counties.csv 中的代码或名称", "use a code or name from counties.csv")
        return nil
    }

    mutating func kind(_ f: inout FieldReader, _ r: CSVRecord, _ key: String, _ category: KindCategory) -> String? {
        let v = f.table.value(r, key)
        if !f.table.has(key) || kindsUnreadable { return nil }
        if brokenKinds.contains(v) || kindByName[v].map(brokenKinds.contains) == true { return nil }
        guard let code = kinds[v] != nil ? v : kindByName[v], let k = kinds[code] else {
            f.add(r, key, "未知课程类别“\(v)”", "unknown kind \"\(v)\"",
                  fix: "使用 kinds.csv 中的代码或名称", "use a code or name from kinds.csv")
            return nil
        }
        guard k.category == category else {
            let want = category == .training ? "培训（training）" : "指导（mentoring）"
            f.add(r, key, "“\(k.name)”不是\(want)类课程", "\"\(k.code)\" is not a \(category.rawValue) kind",
                  fix: "这里只能用 \(category.rawValue) 类别的课程", "use a kind whose category is \(category.rawValue)")
            return nil
        }
        return code
    }

    mutating func window(_ f: inout FieldReader, _ r: CSVRecord, period: ClosedRange<Day>?) -> (Day, Day)? {
        guard let earliest = f.day(r, "earliest"), let latest = f.day(r, "latest") else { return nil }
        if latest < earliest {
            f.add(r, "latest", "最晚日期 \(latest) 早于最早日期 \(earliest)", "latest \(latest) is before earliest \(earliest)",
                  fix: "改正 earliest 或 latest", "correct earliest or latest")
            return nil
        }
        if let period, earliest < period.lowerBound || latest > period.upperBound {
            let key = earliest < period.lowerBound ? "earliest" : "latest"
            f.add(r, key, "窗口 \(earliest)–\(latest) 超出规划期 \(period.lowerBound)–\(period.upperBound)",
                  "window \(earliest)–\(latest) lies outside the period \(period.lowerBound)–\(period.upperBound)",
                  fix: "把窗口收在规划期内，或修改 scenario.csv 的 start/end",
                  "keep the window inside the period, or change start/end in scenario.csv")
            return nil
        }
        return (earliest, latest)
    }

    /// Dates a calendars/*.ics file blocks within the period.
    mutating func blocked(_ f: inout FieldReader, _ r: CSVRecord, period: ClosedRange<Day>?) -> Set<Day> {
        let name = f.table.value(r, "calendar")
        guard !name.isEmpty, let period else { return [] }
        let relative = name.hasPrefix("calendars/") ? name : "calendars/" + name
        if let p = ConfinedPath.problem(name) {
            f.add(r, "calendar", p.zh, p.en,
                  fix: "把 .ics 文件放进场景的 calendars/ 文件夹，这里只写它的文件名", "put the .ics file in the scenario's calendars/ folder and give its name here")
            return []
        }
        let url = folder.appendingPathComponent(relative)
        if FileManager.default.fileExists(atPath: url.path), !ConfinedPath.isInside(url, folder) {
            f.add(r, "calendar", "日历文件“\(relative)”是指向场景文件夹以外的链接", "calendar file \"\(relative)\" is a link to outside the scenario folder",
                  fix: "把真正的 .ics 文件复制进场景的 calendars/ 文件夹", "copy the real .ics file into the scenario's calendars/ folder")
            return []
        }
        guard FileManager.default.fileExists(atPath: url.path) else {
            f.add(r, "calendar", "日历文件“\(relative)”不存在", "calendar file \"\(relative)\" does not exist",
                  fix: "把 .ics 文件放进场景的 calendars/ 文件夹，或清空这一格", "put the .ics file in the scenario's calendars/ folder, or clear the cell")
            return []
        }
        switch TextFile.read(url, name: relative) {
        case .failure(let p):
            problems.append(p)
            return []
        case .success(let (text, _)):
            let read = AvailabilityCalendar.blockedDays(ics: text, file: relative, from: period.lowerBound, through: period.upperBound)
            problems += read.problems
            return read.days
        }
    }

    /// A phone a clerk got wrong (`1380831231`, ten digits) would be
    /// printed masked as a plausible `138***1231`: refused instead. The
    /// number itself is personal data and is not echoed.
    mutating func checkPhone(_ f: inout FieldReader, _ r: CSVRecord, _ phone: String) {
        guard let problem = PhoneNumber.validate(phone) else { return }
        switch problem {
        case .mobileLength(let n):
            f.add(r, "phone", "手机号应为 11 位，这里是 \(n) 位", "a mobile number has 11 digits, this one \(n)",
                  fix: "核对手机号，可能多写或漏写了一位", "check the number: a digit is probably missing or doubled")
        case .landline(let n):
            f.add(r, "phone", "固定电话应为区号加号码共 11–12 位，这里是 \(n) 位", "a landline has 11–12 digits with its area code, this one \(n)",
                  fix: "写成 区号-号码，如 0377-63123456", "write area code and number, e.g. 0377-63123456")
        case .notAPhone:
            f.add(r, "phone", "不是有效的中国大陆电话号码", "not a valid mainland China phone number",
                  fix: "手机号写 11 位（1 开头），固定电话写 区号-号码（如 0377-63123456）",
                  "write a mobile as 11 digits starting with 1, a landline as area code-number (e.g. 0377-63123456)")
        }
    }

    // MARK: the other files

    mutating func readVenues(period: ClosedRange<Day>?) -> [Venue] {
        guard let t = table("venues.csv", ScenarioColumns.venues) else { return [] }
        var f = FieldReader(t)
        var out: [Venue] = []
        var ids: Set<String> = []
        for r in t.records {
            guard let id = f.text(r, "id") else { continue }
            let county = county(&f, r, "county")
            let name = f.text(r, "name") ?? ""
            let address = f.text(r, "address", required: false) ?? ""
            let seats = f.integer(r, "seats", min: 1, max: Bounds.seats)
            let blocked = blocked(&f, r, period: period)
            guard ids.insert(id).inserted else {
                f.add(r, "id", "场地编号“\(id)”重复", "venue id \"\(id)\" is given twice", fix: "每个场地用唯一编号", "give each venue its own id")
                continue
            }
            guard let county, let seats else { continue }
            out.append(Venue(id: id, county: county, name: name, address: address, seats: seats, blocked: blocked))
        }
        absorb(f)
        warnIfEmpty(t, found: out.count, Bilingual(zh: "场地", en: "venues"))
        return out
    }

    /// A table with its header and no rows at all reads fine but leaves
    /// every session unscheduled: a warning, not silence.
    mutating func warnIfEmpty(_ t: Table, found: Int, _ what: Bilingual) {
        guard found == 0 && t.records.isEmpty && t.rejected.isEmpty && t.has("id") else { return }
        problems.append(InputProblem(
            file: t.file, line: nil, field: "",
            problem: Bilingual(zh: "没有任何\(what.zh)：每个场次都会排不上", en: "no \(what.en): every session will be left unscheduled"),
            remedy: Bilingual(zh: "在表头下逐行填写\(what.zh)", en: "list the \(what.en) below the header"), severity: .warning))
    }

    mutating func readTrainers(period: ClosedRange<Day>?) -> [Trainer] {
        guard let t = table("trainers.csv", ScenarioColumns.trainers) else { return [] }
        var f = FieldReader(t)
        var out: [Trainer] = []
        var ids: Set<String> = []
        for r in t.records {
            guard let id = f.text(r, "id") else { continue }
            let name = f.text(r, "name") ?? ""
            let home = county(&f, r, "home_county")
            var qualifications: Set<String> = []
            for q in splitList(t.value(r, "qualifications")) {
                if kinds[q] != nil || brokenKinds.contains(q) { qualifications.insert(q) }
                else if let code = kindByName[q] { qualifications.insert(code) }
                else {
                    f.add(r, "qualifications", "未知课程类别“\(q)”", "unknown kind \"\(q)\"",
                          fix: "使用 kinds.csv 中的代码，多个用 ; 分隔", "use codes from kinds.csv, separated by ;")
                }
            }
            let maxDays = f.integer(r, "max_days_per_month", min: 0, max: 31)
            let blocked = blocked(&f, r, period: period)
            let phone = t.value(r, "phone")
            if !phone.isEmpty { checkPhone(&f, r, phone) }
            if t.has("qualifications") && splitList(t.value(r, "qualifications")).isEmpty {
                f.add(r, "qualifications", "讲师没有任何资质，不会被安排授课", "the trainer holds no qualification and will never be booked",
                      fix: "填写可授课程的代码，多个用 ; 分隔（如 awareness;capability）", "list the kinds the trainer may teach, separated by ; (e.g. awareness;capability)",
                      severity: .warning)
            }
            guard ids.insert(id).inserted else {
                f.add(r, "id", "讲师编号“\(id)”重复", "trainer id \"\(id)\" is given twice", fix: "每位讲师用唯一编号", "give each trainer their own id")
                continue
            }
            guard let home, let maxDays else { continue }
            out.append(Trainer(id: id, name: name, homeCounty: home, qualifications: qualifications,
                               maxDaysPerMonth: maxDays, blocked: blocked, phone: phone.isEmpty ? nil : phone))
        }
        absorb(f)
        warnIfEmpty(t, found: out.count, Bilingual(zh: "讲师", en: "trainers"))
        return out
    }

    mutating func readDemand(period: ClosedRange<Day>?) -> [Demand] {
        guard let t = table("demand.csv", ScenarioColumns.demand) else { return [] }
        var f = FieldReader(t)
        var out: [Demand] = []
        var ids: Set<String> = []
        for r in t.records {
            guard let id = f.text(r, "id") else { continue }
            let county = county(&f, r, "county")
            let kind = kind(&f, r, "kind", .training)
            let classes = f.integer(r, "classes", min: 0, max: Bounds.classesPerRow)
            let window = window(&f, r, period: period)
            guard ids.insert(id).inserted else {
                f.add(r, "id", "需求编号“\(id)”重复", "demand id \"\(id)\" is given twice", fix: "每行需求用唯一编号", "give each demand row its own id")
                continue
            }
            guard let county, let kind, let classes, let window else { continue }
            out.append(Demand(id: id, county: county, kind: kind, classes: classes, earliest: window.0, latest: window.1))
        }
        absorb(f)
        let total = out.reduce(0) { $0 + $1.classes }
        if total > Bounds.classesInAll {
            problems.append(InputProblem(
                file: t.file, line: nil, field: t.header("classes"),
                problem: Bilingual(zh: "共 \(total) 期，超过一个场景的上限 \(Bounds.classesInAll) 期",
                                   en: "\(total) classes in all, more than the limit of \(Bounds.classesInAll) per scenario"),
                remedy: Bilingual(zh: "核对期数，或按地区分成几个场景", en: "check the class counts, or split the scenario by region")))
        }
        return out
    }

    mutating func readTours(period: ClosedRange<Day>?) -> ([Tour], [TourStop]) {
        let tourTable = table("tours.csv", ScenarioColumns.tours, optional: true)
        let stopsExist = exists("stops.csv")
        guard let t = tourTable else {
            if stopsExist {
                problems.append(InputProblem(file: "stops.csv", line: nil, field: "",
                                             problem: Bilingual(zh: "有 stops.csv 却没有 tours.csv", en: "stops.csv exists without tours.csv"),
                                             remedy: Bilingual(zh: "补上 tours.csv，或删去 stops.csv", en: "add tours.csv, or remove stops.csv")))
            }
            return ([], [])
        }
        var f = FieldReader(t)
        var tours: [Tour] = []
        var tourIDs: Set<String> = []
        for r in t.records {
            guard let id = f.text(r, "id") else { continue }
            let name = f.text(r, "name", required: false) ?? ""
            let kind = kind(&f, r, "kind", .mentoring)
            let window = window(&f, r, period: period)
            let teams = f.integer(r, "teams", min: 1, max: Bounds.teams)
            guard tourIDs.insert(id).inserted else {
                f.add(r, "id", "活动编号“\(id)”重复", "tour id \"\(id)\" is given twice", fix: "每个活动用唯一编号", "give each tour its own id")
                continue
            }
            guard let kind, let window, let teams else { continue }
            tours.append(Tour(id: id, name: name, kind: kind, earliest: window.0, latest: window.1, teams: teams))
        }
        absorb(f)
        guard let s = table("stops.csv", ScenarioColumns.stops, optional: true) else {
            if !tours.isEmpty {
                problems.append(InputProblem(file: "stops.csv", line: nil, field: "",
                                             problem: Bilingual(zh: "有 tours.csv 却没有 stops.csv", en: "tours.csv exists without stops.csv"),
                                             remedy: Bilingual(zh: "补上 stops.csv：每个活动要走访的县区", en: "add stops.csv: the counties each tour visits")))
            }
            return (tours, [])
        }
        var g = FieldReader(s)
        var stops: [TourStop] = []
        var seen: [String: Int] = [:]
        for r in s.records {
            let tour = s.value(r, "tour")
            if !tourIDs.contains(tour) {
                g.add(r, "tour", "未知活动“\(tour)”", "unknown tour \"\(tour)\"", fix: "使用 tours.csv 中的编号", "use an id from tours.csv")
            }
            let county = county(&g, r, "county")
            let days = g.integer(r, "days", min: 1, max: Bounds.stopDays)
            let mentees = g.integer(r, "mentees", min: 0, max: Bounds.mentees)
            guard tourIDs.contains(tour), let county, let days, let mentees else { continue }
            let stop = TourStop(tour: tour, county: county, days: days, mentees: mentees)
            if let first = seen[stop.sessionID] {
                g.add(r, "county", "活动 \(tour) 在这个县区的站点与第 \(first) 行重复", "tour \(tour) already stops in this county (line \(first))",
                      fix: "合并为一行，天数相加", "merge the rows, adding the days")
                continue
            }
            seen[stop.sessionID] = r.line
            stops.append(stop)
        }
        absorb(g)
        return (tours, stops)
    }

    mutating func readBlackouts() -> [Blackout] {
        guard let t = table("blackouts.csv", ScenarioColumns.blackouts, optional: true) else { return [] }
        var f = FieldReader(t)
        var out: [Blackout] = []
        for r in t.records {
            let all = t.value(r, "county") == "*"
            let county = all ? nil : county(&f, r, "county")
            guard let start = f.day(r, "start"), let end = f.day(r, "end") else { continue }
            if end < start {
                f.add(r, "end", "结束日期 \(end) 早于开始日期 \(start)", "end \(end) is before start \(start)",
                      fix: "改正 start 或 end", "correct start or end")
                continue
            }
            guard all || county != nil else { continue }
            out.append(Blackout(county: county, start: start, end: end, reason: t.value(r, "reason")))
        }
        absorb(f)
        return out
    }

    mutating func readAttendees(_ name: String = "attendees.csv") -> [Attendee]? {
        guard let t = table(name, ScenarioColumns.attendees, optional: true) else { return nil }
        var f = FieldReader(t)
        var out: [Attendee] = []
        var enrolled: [String: Int] = [:]
        var people: [String: (Int, String)] = [:]
        for r in t.records {
            let id = t.value(r, "id_number").uppercased()
            var idOK = true
            if ResidentID.isExcelDamaged(id) {
                idOK = false
                f.add(r, "id_number", "身份证号已被 Excel 当成数字改坏了（显示成 4.11328E+17 这样的科学计数法，或末三位变成 000）",
                      "Excel has turned the resident ID into a number (shown like 4.11328E+17, or its last three digits made 000)",
                      fix: "从原始名单重新录入：先把这一列设为“文本”格式再粘贴，或在号码前加英文单引号 '；用 Excel/WPS 打开 CSV 时用“数据→从文本/CSV”导入并把这一列设为文本",
                      "enter the numbers again from the original list: format the column as Text before pasting, or type ' before the number; open CSV files with Data → From Text/CSV and set this column to Text")
            } else if let problem = ResidentID.validate(id) {
                idOK = false
                // The number itself is personal data: messages name the line, never the number.
                switch problem {
                case .wrongLength(let n):
                    f.add(r, "id_number", "身份证号应为 18 位，这里是 \(n) 位", "a resident ID has 18 characters, this one \(n)",
                          fix: "核对身份证号（15 位旧证请换成 18 位）", "check the number (convert old 15-digit IDs to 18)")
                case .notDigits:
                    f.add(r, "id_number", "身份证号只能是数字，末位可为 X", "a resident ID is digits, the last may be X",
                          fix: "核对身份证号，注意不要用全角字符", "check the number; avoid full-width characters")
                case .badBirthDate:
                    f.add(r, "id_number", "身份证号中的出生日期不存在", "the birth date inside the ID does not exist",
                          fix: "核对第 7–14 位（出生年月日）", "check digits 7–14 (birth date)")
                case .checkDigit(let expected):
                    f.add(r, "id_number", "身份证号校验位不符（按 GB 11643 应为 \(expected)）",
                          "the ID's check character is wrong (GB 11643 calls for \(expected))",
                          fix: "核对身份证号，很可能有一位抄错", "check the number: one digit is probably mistyped")
                }
            }
            if idOK, let period, let born = ResidentID.birthDate(id), born >= period.lowerBound {
                idOK = false
                f.add(r, "id_number", "身份证号中的出生日期晚于规划期开始（\(period.lowerBound)），不可能参加培训",
                      "the birth date inside the ID is after the period starts (\(period.lowerBound)): no such trainee",
                      fix: "核对第 7–14 位（出生年月日）", "check digits 7–14 (birth date)")
            }
            let name = f.text(r, "name") ?? ""
            let genderText = t.value(r, "gender")
            let gender: Gender?
            switch genderText.uppercased() {
            case "男", "M", "MALE": gender = .male
            case "女", "F", "FEMALE": gender = .female
            default:
                gender = nil
                f.add(r, "gender", "性别“\(genderText)”无法识别", "gender \"\(genderText)\" is not recognised",
                      fix: "填写 男 或 女（也可写 M / F）", "write 男 or 女 (M / F also accepted)")
            }
            if idOK, let gender, let coded = ResidentID.gender(id), coded != gender {
                let say = coded == .male ? "男" : "女"
                f.add(r, "gender", "性别与身份证号不符（身份证号第 17 位表示\(say)）",
                      "the gender contradicts the resident ID (its 17th digit says \(coded == .male ? "male" : "female"))",
                      fix: "核对性别和身份证号，其中一个可能填错", "check the gender and the ID: one of them is probably wrong",
                      severity: .warning)
            }
            let phone = t.value(r, "phone")
            if !phone.isEmpty { checkPhone(&f, r, phone) }
            let county = county(&f, r, "county")
            let kind = kind(&f, r, "kind", .training)
            if idOK, !name.isEmpty {
                if let (first, firstName) = people[id], firstName != name {
                    idOK = false
                    f.add(r, "id_number", "同一身份证号在第 \(first) 行是另一个姓名", "the same resident ID has another name on line \(first)",
                          fix: "核对两行的身份证号：一人一号", "check the IDs of both rows: one number, one person")
                } else if people[id] == nil {
                    people[id] = (r.line, name)
                }
            }
            guard idOK, let gender, let county, let kind else { continue }
            let key = kind + "\u{1F}" + id
            if let first = enrolled[key] {
                f.add(r, "id_number", "同一人已在第 \(first) 行报名了同一课程", "the same person enrolled for this kind on line \(first)",
                      fix: "删去重复的一行", "delete the duplicate row")
                continue
            }
            enrolled[key] = r.line
            let pinyin = t.value(r, "pinyin")
            out.append(Attendee(idNumber: id, name: name, gender: gender, phone: phone, county: county,
                                township: t.value(r, "township"), kind: kind, project: t.value(r, "project"),
                                pinyin: pinyin.isEmpty ? nil : pinyin))
        }
        absorb(f)
        return out
    }

    mutating func readTravel() -> [TravelOverride] {
        guard let t = table("travel.csv", ScenarioColumns.travel, optional: true) else { return [] }
        var f = FieldReader(t)
        var out: [TravelOverride] = []
        var pairs: [String: Int] = [:]
        for r in t.records {
            let from = county(&f, r, "from"), to = county(&f, r, "to")
            let km = f.number(r, "km", within: 0...10_000), minutes = f.number(r, "minutes", within: 0...10_000)
            guard let from, let to, let km, let minutes else { continue }
            // Symmetric: 411330→411328 and 411328→411330 are one pair.
            let pair = min(from, to) + "\u{1F}" + max(from, to)
            if let first = pairs[pair] {
                f.add(r, "to", "这一对县区的路程与第 \(first) 行重复", "this pair of counties repeats line \(first)",
                      fix: "每对县区只写一行（往返算同一对），删去多余的一行", "give each pair one row (both directions are one pair); delete the extra one")
                continue
            }
            pairs[pair] = r.line
            out.append(TravelOverride(from: from, to: to, km: km, minutes: minutes))
        }
        absorb(f)
        return out
    }
}

extension Reading {
    /// The keys of scenario.csv (SCENARIO.md's, and the tracking targets).
    static let settingKeys: Set<String> = [
        "name", "start", "end", "holidays", "max_evening_travel_minutes", "road_factor", "road_kmh",
        "target_training", "target_mentoring", "completion_share",
    ]
    static let maxPeriodDays = 1_096
}

/// The sane bounds of every count a scenario gives (docs/scenario-format.md
/// lists them): beyond them the data is a typo, and the planner would
/// allocate for it until it dies.
enum Bounds {
    static let kindDays = 60
    static let seats = 10_000
    static let trainersPerSession = 20
    static let classesPerRow = 1_000
    static let classesInAll = 100_000
    static let teams = 100
    static let stopDays = 60
    static let mentees = 100_000
}

/// Paths a scenario file names must stay inside the scenario folder (or
/// the project's calendars/): no absolute path, no `..`, no link out.
enum ConfinedPath {
    static func problem(_ path: String) -> (zh: String, en: String)? {
        let parts = path.split(whereSeparator: { $0 == "/" || $0 == "\\" })
        if path.hasPrefix("/") || path.hasPrefix("\\") || path.hasPrefix("~") || path.contains(":") {
            return ("“\(path)”是绝对路径，不能读取场景文件夹以外的文件", "\"\(path)\" is an absolute path; files outside the scenario folder are not read")
        }
        if parts.contains("..") {
            return ("“\(path)”用 .. 指向了场景文件夹以外", "\"\(path)\" uses .. to leave the scenario folder")
        }
        return nil
    }

    /// True when `url`, links resolved, lies inside `folder` (links resolved).
    static func isInside(_ url: URL, _ folder: URL) -> Bool {
        guard let file = realPath(url), let base = realPath(folder) else { return false }
        return file.hasPrefix(base.hasSuffix("/") ? base : base + "/")
    }

    static func realPath(_ url: URL) -> String? {
        guard let p = realpath(url.path, nil) else { return nil }
        defer { free(p) }
        return String(cString: p)
    }
}

/// Levenshtein distance, for "did you mean road_kmh?".
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(a.count, 1) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in stride(from: 1, through: b.count, by: 1) {
            let old = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = old
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}

extension Double {
    /// `60` for 60.0, `1.3` for 1.3.
    var formatted: String { self == rounded() && abs(self) < 1e15 ? String(Int(self)) : String(self) }
}

/// Finds the national holiday calendar named in scenario.csv: beside the
/// scenario, in `$XIANGXING_CALENDARS`, or in a `calendars/` folder above
/// the scenario, the working folder or the executable (the project's own).
public enum HolidayCalendarLocator {
    public static func locate(_ name: String, scenarioFolder: URL) -> URL? {
        guard let (url, inside) = find(name, scenarioFolder: scenarioFolder), inside else { return nil }
        return url
    }

    /// The first file of that name, and whether it (links resolved) stays
    /// inside the folder it was found in.
    static func find(_ name: String, scenarioFolder: URL) -> (URL, Bool)? {
        let fm = FileManager.default
        var bases: [URL] = [scenarioFolder]
        if let env = ProcessInfo.processInfo.environment["XIANGXING_CALENDARS"] {
            bases.append(URL(fileURLWithPath: env))
        }
        let starts = [scenarioFolder.standardizedFileURL,
                      URL(fileURLWithPath: fm.currentDirectoryPath),
                      URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()]
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                bases.append(dir.appendingPathComponent("calendars"))
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        let candidates = bases.map { ($0, $0.appendingPathComponent(name)) }
        guard let (base, url) = candidates.first(where: { fm.fileExists(atPath: $0.1.path) }) else { return nil }
        return (url, ConfinedPath.isInside(url, base))
    }
}
