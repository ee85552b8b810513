import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport

/// Re-planning in two steps as the office's page does it (propose, look at
/// the cost, publish or discard), the year at a glance, and the downloads.
@Suite struct OfficeReplanTests {
    /// The demo planned, and the first trainer of its first class recorded away on that class's first day.
    static func absence(_ tmp: borrowing TemporaryFolder) throws -> (OfficeStore, Session, String) {
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let session = try #require(saved.output.plan.sessions.first { $0.type == .trainingClass && !$0.trainers.isEmpty })
        let trainer = session.trainers[0]
        _ = try Changes.trainerUnavailable(office, trainer: trainer, from: session.dates[0], through: session.dates[0],
                                           reason: "病假", notice: { _ in })
        return (office, session, trainer)
    }

    @Test func aProposalAfterAnAbsenceSavesNothingAndCostsTheMovedSessionAndItsTrainer() throws {
        let tmp = try TemporaryFolder()
        let (office, session, trainer) = try Self.absence(tmp)
        let proposal = try Proposals.propose(office, notice: { _ in })
        defer { Proposals.discard(proposal) }
        #expect(try office.open().versions().count == 1)
        #expect(proposal.version == 2)
        #expect(proposal.reason.contains("病假"))
        let cost = proposal.cost
        #expect(cost.sessionsChanged >= 1)
        #expect(cost.diff.changes.contains { $0.session == session.id })
        #expect(cost.trainersToTell.contains(trainer))
        #expect(cost.unscheduledBefore == 0)
        #expect(cost.kmBefore > 0 && cost.kmAfter > 0)
        // The moved class no longer has the absent trainer on that day.
        let moved = try #require(proposal.output.plan.sessions.first { $0.id == session.id })
        #expect(!(moved.trainers.contains(trainer) && moved.dates.contains(session.dates[0])))
    }

