import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingSheets

@Suite("Programme files as .xlsx, and the people's .xlsx writer")
struct XlsxProgrammeAndWritingTests {
    @Test("targets handed down as a LibreOffice workbook (Chinese headers, numbers as number cells) are read through ProgrammeReading")
    func targetsWorkbookIsRead() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "场景")
        // The office's targets as a workbook instead of the demo's targets.csv.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("targets.csv"))
        try FileManager.default.copyItem(at: sheetsFixture("targets.xlsx"), to: folder.appendingPathComponent("targets.xlsx"))
        let l = try loaded(ScenarioReader.read(folder: folder))
        let targets = try ProgrammeReading.targets(folder: folder, scenario: l.scenario, settings: ProgrammeSettings()).get()
        let list = try #require(targets)
        #expect(list.count == 17)
        #expect(list.first == CountyTarget(county: l.scenario.counties[0].code, category: .training, personTimes: 200))
        let expected: [Int] = (0..<17).map { 200 + $0 * 5 }
        #expect(list.map(\.personTimes) == expected)
    }

    @Test("attendance as .xlsx: stop records with Excel date cells are read; a rounded ID in a training record is refused with its row")
    func attendanceWorkbooksAreReadAndRoundedIDsRefused() throws {
        let index = try PlannerTests.load(demoScenario())
        let (_, plan) = PlannerTests.plan(index)
        let stop = try #require(plan.sessions.first { $0.type == .tourStop })
        let tmp = try TemporaryFolder()
        let epoch = Day(iso: "1899-12-30")!
        let mentoring = tmp.url.appendingPathComponent("乡村行记录.xlsx")
        try WorkbookWriter.write([SheetToWrite(name: "帮扶记录", header: ["场次", "日期", "帮扶人次"], rows: stop.dates.map {
            [.text(stop.id), .number(Double(epoch.distance(to: $0)), format: "yyyy-mm-dd"), .number(12)]
        })], to: mentoring)
        let records = try ProgrammeReading.attendance(files: [mentoring], plan: plan).get()
        #expect(records.mentoring.count == stop.dates.count)
        #expect(records.mentoring.map(\.date) == stop.dates)
        #expect(records.mentoring.allSatisfy { $0.mentees == 12 && $0.file == "乡村行记录.xlsx" })

        let course = try #require(plan.sessions.first { $0.type == .trainingClass && !(plan.assignments?[$0.id] ?? []).isEmpty })
        let training = tmp.url.appendingPathComponent("签到.xlsx")
        let id = try #require(plan.assignments?[course.id]?.first)
        try WorkbookWriter.write([SheetToWrite(name: "签到", header: ["场次", "身份证号", "日期", "出勤"], rows: [
            [.text(course.id), .text(id), .text(course.dates[0].iso), .text("√")],
            [.text(course.id), .number(Double(id.prefix(17))! * 10), .text(course.dates[0].iso), .text("√")],
        ])], to: training)
        guard case .failure(let refused) = ProgrammeReading.attendance(files: [training], plan: plan) else {
            Issue.record("a rounded ID was accepted"); return
        }
        let first = try #require(refused.problems.first)
        #expect(first.message(.zh).hasPrefix("签到.xlsx:3: 身份证号: Excel 已把"), "\(first.message(.zh))")
    }

    static let header = ["序号", "姓名", "身份证号", "联系电话", "备注"]
    static let rows = [["1", "欧阳娜娜", "41132819900101123X", "13837712345", "=HYPERLINK(\"x\")"],
                       ["2", "单雄", "411328********1234", "138****5678", "0377"]]

    @Test("the people's .xlsx keeps IDs, phones and codes as text cells, numbers 序号 as numbers, formulas as text, 0600")
    func writtenWorkbookKeepsIDsAsText() throws {
        let tmp = try TemporaryFolder()
        let url = tmp.url.appendingPathComponent("名单.xlsx")
        try SpreadsheetXLSX.write(sheet: "通知名单:唐河县", header: Self.header, rows: Self.rows, to: url)
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let workbook = try Workbook(contentsOf: url)
        #expect(workbook.sheetNames == ["通知名单_唐河县"])
        let sheet = try workbook.firstSheet()
        #expect(sheet.rows.map(\.strings) == [Self.header] + Self.rows)
        let first = sheet.rows[1]
        #expect(first.cell(column: 1)?.kind == .number)
        #expect(first.cell(column: 3)?.kind == .text)
        #expect(first.cell(column: 4)?.kind == .text)
        #expect(sheet.rows[2].cell(column: 5)?.kind == .text)
        // And it reads back through the readers' entry point.
        var problems: [InputProblem] = []
        let (records, encoding) = try #require(TableSource.rows(url, name: "名单.xlsx", problems: &problems))
        #expect(problems.isEmpty)
        #expect(encoding == .xlsx)
        #expect(records.map(\.fields) == [Self.header] + Self.rows)
    }

    @Test("LibreOffice opens the written workbook and sees the IDs as text, exactly",
          .enabled(if: libreOffice != nil, "LibreOffice (soffice) is not installed: the round trip through it is skipped"))
    func libreOfficeReadsTheWrittenWorkbook() throws {
        let tmp = try TemporaryFolder()
        let url = tmp.url.appendingPathComponent("roster.xlsx")
        try SpreadsheetXLSX.write(sheet: "签到表", header: Self.header, rows: Self.rows, to: url)
        // Re-saved by LibreOffice as xlsx, then read: a text cell stays text, a number would have become a number.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: libreOffice!)
        let out = tmp.url.appendingPathComponent("lo")
        process.arguments = ["-env:UserInstallation=\(tmp.url.appendingPathComponent("profile").absoluteString)", "--headless",
                             "--convert-to", "xlsx", "--outdir", out.path, url.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let resaved = try Workbook(contentsOf: out.appendingPathComponent("roster.xlsx")).firstSheet()
        #expect(resaved.rows.map(\.strings) == [Self.header] + Self.rows)
        #expect(resaved.rows[1].cell(column: 3)?.kind == .text)
        #expect(resaved.rows[1].cell(column: 3)?.text == "41132819900101123X")
        #expect(resaved.rows[1].cell(column: 4)?.kind == .text)
        #expect(resaved.rows[1].cell(column: 1)?.kind == .number)
    }
}

let libreOffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }
