import XiangxingCore

/// A column a scenario file may have: its English key (SCENARIO.md) and the
/// Chinese headers accepted for it. The full list is docs/scenario-format.md.
public struct Column: Sendable {
    public var key: String
    public var aliases: [String]
    public var required: Bool
    public init(_ key: String, _ aliases: [String], required: Bool = true) {
        self.key = key; self.aliases = aliases; self.required = required
    }
}

/// A CSV file read against its expected columns. Field access is by
/// English key whatever header the file used; problems name the header
/// as the file wrote it, so the clerk recognises it.
public struct Table: Sendable {
    public let file: String
    public let records: [CSVRecord]
    /// Rows left out because their shape is wrong (more or fewer fields
    /// than the header, a control character in a field): already reported,
    /// so what refers to them need not be reported again.
    public let rejected: [CSVRecord]
    /// Row problems counted but not kept, past `Table.keptProblems`: a file
    /// of millions of bad rows must not hold millions of messages.
    public let suppressedProblems: Int
    public static let keptProblems = 200
    private let position: [String: Int]
    private let headerName: [String: String]

    /// `lineBreaks: false` (scenario files) refuses a line break inside a
    /// cell too; machine files such as unscheduled.csv may hold them.
    public init(file: String, text: String, columns: [Column], problems: inout [InputProblem],
                lineBreaks: Bool = true) {
        let parsed = CSV.parse(text, file: file)
        problems += parsed.problems
        self.init(file: file, rows: parsed.records, columns: columns, problems: &problems, lineBreaks: lineBreaks)
    }

    /// A table from rows already split into fields (a CSV file parsed, or a
    /// worksheet's rows with their row numbers as lines): the first row is
    /// the header.
    public init(file: String, rows: [CSVRecord], columns: [Column], problems: inout [InputProblem],
                lineBreaks: Bool = true) {
        self.file = file
        guard let header = rows.first else {
            problems.append(InputProblem(
                file: file, line: 1, field: "",
                problem: Bilingual(zh: "文件是空的，缺少表头", en: "the file is empty: no header row"),
                remedy: Bilingual(zh: "第一行写列名：" + columns.filter(\.required).map(\.key).joined(separator: ","),
                                  en: "put the column names on the first line: " + columns.filter(\.required).map(\.key).joined(separator: ","))))
            self.records = []; self.rejected = []; self.suppressedProblems = 0; self.position = [:]; self.headerName = [:]
            return
        }
        var position: [String: Int] = [:]
        var headerName: [String: String] = [:]
        let headerNames = header.fields.map {
            String(String.UnicodeScalarView($0.unicodeScalars.filter { !Table.isForbidden($0) })).trimmingSpaces()
        }
        if let p = Table.shapeProblem(header, header: headerNames, file: file, lineBreaks: lineBreaks) {
            problems.append(p)
        }
        for (i, raw) in header.fields.enumerated() {
            // Matched without the invisible character just reported.
            let name = String(String.UnicodeScalarView(raw.unicodeScalars.filter { !Table.isForbidden($0) })).trimmingSpaces()
            let folded = name.lowercased()
            guard let column = columns.first(where: { $0.key == folded || $0.aliases.contains(name) }) else { continue }
            if let earlier = headerName[column.key] {
                problems.append(InputProblem(
                    file: file, line: header.line, field: name,
                    problem: Bilingual(zh: "与“\(earlier)”是同一列（\(column.key)），出现了两次",
                                       en: "is the same column (\(column.key)) as \"\(earlier)\", given twice"),
                    remedy: Bilingual(zh: "删去其中一列", en: "delete one of the two columns")))
                continue
            }
            position[column.key] = i
            headerName[column.key] = name
        }
        for c in columns where c.required && position[c.key] == nil {
            let accepted = ([c.key] + c.aliases).joined(separator: " / ")
            problems.append(InputProblem(
                file: file, line: header.line, field: c.key,
                problem: Bilingual(zh: "缺少必需的列", en: "a required column is missing"),
                remedy: Bilingual(zh: "在表头加上这一列（可写作 \(accepted)）", en: "add this column to the header (accepted names: \(accepted))")))
        }
        var records: [CSVRecord] = []
        var rejected: [CSVRecord] = []
        var kept = 0, suppressed = 0
        for r in rows.dropFirst() {
            if let p = Table.shapeProblem(r, header: headerNames, file: file, lineBreaks: lineBreaks) {
                if kept < Table.keptProblems { problems.append(p); kept += 1 } else { suppressed += 1 }
                rejected.append(r)
            } else {
                records.append(r)
            }
        }
        self.records = records
        self.rejected = rejected
        self.suppressedProblems = suppressed
        self.position = position
        self.headerName = headerName
    }

