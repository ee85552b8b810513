import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport

/// Changes the office records between versions, through the Office.
@Suite struct ChangesTests {
    @Test func aTrainerNamedByNameIsRecordedUnavailableAndTheChangeNamesThemAndTheDays() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let event = try Changes.trainerUnavailable(office, trainer: "赵永强", from: day("2019-09-10"), through: day("2019-09-12"),
                                                   reason: "病假", notice: { _ in })
        #expect(event.description.zh.contains("赵永强（T012）"))
        #expect(event.description.zh.contains("2019-09-10..2019-09-12"))
        #expect(event.description.zh.contains("病假"))
    }

    @Test func aDemandForACountyTheScenarioLacksIsRefusedNamingTheOption() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let error = try #require(throws: OfficeError.self) {
            try Changes.addDemand(office, id: "D901", county: "火星县", kind: "创业意识培训", classes: 1,
                                  earliest: day("2019-10-01"), latest: day("2019-11-30"), notice: { _ in })
        }
        #expect(error.messages(.zh).joined().contains("--county"))
    }
}
