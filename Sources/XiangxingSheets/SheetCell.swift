/// One cell of a worksheet as the file stores it, with enough beside its text for a
/// reader to judge it: what kind of value Excel kept, the stored value itself and the
/// number format the cell is shown with.
public struct SheetCell: Sendable, Equatable {
    public enum Kind: String, Sendable, Equatable {
        /// a shared string, an inline string or a formula's text result
        case text
        /// a number shown with a non-date format (`raw` is the stored value, e.g. `4.11302199003151E+017`)
        case number
        /// a number shown with a date format: `text` is the ISO date `YYYY-MM-DD`
        case date
        /// `TRUE` / `FALSE`
        case boolean
        /// an error value such as `#N/A`
        case error
    }

    /// 1-based column (A = 1).
    public var column: Int
    public var kind: Kind
    /// The value as stored in the file: the string for text, the `<v>` text for numbers,
    /// dates (the serial), booleans (`0`/`1`) and errors.
    public var raw: String
    /// The cell's number format code (`General`, `yyyy\-mm\-dd`, `@`, …), nil when the
    /// workbook gives none.
    public var formatCode: String?
    /// What the cell means as text: the string itself; a date as `YYYY-MM-DD`; a whole
    /// number below 10^15 as plain digits (`13837712345`), any other number as stored;
    /// `TRUE`/`FALSE`; an error as stored. Empty for an empty date the workbook cannot
    /// place (see `problem`).
    public var text: String
    /// Set when the stored value cannot be read as its format says: a date serial before
    /// 1900-01-01, Excel's phantom 1900-02-29 (serial 60), or a date past 9999-12-31.
    public var problem: ExcelDate.DateProblem?

    public init(column: Int, kind: Kind, raw: String, formatCode: String?, text: String, problem: ExcelDate.DateProblem? = nil) {
        self.column = column
        self.kind = kind
        self.raw = raw
        self.formatCode = formatCode
        self.text = text
        self.problem = problem
    }

    /// The digits of an identifier (resident ID, phone, student number) if the cell
    /// holds them exactly: a text cell's text, or a number cell whose stored value is a
    /// whole number of at most 15 digits. Nil for a number Excel may have rounded: Excel
    /// keeps 15 significant digits, so an 18-digit resident ID typed as a number is
    /// stored as `4.11302199003151E+017` and its last digits are gone for good — the
    /// reader must refuse it and ask for the column to be formatted as text.
    public var exactIdentifier: String? {
        switch kind {
        case .text: return text
        case .number: return SheetNumber.exactInteger(raw).map { String($0) }
        case .date, .boolean, .error: return nil
        }
    }

    /// True for a number cell whose value is too long to be exact (see `exactIdentifier`):
    /// the usual sign of an ID Excel has turned into a number.
    public var isRoundedNumber: Bool {
        kind == .number && SheetNumber.exactInteger(raw) == nil && SheetNumber.isLargeOrExponent(raw)
    }
}

/// A row of a worksheet: its 1-based row number in the sheet and its non-empty cells in
/// column order.
public struct SheetRow: Sendable, Equatable {
    public var number: Int
    public var cells: [SheetCell]

    public init(number: Int, cells: [SheetCell]) {
        self.number = number
        self.cells = cells
    }

    public func cell(column: Int) -> SheetCell? {
        cells.first { $0.column == column }
    }

    /// The row as strings from column A to its last non-empty cell, empty strings for
    /// the gaps (the shape a CSV reader gives).
    public var strings: [String] {
        guard let last = cells.map(\.column).max() else { return [] }
        var out = Array(repeating: "", count: last)
        for cell in cells { out[cell.column - 1] = cell.text }
        return out
    }
}

/// One worksheet: its name as the workbook's tab shows it and its rows with content, in
/// order (empty rows are left out; `SheetRow.number` keeps the sheet's numbering).
public struct Sheet: Sendable, Equatable {
    public var name: String
    public var rows: [SheetRow]

    public init(name: String, rows: [SheetRow]) {
        self.name = name
        self.rows = rows
    }
}

enum SheetNumber {
    /// The whole number a stored value denotes, if it is one of at most 15 digits (Excel's
    /// precision): `13837712345`, `1.3837712345E+10`, `4113.0`. Nil for fractions,
    /// larger numbers and anything that is not a number.
    static func exactInteger(_ raw: String) -> Int64? {
        guard let (digits, exponent, negative) = decompose(raw) else { return nil }
        // value = digits × 10^exponent
        var significant = digits
        var exp = exponent
        while significant.count > 1, significant.last == "0", exp < 0 {
            significant.removeLast()
            exp += 1
        }
        if significant.allSatisfy({ $0 == "0" }) { return 0 }
        guard exp >= 0 else { return nil }
        let trimmed = String(significant.drop(while: { $0 == "0" }))
        guard trimmed.count + exp <= 15 else { return nil }
        guard var value = Int64(trimmed) else { return nil }
        for _ in 0..<exp { value *= 10 }
        return negative ? -value : value
    }

    /// True when the stored value has an exponent or more than 15 digits before its point.
    static func isLargeOrExponent(_ raw: String) -> Bool {
        if raw.contains("E") || raw.contains("e") { return true }
        let intPart = raw.split(separator: ".", omittingEmptySubsequences: false).first ?? ""
        return intPart.filter(\.isNumber).count > 15
    }

    /// Splits `-1.25E+3` into digits `125`, exponent `1`, negative.
    private static func decompose(_ raw: String) -> (String, Int, Bool)? {
        var s = Substring(raw.trimmingSpaces())
        var negative = false
        if s.first == "-" { negative = true; s = s.dropFirst() } else if s.first == "+" { s = s.dropFirst() }
        var exponent = 0
        if let e = s.firstIndex(where: { $0 == "E" || $0 == "e" }) {
            guard let ex = Int(s[s.index(after: e)...].replacingPlus()) else { return nil }
            exponent = ex
            s = s[..<e]
        }
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !s.isEmpty else { return nil }
        let intPart = parts[0]
        let fracPart = parts.count == 2 ? parts[1] : ""
        guard (intPart + fracPart).allSatisfy({ $0.isASCII && $0.isNumber }), !(intPart + fracPart).isEmpty else { return nil }
        return (String(intPart + fracPart), exponent - fracPart.count, negative)
    }
}

extension StringProtocol {
    func trimmingSpaces() -> String {
        String(self.drop(while: { $0 == " " }).reversed().drop(while: { $0 == " " }).reversed())
    }

    fileprivate func replacingPlus() -> String {
        first == "+" ? String(dropFirst()) : String(self)
    }
}
