import Testing
import XiangxingCore

// One focused test per hard rule of SCENARIO.md: take the fixture's valid
// plan, break exactly one thing, and expect exactly the breach that names it.

private let tanghe = County2260.tanghe, tongbai = County2260.tongbai, xixia = County2260.xixia

@Suite("Rule 1: consecutive teaching days inside the window")
struct Rule1Tests {
    @Test("A class that leaves out a teaching day between its dates is flagged on the date after the gap")
    func skippedTeachingDay() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.dates = days("2019-09-02", "2019-09-04") }  // Tue 3 Sep left out
        #expect(tiny.check().breaches == [
            Breach(rule: .consecutiveTeachingDays, session: "D1-1", date: day("2019-09-04"), fact: .skippedTeachingDay),
        ])
    }

    @Test("A class on 中秋 (Friday 2019-09-13) is flagged with the festival's name")
    func dateOnHoliday() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.dates = days("2019-09-12", "2019-09-13") }
        #expect(tiny.check().breaches == [
            Breach(rule: .consecutiveTeachingDays, session: "D1-1", date: day("2019-09-13"),
                   fact: .notATeachingDay(.officialHoliday("中秋节"))),
        ])
    }

    @Test("A weekday class on an ordinary Saturday is flagged as a weekend date")
    func dateOnWeekend() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.dates = days("2019-09-06", "2019-09-07") }
        #expect(tiny.check().breaches == [
            Breach(rule: .consecutiveTeachingDays, session: "D1-1", date: day("2019-09-07"),
                   fact: .notATeachingDay(.weekend)),
        ])
    }

    @Test("A weekday class on Friday 27 and the 调休 Sunday 29 Sep keeps rule 1")
    func makeUpSundayIsATeachingDay() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.dates = days("2019-09-27", "2019-09-29") }
        #expect(tiny.check().breaches.isEmpty)
    }

    @Test("A class whose second day falls after its demand window is flagged on that date")
    func outsideWindow() {
        var tiny = TinyScenario()
        // 30 Sep and 8 Oct follow each other in the teaching days (1–7 Oct off); D1 ends 30 Sep.
        tiny.session("D1-1") { $0.dates = days("2019-09-30", "2019-10-08") }
        #expect(tiny.check().breaches == [
            Breach(rule: .consecutiveTeachingDays, session: "D1-1", date: day("2019-10-08"),
                   fact: .outsideWindow(day("2019-09-02")...day("2019-09-30"))),
        ])
    }

    @Test("A 2-day kind's class given 3 dates is flagged with the expected and actual count")
    func wrongDayCount() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.dates = days("2019-09-02", "2019-09-03", "2019-09-04") }
        #expect(tiny.check().breaches == [
            Breach(rule: .consecutiveTeachingDays, session: "D1-1", fact: .dayCount(expected: 2, actual: 3)),
        ])
    }

    @Test("A tour stop takes its own days from stops.csv, not the kind's")
    func stopDayCount() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopTongbai) { $0.dates = days("2019-09-06") }  // the stop wants 2
        #expect(tiny.check().breaches == [
            Breach(rule: .consecutiveTeachingDays, session: TinyScenario.stopTongbai,
                   fact: .dayCount(expected: 2, actual: 1)),
        ])
    }
}

@Suite("Rule 2: the right number of qualified trainers")
struct Rule2Tests {
    @Test("A trainer without the kind in qualifications is flagged by name and kind")
    func unqualifiedTrainer() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.trainers = ["T03"] }  // 张伟 holds SYB and XCX, not GYB
        #expect(tiny.check().breaches == [
            Breach(rule: .qualifiedTrainers, session: "D1-1", trainer: "T03", fact: .notQualified(kind: "GYB")),
        ])
    }

    @Test("Two trainers on a one-trainer class is flagged with both counts")
    func wrongTrainerCount() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.trainers = ["T01", "T02"] }
        #expect(tiny.check().breaches == [
            Breach(rule: .qualifiedTrainers, session: "D1-1", fact: .trainerCount(expected: 1, actual: 2)),
        ])
    }

    @Test("A tour team of one where the kind wants two is flagged on the stop")
    func teamTooSmall() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopXixia) { $0.trainers = ["T03"] }
        #expect(tiny.check().breaches == [
            Breach(rule: .qualifiedTrainers, session: TinyScenario.stopXixia,
                   fact: .trainerCount(expected: 2, actual: 1)),
        ])
    }
}

