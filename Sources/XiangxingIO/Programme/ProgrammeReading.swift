import Foundation
import XiangxingCore

/// scenario.csv's programme keys: the city's targets and the completion share.
public struct ProgrammeSettings: Hashable, Sendable {
    public var targetTraining: Int?
    public var targetMentoring: Int?
    /// Share of a class's days a trainee must attend to count (default 0.8).
    public var completionShare: Double
    public init(targetTraining: Int? = nil, targetMentoring: Int? = nil, completionShare: Double = 0.8) {
        self.targetTraining = targetTraining; self.targetMentoring = targetMentoring; self.completionShare = completionShare
    }
    public var cityTargets: [KindCategory: Int] {
        var out: [KindCategory: Int] = [:]
        if let targetTraining { out[.training] = targetTraining }
        if let targetMentoring { out[.mentoring] = targetMentoring }
        return out
    }
}

/// Columns of the programme files (English keys of SCENARIO.md, Chinese aliases).
enum ProgrammeColumns {
    static let targets = [Column("county", ["县区", "县区代码", "县区名称"]), Column("category", ["类别", "类型"]),
                          Column("person_times", ["人次", "目标人次", "任务人次"])]
    static let weights = [Column("county", ["县区", "县区代码", "县区名称"]), Column("weight", ["权重"])]
    static let training = [Column("session", ["场次", "场次编号"]), Column("id_number", ["身份证号", "身份证号码"]),
                           Column("date", ["日期"]), Column("present", ["出勤", "到课", "是否到课"])]
    static let mentoring = [Column("session", ["场次", "场次编号"]), Column("date", ["日期"]),
                            Column("mentees", ["人次", "帮扶人次"])]
}

/// Reads targets.csv, weights and attendance files with located problems:
/// nothing is returned unless the whole input is sound.
public enum ProgrammeReading {
    public static let maxPersonTimes = 10_000_000

    /// scenario.csv's `target_training`, `target_mentoring`, `completion_share`.
    public static func settings(folder: URL) -> Result<ProgrammeSettings, InputProblems> {
        var problems: [InputProblem] = []
        guard let t = table(folder.appendingPathComponent("scenario.csv"), "scenario.csv", ScenarioColumns.scenario, &problems) else {
            return .failure(InputProblems(problems))
        }
        var f = FieldReader(t)
        var s = ProgrammeSettings()
        for r in t.records {
            let key = t.value(r, "key").lowercased(), v = t.value(r, "value")
            guard !v.isEmpty else { continue }
            switch key {
            case "target_training", "target_mentoring":
                guard let n = Int(v), (0...maxPersonTimes).contains(n) else {
                    f.add(r, "value", "\(key) “\(v)”不是 0 至 \(maxPersonTimes) 之间的整数", "\(key) \"\(v)\" is not a whole number from 0 to \(maxPersonTimes)",
                          fix: "填写全年目标人次，例如 3500", "write the year's person-times, e.g. 3500"); continue
                }
                if key == "target_training" { s.targetTraining = n } else { s.targetMentoring = n }
            case "completion_share":
                guard let x = Double(v), x > 0, x <= 1 else {
                    f.add(r, "value", "completion_share “\(v)”不在 0 与 1 之间", "completion_share \"\(v)\" is not between 0 and 1",
                          fix: "填写 0 到 1 之间的小数（默认 0.8）", "write a decimal above 0 and at most 1 (default 0.8)"); continue
                }
                s.completionShare = x
            default: continue
            }
        }
        problems += f.problems
        return problems.isEmpty ? .success(s) : .failure(InputProblems(problems))
    }

