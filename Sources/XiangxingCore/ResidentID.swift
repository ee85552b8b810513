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

/// Phone numbers as they may be printed by default: `138****5678`.
public enum PhoneMask {
    public static func masked(_ phone: String) -> String {
        let chars = Array(phone)
        guard chars.count > 7 else { return String(repeating: "*", count: chars.count) }
        return String(chars.prefix(3)) + String(repeating: "*", count: chars.count - 7) + String(chars.suffix(4))
    }
}
