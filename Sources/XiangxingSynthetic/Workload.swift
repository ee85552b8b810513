import XiangxingCore

/// The kinds every generated scenario offers: the three courses and the
/// mentoring tour of the Nanyang programme (same codes as the demo).
enum GeneratedKind: Int, CaseIterable, Sendable {
    case awareness, capability, service, villageTour

    var code: String { ["awareness", "capability", "service", "village-tour"][rawValue] }
    var name: String { ["创业意识培训", "创业能力提升培训", "创业服务业务培训", "创业讲师乡村行"][rawValue] }
    var category: String { self == .villageTour ? "mentoring" : "training" }
    var days: Int { [3, 5, 2, 1][rawValue] }
    var minSeats: Int { [20, 20, 15, 0][rawValue] }
    var maxSeats: Int { [40, 35, 40, 0][rawValue] }
    var trainers: Int { [1, 2, 1, 2][rawValue] }
    var weekends: Bool { self == .awareness }
    var bit: UInt8 { 1 << UInt8(rawValue) }
}

struct DemandRow {
    var id: String
    var county: Int
    var kind: GeneratedKind
    var classes: Int
    var earliest: Day
    var latest: Day
}

struct TourStopRow {
    var county: Int
    var days: Int
    var mentees: Int
}

struct TourRow {
    var id: String
    var name: String
    var earliest: Day
    var latest: Day
    var teams: Int
    var stops: [TourStopRow]
}

struct BlackoutRow {
    /// A county code, or `*`.
    var county: String
    var start: Day
    var end: Day
    var reason: String
}

/// What the scenario asks for: classes, tours, and the days counties cannot host.
struct Workload {
    var demand: [DemandRow] = []
    var tours: [TourRow] = []
    var blackouts: [BlackoutRow] = []

    static let year = 2019

    static func make(_ preset: ScenarioPreset, map: SyntheticMap, knobs: GeneratorKnobs, seed: UInt64) -> Workload {
        var w = Workload()
        var rng = SplitMix64(seed: seed, stream: "demand")
        w.makeDemand(map: map, knobs: knobs, rng: &rng)
        rng = SplitMix64(seed: seed, stream: "tours")
        w.makeTours(preset, map: map, knobs: knobs, rng: &rng)
        rng = SplitMix64(seed: seed, stream: "blackouts")
        w.makeBlackouts(preset, map: map, rng: &rng)
        return w
    }

    // MARK: demand.csv

    private mutating func makeDemand(map: SyntheticMap, knobs: GeneratorKnobs, rng: inout SplitMix64) {
        var rows: [DemandRow] = []
        for (ci, county) in map.counties.enumerated() {
            let mean = knobs.classesPerCounty * (county.isDistrict ? 1.2 : 1)
            let total = max(2, Int((mean * rng.double(in: 0.75...1.25)).rounded()))
            let capability = Int((Double(total) * 0.3).rounded())
            let awareness = Int((Double(total) * 0.5).rounded())
            let service = max(0, total - awareness - capability)
            for (kind, count) in [(GeneratedKind.awareness, awareness), (.capability, capability), (.service, service)] {
                var left = count
                while left > 0 {
                    let classes = min(left, rng.int(in: 1...3))
                    left -= classes
                    let (earliest, latest) = Self.window(rng: &rng)
                    rows.append(DemandRow(id: "", county: ci, kind: kind, classes: classes,
                                          earliest: earliest, latest: latest))
                }
            }
        }
        let width = max(3, String(rows.count).count)
        for i in rows.indices { rows[i].id = "D" + Self.zeroPadded(i + 1, width) }
        demand = rows
    }

