import Foundation
import Testing
import XiangxingCore
import XiangxingStore

@Suite("Pins")
struct PinTests {
    @Test(arguments: TestBackend.all) func datesTrainersAndVenueArePinnedIndependently(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, _) = try ChangeTests.storeWithDemo(tmp)
        let dates = [day("2019-03-12"), day("2019-03-13"), day("2019-03-14")]
        try store.pin(session: "D001-2", dates: dates, trainers: nil, venue: nil, by: "office", reason: "县局定的日子")
        try store.pin(session: "D001-2", dates: nil, trainers: ["T009"], venue: nil, by: "office", reason: "点名要解老师")
        #expect(try store.pins() == ["D001-2": SessionPins(dates: dates, trainers: ["T009"], venue: nil)])

        try store.unpin(session: "D001-2", what: .dates, by: "office")
        #expect(try store.pins() == ["D001-2": SessionPins(dates: nil, trainers: ["T009"], venue: nil)])

        try store.pin(session: "D001-2", dates: nil, trainers: nil, venue: "WC-2", by: "office", reason: "")
        let stopDates = [day("2019-09-03"), day("2019-09-04"), day("2019-09-05")]  // the stop in 唐河县 takes 3 days
        try store.pin(session: "XCX-2019-09@411328", dates: stopDates, trainers: nil, venue: nil, by: "office", reason: "")
        let pins = try store.pins()
        #expect(pins["D001-2"] == SessionPins(dates: nil, trainers: ["T009"], venue: "WC-2"))
        #expect(pins["XCX-2019-09@411328"]?.dates == stopDates)
        #expect(pins["XCX-2019-09@411328"]?.venue == nil)

        try store.unpin(session: "D001-2", what: .trainers, by: "office")
        try store.unpin(session: "D001-2", what: .venue, by: "office")
        #expect(try store.pins()["D001-2"] == nil)
        #expect(throws: StoreError.notPinned(session: "D001-2", what: .venue)) {
            try store.unpin(session: "D001-2", what: .venue, by: "office")
        }
        let kinds = try store.events().map(\.kind)
        #expect(kinds.filter { $0 == .pinned }.count == 4 && kinds.filter { $0 == .unpinned }.count == 3)
    }

    @Test(arguments: TestBackend.all) func pinsAreChecked(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, _) = try ChangeTests.storeWithDemo(tmp)
        func refused(_ dates: [Day]? = nil, _ trainers: [String]? = nil, _ venue: String? = nil, session: String = "D001-2") -> Bool {
            do {
                try store.pin(session: session, dates: dates, trainers: trainers, venue: venue, by: "office", reason: "")
                return false
            } catch { return error is StoreError }
        }
        #expect(refused(nil, nil, "WC-1", session: "D001-9"))         // D001 has 3 classes
        #expect(refused(nil, nil, "WC-1", session: "XCX-2019-09@999999"))
        #expect(refused())                                             // nothing to pin
        #expect(refused([day("2019-03-12")]))                          // awareness takes 3 days
        #expect(refused([day("2019-03-14"), day("2019-03-13"), day("2019-03-12")]))
        #expect(refused([day("2020-03-12"), day("2020-03-13"), day("2020-03-14")]))
        #expect(refused(nil, ["T999"]))
        #expect(refused(nil, ["T012"]))                                // not qualified for awareness
        #expect(refused(nil, ["T009", "T004"]))                        // awareness takes 1 trainer
        #expect(refused(nil, nil, "TH-1"))                             // in another county
        #expect(throws: StoreError.unknownVenue("ZZ-1")) {
            try store.pin(session: "D001-2", dates: nil, trainers: nil, venue: "ZZ-1", by: "office", reason: "")
        }
        #expect(try store.pins().isEmpty)
        #expect(try store.events().map(\.kind) == [.scenarioImported])
    }
}
