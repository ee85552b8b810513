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
        var r = Reading(folder: file.deletingLastPathComponent())
        for c in scenario.counties { r.countyCodes.insert(c.code); r.countyByName[c.name] = c.code }
        for k in scenario.kinds { r.kinds[k.code] = k; r.kindByName[k.name] = k.code }
        guard FileManager.default.fileExists(atPath: file.path) else {
            return .failure(InputProblems([InputProblem(
                file: file.lastPathComponent, line: nil, field: "",
                problem: Bilingual(zh: "文件不存在", en: "the file does not exist"),
                remedy: Bilingual(zh: "检查路径 \(file.path)", en: "check the path \(file.path)"))]))
        }
        let people = r.readAttendees(file.lastPathComponent) ?? []
        return r.problems.isEmpty ? .success(people) : .failure(InputProblems(r.problems))
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

    init(folder: URL) { self.folder = folder }

    mutating func table(_ name: String, _ columns: [Column], optional: Bool = false) -> Table? {
        let url = folder.appendingPathComponent(name)
        if optional && !FileManager.default.fileExists(atPath: url.path) { return nil }
        switch TextFile.read(url, name: name) {
        case .failure(let p):
            problems.append(p)
            return nil
        case .success(let (text, encoding)):
            encodings[name] = encoding
            return Table(file: name, text: text, columns: columns, problems: &problems)
        }
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
        let venues = readVenues(period: period)
        let trainers = readTrainers(period: period)
        let demands = readDemand(period: period)
        let (tours, stops) = readTours(period: period)
        let blackouts = readBlackouts()
        let attendees = readAttendees()
        let travel = readTravel()
        guard problems.isEmpty, let (settings, holidays, holidayFile) = settingsRead else {
            return .failure(InputProblems(problems))
        }
        let scenario = Scenario(settings: settings, holidays: holidays, counties: counties, kinds: kindList,
                                venues: venues, trainers: trainers, demands: demands, tours: tours,
                                stops: stops, blackouts: blackouts, attendees: attendees, travel: travel)
        return .success(LoadedScenario(scenario: scenario, folder: folder, encodings: encodings,
                                       holidayFile: holidayFile))
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
        func number(_ key: String, default value: Double) -> Double {
            guard let (v, r) = values[key], !v.isEmpty else { return value }
            guard let n = Double(v), n > 0, n.isFinite else {
                problems.append(t.problem(r, "value", "\(key) “\(v)”不是正数", "\(key) \"\(v)\" is not a positive number",
                                          fix: "填写正数（默认 \(value)）", "write a positive number (default \(value))"))
                return value
            }
            return n
        }
        let start = day("start"), end = day("end")
        let maxEvening = number("max_evening_travel_minutes", default: 150)
        let factor = number("road_factor", default: 1.3)
        let kmh = number("road_kmh", default: 60)
        if let start, let end, end < start, let r = values["end"]?.1 {
            problems.append(t.problem(r, "value", "规划期结束日 \(end) 早于开始日 \(start)", "the period ends (\(end)) before it starts (\(start))",
                                      fix: "改正 start 或 end", "correct start or end"))
        }
        guard let (holidayName, holidayRecord) = values["holidays"], !holidayName.isEmpty else {
            missing("holidays", "cn-public-holidays.ics")
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
        guard let t = table("counties.csv", ScenarioColumns.counties) else { return [] }
        var f = FieldReader(t)
        var out: [County] = []
        var lines: [String: Int] = [:]
        for r in t.records {
            guard let code = f.text(r, "code"), let name = f.text(r, "name") else { continue }
            let lat = f.number(r, "lat", within: -90...90), lon = f.number(r, "lon", within: -180...180)
            if let first = lines[code] {
                f.add(r, "code", "县区代码“\(code)”与第 \(first) 行重复", "county code \"\(code)\" repeats line \(first)",
                      fix: "每个县区只写一行", "list each county once")
                continue
            }
            lines[code] = r.line
            countyCodes.insert(code)
            countyByName[name] = code
            if let lat, let lon { out.append(County(code: code, name: name, latitude: lat, longitude: lon)) }
        }
        problems += f.problems
        return out
    }

    mutating func readKinds() -> [Kind] {
        guard let t = table("kinds.csv", ScenarioColumns.kinds) else { return [] }
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
            let days = f.integer(r, "days", min: 1)
            let minSeats = f.integer(r, "min_seats", min: 0)
            // Seats mean nothing for mentoring (stops carry mentees): 0 is fine there.
            let maxSeats = f.integer(r, "max_seats", min: category == .mentoring ? 0 : 1)
            let trainers = f.integer(r, "trainers", min: 1)
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
        problems += f.problems
        return out
    }

    /// A county given by code or by name (唐河县), as clerks write either.
    mutating func county(_ f: inout FieldReader, _ r: CSVRecord, _ key: String) -> String? {
        let v = f.table.value(r, key)
        if countyCodes.contains(v) { return v }
        if let code = countyByName[v] { return code }
        f.add(r, key, "未知县区“\(v)”", "unknown county \"\(v)\"",
              fix: "使用 counties.csv 中的代码或名称", "use a code or name from counties.csv")
        return nil
    }

    mutating func kind(_ f: inout FieldReader, _ r: CSVRecord, _ key: String, _ category: KindCategory) -> String? {
        let v = f.table.value(r, key)
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
        let url = folder.appendingPathComponent(relative)
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
            let seats = f.integer(r, "seats", min: 1)
            let blocked = blocked(&f, r, period: period)
            guard ids.insert(id).inserted else {
                f.add(r, "id", "场地编号“\(id)”重复", "venue id \"\(id)\" is given twice", fix: "每个场地用唯一编号", "give each venue its own id")
                continue
            }
            guard let county, let seats else { continue }
            out.append(Venue(id: id, county: county, name: name, address: address, seats: seats, blocked: blocked))
        }
        problems += f.problems
        return out
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
            let maxDays = f.integer(r, "max_days_per_month", min: 0)
            let blocked = blocked(&f, r, period: period)
            let phone = t.value(r, "phone")
            guard ids.insert(id).inserted else {
                f.add(r, "id", "讲师编号“\(id)”重复", "trainer id \"\(id)\" is given twice", fix: "每位讲师用唯一编号", "give each trainer their own id")
                continue
            }
            guard let home, let maxDays else { continue }
            out.append(Trainer(id: id, name: name, homeCounty: home, qualifications: qualifications,
                               maxDaysPerMonth: maxDays, blocked: blocked, phone: phone.isEmpty ? nil : phone))
        }
        problems += f.problems
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
            let classes = f.integer(r, "classes", min: 0)
            let window = window(&f, r, period: period)
            guard ids.insert(id).inserted else {
                f.add(r, "id", "需求编号“\(id)”重复", "demand id \"\(id)\" is given twice", fix: "每行需求用唯一编号", "give each demand row its own id")
                continue
            }
            guard let county, let kind, let classes, let window else { continue }
            out.append(Demand(id: id, county: county, kind: kind, classes: classes, earliest: window.0, latest: window.1))
        }
        problems += f.problems
        return out
    }

    mutating func readTours(period: ClosedRange<Day>?) -> ([Tour], [TourStop]) {
        let tourTable = table("tours.csv", ScenarioColumns.tours, optional: true)
        let stopsExist = FileManager.default.fileExists(atPath: folder.appendingPathComponent("stops.csv").path)
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
            let teams = f.integer(r, "teams", min: 1)
            guard tourIDs.insert(id).inserted else {
                f.add(r, "id", "活动编号“\(id)”重复", "tour id \"\(id)\" is given twice", fix: "每个活动用唯一编号", "give each tour its own id")
                continue
            }
            guard let kind, let window, let teams else { continue }
            tours.append(Tour(id: id, name: name, kind: kind, earliest: window.0, latest: window.1, teams: teams))
        }
        problems += f.problems
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
            let days = g.integer(r, "days", min: 1)
            let mentees = g.integer(r, "mentees", min: 0)
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
        problems += g.problems
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
        problems += f.problems
        return out
    }

    mutating func readAttendees(_ name: String = "attendees.csv") -> [Attendee]? {
        guard let t = table(name, ScenarioColumns.attendees, optional: true) else { return nil }
        var f = FieldReader(t)
        var out: [Attendee] = []
        var enrolled: [String: Int] = [:]
        for r in t.records {
            let id = t.value(r, "id_number").uppercased()
            var idOK = true
            if let problem = ResidentID.validate(id) {
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
            let county = county(&f, r, "county")
            let kind = kind(&f, r, "kind", .training)
            guard idOK, let gender, let county, let kind else { continue }
            let key = kind + "\u{1F}" + id
            if let first = enrolled[key] {
                f.add(r, "id_number", "同一人已在第 \(first) 行报名了同一课程", "the same person enrolled for this kind on line \(first)",
                      fix: "删去重复的一行", "delete the duplicate row")
                continue
            }
            enrolled[key] = r.line
            let pinyin = t.value(r, "pinyin")
            out.append(Attendee(idNumber: id, name: name, gender: gender, phone: t.value(r, "phone"), county: county,
                                township: t.value(r, "township"), kind: kind, project: t.value(r, "project"),
                                pinyin: pinyin.isEmpty ? nil : pinyin))
        }
        problems += f.problems
        return out
    }

    mutating func readTravel() -> [TravelOverride] {
        guard let t = table("travel.csv", ScenarioColumns.travel, optional: true) else { return [] }
        var f = FieldReader(t)
        var out: [TravelOverride] = []
        for r in t.records {
            let from = county(&f, r, "from"), to = county(&f, r, "to")
            let km = f.number(r, "km", within: 0...10_000), minutes = f.number(r, "minutes", within: 0...10_000)
            guard let from, let to, let km, let minutes else { continue }
            out.append(TravelOverride(from: from, to: to, km: km, minutes: minutes))
        }
        problems += f.problems
        return out
    }
}

/// Finds the national holiday calendar named in scenario.csv: beside the
/// scenario, in `$XIANGXING_CALENDARS`, or in a `calendars/` folder above
/// the scenario, the working folder or the executable (the project's own).
public enum HolidayCalendarLocator {
    public static func locate(_ name: String, scenarioFolder: URL) -> URL? {
        let fm = FileManager.default
        var candidates: [URL] = [scenarioFolder.appendingPathComponent(name)]
        if let env = ProcessInfo.processInfo.environment["XIANGXING_CALENDARS"] {
            candidates.append(URL(fileURLWithPath: env).appendingPathComponent(name))
        }
        let starts = [scenarioFolder.standardizedFileURL,
                      URL(fileURLWithPath: fm.currentDirectoryPath),
                      URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()]
        for start in starts {
            var dir = start
            for _ in 0..<8 {
                candidates.append(dir.appendingPathComponent("calendars").appendingPathComponent(name))
                let parent = dir.deletingLastPathComponent()
                if parent.path == dir.path { break }
                dir = parent
            }
        }
        return candidates.first { fm.fileExists(atPath: $0.path) }
    }
}
