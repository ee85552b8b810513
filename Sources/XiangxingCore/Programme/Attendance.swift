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
        var seenDays: [String: Int] = [:]
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
            if let first = seenDays[key] {
                add(r.file, r.line, "date", "同一学员同一天已在第 \(first) 行记录过", "the same trainee and day is already recorded on line \(first)",
                    "删去重复的一行", "delete the repeated row")
            } else { seenDays[key] = r.line }
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
