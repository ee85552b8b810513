import Foundation
import Testing
import XiangxingCore
import XiangxingIO

/// Re-planning after a change: only what the change touches moves, pins
/// hold, and the result still keeps every rule.
@Suite("Re-planning the demo")
struct ReplanTests {
    /// The demo plan, the trainer busiest in September, and three of their September dates.
    static func setUp() throws -> (ScenarioIndex, PlannerResult, String, [Day]) {
        let x = try PlannerTests.load(demoScenario("nanyang-2019"))
        let first = Planner(index: x).run(PlannerOptions(seed: 1))
        var days: [String: [Day]] = [:]
        for s in first.sessions { for t in s.trainers { days[t, default: []] += s.dates.filter { $0.month == 9 } } }
        let busiest = try #require(days.max { ($0.value.count, $1.key) < ($1.value.count, $0.key) })
        return (x, first, busiest.key, Array(busiest.value.sorted().prefix(3)))
    }

    /// The scenario with the trainer blocked on those dates.
    static func blocking(_ x: ScenarioIndex, _ trainer: String, _ dates: [Day]) -> ScenarioIndex {
        var s = x.scenario
        let i = s.trainers.firstIndex { $0.id == trainer }!
        s.trainers[i].blocked.formUnion(dates)
        return ScenarioIndex(s)
    }

    @Test("a trainer unavailable for three September days moves only the sessions they had on those days")
    func unavailableTrainerMovesOnlyTheirSessions() throws {
        let (x, first, trainer, dates) = try Self.setUp()
        let changed = Self.blocking(x, trainer, dates)
        let baseline = ReplanBaseline(sessions: first.sessions, assignments: first.assignments)
        let second = Planner(index: changed).run(PlannerOptions(seed: 1, baseline: baseline))
        let plan = Plan(sessions: second.sessions, assignments: second.assignments, unscheduled: [])
        let report = PlanChecker.check(plan, against: changed)
        #expect(report.breaches.isEmpty, "\(report.breaches.prefix(3))")
        #expect(second.unscheduled.count <= first.unscheduled.count)
        // Which sessions changed at all?
        let before = Dictionary(first.sessions.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let moved = second.sessions.filter { s in
            guard let o = before[s.id] else { return true }
            return o.dates != s.dates || Set(o.trainers) != Set(s.trainers) || o.venue != s.venue
        }
        let touched = Set(first.sessions.filter { $0.trainers.contains(trainer) && !Set($0.dates).isDisjoint(with: dates) }.map(\.id))
        #expect(!touched.isEmpty)
        for s in moved {
            // A moved session is one the trainer had on those days, or a stop of the same tour team.
            let o = before[s.id]
            let sameTeam = o.map { o in o.type == .tourStop && first.sessions.contains { touched.contains($0.id) && $0.ref == o.ref && $0.team == o.team } } ?? false
            #expect(touched.contains(s.id) || sameTeam, "\(s.id) moved without reason")
        }
        #expect(!second.sessions.contains { $0.trainers.contains(trainer) && !Set($0.dates).isDisjoint(with: dates) })
        #expect(second.disruption.sessionsDropped == 0)
        #expect(second.disruption.attendeesMoved == 0)
    }

    @Test("a pinned date and a pinned trainer on one class are both kept while its venue may move")
    func pinnedDatesAndTrainerHoldVenueFree() throws {
        let (x, first, _, _) = try Self.setUp()
        // A 唐河县 class with another venue of the county free and large enough on its dates.
        let target = try #require(first.sessions.first { c in
            c.type == .trainingClass && c.county == "411328" && x.scenario.venues.contains { v in
                v.id != c.venue && v.county == c.county && v.seats >= c.attendees && v.blocked.isDisjoint(with: c.dates)
                    && !first.sessions.contains { $0.venue == v.id && !Set($0.dates).isDisjoint(with: c.dates) }
            }
        })
        // Close the class's venue on its first date: the venue must move, dates and trainer must not.
        var s = x.scenario
        let v = s.venues.firstIndex { $0.id == target.venue }!
        s.venues[v].blocked.insert(target.dates[0])
        let changed = ScenarioIndex(s)
        let pins = [target.id: SessionPins(dates: target.dates, trainers: target.trainers)]
        let baseline = ReplanBaseline(sessions: first.sessions, assignments: first.assignments, pins: pins)
        let second = Planner(index: changed).run(PlannerOptions(seed: 1, baseline: baseline))
        let after = try #require(second.sessions.first { $0.id == target.id })
        #expect(after.dates == target.dates)
        #expect(Set(after.trainers) == Set(target.trainers))
        #expect(after.venue != target.venue)
        #expect(changed.venues[after.venue]?.county == "411328")
        let plan = Plan(sessions: second.sessions, assignments: second.assignments, unscheduled: [])
        #expect(PlanChecker.check(plan, against: changed).breaches.isEmpty)
        #expect(second.disruption.venuesChanged == 1)
        #expect(second.disruption.datesChanged == 0 && second.disruption.trainersChanged == 0)
    }

    @Test("nothing changed, nothing moves")
    func unchangedScenarioReplansIdentically() throws {
        let (x, first, _, _) = try Self.setUp()
        let second = Planner(index: x).run(PlannerOptions(seed: 9, baseline: ReplanBaseline(sessions: first.sessions, assignments: first.assignments)))
        #expect(second.sessions == first.sessions)
        #expect(second.assignments == first.assignments)
        #expect(second.disruption.total == 0)
    }
}
