import CICU

/// The outcome of decoding bytes: the text, or where the first bad sequence is.
public enum DecodeResult: Sendable, Equatable {
    case decoded(String)
    case invalid(InvalidSequence)

    /// The text, or nil if the bytes held a bad sequence.
    public var text: String? {
        if case .decoded(let text) = self { return text }
        return nil
    }
}

/// The first byte sequence a decoder could not turn into text.
///
/// The offset lets a reader report "file, line": in GB18030 (as in any
/// ASCII-compatible encoding) byte 0x0A is always a line feed, so counting
/// 0x0A bytes before `byteOffset` gives the line.
public struct InvalidSequence: Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// Not well formed in the encoding (e.g. a lone lead byte 0x81).
        case illegal
        /// Well formed, but the encoding maps it to no character.
        case unmappable
        /// The input ends in the middle of a sequence.
        case truncated
    }

    /// Offset of the first byte of the bad sequence in the input.
    public let byteOffset: Int
    /// The bad bytes themselves (as ICU delimits them).
    public let bytes: [UInt8]
    public let kind: Kind

    public var description: String {
        let hex = bytes.map { String($0, radix: 16, uppercase: true) }
            .map { $0.count == 1 ? "0" + $0 : $0 }.joined(separator: " ")
        return "\(kind) byte sequence [\(hex)] at byte offset \(byteOffset)"
    }
}

/// Legacy Chinese encodings through ICU converters.
///
/// Files saved by Chinese Excel or Notepad are often GBK/GB18030, not UTF-8.
/// GB18030 is a superset of GBK and GB2312 and covers all of Unicode, so one
/// decoder reads all three.
///
/// ```swift
/// TextEncoding.decodeGB18030([0xD6, 0xD0]).text   // "中"
/// TextEncoding.encodeGB18030("中")                 // [0xD6, 0xD0]
/// ```
public enum TextEncoding {
    /// Decodes GB18030 (hence GBK, GB2312) bytes. Bad bytes are reported,
    /// never replaced with U+FFFD.
    public static func decodeGB18030(_ bytes: [UInt8]) -> DecodeResult {
        do {
            return try decode(bytes, from: "GB18030")
        } catch {
            preconditionFailure("the system ICU has no GB18030 converter: \(error)")
        }
    }

    /// Encodes text as GB18030. Every Unicode scalar has a GB18030 form, so
    /// this cannot fail for a Swift `String`.
    public static func encodeGB18030(_ text: String) -> [UInt8] {
        do {
            return try encode(text, to: "GB18030")
        } catch {
            preconditionFailure("GB18030 encoding failed: \(error)")
        }
    }

    /// Decodes bytes in any encoding ICU knows by name or alias ("GBK",
    /// "Big5", "Shift_JIS"). Throws only if there is no such converter.
    public static func decode(_ bytes: [UInt8], from encoding: String) throws(ICUError) -> DecodeResult {
        let converter = try Converter(name: encoding)
        return try converter.decode(bytes)
    }

    /// Encodes text; throws `U_INVALID_CHAR_FOUND` (with the character and its
    /// offset in the detail) when the encoding has no form for a character,
    /// e.g. "𠮷" in GBK.
    public static func encode(_ text: String, to encoding: String) throws(ICUError) -> [UInt8] {
        let converter = try Converter(name: encoding)
        return try converter.encode(text)
    }
}

/// One ICU converter whose callbacks stop at the first bad sequence.
/// Converters keep state, so each conversion opens its own (ICU caches the
/// mapping tables, so opening is cheap).
struct Converter: ~Copyable {
    private let pointer: OpaquePointer
    let name: String

    init(name: String) throws(ICUError) {
        var pointer: OpaquePointer?
        try ICU.check(xx_converter_open(name, &pointer), "open converter \"\(name)\"")
        guard let pointer else {
            throw ICUError(code: 5 /* U_FILE_ACCESS_ERROR */, operation: "open converter \"\(name)\"")
        }
        self.pointer = pointer
        self.name = name
    }

    deinit { xx_converter_close(pointer) }

    /// `guess` is the first capacity in UTF-16 units; tests shrink it to
    /// exercise the preflight path.
    func decode(_ bytes: [UInt8], guess: Int? = nil) throws(ICUError) -> DecodeResult {
        if bytes.isEmpty { return .decoded("") }
        var badOffset: Int32 = -1, badLength: Int32 = 0, badKind: Int32 = 0
        var failed: Int32 = 0
        let count = ICU.length(bytes.count)
        let units: [UInt16] = try bytes.withUnsafeBufferPointer { source throws(ICUError) in
            try ICU.fill(guess: guess ?? bytes.count + 1, "decode \(name)") { dest, capacity, needed in
                let status = xx_converter_decode(
                    pointer, source.baseAddress, count, dest, capacity, &needed,
                    &badOffset, &badLength, &badKind)
                if status > 0 && badKind != XX_ICU_SEQ_NONE {
                    failed = status
                    needed = 0
                    return 0  // a data problem, reported as a result below
                }
                return status
            }
        }
        if failed != 0 {
            let start = Int(badOffset), end = min(start + Int(badLength), bytes.count)
            return .invalid(InvalidSequence(
                byteOffset: start, bytes: Array(bytes[start..<end]), kind: Self.kind(badKind)))
        }
        return .decoded(String(decoding: units, as: UTF16.self))
    }

    func encode(_ text: String, guess: Int? = nil) throws(ICUError) -> [UInt8] {
        if text.isEmpty { return [] }
        var badOffset: Int32 = -1, badLength: Int32 = 0, badKind: Int32 = 0
        return try ICU.withUTF16(text) { source, count throws(ICUError) in
            try ICU.fill(
                guess: guess ?? Int(count) * 2 + 8, "encode \(name)",
                detail: {
                    guard badOffset >= 0 else { return nil }
                    let units = Array(text.utf16)
                    let start = Int(badOffset), end = min(start + Int(badLength), units.count)
                    let character = String(decoding: units[start..<end], as: UTF16.self)
                    return "\"\(character)\" at UTF-16 offset \(start) has no \(name) form"
                }
            ) { dest, capacity, needed in
                xx_converter_encode(pointer, source, count, dest, capacity, &needed,
                                    &badOffset, &badLength, &badKind)
            }
        }
    }

    private static func kind(_ raw: Int32) -> InvalidSequence.Kind {
        switch raw {
        case XX_ICU_SEQ_UNMAPPABLE: .unmappable
        case XX_ICU_SEQ_TRUNCATED: .truncated
        default: .illegal
        }
    }
}
