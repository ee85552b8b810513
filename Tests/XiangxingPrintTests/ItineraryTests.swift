import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingPrint

/// The demo scenario, a hand-made plan on it for exact assertions, and the
/// planner's own plan of the demo for the real thing.
enum ItineraryFixtures {
    static let scenarioFolder: URL = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        return dir.appendingPathComponent("scenarios/nanyang-2019")
    }()

    static let index: ScenarioIndex = {
        switch ScenarioReader.read(folder: scenarioFolder) {
        case .success(let loaded): return ScenarioIndex(loaded.scenario)
        case .failure(let problems): fatalError("the demo scenario does not read: \(problems)")
        }
    }()

    /// The planner's plan of the demo (seed 1).
    static let demoPlan: Plan = Plan(sessions: Planner(index: index).run(PlannerOptions(seed: 1)).sessions)

    static func day(_ iso: String) -> Day { Day(iso: iso)! }
    static func days(_ isos: String...) -> [Day] { isos.map(day) }

    /// T001 单志刚 (home 南召县 411321), in September 2019:
    /// - D060-2: 创业意识培训 in 镇平县, Fri 6th, Mon 9th, Tue 10th (skips a weekend), alone;
    /// - D050-1: 创业能力提升培训 in 唐河县, 16th–20th, with T005 曾晓梅;
    /// - two stops of team 1 of the September tour with T007 王霞: 镇平县 on
    ///   Mon 23rd, 内乡县 on Tue 24th (the road between them is stop to stop);
    /// - a class of T009 only, which is not T001's.
    /// Between the 10th and the 16th lie the 11th, 12th (working), the 13th
    /// (中秋节) and a weekend: 2 free working days.
    static func handMadePlan(capabilityDates: [Day]? = nil) -> Plan {
        Plan(sessions: [
            Session(id: "D050-1", type: .trainingClass, kind: "capability", county: "411328", venue: "TH-1",
                    dates: capabilityDates ?? days("2019-09-16", "2019-09-17", "2019-09-18", "2019-09-19", "2019-09-20"),
                    trainers: ["T001", "T005"], ref: "D050", attendees: 30),
            Session(id: "XCX-2019-09@411325", type: .tourStop, kind: "village-tour", county: "411325", venue: "NX-1",
                    dates: days("2019-09-24"), trainers: ["T007", "T001"], ref: "XCX-2019-09", team: 1, attendees: 120),
            Session(id: "D060-2", type: .trainingClass, kind: "awareness", county: "411324", venue: "ZP-1",
                    dates: days("2019-09-06", "2019-09-09", "2019-09-10"), trainers: ["T001"], ref: "D060", attendees: 25),
            Session(id: "XCX-2019-09@411324", type: .tourStop, kind: "village-tour", county: "411324", venue: "ZP-2",
                    dates: days("2019-09-23"), trainers: ["T001", "T007"], ref: "XCX-2019-09", team: 1, attendees: 150),
            Session(id: "D070-1", type: .trainingClass, kind: "awareness", county: "411302", venue: "WC-1",
                    dates: days("2019-09-16", "2019-09-17", "2019-09-18"), trainers: ["T009"], ref: "D070", attendees: 25),
        ])
    }

    static var single: Itinerary { Itinerary(trainer: "T001", plan: handMadePlan(), index: index)! }

    /// The demo trainer with the most engagements among those who have a
    /// co-trainer somewhere.
    static var busiest: Itinerary {
        Itinerary.all(plan: demoPlan, index: index)
            .filter { $0.engagements.contains { !$0.coTrainers.isEmpty } }
            .max { ($0.engagements.count, $1.trainer.id) < ($1.engagements.count, $0.trainer.id) }!
    }
}

@Suite struct ItineraryTests {
    typealias F = ItineraryFixtures

