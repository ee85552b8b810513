import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingPrint

/// The demo scenario and its plan (seed 1), made once for the tour-sheet tests.
enum PlannedDemo {
    struct Planned: Sendable {
        let scenario: Scenario
        let sessions: [Session]
    }

    static let planned: Planned? = {
        var dir = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
            dir = dir.deletingLastPathComponent()
        }
        guard case .success(let loaded) = ScenarioReader.read(folder: dir.appendingPathComponent("scenarios/nanyang-2019")) else {
            return nil
        }
        let result = Planner(index: ScenarioIndex(loaded.scenario)).run(PlannerOptions(seed: 1))
        return Planned(scenario: loaded.scenario, sessions: result.sessions)
    }()

    static func get() throws -> Planned { try #require(planned, "the demo scenario did not read") }
}

@Suite struct TourSheetPDFTests {
    /// The September tour's team with the most stops.
    static func busiestTeam(_ p: PlannedDemo.Planned) throws -> TourSheetInput {
        let tour = try #require(p.scenario.tours.first { $0.id == "XCX-2019-09" })
        let teams = Set(p.sessions.filter { $0.ref == tour.id }.compactMap(\.team))
        return teams.map { TourSheetInput(tour: tour, team: $0, sessions: p.sessions, scenario: p.scenario) }
            .max { ($0.stops.count, -$0.team) < ($1.stops.count, -$1.team) }!
    }

    @Test func aTeamSheetShowsTrainersStopsInDateOrderAndTotals() throws {
        let p = try PlannedDemo.get()
        let input = try Self.busiestTeam(p)
        let own = p.sessions.filter { $0.ref == "XCX-2019-09" && $0.team == input.team }.sorted { $0.dates[0] < $1.dates[0] }
        #expect(input.stops.map(\.sessionID) == own.map(\.id))
        #expect(input.totalMentees == own.reduce(0) { $0 + $1.attendees })
        #expect(input.totalDays == own.reduce(0) { $0 + $1.dates.count })

        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("行程单.pdf")
            try TourSheetPDF.write([input], to: url)
            let pages = try Fixtures.pages(of: url)
            let text = pages.joined()
            #expect(text.contains("2019年创业讲师乡村行 第\(input.team)组 行程单"))
            for trainer in own[0].trainers {
                let name = try #require(p.scenario.trainers.first { $0.id == trainer }?.name)
                #expect(text.contains(name), "trainer \(name)")
            }
            // County names of the stops table, in date order.
            let table = try #require(text.range(of: "二、行程安排")).upperBound
            var cursor = table
            for stop in input.stops {
                let short = String(stop.countyName.prefix(4))  // a long name wraps inside its cell
                let found = try #require(text.range(of: short, range: cursor..<text.endIndex), "\(stop.countyName) after the previous stop")
                cursor = found.upperBound
            }
            let totals = try #require(text.split(separator: "\n").first { $0.contains("合计") })
            #expect(totals.contains(String(input.totalMentees)), "\(totals)")
            #expect(totals.contains("共\(input.stops.count)站，\(input.totalDays)天"))
            #expect(totals.contains(String(format: "%.0f公里", input.routeKm)))
            #expect(text.contains("首站"))
            #expect(text.contains("小组负责人（签字）"))
            #expect(text.contains("第1页 共\(pages.count)页"))
            // One seal box per stop, labelled with its stop.
            #expect(text.contains("三、接待单位签章"))
            for (i, stop) in input.stops.enumerated() { #expect(text.contains("第\(i + 1)站 \(stop.countyName.prefix(3))"), "stamp box \(i + 1)") }
            #expect(!text.contains("\u{FFFD}"))
        }
    }

    @Test func roadsAreTheRoadNetworksBetweenConsecutiveStopsAndRoundTripsIncludeHome() throws {
        let p = try PlannedDemo.get()
        let input = try Self.busiestTeam(p)
        let roads = RoadNetwork(scenario: p.scenario)
        let own = p.sessions.filter { $0.ref == "XCX-2019-09" && $0.team == input.team }.sorted { $0.dates[0] < $1.dates[0] }
        #expect(input.stops.first?.fromPrevious == nil)
        for (stop, (a, b)) in zip(input.stops.dropFirst(), zip(own, own.dropFirst())) {
            #expect(stop.fromPrevious?.km == roads.km(a.county, b.county))
            #expect(stop.fromPrevious?.minutes == roads.minutes(a.county, b.county))
        }
        for (member, id) in zip(input.members, own[0].trainers) {
            let home = try #require(p.scenario.trainers.first { $0.id == id }).homeCounty
            let expected = roads.km(home, own.first!.county) + input.routeKm + roads.km(own.last!.county, home)
            #expect(abs(member.roundTripKm - expected) < 1e-6)
        }
    }

