import Foundation
import Testing

/// `xiangxing store copy`, `backup` and `restore` through the real binary:
/// an office's store moved and kept, checked by counts and exports.
@Suite("Moving and keeping the store (store copy, backup, restore)", .serialized)
struct StoreMoveCommandTests {
    /// An office's store after a few weeks: the demo imported and planned,
    /// a trainer away (a recorded change) and re-planned, 唐河县's first
    /// awareness class's sign-in sheet imported.
    static func office(_ tmp: borrowing TemporaryFolder) throws -> String {
        let (db, sheets) = try AttendanceCommandTests.office(tmp)
        let v1 = tmp.url.appendingPathComponent("v1")
        let plan = try String(contentsOf: v1.appendingPathComponent("plan.csv"), encoding: .utf8)
        let trainer = try #require(plan.split(whereSeparator: \.isNewline).dropFirst().first
            .map { $0.split(separator: ",", omittingEmptySubsequences: false)[6].split(separator: ";")[0] }).description
        try #require(try xiangxing("unavailable", "--trainer", trainer, "--from", "2019-12-02", "--to", "2019-12-04", "--reason", "病假", "--db", db).status == 0)
        let replanned = try xiangxing("replan", "--out", tmp.url.appendingPathComponent("v2").path, "--db", db)
        try #require(replanned.status == 0, "\(replanned.stderr)")
        let sheet = try #require(sheets.first { $0.lastPathComponent.contains("创业意识培训-第1期") })
        try AttendanceCommandTests.fillIn(sheet)
        let imported = try xiangxing("attendance", "import", sheet.path, "--db", db)
        try #require(imported.status == 0, "\(imported.stderr)")
        return db
    }

    /// `xiangxing export`'s folder of a store's latest version: file name → bytes.
    static func export(_ db: String, _ out: URL) throws -> [String: Data] {
        let run = try xiangxing("export", "--out", out.path, "--db", db)
        try #require(run.status == 0, "\(run.stderr)")
        var files: [String: Data] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.path) {
            files[name] = try Data(contentsOf: out.appendingPathComponent(name))
        }
        return files
    }

    /// The counts table a copy prints: table → (source, destination).
    static func counts(_ stdout: String) -> [String: (Int, Int)] {
        var out: [String: (Int, Int)] = [:]
        for line in stdout.split(separator: "\n") {
            let f = line.split(separator: " ")
            if f.count == 3, let a = Int(f[1]), let b = Int(f[2]) { out[String(f[0])] = (a, b) }
        }
        return out
    }

    @Test("store copy to a new SQLite file: every table counted equal, the latest version exports byte-identical")
    func copyToANewFile() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.office(tmp)
        let copy = tmp.url.appendingPathComponent("副本.sqlite").path
        let run = try xiangxing("store", "copy", "--from", db, "--to", copy)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("已把 \(db) 复制到 \(copy)"))
        #expect(run.stdout.contains("第 2 版（最新）两边导出的 plan.csv"), "\(run.stdout)")
        #expect(run.stdout.contains("逐字节相同"))
        let counts = Self.counts(run.stdout)
        for table in ["scenario", "event", "plan_version", "plan_session", "plan_assignment", "attendance_training", "trainer_blocked"] {
            let c = try #require(counts[table], "\(table) in \(run.stdout)")
            #expect(c.0 == c.1 && c.0 > 0, "\(table)")
        }
        #expect(try Self.export(db, tmp.url.appendingPathComponent("a")) == Self.export(copy, tmp.url.appendingPathComponent("b")))
        // The copy works on its own: the office's next change lands there.
        let status = try xiangxing("status", "--db", copy)
        #expect(status.status == 0 && status.stdout.contains("第 2 版"))
    }

    @Test("store copy into a store that already holds a scenario is refused (exit 1), saying what to do; it is unchanged")
    func copyRefusesAFullDestination() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.office(tmp)
        let other = tmp.url.appendingPathComponent("唐河.sqlite").path
        try #require(try xiangxing("import", demoScenario().path, "--db", other).status == 0)
        let before = FileManager.default.contents(atPath: other)
        let run = try xiangxing("store", "copy", "--from", db, "--to", other)
        #expect(run.status == 1)
        #expect(run.stderr.contains(other) && run.stderr.contains("已有数据") && run.stderr.contains("其中已有场景"), "\(run.stderr)")
        #expect(run.stderr.contains("未复制任何内容") && run.stderr.contains("复制到新文件或空城市"))
        #expect(FileManager.default.contents(atPath: other) == before)

        let english = try xiangxing("store", "copy", "--from", db, "--to", other, "--lang", "en")
        #expect(english.status == 1 && english.stderr.contains("already holds data"), "\(english.stderr)")
        let same = try xiangxing("store", "copy", "--from", db, "--to", db)
        #expect(same.status == 1 && same.stderr.contains("同一个数据库"))
    }

    @Test("SQLite → PostgreSQL → SQLite through the commands: equal counts and byte-identical exports both ways",
          .enabled(if: ProcessInfo.processInfo.environment["XIANGXING_TEST_PG"].map { !$0.isEmpty } ?? false,
                   "set XIANGXING_TEST_PG (scripts/test-postgres start)"))
    func throughPostgres() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.office(tmp)
        let server = ProcessInfo.processInfo.environment["XIANGXING_TEST_PG"]!.split(separator: "?")[0]
        let city = "\(server)?city=cli_\(UUID().uuidString.prefix(8).lowercased())"
        let there = try xiangxing("store", "copy", "--from", db, "--to", city)
        #expect(there.status == 0, "\(there.stderr)")
        #expect(there.stdout.contains("逐字节相同"))
        let back = tmp.url.appendingPathComponent("back.sqlite").path
        let home = try xiangxing("store", "copy", "--from", city, "--to", back)
        #expect(home.status == 0, "\(home.stderr)")
        #expect(Self.counts(there.stdout).mapValues(\.0) == Self.counts(home.stdout).mapValues(\.1))
        let original = try Self.export(db, tmp.url.appendingPathComponent("a"))
        #expect(try Self.export(city, tmp.url.appendingPathComponent("b")) == original)
        #expect(try Self.export(back, tmp.url.appendingPathComponent("c")) == original)
    }

    @Test("backup writes a new 0600 file and refuses an existing one; restore keeps the store it replaces")
    func backupAndRestore() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.office(tmp)
        let backup = tmp.url.appendingPathComponent("备份-2019-12-31.sqlite").path
        let run = try xiangxing("backup", "--db", db, backup)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("已把数据库 \(db) 备份到 \(backup)"))
        let mode = try FileManager.default.attributesOfItem(atPath: backup)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try xiangxing("backup", "--db", db, backup)
        #expect(again.status == 1 && again.stderr.contains("已存在，未覆盖"), "\(again.stderr)")

        // A change after the backup, then the backup restored: the change is gone, the old store kept.
        let closed = try xiangxing("close-venue", "--venue", "WC-2", "--from", "2019-12-20", "--to", "2019-12-20", "--reason", "停电", "--db", db)
        #expect(closed.status == 0, "\(closed.stderr)")
        let before = try xiangxing("status", "--db", db).stdout
        #expect(before.contains("WC-2"), "\(before)")
        let restored = try xiangxing("restore", "--db", db, backup)
        #expect(restored.status == 0, "\(restored.stderr)")
        let kept = try #require(restored.stdout.split(separator: "原数据库保留为 ").last.map(String.init))
        #expect(kept.hasPrefix(db + ".before-restore-"))
        #expect(try xiangxing("status", "--db", kept).stdout == before)
        #expect(!(try xiangxing("status", "--db", db)).stdout.contains("WC-2"), "the change after the backup is gone")
        #expect(try Self.export(db, tmp.url.appendingPathComponent("r")) == Self.export(backup, tmp.url.appendingPathComponent("s")))
    }

    @Test("restore of a file that is no store is refused with its name, exit 1, and the store is untouched")
    func restoreRefusesANonStore() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.office(tmp)
        let notes = tmp.url.appendingPathComponent("南阳-学员.xlsx").path
        try Data("PK\u{3}\u{4} not a database".utf8).write(to: URL(fileURLWithPath: notes))
        let before = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted()
        let run = try xiangxing("restore", "--db", db, notes)
        #expect(run.status == 1)
        #expect(run.stderr.contains(notes) && run.stderr.contains("不是乡行数据库"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted() == before)
        let missing = try xiangxing("restore", "--db", db, tmp.url.appendingPathComponent("没有.sqlite").path, "--lang", "en")
        #expect(missing.status == 1 && missing.stderr.contains("there is no such file"))
    }

    @Test("backup and restore of a PostgreSQL city print the pg_dump / pg_restore commands for its schema and exit 2")
    func postgresPrintsTheCommands() throws {
        let url = "postgres://xiangxing@db.henan.example:5433/henan?city=nanyang"
        let backup = try xiangxing("backup", "--db", url, "nanyang.dump")
        #expect(backup.status == 2)
        #expect(backup.stdout.contains("pg_dump -h db.henan.example -p 5433 -U xiangxing -d henan -n city_nanyang -Fc -f nanyang.dump"), "\(backup.stdout)")
        let restore = try xiangxing("restore", "--db", url, "nanyang.dump", "--lang", "en")
        #expect(restore.status == 2)
        #expect(restore.stdout.contains("pg_restore -f nanyang.dump.sql nanyang.dump"), "\(restore.stdout)")
        #expect(restore.stdout.contains("psql -h db.henan.example -p 5433 -U xiangxing -d henan -X -1 -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS city_nanyang CASCADE' -f nanyang.dump.sql"))
        #expect(restore.stdout.contains("stop the xiangxing serve"))
    }
}
