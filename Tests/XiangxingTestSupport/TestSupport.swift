import Foundation
import XiangxingCore

// Helpers shared by the test targets: where the package and its demo data
// are, throw-away folders, and careful edits of demo copies.

/// The package root, found by walking up from this file to Package.swift.
public func packageRoot(_ file: String = #filePath) -> URL {
    var dir = URL(fileURLWithPath: file).deletingLastPathComponent()
    while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("Package.swift").path) {
        let parent = dir.deletingLastPathComponent()
        precondition(parent.path != dir.path, "no Package.swift above \(file)")
        dir = parent
    }
    return dir
}

/// `scenarios/<name>` of the project (the demo data).
public func demoScenario(_ name: String = "nanyang-2019") -> URL {
    packageRoot().appendingPathComponent("scenarios").appendingPathComponent(name)
}

public func day(_ iso: String) -> Day { Day(iso: iso)! }

/// A fresh directory under the system's temporary folder, removed when dropped.
public struct TemporaryFolder: ~Copyable {
    public let url: URL
    public init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    /// Copies a whole folder in, returning where it landed.
    public func copy(_ folder: URL, as name: String) throws -> URL {
        let target = url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: folder, to: target)
        return target
    }
}

/// Replaces `old` by `new` on one 1-based line of a UTF-8 text file, keeping
/// its line ends; fails if the line does not hold `old`, so a changed demo
/// file cannot silently turn an edit into a no-op.
public func edit(_ file: URL, line: Int, replacing old: String, with new: String) throws {
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

public struct EditError: Error, CustomStringConvertible {
    public let file: String, line: Int, missing: String
    public var description: String { "\(file):\(line) does not hold \"\(missing)\"" }
}
