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
enum TestBackend: String, Sendable, CaseIterable, CustomTestStringConvertible {
    case sqlite
    case postgres

    /// The backends the store tests run on.
    // SQLite joins when `SQLiteBackend(path:)` lands: `[.sqlite, .postgres]`, and the line in TestDatabase.init.
    static let all: [TestBackend] = [.postgres]

    var testDescription: String { rawValue }
}

enum TestPostgres {
    static let skipVariable = "XIANGXING_SKIP_POSTGRES"
    static let urlVariable = "XIANGXING_TEST_PG"

    static var skipped: Bool { ProcessInfo.processInfo.environment[skipVariable] == "1" }

    /// The test server's database (no city), found or started once per test run.
    static let server: Result<PostgresLocation, TestPostgresUnavailable> = {
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
    static func freshCity() throws -> PostgresLocation {
        if skipped { try Test.cancel("\(skipVariable)=1: the PostgreSQL case is skipped") }
        let server = try server.get()
        return server.withCity("t_" + String(UInt64.random(in: .min ... .max), radix: 16))
    }
}

struct TestPostgresUnavailable: Error, CustomStringConvertible {
    let why: String
    var description: String {
        "PostgreSQL is needed by the store tests and was not found: \(why.trimmingCharacters(in: .whitespacesAndNewlines))\n"
            + "Install it with scripts/setup (Debian's postgresql), or point \(TestPostgres.urlVariable) at a server "
            + "(postgres://USER@HOST:PORT/DB), or set \(TestPostgres.skipVariable)=1 to skip the PostgreSQL cases."
    }
}

/// A store database of its own for one test, removed when dropped: a
/// fresh city of the test server (its schema dropped afterwards), or a
/// temporary SQLite file.
final class TestDatabase {
    let kind: TestBackend
    let location: StoreLocation
    let backend: any StoreBackend
    private let folder: URL?

    init(_ kind: TestBackend) throws {
        self.kind = kind
        switch kind {
        case .postgres:
            let city = try TestPostgres.freshCity()
            location = .postgres(city)
            backend = try PostgresBackend.shared(city)
            folder = nil
        case .sqlite:
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-storetests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            folder = dir
            location = .sqlite(path: dir.appendingPathComponent("store.sqlite").path)
            throw TestPostgresUnavailable(why: "SQLiteBackend(path:) is not there yet")
        }
    }

    /// Another handle on the same database (as a second process would open it).
    func reopened() throws -> any StoreBackend {
        switch location {
        case .postgres(let p): try PostgresBackend.shared(p)
        case .sqlite: throw TestPostgresUnavailable(why: "SQLiteBackend(path:) is not there yet")
        }
    }

    deinit {
        switch location {
        case .postgres(let p): try? PostgresBackend.dropCity(p)
        case .sqlite: break
        }
        if let folder { try? FileManager.default.removeItem(at: folder) }
    }
}
