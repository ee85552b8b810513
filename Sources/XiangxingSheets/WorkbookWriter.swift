import CXlsxWriter
import Foundation

/// A value to write into a cell.
public enum SheetValue: Sendable, Equatable {
    /// Text, stored as a string with the text format `@`: a resident ID, a phone or a
    /// student number stays exactly its digits, and a clerk who retypes the cell in Excel
    /// keeps text too.
    case text(String)
    /// A number shown with an Excel number format (`0`, `0.0`, `0.00%`, `yyyy-mm-dd` for a
    /// date serial); nil for General.
    case number(Double, format: String?)
    case empty

    public static func number(_ value: Double) -> SheetValue { .number(value, format: nil) }
}

/// One worksheet to write: its tab name, a header row (bold, frozen so it stays in view)
/// and the rows under it.
public struct SheetToWrite: Sendable, Equatable {
    public var name: String
    public var header: [String]
    public var rows: [[SheetValue]]
    /// Column widths in Excel's units (characters of the default font); nil fits each
    /// column to its longest cell, a Chinese character counting two.
    public var columnWidths: [Double]?

    public init(name: String, header: [String], rows: [[SheetValue]], columnWidths: [Double]? = nil) {
        self.name = name
        self.header = header
        self.rows = rows
        self.columnWidths = columnWidths
    }
}

public enum SheetWriteError: Error, Sendable, Equatable {
    /// Excel's rules for tab names: 1–31 characters, none of `[ ] : * ? / \`, not twice.
    case badSheetName(String, reason: String)
    /// more than 1,048,575 data rows, 16,384 columns or 32,767 characters in a cell
    case tooLarge(sheet: String, reason: String)
    /// libxlsxwriter could not write the file (a full disk, a folder that cannot be written)
    case cannotWrite(path: String, reason: String)
    case noSheets

    public var zh: String {
        switch self {
        case .badSheetName(let name, let reason): return "工作表名“\(name)”不可用（\(reason)）"
        case .tooLarge(let sheet, let reason): return "工作表“\(sheet)”超出 Excel 的上限（\(reason)）"
        case .cannotWrite(let path, let reason): return "无法写入 \(path)（\(reason)）——请检查目录权限与磁盘空间"
        case .noSheets: return "没有要写的工作表"
        }
    }

    public var en: String {
        switch self {
        case .badSheetName(let name, let reason): return "sheet name \"\(name)\" cannot be used (\(reason))"
        case .tooLarge(let sheet, let reason): return "sheet \"\(sheet)\" is beyond Excel's limits (\(reason))"
        case .cannotWrite(let path, let reason): return "cannot write \(path) (\(reason)) — check the folder's permissions and free space"
        case .noSheets: return "no sheets to write"
        }
    }
}

