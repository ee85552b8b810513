/// A Chinese personal name split into surname (姓) and given name (名), the
/// way a 签到表 sorts it.
///
/// The surname is a compound surname (复姓) from `Data/surnames.tsv` when the
/// name starts with one and is longer than it, otherwise the first character:
///
/// ```swift
/// PersonName("欧阳娜娜").surname   // "欧阳"
/// PersonName("欧阳").surname       // "欧" (a two-character name: 欧 + 阳)
/// PersonName("单雄").surname       // "单"
/// PersonName("阿依古丽·买买提").surname   // "" (kept whole as the given name)
/// ```
///
/// Names with a middle dot (·, ‧, •, ・: transcribed minority and foreign
/// names) and names that do not start with a Han character have no surname
/// in this sense: the whole name is the given name, and sorting files it by
/// its first character.
public struct PersonName: Sendable, Equatable {
    /// The name as written (surrounding whitespace removed).
    public let full: String
    /// 姓: "", one character, or a compound surname.
    public let surname: String
    /// 名: the rest of the name, without spaces.
    public let given: String
    /// The attendee's own romanisation, e.g. from a pinyin column of
    /// attendees.csv: "Shàn Xióng", "shan4 xiong2", "Ouyang Nana". When
    /// present, its surname part decides the surname's reading.
    public let explicitPinyin: String?

    /// Middle dots used between the parts of transcribed names.
    static let separators: Set<UInt32> = [0x00B7, 0x2027, 0x2022, 0x30FB, 0xFF65, 0xFF0E]

    // Works on scalars, not Characters: a roster sorts thousands of names and
    // Character-level String operations are slow in debug builds. Han
    // characters are one scalar each.
    public init(_ full: String, explicitPinyin: String? = nil, data: NameData = .standard) {
        let scalars = Array(full.unicodeScalars)
        let start = scalars.firstIndex { !$0.properties.isWhitespace } ?? scalars.endIndex
        let end = (scalars.lastIndex { !$0.properties.isWhitespace } ?? -1) + 1
        let trimmed = start < end ? scalars[start..<end] : []
        self.full = Self.string(trimmed)
        let pinyin = explicitPinyin?.trimmingWhitespace
        self.explicitPinyin = (pinyin?.isEmpty ?? true) ? nil : pinyin
        let compact = trimmed.filter { !$0.properties.isWhitespace }
        guard let first = compact.first, first.isHan, !compact.contains(where: { Self.separators.contains($0.value) })
        else {
            self.surname = ""
            self.given = Self.string(compact[...])
            return
        }
        var surnameLength = 1
        if data.compoundInitials.contains(first.value) {
            for length in data.compoundLengths where compact.count > length {
                if data.surnames[Self.string(compact[..<length])] != nil {
                    surnameLength = length
                    break
                }
            }
        }
        self.surname = Self.string(compact[..<surnameLength])
        self.given = Self.string(compact[surnameLength...])
    }

    private static func string(_ scalars: ArraySlice<Unicode.Scalar>) -> String {
        var text = String.UnicodeScalarView()
        text.append(contentsOf: scalars)
        return String(text)
    }

    /// The characters sorting treats as the surname: the surname, or for a
    /// name without one, its first character.
    var sortingSurname: Substring {
        surname.isEmpty ? given.prefix(1) : Substring(surname)
    }

    /// The characters after `sortingSurname`.
    var sortingGiven: Substring {
        surname.isEmpty ? given.dropFirst() : Substring(given)
    }
}

extension Unicode.Scalar {
    /// CJK Unified Ideographs (with extensions), compatibility ideographs and 〇.
    var isHan: Bool {
        switch value {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: return true
        default: return false
        }
    }
}

extension String {
    var trimmingWhitespace: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
