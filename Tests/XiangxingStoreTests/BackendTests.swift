import Foundation
import Testing
import XiangxingStore

/// The two backends under the store, held to the same contract
/// (StoreBackend.swift): values, placeholders, bulk inserts, rollback,
/// migrations, serial writers, the planning lock; and PostgreSQL's own
/// cities, reconnection and messages.
@Suite("Store backends")
struct BackendTests {
    /// A small schema of the tests' own, in the store's DDL.
    static let migrations = [
        Migration("t1", .table("attendee") { t in
            t.column("id", .autoIncrementedID)
            t.column("name", .text, .notNull)
            t.column("count", .integer)
            t.column("score", .real)
            t.column("present", .boolean)
            t.column("photo", .blob)
        }),
        Migration("t2", .table("counter") { t in
            t.column("slot", .integer, .primaryKey)
            t.column("value", .integer, .notNull)
        }),
    ]

    static func migrated(_ kind: TestBackend) throws -> TestDatabase {
        let db = try TestDatabase(kind)
        try db.backend.migrate(migrations)
        return db
    }

    @Test(arguments: TestBackend.all)
    func valuesComeBackAsTheyWent(_ kind: TestBackend) throws {
        let db = try Self.migrated(kind)
        let rows: [[SQLValue]] = [
            [.text("张秀英"), .integer(0), .real(0.5), .integer(1), .blob([0, 255, 7, 0])],
            [.text("李建国 “返乡创业”"), .integer(Int64.max), .real(-1234.5678), .integer(0), .null],
            [.text(""), .integer(-42), .real(1e300), .null, .blob([])],
            [.text("O'Brien \"quoted\" ?"), .integer(Int64.min), .null, .integer(1), .null],
        ]
        try db.backend.write { d in
            for r in rows {
                try d.execute(sql: "INSERT INTO attendee (name, \"count\", score, present, photo) VALUES (?, ?, ?, ?, ?)",
                              arguments: SQLArguments(r))
            }
        }
        let back = try db.backend.read { d in
            try d.rows(sql: "SELECT name, \"count\", score, present, photo FROM attendee ORDER BY id", arguments: [])
        }
        #expect(back.map(\.values) == rows)
        #expect(back.first?.columns == ["name", "count", "score", "present", "photo"])
        let name: String = back[0]["name"]
        #expect(name == "张秀英")
        let big: Int64 = back[1]["count"]
        #expect(big == Int64.max)
    }

