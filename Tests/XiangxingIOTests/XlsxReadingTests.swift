import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingSheets

/// A workbook LibreOffice made (Tests/XiangxingSheetsTests/Fixtures, commands in its README).
func sheetsFixture(_ name: String, file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("XiangxingSheetsTests/Fixtures").appendingPathComponent(name)
}

/// The demo scenario copied into `tmp`, with `files` (name in the folder → workbook) put
/// in place of their CSVs.
func demoWith(_ tmp: borrowing TemporaryFolder, workbooks files: [String: URL]) throws -> URL {
    let folder = try tmp.copy(demoScenario(), as: "场景")
    for (name, source) in files {
        let stem = (name as NSString).deletingPathExtension
        try? FileManager.default.removeItem(at: folder.appendingPathComponent(stem + ".csv"))
        try FileManager.default.copyItem(at: source, to: folder.appendingPathComponent(name))
    }
    return folder
}

@Suite("Scenario tables given as .xlsx workbooks")
struct XlsxReadingTests {
    @Test("attendees.xlsx made by LibreOffice (IDs as text) reads to exactly the people of attendees.csv")
    func libreOfficeAttendeesAreTheSamePeopleAsTheCSV() throws {
        let tmp = try TemporaryFolder()
        let csv = try loaded(ScenarioReader.read(folder: demoScenario()))
        let folder = try demoWith(tmp, workbooks: ["attendees.xlsx": sheetsFixture("attendees.xlsx")])
        let xlsx = try loaded(ScenarioReader.read(folder: folder))
        #expect(xlsx.scenario.attendees?.count == 3491)
        #expect(xlsx.scenario.attendees == csv.scenario.attendees)
        #expect(xlsx.encodings["attendees.xlsx"] == .xlsx)
        #expect(xlsx.encodings["attendees.csv"] == nil)
    }

    @Test("venues.xlsx with seats and county codes as numbers reads to the venues of venues.csv")
    func venuesWithNumberCellsAreTheSameAsTheCSV() throws {
        let tmp = try TemporaryFolder()
        let csv = try loaded(ScenarioReader.read(folder: demoScenario()))
        let folder = try demoWith(tmp, workbooks: ["venues.xlsx": sheetsFixture("venues.xlsx")])
        let xlsx = try loaded(ScenarioReader.read(folder: folder))
        #expect(xlsx.scenario.venues == csv.scenario.venues)
    }

    @Test("IDs LibreOffice's default CSV import turned into rounded numbers are refused on their row, the digits never guessed")
    func roundedIDsAreRefusedWithTheirRowAndField() throws {
        let tmp = try TemporaryFolder()
        let folder = try demoWith(tmp, workbooks: ["attendees.xlsx": sheetsFixture("attendees-rounded.xlsx")])
        let all = problems(ScenarioReader.read(folder: folder))
        let first = try #require(all.first)
        #expect(first.file == "attendees.xlsx")
        #expect(first.line == 2)
        #expect(first.field == "id_number")
        let zh = first.message(.zh)
        #expect(zh.hasPrefix("attendees.xlsx:2: id_number: Excel 已把"), "\(zh)")
        #expect(zh.contains("文本"))
        #expect(first.message(.en).contains("lost its last digits"))
        // Never quoted, not even as Excel rounded it.
        #expect(!all.contains { $0.message(.zh).contains("41130219") || $0.message(.zh).contains("E+") })
        // Every row of a rounded ID is refused (those ending in X stayed text): 50 listed, the rest counted.
        #expect(all.filter { $0.field == "id_number" && $0.problem.zh.hasPrefix("Excel 已把") }.count == 50)
        #expect(all.contains { $0.file == "attendees.xlsx" && $0.problem.zh.hasPrefix("另有 ") })
    }

