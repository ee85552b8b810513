import XiangxingCore

/// CSV meant for people who open it in Excel or WPS (rosters, diffs,
/// notification lists), as opposed to the contract's machine files
/// (plan.csv …), which `CSV.render` writes byte for byte.
///
/// What it does on top of RFC 4180, and why:
/// - a UTF-8 BOM first, so Excel on Chinese Windows reads UTF-8, not GBK;
/// - control characters (NUL, ESC, tabs, line breaks inside a value) are
///   removed: nobody means them, and they break cells;
/// - a value that Excel would run as a formula (starting with `= + - @`,
///   after any spaces) gets a leading `'`, shown by Excel as plain text
///   (OWASP's advice against CSV injection: `=HYPERLINK(…)`, `+cmd|…`);
/// - a long digit string (a resident ID, a phone: 11 or more digits, or 17
///   digits and `X`) is written with a leading tab, the mark Excel and WPS
///   read as "text", so `411302199001011234` does not become `4.11302E+17`
///   and lose its last three digits.
///
///     SpreadsheetCSV.render(header: ["姓名", "身份证号"], rows: [["李勇", "411302199001011234"]])
///     // "\u{FEFF}姓名,身份证号\r\n李勇,\t411302199001011234\r\n"
public enum SpreadsheetCSV {
    public static func render(header: [String], rows: [[String]]) -> String {
        var out = "\u{FEFF}" + header.map(cell).joined(separator: ",") + "\r\n"
        for r in rows { out += r.map(cell).joined(separator: ",") + "\r\n" }
        return out
    }

    /// One value made safe for a spreadsheet, then CSV-escaped.
    public static func cell(_ value: String) -> String {
        var clean = String.UnicodeScalarView()
        for s in value.unicodeScalars where !isControl(s) { clean.append(s) }
        var text = String(clean)
        if let first = text.unicodeScalars.first(where: { $0 != " " && $0 != "\u{3000}" }),
           "=+-@".unicodeScalars.contains(first), !isPlainNumber(text) {
            text = "'" + text
        } else if isLongDigitString(text) {
            return "\"\t" + text + "\""
        }
        return CSV.escape(text)
    }

    private static func isControl(_ s: Unicode.Scalar) -> Bool {
        s.value < 0x20 || (0x7F...0x9F).contains(s.value) || s == "\u{FEFF}" || s == "\u{2028}" || s == "\u{2029}"
    }

    /// `-3` or `+2.5` (a signed number) is data, not a formula.
    private static func isPlainNumber(_ text: String) -> Bool {
        var body = Substring(text.trimmingSpaces())
        guard let sign = body.first, sign == "-" || sign == "+" else { return false }
        body = body.dropFirst()
        guard !body.isEmpty else { return false }
        var dots = 0
        for c in body {
            if c == "." { dots += 1; continue }
            guard c.isASCII, c.isNumber else { return false }
        }
        return dots <= 1
    }

    private static func isLongDigitString(_ text: String) -> Bool {
        let s = Array(text.unicodeScalars)
        guard s.count >= 11 else { return false }
        for (i, c) in s.enumerated() {
            if ("0"..."9").contains(c) { continue }
            if i == s.count - 1 && (c == "X" || c == "x") && s.count == 18 { continue }
            return false
        }
        return true
    }
}
