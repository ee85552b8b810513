import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import XiangxingTestSupport
import XiangxingWeb

/// Each role's main task in a real Chromium (Tests/Browser/test_*.py,
/// Selenium from Debian's python3-selenium), against the server running on
/// a loopback port over a fresh copy of the demo store. Screenshots land in
/// .build/screenshots/<script>/ — look at them.
///
/// Skipped only when XIANGXING_SKIP_BROWSER=1 says so (the reason is
/// printed); a machine without Chromium otherwise fails, naming what to install.
@Suite(.serialized) struct BrowserTests {
    static let folder = packageRoot().appendingPathComponent("Tests/Browser")

    static var scripts: [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
            .filter { $0.hasPrefix("test_") && $0.hasSuffix(".py") }.sorted()
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["XIANGXING_SKIP_BROWSER"] != "1",
                   "XIANGXING_SKIP_BROWSER=1: the browser tests were asked to be skipped"),
          arguments: scripts)
    func theRolesTaskWorksInChromium(_ script: String) async throws {
        for tool in ["/usr/bin/chromium", "/usr/bin/chromedriver"] {
            #expect(FileManager.default.isExecutableFile(atPath: tool), "\(tool) is missing: run scripts/setup (Debian's chromium, chromium-driver, python3-selenium)")
        }
        let shots = packageRoot().appendingPathComponent(".build/screenshots/\(script.dropLast(3))")
        try? FileManager.default.removeItem(at: shots)
        let tmp = try TemporaryFolder()
        let path = try WebFixture.store(in: tmp)
        let app = try await WebServer.application(WebConfig(database: path, port: 0, today: WebFixture.today), logger: WebFixture.quietLogger)
        let (status, output) = try await app.test(.live) { client in
            let port = try #require(client.port)
            return try await Self.python(script, environment: [
                "XIANGXING_URL": "http://127.0.0.1:\(port)",
                "XIANGXING_PASSWORD": WebFixture.password,
                "XIANGXING_SCREENSHOTS": shots.path,
                "XIANGXING_DB": path,
            ])
        }
        #expect(status == 0, "\(script) failed:\n\(output)")
    }

    /// Runs the script with Debian's python3 (where python3-selenium is), without blocking a Swift thread.
    static func python(_ script: String, environment: [String: String]) async throws -> (Int32, String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [folder.appendingPathComponent(script).path]
        process.currentDirectoryURL = folder
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        let collected = Collected()
        out.fileHandleForReading.readabilityHandler = { handle in collected.append(handle.availableData) }
        return try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { p in
                out.fileHandleForReading.readabilityHandler = nil
                collected.append(out.fileHandleForReading.readDataToEndOfFile())
                continuation.resume(returning: (p.terminationStatus, collected.text))
            }
            do { try process.run() } catch { continuation.resume(throwing: error) }
        }
    }
}

private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ d: Data) { lock.withLock { data.append(d) } }
    var text: String { lock.withLock { String(decoding: data, as: UTF8.self) } }
}
