import Foundation
import Testing
import XiangxingCore
import XiangxingPrint

/// A re-plan takes 单志刚 (T001) off his 镇平县 class D060-2 (given to 解红伟,
/// T009) and moves his 唐河县 class D050-1 to October: his new calendar must
/// cancel the first on his phone and move the second, and his papers must
/// say 已取消.
@Suite struct ItineraryHistoryTests {
    typealias F = ItineraryFixtures
    /// Version 1 saved 2019-09-01T08:30Z, version 2 a day later.
    static let v1Saved = 1_567_326_600, v2Saved = 1_567_326_600 + 86_400

    static var v2Plan: Plan {
        var plan = F.handMadePlan(capabilityDates: F.days("2019-10-14", "2019-10-15", "2019-10-16", "2019-10-17", "2019-10-18"))
        plan.sessions = plan.sessions.map { s in
            var s = s
            if s.id == "D060-2" { s.trainers = ["T009"] }
            return s
        }
        return plan
    }
    static var history: [ItineraryVersion] { [ItineraryVersion(number: 1, revised: v1Saved, itinerary: F.single)] }
    static var v2: Itinerary {
        var it = Itinerary(trainer: "T001", index: F.index, plan: v2Plan).noting(earlier: history, version: 2)
        it.edition = PrintEdition(version: 2, planRevised: v2Saved, printed: v2Saved + 3600)
        return it
    }

    @Test(.enabled(if: PythonICalendar.available, Comment(rawValue: PythonICalendar.missing)))
    func aDroppedEngagementIsSentCancelledWithAHigherSequenceAndAMovedOneWithAHigherSequence() throws {
        var first = F.single
        first.edition = PrintEdition(version: 1, planRevised: Self.v1Saved, printed: Self.v1Saved)
        let before = try PythonICalendar.parse(try ItineraryCalendar.text(first, revised: Self.v1Saved))
        let after = try PythonICalendar.parse(try ItineraryCalendar.text(Self.v2, revised: Self.v2Saved, earlier: Self.history))
        func event(_ cal: PythonICalendar.Calendar, _ session: String) throws -> PythonICalendar.Event {
            try #require(cal.events.first { $0.uid == "\(session).T001@xiangxing" })
        }
        // Every UID the phone holds is in the new file.
        #expect(Set(before.events.map(\.uid)).isSubset(of: Set(after.events.map(\.uid))))

        let dropped = (try event(before, "D060-2"), try event(after, "D060-2"))
        #expect(dropped.0.status == "CONFIRMED")
        #expect(dropped.1.status == "CANCELLED")
        #expect(dropped.1.sequence > dropped.0.sequence)
        #expect(dropped.1.start == "2019-09-06")          // the dates the phone shows, so it finds the event
        #expect(dropped.1.summary.hasPrefix("已取消："))
        #expect(dropped.1.description.contains("自排课计划第2版起，本项任务不再由您承担，请勿前往"))

        let moved = (try event(before, "D050-1"), try event(after, "D050-1"))
        #expect(moved.1.status == "CONFIRMED" && moved.1.start == "2019-10-14")
        #expect(moved.1.sequence > moved.0.sequence)
        #expect(moved.1.description.contains("安排依据：排课计划第2版"))

        // An engagement that did not change keeps its SEQUENCE: nothing to re-import.
        let same = (try event(before, "XCX-2019-09@411325"), try event(after, "XCX-2019-09@411325"))
        #expect(same.1.sequence == same.0.sequence)
        #expect(same.1.description.contains("安排依据：排课计划第1版"))
        #expect(after.events.count == before.events.count)
    }

    @Test func sequenceGrowsInEveryVersionInWhichTheEventChangedAndOnlyThen() throws {
        // v1 has D060-2, v2 drops it, v3 (saved in the same second as v2) gives it back, v4 keeps v3.
        let v3Plan = F.handMadePlan(capabilityDates: F.days("2019-10-14", "2019-10-15", "2019-10-16", "2019-10-17", "2019-10-18"))
        let earlier = Self.history + [ItineraryVersion(number: 2, revised: Self.v2Saved, itinerary: Itinerary(trainer: "T001", index: F.index, plan: Self.v2Plan))]
        func sequence(_ it: Itinerary, _ revised: Int, _ earlier: [ItineraryVersion]) throws -> Int {
            let cal = try ItineraryCalendar.calendar(it, revised: revised, earlier: earlier)
            return try #require(cal.events.first { $0.uid == "D060-2.T001@xiangxing" }).sequence
        }
        let three = Itinerary(trainer: "T001", index: F.index, plan: v3Plan)
        let s1 = try sequence(F.single, Self.v1Saved, [])
        let s2 = try sequence(Self.v2, Self.v2Saved, Self.history)
        let s3 = try sequence(three, Self.v2Saved, earlier)
        let s4 = try sequence(three, Self.v2Saved + 600, earlier + [ItineraryVersion(number: 3, revised: Self.v2Saved, itinerary: three)])
        #expect(s1 < s2 && s2 < s3)
        #expect(s4 == s3)
        let reinstated = try ItineraryCalendar.calendar(three, revised: Self.v2Saved, earlier: earlier).events.first { $0.uid == "D060-2.T001@xiangxing" }
        #expect(reinstated?.status == .confirmed)
    }

    @Test func textListsTheCancelledEngagementAndNamesThePlanVersionAndPrintDate() throws {
        let text = try ItineraryText.text(Self.v2)
        #expect(text.contains("排课计划第2版（2019-09-02 16:30 保存）· 打印于 2019-09-02 17:30"))
        #expect(text.contains("以下任务在此前版本中安排给您，现已取消，请勿前往："))
        #expect(text.contains("已取消：2019年9月6日（星期五）至 9月10日（星期二），共3天 · 镇平县"))
        #expect(text.contains("（期次 D060-2）"))
        #expect(text.contains("（第1版安排，第2版起取消）"))
        #expect(!text.contains("1. 2019年9月6日"))  // no longer one of his engagements
    }

    @Test func pdfHasAnAlreadyCancelledRowAndThePlanVersionOnEveryPage() throws {
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("T001-单志刚.pdf")
            try ItineraryPDF.write([Self.v2], to: url)
            let text = try Fixtures.pages(of: url).joined()
            #expect(text.contains("已取消"))
            #expect(text.contains("D060-2"))
            #expect(text.contains("第1版安排"))
            #expect(text.contains("排课计划第2版"))
            #expect(text.contains("第2版 · 打印于 2019-09-02 17:30"))
        }
    }
}