    @Test func aLongTourRunsOverPagesRepeatingTheTitleAndTableHeader() throws {
        let stops = (0..<30).map { i in
            TourSheetStop(sessionID: "T@\(i)", dates: Fixtures.weekdays(2 + i % 2).map { $0.advanced(by: 7 * i) },
                          countyName: ["唐河县", "南阳高新技术产业开发区", "桐柏县"][i % 3],
                          venueName: "第\(i + 1)站便民服务中心会议室", venueAddress: "河南省南阳市某县某镇中心街\(i + 1)号",
                          mentees: 100 + i, fromPrevious: i == 0 ? nil : .init(km: 40 + Double(i), minutes: 50 + Double(i)))
        }
        let input = TourSheetInput(title: "2019年创业讲师乡村行 第3组 行程单", tourID: "T", tourName: "2019年创业讲师乡村行", team: 3,
                                   members: [TourSheetMember(name: "王建国", homeCountyName: "唐河县", phone: "13800000000", roundTripKm: 1234)],
                                   stops: stops)
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("long.pdf")
            try TourSheetPDF.write([input, input], to: url)
            let pages = try Fixtures.pages(of: url)
            #expect(pages.count >= 4 && pages.count % 2 == 0)
            let perTeam = pages.count / 2
            let totalsPage = try #require(pages.firstIndex { $0.contains("合计") })
            for (i, page) in pages.enumerated() {
                let n = i % perTeam + 1
                #expect(page.contains("第\(n)页 共\(perTeam)页"), "page \(i + 1)")
                if i % perTeam <= totalsPage { #expect(page.contains("场地及地址"), "table header on page \(i + 1)") }
                #expect(page.contains(n == 1 ? "第3组 行程单" : "第3组 行程单（续）"))
            }
            #expect(pages[totalsPage].contains(String((0..<30).reduce(0) { $0 + 100 + $1 })))
            #expect(pages[perTeam - 1].contains("第30站"))
            #expect(pages[perTeam - 1].contains("小组负责人（签字）"))
        }
    }

    @Test func aTrainersKmIsTheSameOnTheTourSheetTheItineraryAndInTheScore() throws {
        // The tour sheet counts home → stops → home; the itinerary used to
        // send the trainer home between stops a weekend apart (465 vs 563 km).
        let p = try PlannedDemo.get()
        let index = ScenarioIndex(p.scenario)
        let plan = Plan(sessions: p.sessions)
        var total = 0.0
        for trainer in p.scenario.trainers {
            let it = try #require(Itinerary(trainer: trainer.id, plan: plan, index: index))
            #expect(abs(it.km - TrainerTravel.km(trainer: trainer.id, sessions: p.sessions, index: index)) < 1e-6, "\(trainer.id)")
            total += it.km
        }
        #expect(abs(total - TravelCost.km(of: p.sessions, in: index)) < 1e-6)
        var compared = 0
        for tour in p.scenario.tours {
            for team in Set(p.sessions.filter { $0.ref == tour.id }.compactMap(\.team)) {
                let sheet = TourSheetInput(tour: tour, team: team, sessions: p.sessions, scenario: p.scenario, index: index)
                let stops = Set(sheet.stops.map(\.sessionID))
                for (member, id) in zip(sheet.members, p.sessions.first { stops.contains($0.id) }!.trainers) {
                    let it = try #require(Itinerary(trainer: id, plan: plan, index: index))
                    let legs = it.engagements.filter { stops.contains($0.sessionID) }.reduce(0) { $0 + $1.km }
                    #expect(abs(legs - member.roundTripKm) < 1e-6, "\(tour.id) team \(team) \(member.name): itinerary \(legs), sheet \(member.roundTripKm)")
                    compared += 1
                }
            }
        }
        #expect(compared > 0)
    }

    @Test func sealBoxesTakeAFortyTwoMillimetreCountySeal() throws {
        // 42 mm = 119 pt; the box is measured in the PDF's own drawing.
        let stops = (0..<4).map { i in
            TourSheetStop(sessionID: "T@\(i)", dates: [Day(iso: "2019-09-23")!.advanced(by: i)], countyName: ["镇平县", "内乡县", "淅川县", "西峡县"][i],
                          venueName: "便民服务中心", venueAddress: "", mentees: 100, fromPrevious: i == 0 ? nil : .init(km: 40, minutes: 50))
        }
        let input = TourSheetInput(title: "2019年创业讲师乡村行 第1组 行程单", tourID: "XCX-2019-09", tourName: "2019年创业讲师乡村行", team: 1,
                                   members: [TourSheetMember(name: "单志刚", homeCountyName: "南召县", phone: "138****5678", roundTripKm: 300)],
                                   stops: stops, printed: PrintedFrom(plan: "第2版", on: Day(iso: "2019-09-01")!))
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("行程单.pdf")
            try TourSheetPDF.write([input], to: url)
            let pages = try Fixtures.pages(of: url)
            for page in pages { #expect(page.contains("计划第2版") && page.contains("打印日期 2019-09-01")) }
            // The longest plan line, a plan folder not in the store, is printed whole, not cut to "打印日期 2…".
            var unstored = input
            unstored.printed = PrintedFrom(plan: "未入库的计划 plan-v1（2019-08-20）", on: Day(iso: "2019-09-01")!)
            let long = dir.appendingPathComponent("行程单-未入库.pdf")
            try TourSheetPDF.write([unstored], to: long)
            for page in try Fixtures.pages(of: long) {
                #expect(page.contains("未入库的计划 plan-v1（2019-08-20）") && page.contains("打印日期 2019-09-01"))
            }
            // The label of box 1 and of box 4 (the next row of three) are a box apart.
            let bbox = try Fixtures.run("pdftotext", ["-bbox", url.path, "-"])
            func corner(_ word: String) -> (x: Double, y: Double)? {
                guard let line = bbox.split(separator: "\n").first(where: { $0.contains(">\(word)<") }),
                      let x = line.firstMatch(of: /xMin="([\d.]+)"/), let y = line.firstMatch(of: /yMin="([\d.]+)"/) else { return nil }
                return (Double(x.1)!, Double(y.1)!)
            }
            let first = try #require(corner("第1站")), second = try #require(corner("第2站")), fourth = try #require(corner("第4站"))
            // In points: a box is as wide as the distance between two labels of
            // a row, and as tall as one row of boxes less its 16 pt label line.
            #expect(second.x - first.x >= 119, "stamp box \(second.x - first.x) pt wide")
            #expect(fourth.y - first.y - 16 >= 119, "stamp box \(fourth.y - first.y - 16) pt tall")
            _ = try Fixtures.run("pdftoppm", ["-png", "-r", "60", url.path, dir.appendingPathComponent("page").path])
        }
    }
}

