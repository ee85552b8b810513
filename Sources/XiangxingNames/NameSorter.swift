import Foundation
import Synchronization
import XiangxingICU

/// How a roster (签到表) orders names.
public enum NameOrder: Sendable, Equatable {
    /// 按姓氏拼音: by the surname as it is read as a surname (单 Shàn under S,
    /// 曾 Zēng under Z), then by ICU's pinyin order of the given name.
    case pinyin
    /// 按姓氏笔画: by mainland stroke counts and stroke orders.
    case stroke(StrokeCustom)
}

/// The two customs of stroke order for a single given name.
public enum StrokeCustom: Sendable, Equatable {
    /// 姓名笔画: every character counts as written; 田大利 (大, 3 strokes)
    /// comes before 田富 (富, 12).
    case fullName
    /// 姓氏笔画: a single given name counts as a blank where a two-character
    /// given name has its first character, so 田富 comes before 田大利.
    case surnameOnly
}

/// Sorts Chinese personal names the way Chinese readers expect.
///
/// ```swift
/// let sorter = NameSorter(order: .pinyin)
/// sorter.sorted(["尚进", "单雄", "沙宝亮"], name: { $0 }, pinyin: { _ in nil })
/// // ["沙宝亮", "单雄", "尚进"]: shā < shàn < shàng
/// ```
///
/// **Pinyin order.** The key is the surname's reading, then ICU's `zh`
/// (pinyin) order of the surname characters (so 张 and 章, both zhāng, do not
/// mix), then of the given name, then the name's code points. The reading
/// is `Data/surnames.tsv`'s, else ICU's Han-Latin reading of the
/// character; the attendee's own pinyin (`PersonName.explicitPinyin`)
/// changes it only where it reads the surname differently, so a filled
/// `pinyin` column that agrees with the characters moves nobody. Readings
/// compare letters first and tones second, as pinyin dictionaries do.
///
/// **Stroke order.** Characters compare by mainland stroke count, then
/// stroke order (横 竖 撇 点 折, GF 3002-1999), from `Data/strokes.tsv`;
/// the surname's characters come first (a compound surname by its first
/// character, then its second) and all names of one surname stay together.
/// Two characters with the same count and order (己 已 巳) compare by code
/// point. A character missing from the table sorts after every character in
/// it (at the same position), in ICU's `zh@collation=stroke` order.
///
/// Names without a surname (with a middle dot, or not starting with a Han
/// character) are filed by their first character as if it were the surname.
public final class NameSorter: Sendable {
    public let order: NameOrder
    private let data: NameData
    /// Pinyin order: the key bytes of each surname seen (reading, then ICU's
    /// key of the characters). A roster has a few hundred surnames at most,
    /// so this spares most of the ICU calls.
    private let surnameKeys = Mutex<[Substring: [UInt8]]>([:])

    public init(order: NameOrder, data: NameData = .standard) {
        self.order = order
        self.data = data
    }

    /// The items in roster order; items with equal keys keep their order.
    /// `pinyin` returns the attendee's own romanisation, or nil.
    public func sorted<T>(_ items: [T], name: (T) -> String, pinyin: (T) -> String?) -> [T] {
        let keys = items.map { sortKey(name: name($0), pinyin: pinyin($0)) }
        return keys.indices.sorted { lhs, rhs in
            let order = Self.compare(keys[lhs], keys[rhs])
            return order != 0 ? order < 0 : lhs < rhs
        }.map { items[$0] }
    }

    /// Names in roster order.
    public func sorted(_ names: [String]) -> [String] {
        sorted(names, name: { $0 }, pinyin: { _ in nil })
    }

    /// Bytes whose plain lexicographic order is roster order (for a
    /// database column or a merge with other sorted lists).
    public func sortKey(name: String, pinyin: String? = nil) -> [UInt8] {
        sortKey(PersonName(name, explicitPinyin: pinyin, data: data))
    }

    public func sortKey(_ person: PersonName) -> [UInt8] {
        var key: [UInt8]
        switch order {
        case .pinyin: key = pinyinKey(person)
        case .stroke(let custom): key = strokeKey(person, custom: custom)
        }
        key.append(0x00)
        key.append(contentsOf: person.full.utf8)
        return key
    }

    /// memcmp order of two keys, shorter first on a tie: what
    /// `lexicographicallyPrecedes` says, without its per-element cost in
    /// debug builds.
    static func compare(_ a: [UInt8], _ b: [UInt8]) -> Int32 {
        let common = min(a.count, b.count)
        let order = a.withUnsafeBytes { a in
            b.withUnsafeBytes { b in common == 0 ? 0 : memcmp(a.baseAddress!, b.baseAddress!, common) }
        }
        if order != 0 { return order }
        return a.count == b.count ? 0 : a.count < b.count ? -1 : 1
    }

    // MARK: Pinyin

    private func pinyinKey(_ person: PersonName) -> [UInt8] {
        var key = person.explicitPinyin == nil ? cachedSurnameKey(person) : surnameKey(person)
        key += Self.pinyinCollator.sortKey(String(person.sortingGiven))
        return key
    }

    private func cachedSurnameKey(_ person: PersonName) -> [UInt8] {
        if let key = surnameKeys.withLock({ $0[person.sortingSurname] }) { return key }
        let key = surnameKey(person)
        surnameKeys.withLock { $0[person.sortingSurname] = key }
        return key
    }

