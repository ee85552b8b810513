import XiangxingCore

/// One record of a CSV file, with the physical line it starts on (1-based)
/// so problems can point at it.
public struct CSVRecord: Sendable {
    public var line: Int
    public var fields: [String]
}

/// RFC 4180 CSV: comma-separated, fields optionally in double quotes, a
/// quote inside a quoted field doubled (`""`), quoted fields may hold commas
/// and line breaks. CRLF or LF line ends. Blank lines are skipped; spaces
/// around unquoted fields are trimmed (Excel never writes them, people do).
/// A malformed record gives one problem (its first fault), named by the
/// first record's column header, and is left out.
public enum CSV {
    public static func parse(_ text: String, file: String) -> (records: [CSVRecord], problems: [InputProblem]) {
        var records: [CSVRecord] = []
        var problems: [InputProblem] = []
        var fields: [String] = []
        var field: [Unicode.Scalar] = []
        var line = 1
        var recordLine = 1
        var inQuotes = false
        var wasQuoted = false
        var afterQuote = false
        var quoteLine = 1
        var badRecord = false
        /// The first record's fields: the header that names columns in problems.
        var header: [String]?
        let scalars = Array(text.unicodeScalars)
        var i = 0

        func finishField() {
            var s = String(String.UnicodeScalarView(field))
            if !wasQuoted { s = s.trimmingSpaces() }
            fields.append(s)
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
            afterQuote = false
        }
        func finishRecord() {
            finishField()
            // Excel writes rows of bare commas for emptied lines: blank too.
            let blank = fields.allSatisfy { $0.isEmpty }
            if !blank && header == nil { header = fields }
            if !blank && !badRecord { records.append(CSVRecord(line: recordLine, fields: fields)) }
            fields.removeAll(keepingCapacity: true)
            badRecord = false
        }
        func problem(_ zh: String, _ en: String, at l: Int) {
            // One fault, one message: a record already reported is dropped whole.
            guard !badRecord else { return }
            let column = fields.count
            let field = header.flatMap { column < $0.count ? $0[column] : nil } ?? ""
            problems.append(InputProblem(
                file: file, line: l, field: field,
                problem: Bilingual(zh: zh, en: en),
                remedy: Bilingual(zh: "含逗号、引号或换行的内容须整体放在英文双引号中，内容里的双引号写成两个（\"\"）",
                                  en: "put a value holding commas, quotes or line breaks in double quotes, and double any quote inside it (\"\")")))
            badRecord = true
        }

        while i < scalars.count {
            let c = scalars[i]
            if inQuotes {
                if c == "\"" {
                    if i + 1 < scalars.count && scalars[i + 1] == "\"" {
                        field.append("\""); i += 2; continue
                    }
                    inQuotes = false
                    afterQuote = true
                } else {
                    if c == "\n" { line += 1 }
                    if c == "\r" && !(i + 1 < scalars.count && scalars[i + 1] == "\n") { line += 1 }
                    field.append(c)
                }
                i += 1
                continue
            }
            switch c {
            case ",":
                finishField()
            case "\r", "\n":
                if c == "\r" && i + 1 < scalars.count && scalars[i + 1] == "\n" { i += 1 }
                finishRecord()
                line += 1
                recordLine = line
            case "\"":
                if field.allSatisfy({ $0 == " " }) && !afterQuote && !wasQuoted {
                    field.removeAll()
                    inQuotes = true
                    wasQuoted = true
                    quoteLine = line
                } else {
                    problem("字段中间出现了未成对的英文双引号", "a double quote appears inside an unquoted field", at: line)
                    field.append(c)
                }
            default:
                if afterQuote {
                    if c == " " || c == "\t" { break }
                    problem("引号结束后、逗号之前还有其他字符", "characters follow a closing quote before the next comma", at: line)
                    afterQuote = false
                }
                field.append(c)
            }
            i += 1
        }
        if inQuotes {
            problem("引号从这一行开始，直到文件末尾都没有闭合", "a quoted field opened on this line never closes", at: quoteLine)
        } else if !field.isEmpty || !fields.isEmpty {
            finishRecord()
        }
        return (records, problems)
    }

    /// One CSV field, quoted when it must be: when it holds a comma, quote or
    /// line break, or starts or ends with a space the reader would trim.
    /// Looks at scalars, since a String's CRLF is one Character, neither "\r" nor "\n".
    public static func escape(_ value: String) -> String {
        let scalars = value.unicodeScalars
        let special = scalars.contains { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }
        let trimmed: Set<Unicode.Scalar> = [" ", "\t", "\u{3000}"]
        let padded = scalars.first.map(trimmed.contains) == true || scalars.last.map(trimmed.contains) == true
        guard special || padded else { return value }
        var quoted = String.UnicodeScalarView()
        quoted.append("\"")
        for c in scalars {
            quoted.append(c)
            if c == "\"" { quoted.append("\"") }
        }
        quoted.append("\"")
        return String(quoted)
    }

    /// A whole CSV document with CRLF line ends (what Excel expects).
    public static func render(header: [String], rows: [[String]]) -> String {
        var out = header.map(escape).joined(separator: ",") + "\r\n"
        for r in rows { out += r.map(escape).joined(separator: ",") + "\r\n" }
        return out
    }
}

extension String {
    func trimmingSpaces() -> String {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\u{3000}" }
        guard let first = firstIndex(where: { !isSpace($0) }) else { return "" }
        let last = lastIndex(where: { !isSpace($0) })!
        return String(self[first...last])
    }
}
