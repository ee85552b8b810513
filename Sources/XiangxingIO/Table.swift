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
    private let position: [String: Int]
    private let headerName: [String: String]

    public init(file: String, text: String, columns: [Column], problems: inout [InputProblem]) {
        self.file = file
        let parsed = CSV.parse(text, file: file)
        problems += parsed.problems
        guard let header = parsed.records.first else {
            problems.append(InputProblem(
                file: file, line: 1, field: "",
                problem: Bilingual(zh: "文件是空的，缺少表头", en: "the file is empty: no header row"),
                remedy: Bilingual(zh: "第一行写列名：" + columns.filter(\.required).map(\.key).joined(separator: ","),
                                  en: "put the column names on the first line: " + columns.filter(\.required).map(\.key).joined(separator: ","))))
            self.records = []; self.position = [:]; self.headerName = [:]
            return
        }
        var position: [String: Int] = [:]
        var headerName: [String: String] = [:]
        for (i, raw) in header.fields.enumerated() {
            let name = raw.trimmingSpaces()
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
        self.records = Array(parsed.records.dropFirst())
        self.position = position
        self.headerName = headerName
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
    public init(_ table: Table) { self.table = table }

    public mutating func text(_ r: CSVRecord, _ key: String, required: Bool = true) -> String? {
        let v = table.value(r, key)
        if v.isEmpty && required && table.has(key) {
            problems.append(table.problem(r, key, "不能为空", "must not be empty",
                                          fix: "请填写", "fill it in"))
            return nil
        }
        return v
    }

    public mutating func integer(_ r: CSVRecord, _ key: String, min: Int = 0, required: Bool = true) -> Int? {
        let v = table.value(r, key)
        if v.isEmpty && !required { return nil }
        guard let n = Int(v), n >= min else {
            problems.append(table.problem(r, key, "“\(v)”不是不小于 \(min) 的整数", "\"\(v)\" is not a whole number ≥ \(min)",
                                          fix: "请填写整数，例如 \(Swift.max(min, 1))", "write a whole number such as \(Swift.max(min, 1))"))
            return nil
        }
        return n
    }

    public mutating func number(_ r: CSVRecord, _ key: String, within range: ClosedRange<Double>? = nil,
                                required: Bool = true) -> Double? {
        let v = table.value(r, key)
        if v.isEmpty && !required { return nil }
        guard let n = Double(v), n.isFinite, range?.contains(n) ?? true else {
            let span = range.map { "（\($0.lowerBound) 至 \($0.upperBound)）" } ?? ""
            let spanEn = range.map { " (\($0.lowerBound) to \($0.upperBound))" } ?? ""
            problems.append(table.problem(r, key, "“\(v)”不是有效的数值\(span)", "\"\(v)\" is not a valid number\(spanEn)",
                                          fix: "请填写数字，小数点用英文句点", "write a number with a full stop as decimal point"))
            return nil
        }
        return n
    }

    public mutating func day(_ r: CSVRecord, _ key: String) -> Day? {
        let v = table.value(r, key)
        guard let d = Day(iso: v) else {
            problems.append(table.problem(r, key, "“\(v)”不是有效日期", "\"\(v)\" is not a valid date",
                                          fix: "日期写成 YYYY-MM-DD，例如 2019-09-12", "write dates as YYYY-MM-DD, e.g. 2019-09-12"))
            return nil
        }
        return d
    }

    public mutating func yesNo(_ r: CSVRecord, _ key: String) -> Bool? {
        let v = table.value(r, key)
        switch v.lowercased() {
        case "yes", "y", "true", "1", "是", "允许": return true
        case "no", "n", "false", "0", "否", "不允许": return false
        default:
            problems.append(table.problem(r, key, "“\(v)”不是“是/否”", "\"\(v)\" is not yes or no",
                                          fix: "填写 yes 或 no（也可写 是 / 否）", "write yes or no (是 / 否 also accepted)"))
            return nil
        }
    }

    public mutating func add(_ r: CSVRecord, _ key: String, _ zh: String, _ en: String, fix zhFix: String, _ enFix: String) {
        problems.append(table.problem(r, key, zh, en, fix: zhFix, enFix))
    }
}

/// `;`-separated list inside one field (the contract's list separator;
/// the Chinese full-width ； and 、 are accepted too).
func splitList(_ s: String) -> [String] {
    s.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" })
        .map { String($0).trimmingSpaces() }.filter { !$0.isEmpty }
}
