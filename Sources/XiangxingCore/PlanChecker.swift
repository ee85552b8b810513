/// A way the plan disagrees with its scenario or with itself, outside the
/// seven rules: rows that point nowhere, counts that do not add up.
public enum PlanInconsistency: Hashable, Sendable {
    /// `ref` names no demand row (class) or tour (stop).
    case unknownRef(session: String, ref: String)
    /// A class row beyond its demand's `classes` (the third row of ref D07
    /// when D07 wants 2 classes). Rows are matched to demands by `ref`, in
    /// file order, whatever their session ids look like.
    case extraClass(session: String, ref: String, classes: Int)
    /// A stop row whose tour does not visit its county in stops.csv.
    case notAStop(session: String, tour: String, county: String)
    case duplicateSession(session: String)
    case kindMismatch(session: String, planned: String, expected: String)
    case countyMismatch(session: String, planned: String, expected: String)
    /// plan.csv's attendees column disagrees with assignments.csv's rows.
    case attendeeCount(session: String, column: Int, assigned: Int)
    /// A stop's attendees column is not its mentees from stops.csv.
    case mentees(session: String, column: Int, expected: Int)
    case assignmentToUnknownSession(session: String)
    /// attendees.csv exists but the plan has no assignments.csv.
    case assignmentsMissing
    /// unscheduled.csv lists `listed` items of this ref; `missing` are not in plan.csv.
    case unscheduledCount(ref: String, listed: Int, missing: Int)
}

public struct CheckReport: Sendable {
    public var breaches: [Breach]
    public var inconsistencies: [PlanInconsistency]
    public var score: Score
    public var scheduled: Int
    public var isValid: Bool { breaches.isEmpty && inconsistencies.isEmpty }
}

/// Checks a plan against every hard rule and recomputes its score,
/// independently of how the plan was made.
public enum PlanChecker {
    public static func check(_ plan: Plan, against x: ScenarioIndex) -> CheckReport {
        var breaches: [Breach] = []
        var problems: [PlanInconsistency] = []
        let hasAttendees = x.scenario.attendees != nil

        // Structure: each row points at something the scenario asks for. A
        // session id is an opaque name (SCENARIO.md fixes no form for it), so
        // a class is matched to its demand by `ref` and a stop to its tour's
        // stop by `ref` + `county`; only the counts can be wrong.
        var seen: Set<String> = []
        var valid: [Session] = []
        var classesOf: [String: Int] = [:]
        var stopRow: [String: String] = [:]
        var stopOfID: [String: String] = [:]
        for s in plan.sessions {
            let firstTime = seen.insert(s.id).inserted
            switch s.type {
            case .trainingClass:
                guard firstTime else { problems.append(.duplicateSession(session: s.id)); continue }
                guard let d = x.demands[s.ref] else { problems.append(.unknownRef(session: s.id, ref: s.ref)); continue }
                if s.kind != d.kind { problems.append(.kindMismatch(session: s.id, planned: s.kind, expected: d.kind)) }
                if s.county != d.county { problems.append(.countyMismatch(session: s.id, planned: s.county, expected: d.county)) }
                guard classesOf[d.id, default: 0] < d.classes else {
                    problems.append(.extraClass(session: s.id, ref: d.id, classes: d.classes)); continue
                }
                classesOf[d.id, default: 0] += 1
            case .tourStop:
                guard let t = x.tours[s.ref] else { problems.append(.unknownRef(session: s.id, ref: s.ref)); continue }
                if s.kind != t.kind { problems.append(.kindMismatch(session: s.id, planned: s.kind, expected: t.kind)) }
                guard let stop = x.stop(tour: t.id, county: s.county) else {
                    problems.append(.notAStop(session: s.id, tour: t.id, county: s.county)); continue
                }
                // The same id for two different stops is a duplicate; the
                // same stop twice (whatever the ids) breaks rule 7 below.
                if !firstTime, stopOfID[s.id] != stop.sessionID { problems.append(.duplicateSession(session: s.id)); continue }
                stopOfID[s.id] = stop.sessionID
                if stopRow[stop.sessionID] == nil { stopRow[stop.sessionID] = s.id }
                if s.attendees != stop.mentees { problems.append(.mentees(session: s.id, column: s.attendees, expected: stop.mentees)) }
            }
            valid.append(s)
        }

        // Assignments.
        let assignments = plan.assignments ?? [:]
        if hasAttendees && plan.assignments == nil && plan.sessions.contains(where: { $0.type == .trainingClass }) {
            problems.append(.assignmentsMissing)
        }
        for id in assignments.keys.sorted() where !seen.contains(id) {
            problems.append(.assignmentToUnknownSession(session: id))
        }

        // The rules, in date order so "double booked" names the later session.
        var bookings = Bookings(x)
        let ordered = valid.sorted { ($0.dates.first ?? Day(ordinal: .max), $0.id) < ($1.dates.first ?? Day(ordinal: .max), $1.id) }
        for s in ordered {
            breaches += Rules.consecutiveTeachingDays(s, in: x)
            breaches += Rules.qualifiedTrainers(s, in: x)
            breaches += Rules.venueFits(s, in: x)
            var people: [String] = []
            if s.type == .trainingClass {
                if hasAttendees {
                    people = assignments[s.id] ?? []
                    if plan.assignments != nil, people.count != s.attendees {
                        problems.append(.attendeeCount(session: s.id, column: s.attendees, assigned: people.count))
                    }
                    for p in people where !Rules.isEnrolled(p, for: s, in: x) {
                        breaches.append(Breach(rule: .classSize, session: s.id, fact: .attendeeNotEnrolled(idNumber: p)))
                    }
                    breaches += Rules.classSize(s, count: people.count, in: x)
                } else {
                    breaches += Rules.classSize(s, count: nil, in: x)
                }
            }
            breaches += bookings.conflicts(s, attendees: people)
            bookings.book(s, attendees: people)
        }
        for tour in x.scenario.tours {
            breaches += Rules.tourTeams(tour: tour, stops: valid.filter { $0.type == .tourStop && $0.ref == tour.id })
        }

        // Unscheduled rows against what is missing, per ref.
        var missing: [String: Int] = [:]
        for d in x.scenario.demands where d.classes > classesOf[d.id, default: 0] {
            missing[d.id, default: 0] += d.classes - classesOf[d.id, default: 0]
        }
        for s in x.scenario.stops where stopRow[s.sessionID] == nil { missing[s.tour, default: 0] += 1 }
        var listed: [String: Int] = [:]
        for u in plan.unscheduled { listed[u.ref, default: 0] += 1 }
        for ref in Set(missing.keys).union(listed.keys).sorted() where missing[ref, default: 0] != listed[ref, default: 0] {
            problems.append(.unscheduledCount(ref: ref, listed: listed[ref, default: 0], missing: missing[ref, default: 0]))
        }

        let scheduled = classesOf.values.reduce(0, +) + stopRow.count
        let score = Score(unscheduled: x.demandedItems - scheduled,
                          travelKm: TravelCost.km(of: valid, in: x))
        breaches.sort { ($0.rule, $0.session, $0.date ?? Day(ordinal: 0)) < ($1.rule, $1.session, $1.date ?? Day(ordinal: 0)) }
        return CheckReport(breaches: breaches, inconsistencies: problems, score: score, scheduled: scheduled)
    }
}

