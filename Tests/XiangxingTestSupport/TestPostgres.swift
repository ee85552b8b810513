import Foundation
import Testing
import XiangxingStore

/// The databases a store test runs on: parameterise a test with
/// `@Test(arguments: TestBackend.all)` and open `TestDatabase(kind)`.
///
/// PostgreSQL is the server `XIANGXING_TEST_PG` names
/// (`postgres://USER@HOST:PORT/DB`; `.ci/run` sets it); without it the
/// tests start the throwaway cluster of `scripts/test-postgres` themselves.
/// `XIANGXING_SKIP_POSTGRES=1` skips the PostgreSQL cases (each is reported
/// as cancelled, with the reason); without it, a machine that has no
/// PostgreSQL fails them, naming what to install.
public enum TestBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The backends the store tests run on.
    public static let all: [TestBackend] = [.sqlite, .postgres]

    public var testDescription: String { rawValue }
}

public enum TestPostgres {
    public static let skipVariable = "XIANGXING_SKIP_POSTGRES"
    public static let urlVariable = "XIANGXING_TEST_PG"

    public static var skipped: Bool { ProcessInfo.processInfo.environment[skipVariable] == "1" }

    /// The test server's database (no city), found or started once per test run.
    public static let server: Result<PostgresLocation, TestPostgresUnavailable> = {
        let environment = ProcessInfo.processInfo.environment
        var url = environment[urlVariable] ?? ""
        if url.isEmpty {
            let script = packageRoot().appendingPathComponent("scripts/test-postgres")
            let process = Process()
            process.executableURL = script
            process.arguments = ["start"]
            let out = Pipe(), err = Pipe()
            process.standardOutput = out
            process.standardError = err
            do {
                try process.run()
            } catch {
                return .failure(TestPostgresUnavailable(why: "cannot run \(script.path): \(error)"))
            }
            let printed = out.fileHandleForReading.readDataToEndOfFile()
            let complaint = err.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0 else {
                return .failure(TestPostgresUnavailable(why: String(decoding: complaint, as: UTF8.self)))
            }
            url = String(decoding: printed, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        do {
            return .success(try PostgresLocation(url: url).withCity(nil))
        } catch {
            return .failure(TestPostgresUnavailable(why: "\(urlVariable)=\(PostgresLocation.redact(url)): \(error)"))
        }
    }()

    /// A city of the test database no other test uses: `t_` and 16 hex digits.
    public static func freshCity() throws -> PostgresLocation {
        if skipped { try Test.cancel("\(skipVariable)=1: the PostgreSQL case is skipped") }
        let server = try server.get()
        return server.withCity("t_" + String(UInt64.random(in: .min ... .max), radix: 16))
    }
}

public struct TestPostgresUnavailable: Error, CustomStringConvertible {
    public let why: String
    public init(why: String) { self.why = why }
    public var description: String {
        "PostgreSQL is needed by the store tests and was not found: \(why.trimmingCharacters(in: .whitespacesAndNewlines))\n"
            + "Install it with scripts/setup (Debian's postgresql), or point \(TestPostgres.urlVariable) at a server "
            + "(postgres://USER@HOST:PORT/DB), or set \(TestPostgres.skipVariable)=1 to skip the PostgreSQL cases."
    }
}

