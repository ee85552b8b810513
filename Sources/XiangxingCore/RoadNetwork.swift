import RealModule

/// Road km and minutes between county seats: `travel.csv` where it has the
/// pair, otherwise the contract's estimate (great-circle km on a sphere of
/// 6,371 km × road_factor, at road_kmh). Zero within one county.
public struct RoadNetwork: Sendable {
    private let index: [String: Int]
    private let km: [Double]
    private let minutes: [Double]
    private let size: Int

    public init(counties: [County], overrides: [TravelOverride], roadFactor: Double, roadKmh: Double) {
        var index: [String: Int] = [:]
        for (i, c) in counties.enumerated() where index[c.code] == nil { index[c.code] = i }
        let n = counties.count
        var km = [Double](repeating: 0, count: n * n)
        var minutes = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where i != j {
                let k = Self.greatCircleKm(counties[i], counties[j]) * roadFactor
                km[i * n + j] = k
                minutes[i * n + j] = roadKmh > 0 ? k / roadKmh * 60 : .infinity
            }
        }
        for o in overrides {
            guard let a = index[o.from], let b = index[o.to], a != b else { continue }
            km[a * n + b] = o.km; km[b * n + a] = o.km
            minutes[a * n + b] = o.minutes; minutes[b * n + a] = o.minutes
        }
        self.index = index; self.km = km; self.minutes = minutes; self.size = n
    }

    public init(scenario: Scenario) {
        self.init(counties: scenario.counties, overrides: scenario.travel,
                  roadFactor: scenario.settings.roadFactor, roadKmh: scenario.settings.roadKmh)
    }

    public func km(_ a: String, _ b: String) -> Double {
        guard a != b, let i = index[a], let j = index[b] else { return 0 }
        return km[i * size + j]
    }

    public func minutes(_ a: String, _ b: String) -> Double {
        guard a != b, let i = index[a], let j = index[b] else { return 0 }
        return minutes[i * size + j]
    }

    /// Road km between county numbers (positions in the scenario's counties).
    @inline(__always)
    public func km(number a: Int, _ b: Int) -> Double { km[a * size + b] }

    @inline(__always)
    public func minutes(number a: Int, _ b: Int) -> Double { minutes[a * size + b] }

    /// Haversine distance between two county seats in km.
    public static func greatCircleKm(_ a: County, _ b: County) -> Double {
        let r = 6371.0
        let rad = Double.pi / 180
        let dLat = (b.latitude - a.latitude) * rad
        let dLon = (b.longitude - a.longitude) * rad
        let s = Double.sin(dLat / 2) * Double.sin(dLat / 2)
            + Double.cos(a.latitude * rad) * Double.cos(b.latitude * rad)
            * Double.sin(dLon / 2) * Double.sin(dLon / 2)
        return 2 * r * Double.asin(min(1, s.squareRoot()))
    }
}
