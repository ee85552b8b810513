import Foundation
import XiangxingCore
import XiangxingSheets

/// The one way a table a person sends in is read, whatever program saved
/// it: CSV text (UTF-8 with or without BOM, or GB18030, as `TextFile`
/// decides) or an .xlsx workbook (told by its bytes, whatever the file is
/// called). Every reader of people's tables (the scenario's files,
/// targets, weights, attendance) goes through `TableSource.table`, so a
/// format is added here once.
///
///     TableSource.rows(URL(fileURLWithPath: "attendees.xlsx"), name: "attendees.xlsx", problems: &problems)
///     // the 学员 (or attendees) sheet's rows, each with its sheet row number as line
public enum TableSource {
    /// The rows of the file at `url` (`name` is how messages call it) read
    /// against `columns`, with the encoding found. Nil, with the problem
    /// recorded, when the file cannot be read at all.
    public static func table(_ url: URL, name: String, columns: [Column], problems: inout [InputProblem],
                             lineBreaks: Bool = true) -> (Table, TextFileEncoding)? {
        guard let (rows, encoding) = rows(url, name: name, problems: &problems) else { return nil }
        return (Table(file: name, rows: rows, columns: columns, problems: &problems, lineBreaks: lineBreaks), encoding)
    }

    /// The file's rows split into fields, the header first, each with the
    /// line (or worksheet row) it stands on; problems of the file's syntax
    /// (or of a workbook's cells) are added to `problems`.
    public static func rows(_ url: URL, name: String, problems: inout [InputProblem]) -> ([CSVRecord], TextFileEncoding)? {
        if WorkbookTable.isWorkbook(url) {
            guard let rows = WorkbookTable.rows(url, name: name, problems: &problems) else { return nil }
            return (rows, .xlsx)
        }
        switch TextFile.read(url, name: name) {
        case .failure(let p):
            problems.append(p)
            return nil
        case .success(let (text, encoding)):
            let parsed = CSV.parse(text, file: name)
            problems += parsed.problems
            return (parsed.records, encoding)
        }
    }
}

/// An .xlsx workbook read as a table: which sheet, and each cell judged
/// before it becomes a field (an ID Excel has rounded, a date it cannot
/// place, an error value are refused with their row and column).
enum WorkbookTable {
    /// The sheet names a clerk gives each table, besides the file's own
    /// name (`attendees` for attendees.xlsx): tried in this order, else the
    /// first sheet. Kept in step with docs/scenario-format.md.
    static let sheetNames: [String: [String]] = [
        "scenario": ["设置", "场景", "基本设置"],
        "counties": ["县区"],
        "kinds": ["课程类别", "课程"],
        "venues": ["场地"],
        "trainers": ["讲师"],
        "demand": ["培训需求", "需求"],
        "tours": ["乡村行", "活动"],
        "stops": ["站点"],
        "blackouts": ["停课期"],
        "attendees": ["学员", "学员名单", "报名", "报名表"],
        "travel": ["路程", "距离"],
        "targets": ["目标任务", "任务分解", "任务分解表"],
        "weights": ["权重"],
        "attendance": ["签到", "签到表", "出勤", "考勤"],
    ]

    /// A zip archive holding a workbook part (`xl/…`), told by the bytes.
    static func isWorkbook(_ url: URL) -> Bool {
        guard let handle = try? FileHandle(forReadingFrom: url) else { return false }
        defer { try? handle.close() }
        guard let head = try? handle.read(upToCount: 4) else { return false }
        return [UInt8](head) == [0x50, 0x4B, 0x03, 0x04]
    }

    /// The sheets tried for a file called `name`: its base name, then the
    /// Chinese names for that table.
    static func preferredSheets(for name: String) -> [String] {
        let base = (name as NSString).deletingPathExtension
        return [base] + (sheetNames[base.lowercased()] ?? [])
    }

