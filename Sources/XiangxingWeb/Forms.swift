import Foundation
import Hummingbird
import MultipartKit

/// A file sent with a multipart form.
public struct UploadedFile: Sendable {
    /// The form field's name.
    public var field: String
    /// The name the clerk's computer gave it (学员名单.xlsx), without folders.
    public var filename: String
    public var bytes: [UInt8]

    /// Writes the bytes to a private temporary file (0600) named like the
    /// upload, calls `body` with its path, and removes it afterwards (also on error).
    public func withTemporaryFile<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-upload-\(Tokens.random().prefix(12))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let safe = filename.replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "\\", with: "_")
        let file = folder.appendingPathComponent(safe.isEmpty ? "upload" : safe)
        guard FileManager.default.createFile(atPath: file.path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]) else {
            throw WebError.badRequest("上传的文件无法保存，请重试")
        }
        return try body(file.path)
    }
}

/// A POSTed body: url-encoded or multipart form data.
struct FormBody {
    var fields: [String: String] = [:]
    /// Every value of a field sent more than once (a grid of checkboxes).
    var lists: [String: [String]] = [:]
    var files: [UploadedFile] = []

    static func parse(_ body: ByteBuffer, contentType: String?) throws -> FormBody {
        let type = contentType?.lowercased() ?? ""
        if type.hasPrefix("multipart/form-data") {
            guard let boundary = parameter("boundary", of: contentType ?? "") else { throw WebError.badRequest("multipart") }
            return try multipart(body, boundary: boundary)
        }
        var form = FormBody()
        let text = String(buffer: body)
        for pair in text.split(separator: "&", omittingEmptySubsequences: true) {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = decode(parts[0]), value = parts.count > 1 ? decode(parts[1]) : ""
            form.add(name, value)
        }
        return form
    }

    mutating func add(_ name: String, _ value: String) {
        fields[name] = value
        lists[name, default: []].append(value)
    }

    static func decode(_ s: Substring) -> String {
        String(s).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? String(s)
    }

    static func multipart(_ body: ByteBuffer, boundary: String) throws -> FormBody {
        let parser = MultipartParser(boundary: boundary)
        var form = FormBody()
        var headers: [(String, String)] = []
        var data: [UInt8] = []
        parser.onHeader = { name, value in headers.append((name.lowercased(), value)) }
        parser.onBody = { buffer in data.append(contentsOf: buffer.readableBytesView) }
        parser.onPartComplete = {
            let disposition = headers.first { $0.0 == "content-disposition" }?.1 ?? ""
            let name = parameter("name", of: disposition) ?? ""
            if let filename = parameter("filename", of: disposition) {
                let base = filename.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? filename
                if !data.isEmpty || !base.isEmpty {
                    form.files.append(UploadedFile(field: name, filename: base, bytes: data))
                }
            } else {
                form.add(name, String(decoding: data, as: UTF8.self))
            }
            headers = []; data = []
        }
        try parser.execute(body)
        return form
    }

    /// `name="value"` (or unquoted) from a header such as Content-Disposition.
    static func parameter(_ key: String, of header: String) -> String? {
        for piece in header.split(separator: ";") {
            let p = piece.trimmingCharacters(in: .whitespaces)
            guard p.lowercased().hasPrefix(key + "=") else { continue }
            var v = String(p.dropFirst(key.count + 1))
            if v.hasPrefix("\""), v.hasSuffix("\""), v.count >= 2 { v = String(v.dropFirst().dropLast()) }
            return v
        }
        return nil
    }
}

/// A form's fields as handlers read them.
public enum Forms {
    /// The POSTed form's fields (already checked for the CSRF token).
    public static func fields(_ request: Request, _ ctx: WebContext) -> [String: String] { ctx.form }

    /// A required field, trimmed; a clear 400 naming it when missing.
    public static func required(_ name: String, label: String, _ ctx: WebContext) throws -> String {
        let v = (ctx.form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !v.isEmpty else { throw WebError.badRequest("请填写“\(label)”") }
        return v
    }

    /// The uploaded files of a multipart form.
    public static func upload(_ request: Request, _ ctx: WebContext) -> [UploadedFile] { ctx.files }
}

/// Synchronous Office work (GRDB, the planner, printing) off the server's event loops.
public enum Blocking {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try body() })
            }
        }
    }
}

/// A file sent to the browser to keep.
public enum Downloads {
    public static func file(_ bytes: [UInt8], filename: String, type: String) -> Response {
        let ascii = filename.unicodeScalars.allSatisfy { $0.isASCII && $0 != "\"" } ? filename : "download" + (filename.split(separator: ".").last.map { "." + $0 } ?? "")
        let encoded = filename.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_."))) ?? ascii
        return Response(status: .ok, headers: [
            .contentType: type,
            .contentDisposition: "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)",
            .cacheControl: "no-store",
        ], body: .init(byteBuffer: ByteBuffer(bytes: bytes)))
    }

    /// Same, reading a file the Office wrote.
    public static func file(at path: String, filename: String? = nil, type: String) throws -> Response {
        guard let data = FileManager.default.contents(atPath: path) else { throw WebError.notFound }
        return file([UInt8](data), filename: filename ?? (path as NSString).lastPathComponent, type: type)
    }

    /// A private temporary folder (0700) for the Office to write printouts
    /// into; removed when `body` returns.
    public static func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-out-\(Tokens.random().prefix(12))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        return try body(folder.path)
    }
}
