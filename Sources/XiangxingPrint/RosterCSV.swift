import Foundation
import XiangxingCore
import XiangxingIO

/// The sign-in sheet as a table for Excel/WPS: the PDF's columns, then one
/// empty column per class day to tick or fill in; the walk-in rows; a
/// 实到人数 row; and a last row naming the plan version and print date.
///
///     序号,姓名,性别,身份证号,联系电话,乡镇,创业项目,2019-09-12 签到,2019-09-13 签到
///     1,欧阳娜娜,女,411328********1234,138****5678,城郊乡,电商助农,,
///
/// Written through `SpreadsheetCSV`: a BOM, values Excel would run as
/// formulas (`=HYPERLINK(…)`, `+cmd|…`) neutralised, control characters
/// removed, and unmasked 18-digit IDs kept as text (not 4.11328E+17).
/// IDs and phones are masked unless `input.unmasked`.
public enum RosterCSV {
    public static let fixedHeader = ["序号", "姓名", "性别", "身份证号", "联系电话", "乡镇", "创业项目"]

    /// The file's text, BOM first, CRLF line ends.
    public static func render(_ input: RosterInput) -> String {
        let (header, rows) = table(input)
        return SpreadsheetCSV.render(header: header, rows: rows)
    }

    /// The sheet's header and rows, as the CSV and the .xlsx both write them.
    public static func table(_ input: RosterInput) -> (header: [String], rows: [[String]]) {
        let header = fixedHeader + input.dates.map { RosterText.csvHeading($0, adjusted: input.adjustedWorkdays.contains($0)) }
        let blanks = Array(repeating: "", count: input.dates.count)
        var rows: [[String]] = []
        for (i, row) in input.rows.enumerated() {
            rows.append([String(i + 1), row.name, row.gender, row.printedID(unmasked: input.unmasked),
                         row.printedPhone(unmasked: input.unmasked), row.township, row.project] + blanks)
        }
        for i in input.rows.count..<input.lineCount {
            rows.append([String(i + 1)] + Array(repeating: "", count: fixedHeader.count - 1) + blanks)
        }
        rows.append(["实到人数"] + Array(repeating: "", count: fixedHeader.count - 1) + blanks)
        if let printed = input.printed {
            rows.append([printed.line] + Array(repeating: "", count: header.count - 1))
        }
        return (header, rows)
    }

    /// The same sheet as an .xlsx workbook (IDs and phones as text cells),
    /// readable by its owner only.
    public static func writeXLSX(_ input: RosterInput, to url: URL) throws {
        let (header, rows) = table(input)
        try SpreadsheetXLSX.write(sheet: "签到表-第\(input.classNumber)期", header: header, rows: rows, to: url)
    }

    /// Writes `render(input)` as UTF-8 (with its BOM) through a temporary
    /// file renamed into place.
    public static func write(_ input: RosterInput, to url: URL) throws {
        try Data(render(input).utf8).write(to: url, options: .atomic)
    }
}