    /// A row whose fields do not line up with the header, or a field with
    /// a character no clerk typed (NUL, ESC, a byte-order mark, a line
    /// break inside a name): one problem for the row, its first fault.
    static func shapeProblem(_ r: CSVRecord, header: [String], file: String, lineBreaks: Bool) -> InputProblem? {
        let n = r.fields.count, m = header.count
        // Even empty extra fields: `汽车维修,配件,` shifts 配件 into the next
        // column and leaves an empty one over. Excel writes every row (the
        // header included) to the same width, so its files never differ.
        if n > m {
            return InputProblem(
                file: file, line: r.line, field: "",
                problem: Bilingual(zh: "这一行有 \(n) 个字段，表头只有 \(m) 列（多出的内容会错位到别的列）",
                                   en: "this row has \(n) fields but the header has \(m) columns (the values would shift into other columns)"),
                remedy: Bilingual(zh: "内容中的逗号请改用中文逗号“，”，或把整格放在英文双引号中；Excel/WPS 另存为 CSV 会自动加引号",
                                  en: "write commas inside a value as the Chinese ，, or put the value in double quotes; Excel/WPS Save As CSV does this"))
        }
        if n < m {
            return InputProblem(
                file: file, line: r.line, field: header[n],
                problem: Bilingual(zh: "这一行只有 \(n) 个字段，表头有 \(m) 列（从“\(header[n])”起缺失，可能少了逗号）",
                                   en: "this row has only \(n) fields but the header has \(m) columns (missing from \"\(header[n])\" on: a comma lost?)"),
                remedy: Bilingual(zh: "补齐这一行：空着的格也要留逗号",
                                  en: "complete the row: an empty cell still needs its comma"))
        }
        for (i, field) in r.fields.enumerated() {
            guard let bad = field.unicodeScalars.first(where: {
                isForbidden($0) && !(lineBreaks && ($0 == "\n" || $0 == "\r" || $0 == "\t"))
            }) else { continue }
            let name = i < m ? header[i] : ""
            let code = "U+" + String(bad.value, radix: 16, uppercase: true).leftPadded(to: 4)
            let what: Bilingual
            switch bad {
            case "\n", "\r", "\u{2028}", "\u{2029}": what = Bilingual(zh: "换行", en: "a line break")
            case "\u{FEFF}": what = Bilingual(zh: "字节顺序标记 BOM", en: "a byte-order mark (BOM)")
            case "\t": what = Bilingual(zh: "制表符", en: "a tab")
            case "\u{0}": what = Bilingual(zh: "空字符 NUL", en: "a NUL")
            case "\u{1B}": what = Bilingual(zh: "ESC", en: "an ESC")
            default: what = Bilingual(zh: "控制字符", en: "a control character")
            }
            let lineBreak = bad == "\n" || bad == "\r" || bad == "\u{2028}" || bad == "\u{2029}"
            return InputProblem(
                file: file, line: r.line, field: name,
                problem: Bilingual(zh: "含有看不见的字符：\(what.zh)（\(code)）", en: "holds an invisible character: \(what.en) (\(code))"),
                remedy: lineBreak
                    ? Bilingual(zh: "删去格内的换行（Excel 中是 Alt+Enter 输入的）", en: "delete the line break inside the cell (Alt+Enter in Excel)")
                    : Bilingual(zh: "重新输入这一格（这种字符看不见，多半来自复制粘贴或别的程序导出）",
                                en: "retype the cell (such characters are invisible; they come from copy-paste or another program's export)"))
        }
        return nil
    }

    /// C0 and C1 controls (tab included), DEL, line and paragraph
    /// separators, and U+FEFF, which shows as nothing and makes `T010`
    /// differ from `T010`.
    static func isForbidden(_ c: Unicode.Scalar) -> Bool {
        c.value < 0x20 || (0x7F...0x9F).contains(c.value) || c == "\u{FEFF}" || c == "\u{2028}" || c == "\u{2029}"
    }

    public func has(_ key: String) -> Bool { position[key] != nil }

    /// The field's text, trimmed; "" when the column is absent or the row short.
    public func value(_ record: CSVRecord, _ key: String) -> String {
        guard let i = position[key], i < record.fields.count else { return "" }
        return record.fields[i]
    }

    /// The header as the file wrote it (for messages).
    public func header(_ key: String) -> String { headerName[key] ?? key }

