import XiangxingCore

/// A trainer's road travel exactly as SCENARIO.md scores a plan, one place
/// for every printout that shows km (itinerary, tour sheet), so a trainer
/// reads the same figure for the same trip everywhere:
/// - a training class: home → county → home, once per class;
/// - a tour team: home → first stop → … → last stop (in date order) → home,
///   even when days (a weekend) lie between two stops.
///
///     TrainerTravel.km(trainer: "T001", sessions: plan.sessions, index: index)  // 465.2
///
/// Summed over all trainers it is the plan's `travel_km` (`TravelCost`).
public enum TrainerTravel {
    /// How the trainer gets to one session and whether they drive home after it.
    public struct Route: Hashable, Sendable {
        /// The county driven from: nil for home, else the previous stop of
        /// the same tour team.
        public var from: String?
        /// False only for a tour stop with a later stop of the same team.
        public var returnsHome: Bool
    }

    /// The route to each of the trainer's sessions, by session id.
    public static func routes(trainer: String, sessions: [Session]) -> [String: Route] {
        var routes: [String: Route] = [:]
        var teams: [String: [Session]] = [:]
        for s in sessions where s.trainers.contains(trainer) {
            switch s.type {
            case .trainingClass: routes[s.id] = Route(from: nil, returnsHome: true)
            case .tourStop: teams["\(s.ref)\u{1F}\(s.team ?? 0)", default: []].append(s)
            }
        }
        for stops in teams.values {
            let ordered = stops.sorted { ($0.dates.min() ?? Day(ordinal: 0), $0.id) < ($1.dates.min() ?? Day(ordinal: 0), $1.id) }
            for (i, s) in ordered.enumerated() {
                routes[s.id] = Route(from: i == 0 ? nil : ordered[i - 1].county, returnsHome: i == ordered.count - 1)
            }
        }
        return routes
    }

    /// The trainer's road km over `sessions` (pass one team's stops for the
    /// km of that tour alone).
    public static func km(trainer: String, sessions: [Session], index: ScenarioIndex) -> Double {
        guard let home = index.trainers[trainer]?.homeCounty else { return 0 }
        let byID = Dictionary(sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        var km = 0.0
        // Sorted, so the sum is the same bits on every run.
        for (id, route) in routes(trainer: trainer, sessions: sessions).sorted(by: { $0.key < $1.key }) {
            guard let s = byID[id] else { continue }
            km += index.roads.km(route.from ?? home, s.county)
            if route.returnsHome { km += index.roads.km(s.county, home) }
        }
        return km
    }
}
