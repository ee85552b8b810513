import Foundation
import XiangxingIO
@_exported import XiangxingTestSupport

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
    try xiangxing(arguments, in: packageRoot())
}

/// Runs the built binary in `folder` with extra environment variables
/// (`XIANGXING_FAULT_AT` for the fault tests). A process killed by a
/// signal has `status` = 128 + the signal.
func xiangxing(_ arguments: [String], in folder: URL, environment extra: [String: String] = [:], input: String? = nil) throws -> Run {
    guard let binary = Binary.url else { throw BinaryMissing() }
    let tmp = try TemporaryFolder()
    let out = tmp.url.appendingPathComponent("stdout"), err = tmp.url.appendingPathComponent("stderr")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    let p = Process()
    p.executableURL = binary
    p.arguments = arguments
    p.currentDirectoryURL = folder
    if !extra.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(extra) { _, new in new } }
    p.standardOutput = try FileHandle(forWritingTo: out)
    p.standardError = try FileHandle(forWritingTo: err)
    if let input {
        let file = tmp.url.appendingPathComponent("stdin")
        try Data(input.utf8).write(to: file)
        p.standardInput = try FileHandle(forReadingFrom: file)
    } else {
        p.standardInput = FileHandle.nullDevice
    }
    try p.run()
    p.waitUntilExit()
    return Run(status: p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus,
               stdout: try String(contentsOf: out, encoding: .utf8),
               stderr: try String(contentsOf: err, encoding: .utf8))
}

struct BinaryMissing: Error, CustomStringConvertible { var description: String { Binary.missing } }

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

/// Sets keys of a scenario folder's scenario.csv (`target_training`,
/// `completion_share` …), replacing rows the file already has for them: the
/// demo's scenario.csv carries the programme's keys, and a key given twice
/// is refused.
func setScenarioKeys(_ pairs: KeyValuePairs<String, String>, in folder: URL) throws {
    let url = folder.appendingPathComponent("scenario.csv")
    let keys = Set(pairs.map { $0.key + "," })
    let kept = try String(contentsOf: url, encoding: .utf8).split(whereSeparator: \.isNewline)
        .filter { line in !keys.contains { line.hasPrefix($0) } }.map(String.init)
    try (kept + pairs.map { "\($0.key),\($0.value)" }).joined(separator: "\n").appending("\n")
        .write(to: url, atomically: true, encoding: .utf8)
}
