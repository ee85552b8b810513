import Foundation
import Testing
import XiangxingStore

@Suite("Migrations")
struct MigrationTests {
    @Test(arguments: TestBackend.all) func aFreshFileIsMigratedAndReopeningChangesNothing(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
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

    @Test func theFileIsInWALMode() throws {
        let tmp = try TemporaryFolder()
        let store = try PlanStore(path: tmp.database)
        _ = store
        // The first 100 bytes of a WAL database say so: bytes 18 and 19 are 2.
        let header = try Data(contentsOf: URL(fileURLWithPath: tmp.database)).prefix(20)
        #expect(header.count == 20 && header[18] == 2 && header[19] == 2)
    }
}
