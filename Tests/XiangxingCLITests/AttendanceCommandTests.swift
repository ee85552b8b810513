import Foundation
import Testing
import XiangxingIO

/// `xiangxing attendance`: a clerk's filled-in sign-in sheet goes into the
/// store and comes off the list of what the county owes.
@Suite("attendance command")
struct AttendanceCommandTests {
    /// The demo imported and planned into a store in `tmp`, and 唐河县's
    /// sign-in sheets written as CSV by `xiangxing roster`.
    static func office(_ tmp: borrowing TemporaryFolder) throws -> (db: String, sheets: [URL]) {
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let demo = demoScenario().path
        try #require(try xiangxing("import", demo, "--db", db).status == 0)
        try #require(try xiangxing("plan", "--out", tmp.url.appendingPathComponent("v1").path, "--db", db).status == 0)
        let out = tmp.url.appendingPathComponent("签到表")
        let roster = try xiangxing("roster", "--county", "唐河县", "--format", "csv", "--out", out.path, "--db", db)
        try #require(roster.status == 0, "\(roster.stderr)")
        let sheets = try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "csv" }.sorted { $0.lastPathComponent < $1.lastPathComponent }
        return (db, sheets)
    }

    /// What a clerk does with the sheet in Excel: a tick for everyone on every
    /// day, except the first trainee missing the last day and the second
    /// signing the first day with their name. Returns (people, days).
    @discardableResult
    static func fillIn(_ sheet: URL) throws -> (people: Int, days: Int) {
        let text = try String(contentsOf: sheet, encoding: .utf8)
        var records = CSV.parse(text, file: sheet.lastPathComponent).records.map(\.fields)
        let header = records[0].map { $0.replacingOccurrences(of: "\u{FEFF}", with: "") }
        let days = header.indices.filter { header[$0].contains("签到") }
        var people = 0
        for i in records.indices.dropFirst() where Int(records[i][0]) != nil && !records[i][1].isEmpty {
            people += 1
            for d in days { records[i][d] = "√" }
            if people == 1 { records[i][days.last!] = "" }
            if people == 2 { records[i][days.first!] = records[i][1] }
        }
        try SpreadsheetCSV.render(header: header, rows: Array(records.dropFirst())).write(to: sheet, atomically: true, encoding: .utf8)
        return (people, days.count)
    }

    /// The plan.csv row of `session` in a plan folder.
    static func planRow(_ folder: URL, _ session: String) throws -> [String]? {
        let text = try String(contentsOf: folder.appendingPathComponent("plan.csv"), encoding: .utf8)
        return CSV.parse(text, file: "plan.csv").records.map(\.fields).first { $0.first == session }
    }

    @Test("a sign-in sheet sent back as printed (.xlsx, every 签到 cell blank) is refused, nothing stored")
    func aBlankSheetIsRefused() throws {
        let tmp = try TemporaryFolder()
        let (db, _) = try Self.office(tmp)
        let out = tmp.url.appendingPathComponent("签到表-xlsx")
        try #require(try xiangxing("roster", "--county", "唐河县", "--format", "xlsx", "--out", out.path, "--db", db).status == 0)
        let book = try #require(try FileManager.default.contentsOfDirectory(at: out, includingPropertiesForKeys: nil)
            .first { $0.lastPathComponent.contains("创业意识培训-第1期") && $0.pathExtension == "xlsx" })
        let run = try xiangxing("attendance", "import", book.path, "--db", db)
        #expect(run.status == 1)
        #expect(run.stderr.contains(book.lastPathComponent + ":") && run.stderr.contains("签到栏全部空白"), "\(run.stderr)")
        #expect(run.stderr.contains("没有存入任何记录"))
        let owed = try xiangxing("attendance", "--county", "唐河县", "--through", "2019-12-31", "--db", db)
        let session = String(book.deletingPathExtension().lastPathComponent.split(separator: "期-").last!)
        #expect(owed.stdout.contains(session), "still owed: nothing was stored")
    }

    @Test("a roster CSV filled in by a clerk (one absence, one signature) is stored, counted, off the owed list, kept after a re-plan")
    func aFilledInRosterIsImportedAndCounted() throws {
        let tmp = try TemporaryFolder()
        let (db, sheets) = try Self.office(tmp)
        // An awareness class (3 days, 0.8 → all 3 needed): the absence costs a completion.
        let sheet = try #require(sheets.first { $0.lastPathComponent.contains("创业意识培训-第1期") })
        let session = String(sheet.deletingPathExtension().lastPathComponent.split(separator: "期-").last!)
        let owedBefore = try xiangxing("attendance", "--county", "唐河县", "--through", "2019-12-31", "--db", db)
        #expect(owedBefore.status == 0 && owedBefore.stdout.contains(session))

        let (people, days) = try Self.fillIn(sheet)
        #expect(days == 3 && people >= 20)
        let imported = try xiangxing("attendance", "import", sheet.path, "--db", db)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.contains("\(session)（唐河县 创业意识培训"))
        #expect(imported.stdout.contains("\(people * days) 条记录，到课 \(people * days - 1) 人天，完成 \(people - 1) 人次"))
        #expect(!imported.stdout.contains("已替换"))
        let owed = try xiangxing("attendance", "--county", "唐河县", "--through", "2019-12-31", "--db", db)
        #expect(owed.status == 0 && !owed.stdout.contains(session))

        // The corrected sheet (the same, imported again) replaces the session's records whole.
        let again = try xiangxing("attendance", "import", sheet.path, "--db", db, "--lang", "en")
        #expect(again.status == 0)
        #expect(again.stdout.contains("replaced the \(people * days) earlier record(s) of \(session)"))

        // A trainer who never teaches in 唐河县 is away in December; the re-plan leaves this class alone.
        let v1 = tmp.url.appendingPathComponent("v1")
        let plan = CSV.parse(try String(contentsOf: v1.appendingPathComponent("plan.csv"), encoding: .utf8), file: "plan.csv").records.map(\.fields)
        let inTanghe = Set(plan.filter { $0[3] == "411328" }.flatMap { $0[6].split(separator: ";").map(String.init) })
        let trainer = try #require(plan.dropFirst().flatMap { $0[6].split(separator: ";").map(String.init) }.first { !inTanghe.contains($0) })
        #expect(try xiangxing("unavailable", "--trainer", trainer, "--from", "2019-12-02", "--to", "2019-12-04", "--reason", "病假", "--db", db).status == 0)
        let v2 = tmp.url.appendingPathComponent("v2")
        let replanned = try xiangxing("replan", "--out", v2.path, "--db", db)
        #expect(replanned.status == 0, "\(replanned.stderr)")
        let (before, after) = (try Self.planRow(v1, session), try Self.planRow(v2, session))
        #expect(before?[2...5] == after?[2...5])
        let kept = try xiangxing("attendance", "--county", "唐河县", "--through", "2019-12-31", "--db", db)
        #expect(kept.status == 0 && !kept.stdout.contains(session))
        #expect(!kept.stdout.contains("调整过的场次"))
    }

    @Test("one bad file among good ones: every problem located, exit 1, nothing stored")
    func oneBadFileStoresNothing() throws {
        let tmp = try TemporaryFolder()
        let (db, sheets) = try Self.office(tmp)
        let sheet = sheets[0]
        try Self.fillIn(sheet)
        let session = String(sheet.deletingPathExtension().lastPathComponent.split(separator: "期-").last!)
        let bad = tmp.url.appendingPathComponent("乡村行.csv")
        try "session,date,mentees\nXCX-2019-09@411328,2019-09-04,20\nXCX-2019-09@411399,2019-09-04,20\n"
            .write(to: bad, atomically: true, encoding: .utf8)
        let run = try xiangxing("attendance", "import", sheet.path, bad.path, "--db", db)
        #expect(run.status == 1)
        #expect(run.stderr.contains("乡村行.csv:3: session:"))
        #expect(run.stderr.contains("没有存入任何记录"))
        #expect(!run.stdout.contains("已存入"))
        let owed = try xiangxing("attendance", "--county", "唐河县", "--through", "2019-12-31", "--db", db)
        #expect(owed.stdout.contains(session) && owed.stdout.contains("XCX-2019-09@411328"))
    }

    @Test("import keeps the programme's targets with the scenario, and refuses targets that do not add up, storing nothing")
    func importStoresOrRefusesTheTargets() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "南阳")
        try setScenarioKeys(["target_training": "3500", "target_mentoring": "7200", "completion_share": "0.75"], in: folder)
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let good = try xiangxing("import", folder.path, "--db", db)
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout.contains("年度目标：全市培训 3500、乡村行 7200 人次；targets.csv 17 个县区；完成比例 0.75"), "\(good.stdout)")

        // A targets.csv of 100 for 唐河县 alone does not add up to 3500.
        try "county,category,person_times\n唐河县,training,100\n".write(to: folder.appendingPathComponent("targets.csv"), atomically: true, encoding: .utf8)
        let other = tmp.url.appendingPathComponent("other.sqlite").path
        let bad = try xiangxing("import", folder.path, "--db", other)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("targets.csv:2: person_times:"))
        #expect(bad.stderr.contains("未导入，数据库未做改动"))
        let status = try xiangxing("status", "--db", other)
        #expect(status.status != 0 || !status.stdout.contains("南阳市2019年"))
    }

    @Test("a recorded class moved by a re-plan keeps its records and is listed for the office, as it was held")
    func aMovedClassIsFlagged() throws {
        let tmp = try TemporaryFolder()
        let (db, sheets) = try Self.office(tmp)
        let sheet = try #require(sheets.first { $0.lastPathComponent.contains("创业意识培训-第1期") })
        let session = String(sheet.deletingPathExtension().lastPathComponent.split(separator: "期-").last!)
        try Self.fillIn(sheet)
        #expect(try xiangxing("attendance", "import", sheet.path, "--db", db).status == 0)
        // Its venue is recorded closed on its dates (entered late): the re-plan moves it.
        let v1 = tmp.url.appendingPathComponent("v1")
        let row = try #require(try Self.planRow(v1, session))
        let dates = row[5].split(separator: ";").map(String.init)
        #expect(try xiangxing("close-venue", "--venue", row[4], "--from", dates.first!, "--to", dates.last!, "--reason", "停电", "--db", db).status == 0)
        let v2 = tmp.url.appendingPathComponent("v2")
        #expect(try xiangxing("replan", "--out", v2.path, "--db", db).status == 0)
        let moved = try #require(try Self.planRow(v2, session))
        #expect(moved[4...5] != row[4...5])
        let owed = try xiangxing("attendance", "--county", "唐河县", "--through", "2019-12-31", "--db", db)
        #expect(owed.status == 0)
        let flagged = owed.stdoutLines.drop { !$0.contains("录入记录后又调整过的场次") }.dropFirst()
        #expect(flagged.contains { $0.contains(session) && $0.contains("举办时 唐河县 \(dates.first!) 至 \(dates.last!)") })
        // Not owed: its records count, as held.
        #expect(!owed.stdoutLines.prefix { !$0.contains("录入记录后又调整过的场次") }.contains { $0.contains(session) })
    }
}