    @Test("attendees.csv and attendees.xlsx side by side: a clear error naming both")
    func csvAndWorkbookOfTheSameTableAreRefused() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "场景")
        try FileManager.default.copyItem(at: sheetsFixture("venues.xlsx"), to: folder.appendingPathComponent("venues.xlsx"))
        let all = problems(ScenarioReader.read(folder: folder))
        #expect(all.count == 1)
        #expect(all.first?.message(.zh).contains("venues.csv 和 venues.xlsx 同时存在") == true)
    }

    @Test("an old binary workbook (.xls, .et) is refused, saying to save it as .xlsx or CSV UTF-8")
    func oldBinaryWorkbooksAreRefused() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "场景")
        try FileManager.default.removeItem(at: folder.appendingPathComponent("attendees.csv"))
        let ole: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + Array(repeating: 0, count: 504)
        try Data(ole).write(to: folder.appendingPathComponent("attendees.et"))
        let all = problems(ScenarioReader.read(folder: folder))
        #expect(all.map(\.file) == ["attendees.et"])
        #expect(all.first?.message(.zh).contains("attendees.xlsx 或 attendees.csv") == true)
        // The same bytes under the CSV's name: told by the bytes.
        try FileManager.default.moveItem(at: folder.appendingPathComponent("attendees.et"), to: folder.appendingPathComponent("attendees.csv"))
        let again = problems(ScenarioReader.read(folder: folder))
        #expect(again.first?.message(.zh).contains("旧版 Excel/WPS 工作簿") == true)
        #expect(again.first?.message(.zh).contains("*.xlsx") == true)
    }

    @Test("a workbook saved under the CSV's name is read as the workbook it is")
    func aWorkbookIsToldByItsBytesNotItsName() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "场景")
        let target = folder.appendingPathComponent("attendees.csv")
        try FileManager.default.removeItem(at: target)
        try FileManager.default.copyItem(at: sheetsFixture("attendees.xlsx"), to: target)
        let l = try loaded(ScenarioReader.read(folder: folder))
        #expect(l.scenario.attendees?.count == 3491)
        #expect(l.encodings["attendees.csv"] == .xlsx)
    }

    @Test("blackouts as Excel date cells read like the CSV's text dates; Excel's phantom 1900-02-29 is refused on its row")
    func excelDatesAreReadAndAnImpossibleDateIsRefused() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "场景")
        let csv = try loaded(ScenarioReader.read(folder: folder))
        try FileManager.default.removeItem(at: folder.appendingPathComponent("blackouts.csv"))
        let epoch = Day(iso: "1899-12-30")!
        func serial(_ d: Day) -> SheetValue { .number(Double(epoch.distance(to: d)), format: "yyyy-mm-dd") }
        var rows: [[SheetValue]] = csv.scenario.blackouts.map { b in
            [.text(b.county ?? "*"), serial(b.start), serial(b.end), .text(b.reason)]
        }
        try WorkbookWriter.write([SheetToWrite(name: "停课期", header: ["县区", "开始日期", "结束日期", "原因"], rows: rows)],
                                 to: folder.appendingPathComponent("blackouts.xlsx"))
        let xlsx = try loaded(ScenarioReader.read(folder: folder))
        #expect(xlsx.scenario.blackouts == csv.scenario.blackouts)

        rows[2][1] = .number(60, format: "yyyy-mm-dd")
        try WorkbookWriter.write([SheetToWrite(name: "停课期", header: ["县区", "开始日期", "结束日期", "原因"], rows: rows)],
                                 to: folder.appendingPathComponent("blackouts.xlsx"))
        let all = problems(ScenarioReader.read(folder: folder))
        #expect(all.count == 1)
        #expect(all.first?.message(.zh).hasPrefix("blackouts.xlsx:4: 开始日期: 日期单元格无法换算成日期") == true, "\(all.first?.message(.zh) ?? "")")
    }

    @Test("add-attendees' reader takes a clerk's .xlsx made by LibreOffice")
    func addedAttendeesFromAWorkbook() throws {
        let s = try loaded(ScenarioReader.read(folder: demoScenario())).scenario
        let people = try ScenarioReader.readAttendees(file: sheetsFixture("attendees.xlsx"), against: s).get()
        #expect(people == s.attendees)
    }
}
