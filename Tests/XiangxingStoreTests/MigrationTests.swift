import Foundation
import Testing
import XiangxingStore

@Suite("Migrations")
struct MigrationTests {
    @Test func aFreshFileIsMigratedAndReopeningChangesNothing() throws {
        let tmp = try TemporaryFolder()
        do {
            let store = try PlanStore(path: tmp.database)
            #expect(try store.appliedMigrations() == ["v1", "v2", "v3", "v4-milestones", "v5-accounts", "v6-calendar-tokens"])
            #expect(try store.versions().isEmpty && store.events().isEmpty && store.pins().isEmpty)
            let demo = try Demo.get()
            let sid = try store.importScenario(demo.loaded, source: "s", by: "office")
            try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "office", reason: "initial plan", parent: nil)
        }
        for _ in 0..<2 {
            let again = try PlanStore(path: tmp.database)
            #expect(try again.appliedMigrations() == ["v1", "v2", "v3", "v4-milestones", "v5-accounts", "v6-calendar-tokens"])
            #expect(try again.versions().map(\.number) == [1])
            #expect(try again.currentScenario()?.trainers.count == 60)
            #expect(try again.integrityProblems().isEmpty)
        }
    }

    /// A file of an earlier release: its migrations were GRDB's
    /// (`grdb_migrations`), and it predates the accounts and calendar
    /// tokens. Opening it carries the list over, adds v5 and v6, and keeps
    /// every plan version. (The file is rewritten to that state with
    /// Python's sqlite3, as the old release left it.)
    @Test func aFileOfAnEarlierReleaseKeepsItsDataAndGetsTheNewTables() throws {
        let tmp = try TemporaryFolder()
        do {
            let store = try PlanStore(path: tmp.database)
            let demo = try Demo.get()
            let sid = try store.importScenario(demo.loaded, source: "s", by: "office")
            try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "office", reason: "initial plan", parent: nil)
        }
        let script = """
            import sqlite3, sys
            db = sqlite3.connect(sys.argv[1])
            db.executescript("DROP TABLE store_migration; DROP TABLE account; DROP TABLE calendar_token; "
                             "CREATE TABLE grdb_migrations (identifier TEXT NOT NULL PRIMARY KEY); "
                             "INSERT INTO grdb_migrations VALUES ('v1'), ('v2'), ('v3'), ('v4-milestones');")
            db.commit()
            """
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        python.arguments = ["-c", script, tmp.database]
        try python.run()
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)

        let reopened = try PlanStore(path: tmp.database)
        #expect(try reopened.appliedMigrations() == ["v1", "v2", "v3", "v4-milestones", "v5-accounts", "v6-calendar-tokens"])
        #expect(try reopened.versions().map(\.number) == [1])
        #expect(try reopened.currentScenario()?.trainers.count == 60)
        #expect(try reopened.accounts().isEmpty)
        #expect(try reopened.integrityProblems().isEmpty)
    }

    @Test func theFileIsInWALMode() throws {
        let tmp = try TemporaryFolder()
        let store = try PlanStore(path: tmp.database)
        _ = store
        // The first 100 bytes of a WAL database say so: bytes 18 and 19 are 2.
        let header = try Data(contentsOf: URL(fileURLWithPath: tmp.database)).prefix(20)
        #expect(header.count == 20 && header[18] == 2 && header[19] == 2)
    }
}