    /// targets.csv of the scenario folder (nil when there is none), checked
    /// against the counties and against scenario.csv's totals when given.
    public static func targets(folder: URL, scenario: Scenario, settings: ProgrammeSettings) -> Result<[CountyTarget]?, InputProblems> {
        guard let url = tableFile(folder, "targets") else { return .success(nil) }
        var problems: [InputProblem] = []
        guard let t = table(url, url.lastPathComponent, ProgrammeColumns.targets, &problems) else { return .failure(InputProblems(problems)) }
        var f = FieldReader(t)
        var out: [CountyTarget] = []
        var seen: [String: Int] = [:]
        var lastLine: [KindCategory: Int] = [:]
        for r in t.records {
            let county = countyCode(t.value(r, "county"), scenario)
            if county == nil {
                f.add(r, "county", "未知县区“\(t.value(r, "county"))”", "unknown county \"\(t.value(r, "county"))\"",
                      fix: "使用 counties.csv 中的代码或名称", "use a code or name from counties.csv")
            }
            let category = KindCategory(rawValue: t.value(r, "category").lowercased()) ?? chineseCategory(t.value(r, "category"))
            if category == nil {
                f.add(r, "category", "“\(t.value(r, "category"))”不是 training 或 mentoring", "\"\(t.value(r, "category"))\" is not training or mentoring",
                      fix: "填写 training（培训）或 mentoring（乡村行）", "write training or mentoring")
            }
            let n = f.integer(r, "person_times", min: 0, max: maxPersonTimes)
            guard let county, let category, let n else { continue }
            let k = county + "/" + category.rawValue
            if let first = seen[k] {
                f.add(r, "county", "该县区的 \(category.rawValue) 目标已在第 \(first) 行给出", "this county's \(category.rawValue) target is already on line \(first)",
                      fix: "只保留一行", "keep one row"); continue
            }
            seen[k] = r.line
            lastLine[category] = r.line
            out.append(CountyTarget(county: county, category: category, personTimes: n))
        }
        problems += f.problems
        for (category, total) in settings.cityTargets.sorted(by: { $0.key.rawValue > $1.key.rawValue }) {
            let rows = out.filter { $0.category == category }
            guard !rows.isEmpty else { continue }
            let sum = rows.reduce(0) { $0 + $1.personTimes }
            if sum != total {
                problems.append(InputProblem(
                    file: url.lastPathComponent, line: lastLine[category], field: t.header("person_times"),
                    problem: Bilingual(zh: "\(category.rawValue) 各县区目标合计 \(sum)，而 scenario.csv 的 target_\(category.rawValue) 为 \(total)",
                                       en: "the counties' \(category.rawValue) targets add up to \(sum), but scenario.csv's target_\(category.rawValue) is \(total)"),
                    remedy: Bilingual(zh: "改正 targets.csv 或 scenario.csv，使两者一致（xiangxing targets 可重新分解）",
                                      en: "correct targets.csv or scenario.csv so they agree (xiangxing targets decomposes again)")))
            }
        }
        return problems.isEmpty ? .success(out) : .failure(InputProblems(problems))
    }

    /// counties.csv's optional `weight` column (权重): the office's weights for
    /// handing targets down; nil when counties.csv has no such column. Every
    /// county then needs a whole number (0 is allowed).
    public static func countyWeights(folder: URL, scenario: Scenario) -> Result<[String: Int]?, InputProblems> {
        guard let url = tableFile(folder, "counties") else { return .success(nil) }
        var problems: [InputProblem] = []
        let columns = [Column("code", ["代码", "区划代码", "县区代码"]), Column("weight", ["权重"], required: false)]
        guard let t = table(url, url.lastPathComponent, columns, &problems) else { return .failure(InputProblems(problems)) }
        guard t.has("weight") else { return .success(nil) }
        var f = FieldReader(t)
        var out: [String: Int] = [:]
        for r in t.records {
            if let w = f.integer(r, "weight", min: 0, max: maxPersonTimes) { out[t.value(r, "code")] = w }
        }
        problems += f.problems
        return problems.isEmpty ? .success(out) : .failure(InputProblems(problems))
    }

    /// `NAME.csv` of the folder, else `NAME.xlsx`; nil when neither is there.
    static func tableFile(_ folder: URL, _ name: String) -> URL? {
        for ext in ["csv", "xlsx"] {
            let url = folder.appendingPathComponent(name + "." + ext)
            if FileManager.default.fileExists(atPath: url.path) { return url }
        }
        return nil
    }

    /// A weights file `county,weight` (code or name; counties not listed weigh 0).
    public static func weights(file: URL, scenario: Scenario) -> Result<[String: Int], InputProblems> {
        var problems: [InputProblem] = []
        guard let t = table(file, file.lastPathComponent, ProgrammeColumns.weights, &problems) else { return .failure(InputProblems(problems)) }
        var f = FieldReader(t)
        var out: [String: Int] = [:]
        for r in t.records {
            let county = countyCode(t.value(r, "county"), scenario)
            if county == nil {
                f.add(r, "county", "未知县区“\(t.value(r, "county"))”", "unknown county \"\(t.value(r, "county"))\"",
                      fix: "使用 counties.csv 中的代码或名称", "use a code or name from counties.csv")
            }
            guard let w = f.integer(r, "weight", min: 0, max: maxPersonTimes), let county else { continue }
            if out[county] != nil {
                f.add(r, "county", "该县区的权重重复", "this county's weight is given twice", fix: "只保留一行", "keep one row"); continue
            }
            out[county] = w
        }
        problems += f.problems
        return problems.isEmpty ? .success(out) : .failure(InputProblems(problems))
    }

