import XiangxingCore

struct GeneratedTrainer {
    var id = ""
    var name: String
    var pinyin: String?
    var home: Int
    var prefecture: Int
    /// Bit set of `GeneratedKind.bit`.
    var qualifications: UInt8 = 0
    var maxDaysPerMonth: Int
    var calendar: CalendarPattern?
    var phone: String

    func holds(_ k: GeneratedKind) -> Bool { qualifications & k.bit != 0 }

    /// Trainer-days this trainer can give a set of kinds in a month (0…11),
    /// by the generator's estimate.
    func capacity(_ kinds: UInt8, month: Int) -> Double {
        guard qualifications & kinds != 0 else { return 0 }
        var best = 0.0
        for k in GeneratedKind.allCases where qualifications & kinds & k.bit != 0 {
            best = max(best, calendar?.availability(k, month: month + 1) ?? 1)
        }
        return Double(maxDaysPerMonth) * best
    }
}

/// How tight the trainers are: for one kind, the smallest ratio of
/// qualified capacity to load over every prefecture-month with real load.
public struct TightnessReport: Sendable {
    public var kind: String
    public var minimumRatio: Double
    public var medianRatio: Double
}

/// Draws each prefecture's trainers and hands out qualifications so that the
/// pool is tight but coverable (see `GeneratorKnobs.slack`):
///
/// 1. trainers are shared out among prefectures in proportion to their
///    trainer-day load; 70 % live in a city district;
/// 2. the scarce kinds (capability, village-tour, service) go to trainers
///    without a qualification yet, one at a time, until every month's
///    qualified capacity reaches `slack` × that month's load (and, for tours,
///    enough trainers to staff the teams);
/// 3. everyone left teaches awareness; some scarce-kind trainers also
///    teach awareness (the trap for a careless planner);
/// 4. a Hall-type check over every set of kinds and every month adds a
///    qualification (or, failing that, a trainer) wherever the sets together
///    fall short.
struct TrainerPool {
    var trainers: [GeneratedTrainer] = []
    var tightness: [TightnessReport] = []

    static func make(map: SyntheticMap, workload: Workload, knobs: GeneratorKnobs, seed: UInt64,
                     people: inout PeopleFactory) -> TrainerPool {
        var rng = SplitMix64(seed: seed, stream: "trainers")
        let load = workload.load(map: map)
        let slack = knobs.slack
        let totals = load.map { $0.reduce(0) { $0 + $1.reduce(0, +) } }
        let counts = apportion(knobs.trainers, weights: totals, minimum: 3)
        let minimumTourTrainers = tourTrainerMinimum(map: map, workload: workload, slack: slack)

        var pool = TrainerPool()
        for (p, prefecture) in map.prefectures.enumerated() {
            let districts = prefecture.counties.filter { map.counties[$0].isDistrict }
            func draw(withCalendar: Bool) -> GeneratedTrainer {
                let home = rng.chance(0.7) && !districts.isEmpty ? rng.pick(districts) : rng.pick(prefecture.counties)
                let (name, pinyin) = people.name(rng: &rng)
                var calendar: CalendarPattern?
                if withCalendar && rng.chance(knobs.calendarShare) {
                    switch rng.int(in: 0...9) {
                    case 0...3: calendar = .termTeaching(Weekday(rawValue: rng.int(in: 1...5))!)
                    case 4...6: calendar = .saturdayBusiness
                    default:
                        let month = rng.pick([1, 2, 7, 8, 12])
                        calendar = .meetingsAndLeave(start: Day(year: Workload.year, month: month, day: rng.pick([1, 8, 15]))!,
                                                     days: rng.pick([5, 7, 10]))
                    }
                }
                return GeneratedTrainer(name: name, pinyin: pinyin, home: home, prefecture: p,
                                        maxDaysPerMonth: rng.int(in: 8...16), calendar: calendar,
                                        phone: PeopleFactory.phone(rng: &rng))
            }
            var local = (0..<counts[p]).map { _ in draw(withCalendar: true) }
            var order = Array(local.indices)
            rng.shuffle(&order)
            let l = load[p]

            func capacity(_ kinds: UInt8, _ m: Int) -> Double {
                local.reduce(0) { $0 + $1.capacity(kinds, month: m) }
            }
            func need(_ kinds: UInt8, _ m: Int) -> Double {
                GeneratedKind.allCases.reduce(0) { kinds & $1.bit != 0 ? $0 + l[$1.rawValue][m] : $0 } * slack
            }
            /// Qualifies one more trainer for `kind`, preferring (in the
            /// shuffled order) one outside `avoid` who is available in `month`;
            /// draws a new trainer when nobody fits.
            func qualifyOne(_ kind: GeneratedKind, avoid: UInt8, month: Int) {
                let usable = { (t: GeneratedTrainer) in
                    !t.holds(kind) && (t.calendar?.availability(kind, month: month + 1) ?? 1) > 0
                }
                if let i = order.first(where: { local[$0].qualifications & avoid == 0 && usable(local[$0]) })
                    ?? order.first(where: { usable(local[$0]) }) {
                    local[i].qualifications |= kind.bit
                } else {
                    var t = draw(withCalendar: false)
                    t.qualifications = kind.bit
                    order.append(local.count)
                    local.append(t)
                }
            }

            // 2. Scarce kinds, each to trainers holding nothing yet.
            let scarce: [GeneratedKind] = [.capability, .villageTour, .service]
            for kind in scarce {
                let hasLoad = l[kind.rawValue].contains { $0 > 0 }
                guard hasLoad else { continue }
                let minimum = kind == .capability ? 3 : kind == .villageTour ? minimumTourTrainers[p] : 2
                while local.filter({ $0.holds(kind) }).count < minimum {
                    qualifyOne(kind, avoid: 0xFF, month: 3)
                }
                for m in 0..<12 {
                    while capacity(kind.bit, m) < need(kind.bit, m) { qualifyOne(kind, avoid: 0xFF, month: m) }
                }
            }
            // 3. Awareness for everyone else; cross-qualifications.
            for i in local.indices {
                if local[i].qualifications == 0 {
                    local[i].qualifications = GeneratedKind.awareness.bit
                    if rng.chance(0.1) { local[i].qualifications |= GeneratedKind.service.bit }
                } else {
                    let share: Double = local[i].holds(.capability) ? 0.7 : local[i].holds(.villageTour) ? 0.6 : 0.5
                    if rng.chance(share) { local[i].qualifications |= GeneratedKind.awareness.bit }
                }
            }
            // 4. Hall's condition, month by month, over every set of kinds.
            var settled = false
            while !settled {
                settled = true
                for m in 0..<12 {
                    for set in UInt8(1)...UInt8(15) where capacity(set, m) < need(set, m) - 1e-9 {
                        let heaviest = GeneratedKind.allCases.filter { set & $0.bit != 0 }
                            .max { l[$0.rawValue][m] < l[$1.rawValue][m] }!
                        qualifyOne(heaviest, avoid: set, month: m)
                        settled = false
                    }
                }
            }
            pool.trainers += local
        }
        let width = max(3, String(pool.trainers.count).count)
        for i in pool.trainers.indices { pool.trainers[i].id = "T" + Workload.zeroPadded(i + 1, width) }
        pool.tightness = report(pool.trainers, load: load, prefectures: map.prefectures.count)
        return pool
    }

