import Foundation
import Testing
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport

/// A county's sign-in records going into the store through the Office, as a
/// page's upload would send them.
@Suite struct AttendanceDeskTests {
    /// The first training class of the plan with people in it, and its long-table CSV (everyone present every day).
    static func fullClass(_ saved: Planning.Saved, in folder: URL) throws -> (Session, URL, Int) {
        let plan = saved.output.plan
        let session = try #require(plan.sessions.first { $0.type == .trainingClass && !(plan.assignments?[$0.id] ?? []).isEmpty })
        let people = plan.assignments?[session.id] ?? []
        var lines = ["session,id_number,date,present"]
        for id in people { for d in session.dates { lines.append("\(session.id),\(id),\(d.iso),1") } }
        let file = folder.appendingPathComponent("出勤-\(session.id).csv")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        return (session, file, people.count * session.dates.count)
    }

    @Test func aClassRecordedInFullIsStoredAndNoLongerOwed() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let (session, file, records) = try Self.fullClass(saved, in: tmp.url)
        let last = try #require(session.dates.last)
        let before = try AttendanceDesk.owed(in: office, county: session.county, through: last, version: nil, notice: { _ in })
        #expect(before.owed.contains { $0.id == session.id })

        let imported = try AttendanceDesk.importFiles([file.path], version: nil, into: office)
        #expect(imported.version.info.number == 1)
        let stored = try #require(imported.done.sessions.first { $0.session == session.id })
        #expect(stored.records == records)
        #expect(stored.completed == (saved.output.plan.assignments?[session.id] ?? []).count)

        let after = try AttendanceDesk.owed(in: office, county: session.county, through: last, version: nil, notice: { _ in })
        #expect(!after.owed.contains { $0.id == session.id })
    }

    @Test func aFileNamingASessionThePlanLacksIsRefusedWithItsLineAndNothingIsStored() throws {
        let tmp = try TemporaryFolder()
        let (office, saved, _) = try OfficeTests.planDemo(tmp)
        let (session, file, _) = try Self.fullClass(saved, in: tmp.url)
        var text = try String(contentsOf: file, encoding: .utf8)
        text += "D999-9,411328199001011234,\(try #require(session.dates.first).iso),1\n"
        try text.write(to: file, atomically: true, encoding: .utf8)
        let error = try #require(throws: OfficeError.self) { try AttendanceDesk.importFiles([file.path], version: nil, into: office) }
        let said = error.messages(.zh).joined(separator: "\n")
        #expect(said.contains(file.lastPathComponent))
        #expect(said.contains("没有存入任何记录"))
        #expect(!said.contains("411328199001011234"))
        let last = try #require(session.dates.last)
        let owed = try AttendanceDesk.owed(in: office, county: session.county, through: last, version: nil, notice: { _ in })
        #expect(owed.owed.contains { $0.id == session.id })
    }
}
