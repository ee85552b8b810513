import Foundation
import Testing
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// Attendance in the office's store: checked whole before anything is
/// stored, replaced per session, kept across re-plans, tokenised by purge.
@Suite("Attendance in the store")
struct AttendanceStoreTests {
    /// A store holding the demo and its plan as version 1.
    static func store(_ tmp: TemporaryFolder, clock: TestClock = TestClock(),
                      programme: ScenarioProgramme? = nil) throws -> (PlanStore, Demo, ScenarioID) {
        let store = try PlanStore(path: tmp.database, clock: clock.now)
        let demo = try Demo.get()
        let sid = try store.importScenario(demo.loaded, programme: programme, source: "scenarios/nanyang-2019", by: "王秀英")
        try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "王秀英", reason: "初始计划",
                              parent: nil, extraFiles: demo.extraFiles)
        return (store, demo, sid)
    }

    /// The demo's first classes with trainees, and its first stop.
    static func classes(_ demo: Demo, _ n: Int = 2) throws -> [Session] {
        let list = demo.plan.sessions.filter { $0.type == .trainingClass && !(demo.plan.assignments?[$0.id] ?? []).isEmpty }
        try #require(list.count >= n)
        return Array(list.prefix(n))
    }

    static func stop(_ demo: Demo) throws -> Session {
        try #require(demo.plan.sessions.first { $0.type == .tourStop })
    }

    /// A long-format training file for `session`: everyone present every
    /// day except the first trainee on the last day. Returns its rows' count.
    @discardableResult
    static func trainingFile(_ url: URL, _ demo: Demo, _ session: Session, extra: [[String]] = []) throws -> Int {
        var rows: [[String]] = []
        for (i, id) in demo.plan.assignments![session.id]!.enumerated() {
            for (j, d) in session.dates.enumerated() {
                rows.append([session.id, id, d.iso, i == 0 && j == session.dates.count - 1 ? "0" : "1"])
            }
        }
        try CSV.render(header: ["session", "id_number", "date", "present"], rows: rows + extra).write(to: url, atomically: true, encoding: .utf8)
        return rows.count
    }

    static func mentoringFile(_ url: URL, _ rows: [[String]]) throws {
        try CSV.render(header: ["session", "date", "mentees"], rows: rows).write(to: url, atomically: true, encoding: .utf8)
    }

    @Test("the programme's settings and targets are stored with the scenario and come back for any version", arguments: TestBackend.all)
    func settingsAndTargetsAreStored(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let targets = [CountyTarget(county: "411328", category: .training, personTimes: 260),
                       CountyTarget(county: "411328", category: .mentoring, personTimes: 540)]
        let (store, _, _) = try Self.store(tmp, programme: ScenarioProgramme(
            settings: ProgrammeSettings(targetTraining: 3500, targetMentoring: 7200, completionShare: 0.75), targets: targets))
        let p = try store.programme(forVersion: 1)
        #expect(p.settings == ProgrammeSettings(targetTraining: 3500, targetMentoring: 7200, completionShare: 0.75))
        #expect(p.targets == targets)
        #expect(p.records.training.isEmpty && p.heldAs.isEmpty)
        #expect(try store.appliedMigrations().contains("v3"))

        // A scenario without them: defaults, and no targets (not an empty list).
        let tmp2 = try TemporaryFolder(kind)
        let (plain, _, _) = try Self.store(tmp2)
        #expect(try plain.programme(forVersion: 1).settings == ProgrammeSettings())
        #expect(try plain.programme(forVersion: 1).targets == nil)
        #expect(throws: StoreError.unknownVersion(9)) { try plain.programme(forVersion: 9) }
    }

    @Test("records are stored with who imported them, and a corrected sheet replaces the session's records", arguments: TestBackend.all)
    func storedAndReplaced(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo, _) = try Self.store(tmp)
        let (a, b) = try { let c = try Self.classes(demo); return (c[0], c[1]) }()
        let stop = try Self.stop(demo)
        let training = tmp.url.appendingPathComponent("唐河县出勤.csv"), stops = tmp.url.appendingPathComponent("乡村行.csv")
        let rowsA = try Self.trainingFile(training, demo, a)
        try Self.mentoringFile(stops, [[stop.id, stop.dates[0].iso, "18"]])
        let first = try store.importAttendance(files: [training, stops], version: 1, by: "李桂兰").get()
        #expect(first.sessions.map(\.session) == demo.plan.sessions.filter { [a.id, stop.id].contains($0.id) }.map(\.id))
        #expect(first.sessions.allSatisfy { $0.replaced == 0 })
        #expect(first.event.who == "李桂兰" && first.event.kind == .attendanceImported)
        #expect(!first.event.description.zh.contains(demo.plan.assignments![a.id]![0]))
        #expect(try store.attendanceRowCounts() == (rowsA, 1))
        let people = demo.plan.assignments![a.id]!.count
        let need = Counting.daysRequired(share: 0.8, days: a.dates.count)
        #expect(first.sessions.first { $0.session == a.id }?.completed == (a.dates.count - 1 >= need ? people : people - 1))

        // The clerk corrects A's sheet (now B too): A's old rows go, all of them.
        let corrected = tmp.url.appendingPathComponent("唐河县出勤（更正）.csv")
        let id = demo.plan.assignments![a.id]![0]
        try CSV.render(header: ["session", "id_number", "date", "present"],
                       rows: [[a.id, id, a.dates[0].iso, "√"]]).write(to: corrected, atomically: true, encoding: .utf8)
        let other = tmp.url.appendingPathComponent("B.csv")
        let rowsB = try Self.trainingFile(other, demo, b)
        let second = try store.importAttendance(files: [corrected, other], version: 1, by: "李桂兰").get()
        #expect(second.sessions.first { $0.session == a.id }?.replaced == rowsA)
        #expect(second.sessions.first { $0.session == b.id }?.replaced == 0)
        #expect(try store.attendanceRowCounts() == (1 + rowsB, 1))
        let p = try store.programme(forVersion: 1)
        #expect(p.records.training.filter { $0.session == a.id }.count == 1)
        #expect(p.records.mentoring.map(\.mentees) == [18])
    }

    /// Each kind of mistake, with the file and line it must be reported at.
    enum Mistake: String, CaseIterable {
        case unknownSession, notInTheClass, dateOutsideTheClass, personDayTwiceAcrossFiles, stopDayTwice, unreadableMark, unreadableSheetMark
        case sheetOfAnUnknownSession, strangerOnASheet, sheetDayOutsideTheClass
    }

    @Test("a file with any kind of mistake is refused whole, located, and nothing is stored", arguments: TestBackend.all, Mistake.allCases)
    func mistakesAreRefusedWhole(_ kind: TestBackend, _ mistake: Mistake) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo, _) = try Self.store(tmp)
        let (a, b) = try { let c = try Self.classes(demo); return (c[0], c[1]) }()
        let stop = try Self.stop(demo)
        // Something stored already, so "nothing stored" is not "empty".
        let earlier = tmp.url.appendingPathComponent("earlier.csv")
        try Self.trainingFile(earlier, demo, b)
        _ = try store.importAttendance(files: [earlier], version: 1, by: "李桂兰").get()
        let before = try store.attendanceRowCounts()

        let good = tmp.url.appendingPathComponent("good.csv"), bad = tmp.url.appendingPathComponent("bad.csv")
        let rows = try Self.trainingFile(good, demo, a)
        let id = demo.plan.assignments![a.id]![0], stranger = demo.plan.assignments![b.id]![0]
        let outside = a.dates[0].advanced(by: -1).iso
        var files = [good, bad]
        let expected: (file: String, line: Int, field: String)
        switch mistake {
        case .unknownSession:
            try Self.trainingFile(good, demo, a, extra: [["DEMAND-999", id, a.dates[0].iso, "1"]])
            files = [good]; expected = ("good.csv", rows + 2, "session")
        case .notInTheClass:
            try Self.trainingFile(good, demo, a, extra: [[a.id, stranger, a.dates[0].iso, "1"]])
            files = [good]; expected = ("good.csv", rows + 2, "id_number")
        case .dateOutsideTheClass:
            try Self.trainingFile(good, demo, a, extra: [[a.id, id, outside, "1"]])
            files = [good]; expected = ("good.csv", rows + 2, "date")
        case .personDayTwiceAcrossFiles:
            try CSV.render(header: ["session", "id_number", "date", "present"], rows: [[a.id, id, a.dates[0].iso, "1"]])
                .write(to: bad, atomically: true, encoding: .utf8)
            expected = ("bad.csv", 2, "date")
        case .stopDayTwice:
            try Self.mentoringFile(bad, [[stop.id, stop.dates[0].iso, "10"], [stop.id, stop.dates[0].iso, "12"]])
            expected = ("bad.csv", 3, "date")
        case .unreadableMark:
            try Self.trainingFile(good, demo, a, extra: [[a.id, id, a.dates[0].iso, "也许"]])
            files = [good]; expected = ("good.csv", rows + 2, "present")
        case .unreadableSheetMark, .sheetOfAnUnknownSession, .strangerOnASheet, .sheetDayOutsideTheClass:
            // A sheet as `xiangxing roster` writes it (masked IDs), ticked by a clerk.
            var people = demo.plan.assignments![a.id]!
            if mistake == .strangerOnASheet { people[1] = stranger }
            var dates = a.dates.map(\.iso)
            if mistake == .sheetDayOutsideTheClass { dates[0] = outside }
            let header = ["序号", "姓名", "性别", "身份证号", "联系电话", "乡镇", "创业项目"] + dates.map { "\($0) 签到" }
            let names = Dictionary((demo.scenario.attendees ?? []).map { ($0.idNumber, $0.name) }, uniquingKeysWith: { x, _ in x })
            let sheet = people.enumerated().map { i, p in
                [String(i + 1), names[p] ?? "", "", ResidentID.masked(p), "", "", ""]
                    + dates.map { _ in i == 1 && mistake == .unreadableSheetMark ? "?" : "√" }
            } + [["实到人数"] + Array(repeating: "", count: header.count - 1), ["计划第1版　打印日期 2019-09-02"] + Array(repeating: "", count: header.count - 1)]
            let session = mistake == .sheetOfAnUnknownSession ? "D999-9" : a.id
            let url = tmp.url.appendingPathComponent("签到表-唐河县-创业意识培训-第1期-\(session).csv")
            try SpreadsheetCSV.render(header: header, rows: sheet).write(to: url, atomically: true, encoding: .utf8)
            files = [url]
            switch mistake {
            case .sheetOfAnUnknownSession: expected = (url.lastPathComponent, -1, "session")
            case .strangerOnASheet: expected = (url.lastPathComponent, 3, "身份证号")
            case .sheetDayOutsideTheClass: expected = (url.lastPathComponent, 1, "\(outside) 签到")
            default: expected = (url.lastPathComponent, 3, "\(a.dates[0].iso) 签到")
            }
        }
        let result = try store.importAttendance(files: files, version: 1, by: "李桂兰")
        guard case .failure(let all) = result else { Issue.record("\(mistake) was stored"); return }
        #expect(all.problems.contains { $0.file == expected.file && ($0.line ?? -1) == expected.line && $0.field == expected.field },
                "\(all.problems.map { $0.message(.en) })")
        #expect(all.problems.allSatisfy { !$0.message(.zh).contains(id) && !$0.message(.zh).contains(stranger) })
        #expect(try store.attendanceRowCounts() == before)
        #expect(try store.events().filter { $0.kind == .attendanceImported }.count == 1)
    }

    @Test("records survive a re-plan that leaves their session alone; a moved or dropped session keeps them, held as it was", arguments: TestBackend.all)
    func recordsSurviveReplans(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo, sid) = try Self.store(tmp)
        let c = try Self.classes(demo, 3)
        let (kept, moved, dropped) = (c[0], c[1], c[2])
        let files = try [kept, moved, dropped].map { s -> URL in
            let url = tmp.url.appendingPathComponent("\(s.id).csv")
            try Self.trainingFile(url, demo, s)
            return url
        }
        _ = try store.importAttendance(files: files, version: 1, by: "李桂兰").get()
        // Version 2: another trainer for `kept` (not a move), `moved` a week later, `dropped` gone.
        var second = demo.plan
        second.sessions = second.sessions.compactMap { s in
            var s = s
            if s.id == kept.id { s.trainers = s.trainers.reversed() }
            if s.id == moved.id { s.dates = s.dates.map { $0.advanced(by: 7) } }
            return s.id == dropped.id ? nil : s
        }
        let planning = try store.beginPlanning(by: "王秀英")
        try store.saveVersion(plan: second, summary: demo.summary, scenario: sid, author: "王秀英", reason: "调整", parent: planning.latest?.info.number)
        let p = try store.programme(forVersion: 2)
        #expect(Set(p.heldAs.keys) == [moved.id, dropped.id])
        #expect(p.heldAs[moved.id] == moved && p.heldAs[dropped.id] == dropped)
        for s in [kept, moved, dropped] {
            #expect(p.records.training.filter { $0.session == s.id }.count == s.dates.count * demo.plan.assignments![s.id]!.count)
        }
        // Counted as held: the moved class's completions are those of its real days.
        let counted = Counting.completed(p.records.training, plan: second, share: p.settings.completionShare, heldAs: p.heldAs)
        let before = Counting.completed(try store.programme(forVersion: 1).records.training, plan: demo.plan, share: 0.8)
        #expect(counted[moved.id] == before[moved.id] && counted[kept.id] == before[kept.id] && (counted[moved.id] ?? 0) > 0)
        // Version 1 itself: nothing moved.
        #expect(try store.programme(forVersion: 1).heldAs.isEmpty)
    }

    @Test("purge replaces a gone trainee's ID in the attendance records by their token; the counts stay")
    func purgeTokenisesAttendance() throws {
        let tmp = try TemporaryFolder()
        let clock = TestClock("2019-09-02T01:00:00Z")
        let (store, demo, sid) = try Self.store(tmp, clock: clock)
        let session = try Self.classes(demo, 1)[0]
        let id = demo.plan.assignments![session.id]![0]
        let person = try #require(demo.scenario.attendees?.first { $0.idNumber == id && $0.kind == session.kind })
        let file = tmp.url.appendingPathComponent("出勤.csv")
        try Self.trainingFile(file, demo, session)
        _ = try store.importAttendance(files: [file], version: 1, by: "李桂兰").get()
        let countedBefore = Counting.completed(try store.programme(forVersion: 1).records.training, plan: demo.plan, share: 0.8)
        clock.advance(86_400)
        try store.withdrawAttendee(idNumber: id, kind: person.kind, by: "李桂兰")
        var second = demo.plan
        second.assignments![session.id]!.removeFirst()
        second.sessions = second.sessions.map { s in var s = s; if s.id == session.id { s.attendees -= 1 }; return s }
        clock.advance(86_400 * 10)
        let planning = try store.beginPlanning(by: "王秀英")
        try store.saveVersion(plan: second, summary: demo.summary, scenario: sid, author: "王秀英", reason: "退出", parent: planning.latest?.info.number)
        let rows = try store.attendanceRowCounts()
        #expect(PurgeTests.contains(PurgeTests.bytes(tmp.database), id))

        let done = try store.purge(before: day("2019-09-10"), by: "王秀英")
        #expect(done.report.people >= 1)
        let p = try store.programme(forVersion: 1)
        #expect(try store.attendanceRowCounts() == rows)
        #expect(!p.records.training.contains { $0.idNumber == id })
        let tokens = Set(p.records.training.filter { $0.idNumber.hasPrefix(PlanStore.purgedTokenPrefix) }.map(\.idNumber))
        #expect(tokens.count == 1)
        #expect(Counting.completed(p.records.training, plan: demo.plan, share: 0.8) == countedBefore)
        #expect(!PurgeTests.contains(PurgeTests.bytes(tmp.database), id))
    }

    @Test("attendance imported while someone is planning is not a change to the plan: their version still saves", arguments: TestBackend.all)
    func attendanceDoesNotDisturbPlanning(_ kind: TestBackend) throws {
        let tmp = try TemporaryFolder(kind)
        let (store, demo, sid) = try Self.store(tmp)
        let planning = try store.beginPlanning(by: "王秀英")
        // Another process: the county clerk's import.
        let clerk = try PlanStore(path: tmp.database)
        let file = tmp.url.appendingPathComponent("出勤.csv")
        try Self.trainingFile(file, demo, try Self.classes(demo, 1)[0])
        _ = try clerk.importAttendance(files: [file], version: 1, by: "李桂兰").get()
        let n = try store.saveVersion(plan: demo.plan, summary: demo.summary, scenario: sid, author: "王秀英", reason: "重新排课",
                                      parent: planning.latest?.info.number)
        #expect(n == 2)
        #expect(try store.beginPlanning(by: "王秀英").changes.isEmpty)
        store.endPlanning()
    }
}
