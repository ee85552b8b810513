import CICU
import Synchronization

/// ICU transforms, chiefly Chinese characters to pinyin.
///
/// ICU's `Han-Latin` reads each character by its most common reading, so
/// surnames come out wrong where the surname reading differs (单 "dan" not
/// "shan", 曾 "ceng" not "zeng"); surname readings are handled elsewhere.
///
/// ```swift
/// Transliteration.pinyin("南阳", toneless: true)   // "nan yang"
/// Transliteration.pinyin("南阳", toneless: false)  // "nán yáng"
/// ```
public enum Transliteration {
    /// Pinyin of the Chinese characters in `text`, syllables separated by
    /// spaces; other text passes through. `toneless` drops tone marks and
    /// lower-cases everything ("Han-Latin; Latin-ASCII; Lower").
    public static func pinyin(_ text: String, toneless: Bool) -> String {
        let id = toneless ? "Han-Latin; Latin-ASCII; Any-Lower" : "Han-Latin"
        do {
            return try transform(text, id: id)
        } catch {
            preconditionFailure("the system ICU lacks the \(id) transform: \(error)")
        }
    }

    /// Applies any ICU transform ID, e.g. "Han-Latin; Latin-ASCII" or
    /// "Traditional-Simplified". Throws if ICU does not know the ID.
    public static func transform(_ text: String, id: String) throws(ICUError) -> String {
        try cache.withLock { cache throws(ICUError) in
            let transliterator: Transliterator
            if let cached = cache[id] {
                transliterator = cached
            } else {
                transliterator = try Transliterator(id: id)
                cache[id] = transliterator
            }
            return try transliterator.apply(text)
        }
    }

    /// Opening Han-Latin compiles thousands of rules, so each transform is
    /// opened once and kept; the lock also keeps one transform from being
    /// used by two threads at once.
    private static let cache = Mutex<[String: Transliterator]>([:])
}

/// Owns one `UTransliterator`.
final class Transliterator {
    private let pointer: OpaquePointer
    let id: String

    init(id: String) throws(ICUError) {
        var pointer: OpaquePointer?
        let status = ICU.withUTF16(id) { units, count in
            xx_transliterator_open(units, count, &pointer)
        }
        try ICU.check(status, "open transform \"\(id)\"")
        guard let pointer else {
            throw ICUError(code: 27 /* U_INTERNAL_PROGRAM_ERROR */, operation: "open transform \"\(id)\"")
        }
        self.pointer = pointer
        self.id = id
    }

    deinit { xx_transliterator_close(pointer) }

    /// `guess` is the first buffer capacity in UTF-16 units; tests shrink it
    /// to exercise the retry path.
    func apply(_ text: String, guess: Int? = nil) throws(ICUError) -> String {
        if text.isEmpty { return "" }
        let source = Array(text.utf16)
        let count = ICU.length(source.count)
        // Pinyin needs up to ~6 letters and a space per character.
        // The buffer must hold the source, since ICU transforms in place.
        let capacity = max(guess ?? source.count * 8 + 16, source.count)
        return try ICU.fillString(guess: capacity, "apply transform \"\(id)\"") {
            dest, capacity, needed in
            // The transform works in place: start each attempt from the source.
            guard capacity >= count else {
                needed = count
                return XX_ICU_BUFFER_OVERFLOW
            }
            for index in 0..<source.count { dest[index] = source[index] }
            needed = count
            return xx_transliterate(pointer, dest, &needed, capacity)
        }
    }
}