@Suite("Rule 3: trainer availability")
struct Rule3Tests {
    @Test("A trainer in two classes on one date is flagged on the later class, naming the other")
    func doubleBookedTrainer() {
        var tiny = TinyScenario()
        // 王建国 teaches D1-1 on 3–4 Sep; D1-2 moves to 4–5 Sep in another room with him.
        tiny.session("D1-2") {
            $0.dates = days("2019-09-04", "2019-09-05"); $0.trainers = ["T01"]; $0.venue = "V-TH2"
        }
        #expect(tiny.check().breaches == [
            Breach(rule: .trainerAvailability, session: "D1-2", trainer: "T01", date: day("2019-09-04"),
                   fact: .trainerDoubleBooked(otherSession: "D1-1")),
        ])
    }

    @Test("A trainer booked on a date their calendar blocks is flagged on that date")
    func calendarBlocked() {
        var tiny = TinyScenario()
        // 张伟's calendar blocks Thu 19 Sep; the SYB class moves to 19–21 Sep.
        tiny.session("D2-1") { $0.dates = days("2019-09-19", "2019-09-20", "2019-09-21") }
        #expect(tiny.check().breaches == [
            Breach(rule: .trainerAvailability, session: "D2-1", trainer: "T03", date: day("2019-09-19"),
                   fact: .trainerCalendarBlocked),
        ])
    }

    @Test("A trainer over max_days_per_month is flagged on the session that crosses the limit")
    func monthlyLimit() {
        var tiny = TinyScenario()
        // 李秀英: tour stops 5, 6, 9 Sep, then class D1-2 on 10–11 Sep: 5 days, limit 4.
        tiny.trainer("T02") { $0.maxDaysPerMonth = 4 }
        #expect(tiny.check().breaches == [
            Breach(rule: .trainerAvailability, session: "D1-2", trainer: "T02", date: day("2019-09-10"),
                   fact: .monthlyLimit(monthKey: day("2019-09-01").monthKey, days: 5, limit: 4)),
        ])
        tiny.trainer("T02") { $0.maxDaysPerMonth = 5 }
        #expect(tiny.check().breaches.isEmpty)
    }
}

@Suite("Rule 4: evening travel between consecutive days")
struct Rule4Tests {
    @Test("西峡县 one day and 桐柏县 the next is too far for a 150-minute evening")
    func xixiaToTongbaiTooFar() throws {
        var tiny = TinyScenario()
        // 张伟 mentors in 西峡县 on Fri 20 Sep and starts the SYB class in 桐柏县 on Sat 21 Sep.
        tiny.session(TinyScenario.stopXixia) { $0.dates = days("2019-09-20") }
        let expectedMinutes = FixtureRoads.km(xixia, tongbai) / 60 * 60
        #expect(expectedMinutes > 150)  // ≈ 210 km great-circle × 1.3 ≈ 273 minutes
        let breaches = tiny.check().breaches
        #expect(breaches.count == 1)
        let b = try #require(breaches.first)
        #expect(b.rule == .eveningTravel)
        #expect(b.session == "D2-1")
        #expect(b.trainer == "T03")
        #expect(b.date == day("2019-09-20"))
        guard case let .eveningTravel(from, to, minutes, limit) = b.fact else {
            Issue.record("expected an eveningTravel fact, got \(b.fact)")
            return
        }
        #expect(from == xixia)
        #expect(to == tongbai)
        #expect(abs(minutes - expectedMinutes) < 1e-6)
        #expect(limit == 150)
    }

    @Test("唐河县 one day and 桐柏县 the next is within 150 minutes (the valid plan's team 1 does it)")
    func tangheToTongbaiAllowed() {
        let x = TinyScenario().index
        #expect(FixtureRoads.km(tanghe, tongbai) < 150)
        #expect(Rules.eveningTravelAllowed(from: tanghe, to: tongbai, in: x))
        #expect(!Rules.eveningTravelAllowed(from: xixia, to: tongbai, in: x))
        #expect(Rules.eveningTravelAllowed(from: xixia, to: xixia, in: x))
    }

    @Test("Raising max_evening_travel_minutes above the road time lifts the breach")
    func higherLimitAllowsIt() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopXixia) { $0.dates = days("2019-09-20") }
        tiny.scenario.settings.maxEveningTravelMinutes = 300
        #expect(tiny.check().breaches.isEmpty)
    }
}

@Suite("Rule 5: venue availability")
struct Rule5Tests {
    @Test("A 唐河县 class in a 桐柏县 venue is flagged with the venue's county")
    func venueInOtherCounty() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.venue = "V-TB1" }
        #expect(tiny.check().breaches == [
            Breach(rule: .venueAvailability, session: "D1-1", venue: "V-TB1",
                   fact: .venueInOtherCounty(venueCounty: tongbai)),
        ])
    }

    @Test("Two classes in one room on one date: the later-starting one is flagged")
    func venueDoubleBooked() {
        var tiny = TinyScenario()
        // D1-2 moves to 2–3 Sep in the same room as D1-1 (3–4 Sep).
        tiny.session("D1-2") { $0.dates = days("2019-09-02", "2019-09-03") }
        #expect(tiny.check().breaches == [
            Breach(rule: .venueAvailability, session: "D1-1", venue: "V-TH1", date: day("2019-09-03"),
                   fact: .venueDoubleBooked(otherSession: "D1-2")),
        ])
    }

    @Test("A stop in a venue on a date its calendar blocks is flagged on that date")
    func venueCalendarBlocked() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopXixia) { $0.dates = days("2019-09-18") }
        #expect(tiny.check().breaches == [
            Breach(rule: .venueAvailability, session: TinyScenario.stopXixia, venue: "V-XX1",
                   date: day("2019-09-18"), fact: .venueCalendarBlocked),
        ])
    }

    @Test("A venue id that venues.csv does not have is flagged")
    func unknownVenue() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.venue = "V-TH9" }
        #expect(tiny.check().breaches == [
            Breach(rule: .venueAvailability, session: "D1-1", venue: "V-TH9", fact: .unknownVenue),
        ])
    }
}

