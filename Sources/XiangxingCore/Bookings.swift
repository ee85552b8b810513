/// Who is booked where on which date: the shared ledger behind rules 3
/// (one session a date, monthly limit), 4 (evening travel), 5 (one
/// session a venue a date) and 6 (one class per person and kind). The
/// checker books a plan's sessions one by one and collects what each
/// would break; the planner asks `conflicts` before it books.
public struct Bookings: Sendable {
    public let index: ScenarioIndex
    private var trainerDays: [String: [Day: (session: String, county: String)]] = [:]
    private var trainerMonths: [String: [Int: Int]] = [:]
    private var venueDays: [String: [Day: String]] = [:]
    /// "kind\u{1F}id_number" → session.
    private var enrolments: [String: String] = [:]

    public init(_ index: ScenarioIndex) { self.index = index }

    /// The breaches of rules 3, 4, 5 and 6 that booking `s` (with these
    /// attendees) would add to what is booked now.
    public func conflicts(_ s: Session, attendees: [String] = []) -> [Breach] {
        var out: [Breach] = []
        let limit = index.scenario.settings.maxEveningTravelMinutes
        for t in Set(s.trainers).sorted() {
            let booked = trainerDays[t] ?? [:]
            var perMonth: [Int: Int] = [:]
            for d in s.dates {
                if let other = booked[d], other.session != s.id {
                    out.append(Breach(rule: .trainerAvailability, session: s.id, trainer: t, date: d,
                                      fact: .trainerDoubleBooked(otherSession: other.session)))
                }
                perMonth[d.monthKey, default: 0] += 1
                for neighbour in [d.advanced(by: -1), d.advanced(by: 1)] {
                    guard let other = booked[neighbour], other.session != s.id,
                          !Rules.eveningTravelAllowed(from: other.county, to: s.county, in: index) else { continue }
                    let (from, to) = neighbour < d ? (other.county, s.county) : (s.county, other.county)
                    out.append(Breach(rule: .eveningTravel, session: s.id, trainer: t,
                                      date: neighbour < d ? neighbour : d,
                                      fact: .eveningTravel(from: from, to: to,
                                                           minutes: index.roads.minutes(from, to), limit: limit)))
                }
            }
            if let trainer = index.trainers[t] {
                for (month, n) in perMonth.sorted(by: { $0.key < $1.key }) {
                    let total = (trainerMonths[t]?[month] ?? 0) + n
                    if total > trainer.maxDaysPerMonth {
                        out.append(Breach(rule: .trainerAvailability, session: s.id, trainer: t,
                                          date: s.dates.first { $0.monthKey == month },
                                          fact: .monthlyLimit(monthKey: month, days: total,
                                                              limit: trainer.maxDaysPerMonth)))
                    }
                }
            }
        }
        if let booked = venueDays[s.venue] {
            for d in s.dates {
                if let other = booked[d], other != s.id {
                    out.append(Breach(rule: .venueAvailability, session: s.id, venue: s.venue, date: d,
                                      fact: .venueDoubleBooked(otherSession: other)))
                }
            }
        }
        for id in attendees {
            if let other = enrolments[Self.enrolmentKey(s.kind, id)], other != s.id {
                out.append(Breach(rule: .classSize, session: s.id,
                                  fact: .attendeeInTwoClasses(idNumber: id, otherSession: other)))
            }
        }
        return out
    }

    /// Records the session (whatever it breaks: the checker keeps going).
    public mutating func book(_ s: Session, attendees: [String] = []) {
        for t in Set(s.trainers) {
            for d in s.dates {
                if trainerDays[t]?[d] == nil { trainerDays[t, default: [:]][d] = (s.id, s.county) }
                trainerMonths[t, default: [:]][d.monthKey, default: 0] += 1
            }
        }
        for d in s.dates where venueDays[s.venue]?[d] == nil {
            venueDays[s.venue, default: [:]][d] = s.id
        }
        for id in attendees {
            let key = Self.enrolmentKey(s.kind, id)
            if enrolments[key] == nil { enrolments[key] = s.id }
        }
    }

    /// Takes a booked session out again (the planner's undo).
    public mutating func release(_ s: Session, attendees: [String] = []) {
        for t in Set(s.trainers) {
            for d in s.dates {
                if trainerDays[t]?[d]?.session == s.id { trainerDays[t]?[d] = nil }
                trainerMonths[t]?[d.monthKey, default: 0] -= 1
            }
        }
        for d in s.dates where venueDays[s.venue]?[d] == s.id { venueDays[s.venue]?[d] = nil }
        for id in attendees where enrolments[Self.enrolmentKey(s.kind, id)] == s.id {
            enrolments[Self.enrolmentKey(s.kind, id)] = nil
        }
    }

    /// Session dates a trainer has in the month of `monthKey`.
    public func daysBooked(trainer: String, monthKey: Int) -> Int {
        trainerMonths[trainer]?[monthKey] ?? 0
    }

    /// The session a trainer works on a date, if any.
    public func engagement(trainer: String, on day: Day) -> String? {
        trainerDays[trainer]?[day]?.session
    }

    private static func enrolmentKey(_ kind: String, _ id: String) -> String { kind + "\u{1F}" + id }
}