    @Test func engagementsComeInDateOrderWithNamesAddressesAndCoTrainers() {
        let it = F.single
        #expect(it.trainer == .init(id: "T001", name: "单志刚"))
        #expect(it.home == .init(code: "411321", name: "南召县"))
        #expect(it.engagements.map(\.sessionID) == ["D060-2", "D050-1", "XCX-2019-09@411324", "XCX-2019-09@411325"])
        let capability = it.engagements[1]
        #expect(capability.county.name == "唐河县")
        #expect(capability.kindName == "创业能力提升培训")
        #expect(capability.venueName == F.index.venues["TH-1"]!.name)
        #expect(capability.venueAddress == F.index.venues["TH-1"]!.address)
        #expect(capability.coTrainers.map(\.name) == ["曾晓梅"])
        #expect(it.engagements[0].coTrainers.isEmpty)
        #expect(it.engagements[2].tourName == "2019年创业讲师乡村行" && it.engagements[2].team == 1)
        #expect(it.engagements[3].coTrainers.map(\.id) == ["T007"])
        #expect(it.teachingDays == 3 + 5 + 1 + 1)
    }

    @Test func legsGoFromHomeUnlessTheEngagementBeforeEndedTheDayBefore() {
        let it = F.single, roads = F.index.roads
        let (awareness, capability, zhenping, neixiang) = (it.engagements[0], it.engagements[1], it.engagements[2], it.engagements[3])
        #expect(awareness.arrival.fromHome && awareness.arrival.km == roads.km("411321", "411324"))
        #expect(awareness.departure?.toHome == true && awareness.departure?.to.code == "411321")
        #expect(capability.arrival.minutes == roads.minutes("411321", "411328"))
        // Friday 20th, then Monday 23rd: home over the weekend.
        #expect(zhenping.arrival.fromHome)
        // 23rd in 镇平县, 24th in 内乡县: no night at home, stop to stop.
        #expect(zhenping.departure == nil)
        #expect(!neixiang.arrival.fromHome && neixiang.arrival.from.code == "411324" && neixiang.arrival.to.code == "411325")
        #expect(neixiang.arrival.km == roads.km("411324", "411325") && neixiang.arrival.km > 0)
        #expect(neixiang.departure?.from.code == "411325" && neixiang.departure?.to.code == "411321")
        let expected = 2 * roads.km("411321", "411324") + 2 * roads.km("411321", "411328")
            + roads.km("411321", "411324") + roads.km("411324", "411325") + roads.km("411325", "411321")
        #expect(abs(it.km - expected) < 1e-9)
    }

    @Test func freeWorkingDaysBetweenEngagementsSkipWeekendsAndTheMidAutumnHoliday() {
        let it = F.single
        #expect(it.engagements.map(\.freeWorkingDaysBefore) == [nil, 2, 0, 0])
        #expect(!it.engagements[0].isContiguous && it.engagements[1].isContiguous)
    }

    @Test func withinOneCountyTheRoadIsZero() {
        // T009 lives in 宛城区 and teaches there.
        let it = Itinerary(trainer: "T009", plan: F.handMadePlan(), index: F.index)!
        #expect(it.engagements.count == 1)
        #expect(it.km == 0 && it.engagements[0].arrival.minutes == 0)
    }

    @Test func unknownTrainerHasNoItineraryAndAnIdleOneAnEmptyOne() {
        #expect(Itinerary(trainer: "T999", plan: F.handMadePlan(), index: F.index) == nil)
        let idle = Itinerary(trainer: "T002", plan: F.handMadePlan(), index: F.index)!
        #expect(idle.engagements.isEmpty && idle.km == 0)
        #expect(Itinerary.all(plan: F.handMadePlan(), index: F.index).count == F.index.scenario.trainers.count)
    }

    @Test func theDemoPlanGivesEveryBookedTrainerDaySorted() {
        let all = Itinerary.all(plan: F.demoPlan, index: F.index)
        let booked = F.demoPlan.sessions.reduce(0) { $0 + $1.dates.count * $1.trainers.count }
        #expect(all.reduce(0) { $0 + $1.teachingDays } == booked)
        for it in all {
            let firsts = it.engagements.map(\.first)
            #expect(firsts == firsts.sorted(), "\(it.trainer.id) out of order")
        }
        #expect(F.busiest.engagements.count >= 4)
    }
}
