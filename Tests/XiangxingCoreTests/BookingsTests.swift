import Testing
import XiangxingCore

@Suite("Bookings: the ledger behind rules 3–6")
struct BookingsTests {
    let tiny = TinyScenario()

    func session(_ id: String) -> Session { tiny.plan.sessions.first { $0.id == id }! }

    @Test("Releasing a booked class makes the rival's trainer and venue conflicts disappear")
    func releaseUndoesBook() {
        var bookings = Bookings(tiny.index)
        let first = session("D1-1")
        var rival = session("D1-2")
        rival.dates = first.dates
        rival.trainers = first.trainers  // 王建国, V-TH1, 3–4 Sep: the same as D1-1

        #expect(bookings.conflicts(rival).isEmpty)
        bookings.book(first)
        let clash = bookings.conflicts(rival)
        #expect(clash.filter { $0.fact == .trainerDoubleBooked(otherSession: "D1-1") }.map(\.date)
                == days("2019-09-03", "2019-09-04"))
        #expect(clash.filter { $0.fact == .venueDoubleBooked(otherSession: "D1-1") }.map(\.date)
                == days("2019-09-03", "2019-09-04"))
        #expect(clash.count == 4)
        #expect(bookings.engagement(trainer: "T01", on: day("2019-09-03")) == "D1-1")
        #expect(bookings.daysBooked(trainer: "T01", monthKey: day("2019-09-03").monthKey) == 2)

        bookings.release(first)
        #expect(bookings.conflicts(rival).isEmpty)
        #expect(bookings.engagement(trainer: "T01", on: day("2019-09-03")) == nil)
        #expect(bookings.daysBooked(trainer: "T01", monthKey: day("2019-09-03").monthKey) == 0)
    }

    @Test("Releasing a class frees its attendees for another class of the kind")
    func releaseFreesAttendees() {
        var bookings = Bookings(tiny.index)
        let a0 = TinyScenario.a0
        bookings.book(session("D1-1"), attendees: [a0])
        #expect(bookings.conflicts(session("D1-2"), attendees: [a0])
                == [Breach(rule: .classSize, session: "D1-2",
                           fact: .attendeeInTwoClasses(idNumber: a0, otherSession: "D1-1"))])
        bookings.release(session("D1-1"), attendees: [a0])
        #expect(bookings.conflicts(session("D1-2"), attendees: [a0]).isEmpty)
    }

    @Test("Releasing one session leaves the trainer's other bookings and evening-travel checks in place")
    func releaseIsSelective() {
        var bookings = Bookings(tiny.index)
        bookings.book(session(TinyScenario.stopXixia))  // 张伟 in 西峡县 on 17 Sep
        bookings.book(session("D1-1"))
        bookings.release(session("D1-1"))
        var nextDay = session("D2-1")
        nextDay.dates = days("2019-09-18")  // 桐柏县 the day after
        #expect(bookings.conflicts(nextDay).map(\.rule) == [.eveningTravel])
        #expect(bookings.engagement(trainer: "T03", on: day("2019-09-17")) == TinyScenario.stopXixia)
    }
}
