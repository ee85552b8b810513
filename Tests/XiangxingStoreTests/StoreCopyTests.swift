import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore
#if canImport(Glibc)
import Glibc
#endif

/// A whole store moved (SQLite ↔ PostgreSQL) and kept (backup, restore):
/// every row and id arrives, the latest plan reads back the same, and
/// nothing is half-written or overwritten.
@Suite("Copying, backing up and restoring the store")
struct StoreCopyTests {
    /// The demo as an office leaves it after a few weeks: imported, planned
    /// (version 1), 解红伟's colleague away three September days (a recorded
    /// change), version 2 saved, 唐河县's first class's attendance imported,
    /// and an account added.
    static func office(_ location: String, in tmp: TemporaryFolder) throws -> PlanStore {
        let store = try PlanStore(path: location, clock: TestClock().now)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, source: "scenarios/nanyang-2019", by: "王秀英")
        try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "王秀英", reason: "初始计划",
                              parent: nil, extraFiles: demo.extraFiles)
        let trainer = try #require(demo.plan.sessions.first { !$0.trainers.isEmpty }?.trainers.first)
        try store.markTrainerUnavailable(trainer: trainer, from: day("2019-09-10"), through: day("2019-09-12"), reason: "病假", by: "王秀英")
        try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "王秀英", reason: "病假后重排",
                              parent: 1, extraFiles: demo.extraFiles)
        let session = try AttendanceStoreTests.classes(demo, 1)[0]
        let sheet = tmp.url.appendingPathComponent("唐河县出勤-\(UUID().uuidString).csv")
        try AttendanceStoreTests.trainingFile(sheet, demo, session)
        _ = try store.importAttendance(files: [sheet], version: 2, by: "李桂兰").get()
        try store.addAccount(StoredAccount(username: "tanghe", role: .county, county: "411328", passwordHash: "$2b$10$abcdefghijklmnopqrstuv"),
                             by: "王秀英")
        return store
    }

    /// What a person reading either store sees: the latest version's plan
    /// folder byte for byte, every version's header, the change log, the
    /// attendance, and every table's row count.
    static func expectSame(_ a: PlanStore, _ b: PlanStore) throws {
        #expect(try exported(a) == exported(b))
        #expect(try a.versions() == b.versions())
        #expect(try a.events() == b.events())
        #expect(try a.currentScenario()?.trainers.map(\.id) == b.currentScenario()?.trainers.map(\.id))
        #expect(try a.attendanceRowCounts() == b.attendanceRowCounts())
        let counts = try StoreCopy.rowCounts(a)
        #expect(counts.map(\.rows) == (try StoreCopy.rowCounts(b)).map(\.rows))
        #expect(counts.filter { ["scenario", "event", "plan_version", "plan_assignment", "attendance_training", "account"].contains($0.table) }
            .allSatisfy { $0.rows > 0 }, "\(counts)")
    }

    /// The latest version's plan folder, as `xiangxing export` writes it: file name → bytes.
    static func exported(_ store: PlanStore) throws -> [String: Data] {
        let v = try #require(try store.latestVersion())
        let tmp = try TemporaryFolder()
        let folder = tmp.url.appendingPathComponent("plan")
        try PlanFolder.write(v.plan, summary: v.summary, to: folder, withAssignments: v.withAssignments,
                             extraFiles: v.extraFiles.map { (name: $0.name, text: $0.text) })
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
            files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
        }
        #expect(files.keys.contains("plan.csv") && files.keys.contains("waitlist.csv"))
        return files
    }

    @Test("a store copied SQLite → SQLite keeps every row, id and version; the next change continues the log")
    func sqliteToSQLite() throws {
        let tmp = try TemporaryFolder()
        let source = try Self.office(tmp.url.appendingPathComponent("南阳.sqlite").path, in: tmp)
        let target = tmp.url.appendingPathComponent("copy.sqlite").path
        let report = try StoreCopy.copy(from: source.path, to: target)
        #expect(report.differing.isEmpty)
        #expect(report.rowsCopied == report.tables.reduce(0) { $0 + $1.source })
        #expect(report.tables.map(\.table).prefix(2) == ["scenario", "event"])
        let copy = try PlanStore(path: target)
        try Self.expectSame(source, copy)
        #expect(try copy.integrityProblems().isEmpty)

        let last = try #require(try source.events().last?.id)
        let next = try copy.markTrainerUnavailable(trainer: try #require(try copy.currentScenario()?.trainers.first?.id),
                                                   from: day("2019-10-08"), through: day("2019-10-08"), reason: "开会", by: "王秀英")
        #expect(next.id == last + 1)
    }

    @Test("SQLite → PostgreSQL → SQLite: the same rows, versions and log on all three, the ids continue on the server",
          .enabled(if: PostgresForTests.url != nil, "set XIANGXING_TEST_PG (scripts/test-postgres start)"))
    func throughPostgres() throws {
        let tmp = try TemporaryFolder()
        let source = try Self.office(tmp.url.appendingPathComponent("南阳.sqlite").path, in: tmp)
        let city = try PostgresForTests.freshCity()
        let there = try StoreCopy.copy(from: source.path, to: city)
        #expect(there.differing.isEmpty, "\(there.differing)")
        let back = tmp.url.appendingPathComponent("back.sqlite").path
        let again = try StoreCopy.copy(from: city, to: back)
        #expect(again.differing.isEmpty)
        #expect(again.tables.map(\.source) == there.tables.map(\.destination))
        let server = try PlanStore(path: city), home = try PlanStore(path: back)
        try Self.expectSame(source, server)
        try Self.expectSame(source, home)

        let last = try #require(try source.events().last?.id)
        let next = try server.markTrainerUnavailable(trainer: try #require(try server.currentScenario()?.trainers.first?.id),
                                                     from: day("2019-10-08"), through: day("2019-10-08"), reason: "开会", by: "王秀英")
        #expect(next.id == last + 1, "the server's event ids continue after the copied ones")
    }

    @Test("a destination that already holds a scenario is refused, and keeps exactly what it held")
    func nonEmptyDestinationRefused() throws {
        let tmp = try TemporaryFolder()
        let source = try Self.office(tmp.url.appendingPathComponent("南阳.sqlite").path, in: tmp)
        let target = tmp.url.appendingPathComponent("copy.sqlite").path
        try StoreCopy.copy(from: source.path, to: target)
        let before = try StoreCopy.rowCounts(try PlanStore(path: target)).map(\.rows)
        do {
            try StoreCopy.copy(from: source.path, to: target)
            Issue.record("a second copy into a full store was accepted")
        } catch let e as StoreCopyError {
            guard case .destinationNotEmpty(_, let tables) = e else { Issue.record("\(e)"); return }
            #expect(tables.contains { $0.0 == "scenario" && $0.1 == 1 })
            #expect(e.message(.zh).contains("已有数据") && e.message(.zh).contains("场景"))
            #expect(e.message(.en).contains("copy to a new file or an empty city"))
        }
        #expect(try StoreCopy.rowCounts(try PlanStore(path: target)).map(\.rows) == before)
    }

    @Test("copying a store onto itself — by its name or through a symbolic link — is refused")
    func sameStoreRefused() throws {
        let tmp = try TemporaryFolder()
        let path = tmp.url.appendingPathComponent("南阳.sqlite").path
        _ = try Self.office(path, in: tmp)
        let link = tmp.url.appendingPathComponent("link.sqlite").path
        #expect(symlink(path, link) == 0)
        for to in [path, link] {
            #expect {
                try StoreCopy.copy(from: path, to: to)
            } throws: { e in
                guard case .sameStore? = e as? StoreCopyError else { return false }
                return true
            }
        }
    }

    @Test("a source that is no store (missing, or another program's SQLite file) is refused and left alone")
    func sourceNotAStore() throws {
        let tmp = try TemporaryFolder()
        let missing = tmp.url.appendingPathComponent("没有.sqlite").path
        #expect(throws: StoreCopyError.self) { try StoreCopy.copy(from: missing, to: tmp.url.appendingPathComponent("a.sqlite").path) }
        #expect(!FileManager.default.fileExists(atPath: missing))
        let other = tmp.url.appendingPathComponent("other.sqlite").path
        try Self.sqliteFile(other, sql: "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1)")
        let bytes = FileManager.default.contents(atPath: other)
        #expect(throws: StoreCopyError.self) { try StoreCopy.copy(from: other, to: tmp.url.appendingPathComponent("b.sqlite").path) }
        #expect(FileManager.default.contents(atPath: other) == bytes)
    }

    // MARK: backup and restore

    @Test("a backup taken while another thread keeps recording changes is a sound store, 0600, and never overwrites")
    func backupWhileWriting() throws {
        let tmp = try TemporaryFolder()
        let path = tmp.url.appendingPathComponent("南阳.sqlite").path
        let store = try Self.office(path, in: tmp)
        let trainers = try #require(try store.currentScenario()?.trainers.map(\.id))
        let stop = Flag()
        let writer = Thread {
            var i = 0
            while !stop.isSet {
                let d = day("2019-11-01").advanced(by: i % 28)
                if (try? store.markTrainerUnavailable(trainer: trainers[i % trainers.count], from: d, through: d, reason: "第 \(i) 次", by: "王秀英")) != nil {
                    stop.wrote()
                }
                i += 1
            }
            stop.done()
        }
        writer.start()
        Thread.sleep(forTimeInterval: 0.2)
        let out = tmp.url.appendingPathComponent("备份.sqlite").path
        let backend = try SQLiteBackend(path: path)
        let result = try backend.backup(to: out)
        let writtenBefore = stop.writes
        stop.set()
        stop.waitDone()
        #expect(writtenBefore > 0 && stop.writes >= writtenBefore, "the other thread was writing")
        #expect(result.bytes > 100_000)

        var st = stat()
        #expect(stat(out, &st) == 0 && st.st_mode & 0o777 == 0o600)
        #expect(try SQLiteBackend.integrityProblems(of: out).isEmpty)
        #expect(SQLiteBackend.storeFileProblem(out) == nil)
        let kept = try PlanStore(path: out)
        #expect(try kept.integrityProblems().isEmpty)
        #expect(try kept.latestVersion()?.info.number == 2)
        let events = try kept.events()
        #expect(events.count >= 6)
        // One moment: the log runs without a gap up to where the backup was taken.
        #expect(events.map(\.id) == Array(1...Int64(events.count)))

        // The same name again is refused, and the first backup is unchanged.
        let bytes = FileManager.default.contents(atPath: out)
        #expect(throws: StoreFileError.exists(out)) { try backend.backup(to: out) }
        #expect(FileManager.default.contents(atPath: out) == bytes)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).filter { $0.contains(".partial-") }.isEmpty)
    }

    @Test("restoring a file that is no store — text, or another program's SQLite — is refused, naming the file; the store is untouched")
    func restoreRefusesANonStore() throws {
        let tmp = try TemporaryFolder()
        let path = tmp.url.appendingPathComponent("南阳.sqlite").path
        _ = try Self.office(path, in: tmp)
        let text = tmp.url.appendingPathComponent("学员名单.csv").path
        try "id_number,name\n".write(toFile: text, atomically: true, encoding: .utf8)
        let other = tmp.url.appendingPathComponent("别的程序.sqlite").path
        try Self.sqliteFile(other, sql: "CREATE TABLE t (x INTEGER)")
        let before = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted()
        for file in [text, other] {
            do {
                try SQLiteBackend.restore(file, over: path)
                Issue.record("\(file) was restored")
            } catch let e as StoreFileError {
                #expect(e.message(.zh).contains(file) && e.message(.zh).contains("不是乡行数据库"), "\(e)")
            }
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted() == before)
        #expect(try PlanStore(path: path).latestVersion()?.info.number == 2)
    }

    @Test("a restore keeps the store it replaces beside it, and the restored store is the backup's moment")
    func restoreKeepsTheOldStore() throws {
        let tmp = try TemporaryFolder()
        let path = tmp.url.appendingPathComponent("南阳.sqlite").path
        let backup = tmp.url.appendingPathComponent("备份.sqlite").path
        let eventsAfter: [StoreEvent]
        do {
            // Closed before the restore, as a command's store is.
            let store = try Self.office(path, in: tmp)
            try SQLiteBackend(path: path).backup(to: backup)
            // Work after the backup: a third version.
            let demo = try Demo.get()
            try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: try #require(try store.currentScenarioID()),
                                  author: "王秀英", reason: "备份之后", parent: 2)
            eventsAfter = try store.events()
        }

        let result = try SQLiteBackend.restore(backup, over: path, now: try Date("2019-10-08T09:30:00Z", strategy: .iso8601))
        let kept = try #require(result.kept)
        #expect(kept == path + ".before-restore-20191008T093000Z")
        #expect(try PlanStore(path: path).latestVersion()?.info.number == 2)
        let old = try PlanStore(path: kept)
        #expect(try old.latestVersion()?.info.number == 3)
        #expect(try old.events() == eventsAfter)
        // A second restore in the same second keeps the second store under its own name.
        let second = try SQLiteBackend.restore(backup, over: path, now: try Date("2019-10-08T09:30:00Z", strategy: .iso8601))
        #expect(second.kept == path + ".before-restore-20191008T093000Z-2")
        #expect(FileManager.default.fileExists(atPath: kept))
    }

    @Test("a restore is refused while the store is being planned, and changes nothing")
    func restoreRefusedWhilePlanning() throws {
        let tmp = try TemporaryFolder()
        let path = tmp.url.appendingPathComponent("南阳.sqlite").path
        let store = try Self.office(path, in: tmp)
        let backup = tmp.url.appendingPathComponent("备份.sqlite").path
        try SQLiteBackend(path: path).backup(to: backup)
        _ = try store.beginPlanning(by: "王秀英")
        defer { store.endPlanning() }
        let before = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted()
        #expect {
            try SQLiteBackend.restore(backup, over: path)
        } throws: { e in
            guard case .planning(_, let lease)? = e as? StoreFileError else { return false }
            return lease.who == "王秀英"
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted() == before)
    }

    /// A SQLite file of another program.
    static func sqliteFile(_ path: String, sql: String) throws {
        try SQLiteBackend(path: path).write { db in
            for statement in sql.split(separator: ";") { try db.execute(sql: String(statement)) }
        }
    }
}

/// A flag one thread sets and another waits on.
final class Flag: @unchecked Sendable {
    private let lock = NSCondition()
    private var value = false, finished = false, count = 0
    var isSet: Bool { lock.withLock { value } }
    var writes: Int { lock.withLock { count } }
    func wrote() { lock.withLock { count += 1 } }
    func set() { lock.withLock { value = true } }
    func done() { lock.withLock { finished = true; lock.broadcast() } }
    func waitDone() { lock.withLock { while !finished { lock.wait() } } }
}

/// The PostgreSQL server the tests may use: `XIANGXING_TEST_PG`
/// (`scripts/test-postgres start` prints one).
enum PostgresForTests {
    static var url: String? {
        ProcessInfo.processInfo.environment["XIANGXING_TEST_PG"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// A city of its own for one test (`?city=copy_…`).
    static func freshCity() throws -> String {
        let base = try #require(url).split(separator: "?").first.map(String.init) ?? ""
        return base + "?city=copy_" + UUID().uuidString.prefix(8).lowercased()
    }
}
