/// Who is booked where on which date: the one ledger behind rules 3 (one
/// session a date, never on a blocked date, monthly limit), 4 (evening
/// travel), 5 (one session a venue a date, never on a blocked date) and 6
/// (one class per person and kind). The checker books a plan's sessions
/// one by one and collects what each would break; the planner asks the
/// same questions (`trainerCanWork`, `venueCanHost`) before it books.
///
/// Dense arrays indexed by trainer, venue and day offset, so each question
/// is a few array reads.
public struct Bookings: Sendable {
    public let index: ScenarioIndex
    private let days: Int
    /// [trainer * days + offset] → booking handle + 1 (0: free).
    private var trainerDay: [Int32]
    /// [trainer * days + offset] → county number of that booking.
    private var trainerDayCounty: [Int32]
    /// [trainer * months + month] → session dates booked.
    private var trainerMonth: [Int32]
    private var venueDay: [Int32]
    private let trainerBlocked: [Bool]
    private let venueBlocked: [Bool]
    /// [countyA * counties + countyB]: rule 4 allows A one day, B the next.
    private let travelAllowed: [Bool]
    private let counties: Int
    /// [trainer]: max_days_per_month; [offset]: month number (the index's, kept at hand for the hot path).
    private let monthLimit: [Int32]
    private let monthOf: [Int]
    private let months: Int
    /// Handle → session id (handles are never reused).
    private var handles: [String] = []
    private var handleOf: [String: Int32] = [:]
    /// "kind\u{1F}id_number" → session.
    private var enrolments: [String: String] = [:]

    public init(_ index: ScenarioIndex) {
        self.index = index
        let s = index.scenario
        days = index.dayCount
        let t = s.trainers.count, v = s.venues.count
        trainerDay = [Int32](repeating: 0, count: t * days)
        trainerDayCounty = [Int32](repeating: -1, count: t * days)
        trainerMonth = [Int32](repeating: 0, count: t * index.monthCount)
        venueDay = [Int32](repeating: 0, count: v * days)
        var tb = [Bool](repeating: false, count: t * days)
        for (i, trainer) in s.trainers.enumerated() {
            for d in trainer.blocked { if let o = index.offset(of: d) { tb[i * days + o] = true } }
        }
        trainerBlocked = tb
        var vb = [Bool](repeating: false, count: v * days)
        for (i, venue) in s.venues.enumerated() {
            for d in venue.blocked { if let o = index.offset(of: d) { vb[i * days + o] = true } }
        }
        venueBlocked = vb
        counties = s.counties.count
        var allowed = [Bool](repeating: true, count: counties * counties)
        let limit = s.settings.maxEveningTravelMinutes
        for a in 0..<counties {
            for b in 0..<counties where a != b {
                allowed[a * counties + b] = Rules.eveningTravelAllowed(
                    sameCounty: false, minutes: index.roads.minutes(number: a, b), limit: limit)
            }
        }
        travelAllowed = allowed
        monthLimit = s.trainers.map { Int32(clamping: $0.maxDaysPerMonth) }
        monthOf = index.monthOfOffset
        months = index.monthCount
    }

    // MARK: The questions the planner asks (rules 3, 4, 5)

    /// Rule 3 and 4 for one trainer on one day offset in one county: free,
    /// not blocked by their calendar, and the day before and after (booked
    /// elsewhere) within evening travel. The monthly limit is `monthRoom`.
    @inline(__always)
    public func trainerCanWork(_ t: Int, offset o: Int, county c: Int) -> Bool {
        let i = t * days + o
        if trainerDay[i] != 0 || trainerBlocked[i] { return false }
        if o > 0 {
            let prev = trainerDayCounty[i - 1]
            if prev >= 0 && !travelAllowed[Int(prev) * counties + c] { return false }
        }
        if o + 1 < days {
            let next = trainerDayCounty[i + 1]
            if next >= 0 && !travelAllowed[c * counties + Int(next)] { return false }
        }
        return true
    }

    /// Rule 3, monthly part: session dates still allowed in that month.
    @inline(__always)
    public func monthRoom(_ t: Int, month m: Int) -> Int {
        Int(monthLimit[t]) - Int(trainerMonth[t * months + m])
    }

