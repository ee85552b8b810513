import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

/// `xiangxing serve` as the office starts it: it serves, logs one line per
/// request without personal data, and stops cleanly on SIGTERM.
@Suite struct ServeCommandTests {
    @Test func theServerAnswersLogsWithoutPersonalDataAndStopsGracefullyOnSigterm() async throws {
        guard let binary = Binary.url else { throw BinaryMissing() }
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        #expect(try xiangxing(["import", demoScenario().path, "--db", db], in: tmp.url).status == 0)
        #expect(try xiangxing(["user", "add", "tanghe", "--role", "county", "--county", "唐河县", "--db", db], in: tmp.url,
                              input: "唐河-密码-2019\n").status == 0)
        let port = 20000 + Int(getpid() % 20000)
        let p = Process()
        p.executableURL = binary
        p.arguments = ["serve", "--db", db, "--port", String(port), "--today", "2019-09-01"]
        let err = tmp.url.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        p.standardError = try FileHandle(forWritingTo: err)
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        defer { if p.isRunning { p.terminate() } }

        let base = URL(string: "http://127.0.0.1:\(port)")!
        var up = false
        for _ in 0..<100 where !up {
            try await Task.sleep(for: .milliseconds(200))
            if let (_, r) = try? await URLSession.shared.data(from: base.appendingPathComponent("healthz")), (r as? HTTPURLResponse)?.statusCode == 200 { up = true }
        }
        #expect(up, "the server did not answer /healthz")
        // A wrong sign-in: the password and the typed name must not reach the log.
        var request = URLRequest(url: base.appendingPathComponent("login"))
        request.httpMethod = "POST"
        request.setValue("application/x-www-form-urlencoded", forHTTPHeaderField: "Content-Type")
        request.httpBody = Data("username=tanghe&password=%E9%94%99%E8%AF%AF-%E5%AF%86%E7%A0%81-411328198709150755".utf8)
        _ = try? await URLSession.shared.data(for: request)

        kill(p.processIdentifier, SIGTERM)
        var waited = 0
        while p.isRunning && waited < 150 { try await Task.sleep(for: .milliseconds(100)); waited += 1 }
        #expect(!p.isRunning, "serve did not stop within 15 s of SIGTERM")
        #expect(p.terminationStatus == 0)
        let log = try String(contentsOf: err, encoding: .utf8)
        #expect(log.contains("乡行网页服务：http://127.0.0.1:\(port)/"))
        #expect(log.contains("route=/healthz status=200"))
        #expect(log.contains("method=POST"))
        #expect(!log.contains("错误-密码"))
        #expect(!log.contains("411328198709150755"))
        #expect(!log.contains("password"))
    }

    @Test func aMissingStoreOrABadPortIsRefusedWithWhatToDo() throws {
        let tmp = try TemporaryFolder()
        let missing = try xiangxing(["serve", "--db", tmp.url.appendingPathComponent("nothing.sqlite").path], in: tmp.url)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("先运行 xiangxing import"))
        #expect(!FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("nothing.sqlite").path))
        let port = try xiangxing(["serve", "--port", "70000"], in: tmp.url)
        #expect(port.status == 64)
        #expect(port.stderr.contains("--port"))
        let today = try xiangxing(["serve", "--today", "2019-13-01"], in: tmp.url)
        #expect(today.status == 64)
    }
}
