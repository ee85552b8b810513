/// The 18-character resident identity number of GB 11643-1999
/// (公民身份号码): 6-digit address code, 8-digit birth date, 3-digit
/// sequence (odd for men), and an ISO 7064 MOD 11-2 check character.
///
///     ResidentID.validate("11010519491231002X") == nil   // the standard's own example
public enum ResidentID {
    public enum Problem: Hashable, Sendable {
        case wrongLength(Int)
        case notDigits
        case badBirthDate
        /// The check character that the first 17 digits call for.
        case checkDigit(expected: Character)
    }

    /// True for what Excel makes of an ID once it takes it for a number:
    /// scientific notation (`4.11328E+17`), or the 15 significant digits
    /// it keeps followed by zeros (`411302198709150000`, whose check fails).
    public static func isExcelDamaged(_ text: String) -> Bool {
        if looksLikeScientific(text) { return true }
        if case .checkDigit = validate(text) { return text.hasSuffix("000") }
        return false
    }

    private static func looksLikeScientific(_ text: String) -> Bool {
        let upper = text.uppercased()
        guard let e = upper.firstIndex(of: "E") else { return false }
        let mantissa = upper[..<e], exponent = upper[upper.index(after: e)...]
        let digitsAndPoint = mantissa.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ".") }
        let exp = exponent.drop { $0 == "+" }
        return !mantissa.isEmpty && digitsAndPoint && mantissa.contains(".")
            && !exp.isEmpty && exp.allSatisfy { $0.isASCII && $0.isNumber }
    }

    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters: [Character] = ["1", "0", "X", "9", "8", "7", "6", "5", "4", "3", "2"]

    /// Nil when valid. A lower-case x is accepted as X.
    public static func validate(_ id: String) -> Problem? {
        let chars = Array(id)
        guard chars.count == 18 else { return .wrongLength(chars.count) }
        var digits: [Int] = []
        for c in chars.prefix(17) {
            guard let v = c.wholeNumberValue, c.isASCII else { return .notDigits }
            digits.append(v)
        }
        let last = chars[17] == "x" ? "X" : chars[17]
        guard last == "X" || (last.isASCII && last.wholeNumberValue != nil) else { return .notDigits }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        let month = digits[10] * 10 + digits[11]
        let day = digits[12] * 10 + digits[13]
        guard year >= 1900, Day(year: year, month: month, day: day) != nil else { return .badBirthDate }
        let expected = checkCharacter(digits)
        return last == expected ? nil : .checkDigit(expected: expected)
    }

    /// The birth date coded in digits 7–14, for an ID `validate` accepts.
    public static func birthDate(_ id: String) -> Day? {
        let digits = Array(id).prefix(14).compactMap(\.wholeNumberValue)
        guard digits.count == 14 else { return nil }
        let year = digits[6...9].reduce(0) { $0 * 10 + $1 }
        return Day(year: year, month: digits[10] * 10 + digits[11], day: digits[12] * 10 + digits[13])
    }

    /// The check character for 17 digits.
    public static func checkCharacter(_ first17: [Int]) -> Character {
        let sum = zip(first17, weights).reduce(0) { $0 + $1.0 * $1.1 }
        return checkCharacters[sum % 11]
    }

    /// Gender coded in the sequence digits (odd = 男).
    public static func gender(_ id: String) -> Gender? {
        let chars = Array(id)
        guard chars.count == 18, let v = chars[16].wholeNumberValue else { return nil }
        return v % 2 == 1 ? .male : .female
    }

    /// `411328********1234`: what may be printed of an ID by default.
    public static func masked(_ id: String) -> String {
        let chars = Array(id)
        guard chars.count > 10 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(6)) + String(repeating: "*", count: chars.count - 10) + String(chars.suffix(4))
    }
}

/// A mainland China phone number as a clerk writes it: a mobile of 11
/// digits starting with 1 (`13808312310`, also `+86 138 0831 2310`), or a
/// landline with its area code (`0377-63123456`, `037763123456`; an
/// extension after `-` or `转` is kept). Spaces and hyphens are allowed.
///
///     PhoneNumber.validate("1380831231") == .mobileLength(10)
public enum PhoneNumber {
    public enum Problem: Hashable, Sendable {
        /// Starts with 1 but does not have 11 digits.
        case mobileLength(Int)
        /// Starts with 0 but is not a 3–4 digit area code and 7–8 digits.
        case landline(Int)
        /// Neither: a number with no area code, letters, or an Excel number.
        case notAPhone
    }

    public static func validate(_ phone: String) -> Problem? {
        var text = Substring(phone)
        for ext in ["转", "ext", "EXT", "#"] {
            if let r = text.firstRange(of: ext) { text = text[..<r.lowerBound] }
        }
        var digits = text.filter { $0 != " " && $0 != "-" && $0 != "(" && $0 != ")" && $0 != "\u{3000}" }
        if digits.hasPrefix("+86") { digits.removeFirst(3) }
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return .notAPhone }
        if digits.hasPrefix("86") && digits.count == 13 { digits.removeFirst(2) }
        if digits.hasPrefix("1") {
            return digits.count == 11 ? nil : .mobileLength(digits.count)
        }
        if digits.hasPrefix("0") {
            // 010, 02x: 3-digit area codes with 8-digit numbers; 0xxx: 4 digits with 7 or 8: 11–12 in all.
            return (11...12).contains(digits.count) ? nil : .landline(digits.count)
        }
        return .notAPhone
    }
}

/// Phone numbers as they may be printed by default: `138****5678`.
public enum PhoneMask {
    public static func masked(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }
}
