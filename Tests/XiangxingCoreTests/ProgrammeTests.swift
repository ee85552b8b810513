import Testing
@testable import XiangxingCore

@Suite struct ProgrammeTests {
    @Test func cityTrainingTargetOf3500AddsUpExactlyOver17Counties() {
        // Weights like the demo's: uneven, with remainders to hand out.
        let weights = [338, 307, 156, 283, 191, 315, 156, 191, 160, 342, 219, 156, 408, 95, 61, 60, 62].map { $0 * 7 + 3 }
        let shares = TargetDecomposition.split(3500, weights: weights)
        #expect(shares.count == 17)
        #expect(shares.reduce(0, +) == 3500)
        let sum = weights.reduce(0, +)
        for (w, s) in zip(weights, shares) { #expect(s == 3500 * w / sum || s == 3500 * w / sum + 1) }
    }

    @Test func handComputationOnThreeCounties() {
        // 唐河县 5, 桐柏县 3, 西峡县 2 of 100 → quotas 50, 30, 20: no remainder.
        #expect(TargetDecomposition.split(100, weights: [5, 3, 2]) == [50, 30, 20])
        // 7 over 5, 3, 2: quotas 3.5, 2.1, 1.4 → floors 3, 2, 1 (6); the one missing
        // person-time goes to the largest remainder, 唐河县's 0.5.
        #expect(TargetDecomposition.split(7, weights: [5, 3, 2]) == [4, 2, 1])
        // 8: 4.0, 2.4, 1.6 → 4, 2, 1 and the remaining one to 西峡县 (0.6 > 0.4).
        #expect(TargetDecomposition.split(8, weights: [5, 3, 2]) == [4, 2, 2])
    }

    @Test func tiesGoToTheLargerWeightThenToTheCountyListedFirst() {
        // Equal weights, 10 over 3: all remainders equal, the first county gets the extra one.
        #expect(TargetDecomposition.split(10, weights: [1, 1, 1]) == [4, 3, 3])
        #expect(TargetDecomposition.split(11, weights: [1, 1, 1]) == [4, 4, 3])
        // 2 over weights 1, 3 (quotas 0.5, 1.5): equal remainders, the larger weight wins.
        #expect(TargetDecomposition.split(2, weights: [1, 3]) == [0, 2])
        // No weight at all: shared equally.
        #expect(TargetDecomposition.split(5, weights: [0, 0]) == [3, 2])
    }

    @Test func aTraineeCountsWhenPresentOnFourOfFiveDays() {
        #expect(Counting.daysRequired(share: 0.8, days: 5) == 4)
        #expect(Counting.daysRequired(share: 0.8, days: 3) == 3)
        #expect(Counting.daysRequired(share: 0.5, days: 3) == 2)
        let dates = days("2019-09-02", "2019-09-03", "2019-09-04", "2019-09-05", "2019-09-06")
        let plan = Plan(sessions: [Session(id: "D-TH-1#1", type: .trainingClass, kind: "SYB", county: County2260.tanghe,
                                           venue: "V1", dates: dates, trainers: ["T1"], ref: "D-TH-1", attendees: 2)])
        var records: [TrainingRecord] = []
        for (i, d) in dates.enumerated() {
            records.append(TrainingRecord(session: "D-TH-1#1", idNumber: "A", date: d, present: i != 0, file: "a.csv", line: i + 2))
            records.append(TrainingRecord(session: "D-TH-1#1", idNumber: "B", date: d, present: i < 3, file: "a.csv", line: i + 10))
        }
        #expect(Counting.completed(records, plan: plan, share: 0.8) == ["D-TH-1#1": 1])
    }

    @Test func reportCountsTheClassInTheMonthOfItsLastDayAndMarksTheCityTotal() {
        let scenario = TinyScenario.scenario
        let plan = Plan(sessions: [
            Session(id: "C1", type: .trainingClass, kind: "SYB", county: County2260.tanghe, venue: "V1",
                    dates: days("2019-09-27", "2019-09-30", "2019-10-08"), trainers: ["T1"], ref: "D1", attendees: 30),
            Session(id: "S1", type: .tourStop, kind: "XCX", county: County2260.tongbai, venue: "V2",
                    dates: days("2019-09-16", "2019-09-17"), trainers: ["T2"], ref: "XCX", team: 1, attendees: 40),
        ])
        let records = AttendanceRecords(
            training: days("2019-09-27", "2019-09-30", "2019-10-08").map {
                TrainingRecord(session: "C1", idNumber: "A", date: $0, present: true, file: "a.csv", line: 2)
            },
            mentoring: [MentoringRecord(session: "S1", date: day("2019-09-16"), mentees: 25, file: "m.csv", line: 2)])
        let sept = ProgrammeReport.rows(scenario: scenario, plan: plan, records: records, month: ReportMonth("2019-09")!,
                                        completionShare: 0.8, targets: nil, cityTargets: [.mentoring: 120])
        let tanghe = sept.first { $0.county == County2260.tanghe && $0.category == .training }!
        #expect(tanghe.plannedYear == 30 && tanghe.plannedToDate == 0 && tanghe.deliveredToDate == 0)
        let oct = ProgrammeReport.rows(scenario: scenario, plan: plan, records: records, month: ReportMonth("2019-10")!,
                                       completionShare: 0.8, targets: nil)
        #expect(oct.first { $0.county == County2260.tanghe && $0.category == .training }!.deliveredMonth == 1)
        let city = sept.first { $0.county == "合计" && $0.category == .mentoring }!
        #expect(city.plannedToDate == 40 && city.deliveredMonth == 25 && city.target == 120)
        #expect(city.shareOfTarget == "0.2083")
        #expect(city.isBehind)
        #expect(sept.last!.county == "合计" && sept.count == scenario.counties.count * 2 + 2)
    }

    @Test func attendanceOfAStopDayRecordedTwiceOrOutsideItsDatesIsRefused() {
        let plan = Plan(sessions: [Session(id: "S1", type: .tourStop, kind: "XCX", county: County2260.tongbai, venue: "V2",
                                           dates: days("2019-09-16", "2019-09-17"), trainers: ["T2"], ref: "XCX", team: 1, attendees: 40)],
                        assignments: [:])
        let records = AttendanceRecords(
            training: [TrainingRecord(session: "S9", idNumber: "411328199001011234", date: day("2019-09-16"), present: true, file: "a.csv", line: 2)],
            mentoring: [MentoringRecord(session: "S1", date: day("2019-09-16"), mentees: 20, file: "m.csv", line: 2),
                        MentoringRecord(session: "S1", date: day("2019-09-16"), mentees: 5, file: "m.csv", line: 3),
                        MentoringRecord(session: "S1", date: day("2019-09-18"), mentees: 5, file: "m.csv", line: 4)])
        let found = AttendanceCheck.problems(records, plan: plan).map { "\($0.file):\($0.line!): \($0.field)" }
        #expect(found == ["a.csv:2: session", "m.csv:3: date", "m.csv:4: date"])
        #expect(!AttendanceCheck.problems(records, plan: plan).contains { $0.message(.zh).contains("411328199001011234") })
    }

    @Test func presentMarksAsClerksWriteThem() {
        for yes in ["1", "是", "√", "✓", "Y", "y"] { #expect(AttendanceCheck.present(yes) == true) }
        for no in ["0", "否", "×", "N"] { #expect(AttendanceCheck.present(no) == false) }
        #expect(AttendanceCheck.present("2") == nil)
    }
}
