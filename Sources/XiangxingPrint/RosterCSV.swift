import Foundation
import XiangxingCore

/// The sign-in sheet as a table for Excel/WPS: the PDF's columns, then one
/// empty column per class day to tick or fill in.
///
///     序号,姓名,性别,身份证号,联系电话,乡镇,创业项目,2019-09-12 签到,2019-09-13 签到
///     1,欧阳娜娜,女,411328********1234,138****5678,城郊乡,电商助农,,
///
/// IDs and phones are masked unless `input.unmasked`. Note that Excel shows
/// an unmasked 18-digit ID as a number and drops its last digits unless the
/// column is imported as text.
public enum RosterCSV {
    public static let fixedHeader = ["序号", "姓名", "性别", "身份证号", "联系电话", "乡镇", "创业项目"]

    /// RFC 4180 text with CRLF line ends, no BOM.
    public static func render(_ input: RosterInput) -> String {
        let header = fixedHeader + input.dates.map(RosterText.csvHeading)
        let blanks = Array(repeating: "", count: input.dates.count)
        var out = line(header)
        for (i, row) in input.rows.enumerated() {
            out += line([String(i + 1), row.name, row.gender, row.printedID(unmasked: input.unmasked),
                         row.printedPhone(unmasked: input.unmasked), row.township, row.project] + blanks)
        }
        return out
    }

    /// Writes `render(input)` as UTF-8 with a BOM (so Excel reads it as
    /// UTF-8), through a temporary file renamed into place.
    public static func write(_ input: RosterInput, to url: URL) throws {
        let data = Data([0xEF, 0xBB, 0xBF] + Array(render(input).utf8))
        try data.write(to: url, options: .atomic)
    }

    private static func line(_ fields: [String]) -> String {
        fields.map(escape).joined(separator: ",") + "\r\n"
    }

    private static func escape(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither.
        guard field.unicodeScalars.contains(where: { ",\"\r\n".unicodeScalars.contains($0) }) else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
