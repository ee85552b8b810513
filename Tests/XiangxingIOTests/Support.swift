import Foundation
import XiangxingCore
import XiangxingIO

/// The package root, found by walking up from this file to Package.swift.
func packageRoot(_ file: String = #filePath) -> URL {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        let parent = dir.deletingLastPathComponent()
        precondition(parent.path != dir.path, "no Package.swift above \(file)")
        dir = parent
    }
    return dir
}

/// `scenarios/<name>` of the project (the demo data).
func demoScenario(_ name: String) -> URL {
    packageRoot().appendingPathComponent("scenarios").appendingPathComponent(name)
}

/// A fresh directory under the system's temporary folder, removed by `cleanUp`.
struct TemporaryFolder: ~Copyable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("xiangxing-iotests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Copies a whole folder in, returning where it landed.
    func copy(_ folder: URL, as name: String) throws -> URL {
        let target = url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: folder, to: target)
        return target
    }
}

/// Replaces `old` by `new` on one 1-based line of a UTF-8 text file, keeping
/// its line ends; fails if the line does not hold `old`, so a changed demo
/// file cannot silently turn an edit into a no-op.
func edit(_ file: URL, line: Int, replacing old: String, with new: String) throws {
    // Split on LF bytes: a Swift String treats CRLF as one character, and
    // the demo's .ics files use CRLF.
    var lines = [UInt8](try Data(contentsOf: file)).split(separator: 0x0A, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    guard lines.indices.contains(line - 1), lines[line - 1].contains(old) else {
        throw EditError(file: file.lastPathComponent, line: line, missing: old)
    }
    lines[line - 1] = lines[line - 1].replacingOccurrences(of: old, with: new)
    try Data(lines.joined(separator: "\n").utf8).write(to: file)
}

struct EditError: Error, CustomStringConvertible {
    let file: String, line: Int, missing: String
    var description: String { "\(file):\(line) does not hold \"\(missing)\"" }
}

func day(_ iso: String) -> Day { Day(iso: iso)! }

/// Every problem of a failed read, or [] when the read succeeded.
func problems(_ result: Result<LoadedScenario, InputProblems>) -> [InputProblem] {
    if case .failure(let all) = result { return all.problems }
    return []
}

/// The scenario of a successful read, or a readable test failure.
func loaded(_ result: Result<LoadedScenario, InputProblems>) throws -> LoadedScenario {
    switch result {
    case .success(let s): return s
    case .failure(let all): throw ReadFailed(messages: all.problems.map { $0.message(.en) })
    }
}

struct ReadFailed: Error, CustomStringConvertible {
    let messages: [String]
    var description: String { messages.joined(separator: "\n") }
}
