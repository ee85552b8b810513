import Foundation
import XiangxingCore
import XiangxingICU

/// How a text file was encoded. Excel and WPS on Chinese Windows save CSV
/// as GB18030 (GBK); newer ones as UTF-8 with a BOM; scripts as plain UTF-8.
public enum TextFileEncoding: String, Sendable {
    case utf8 = "UTF-8"
    case utf8BOM = "UTF-8 (BOM)"
    case gb18030 = "GB18030"
}

public enum TextFile {
    /// Decodes bytes, detecting the encoding without a flag: a UTF-8 BOM,
    /// else valid UTF-8, else GB18030. Bytes valid in none give a problem
    /// naming the line of the first bad byte.
    public static func decode(_ bytes: [UInt8], file: String) -> Result<(String, TextFileEncoding), InputProblem> {
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = Array(bytes.dropFirst(3))
            if let s = String(validating: body, as: UTF8.self) { return .success((s, .utf8BOM)) }
            return .failure(undecodable(file: file, line: firstBadUTF8Line(body), encoding: "UTF-8"))
        }
        if let s = String(validating: bytes, as: UTF8.self) { return .success((s, .utf8)) }
        switch TextEncoding.decodeGB18030(bytes) {
        case .decoded(let s):
            return .success((s, .gb18030))
        case .invalid(let bad):
            let line = bytes.prefix(bad.byteOffset).reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            return .failure(undecodable(file: file, line: line, encoding: "UTF-8 / GB18030"))
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

    private static func undecodable(file: String, line: Int, encoding: String) -> InputProblem {
        InputProblem(
            file: file, line: line, field: "",
            problem: Bilingual(zh: "这一行有无法识别的字节（既不是 UTF-8 也不是 GB18030）",
                               en: "this line holds bytes that are neither UTF-8 nor GB18030"),
            remedy: Bilingual(zh: "用 Excel/WPS“另存为”CSV（UTF-8 或 GB18030）后重试",
                              en: "save the file again as CSV (UTF-8 or GB18030) from Excel/WPS"))
    }

    private static func firstBadUTF8Line(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            if String(validating: bytes[start..<i], as: UTF8.self) == nil { return line }
            line += 1
            start = i + 1
        }
        return line
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
