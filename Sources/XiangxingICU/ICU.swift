import CICU

/// A failure reported by ICU, with the `UErrorCode` name ICU gives it.
///
/// ```swift
/// do { _ = try Collator(rules: "&a <<< ") } catch { print(error) }
/// // ICU could not open collation rules: U_INVALID_FORMAT_ERROR (rules line 0, offset 7)
/// ```
public struct ICUError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The raw `UErrorCode` value (positive: ICU failures are never warnings here).
    public let code: Int32
    /// ICU's symbolic name for `code`, e.g. `U_ILLEGAL_ARGUMENT_ERROR`.
    public let name: String
    /// What Xiangxing asked ICU to do, in words, e.g. `open collator "zh"`.
    public let operation: String
    /// Where in the input the problem sits, when ICU says so.
    public let detail: String?

    init(code: Int32, operation: String, detail: String? = nil) {
        self.code = code
        self.name = String(cString: xx_icu_error_name(code))
        self.operation = operation
        self.detail = detail
    }

    public var description: String {
        var text = "ICU could not \(operation): \(name)"
        if let detail { text += " (\(detail))" }
        return text
    }
}

/// The glue between Swift and the CICU shim. Nothing outside this module
/// sees a C pointer or a status code.
enum ICU {
    /// ICU status codes: 0 success, negative warnings, positive failures.
    static func check(
        _ status: Int32, _ operation: @autoclosure () -> String,
        detail: @autoclosure () -> String? = nil
    ) throws(ICUError) {
        if status > 0 {
            throw ICUError(code: status, operation: operation(), detail: detail())
        }
    }

    /// Converts a Swift count to the `int32_t` lengths ICU takes.
    static func length(_ count: Int) -> Int32 {
        guard let length = Int32(exactly: count) else {
            preconditionFailure("text of \(count) units is too long for ICU (2^31 limit)")
        }
        return length
    }

    /// Calls `body` with the UTF-16 of `text` (never a null pointer, even
    /// for "") and its length.
    static func withUTF16<R, E: Error>(
        _ text: String, _ body: (UnsafePointer<UInt16>, Int32) throws(E) -> R
    ) throws(E) -> R {
        var units = Array(text.utf16)
        let count = length(units.count)
        units.append(0)
        let result: Result<R, E> = units.withUnsafeBufferPointer { buffer in
            do throws(E) {
                return .success(try body(buffer.baseAddress!, count))
            } catch {
                return .failure(error)
            }
        }
        return try result.get()
    }

    /// Runs an ICU "fill this buffer" call: first with `guess` elements, and
    /// if ICU answers `U_BUFFER_OVERFLOW_ERROR`, once more with exactly the
    /// length it reported. `call` receives the buffer, its capacity and the
    /// place to store the length ICU needs, and returns the ICU status.
    static func fill<Element: FixedWidthInteger>(
        guess: Int, _ operation: @autoclosure () -> String,
        detail: () -> String? = { nil },
        _ call: (UnsafeMutablePointer<Element>, Int32, inout Int32) -> Int32
    ) throws(ICUError) -> [Element] {
        var capacity = max(guess, 1)
        for _ in 0..<2 {
            var buffer = [Element](repeating: 0, count: capacity)
            var needed: Int32 = 0
            let status = buffer.withUnsafeMutableBufferPointer { pointer in
                call(pointer.baseAddress!, length(pointer.count), &needed)
            }
            if status == XX_ICU_BUFFER_OVERFLOW, Int(needed) > capacity {
                capacity = Int(needed)
                continue
            }
            try check(status, operation(), detail: detail())
            let used = Int(needed)
            guard used >= 0, used <= buffer.count else {
                throw ICUError(code: XX_ICU_BUFFER_OVERFLOW, operation: operation(),
                               detail: "ICU reported \(used) units for a buffer of \(buffer.count)")
            }
            buffer.removeSubrange(used...)
            return buffer
        }
        throw ICUError(code: XX_ICU_BUFFER_OVERFLOW, operation: operation(),
                       detail: "buffer still too small after preflight")
    }

    /// Runs `call` on a fresh UTF-16 buffer and makes a String of the result.
    static func fillString(
        guess: Int, _ operation: @autoclosure () -> String,
        _ call: (UnsafeMutablePointer<UInt16>, Int32, inout Int32) -> Int32
    ) throws(ICUError) -> String {
        let units: [UInt16] = try fill(guess: guess, operation(), call)
        return String(decoding: units, as: UTF16.self)
    }
}