/// Road km a plan makes its trainers drive, exactly as the contract scores it.
public enum TravelCost {
    /// For each class, each trainer goes home → county → home once; for each
    /// tour team, each trainer goes home → first stop → … → last stop → home
    /// (stops in date order).
    public static func km(of sessions: [Session], in x: ScenarioIndex) -> Double {
        var total = 0.0
        var teamStops: [String: [Session]] = [:]
        for s in sessions {
            switch s.type {
            case .trainingClass:
                total += classKm(trainers: s.trainers, county: s.county, in: x)
            case .tourStop:
                for t in Set(s.trainers) { teamStops["\(s.ref)\u{1F}\(s.team ?? 0)\u{1F}\(t)", default: []].append(s) }
            }
        }
        // Sorted, so the sum is the same bits on every run.
        for (key, stops) in teamStops.sorted(by: { $0.key < $1.key }) {
            let trainer = String(key.split(separator: "\u{1F}", omittingEmptySubsequences: false).last ?? "")
            total += tourKm(trainer: trainer, counties: stops.sorted { ($0.dates.first ?? Day(ordinal: 0), $0.id) < ($1.dates.first ?? Day(ordinal: 0), $1.id) }.map(\.county), in: x)
        }
        return total
    }

    /// home → county → home for each trainer of a class.
    public static func classKm(trainers: [String], county: String, in x: ScenarioIndex) -> Double {
        Set(trainers).reduce(0) { sum, t in
            guard let home = x.trainers[t]?.homeCounty else { return sum }
            return sum + 2 * x.roads.km(home, county)
        }
    }

    /// home → stops in order → home for one trainer of a tour team.
    public static func tourKm(trainer: String, counties: [String], in x: ScenarioIndex) -> Double {
        guard let home = x.trainers[trainer]?.homeCounty, !counties.isEmpty else { return 0 }
        var km = x.roads.km(home, counties[0]) + x.roads.km(counties[counties.count - 1], home)
        for (a, b) in zip(counties, counties.dropFirst()) { km += x.roads.km(a, b) }
        return km
    }
}
