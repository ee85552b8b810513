import XiangxingCore
import XiangxingIO

/// Attendance as the counties would record it for the classes and tour
/// stops of a plan held by a date: the contract's long formats
/// (`session,id_number,date,present` and `session,date,mentees`), for
/// demos and tests of the monthly report.
///
/// Plausible, not uniform: most trainees attend every day, some miss one
/// day, a few never come; a stop mentors around its planned mentees.
/// Each session draws from its own SplitMix64 stream (seed + session id),
/// so the same plan and seed give the same bytes, and a session's records
/// do not change when another session moves.
///
///     let files = AttendanceGenerator.generate(plan: plan, through: Day(iso: "2019-09-30")!, seed: 1)
public enum AttendanceGenerator {
    /// Shares of trainees (the rest attend every day).
    public static let neverShare = 0.04
    public static let missOneShare = 0.10
    public static let missTwoShare = 0.02
    /// A stop's mentees are its planned mentees × a factor in this range.
    public static let mentoringFactor = 0.85...1.05

    public struct File: Sendable {
        public var name: String
        public var text: String
        /// Holds resident IDs: written 0600.
        public var personal: Bool
        public var rows: Int
    }

    public struct Result: Sendable {
        /// One training file per county with a class held (出勤-<county>.csv),
        /// then the mentoring file (乡村行帮扶.csv) when a stop was held.
        public var files: [File]
        public var classes: Int
        public var stops: Int
        /// Trainee-days recorded, and how many of them present.
        public var traineeDays: Int
        public var present: Int
        public var mentees: Int
    }

    public static func trainingFileName(_ county: String) -> String { "出勤-\(county).csv" }
    public static let mentoringFileName = "乡村行帮扶.csv"

    /// Sessions whose last day is on or before `through`. Classes without
    /// assignments in the plan (no attendees.csv) get no records.
    public static func generate(plan: Plan, through: Day, seed: UInt64) -> Result {
        var byCounty: [String: [[String]]] = [:]
        var countyOrder: [String] = []
        var mentoring: [[String]] = []
        var classes = 0, stops = 0, traineeDays = 0, present = 0, mentees = 0
        for s in plan.sessions where !s.dates.isEmpty && s.dates.last! <= through {
            var rng = SplitMix64(seed: seed, stream: "attendance/" + s.id)
            switch s.type {
            case .trainingClass:
                guard let ids = plan.assignments?[s.id], !ids.isEmpty else { continue }
                classes += 1
                if byCounty[s.county] == nil { countyOrder.append(s.county) }
                var rows = byCounty[s.county] ?? []
                for id in ids {
                    let absent = absentDays(s.dates, &rng)
                    for d in s.dates {
                        let here = !absent.contains(d)
                        rows.append([s.id, id, d.iso, here ? "1" : "0"])
                        traineeDays += 1
                        if here { present += 1 }
                    }
                }
                byCounty[s.county] = rows
            case .tourStop:
                stops += 1
                let total = Int((Double(s.attendees) * rng.double(in: mentoringFactor)).rounded())
                // Spread over the stop's days, the remainder on the first days.
                let n = s.dates.count
                for (i, d) in s.dates.enumerated() {
                    let share = total / n + (i < total % n ? 1 : 0)
                    mentoring.append([s.id, d.iso, String(share)])
                    mentees += share
                }
            }
        }
        var files = countyOrder.sorted().map { c in
            File(name: trainingFileName(c), text: CSV.render(header: ["session", "id_number", "date", "present"], rows: byCounty[c]!),
                 personal: true, rows: byCounty[c]!.count)
        }
        if !mentoring.isEmpty {
            files.append(File(name: mentoringFileName, text: CSV.render(header: ["session", "date", "mentees"], rows: mentoring),
                              personal: false, rows: mentoring.count))
        }
        return Result(files: files, classes: classes, stops: stops, traineeDays: traineeDays, present: present, mentees: mentees)
    }

    /// The days one trainee is absent: all of them, one, two, or none.
    static func absentDays(_ dates: [Day], _ rng: inout SplitMix64) -> Set<Day> {
        let x = rng.unit()
        if x < neverShare { return Set(dates) }
        if x < neverShare + missOneShare { return [rng.pick(dates)] }
        if x < neverShare + missOneShare + missTwoShare, dates.count > 2 {
            var d = dates
            rng.shuffle(&d)
            return Set(d.prefix(2))
        }
        return []
    }
}
