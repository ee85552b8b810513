import Foundation

/// One county of the synthetic map.
struct MapCounty {
    var code: String
    var name: String
    var lat: Double
    var lon: Double
    var prefecture: Int
    /// A city district (市辖区): where the prefecture's trainers mostly live.
    var isDistrict: Bool
    var townships: [String]
}

struct MapPrefecture {
    var code: String
    var name: String
    var province: Int
    var lat: Double
    var lon: Double
    var counties: [Int] = []
}

struct MapProvince {
    var code: String
    var name: String
    var prefectures: [Int] = []
}

/// Counties clustered around prefecture centres inside China's latitude and
/// longitude box, with GB/T 2260-shaped codes: `PPFFCC`, where city
/// districts take CC = 02… and counties CC = 21…, so every code is a unique
/// 6-digit string and can be an ID card's address code.
struct SyntheticMap {
    var provinces: [MapProvince] = []
    var prefectures: [MapPrefecture] = []
    var counties: [MapCounty] = []

    static let latitudes = 18.2...53.5
    static let longitudes = 73.5...134.7

    static func make(_ preset: ScenarioPreset, rng: inout SplitMix64) -> SyntheticMap {
        var map = SyntheticMap()
        var names = NameBook()
        switch preset {
        case .nanyang:
            let nanyang = MapData.henan.first { $0.code == "4113" }!
            map.provinces.append(MapProvince(code: "41", name: "河南省"))
            map.addPrefecture(nanyang, province: 0, spreadKm: 95, names: &names, rng: &rng)
        case .henan:
            map.provinces.append(MapProvince(code: "41", name: "河南省"))
            for p in MapData.henan {
                map.addPrefecture(p, province: 0, spreadKm: 15 * Double(p.counties).squareRoot() + 10, names: &names, rng: &rng)
            }
        case .national:
            for (pi, spec) in MapData.provinces.enumerated() {
                map.provinces.append(MapProvince(code: spec.code, name: spec.name))
                // Split the province's counties among its prefectures, at least 3 each.
                var sizes = [Int](repeating: 3, count: spec.prefectures)
                for _ in 0..<max(0, spec.counties - 3 * spec.prefectures) {
                    sizes[rng.int(in: 0...(spec.prefectures - 1))] += 1
                }
                let kmPerCounty = spec.radiusKm / Double(max(1, spec.counties)).squareRoot() * 0.9
                for f in 0..<spec.prefectures {
                    let centre = f == 0 ? spec.capital
                        : Self.scatter(around: spec.centre, radiusKm: spec.radiusKm, rng: &rng)
                    let name = f == 0 && spec.prefectures == 1 ? spec.name : names.prefectureName(rng: &rng)
                    let municipality = spec.prefectures == 1
                    let p = PrefectureSpec(code: spec.code + Self.pad2(f + 1), name: name,
                                           lat: centre.lat, lon: centre.lon, counties: sizes[f],
                                           districts: municipality ? min(sizes[f], 16) : rng.int(in: 1...3))
                    map.addPrefecture(p, province: pi, spreadKm: max(18, kmPerCounty * Double(sizes[f]).squareRoot()),
                                      names: &names, rng: &rng)
                }
            }
        }
        return map
    }

    private mutating func addPrefecture(_ spec: PrefectureSpec, province: Int, spreadKm: Double,
                                        names: inout NameBook, rng: inout SplitMix64) {
        let index = prefectures.count
        prefectures.append(MapPrefecture(code: spec.code, name: spec.name, province: province,
                                         lat: spec.lat, lon: spec.lon))
        provinces[province].prefectures.append(index)
        for i in 0..<spec.counties {
            let district = i < spec.districts
            let suffix = district ? Self.pad2(2 + i) : Self.pad2(21 + i - spec.districts)
            var (lat, lon) = (spec.lat, spec.lon)
            if !(district && i == 0) {
                // County seats keep some distance from each other (the best of a few draws).
                let minimumKm = district ? 4.0 : min(25, spreadKm / 3)
                var best = -1.0
                for _ in 0..<12 {
                    let p = Self.scatter(around: (spec.lat, spec.lon), radiusKm: district ? 10 : spreadKm, rng: &rng)
                    let probe = MapCounty(code: "", name: "", lat: p.lat, lon: p.lon, prefecture: index,
                                          isDistrict: district, townships: [])
                    let nearest = prefectures[index].counties.map { Self.km(counties[$0], probe) }.min() ?? .infinity
                    if nearest > best { best = nearest; (lat, lon) = p }
                    if nearest >= minimumKm { break }
                }
            }
            let name = spec.counties == 1 ? spec.name : names.countyName(district: district, rng: &rng)
            let townships = names.townships(count: rng.int(in: 6...10), district: district, rng: &rng)
            prefectures[index].counties.append(counties.count)
            counties.append(MapCounty(code: spec.code + suffix, name: name,
                                      lat: lat, lon: lon, prefecture: index, isDistrict: district,
                                      townships: townships))
        }
    }

    /// A point uniformly in a disc around `centre`, kept inside the box.
    static func scatter(around centre: (lat: Double, lon: Double), radiusKm: Double,
                        rng: inout SplitMix64) -> (lat: Double, lon: Double) {
        let r = radiusKm * rng.unit().squareRoot()
        let angle = rng.unit() * 2 * Double.pi
        let lat = centre.lat + r * sin(angle) / 111.2
        let lon = centre.lon + r * cos(angle) / (111.2 * cos(centre.lat * Double.pi / 180))
        return (min(max(lat, latitudes.lowerBound), latitudes.upperBound),
                min(max(lon, longitudes.lowerBound), longitudes.upperBound))
    }

    /// Great-circle km, the contract's estimate before road_factor.
    static func km(_ a: MapCounty, _ b: MapCounty) -> Double {
        let rad = Double.pi / 180
        let dLat = (b.lat - a.lat) * rad, dLon = (b.lon - a.lon) * rad
        let h = sin(dLat / 2) * sin(dLat / 2) + cos(a.lat * rad) * cos(b.lat * rad) * sin(dLon / 2) * sin(dLon / 2)
        return 2 * 6371 * asin(min(1, h.squareRoot()))
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}

/// Unique invented place names: two characters and a suffix.
struct NameBook {
    private var used: Set<String> = []

    private mutating func fresh(_ suffix: String, rng: inout SplitMix64, unique: Bool = true) -> String {
        let chars = MapData.placeCharacters
        while true {
            let a = rng.pick(chars), b = rng.pick(chars)
            guard a != b else { continue }
            let name = String(a) + String(b) + suffix
            if !unique || used.insert(name).inserted { return name }
        }
    }

    mutating func prefectureName(rng: inout SplitMix64) -> String { fresh("市", rng: &rng) }

    mutating func countyName(district: Bool, rng: inout SplitMix64) -> String {
        district ? fresh("区", rng: &rng) : fresh(rng.chance(0.12) ? "市" : "县", rng: &rng)
    }

    /// Township names are unique within their county only.
    mutating func townships(count: Int, district: Bool, rng: inout SplitMix64) -> [String] {
        var out: [String] = district ? [] : ["城关镇"]
        var seen = Set(out)
        while out.count < count {
            let suffix = district ? "街道" : (rng.chance(0.6) ? "镇" : "乡")
            let name = fresh(suffix, rng: &rng, unique: false)
            if seen.insert(name).inserted { out.append(name) }
        }
        return out
    }
}
