import Foundation
import Testing
import XiangxingCore
import XiangxingIO

@Suite("Plan folders")
struct PlanFolderTests {
    static let plan = Plan(
        sessions: [
            Session(id: "D002-1", type: .trainingClass, kind: "capability", county: "411327", venue: "SQ-1",
                    dates: ["2019-04-08", "2019-04-09", "2019-04-10", "2019-04-11", "2019-04-12"].map(day),
                    trainers: ["T006", "T005"], ref: "D002", attendees: 2),
            Session(id: "XCX-2019-09@411328", type: .tourStop, kind: "village-tour", county: "411328", venue: "TH-1",
                    dates: [day("2019-09-03")], trainers: ["T002", "T007"], ref: "XCX-2019-09", team: 2, attendees: 180),
            Session(id: "D001-1", type: .trainingClass, kind: "awareness", county: "411328", venue: "TH-1",
                    dates: ["2019-03-05", "2019-03-06", "2019-03-07"].map(day),
                    trainers: ["T004"], ref: "D001", attendees: 3),
        ],
        assignments: [
            "D001-1": ["411328199101069797", "41132819681201481X", "411328198102124220"],
            "D002-1": ["411327196507251134", "41132719690509893X"],
        ],
        unscheduled: [
            UnscheduledItem(ref: "D003", type: .trainingClass, county: "411330", kind: "service",
                            reason: "没有合格讲师：桐柏县“service”讲师均已排满，请增加讲师、放宽窗口或改到其他月份"),
            UnscheduledItem(ref: "XCX-2019-09", type: .tourStop, county: "411330", kind: "village-tour",
                            reason: "场地\"TB-1\"在 9 月被占用, 请换场地\n或改期"),
        ])
    static let summary = PlanSummary(scheduled: 3, unscheduled: 2, travelKm: 312.4, hardViolations: 0, solveSeconds: 1.25)