    @Test(arguments: TestBackend.all)
    func aQuestionMarkInQuotesOrCommentsIsNoPlaceholder(_ kind: TestBackend) throws {
        let db = try Self.migrated(kind)
        try db.backend.write { d in
            try d.execute(sql: "INSERT INTO attendee (name, \"count\") VALUES ('谁? 王?', ?) -- a comment? yes\n", arguments: [7])
            try d.execute(sql: "INSERT INTO attendee (name, \"count\") VALUES (?, /* why? */ ?)", arguments: ["it's ?", 8])
        }
        let rows = try db.backend.read { d in
            try d.rows(sql: "SELECT name, 'a''?b' AS \"odd?name\", ? AS given FROM attendee WHERE \"count\" >= ? ORDER BY id",
                       arguments: ["给定", 7])
        }
        #expect(rows.map { $0.values } == [
            [.text("谁? 王?"), .text("a'?b"), .text("给定")],
            [.text("it's ?"), .text("a'?b"), .text("给定")],
        ])
        #expect(rows.first?.columns == ["name", "odd?name", "given"])
    }

    @Test(arguments: TestBackend.all)
    func twoThousandRowsInsertedInOneCall(_ kind: TestBackend) throws {
        let db = try Self.migrated(kind)
        let rows = (1...2000).map { i -> [SQLValue] in [.text("学员\(i)"), .integer(Int64(i)), i % 3 == 0 ? .null : .real(Double(i) / 4)] }
        try db.backend.write { d in try d.insert(into: "attendee", columns: ["name", "count", "score"], rows: rows) }
        let (count, sum, nulls, last) = try db.backend.read { d in
            (try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM attendee") ?? -1,
             try Int.fetchOne(d, sql: "SELECT CAST(SUM(\"count\") AS BIGINT) FROM attendee") ?? -1,
             try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM attendee WHERE score IS NULL") ?? -1,
             try String.fetchOne(d, sql: "SELECT name FROM attendee WHERE \"count\" = ?", arguments: [2000]))
        }
        #expect(count == 2000 && sum == 2000 * 2001 / 2 && nulls == 666 && last == "学员2000")
    }

    struct Refused: Error, Equatable {}

    @Test(arguments: TestBackend.all)
    func aWriteThatThrowsLeavesNothingAndItsErrorComesOut(_ kind: TestBackend) throws {
        let db = try Self.migrated(kind)
        #expect(throws: Refused()) {
            try db.backend.write { d in
                try d.execute(sql: "INSERT INTO attendee (name) VALUES (?)", arguments: ["赵六"])
                try d.insert(into: "counter", columns: ["slot", "value"], rows: [[.integer(1), .integer(5)]])
                throw Refused()
            }
        }
        let counts = try db.backend.read { d in
            [try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM attendee"), try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM counter")]
        }
        #expect(counts == [0, 0])
        // The connection is usable again: the next write commits.
        try db.backend.write { d in try d.execute(sql: "INSERT INTO attendee (name) VALUES (?)", arguments: ["赵六"]) }
        #expect(try db.backend.read { d in try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM attendee") } == 1)
    }

    @Test(arguments: TestBackend.all)
    func migratingTwiceIsMigratingOnce(_ kind: TestBackend) throws {
        let db = try TestDatabase(kind)
        #expect(try db.backend.appliedMigrations() == [])
        try db.backend.migrate(Array(Self.migrations.prefix(1)))
        #expect(try db.backend.appliedMigrations() == ["t1"])
        try db.backend.migrate(Self.migrations)
        try db.backend.write { d in try d.execute(sql: "INSERT INTO counter (slot, value) VALUES (1, 1)") }
        try db.reopened().migrate(Self.migrations)
        try db.backend.migrate(Self.migrations)
        #expect(try db.backend.appliedMigrations() == ["t1", "t2"])
        #expect(try db.backend.read { d in try Int.fetchOne(d, sql: "SELECT value FROM counter") } == 1)
    }

    @Test(arguments: TestBackend.all)
    func twoWritersTakeTurns(_ kind: TestBackend) throws {
        let db = try Self.migrated(kind)
        try db.backend.write { d in try d.execute(sql: "INSERT INTO counter (slot, value) VALUES (1, 0)") }
        let backends = [db.backend, try db.reopened()]
        let failures = NSLock()
        nonisolated(unsafe) var errors: [any Error] = []
        // Each writer reads the counter, waits a little, writes it plus one:
        // without the write lock the two would overwrite each other's increments.
        DispatchQueue.concurrentPerform(iterations: 2) { w in
            for _ in 0..<50 {
                do {
                    try backends[w].write { d in
                        let v = try Int.fetchOne(d, sql: "SELECT value FROM counter WHERE slot = 1") ?? -1
                        usleep(200)
                        try d.execute(sql: "UPDATE counter SET value = ? WHERE slot = 1", arguments: [v + 1])
                    }
                } catch {
                    failures.withLock { errors.append(error) }
                }
            }
        }
        #expect(errors.isEmpty, "\(errors)")
        #expect(try db.backend.read { d in try Int.fetchOne(d, sql: "SELECT value FROM counter WHERE slot = 1") } == 100)
    }

    @Test(arguments: TestBackend.all)
    func thePlanningLockIsBusyWhileHeldAndFreeAfter(_ kind: TestBackend) throws {
        let db = try Self.migrated(kind)
        guard case .acquired(let held) = try db.backend.tryPlanningLock() else {
            // SQLite's lease is the planning row (Planning.swift), tested there.
            #expect(kind == .sqlite)
            return
        }
        guard case .busy = try db.reopened().tryPlanningLock() else {
            Issue.record("a second planner got the lock while it was held")
            held.release()
            return
        }
        // Writers are not held up by a planner.
        try db.backend.write { d in try d.execute(sql: "INSERT INTO counter (slot, value) VALUES (1, 1)") }
        held.release()
        held.release()
        guard case .acquired(let again) = try db.reopened().tryPlanningLock() else {
            Issue.record("the lock stayed taken after release")
            return
        }
        again.release()
    }

    // MARK: PostgreSQL only

    @Test func twoCitiesInOneDatabaseDoNotSeeEachOther() throws {
        let nanyang = try Self.migrated(.postgres), xinyang = try Self.migrated(.postgres)
        try nanyang.backend.write { d in try d.execute(sql: "INSERT INTO attendee (name) VALUES (?)", arguments: ["南阳的学员"]) }
        try xinyang.backend.write { d in
            try d.execute(sql: "INSERT INTO attendee (name) VALUES (?)", arguments: ["信阳的学员"])
            try d.execute(sql: "INSERT INTO attendee (name) VALUES (?)", arguments: ["信阳的学员二"])
        }
        #expect(try nanyang.backend.read { d in try String.fetchAll(d, sql: "SELECT name FROM attendee") } == ["南阳的学员"])
        #expect(try xinyang.backend.read { d in try Int.fetchOne(d, sql: "SELECT COUNT(*) FROM attendee") } == 2)
        // A writer of one city does not wait for the other's.
        try nanyang.backend.write { _ in
            try xinyang.backend.write { d in try d.execute(sql: "INSERT INTO counter (slot, value) VALUES (1, 1)") }
        }
        guard case .postgres(let a) = nanyang.location, case .postgres(let b) = xinyang.location else { return }
        let cities = try PostgresBackend.cities(a)
        #expect(cities.contains(a.cityOrDefault) && cities.contains(b.cityOrDefault))
        #expect(try nanyang.backend.identity() != xinyang.backend.identity())
        #expect(try nanyang.backend.identity() == nanyang.reopened().identity())
    }

    @Test func aCityDroppedAndMadeAgainHasAnotherIdentity() throws {
        let db = try Self.migrated(.postgres)
        guard case .postgres(let city) = db.location else { return }
        let before = try db.backend.identity()
        try PostgresBackend.dropCity(city)
        #expect(try !PostgresBackend.cities(city).contains(city.cityOrDefault))
        try db.backend.migrate(Self.migrations)
        #expect(try db.backend.appliedMigrations() == ["t1", "t2"])
        #expect(try db.backend.identity() != before)
    }

    @Test func postgresReadsItsOwnTypesAsTheStoreKnowsThem() throws {
        let db = try Self.migrated(.postgres)
        try db.backend.write { d in
            try d.insert(into: "attendee", columns: ["name", "count"], rows: [[.text("甲"), .integer(3)], [.text("乙"), .integer(4)]])
        }
        let row = try db.backend.read { d in
            try d.rows(sql: """
                SELECT SUM("count") AS total, 1.5 AS half, TRUE AS yes, FALSE AS no, CAST(2 AS SMALLINT) AS small,
                       CAST(2.5 AS REAL) AS float4, CAST('x' AS VARCHAR(3)) AS short, CAST(NULL AS BIGINT) AS nothing,
                       CAST(-12345678901234 AS NUMERIC) AS negative, CAST(0.0001 AS NUMERIC) AS tiny
                FROM attendee
                """, arguments: []).first
        }
        #expect(row?.values == [.integer(7), .real(1.5), .integer(1), .integer(0), .integer(2), .real(2.5), .text("x"), .null,
                                .integer(-12_345_678_901_234), .real(0.0001)])
    }

    @Test func sqlThatPostgresRefusesNamesTheStatementNotItsValues() throws {
        let db = try Self.migrated(.postgres)
        let secret = "411328199001011234"
        let error = #expect(throws: StoreError.self) {
            try db.backend.write { d in
                try d.execute(sql: "INSERT OR IGNORE INTO attendee (name) VALUES (?)", arguments: [secret])
            }
        }
        let text = error?.description ?? ""
        #expect(text.contains("INSERT OR IGNORE INTO attendee (name) VALUES (?)"))
        #expect(text.contains("42601"))
        #expect(!text.contains(secret))
        // A value that does not fit its column is not quoted either.
        let bad = #expect(throws: StoreError.self) {
            try db.backend.write { d in try d.execute(sql: "SELECT CAST(? AS BIGINT)", arguments: [secret + "x"]) }
        }
        #expect(bad.map { !$0.description.contains(secret) && $0.description.contains("22P02") } == true)
    }

    @Test func aConnectionTheServerEndedIsReplaced() throws {
        let server = try TestPostgres.freshCity()
        // A pool of its own (the password, which the trusting test server ignores, is part of the
        // pool's key): ending its connection disturbs no other test.
        var location = server
        location.password = "a-pool-of-its-own-\(UInt32.random(in: .min ... .max))"
        let backend = try PostgresBackend.shared(location)
        defer { try? PostgresBackend.dropCity(location) }
        try backend.migrate(Self.migrations)
        let pid = try backend.read { d in try Int.fetchOne(d, sql: "SELECT pg_backend_pid()") }
        let other = try PostgresBackend.shared(server)
        let ended = try other.read { d in try Int.fetchOne(d, sql: "SELECT CAST(pg_terminate_backend(?) AS INTEGER)", arguments: [pid]) }
        #expect(ended == 1)
        usleep(100_000)
        try backend.write { d in try d.execute(sql: "INSERT INTO counter (slot, value) VALUES (1, 1)") }
        let newPid = try backend.read { d in try Int.fetchOne(d, sql: "SELECT pg_backend_pid()") }
        #expect(newPid != pid)
    }

    @Test func anUnreachableServerSaysWhatToDoWithoutThePassword() throws {
        let server = try TestPostgres.freshCity()
        func message(_ url: String) throws -> String {
            let backend = try PostgresBackend.shared(try PostgresLocation(url: url))
            let error = #expect(throws: StoreError.self) { try backend.read { _ in 1 } }
            return error?.message(.en) ?? ""
        }
        let refused = try message("postgres://office:s3cret-pw@127.0.0.1:1/xiangxing_test")
        #expect(refused.contains("cannot reach PostgreSQL at 127.0.0.1:1") && refused.contains("start PostgreSQL"), "\(refused)")
        #expect(!refused.contains("s3cret-pw"))
        let noDatabase = try message("postgres://\(server.user):s3cret-pw@\(server.host):\(server.port)/no_such_database_here")
        #expect(noDatabase.contains("createdb") && noDatabase.contains("no_such_database_here"), "\(noDatabase)")
        #expect(!noDatabase.contains("s3cret-pw"))
        let noUser = try message("postgres://nobody_of_ours:s3cret-pw@\(server.host):\(server.port)/\(server.database)")
        #expect(noUser.contains("check the user and password"), "\(noUser)")
        #expect(!noUser.contains("s3cret-pw"))
    }

    /// Figures for docs/store.md: `XIANGXING_MEASURE_BACKENDS=1 swift test --filter BackendTests/measure`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["XIANGXING_MEASURE_BACKENDS"] == "1", "set XIANGXING_MEASURE_BACKENDS=1 to measure"),
          arguments: TestBackend.all)
    func measure(_ kind: TestBackend) throws {
        let db = try Self.migrated(kind)
        try db.backend.write { d in try d.execute(sql: "INSERT INTO counter (slot, value) VALUES (1, 0)") }
        let clock = ContinuousClock()
        let writes = 500
        let w = clock.measure {
            for _ in 0..<writes {
                try? db.backend.write { d in try d.execute(sql: "UPDATE counter SET value = value + 1 WHERE slot = 1") }
            }
        }
        let r = clock.measure {
            for _ in 0..<writes { _ = try? db.backend.read { d in try Int.fetchOne(d, sql: "SELECT value FROM counter WHERE slot = 1") } }
        }
        let rows = (1...2000).map { i -> [SQLValue] in [.text("学员\(i)"), .integer(Int64(i)), .real(Double(i) / 4), .integer(1), .null] }
        let i = try clock.measure {
            try db.backend.write { d in try d.insert(into: "attendee", columns: ["name", "count", "score", "present", "photo"], rows: rows) }
        }
        let open = clock.measure {
            for _ in 0..<writes { _ = try? db.reopened().migrate(Self.migrations) }
        }
        print("\(kind): write \(w / writes), read \(r / writes), 2000-row insert \(i), open+migrate \(open / writes)")
    }
}