@Suite("Rule 6: class size, seats and enrolment")
struct Rule6Tests {
    @Test("The valid plan with attendees.csv and assignments.csv passes")
    func validWithAttendees() {
        var tiny = TinyScenario()
        tiny.enrolAttendees()
        let report = tiny.check()
        #expect(report.breaches.isEmpty)
        #expect(report.inconsistencies.isEmpty)
    }

    @Test("A class of one attendee where min_seats is 2 is flagged with count and range")
    func belowMinSeats() {
        var tiny = TinyScenario()
        tiny.enrolAttendees()
        tiny.plan.assignments?["D1-1"] = [TinyScenario.a0]
        tiny.session("D1-1") { $0.attendees = 1 }
        #expect(tiny.check().breaches == [
            Breach(rule: .classSize, session: "D1-1", fact: .classSize(count: 1, min: 2, max: 30)),
        ])
    }

    @Test("Without attendees.csv a 20-seat room is too small for a class of max_seats 30")
    func venueTooSmallWithoutAttendees() {
        var tiny = TinyScenario()
        tiny.session("D1-1") { $0.venue = "V-TH3" }
        #expect(tiny.check().breaches == [
            Breach(rule: .classSize, session: "D1-1", venue: "V-TH3", fact: .venueTooSmall(seats: 20, needed: 30)),
        ])
    }

    @Test("With attendees.csv the same 20-seat room fits a class of 2, but not a 1-seat room")
    func venueSizedByAttendees() {
        var tiny = TinyScenario()
        tiny.enrolAttendees()
        tiny.session("D1-1") { $0.venue = "V-TH3" }
        #expect(tiny.check().breaches.isEmpty)
        tiny.venue("V-TH3") { $0.seats = 1 }
        #expect(tiny.check().breaches == [
            Breach(rule: .classSize, session: "D1-1", venue: "V-TH3", fact: .venueTooSmall(seats: 1, needed: 2)),
        ])
    }

    @Test("A person in two classes of the same kind is flagged on the later class")
    func personInTwoClasses() {
        var tiny = TinyScenario()
        tiny.enrolAttendees()
        tiny.plan.assignments?["D1-2"] = [TinyScenario.a2, TinyScenario.a3, TinyScenario.a0]
        tiny.session("D1-2") { $0.attendees = 3 }
        #expect(tiny.check().breaches == [
            Breach(rule: .classSize, session: "D1-2",
                   fact: .attendeeInTwoClasses(idNumber: TinyScenario.a0, otherSession: "D1-1")),
        ])
    }

    @Test("A 桐柏县 SYB enrolee placed in a 唐河县 GYB class is flagged as not enrolled")
    func personNotEnrolled() {
        var tiny = TinyScenario()
        tiny.enrolAttendees()
        tiny.plan.assignments?["D1-1"] = [TinyScenario.a0, TinyScenario.a1, TinyScenario.b0]
        tiny.plan.assignments?["D2-1"] = [TinyScenario.b1, TinyScenario.b0]
        tiny.session("D1-1") { $0.attendees = 3 }
        #expect(tiny.check().breaches == [
            Breach(rule: .classSize, session: "D1-1", fact: .attendeeNotEnrolled(idNumber: TinyScenario.b0)),
        ])
    }
}

@Suite("Rule 7: tour teams")
struct Rule7Tests {
    @Test("Team 1 with other trainers on its second stop is flagged, naming the first stop")
    func teamTrainersDiffer() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopTongbai) { $0.trainers = ["T02", "T05"] }  // 刘志强 instead of 赵丽娟
        #expect(tiny.check().breaches == [
            Breach(rule: .tourTeams, session: TinyScenario.stopTongbai,
                   fact: .teamTrainersDiffer(team: 1, firstStop: TinyScenario.stopTanghe)),
        ])
    }

    @Test("Team 3 on a tour of 2 teams is flagged as out of range")
    func teamOutOfRange() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopXixia) { $0.team = 3 }
        #expect(tiny.check().breaches == [
            Breach(rule: .tourTeams, session: TinyScenario.stopXixia, fact: .teamOutOfRange(team: 3, teams: 2)),
        ])
    }

    @Test("A stop with no team number is flagged as out of range")
    func missingTeam() {
        var tiny = TinyScenario()
        tiny.session(TinyScenario.stopXixia) { $0.team = nil }
        #expect(tiny.check().breaches == [
            Breach(rule: .tourTeams, session: TinyScenario.stopXixia, fact: .teamOutOfRange(team: nil, teams: 2)),
        ])
    }
}