    /// Attendance files, each training (`session,id_number,date,present`),
    /// mentoring (`session,date,mentees`) or a filled-in sign-in sheet
    /// (`RosterAttendance`) by its header, read whole and checked against
    /// the plan: any problem in any file fails the lot.
    ///
    /// - Parameter attendees: the scenario's enrolment, to match a sheet's
    ///   masked IDs by name too (nil: by masked ID alone).
    public static func attendance(files: [URL], plan: Plan, attendees: [Attendee]? = nil) -> Result<AttendanceRecords, InputProblems> {
        var namesByClass: [String: [String: String]] = [:]
        func names(_ s: Session) -> [String: String] {
            if let known = namesByClass[s.id] { return known }
            var out: [String: String] = [:]
            for a in attendees ?? [] where a.county == s.county && a.kind == s.kind { out[a.idNumber] = a.name }
            namesByClass[s.id] = out
            return out
        }
        var problems: [InputProblem] = []
        var records = AttendanceRecords()
        for url in files {
            let name = url.lastPathComponent
            guard FileManager.default.fileExists(atPath: url.path) else {
                problems.append(InputProblem(file: url.path, line: nil, field: "",
                                             problem: Bilingual(zh: "文件不存在", en: "the file does not exist"),
                                             remedy: Bilingual(zh: "检查路径", en: "check the path")))
                continue
            }
            guard let (rows, _) = TableSource.rows(url, name: name, problems: &problems) else { continue }
            if let layout = RosterAttendance.layout(rows) {
                records.training += RosterAttendance.read(rows, layout: layout, file: name, stem: url.deletingPathExtension().lastPathComponent,
                                                          plan: plan, names: names, problems: &problems)
                continue
            }
            // Which kind of record the file holds is told by its header.
            var ignored: [InputProblem] = []
            let probe = Table(file: name, rows: Array(rows.prefix(1)),
                              columns: (ProgrammeColumns.training + ProgrammeColumns.mentoring).map { Column($0.key, $0.aliases, required: false) },
                              problems: &ignored)
            let isTraining = probe.has("id_number") || probe.has("present")
            let t = Table(file: name, rows: rows, columns: isTraining ? ProgrammeColumns.training : ProgrammeColumns.mentoring,
                          problems: &problems)
            var f = FieldReader(t)
            for r in t.records {
                guard let session = f.text(r, "session"), let date = f.day(r, "date") else { continue }
                if isTraining {
                    guard let id = f.text(r, "id_number") else { continue }
                    let raw = t.value(r, "present")
                    guard let present = AttendanceCheck.present(raw) else {
                        f.add(r, "present", "“\(raw)”不是出勤标记", "\"\(raw)\" is not an attendance mark",
                              fix: "填写 1 或 0（也可写 是/否、√/×、✓、Y/N）", "write 1 or 0 (是/否, √/×, ✓, Y/N also accepted)"); continue
                    }
                    records.training.append(TrainingRecord(session: session, idNumber: id.uppercased(), date: date, present: present, file: name, line: r.line))
                } else {
                    guard let n = f.integer(r, "mentees", min: 0, max: 100_000) else { continue }
                    records.mentoring.append(MentoringRecord(session: session, date: date, mentees: n, file: name, line: r.line))
                }
            }
            problems += f.problems
        }
        problems += AttendanceCheck.problems(records, plan: plan)
        return problems.isEmpty ? .success(records) : .failure(InputProblems(problems))
    }

    static func table(_ url: URL, _ name: String, _ columns: [Column], _ problems: inout [InputProblem]) -> Table? {
        let before = problems.count
        guard let (t, _) = TableSource.table(url, name: name, columns: columns, problems: &problems) else { return nil }
        return problems.count == before || !t.records.isEmpty ? t : nil
    }

    static func countyCode(_ text: String, _ scenario: Scenario) -> String? {
        scenario.counties.first { $0.code == text }?.code ?? scenario.counties.first { $0.name == text }?.code
    }

    static func chineseCategory(_ text: String) -> KindCategory? {
        switch text { case "培训": .training; case "乡村行", "帮扶": .mentoring; default: nil }
    }
}
