import Foundation
import XiangxingCore
import XiangxingSheets

/// An .xlsx workbook meant for people, made from the same header and rows
/// `SpreadsheetCSV.render` takes (rosters, notification lists, reports,
/// targets): every xlsx output goes through here.
///
/// What it does, and why:
/// - every value is a text cell with the text format `@`, except a plain
///   small whole number (序号 `12`, 人数 `32`: at most 9 digits, no leading
///   zero), which is a number Excel can add up. A resident ID, a phone, a
///   masked ID (`411328********1234`) or a county code stays exactly its
///   characters, and a clerk retyping the cell keeps text;
/// - control characters are removed (nobody means them, they break cells);
/// - nothing is ever a formula: text cells are stored as strings, so
///   `=HYPERLINK(…)` is shown, not run (no `'` is needed, unlike CSV).
///
///     let data = try SpreadsheetXLSX.data(sheet: "签到表", header: ["序号", "身份证号"], rows: [["1", "411302199001011234"]])
public enum SpreadsheetXLSX {
    /// The sheet to write: `name` is made a valid tab name (at most 31
    /// characters, none of `[ ] : * ? / \`).
    public static func sheet(name: String, header: [String], rows: [[String]]) -> SheetToWrite {
        SheetToWrite(name: tabName(name), header: header.map(clean), rows: rows.map { $0.map(value) })
    }

    /// Writes one sheet to `url` (whole or not at all), readable by its
    /// owner only when `personal` (names, IDs, phones).
    public static func write(sheet name: String, header: [String], rows: [[String]], to url: URL, personal: Bool = true) throws {
        try write([sheet(name: name, header: header, rows: rows)], to: url, personal: personal)
    }

    public static func write(_ sheets: [SheetToWrite], to url: URL, personal: Bool = true) throws {
        do {
            try WorkbookWriter.write(sheets, to: url)
        } catch {
            throw SpreadsheetXLSXError(zh: error.zh, en: error.en)
        }
        chmod(url.path, personal ? 0o600 : 0o644)
    }

    /// The workbook's bytes, for a writer that places files itself
    /// (`OutputFolder.write`).
    public static func data(sheet name: String, header: [String], rows: [[String]]) throws -> Data {
        let dir = FileManager.default.temporaryDirectory
            .appendingPathComponent("xiangxing-xlsx-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard mkdir(dir.path, 0o700) == 0 else {
            throw SpreadsheetXLSXError(zh: "无法创建临时文件夹 \(dir.path)", en: "cannot create the temporary folder \(dir.path)")
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("sheet.xlsx")
        try write(sheet: name, header: header, rows: rows, to: url)
        guard let data = FileManager.default.contents(atPath: url.path) else {
            throw SpreadsheetXLSXError(zh: "无法读回 \(url.path)", en: "cannot read back \(url.path)")
        }
        return data
    }

    static func value(_ text: String) -> SheetValue {
        let s = clean(text)
        if s.isEmpty { return .empty }
        if s.count <= 9, s.first != "0" || s.count == 1, s.allSatisfy({ $0.isASCII && $0.isNumber }), let n = Int(s) {
            return .number(Double(n), format: "0")
        }
        return .text(s)
    }

    static func clean(_ value: String) -> String {
        var out = String.UnicodeScalarView()
        for s in value.unicodeScalars where !(s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s == "\u{FEFF}"
                                               || s == "\u{2028}" || s == "\u{2029}") {
            out.append(s)
        }
        return String(out)
    }

    /// Excel's tab rules: 1–31 characters, none of `[ ] : * ? / \`.
    static func tabName(_ name: String) -> String {
        let cleaned = String(clean(name).map { "[]:*?/\\".contains($0) ? "_" : $0 })
            .trimmingCharacters(in: CharacterSet(charactersIn: "'"))
        let short = String(cleaned.prefix(31))
        return short.isEmpty ? "Sheet1" : short
    }
}

/// The workbook could not be written (a full disk, a folder not writable).
public struct SpreadsheetXLSXError: Error, CustomStringConvertible, Sendable {
    public let zh: String
    public let en: String
    public var description: String { zh }
    public func message(_ language: Language) -> String { language == .zh ? zh : en }
}
