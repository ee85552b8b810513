/// A pinyin reading reduced to what sorting needs: the letters, then the
/// tones. Comparing letters first and tones second is the dictionary order
/// of pinyin (shā < shān < shàn < shàng), whatever way the reading was
/// written: "Shàn", "shan4" and "SHAN 4" all become letters "shan", tones "4".
///
/// ```swift
/// PinyinReading(written: "Ōuyáng")   // letters "ouyang", tones "12"
/// PinyinReading(written: "Dan")      // letters "dan", tones "" (tone unknown)
/// ```
struct PinyinReading: Sendable, Equatable {
    /// Lower-case ASCII letters; ü is written v (so lu < lü, as in dictionaries).
    var letters: String
    /// One digit 1...5 per syllable whose tone is known, in order. A reading
    /// with no tones sorts before the same letters with tones.
    var tones: String

    init(letters: String, tones: String) {
        self.letters = letters
        self.tones = tones
    }

    /// Reads pinyin written with tone marks, tone numbers or neither; spaces,
    /// hyphens, apostrophes and anything else that is not a letter are dropped.
    init(written text: String) {
        var letters = "", tones = ""
        for scalar in text.lowercased().pinyinDecomposedScalars {
            switch scalar.value {
            case 0x61...0x7A: letters.unicodeScalars.append(scalar)
            case 0x31...0x35: tones.unicodeScalars.append(scalar)
            case 0x0304: tones += "1"  // macron ā
            case 0x0301: tones += "2"  // acute á
            case 0x030C: tones += "3"  // caron ǎ
            case 0x0300: tones += "4"  // grave à
            case 0x0308:  // diaeresis: ü → v
                if letters.last == "u" { letters.removeLast(); letters += "v" }
            default: break
            }
        }
        self.init(letters: letters, tones: tones)
    }

    /// Joins readings syllable by syllable: 欧 + 阳 = "ouyang", "12".
    init(_ parts: [PinyinReading]) {
        self.init(letters: parts.map(\.letters).joined(), tones: parts.map(\.tones).joined())
    }

    /// "shan4", "lv3", "ma5": lower-case letters ending in one tone digit.
    static func isNumberedSyllable(_ text: String) -> Bool {
        guard let tone = text.unicodeScalars.last, (0x31...0x35).contains(tone.value) else { return false }
        let letters = text.unicodeScalars.dropLast()
        return !letters.isEmpty && letters.allSatisfy { (0x61...0x7A).contains($0.value) }
    }

    /// Bytes whose plain order is the order described above: the letters,
    /// 0x01, the tones, 0x00. Letters and digits are ASCII, so byte order is
    /// alphabetical order; the two low separators make a shorter reading
    /// ("sha") sort before a longer one it begins ("shan").
    var sortKey: [UInt8] {
        Array(letters.utf8) + [0x01] + Array(tones.utf8) + [0x00]
    }
}

extension String {
    /// The scalars with pinyin's accented vowels decomposed (NFD) into a
    /// base letter and combining marks; other scalars pass through.
    fileprivate var pinyinDecomposedScalars: [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        for scalar in unicodeScalars {
            if let (base, mark) = Self.pinyinDecomposition[scalar] {
                out.append(base)
                out.append(contentsOf: mark)
            } else {
                out.append(scalar)
            }
        }
        return out
    }

    /// Precomposed pinyin vowels → base letter and combining marks.
    private static let pinyinDecomposition: [Unicode.Scalar: (Unicode.Scalar, [Unicode.Scalar])] = {
        let marks: [(Character, Unicode.Scalar)] = [("1", "\u{0304}"), ("2", "\u{0301}"), ("3", "\u{030C}"), ("4", "\u{0300}")]
        let table: [(String, Character)] = [
            ("āáǎà", "a"), ("ēéěè", "e"), ("īíǐì", "i"), ("ōóǒò", "o"), ("ūúǔù", "u"), ("ǖǘǚǜ", "ü"),
        ]
        var map: [Unicode.Scalar: (Unicode.Scalar, [Unicode.Scalar])] = [:]
        for (vowels, base) in table {
            for (vowel, (_, mark)) in zip(vowels.unicodeScalars, marks) {
                if base == "ü" {
                    map[vowel] = ("u", ["\u{0308}", mark])
                } else {
                    map[vowel] = (base.unicodeScalars.first!, [mark])
                }
            }
        }
        map["ü"] = ("u", ["\u{0308}"])
        // ḿ, ń, ň, ǹ (m̄ has no precomposed form)
        map["ḿ"] = ("m", ["\u{0301}"])
        map["ń"] = ("n", ["\u{0301}"])
        map["ň"] = ("n", ["\u{030C}"])
        map["ǹ"] = ("n", ["\u{0300}"])
        return map
    }()
}