    /// A demand window of 2–6 whole months between 18 February (after the
    /// Spring Festival) and 20 December; an October window opens after 国庆.
    static func window(rng: inout SplitMix64) -> (Day, Day) {
        let months = rng.int(in: 2...6)
        let start = rng.int(in: 2...(12 - months + 1))
        // A February window opens late (after the festival): give it a third month.
        let end = start + months - 1 + (start == 2 && months == 2 ? 1 : 0)
        let earliest = Day(year: year, month: start, day: start == 2 ? 18 : start == 10 ? 8 : 1)!
        let latest = end == 12 ? Day(year: year, month: 12, day: 20)!
            : Day(year: year, month: end, day: Day.daysIn(month: end, year: year))!
        return (earliest, latest)
    }

    // MARK: tours.csv and stops.csv

    private mutating func makeTours(_ preset: ScenarioPreset, map: SyntheticMap, knobs: GeneratorKnobs,
                                    rng: inout SplitMix64) {
        func stop(_ c: Int) -> TourStopRow {
            TourStopRow(county: c, days: map.counties[c].isDistrict ? 1 : rng.int(in: 1...2),
                        mentees: 60 + 10 * rng.int(in: 0...18))
        }
        func teams(_ stops: [TourStopRow]) -> Int {
            max(2, (stops.reduce(0) { $0 + $1.days } + 4) / 5)
        }
        switch preset {
        case .nanyang:
            let p = map.prefectures[0]
            let centre = MapCounty(code: "", name: "", lat: p.lat, lon: p.lon, prefecture: 0, isDistrict: true, townships: [])
            // The spring tour visits the seven counties farthest from the city: the mountain counties.
            let far = p.counties.sorted {
                let a = SyntheticMap.km(map.counties[$0], centre), b = SyntheticMap.km(map.counties[$1], centre)
                return a != b ? a > b : $0 < $1
            }.prefix(7).sorted()
            tours.append(TourRow(id: "XCX-2019-04", name: "2019年春季创业讲师乡村行（山区县）",
                                 earliest: Day(year: 2019, month: 4, day: 8)!, latest: Day(year: 2019, month: 5, day: 24)!,
                                 teams: 3, stops: far.map(stop)))
            tours.append(TourRow(id: "XCX-2019-09", name: "2019年创业讲师乡村行",
                                 earliest: Day(year: 2019, month: 9, day: 2)!, latest: Day(year: 2019, month: 9, day: 30)!,
                                 teams: 6, stops: p.counties.map(stop)))
        case .henan:
            for p in map.prefectures where p.counties.count >= 5 {
                let stops = p.counties.map(stop)
                let (earliest, latest) = Self.tourWindow(rng: &rng)
                tours.append(TourRow(id: "XCX-2019-\(p.code)", name: "2019年\(p.name)创业讲师乡村行",
                                     earliest: earliest, latest: latest, teams: teams(stops), stops: stops))
            }
        case .national:
            for province in map.provinces {
                var counties = province.prefectures.flatMap { map.prefectures[$0].counties }
                rng.shuffle(&counties)
                let n = min(counties.count, max(6, Int((Double(counties.count) * knobs.tourCoverage).rounded())))
                let stops = counties.prefix(n).sorted().map(stop)
                let (earliest, latest) = Self.tourWindow(rng: &rng)
                tours.append(TourRow(id: "XCX-2019-\(province.code)", name: "2019年\(province.name)创业讲师乡村行",
                                     earliest: earliest, latest: latest, teams: teams(stops), stops: stops))
            }
        }
    }

    /// Four to six weeks from a Monday in April, May, July, September or November.
    static func tourWindow(rng: inout SplitMix64) -> (Day, Day) {
        let month = rng.pick([4, 5, 7, 9, 11])
        let first = CalendarPattern.first(.monday, onOrAfter: Day(year: year, month: month, day: 1)!)
        let start = first.advanced(by: 7 * rng.int(in: 0...1))
        let end = start.advanced(by: 7 * rng.int(in: 4...6) - 3)
        return (start, min(end, Day(year: year, month: 12, day: 20)!))
    }

    // MARK: blackouts.csv

