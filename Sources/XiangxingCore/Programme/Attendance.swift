/// One row of a training attendance file: `session,id_number,date,present`.
public struct TrainingRecord: Hashable, Sendable {
    public var session: String
    public var idNumber: String
    public var date: Day
    public var present: Bool
    /// Where the row stands, for messages.
    public var file: String
    public var line: Int
    public init(session: String, idNumber: String, date: Day, present: Bool, file: String, line: Int) {
        self.session = session; self.idNumber = idNumber; self.date = date; self.present = present
        self.file = file; self.line = line
    }
}

/// One row of a mentoring attendance file: `session,date,mentees`.
public struct MentoringRecord: Hashable, Sendable {
    public var session: String
    public var date: Day
    public var mentees: Int
    public var file: String
    public var line: Int
    public init(session: String, date: Day, mentees: Int, file: String, line: Int) {
        self.session = session; self.date = date; self.mentees = mentees; self.file = file; self.line = line
    }
}

/// Every record of a run, from every attendance file given.
public struct AttendanceRecords: Sendable {
    public var training: [TrainingRecord]
    public var mentoring: [MentoringRecord]
    public init(training: [TrainingRecord] = [], mentoring: [MentoringRecord] = []) {
        self.training = training; self.mentoring = mentoring
    }
}