    /// The reading, ICU's key of the surname characters, 0x00.
    private func surnameKey(_ person: PersonName) -> [UInt8] {
        surnameReading(person).sortKey + Self.pinyinCollator.sortKey(String(person.sortingSurname)) + [0x00]
    }

    /// The surname's reading: the table's or ICU's (`charactersReading`),
    /// unless the attendee's own romanisation reads the name otherwise.
    ///
    /// A romanisation that agrees with the characters — the same letters,
    /// and no tones or the same tones ("Li Kaijin", "Lǐ Kāijìn" and
    /// "li3 kai1 jin4" for 李开进) — gives exactly the characters' reading,
    /// so filling the `pinyin` column for some people and not for others
    /// never moves anyone. Only a different reading decides (单 written
    /// "Dan", not Shàn); written without tones, it takes the tones of the
    /// characters' ICU reading when the letters match it (单 dān), so it
    /// sorts among the other dān.
    func surnameReading(_ person: PersonName) -> PinyinReading {
        let characters = charactersReading(person)
        guard let explicit = person.explicitPinyin else { return characters }
        var written = writtenSurnameReading(explicit, person)
        if Self.agrees(written, characters) { return characters }
        // The whole name read as the characters read (阿依古丽·买买提 written
        // "Ayiguli Maimaiti": no surname, no word per character).
        let whole = PinyinReading(written: explicit)
        let given = PinyinReading(written: Transliteration.pinyin(String(person.sortingGiven), toneless: false))
        if Self.agrees(whole, PinyinReading([characters, given])) { return characters }
        if written.tones.isEmpty, person.sortingSurname.first?.unicodeScalars.first?.isHan == true {
            let icu = PinyinReading(written: Transliteration.pinyin(String(person.sortingSurname), toneless: false))
            if icu.letters == written.letters { written.tones = icu.tones }
        }
        return written
    }

    /// Same letters, and the written tones are either absent or the same.
    private static func agrees(_ written: PinyinReading, _ reading: PinyinReading) -> Bool {
        written.letters == reading.letters && (written.tones.isEmpty || written.tones == reading.tones)
    }

    /// The surname part of the attendee's own romanisation: as many words as
    /// the surname has characters when there is one word per character
    /// ("Ou Yang Na Na"), else the first word ("Ouyang Nana", "Li Kaijin").
    private func writtenSurnameReading(_ explicit: String, _ person: PersonName) -> PinyinReading {
        let words = explicit.split(whereSeparator: \.isWhitespace)
        let characters = person.sortingSurname.count + person.sortingGiven.count
        let surnameWords = words.count == characters && characters > 0
            ? words.prefix(person.sortingSurname.count) : words.prefix(1)
        return PinyinReading(written: surnameWords.joined(separator: " "))
    }

    /// The surname's reading from its characters: `Data/surnames.tsv`, else
    /// ICU's Han-Latin reading, character by character.
    private func charactersReading(_ person: PersonName) -> PinyinReading {
        let surname = person.sortingSurname
        guard let first = surname.first else { return PinyinReading(letters: "", tones: "") }
        if let reading = data.surnames[String(surname)] {
            return PinyinReading(written: reading.syllables.joined(separator: " "))
        }
        guard first.unicodeScalars.first!.isHan else {
            let word = person.full.split(whereSeparator: \.isWhitespace).first ?? ""
            return PinyinReading(written: String(word))
        }
        return PinyinReading(surname.map { character in
            if let reading = data.surnames[String(character)] {
                return PinyinReading(written: reading.syllables.joined())
            }
            return PinyinReading(written: Transliteration.pinyin(String(character), toneless: false))
        })
    }

    // MARK: Strokes

    private func strokeKey(_ person: PersonName, custom: StrokeCustom) -> [UInt8] {
        var key: [UInt8] = []
        for scalar in person.sortingSurname.unicodeScalars { appendStrokeElement(scalar, to: &key) }
        key.append(0x00)  // end of surname: 欧 + given sorts before 欧阳 + given
        if custom == .surnameOnly, !person.surname.isEmpty, person.sortingGiven.count == 1 {
            key.append(0x01)  // the blank of 姓氏笔画: before any character
        }
        for scalar in person.sortingGiven.unicodeScalars { appendStrokeElement(scalar, to: &key) }
        return key
    }

    /// A character in the table: 0x02, count, order digits, code point (3 bytes).
    /// Two such elements with the same count have the same length, so the
    /// bytes compare field by field. A character not in the table: 0x03,
    /// ICU's primary stroke-collation weights, 0x00, code point.
    private func appendStrokeElement(_ character: Unicode.Scalar, to key: inout [UInt8]) {
        let scalar = character.value
        if let entry = data.strokesByScalar[scalar] {
            key.append(0x02)
            key.append(UInt8(entry.count))
            key.append(contentsOf: entry.order)
        } else {
            key.append(0x03)
            let icu = Self.strokeCollator.sortKey(String(character))
            key.append(contentsOf: icu.prefix { $0 > 0x01 })  // primary weights only
            key.append(0x00)
        }
        key.append(UInt8(truncatingIfNeeded: scalar >> 16))
        key.append(UInt8(truncatingIfNeeded: scalar >> 8))
        key.append(UInt8(truncatingIfNeeded: scalar))
    }

    // MARK: ICU collators, opened once

    static let pinyinCollator = openCollator("zh")
    static let strokeCollator = openCollator("zh@collation=stroke")

    private static func openCollator(_ locale: String) -> Collator {
        do {
            return try Collator(locale: locale)
        } catch {
            preconditionFailure("the system ICU cannot open \(locale): \(error)")
        }
    }
}
