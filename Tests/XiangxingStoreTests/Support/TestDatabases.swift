import Foundation
import Testing
import XiangxingStore

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
            let path = dir.appendingPathComponent("store.sqlite").path
            location = .sqlite(path: path)
            backend = try SQLiteBackend(path: path)
        }
    }

    /// Another handle on the same database (as a second process would open it).
    func reopened() throws -> any StoreBackend {
        switch location {
        case .postgres(let p): try PostgresBackend.shared(p)
        case .sqlite(let path): try SQLiteBackend(path: path)
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