    /// Rules 3 and 4 for a whole run of day offsets (sorted) in one county.
    /// The monthly limit is looked at first: when trainers run short it is
    /// what stops most of them, and it costs one lookup per month.
    public func trainerCanWork(_ t: Int, offsets: some Collection<Int>, county c: Int) -> Bool {
        var month = -1, need = 0
        for o in offsets {
            let m = monthOf[o]
            if m != month {
                if month >= 0 && need > monthRoom(t, month: month) { return false }
                month = m; need = 0
            }
            need += 1
        }
        if month >= 0 && need > monthRoom(t, month: month) { return false }
        for o in offsets where !trainerCanWork(t, offset: o, county: c) { return false }
        return true
    }

    /// Rule 5 for a venue on a run of day offsets: free and not blocked.
    public func venueCanHost(_ v: Int, offsets: some Collection<Int>) -> Bool {
        for o in offsets {
            let i = v * days + o
            if venueDay[i] != 0 || venueBlocked[i] { return false }
        }
        return true
    }

    /// Why a trainer cannot work a run, for explanations: the first obstacle.
    public func obstacle(_ t: Int, offsets: [Int], county c: Int) -> TrainerObstacle? {
        var perMonth: [Int: Int] = [:]
        for o in offsets {
            let i = t * days + o
            if trainerBlocked[i] { return .calendar(index.day(atOffset: o)) }
            if trainerDay[i] != 0 { return .busy(session: handles[Int(trainerDay[i]) - 1], index.day(atOffset: o)) }
            for (n, other) in [(i - 1, o - 1), (i + 1, o + 1)] where other >= 0 && other < days {
                let k = trainerDayCounty[n]
                guard k >= 0 else { continue }
                let ok = other < o ? travelAllowed[Int(k) * counties + c] : travelAllowed[c * counties + Int(k)]
                if !ok { return .travel(from: index.scenario.counties[Int(k)].code, index.day(atOffset: other)) }
            }
            perMonth[index.monthOfOffset[o], default: 0] += 1
        }
        for (m, n) in perMonth.sorted(by: { $0.key < $1.key }) where n > monthRoom(t, month: m) {
            return .monthlyLimit(monthKey: index.firstMonthKey + m, limit: index.scenario.trainers[t].maxDaysPerMonth)
        }
        return nil
    }

    // MARK: Booking by number (the planner)

    /// Books trainers and a venue on day offsets; returns the handle.
    @discardableResult
    public mutating func book(session id: String, trainers: [Int], venue: Int?, offsets: [Int], county: Int) -> Int32 {
        let h = handle(for: id)
        for t in trainers {
            for o in offsets {
                let i = t * days + o
                if trainerDay[i] == 0 { trainerDay[i] = h + 1; trainerDayCounty[i] = Int32(county) }
                trainerMonth[t * index.monthCount + index.monthOfOffset[o]] += 1
            }
        }
        if let venue {
            for o in offsets where venueDay[venue * days + o] == 0 { venueDay[venue * days + o] = h + 1 }
        }
        return h
    }

    public mutating func release(session id: String, trainers: [Int], venue: Int?, offsets: [Int]) {
        guard let h = handleOf[id] else { return }
        for t in trainers {
            for o in offsets {
                let i = t * days + o
                if trainerDay[i] == h + 1 { trainerDay[i] = 0; trainerDayCounty[i] = -1 }
                trainerMonth[t * index.monthCount + index.monthOfOffset[o]] -= 1
            }
        }
        if let venue {
            for o in offsets where venueDay[venue * days + o] == h + 1 { venueDay[venue * days + o] = 0 }
        }
    }

    private mutating func handle(for id: String) -> Int32 {
        if let h = handleOf[id] { return h }
        let h = Int32(handles.count)
        handles.append(id)
        handleOf[id] = h
        return h
    }

    // MARK: Sessions as plan.csv holds them (the checker)

    private func numbers(_ s: Session) -> (trainers: [(String, Int)], venue: Int?, offsets: [(Day, Int)], county: Int?) {
        let trainers = Set(s.trainers).sorted().compactMap { id in index.trainerNumber[id].map { (id, $0) } }
        let offsets = s.dates.compactMap { d in index.offset(of: d).map { (d, $0) } }
        return (trainers, index.venueNumber[s.venue], offsets, index.countyNumber[s.county])
    }

