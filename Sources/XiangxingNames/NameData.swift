import Foundation

/// A data file of this module that could not be read: which file, which
/// line, what is wrong. Seeing one means the module's resources are broken,
/// not that a roster is.
public struct NameDataError: Error, Sendable, Equatable, CustomStringConvertible {
    public let file: String
    /// 1-based; 0 when the whole file is missing or unreadable.
    public let line: Int
    public let message: String

    public var description: String {
        line > 0 ? "\(file), line \(line): \(message)" : "\(file): \(message)"
    }
}

/// How a surname is read, as syllables: 单 → ["shan4"], 万俟 → ["mo4", "qi2"].
public struct SurnameReading: Sendable, Equatable {
    public let syllables: [String]
}

/// Mainland stroke data of one character (GF 3002-1999 order, strokes
/// coded 1 横 2 竖 3 撇 4 点 5 折): 王 → 4 strokes, "1121".
public struct StrokeEntry: Sendable, Equatable {
    public let count: Int
    /// The stroke order as ASCII digits "1"..."5", one per stroke.
    public let order: [UInt8]
}

/// The module's two tables, `Data/surnames.tsv` and `Data/strokes.tsv`
/// (sources in `Data/README.md`).
///
/// ```swift
/// NameData.standard.surnames["单"]?.syllables   // ["shan4"]
/// NameData.standard.strokes["田"]?.count        // 5
/// ```
public struct NameData: Sendable {
    /// Surname readings, single characters and compound surnames alike.
    public let surnames: [String: SurnameReading]
    /// The compound surnames (two characters or more), longest first, so
    /// that a longer one wins over a shorter prefix of it.
    public let compoundSurnames: [String]
    public let strokes: [Character: StrokeEntry]
    /// The same entries by code point: hashing a scalar is much cheaper than
    /// hashing a Character, and sorting looks up every character of every name.
    let strokesByScalar: [UInt32: StrokeEntry]
    /// Lengths of the compound surnames, longest first (4, 3, 2).
    let compoundLengths: [Int]
    /// First characters of the compound surnames (欧 of 欧阳, …) as code points.
    let compoundInitials: Set<UInt32>

    public init(surnames: [String: SurnameReading], strokes: [Character: StrokeEntry]) {
        self.surnames = surnames
        self.compoundSurnames = surnames.keys.filter { $0.count > 1 }
            .sorted { $0.count != $1.count ? $0.count > $1.count : $0 < $1 }
        self.compoundLengths = Set(compoundSurnames.map(\.unicodeScalars.count)).sorted(by: >)
        self.compoundInitials = Set(compoundSurnames.map { $0.unicodeScalars.first!.value })
        self.strokes = strokes
        self.strokesByScalar = Dictionary(uniqueKeysWithValues: strokes.map { ($0.key.unicodeScalars.first!.value, $0.value) })
    }

    /// The tables shipped with the module, read once.
    public static let standard: NameData = {
        do {
            return try load()
        } catch {
            preconditionFailure("XiangxingNames resources are broken: \(error)")
        }
    }()

    /// Reads the tables from the module's resource bundle.
    public static func load() throws(NameDataError) -> NameData {
        let surnames = try parseSurnames(resource("surnames"), file: "surnames.tsv")
        let strokes = try parseStrokes(resource("strokes"), file: "strokes.tsv")
        return NameData(surnames: surnames, strokes: strokes)
    }

    static func resource(_ name: String) throws(NameDataError) -> String {
        let file = name + ".tsv"
        guard let url = Bundle.module.url(forResource: name, withExtension: "tsv", subdirectory: "Data")
            ?? Bundle.module.url(forResource: name, withExtension: "tsv")
        else {
            throw NameDataError(file: file, line: 0, message: "not found in the XiangxingNames bundle")
        }
        do {
            return try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw NameDataError(file: file, line: 0, message: "unreadable as UTF-8: \(error)")
        }
    }

    /// Lines of a TSV data file with their 1-based numbers, without comments,
    /// blank lines and the header row (which starts with `header`).
    static func rows(_ text: String, header: String) -> [(line: Int, fields: [Substring])] {
        text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { index, raw in
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            if line.isEmpty || line.hasPrefix("#") || line.hasPrefix(header + "\t") { return nil }
            return (index + 1, line.split(separator: "\t", omittingEmptySubsequences: false))
        }
    }

    static func parseSurnames(_ text: String, file: String) throws(NameDataError) -> [String: SurnameReading] {
        var table: [String: SurnameReading] = [:]
        for (line, fields) in rows(text, header: "surname") {
            guard fields.count >= 2, !fields[0].isEmpty else {
                throw NameDataError(file: file, line: line, message: "expected surname<TAB>reading")
            }
            let surname = String(fields[0])
            let syllables = fields[1].split(separator: " ").map(String.init)
            guard syllables.count == surname.count,
                  syllables.allSatisfy({ PinyinReading.isNumberedSyllable($0) })
            else {
                throw NameDataError(file: file, line: line, message:
                    "reading \"\(fields[1])\" must be one numbered syllable (e.g. shan4) per character of \(surname)")
            }
            guard table[surname] == nil else {
                throw NameDataError(file: file, line: line, message: "\(surname) is listed twice")
            }
            table[surname] = SurnameReading(syllables: syllables)
        }
        return table
    }

    static func parseStrokes(_ text: String, file: String) throws(NameDataError) -> [Character: StrokeEntry] {
        var table: [Character: StrokeEntry] = [:]
        table.reserveCapacity(8_200)
        for (line, fields) in rows(text, header: "char") {
            guard fields.count >= 3, fields[0].count == 1, let count = Int(fields[1]), count > 0, count < 256 else {
                throw NameDataError(file: file, line: line, message: "expected char<TAB>strokes<TAB>order")
            }
            let order = Array(fields[2].utf8)
            guard order.count == count, order.allSatisfy({ (0x31...0x35).contains($0) }) else {
                throw NameDataError(file: file, line: line, message:
                    "order \"\(fields[2])\" must be \(count) digits 1-5 (横竖撇点折)")
            }
            table[fields[0].first!] = StrokeEntry(count: count, order: order)
        }
        return table
    }
}