    public func problem(_ record: CSVRecord, _ key: String, _ zh: String, _ en: String,
                        fix zhFix: String, _ enFix: String) -> InputProblem {
        InputProblem(file: file, line: record.line, field: header(key),
                     problem: Bilingual(zh: zh, en: en), remedy: Bilingual(zh: zhFix, en: enFix))
    }
}

/// Field readers that add a located problem and return nil on bad values.
public struct FieldReader {
    public let table: Table
    public var problems: [InputProblem] = []
    /// Problems counted past `Table.keptProblems` and not kept.
    public var suppressed = 0
    public init(_ table: Table) { self.table = table }

    private mutating func record(_ p: InputProblem) {
        if problems.count < Table.keptProblems { problems.append(p) } else { suppressed += 1 }
    }

    public mutating func text(_ r: CSVRecord, _ key: String, required: Bool = true) -> String? {
        let v = table.value(r, key)
        if v.isEmpty && required && table.has(key) {
            record(table.problem(r, key, "不能为空", "must not be empty",
                                          fix: "请填写", "fill it in"))
            return nil
        }
        return v
    }

    /// A whole number in `min...max`; the bound is said in the message, so
    /// `classes` 2,000,000,000 is refused with what is allowed.
    public mutating func integer(_ r: CSVRecord, _ key: String, min: Int = 0, max: Int = 1_000_000,
                                 required: Bool = true) -> Int? {
        let v = table.value(r, key)
        // A missing column was reported once, at the header.
        if !table.has(key) { return nil }
        if v.isEmpty && !required { return nil }
        guard let n = Int(v), n >= min else {
            record(table.problem(r, key, "“\(v)”不是不小于 \(min) 的整数", "\"\(v)\" is not a whole number ≥ \(min)",
                                          fix: "请填写整数，例如 \(Swift.max(min, 1))", "write a whole number such as \(Swift.max(min, 1))"))
            return nil
        }
        guard n <= max else {
            record(table.problem(r, key, "\(n) 超出上限 \(max)", "\(n) exceeds the limit of \(max)",
                                          fix: "填写 \(min) 至 \(max) 之间的整数", "write a whole number from \(min) to \(max)"))
            return nil
        }
        return n
    }

    public mutating func number(_ r: CSVRecord, _ key: String, within range: ClosedRange<Double>? = nil,
                                required: Bool = true) -> Double? {
        let v = table.value(r, key)
        if !table.has(key) { return nil }
        if v.isEmpty && !required { return nil }
        guard let n = Double(v), n.isFinite, range?.contains(n) ?? true else {
            let span = range.map { "（\($0.lowerBound) 至 \($0.upperBound)）" } ?? ""
            let spanEn = range.map { " (\($0.lowerBound) to \($0.upperBound))" } ?? ""
            record(table.problem(r, key, "“\(v)”不是有效的数值\(span)", "\"\(v)\" is not a valid number\(spanEn)",
                                          fix: "请填写数字，小数点用英文句点", "write a number with a full stop as decimal point"))
            return nil
        }
        return n
    }

    public mutating func day(_ r: CSVRecord, _ key: String) -> Day? {
        let v = table.value(r, key)
        if !table.has(key) { return nil }
        guard let d = Day(iso: v) else {
            record(table.problem(r, key, "“\(v)”不是有效日期", "\"\(v)\" is not a valid date",
                                          fix: "日期写成 YYYY-MM-DD，例如 2019-09-12", "write dates as YYYY-MM-DD, e.g. 2019-09-12"))
            return nil
        }
        return d
    }

    public mutating func yesNo(_ r: CSVRecord, _ key: String) -> Bool? {
        let v = table.value(r, key)
        if !table.has(key) { return nil }
        switch v.lowercased() {
        case "yes", "y", "true", "1", "是", "允许": return true
        case "no", "n", "false", "0", "否", "不允许": return false
        default:
            record(table.problem(r, key, "“\(v)”不是“是/否”", "\"\(v)\" is not yes or no",
                                          fix: "填写 yes 或 no（也可写 是 / 否）", "write yes or no (是 / 否 also accepted)"))
            return nil
        }
    }

    public mutating func add(_ r: CSVRecord, _ key: String, _ zh: String, _ en: String, fix zhFix: String, _ enFix: String,
                             severity: InputProblem.Severity = .error) {
        var p = table.problem(r, key, zh, en, fix: zhFix, enFix)
        p.severity = severity
        record(p)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// `;`-separated list inside one field (the contract's list separator;
/// the Chinese full-width ； and 、 are accepted too).
func splitList(_ s: String) -> [String] {
    s.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" })
        .map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
}