    /// The breaches of rules 3, 4, 5 and 6 that booking `s` (with these
    /// attendees) would add to what is booked now, calendars included. (That
    /// a venue exists and lies in the county is `Rules.venueFits`.)
    public func conflicts(_ s: Session, attendees: [String] = []) -> [Breach] {
        var out: [Breach] = []
        let (trainers, venue, offsets, county) = numbers(s)
        let own = handleOf[s.id].map { $0 + 1 } ?? -1
        let limit = index.scenario.settings.maxEveningTravelMinutes
        for (id, t) in trainers {
            var perMonth: [Int: Int] = [:]
            for (d, o) in offsets {
                let i = t * days + o
                if trainerBlocked[i] {
                    out.append(Breach(rule: .trainerAvailability, session: s.id, trainer: id, date: d, fact: .trainerCalendarBlocked))
                }
                let h = trainerDay[i]
                if h != 0 && h != own {
                    out.append(Breach(rule: .trainerAvailability, session: s.id, trainer: id, date: d,
                                      fact: .trainerDoubleBooked(otherSession: handles[Int(h) - 1])))
                }
                perMonth[index.monthOfOffset[o], default: 0] += 1
                guard let c = county else { continue }
                for (n, other) in [(i - 1, o - 1), (i + 1, o + 1)] where other >= 0 && other < days {
                    let k = trainerDayCounty[n]
                    guard k >= 0, trainerDay[n] != own else { continue }
                    let earlier = other < o
                    let ok = earlier ? travelAllowed[Int(k) * counties + c] : travelAllowed[c * counties + Int(k)]
                    if ok { continue }
                    let otherCounty = index.scenario.counties[Int(k)].code
                    let (from, to) = earlier ? (otherCounty, s.county) : (s.county, otherCounty)
                    out.append(Breach(rule: .eveningTravel, session: s.id, trainer: id,
                                      date: earlier ? index.day(atOffset: other) : d,
                                      fact: .eveningTravel(from: from, to: to,
                                                           minutes: index.roads.minutes(from, to), limit: limit)))
                }
            }
            for (m, n) in perMonth.sorted(by: { $0.key < $1.key }) {
                let limitDays = index.scenario.trainers[t].maxDaysPerMonth
                let total = Int(trainerMonth[t * index.monthCount + m]) + n
                if total > limitDays {
                    out.append(Breach(rule: .trainerAvailability, session: s.id, trainer: id,
                                      date: offsets.first { index.monthOfOffset[$0.1] == m }?.0,
                                      fact: .monthlyLimit(monthKey: index.firstMonthKey + m, days: total, limit: limitDays)))
                }
            }
        }
        if let v = venue {
            for (d, o) in offsets {
                if venueBlocked[v * days + o] {
                    out.append(Breach(rule: .venueAvailability, session: s.id, venue: s.venue, date: d, fact: .venueCalendarBlocked))
                }
                let h = venueDay[v * days + o]
                if h != 0 && h != own {
                    out.append(Breach(rule: .venueAvailability, session: s.id, venue: s.venue, date: d,
                                      fact: .venueDoubleBooked(otherSession: handles[Int(h) - 1])))
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
        let (trainers, venue, offsets, county) = numbers(s)
        book(session: s.id, trainers: trainers.map(\.1), venue: venue, offsets: offsets.map(\.1), county: county ?? 0)
        for id in attendees {
            let key = Self.enrolmentKey(s.kind, id)
            if enrolments[key] == nil { enrolments[key] = s.id }
        }
    }

    /// Takes a booked session out again.
    public mutating func release(_ s: Session, attendees: [String] = []) {
        let (trainers, venue, offsets, _) = numbers(s)
        release(session: s.id, trainers: trainers.map(\.1), venue: venue, offsets: offsets.map(\.1))
        for id in attendees where enrolments[Self.enrolmentKey(s.kind, id)] == s.id {
            enrolments[Self.enrolmentKey(s.kind, id)] = nil
        }
    }

    /// Session dates a trainer has in the calendar month `monthKey`.
    public func daysBooked(trainer: String, monthKey: Int) -> Int {
        guard let t = index.trainerNumber[trainer] else { return 0 }
        let m = monthKey - index.firstMonthKey
        guard m >= 0 && m < index.monthCount else { return 0 }
        return Int(trainerMonth[t * index.monthCount + m])
    }

    /// The session a trainer works on a date, if any.
    public func engagement(trainer: String, on day: Day) -> String? {
        guard let t = index.trainerNumber[trainer], let o = index.offset(of: day) else { return nil }
        let h = trainerDay[t * days + o]
        return h == 0 ? nil : handles[Int(h) - 1]
    }

    private static func enrolmentKey(_ kind: String, _ id: String) -> String { kind + "\u{1F}" + id }
}

/// Why a trainer cannot take a run of dates: what an explanation names.
public enum TrainerObstacle: Hashable, Sendable {
    case busy(session: String, Day)
    case calendar(Day)
    case monthlyLimit(monthKey: Int, limit: Int)
    /// Booked the day before or after in a county too far for rule 4.
    case travel(from: String, Day)
}
