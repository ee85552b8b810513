import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport

/// Stored versions read back through the Office: explain a session, export a version.
@Suite struct VersionsTests {
    @Test func aPlannedClassIsExplainedAndAResidentIDTypedByMistakeIsNeverEchoed() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let session = try #require(saved.output.plan.sessions.first { $0.type == .trainingClass })
        let texts = try Versions.explain(office, session.id, version: nil)
        #expect(texts.count == 1)
        #expect(texts[0].contains(session.id))

        let error = try #require(throws: OfficeError.self) { try Versions.explain(office, "411328199001011234", version: nil) }
        let said = error.messages(.zh).joined()
        #expect(!said.contains("411328199001011234"))
        #expect(said.contains("身份证号或手机号"))
    }

    @Test func anExportedVersionIsTheSamePlanAsTheFolderWrittenWhenItWasSaved() throws {
        let tmp = try TemporaryFolder()
        let (office, _, _) = try OfficeTests.planDemo(tmp)
        let out = tmp.url.appendingPathComponent("第1版").path
        #expect(try Versions.export(office, version: 1, to: out) == 1)
        let exported = try String(contentsOfFile: out + "/plan.csv", encoding: .utf8)
        let written = try String(contentsOfFile: tmp.url.appendingPathComponent("plan-v1/plan.csv").path, encoding: .utf8)
        #expect(exported == written)
    }
}
