import NIOCore
import PostgresNIO

/// The store's SQL as PostgreSQL reads it: `?` numbered `$1, $2, …`,
/// `SQLValue`s bound in binary, cells read back as `SQLValue`s.
enum PostgresSQL {
    /// `sql` with every `?` outside '…' strings, "…" identifiers, `--`
    /// comments and `/* … */` comments replaced by `$1`, `$2`, …, and the
    /// number of them.
    static func numbered(_ sql: String) -> (sql: String, count: Int) {
        var out = ""
        out.reserveCapacity(sql.utf8.count + 16)
        var count = 0
        var scalars = sql.unicodeScalars.makeIterator()
        enum State { case code, string, identifier, lineComment, blockComment }
        var state = State.code
        var previous: Unicode.Scalar?
        while let c = scalars.next() {
            switch state {
            case .code:
                switch c {
                case "?":
                    count += 1
                    out += "$\(count)"
                    previous = nil
                    continue
                case "'": state = .string
                case "\"": state = .identifier
                case "-" where previous == "-": state = .lineComment
                case "*" where previous == "/": state = .blockComment
                default: break
                }
            case .string:
                // '' inside a string closes and reopens it: the same state after both.
                if c == "'" { state = .code }
            case .identifier:
                if c == "\"" { state = .code }
            case .lineComment:
                if c == "\n" { state = .code }
            case .blockComment:
                if c == "/" && previous == "*" { state = .code; out.unicodeScalars.append(c); previous = nil; continue }
            }
            out.unicodeScalars.append(c)
            previous = c
        }
        return (out, count)
    }

    /// `values` bound for PostgreSQL: NULL untyped (the server infers its
    /// type from where it stands), integers `int8`, reals `float8`, text
    /// `text`, blobs `bytea`.
    static func bindings(_ values: [SQLValue]) -> PostgresBindings {
        var b = PostgresBindings(capacity: values.count)
        for v in values {
            switch v {
            case .null: b.appendNull()
            case .integer(let i): b.append(i)
            case .real(let d): b.append(d)
            case .text(let s): b.append(s)
            case .blob(let bytes): b.append(ByteBuffer(bytes: bytes))
            }
        }
        return b
    }

    /// One cell as the store reads it; nil for a type the store's tables
    /// never hold (the query should cast it).
    static func value(_ cell: PostgresCell) -> SQLValue? {
        guard var buffer = cell.bytes else { return .null }
        guard cell.format == .binary else {
            return buffer.readString(length: buffer.readableBytes).map { .text($0) }
        }
        switch cell.dataType {
        case .int2: return buffer.readInteger(as: Int16.self).map { .integer(Int64($0)) }
        case .int4: return buffer.readInteger(as: Int32.self).map { .integer(Int64($0)) }
        case .int8: return buffer.readInteger(as: Int64.self).map { .integer($0) }
        case .oid: return buffer.readInteger(as: UInt32.self).map { .integer(Int64($0)) }
        case .float4: return buffer.readInteger(as: UInt32.self).map { .real(Double(Float(bitPattern: $0))) }
        case .float8: return buffer.readInteger(as: UInt64.self).map { .real(Double(bitPattern: $0)) }
        case .bool: return buffer.readInteger(as: UInt8.self).map { .integer($0 == 0 ? 0 : 1) }
        case .text, .varchar, .name, .bpchar, .unknown:
            return buffer.readString(length: buffer.readableBytes).map { .text($0) }
        case .bytea: return .blob(buffer.readBytes(length: buffer.readableBytes) ?? [])
        case .numeric: return numeric(&buffer)
        default: return nil
        }
    }

    /// PostgreSQL's binary NUMERIC (base-10000 digits): an integer when it
    /// is integral and fits 64 bits, else a real (`SUM` of a BIGINT column
    /// not cast back to BIGINT comes here).
    static func numeric(_ buffer: inout ByteBuffer) -> SQLValue? {
        guard let ndigits = buffer.readInteger(as: Int16.self), let weight = buffer.readInteger(as: Int16.self),
              let sign = buffer.readInteger(as: UInt16.self), let _ = buffer.readInteger(as: Int16.self) else { return nil }
        if sign == 0xC000 { return .real(.nan) }
        if sign == 0xD000 { return .real(.infinity) }
        if sign == 0xF000 { return .real(-.infinity) }
        var digits: [Int16] = []
        for _ in 0..<max(0, Int(ndigits)) {
            guard let d = buffer.readInteger(as: Int16.self) else { return nil }
            digits.append(d)
        }
        let negative = sign == 0x4000
        // digit i stands for digits[i] × 10000^(weight − i)
        let integral = digits.indices.allSatisfy { Int($0) <= Int(weight) || digits[$0] == 0 }
        if integral {
            var value: Int64 = 0, overflow = false
            if !digits.isEmpty, weight >= 0 {
                for position in 0...Int(weight) {
                    let d = position < digits.count ? Int64(digits[position]) : 0
                    let (m, o1) = value.multipliedReportingOverflow(by: 10000)
                    let (s, o2) = m.addingReportingOverflow(negative ? -d : d)
                    if o1 || o2 { overflow = true; break }
                    value = s
                }
            }
            if !overflow { return .integer(value) }
        }
        var text = negative ? "-" : ""
        var exponent = Int(weight)
        for d in digits {
            let s = String(d)
            text += String(repeating: "0", count: 4 - s.count) + s
        }
        if digits.isEmpty { text += "0"; exponent = 0 }
        // the digits written stand for an integer × 10000^(weight − count + 1)
        let shift = 4 * (exponent - digits.count + 1)
        return Double(text + "e\(shift)").map { .real($0) }
    }
}
