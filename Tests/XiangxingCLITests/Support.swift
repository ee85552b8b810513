import Foundation
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

func demoScenario(_ name: String) -> URL {
    packageRoot().appendingPathComponent("scenarios").appendingPathComponent(name)
}

/// The built `xiangxing`: beside the test bundle (`.build/<config>/`), else
/// the package's debug build. `swift build` makes it.
enum Binary {
    static let url: URL? = {
        let bundleDir = URL(fileURLWithPath: CommandLine.arguments.first ?? "")
            .resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [
            bundleDir.appendingPathComponent("xiangxing"),
            packageRoot().appendingPathComponent(".build/debug/xiangxing"),
        ]
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) }
    }()
    static let missing = "no built xiangxing beside the tests or in .build/debug: run `swift build` before `swift test`"
}

struct Run {
    var status: Int32
    var stdout: String
    var stderr: String
    var stderrLines: [String] { stderr.split(separator: "\n").map(String.init) }
    var stdoutLines: [String] { stdout.split(separator: "\n").map(String.init) }
}

/// Runs the built binary from the package root and collects everything it says.
func xiangxing(_ arguments: String...) throws -> Run {
    guard let binary = Binary.url else { throw BinaryMissing() }
    let tmp = try TemporaryFolder()
    let out = tmp.url.appendingPathComponent("stdout"), err = tmp.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    p.currentDirectoryURL = packageRoot()
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    try p.run()
    p.waitUntilExit()
    return Run(status: p.terminationStatus,
               stdout: try String(contentsOf: out, encoding: .utf8),
               stderr: try String(contentsOf: err, encoding: .utf8))
}

struct BinaryMissing: Error, CustomStringConvertible { var description: String { Binary.missing } }

/// A fresh directory under the system's temporary folder, removed on deinit.
struct TemporaryFolder: ~Copyable {
    let url: URL
    init() throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("xiangxing-clitests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(at: url) }

    func copy(_ folder: URL, as name: String) throws -> URL {
        let target = url.appendingPathComponent(name)
        try FileManager.default.copyItem(at: folder, to: target)
        return target
    }
}

/// Replaces `old` by `new` on one 1-based line of a UTF-8 file; throws if
/// the line does not hold `old`.
func edit(_ file: URL, line: Int, replacing old: String, with new: String) throws {
    // Split on LF bytes: a Swift String treats CRLF as one character, and
    // the demo's .ics files use CRLF.
    var lines = [UInt8](try Data(contentsOf: file)).split(separator: 0x0A, omittingEmptySubsequences: false)
        .map { String(decoding: $0, as: UTF8.self) }
    guard lines.indices.contains(line - 1), lines[line - 1].contains(old) else {
        throw EditError(description: "\(file.lastPathComponent):\(line) does not hold \"\(old)\"")
    }
    lines[line - 1] = lines[line - 1].replacingOccurrences(of: old, with: new)
    try Data(lines.joined(separator: "\n").utf8).write(to: file)
}

struct EditError: Error, CustomStringConvertible { var description: String }

/// Every file under a folder with its size and modification time.
func listing(_ folder: URL) throws -> [String] {
    let fm = FileManager.default
    var out: [String] = []
    for case let path as String in fm.enumerator(atPath: folder.path)! {
        let a = try fm.attributesOfItem(atPath: folder.appendingPathComponent(path).path)
        out.append("\(path) \(a[.size] ?? "") \(a[.modificationDate] ?? "")")
    }
    return out.sorted()
}