    /// Per prefecture, the village-tour trainers its share of the largest
    /// tour team count calls for (two a team, times slack).
    static func tourTrainerMinimum(map: SyntheticMap, workload: Workload, slack: Double) -> [Int] {
        var minimum = [Int](repeating: 0, count: map.prefectures.count)
        for tour in workload.tours {
            let total = Double(tour.stops.reduce(0) { $0 + $1.days })
            var share = [Double](repeating: 0, count: map.prefectures.count)
            for s in tour.stops { share[map.counties[s.county].prefecture] += Double(s.days) / total }
            for (p, x) in share.enumerated() where x > 0 {
                let wanted = Int((x * Double(tour.teams * GeneratedKind.villageTour.trainers) * slack).rounded(.up))
                minimum[p] = max(minimum[p], max(2, wanted))
            }
        }
        return minimum
    }

    /// Largest-remainder shares of `total`, at least `minimum` each.
    static func apportion(_ total: Int, weights: [Double], minimum: Int) -> [Int] {
        let sum = weights.reduce(0, +)
        guard sum > 0 else { return weights.map { _ in minimum } }
        let exact = weights.map { Double(total) * $0 / sum }
        var shares = exact.map { Int($0) }
        let order = exact.indices.sorted {
            let a = exact[$0] - Double(shares[$0]), b = exact[$1] - Double(shares[$1])
            return a != b ? a > b : $0 < $1
        }
        for i in order.prefix(max(0, total - shares.reduce(0, +))) { shares[i] += 1 }
        return shares.map { max(minimum, $0) }
    }

    static func report(_ trainers: [GeneratedTrainer], load: [[[Double]]], prefectures: Int) -> [TightnessReport] {
        var capacity = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 12),
                                                            count: GeneratedKind.allCases.count), count: prefectures)
        for t in trainers {
            for k in GeneratedKind.allCases where t.holds(k) {
                for m in 0..<12 { capacity[t.prefecture][k.rawValue][m] += t.capacity(k.bit, month: m) }
            }
        }
        return GeneratedKind.allCases.map { k in
            var ratios: [Double] = []
            for p in 0..<prefectures {
                for m in 0..<12 where load[p][k.rawValue][m] >= 2 {
                    ratios.append(capacity[p][k.rawValue][m] / load[p][k.rawValue][m])
                }
            }
            ratios.sort()
            return TightnessReport(kind: k.code, minimumRatio: ratios.first ?? 0,
                                   medianRatio: ratios.isEmpty ? 0 : ratios[ratios.count / 2])
        }
    }
}

extension PeopleFactory {
    /// A name and, where needed, its reading (no resident ID drawn).
    func name(rng: inout SplitMix64) -> (String, String?) {
        let male = rng.chance(0.6)
        let surname = Self.surnames[rng.weightedIndex(Self.surnameWeights)]
        let given = rng.pick(male ? Self.maleGiven : Self.femaleGiven)
        return (surname.hanzi + given.0, surname.needsReading ? surname.pinyin + " " + given.1 : nil)
    }
}