public enum AttendanceCheck {
    /// `present` as clerks write it: 1/0, 是/否, √/×, ✓/✗, Y/N (any case).
    public static func present(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "1", "是", "√", "✓", "✔", "y", "yes": return true
        case "0", "否", "×", "✗", "✘", "x", "n", "no": return false
        default: return nil
        }
    }

    /// A 签到 cell of a filled-in sign-in sheet, as clerks fill it: blank,
    /// ×/✗/0/否 or a word for absence (缺勤, 请假 …) = absent; √, ✓, ✔, 1, 是
    /// or any other mark (a signature, a name, a stamp) = present. Nil for a
    /// cell that says both or asks (`√×`, `?`, `2`): a clerk must decide.
    ///
    ///     AttendanceCheck.mark("欧阳娜娜") == true; AttendanceCheck.mark("") == false
    public static func mark(_ text: String) -> Bool? {
        let skip: Set<Character> = [" ", "\t", "\u{3000}", "'"]
        let t = String(text.drop(while: { skip.contains($0) }).reversed().drop(while: { skip.contains($0) }).reversed())
        if t.isEmpty { return false }
        if let known = present(t) { return known }
        let absentWords = ["缺", "缺勤", "缺席", "缺课", "未到", "没到", "请假", "病假", "事假", "旷课", "无", "-", "—", "／", "/"]
        if absentWords.contains(t) { return false }
        if t.contains(where: { "?？".contains($0) }) { return nil }
        let ticks = t.contains(where: { "√✓✔".contains($0) }), crosses = t.contains(where: { "×✗✘".contains($0) })
        if ticks && crosses { return nil }
        if crosses { return false }
        // A number other than 1 or 0 is a count or a slip, not a mark.
        if t.allSatisfy({ $0.isNumber || $0 == "." }) { return nil }
        return true
    }

    /// Everything wrong with the records against the plan they were taken
    /// against: an unknown session, a record of the wrong type, a trainee not
    /// in that class (when the plan has assignments), a date that is not one
    /// of the session's dates, the same person-day or stop-day recorded twice.
    /// Resident IDs are never repeated in the messages (the line says who).
    public static func problems(_ records: AttendanceRecords, plan: Plan) -> [InputProblem] {
        var sessions: [String: Session] = [:]
        for s in plan.sessions { sessions[s.id] = s }
        let members = plan.assignments.map { $0.mapValues(Set.init) }
        var out: [InputProblem] = []
        func add(_ file: String, _ line: Int, _ field: String, _ zh: String, _ en: String, _ fixZh: String, _ fixEn: String) {
            out.append(InputProblem(file: file, line: line, field: field, problem: Bilingual(zh: zh, en: en),
                                    remedy: Bilingual(zh: fixZh, en: fixEn)))
        }
        var seenDays: [String: (String, Int)] = [:]
        for r in records.training {
            guard let s = sessions[r.session] else {
                add(r.file, r.line, "session", "计划中没有场次“\(r.session)”", "the plan has no session \"\(r.session)\"",
                    "使用 plan.csv 中的场次编号", "use a session id from plan.csv"); continue
            }
            guard s.type == .trainingClass else {
                add(r.file, r.line, "session", "场次“\(r.session)”是乡村行站点，不是培训班", "session \"\(r.session)\" is a tour stop, not a class",
                    "站点的记录写成 session,date,mentees", "record stops as session,date,mentees"); continue
            }
            if let members, !(members[s.id]?.contains(r.idNumber) ?? false) {
                add(r.file, r.line, "id_number", "此人不在场次“\(r.session)”的学员名单中", "this person is not enrolled in session \"\(r.session)\"",
                    "核对身份证号和场次（名单见 assignments.csv）", "check the ID and the session (assignments.csv lists the class)")
            }
            if !s.dates.contains(r.date) {
                add(r.file, r.line, "date", "\(r.date) 不是场次“\(r.session)”的上课日（\(s.dates.map(\.iso).joined(separator: ";"))）",
                    "\(r.date) is not a day of session \"\(r.session)\" (\(s.dates.map(\.iso).joined(separator: ";")))",
                    "改成该班的上课日期", "write one of the class's dates")
            }
            let key = r.session + "\u{1F}" + r.idNumber + "\u{1F}" + r.date.iso
            if let (file, line) = seenDays[key] {
                let at = file == r.file ? "第 \(line) 行" : "\(file):\(line)", atEn = file == r.file ? "line \(line)" : "\(file):\(line)"
                add(r.file, r.line, "date", "同一学员 \(r.date) 的出勤已在\(at)记录过，同一天不能记两次",
                    "the same trainee on \(r.date) is already recorded at \(atEn); a day is recorded once",
                    "删去重复的一行（或重复的签到表）", "delete the repeated row (or the repeated sheet)")
            } else { seenDays[key] = (r.file, r.line) }
        }
        var seenStops: [String: (String, Int)] = [:]
        for r in records.mentoring {
            guard let s = sessions[r.session] else {
                add(r.file, r.line, "session", "计划中没有场次“\(r.session)”", "the plan has no session \"\(r.session)\"",
                    "使用 plan.csv 中的场次编号", "use a session id from plan.csv"); continue
            }
            guard s.type == .tourStop else {
                add(r.file, r.line, "session", "场次“\(r.session)”是培训班，不是乡村行站点", "session \"\(r.session)\" is a class, not a tour stop",
                    "培训班的记录写成 session,id_number,date,present", "record classes as session,id_number,date,present"); continue
            }
            if !s.dates.contains(r.date) {
                add(r.file, r.line, "date", "\(r.date) 不是站点“\(r.session)”的日期（\(s.dates.map(\.iso).joined(separator: ";"))）",
                    "\(r.date) is not a day of stop \"\(r.session)\" (\(s.dates.map(\.iso).joined(separator: ";")))",
                    "改成该站点的日期", "write one of the stop's dates")
            }
            let key = r.session + "\u{1F}" + r.date.iso
            if let (file, line) = seenStops[key] {
                add(r.file, r.line, "date", "站点“\(r.session)”的 \(r.date) 已在 \(file):\(line) 记录过，同一天不能计两次",
                    "stop \"\(r.session)\" on \(r.date) is already recorded at \(file):\(line); a day counts once",
                    "删去重复的一行，或把人次合并到一行", "delete the repeated row or add its mentees to the first")
            } else { seenStops[key] = (r.file, r.line) }
        }
        return out
    }
}

extension Session {
    /// Held as planned in `other`: the same dates, county and venue. A
    /// re-plan that changes only trainers (or another session) keeps a
    /// session's attendance records; one that moves it flags them.
    public func isHeldAsIn(_ other: Session) -> Bool {
        dates == other.dates && county == other.county && venue == other.venue
    }
}

extension AttendanceCheck {
    /// What a county still owes: its classes and stops whose last day is on
    /// or before `through` with no record at all, in date order.
    public static func owed(_ plan: Plan, recorded: Set<String>, through: Day) -> [Session] {
        plan.sessions.filter { s in
            guard let last = s.dates.last else { return false }
            return last <= through && !recorded.contains(s.id)
        }.sorted { ($0.dates.first!, $0.id) < ($1.dates.first!, $1.id) }
    }
}