    @Test func writingThenReadingGivesBackThePlan() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan")
        try PlanFolder.write(Self.plan, summary: Self.summary, to: out, withAssignments: true)
        let (read, summary) = try PlanFolder.read(out).get()
        #expect(read.sessions == Self.plan.sessions.sorted { $0.id < $1.id })
        #expect(read.assignments == Self.plan.assignments)
        #expect(read.unscheduled == Self.plan.unscheduled)
        #expect(summary == Self.summary)
    }

    @Test func planCSVHasTheContractHeaderAndIsSortedBySession() throws {
        let tmp = try TemporaryFolder()
        try PlanFolder.write(Self.plan, summary: Self.summary, to: tmp.url, withAssignments: true)
        let text = try String(contentsOf: tmp.url.appendingPathComponent("plan.csv"), encoding: .utf8)
        let lines = text.components(separatedBy: "\r\n")
        #expect(lines[0] == "session,type,kind,county,venue,dates,trainers,ref,team,attendees")
        #expect(lines[1] == "D001-1,class,awareness,411328,TH-1,2019-03-05;2019-03-06;2019-03-07,T004,D001,,3")
        #expect(lines[2].hasPrefix("D002-1,class,capability,411327,SQ-1,2019-04-08;"))
        #expect(lines[3] == "XCX-2019-09@411328,stop,village-tour,411328,TH-1,2019-09-03,T002;T007,XCX-2019-09,2,180")
        #expect(lines.count == 5 && lines[4].isEmpty)
        let assignments = try String(contentsOf: tmp.url.appendingPathComponent("assignments.csv"), encoding: .utf8)
        #expect(assignments.components(separatedBy: "\r\n").prefix(3) == ["session,id_number", "D001-1,411328199101069797", "D001-1,41132819681201481X"])
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: tmp.url.appendingPathComponent("summary.json"))) as? [String: Any]
        #expect(json?["travel_km"] as? Double == 312.4)
        #expect(json?["hard_violations"] as? Int == 0)
        #expect(Set(json?.keys.map { $0 } ?? []) == ["scheduled", "unscheduled", "travel_km", "hard_violations", "solve_seconds"])
    }

    @Test func theSamePlanWrittenTwiceGivesByteIdenticalFiles() throws {
        let tmp = try TemporaryFolder()
        let a = tmp.url.appendingPathComponent("a"), b = tmp.url.appendingPathComponent("b")
        try PlanFolder.write(Self.plan, summary: Self.summary, to: a, withAssignments: true)
        var shuffled = Self.plan
        shuffled.sessions.reverse()
        try PlanFolder.write(shuffled, summary: Self.summary, to: b, withAssignments: true)
        for name in ["plan.csv", "assignments.csv", "unscheduled.csv", "summary.json"] {
            let x = try Data(contentsOf: a.appendingPathComponent(name))
            let y = try Data(contentsOf: b.appendingPathComponent(name))
            #expect(!x.isEmpty)
            #expect(x == y, "\(name) differs")
        }
        // And again over the first folder: same bytes, nothing else left behind.
        try PlanFolder.write(Self.plan, summary: Self.summary, to: a, withAssignments: true)
        #expect(try Data(contentsOf: a.appendingPathComponent("plan.csv")) == Data(contentsOf: b.appendingPathComponent("plan.csv")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: a.path).sorted()
                == [".xiangxing-folder", "assignments.csv", "plan.csv", "summary.json", "unscheduled.csv"])
    }

    @Test func withoutAttendeesNoAssignmentsFileIsWritten() throws {
        let tmp = try TemporaryFolder()
        try PlanFolder.write(Self.plan, summary: Self.summary, to: tmp.url, withAssignments: false)
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted()
                == [".xiangxing-folder", "plan.csv", "summary.json", "unscheduled.csv"])
        let (read, _) = try PlanFolder.read(tmp.url).get()
        #expect(read.assignments == nil)
    }

    @Test func aPlanFolderWithoutSummaryIsAProblem() throws {
        let tmp = try TemporaryFolder()
        try PlanFolder.write(Self.plan, summary: Self.summary, to: tmp.url, withAssignments: true)
        try FileManager.default.removeItem(at: tmp.url.appendingPathComponent("summary.json"))
        guard case .failure(let all) = PlanFolder.read(tmp.url) else { Issue.record("read without summary.json"); return }
        #expect(all.problems.map(\.file) == ["summary.json"])
    }

    @Test func atomicWriteReplacesTheFileAndLeavesNoTemporaryFile() throws {
        let tmp = try TemporaryFolder()
        let target = tmp.url.appendingPathComponent("new/sub/file.csv")
        try AtomicFile.write("old\r\n", to: target)
        try AtomicFile.write("新内容\r\n", to: target, bom: true)
        #expect(try Data(contentsOf: target) == Data([0xEF, 0xBB, 0xBF] + Array("新内容\r\n".utf8)))
        #expect(try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path) == ["file.csv"])
    }

    @Test func aFailedAtomicWriteLeavesNoTemporaryFile() throws {
        let tmp = try TemporaryFolder()
        // The target is a non-empty directory: the final rename must fail.
        let target = tmp.url.appendingPathComponent("plan.csv")
        try FileManager.default.createDirectory(at: target.appendingPathComponent("inside"), withIntermediateDirectories: true)
        #expect(throws: (any Error).self) { try AtomicFile.write("x", to: target) }
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path) == ["plan.csv"])
    }
}

@Suite("Output folders: what may be replaced")
struct OutputFolderTests {
    static func write(_ folder: URL, protecting: [URL] = []) throws {
        try PlanFolder.write(PlanFolderTests.plan, summary: PlanFolderTests.summary, to: folder, withAssignments: true,
                             extraFiles: [(name: "waitlist.csv", text: "id_number,name,county,kind,reason\r\n")], protecting: protecting)
    }

