import Foundation
import Testing
import XiangxingCore

/// Great-circle km by the atan2 form of the haversine formula, written
/// here independently of RoadNetwork so the two can disagree.
func greatCircleKm(_ lat1: Double, _ lon1: Double, _ lat2: Double, _ lon2: Double) -> Double {
    let toRad = Double.pi / 180
    let a = pow(sin((lat2 - lat1) * toRad / 2), 2)
        + cos(lat1 * toRad) * cos(lat2 * toRad) * pow(sin((lon2 - lon1) * toRad / 2), 2)
    return 6371 * 2 * atan2(sqrt(a), sqrt(1 - a))
}

/// Road km the contract estimates between two fixture counties (road_factor 1.3).
enum FixtureRoads {
    static let seats: [String: (Double, Double)] = [
        County2260.tanghe: (32.68, 112.81), County2260.tongbai: (32.38, 113.43), County2260.xixia: (33.31, 111.47),
    ]
    static func km(_ a: String, _ b: String) -> Double {
        guard a != b, let p = seats[a], let q = seats[b] else { return 0 }
        return greatCircleKm(p.0, p.1, q.0, q.1) * 1.3
    }
}

@Suite("RoadNetwork: road km and minutes between county seats")
struct RoadNetworkTests {
    let counties = TinyScenario.scenario.counties
    let tanghe = County2260.tanghe, tongbai = County2260.tongbai, xixia = County2260.xixia

    @Test("Within one county the road distance and time are zero")
    func withinCounty() {
        let roads = RoadNetwork(counties: counties, overrides: [], roadFactor: 1.3, roadKmh: 60)
        #expect(roads.km(tanghe, tanghe) == 0)
        #expect(roads.minutes(xixia, xixia) == 0)
    }

    @Test("唐河县–桐柏县 is about 67 km great-circle, × 1.3 road factor, at 60 km/h")
    func haversineEstimate() {
        let roads = RoadNetwork(counties: counties, overrides: [], roadFactor: 1.3, roadKmh: 60)
        let circle = greatCircleKm(32.68, 112.81, 32.38, 113.43)
        #expect((64...71).contains(circle))
        #expect(abs(roads.km(tanghe, tongbai) - circle * 1.3) < 1e-6)
        #expect(abs(roads.km(tongbai, tanghe) - circle * 1.3) < 1e-6)
        #expect(abs(roads.minutes(tanghe, tongbai) - circle * 1.3) < 1e-6)  // 60 km/h: 1 km a minute
        #expect(abs(RoadNetwork.greatCircleKm(counties[0], counties[1]) - circle) < 1e-6)
    }

    @Test("road_factor and road_kmh scale the estimate")
    func factorAndSpeed() {
        let roads = RoadNetwork(counties: counties, overrides: [], roadFactor: 1.5, roadKmh: 40)
        let km = greatCircleKm(33.31, 111.47, 32.38, 113.43) * 1.5
        #expect(abs(roads.km(xixia, tongbai) - km) < 1e-6)
        #expect(abs(roads.minutes(xixia, tongbai) - km / 40 * 60) < 1e-6)
    }

    @Test("A travel.csv row overrides the estimate in both directions and leaves other pairs alone")
    func overrideIsSymmetric() {
        let roads = RoadNetwork(counties: counties,
                                overrides: [TravelOverride(from: tanghe, to: tongbai, km: 95, minutes: 110)],
                                roadFactor: 1.3, roadKmh: 60)
        #expect(roads.km(tanghe, tongbai) == 95)
        #expect(roads.km(tongbai, tanghe) == 95)
        #expect(roads.minutes(tanghe, tongbai) == 110)
        #expect(roads.minutes(tongbai, tanghe) == 110)
        #expect(abs(roads.km(xixia, tongbai) - FixtureRoads.km(xixia, tongbai)) < 1e-6)
    }

    @Test("The scenario's settings feed the road network")
    func fromScenario() {
        var s = TinyScenario.scenario
        s.settings.roadFactor = 1.0
        s.travel = [TravelOverride(from: xixia, to: tanghe, km: 160, minutes: 140)]
        let roads = RoadNetwork(scenario: s)
        #expect(abs(roads.km(tanghe, tongbai) - greatCircleKm(32.68, 112.81, 32.38, 113.43)) < 1e-6)
        #expect(roads.minutes(tanghe, xixia) == 140)
    }
}
