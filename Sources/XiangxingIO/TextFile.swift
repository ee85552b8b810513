import Foundation
import XiangxingCore
import XiangxingICU

/// How a text file was encoded. Excel and WPS on Chinese Windows save CSV
/// as GB18030 (GBK); newer ones as UTF-8 with a BOM; scripts as plain UTF-8.
/// A table given as an .xlsx workbook is recorded as `xlsx` (its text is
/// Unicode by the format), so the store's map says which files came as
/// workbooks.
public enum TextFileEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case gb18030 = "GB18030"
    case xlsx = "xlsx"
}

public enum TextFile {
    /// Decodes bytes, detecting the encoding without a flag: a UTF-8 BOM,
    /// else valid UTF-8, else GB18030. What is none of these is named for
    /// what it is: an Excel workbook (.xlsx, .xls, WPS .et), UTF-16 text
    /// (Excel's "Unicode 文本"), or a UTF-8 or GB18030 file with a bad byte,
    /// on the line of that byte in the encoding the rest of the file is in.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<(String, TextFileEncoding), InputProblem> {
        if let kind = notText(bytes) { return .failure(notTextProblem(kind, file: file)) }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let s = String(validating: body, as: UTF8.self) { return .success((s, .utf8BOM)) }
            return .failure(undecodable(file: file, line: firstBadUTF8(body).line, encoding: .utf8BOM))
        }
        if let s = String(validating: bytes, as: UTF8.self) { return .success((s, .utf8)) }
        let utf8Fault = firstBadUTF8(bytes)
        if utf8Fault.sawMultibyte {
            // Chinese text decoded as UTF-8 before the bad byte: the file is
            // UTF-8, and GB18030 would only fail somewhere in that text.
            return .failure(undecodable(file: file, line: utf8Fault.line, encoding: .utf8))
        }
        switch TextEncoding.decodeGB18030(bytes) {
        case .decoded(let s):
            return .success((s, .gb18030))
        case .invalid(let bad):
            let line = bytes.prefix(bad.byteOffset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(undecodable(file: file, line: line, encoding: .gb18030))
        }
    }

    /// Reads and decodes a file; a missing or unreadable file is a problem.
    public static func read(_ url: URL, name: String) -> Result<(String, TextFileEncoding), InputProblem> {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            return .failure(InputProblem(
                file: name, line: nil, field: "",
                problem: Bilingual(zh: "文件不存在或无法读取", en: "the file does not exist or cannot be read"),
                remedy: Bilingual(zh: "检查文件名和路径（\(url.path)）", en: "check the file name and path (\(url.path))")))
        }
        return decode([UInt8](data), file: name)
    }

    enum NotText { case zipWorkbook, oleWorkbook, utf16 }

    /// Files a CSV reader must not guess at: a workbook or UTF-16 text.
    static func notText(_ bytes: [UInt8]) -> NotText? {
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) { return .zipWorkbook }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .oleWorkbook }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) { return .utf16 }
        // UTF-16 without a BOM: ASCII text with a NUL in every other byte.
        let head = bytes.prefix(64)
        if head.count >= 4 && head.filter({ $0 == 0 }).count * 3 >= head.count { return .utf16 }
        return nil
    }

    static func notTextProblem(_ kind: NotText, file: String) -> InputProblem {
        let what: Bilingual
        switch kind {
        case .zipWorkbook:
            what = Bilingual(zh: "这是 Excel/WPS 工作簿（.xlsx），不是 CSV 文本", en: "this is an Excel/WPS workbook (.xlsx), not CSV text")
        case .oleWorkbook:
            what = Bilingual(zh: "这是旧版 Excel/WPS 工作簿（.xls/.et），不是 CSV 文本", en: "this is an old Excel/WPS workbook (.xls/.et), not CSV text")
        case .utf16:
            what = Bilingual(zh: "这是 UTF-16 编码的文本（Excel 的“Unicode 文本”），不是 UTF-8 或 GB18030",
                             en: "this is UTF-16 text (Excel's \"Unicode Text\"), not UTF-8 or GB18030")
        }
        if kind == .oleWorkbook {
            // Tables may come as .xlsx (TableSource), never as the old binary format.
            return InputProblem(
                file: file, line: nil, field: "", problem: what,
                remedy: Bilingual(zh: "在 Excel/WPS 中“另存为”→“Excel 工作簿（*.xlsx）”或“CSV UTF-8（逗号分隔）”，用新保存的文件",
                                  en: "in Excel/WPS use Save As → \"Excel Workbook (*.xlsx)\" or \"CSV UTF-8 (Comma delimited)\" and give that file"))
        }
        return InputProblem(
            file: file, line: nil, field: "", problem: what,
            remedy: Bilingual(zh: "在 Excel/WPS 中“另存为”→“CSV UTF-8（逗号分隔）”，用这个 .csv 文件",
                              en: "in Excel/WPS use Save As → \"CSV UTF-8 (Comma delimited)\" and give that .csv file"))
    }

    private static func undecodable(file: String, line: Int, encoding: TextFileEncoding) -> InputProblem {
        let problem: Bilingual
        switch encoding {
        case .utf8, .utf8BOM, .xlsx:
            problem = Bilingual(zh: "文件是 UTF-8 编码，但这一行有不是 UTF-8 的字节（可能混入了其他编码的文字）",
                                en: "the file is UTF-8, but this line holds bytes that are not UTF-8 (text in another encoding pasted in?)")
        case .gb18030:
            problem = Bilingual(zh: "这一行有无法识别的字节（既不是 UTF-8 也不是 GB18030）",
                                en: "this line holds bytes that are neither UTF-8 nor GB18030")
        }
        return InputProblem(
            file: file, line: line, field: "", problem: problem,
            remedy: Bilingual(zh: "改正这一行的文字，或用 Excel/WPS“另存为”CSV UTF-8 后重试",
                              en: "retype the text on this line, or save the file again as CSV UTF-8 from Excel/WPS"))
    }

    /// The line of the first byte that is not UTF-8, and whether valid
    /// multi-byte UTF-8 (Chinese) came before it.
    private static func firstBadUTF8(_ bytes: [UInt8]) -> (line: Int, sawMultibyte: Bool) {
        var line = 1
        var i = 0
        var sawMultibyte = false
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x80 {
                if b == 0x0A { line += 1 }
                i += 1
                continue
            }
            let length = b >= 0xC2 && b <= 0xDF ? 2 : b >= 0xE0 && b <= 0xEF ? 3 : b >= 0xF0 && b <= 0xF4 ? 4 : 0
            guard length > 0, i + length <= bytes.count,
                  String(validating: bytes[i..<(i + length)], as: UTF8.self) != nil
            else { return (line, sawMultibyte) }
            sawMultibyte = true
            i += length
        }
        return (line, sawMultibyte)
    }
}

/// Writes a file so that readers see either the old or the whole new
/// content, never a half-written one: a temporary file beside it, then rename.
public enum AtomicFile {
    public static func write(_ bytes: [UInt8], to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: tmp.path, contents: Data(bytes)) else {
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
        }
        if rename(tmp.path, url.path) != 0 {
            let err = errno
            try? FileManager.default.removeItem(at: tmp)
            throw POSIXError(POSIXErrorCode(rawValue: err) ?? .EIO)
        }
    }

    public static func write(_ text: String, to url: URL, bom: Bool = false) throws {
        try write((bom ? [0xEF, 0xBB, 0xBF] : []) + Array(text.utf8), to: url)
    }
}