    /// Harvests by latitude: 三夏麦收 on the wheat plains (later further
    /// north), 双抢 in the double-rice south, 秋收 in the north-east; a
    /// province- or city-wide meeting day; a few local elections.
    private mutating func makeBlackouts(_ preset: ScenarioPreset, map: SyntheticMap, rng: inout SplitMix64) {
        for p in map.prefectures {
            let north = Int(((p.lat - 32) * 1.5).rounded())
            for c in p.counties {
                let county = map.counties[c]
                guard !county.isDistrict else {
                    if rng.chance(0.04) {
                        let start = Day(year: Self.year, month: 11, day: rng.int(in: 4...20))!
                        blackouts.append(BlackoutRow(county: county.code, start: start, end: start.advanced(by: 1), reason: "区人大代表换届选举"))
                    }
                    continue
                }
                if p.lat >= 40.5 {
                    if rng.chance(0.7) { add(county.code, 9, 20 + rng.int(in: -3...3), 18 + rng.int(in: 0...4), "秋收") }
                } else if p.lat >= 32 {
                    if rng.chance(0.65) { add(county.code, 5, 25 + north + rng.int(in: -2...2), 13 + rng.int(in: 0...2), "三夏麦收") }
                    if rng.chance(0.2) { add(county.code, 9, 20 + rng.int(in: 0...3), 17 + rng.int(in: 0...4), "秋收") }
                } else {
                    if rng.chance(0.5) { add(county.code, 7, 15 + rng.int(in: -3...3), 15 + rng.int(in: 0...5), "双抢（早稻收割、晚稻插秧）") }
                    if rng.chance(0.2) { add(county.code, 10, 25 + rng.int(in: 0...4), 12 + rng.int(in: 0...3), "秋收（晚稻）") }
                }
            }
        }
        let meeting = Day(year: Self.year, month: 4, day: 18)!
        let who = preset == .nanyang ? "全市" : preset == .henan ? "全省" : "全国"
        blackouts.append(BlackoutRow(county: "*", start: meeting, end: meeting,
                                     reason: "\(who)返乡创业工作推进会（讲师与场地统一调用）"))
    }

    private mutating func add(_ county: String, _ month: Int, _ day: Int, _ days: Int, _ reason: String) {
        let start = Day(year: Self.year, month: month, day: 1)!.advanced(by: day - 1)
        blackouts.append(BlackoutRow(county: county, start: start, end: start.advanced(by: days - 1), reason: reason))
    }

    // MARK: load, for the tightness check

    /// Trainer-days asked of each prefecture, by kind and month (0…11):
    /// each demand row's classes × days × trainers, and each tour stop's
    /// days × team size, spread evenly over the row's window.
    func load(map: SyntheticMap) -> [[[Double]]] {
        var load = [[[Double]]](repeating: [[Double]](repeating: [Double](repeating: 0, count: 12),
                                                        count: GeneratedKind.allCases.count),
                                count: map.prefectures.count)
        func spread(_ trainerDays: Double, _ from: Day, _ to: Day, _ prefecture: Int, _ kind: GeneratedKind) {
            let length = Double(from.distance(to: to) + 1)
            for m in from.month...to.month {
                let monthStart = Day(year: Self.year, month: m, day: 1)!
                let monthEnd = Day(year: Self.year, month: m, day: Day.daysIn(month: m, year: Self.year))!
                let overlap = Double(max(from, monthStart).distance(to: min(to, monthEnd)) + 1)
                load[prefecture][kind.rawValue][m - 1] += trainerDays * overlap / length
            }
        }
        for row in demand {
            spread(Double(row.classes * row.kind.days * row.kind.trainers), row.earliest, row.latest,
                   map.counties[row.county].prefecture, row.kind)
        }
        for tour in tours {
            for stop in tour.stops {
                spread(Double(stop.days * GeneratedKind.villageTour.trainers), tour.earliest, tour.latest,
                       map.counties[stop.county].prefecture, .villageTour)
            }
        }
        return load
    }

    static func zeroPadded(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return String(repeating: "0", count: max(0, width - s.count)) + s
    }
}
