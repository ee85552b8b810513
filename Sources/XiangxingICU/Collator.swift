import CICU
import Synchronization

/// Sorts Chinese text the way ICU does for a locale or a set of rules:
/// by pinyin (`"zh"`), by stroke count (`"zh@collation=stroke"`), or by a
/// tailoring of either.
///
/// ```swift
/// let pinyin = try Collator(locale: "zh")
/// pinyin.sorted(["周", "李", "王"])   // ["李", "王", "周"]
/// ```
///
/// ICU's `UCollator` is not documented as safe for concurrent use, so every
/// call goes through a lock; sort with `sortKey(_:)` (one ICU call per
/// string) or `sorted(_:)` when there are many strings.
public final class Collator: Sendable {
    /// How two strings compare: `ascending` means the first sorts first.
    public enum Order: Sendable, Equatable {
        case ascending, same, descending
    }

    private let handle: Mutex<Handle>

    /// The locale asked for, or nil for a collator made from rules.
    public let locale: String?

    /// Opens ICU's collation for a locale ID such as `"zh"` (pinyin),
    /// `"zh@collation=stroke"` or `"zh_TW"`. ICU falls back to the root order
    /// for a locale it has no data for; that is not an error.
    public init(locale: String) throws(ICUError) {
        var pointer: OpaquePointer?
        try ICU.check(xx_collator_open(locale, &pointer), "open collator \"\(locale)\"")
        self.handle = Mutex(try Handle(pointer, operation: "open collator \"\(locale)\""))
        self.locale = locale
    }

    /// Opens a collator from ICU rule text, optionally on top of a locale's
    /// own rules: `Collator(rules: "&山 < 单", base: "zh")` sorts by pinyin
    /// except that the surname 单 (shàn) comes right after 山 (shān) instead
    /// of under d.
    ///
    /// ICU keeps only the tailoring of a locale as text (the root order is
    /// built in), so the base's tailoring is read with `ucol_getRules` and
    /// the new rules are appended: later rules override earlier ones.
    /// For `"zh"` that text is about 27,000 UTF-16 units and opening takes
    /// some 85 ms, so open such a collator once and keep it.
    public init(rules: String, base: String? = nil) throws(ICUError) {
        var text = rules
        if let base {
            let baseRules = try Collator(locale: base).rules
            text = baseRules + "\n" + rules
        }
        var pointer: OpaquePointer?
        var line: Int32 = 0, offset: Int32 = 0
        let status = ICU.withUTF16(text) { units, count in
            xx_collator_open_rules(units, count, &pointer, &line, &offset)
        }
        let operation = base.map { "open collation rules on \"\($0)\"" } ?? "open collation rules"
        let rulesStart = text.utf16.count - rules.utf16.count
        try ICU.check(status, operation, detail: Self.locate(
            line: Int(line), offset: Int(offset), rulesStart: rulesStart))
        self.handle = Mutex(try Handle(pointer, operation: operation))
        self.locale = nil
    }

    /// The tailoring rules ICU holds for this collator (empty for root).
    public var rules: String {
        get throws(ICUError) {
            try handle.withLock { handle throws(ICUError) in
                try ICU.fillString(guess: 256, "read collation rules") { dest, capacity, needed in
                    xx_collator_rules(handle.pointer, dest, capacity, &needed)
                }
            }
        }
    }

    public func compare(_ a: String, _ b: String) -> Order {
        let result = handle.withLock { handle in
            ICU.withUTF16(a) { aUnits, aCount in
                ICU.withUTF16(b) { bUnits, bCount in
                    xx_collator_compare(handle.pointer, aUnits, aCount, bUnits, bCount)
                }
            }
        }
        return result < 0 ? .ascending : result > 0 ? .descending : .same
    }

    /// Bytes whose plain lexicographic order (`lexicographicallyPrecedes`,
    /// `memcmp`, SQLite BLOB order) is this collator's order. ICU's
    /// terminating zero byte is left off.
    public func sortKey(_ text: String) -> [UInt8] {
        do {
            var key: [UInt8] = try handle.withLock { handle throws(ICUError) in
                try ICU.withUTF16(text) { units, count throws(ICUError) in
                    try ICU.fill(guess: Int(count) * 4 + 16, "make a sort key") { dest, capacity, needed in
                        xx_collator_sort_key(handle.pointer, units, count, dest, capacity, &needed)
                    }
                }
            }
            if key.last == 0 { key.removeLast() }
            return key
        } catch {
            // ucol_getSortKey reports no error for valid UTF-16, which a
            // Swift String always is.
            preconditionFailure("\(error)")
        }
    }

    /// The strings in this collator's order; equal strings keep their order.
    public func sorted(_ strings: some Sequence<String>) -> [String] {
        strings.map { (key: sortKey($0), text: $0) }
            .enumerated()
            .sorted { lhs, rhs in
                if lhs.element.key != rhs.element.key {
                    return lhs.element.key.lexicographicallyPrecedes(rhs.element.key)
                }
                return lhs.offset < rhs.offset
            }
            .map(\.element.text)
    }

    /// Says where a rule syntax error is, counted in UTF-16 units from the
    /// start of the caller's rules (not the base's), e.g. "rules offset 7".
    /// ICU's collation parser reports line 0 and an offset into the whole text.
    private static func locate(line: Int, offset: Int, rulesStart: Int) -> String? {
        if line > 0 { return "rules line \(line), offset \(offset)" }
        guard offset >= 0 else { return nil }
        let inRules = offset - rulesStart
        return inRules >= 0 ? "rules offset \(inRules)" : "base rules offset \(offset)"
    }

    /// Owns one `UCollator`; closes it when the collator goes away.
    private struct Handle: ~Copyable {
        let pointer: OpaquePointer

        init(_ pointer: OpaquePointer?, operation: String) throws(ICUError) {
            guard let pointer else {
                throw ICUError(code: 27 /* U_INTERNAL_PROGRAM_ERROR */, operation: operation)
            }
            self.pointer = pointer
        }

        deinit { xx_collator_close(pointer) }
    }
}