    @Test func aFolderXiangxingWroteIsReplacedAndMarked() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan")
        try Self.write(out)
        try Self.write(out)
        let mark = try String(contentsOf: out.appendingPathComponent(OutputFolder.markName), encoding: .utf8)
        #expect(mark == "xiangxing plan\nfile assignments.csv\nfile plan.csv\nfile summary.json\nfile unscheduled.csv\nfile waitlist.csv\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path) == ["plan"], "no staging or old folder left")
    }

    @Test func aPlanFolderWrittenBeforeTheMarkExistedIsStillReplaced() throws {
        let tmp = try TemporaryFolder()
        for name in ["plan.csv", "summary.json", "unscheduled.csv"] {
            try Data("old".utf8).write(to: tmp.url.appendingPathComponent(name))
        }
        try Self.write(tmp.url)
        #expect(try String(contentsOf: tmp.url.appendingPathComponent("plan.csv"), encoding: .utf8).hasPrefix("session,"))
    }

    @Test func foreignFilesAStoreAScenarioOrAFileAreRefusedAndKept() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan")
        try Self.write(out)
        let note = out.appendingPathComponent("邓州市回执.xlsx")
        try Data("回执".utf8).write(to: note)
        #expect(throws: OutputFolderProblem.foreignFile(path: out.path, file: "邓州市回执.xlsx")) { try Self.write(out) }
        #expect(FileManager.default.fileExists(atPath: note.path))

        let office = tmp.url.appendingPathComponent("office")
        try FileManager.default.createDirectory(at: office, withIntermediateDirectories: true)
        try Data("SQLite format 3\0rest".utf8).write(to: office.appendingPathComponent("xiangxing.sqlite"))
        #expect(throws: OutputFolderProblem.holdsStore(path: office.path, file: "xiangxing.sqlite")) { try Self.write(office) }

        let scenario = try tmp.copy(demoScenario("nanyang-2019"), as: "scenario")
        #expect(throws: OutputFolderProblem.isAScenario(path: scenario.path)) { try Self.write(scenario) }
        #expect(throws: OutputFolderProblem.containsProtected(path: tmp.url.resolvingSymlinksInPath().path, protected: scenario.resolvingSymlinksInPath().path)) {
            try Self.write(tmp.url, protecting: [scenario])
        }
        let file = tmp.url.appendingPathComponent("plan.txt")
        try Data("x".utf8).write(to: file)
        #expect(throws: OutputFolderProblem.isAFile(path: file.path)) { try Self.write(file) }
        #expect(try Data(contentsOf: file) == Data("x".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).filter { $0.hasPrefix(".") } == [])
    }

    @Test func leftoversOfAKilledRunAreRemovedAndAFolderLeftAsideIsPutBack() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan")
        // A pid that is not running: a child that has exited.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/true")
        try p.run(); p.waitUntilExit()
        let dead = p.processIdentifier
        let staging = tmp.url.appendingPathComponent(".plan.xiangxing-\(dead)-42")
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
        try Data("41132819910106979X".utf8).write(to: staging.appendingPathComponent("assignments.csv"))
        // The older two-rename swap, killed between its renames: no plan/, only .plan.old-*.
        let retired = tmp.url.appendingPathComponent(".plan.old-\(dead)-7")
        try Self.write(retired)
        _ = try OutputFolder.prepare(out, kind: .plan)
        #expect(FileManager.default.fileExists(atPath: out.appendingPathComponent("plan.csv").path), "the folder left aside is back")
        #expect(!FileManager.default.fileExists(atPath: staging.path))
        #expect(!FileManager.default.fileExists(atPath: retired.path))
    }

    @Test func filesWithIDsAre0600AndTheFolder0700() throws {
        let tmp = try TemporaryFolder()
        let out = tmp.url.appendingPathComponent("plan")
        try Self.write(out)
        func mode(_ name: String) throws -> Int {
            try FileManager.default.attributesOfItem(atPath: out.appendingPathComponent(name).path)[.posixPermissions] as! Int
        }
        #expect(try mode("") == 0o700)
        #expect(try mode("assignments.csv") == 0o600)
        #expect(try mode("waitlist.csv") == 0o600)
        #expect(try mode("plan.csv") == 0o644)
    }
}