    @Test func publishingAProposalSavesVersionTwoNamedAfterWhoPublishedIt() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try Self.absence(tmp)
        let proposal = try Proposals.propose(office, notice: { _ in })
        let n = try Proposals.publish(proposal, by: "李桂兰")
        #expect(n == 2)
        let stored = try #require(try office.open().version(2))
        #expect(stored.info.author == "李桂兰")
        #expect(stored.info.parent == 1)
        #expect(stored.plan.sessions == proposal.output.plan.sessions)
        #expect(try Proposals.planning(office) == nil)
    }

    @Test func aChangeRecordedWhileAProposalWaitsMakesItsPublishRefusedAndSavesNothing() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try Self.absence(tmp)
        let proposal = try Proposals.propose(office, notice: { _ in })
        _ = try Changes.closeVenue(office, venue: "TH-1", from: day("2019-10-14"), through: day("2019-10-18"), reason: "装修", notice: { _ in })
        let error = try #require(throws: OfficeError.self) { try Proposals.publish(proposal, by: "李桂兰") }
        let text = error.messages(.zh).joined()
        #expect(text.contains("重排期间又记录了 1 项变动"))
        #expect(text.contains("未保存"))
        #expect(try office.open().versions().count == 1)
        // The lease is given back: a fresh proposal takes the new change in.
        let again = try Proposals.propose(office, notice: { _ in })
        defer { Proposals.discard(again) }
        #expect(again.changes.count == 2)
    }

    @Test func aSecondReplanWhileAProposalWaitsIsRefusedSayingWhoIsPlanningAndDiscardFreesIt() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try Self.absence(tmp)
        let first = try Proposals.propose(office, notice: { _ in })
        let other = OfficeStore(path: office.path, language: .zh, who: "张德胜")
        let error = try #require(throws: OfficeError.self) { try Proposals.propose(other, notice: { _ in }) }
        #expect(error.messages(.zh).joined().contains("正在由 王秀英 重排"))
        #expect(try Proposals.planning(office)?.who == "王秀英")
        Proposals.discard(first)
        #expect(try Proposals.planning(office) == nil)
        let second = try Proposals.propose(other, notice: { _ in })
        #expect(try Proposals.publish(second, by: other.who) == 2)
    }

    @Test func theCLIsReplanStillSavesTheNextVersionAndWritesItsFolder() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try Self.absence(tmp)
        let out = tmp.url.appendingPathComponent("plan-v2").path
        let replanned = try Planning.replan(office, out: out, reason: nil, seed: 1, timeLimit: 60, notice: { _ in })
        #expect(replanned.version == 2)
        #expect(replanned.previous.info.number == 1)
        #expect(FileManager.default.fileExists(atPath: out + "/plan.csv"))
        #expect(try Proposals.planning(office) == nil)
    }

    @Test func theYearAtAGlanceShowsTangheCountysClassesPlannedAgainstDemandedAndItsEnrolment() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let o = try YearOverview.read(office, today: day("2019-09-20"))
        #expect(o.version?.number == 1)
        #expect(o.month == ReportMonth("2019-09"))
        let awareness = try #require(o.rows.first { $0.countyName == "唐河县" && $0.kindName == "创业意识培训" })
        #expect(awareness.demanded == 5)   // D032 (3) + D033 (2)
        #expect(awareness.planned == 5)
        let tanghe = o.rows.filter { $0.countyName == "唐河县" && $0.category == .training }
        #expect(tanghe.reduce(0) { $0 + $1.demanded } == 11)
        #expect(tanghe.reduce(0) { $0 + $1.enrolled } == 342)
        #expect(tanghe.reduce(0) { $0 + $1.seated } == 342)
        let tour = try #require(o.rows.first { $0.countyName == "唐河县" && $0.category == .mentoring })
        #expect(tour.planned == tour.demanded && tour.planned > 0)
        let city = try #require(o.progress.first { $0.county == ReportRow.cityTotal && $0.row.category == .training })
        #expect(city.row.target == 3500)
        #expect(city.row.plannedYear == 3491)
        #expect(o.progress.filter { $0.county != ReportRow.cityTotal }.count == 34)
    }

    @Test func theYearAtAGlanceShowsADemandAddedSinceThePlanAsWantedButNotPlanned() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        _ = try Changes.addDemand(office, id: "D900", county: "唐河县", kind: "创业意识培训", classes: 1,
                                  earliest: day("2019-10-08"), latest: day("2019-11-29"), notice: { _ in })
        let o = try YearOverview.read(office, today: day("2019-09-20"))
        let awareness = try #require(o.rows.first { $0.countyName == "唐河县" && $0.kindName == "创业意识培训" })
        #expect(awareness.demanded == 6)
        #expect(awareness.planned == 5)
        #expect(awareness.isShort)
    }

    @Test func theDownloadsAreWholeFilesNamedInChineseAndLeaveNoTemporaryFolderBehind() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let before = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("xiangxing-download-") }
        let csv = try OfficeDownloads.report(office, month: try #require(ReportMonth("2019-09")), format: .csv)
        #expect(csv.name == "返乡创业情况统计表-2019-09.csv")
        #expect(String(decoding: csv.bytes, as: UTF8.self).contains("411328"))
        let sheets = try OfficeDownloads.rosters(office, county: "唐河县")
        #expect(sheets.name == "签到表-唐河县.pdf")
        #expect(sheets.bytes.starts(with: Array("%PDF".utf8)))
        let targets = try OfficeDownloads.targets(office, format: .xlsx)
        #expect(targets.name == "任务分解表.xlsx")
        #expect(targets.bytes.starts(with: [0x50, 0x4B]))
        let tours = try OfficeDownloads.tourSheets(office)
        #expect(tours.bytes.starts(with: Array("%PDF".utf8)))
        let after = try FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory()).filter { $0.hasPrefix("xiangxing-download-") }
        #expect(Set(after).subtracting(before).isEmpty)
    }

    @Test func aPinNamesTrainersByNameAndADateThatIsNoDateIsRefusedNamingTheField() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let session = try #require(saved.output.plan.sessions.first { $0.type == .trainingClass })
        let names = try office.open().currentScenario()!.trainers.filter { session.trainers.contains($0.id) }.map(\.name)
        let event = try Changes.pin(office, session: session.id, dates: nil, trainers: names, venue: nil, reason: "讲师已通知学员", notice: { _ in })
        #expect(event.who == "王秀英")
        #expect(event.description.zh.contains(session.id))
        let error = try #require(throws: OfficeError.self) { try Changes.dates("2019-05-22；2019-13-40", field: "日期", .zh) }
        #expect(error.messages(.zh).joined() == "日期：“2019-13-40”不是 YYYY-MM-DD 日期")
        #expect(try Changes.log(office).first?.description.zh.contains(session.id) == true)
    }
}