    static func rows(_ url: URL, name: String, problems: inout [InputProblem]) -> [CSVRecord]? {
        let sheet: Sheet
        do {
            let workbook = try Workbook(contentsOf: url)
            sheet = try workbook.sheet(preferring: preferredSheets(for: name))
        } catch {
            problems.append(problem(error, file: name))
            return nil
        }
        guard let headerRow = sheet.rows.first else { return [] }
        let width = headerRow.strings.count
        func header(_ column: Int) -> String {
            let text = headerRow.cell(column: column)?.text.trimmingSpaces() ?? ""
            return text.isEmpty ? columnLetters(column) : text
        }
        var out: [CSVRecord] = []
        out.reserveCapacity(sheet.rows.count)
        for (index, row) in sheet.rows.enumerated() {
            var fields = row.strings.map { $0.trimmingSpaces() }
            if fields.count < width { fields += Array(repeating: "", count: width - fields.count) }
            if index > 0, let p = cellProblem(row, file: name, header: header) {
                problems.append(p)
                // The row is left out, like a CSV row of the wrong shape.
                continue
            }
            out.append(CSVRecord(line: row.number, fields: fields))
        }
        return out
    }

    /// The first cell of a data row that cannot be taken as the workbook
    /// stores it. A cell's value is never quoted (it may be a resident ID).
    static func cellProblem(_ row: SheetRow, file: String, header: (Int) -> String) -> InputProblem? {
        for cell in row.cells {
            if cell.isRoundedNumber {
                return InputProblem(
                    file: file, line: row.number, field: header(cell.column),
                    problem: Bilingual(zh: "Excel 已把这一格的号码（身份证号等长号码）变成了数字，最后几位已经丢失，无法还原",
                                       en: "Excel has turned this cell's number (a resident ID or another long number) into a number and lost its last digits; they cannot be recovered"),
                    remedy: Bilingual(zh: "在 Excel/WPS 中把这一列设置为“文本”格式后重新输入号码；或从 CSV 导入时把这一列设为“文本”",
                                      en: "format the column as Text (文本) in Excel/WPS and type the numbers again, or import the CSV with this column set to Text"))
            }
            if let bad = cell.problem {
                return InputProblem(
                    file: file, line: row.number, field: header(cell.column),
                    problem: Bilingual(zh: "日期单元格无法换算成日期：\(bad.zh)", en: "a date cell that is no date: \(bad.en)"),
                    remedy: Bilingual(zh: "重新输入日期，如 2019-03-18", en: "type the date again, e.g. 2019-03-18"))
            }
            if cell.kind == .error {
                return InputProblem(
                    file: file, line: row.number, field: header(cell.column),
                    problem: Bilingual(zh: "单元格是公式的错误值 \(cell.raw)", en: "the cell holds the formula error \(cell.raw)"),
                    remedy: Bilingual(zh: "改正公式或直接填写数值", en: "mend the formula or type the value"))
            }
        }
        return nil
    }

    static func problem(_ error: SheetError, file: String) -> InputProblem {
        func split(_ s: String, _ sep: String) -> (String, String) {
            guard let r = s.range(of: sep) else { return (s, "") }
            return (String(s[..<r.lowerBound]), String(s[r.upperBound...]))
        }
        let (zh, zhFix) = split(error.zh, "——")
        let (en, enFix) = split(error.en, " — ")
        return InputProblem(
            file: file, line: nil, field: "",
            problem: Bilingual(zh: zh, en: en),
            remedy: Bilingual(zh: zhFix.isEmpty ? "在 Excel/WPS 中另存为 .xlsx 或 CSV UTF-8 后重试" : zhFix,
                              en: enFix.isEmpty ? "save it again from Excel/WPS as .xlsx or CSV UTF-8" : enFix))
    }

    /// `A`, `B`, … `AA` for a 1-based column.
    static func columnLetters(_ column: Int) -> String {
        var n = column
        var s = ""
        while n > 0 {
            let r = (n - 1) % 26
            s = String(UnicodeScalar(UInt8(65 + r))) + s
            n = (n - 1) / 26
        }
        return s
    }
}