/// Writes .xlsx workbooks through libxlsxwriter. The file appears whole or not at all:
/// the workbook is written beside the destination under a temporary name and renamed
/// over it once libxlsxwriter has closed it.
public enum WorkbookWriter {
    public static func write(_ sheets: [SheetToWrite], to url: URL) throws(SheetWriteError) {
        guard !sheets.isEmpty else { throw .noSheets }
        var seen = Set<String>()
        for sheet in sheets {
            if let reason = sheetNameProblem(sheet.name) { throw .badSheetName(sheet.name, reason: reason) }
            guard seen.insert(sheet.name.lowercased()).inserted else {
                throw .badSheetName(sheet.name, reason: "used twice")
            }
            if sheet.rows.count + 1 > 1_048_576 { throw .tooLarge(sheet: sheet.name, reason: "\(sheet.rows.count) rows") }
            let width = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
            if width > 16_384 { throw .tooLarge(sheet: sheet.name, reason: "\(width) columns") }
        }

        let destination = url.standardizedFileURL
        let temporary = destination.deletingLastPathComponent()
            .appendingPathComponent(".\(destination.lastPathComponent).\(getpid()).tmp")
        defer { try? FileManager.default.removeItem(at: temporary) }

        guard let workbook = workbook_new(temporary.path) else {
            throw .cannotWrite(path: destination.path, reason: "cannot create the workbook")
        }
        var closed = false
        defer { if !closed { _ = workbook_close(workbook) } }

        let bold = workbook_add_format(workbook)
        format_set_bold(bold)
        format_set_num_format(bold, "@")
        let textFormat = workbook_add_format(workbook)
        format_set_num_format(textFormat, "@")
        var numberFormats: [String: UnsafeMutablePointer<lxw_format>] = [:]
        func numberFormat(_ code: String?) -> UnsafeMutablePointer<lxw_format>? {
            guard let code, !code.isEmpty else { return nil }
            if let format = numberFormats[code] { return format }
            let format = workbook_add_format(workbook)
            format_set_num_format(format, code)
            numberFormats[code] = format
            return format
        }

        for sheet in sheets {
            guard let worksheet = workbook_add_worksheet(workbook, sheet.name) else {
                throw .badSheetName(sheet.name, reason: "refused by libxlsxwriter")
            }
            for (column, title) in sheet.header.enumerated() {
                try check(worksheet_write_string(worksheet, 0, lxw_col_t(column), title, bold), sheet.name)
            }
            for (index, row) in sheet.rows.enumerated() {
                let rowNumber = lxw_row_t(index + 1)
                for (column, value) in row.enumerated() {
                    switch value {
                    case .text(let string):
                        guard !string.isEmpty else { continue }
                        guard string.utf16.count <= 32_767 else {
                            throw .tooLarge(sheet: sheet.name, reason: "a cell of \(string.utf16.count) characters in row \(index + 2)")
                        }
                        try check(worksheet_write_string(worksheet, rowNumber, lxw_col_t(column), string, textFormat), sheet.name)
                    case .number(let number, let code):
                        guard number.isFinite else {
                            throw .tooLarge(sheet: sheet.name, reason: "a number that is not finite in row \(index + 2)")
                        }
                        try check(worksheet_write_number(worksheet, rowNumber, lxw_col_t(column), number, numberFormat(code)), sheet.name)
                    case .empty:
                        continue
                    }
                }
            }
            worksheet_freeze_panes(worksheet, 1, 0)
            let widths = sheet.columnWidths ?? fittedWidths(sheet)
            for (column, width) in widths.enumerated() {
                try check(worksheet_set_column(worksheet, lxw_col_t(column), lxw_col_t(column), width, nil), sheet.name)
            }
        }

        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw .cannotWrite(path: destination.path, reason: String(cString: lxw_strerror(status)))
        }
        guard rename(temporary.path, destination.path) == 0 else {
            throw .cannotWrite(path: destination.path, reason: String(cString: strerror(errno)))
        }
    }

    private static func check(_ status: lxw_error, _ sheet: String) throws(SheetWriteError) {
        guard status == LXW_NO_ERROR else {
            throw .tooLarge(sheet: sheet, reason: String(cString: lxw_strerror(status)))
        }
    }

    /// Why Excel would refuse a tab name, nil when it takes it.
    public static func sheetNameProblem(_ name: String) -> String? {
        if name.isEmpty { return "empty" }
        if name.utf16.count > 31 { return "longer than 31 characters" }
        if name.contains(where: { "[]:*?/\\".contains($0) }) { return "contains one of [ ] : * ? / \\" }
        if name.hasPrefix("'") || name.hasSuffix("'") { return "starts or ends with an apostrophe" }
        return nil
    }

    /// Each column as wide as its longest cell (a CJK character counts two), between 6 and 60.
    static func fittedWidths(_ sheet: SheetToWrite) -> [Double] {
        let count = max(sheet.header.count, sheet.rows.map(\.count).max() ?? 0)
        var widths = Array(repeating: 0, count: count)
        func measure(_ s: String) -> Int {
            s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.value != 0xFEFF ? 2 : 1) }
        }
        for (column, title) in sheet.header.enumerated() { widths[column] = max(widths[column], measure(title)) }
        for row in sheet.rows {
            for (column, value) in row.enumerated() {
                switch value {
                case .text(let s): widths[column] = max(widths[column], measure(s))
                case .number(let n, _): widths[column] = max(widths[column], measure(String(n)))
                case .empty: break
                }
            }
        }
        return widths.map { Double(min(60, max(6, $0 + 2))) }
    }
}
