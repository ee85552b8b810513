import Testing
@testable import XiangxingCore

/// `diff` must reach the people in a class that moves: a class of 32 in
/// 唐河县 moved to another venue is 32 people to tell, not 0.
@Suite struct PlanDiffTests {
    static func d(_ iso: String) -> Day { Day(iso: iso)! }
    static let ids = (0..<32).map { "41132819900101" + String(1000 + $0) }

    static func plan(venue: String, dates: [String], seated: [String] = ids, trainers: [String] = ["T009"]) -> Plan {
        Plan(sessions: [
            Session(id: "D007-1", type: .trainingClass, kind: "SYB", county: "411328", venue: venue, dates: dates.map(d),
                    trainers: trainers, ref: "D007", attendees: seated.count),
            Session(id: "D008-1", type: .trainingClass, kind: "SYB", county: "411302", venue: "WC-1", dates: [d("2019-05-06")],
                    trainers: ["T010"], ref: "D008", attendees: 0),
        ], assignments: ["D007-1": seated, "D008-1": []])
    }

    @Test func aClassOf32MovedToAnotherVenueIs32AttendeesToTell() {
        let diff = PlanDiff(old: Self.plan(venue: "TH-1", dates: ["2019-05-06", "2019-05-07"]),
                            new: Self.plan(venue: "TH-2", dates: ["2019-05-06", "2019-05-07"]))
        #expect(diff.attendeesMoved == ["411328": 32])
        #expect(diff.attendeeNotices.count == 32)
        #expect(diff.attendeeNotices.allSatisfy { $0.reason == .classChanged(dates: false, venue: true) && $0.county == "411328" })
        #expect(diff.attendeeNotices.map(\.idNumber) == Self.ids)
    }

    @Test func newDatesLostSeatsAndATrainerOnlyChangeAreTellApart() {
        let old = Self.plan(venue: "TH-1", dates: ["2019-05-06", "2019-05-07"])
        let redated = PlanDiff(old: old, new: Self.plan(venue: "TH-1", dates: ["2019-05-13", "2019-05-14"], seated: Array(Self.ids.prefix(30))))
        #expect(redated.attendeesMoved["411328"] == 32)
        #expect(redated.attendeeNotices.filter { $0.reason == .classChanged(dates: true, venue: false) }.count == 30)
        #expect(redated.attendeeNotices.filter { $0.reason == .seatLost }.map(\.idNumber) == Array(Self.ids.suffix(2)))
        // Only the trainer changes: the class meets where and when it did; nobody enrolled needs a call.
        let restaffed = PlanDiff(old: old, new: Self.plan(venue: "TH-1", dates: ["2019-05-06", "2019-05-07"], trainers: ["T016"]))
        #expect(restaffed.attendeeNotices.isEmpty && restaffed.attendeesMoved.isEmpty)
        #expect(restaffed.byTrainer.keys.sorted() == ["T009", "T016"])
    }

    @Test func withoutAttendeesTheClassPlannedAttendanceIsCounted() {
        var old = Self.plan(venue: "TH-1", dates: ["2019-05-06"]), new = Self.plan(venue: "TH-2", dates: ["2019-05-06"])
        old.assignments = nil; new.assignments = nil
        #expect(PlanDiff(old: old, new: new).attendeesMoved == ["411328": 32])
    }
}
