import XiangxingCore

/// A room where sessions can be held.
struct GeneratedVenue {
    var id: String
    var county: Int
    var name: String
    var address: String
    var seats: Int
    var calendar: CalendarPattern?
}

struct GeneratedTravel {
    var from: Int
    var to: Int
    var km: Int
    var minutes: Int
}

enum VenuesAndRoads {
    static let roads = ["人民", "建设", "解放", "中州", "文化", "新华", "光明", "胜利", "和平", "工业", "滨河", "迎宾", "育才", "长安"]

    /// 2–3 venues a county: the human-resources bureau's training centre
    /// (60–120 seats, so every class fits somewhere), often a start-up
    /// incubator, and a township service centre's meeting room (30–80).
    static func venues(map: SyntheticMap, knobs: GeneratorKnobs, seed: UInt64) -> [GeneratedVenue] {
        var rng = SplitMix64(seed: seed, stream: "venues")
        var out: [GeneratedVenue] = []
        for (ci, c) in map.counties.enumerated() {
            let prefecture = map.prefectures[c.prefecture]
            let province = map.provinces[prefecture.province]
            let city = prefecture.name == c.name ? "" : prefecture.name
            let place = province.name + city + c.name
            let count = rng.chance(0.5) ? 3 : 2
            for v in 1...count {
                var venue: GeneratedVenue
                let id = "V\(c.code)-\(v)"
                switch v {
                case 1:
                    venue = GeneratedVenue(id: id, county: ci, name: c.name + "人力资源和社会保障局职业技能培训中心",
                                           address: place + rng.pick(roads) + "路\(rng.int(in: 1...400))号",
                                           seats: 5 * rng.int(in: 12...24))
                case 2 where count == 3:
                    venue = GeneratedVenue(id: id, county: ci, name: c.name + "返乡创业孵化园",
                                           address: place + rng.pick(roads) + "路\(rng.int(in: 1...400))号",
                                           seats: 5 * rng.int(in: 6...16))
                default:
                    let township = rng.pick(c.townships)
                    venue = GeneratedVenue(id: id, county: ci, name: c.name + township + "便民服务中心会议室",
                                           address: place + township + "中心街\(rng.int(in: 1...60))号",
                                           seats: 5 * rng.int(in: 6...16))
                }
                if rng.chance(knobs.venueCalendarShare) {
                    venue.calendar = v == 1 ? .monthlyMeeting : .marketDay(Weekday(rawValue: rng.int(in: 1...5))!)
                }
                out.append(venue)
            }
        }
        return out
    }

    /// A few road distances that differ from the estimate: mountain roads
    /// (slower, longer) and expressways, between neighbouring counties of
    /// one prefecture. One row a pair; never a county with itself.
    static func travel(map: SyntheticMap, seed: UInt64) -> [GeneratedTravel] {
        var rng = SplitMix64(seed: seed, stream: "travel")
        let wanted = max(6, map.counties.count / 40)
        let candidates = map.prefectures.filter { $0.counties.count >= 2 }
        var seen: Set<Int> = []
        var out: [GeneratedTravel] = []
        var attempts = 0
        while out.count < wanted && attempts < wanted * 20 && !candidates.isEmpty {
            attempts += 1
            let p = rng.pick(candidates)
            let a = rng.pick(p.counties)
            guard let b = p.counties.filter({ $0 != a }).min(by: {
                let x = SyntheticMap.km(map.counties[a], map.counties[$0]), y = SyntheticMap.km(map.counties[a], map.counties[$1])
                return x != y ? x < y : $0 < $1
            }) else { continue }
            let key = min(a, b) * map.counties.count + max(a, b)
            guard seen.insert(key).inserted else { continue }
            let gc = SyntheticMap.km(map.counties[a], map.counties[b])
            let mountain = rng.chance(0.6)
            let km = max(3, Int((gc * (mountain ? rng.double(in: 1.5...1.9) : rng.double(in: 1.1...1.2))).rounded()))
            let kmh = mountain ? rng.double(in: 40...50) : rng.double(in: 80...95)
            out.append(GeneratedTravel(from: a, to: b, km: km, minutes: max(5, Int((Double(km) / kmh * 60).rounded()))))
        }
        return out
    }
}
