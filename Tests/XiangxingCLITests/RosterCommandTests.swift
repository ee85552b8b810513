import Foundation
import Testing
import XiangxingCore
import XiangxingICU
import XiangxingIO

/// The demo planned once (seed 1) through the library and written as a plan
/// folder, with what the tests need to know about 唐河县's classes.
enum DemoPlan {
    struct Fixture: Sendable {
        let scenario: URL
        let plan: URL
        let sessions: [Session]
        let assignments: [String: [String]]
        let attendees: [Attendee]
    }

    static let fixture: Result<Fixture, ReadFailure> = {
        let scenarioURL = demoScenario("nanyang-2019")
        let loaded: LoadedScenario
        switch ScenarioReader.read(folder: scenarioURL) {
        case .success(let s): loaded = s
        case .failure(let p): return .failure(ReadFailure(description: p.problems.map { $0.message(.en) }.joined(separator: "\n")))
        }
        let index = ScenarioIndex(loaded.scenario)
        let result = Planner(index: index).run(PlannerOptions(seed: 1))
        let plan = Plan(sessions: result.sessions, assignments: result.assignments, unscheduled: [])
        // One folder for the whole test process. Swift Testing has no hook
        // at the end of a run, so each run removes what earlier, finished
        // runs left (their process id is gone) and leaves its own.
        let tmp = FileManager.default.temporaryDirectory
        let prefix = "xiangxing-rostertests-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: tmp.path)) ?? [] where name.hasPrefix(prefix) {
            if let pid = Int32(name.dropFirst(prefix.count)), pid != getpid(), kill(pid, 0) != 0, errno == ESRCH {
                try? FileManager.default.removeItem(at: tmp.appendingPathComponent(name))
            }
        }
        let folder = tmp.appendingPathComponent("\(prefix)\(getpid())/plan")
        do {
            try PlanFolder.write(plan, summary: PlanSummary(scheduled: result.sessions.count, unscheduled: 0,
                                                            travelKm: result.score.travelKm, hardViolations: 0, solveSeconds: 0),
                                 to: folder, withAssignments: true)
        } catch {
            return .failure(ReadFailure(description: "could not write the plan: \(error)"))
        }
        return .success(Fixture(scenario: scenarioURL, plan: folder, sessions: result.sessions,
                                assignments: result.assignments ?? [:], attendees: loaded.scenario.attendees ?? []))
    }()

    static func get() throws -> Fixture { try fixture.get() }

    /// 唐河县's training classes in the plan.
    static func tangheClasses(_ f: Fixture) -> [Session] {
        f.sessions.filter { $0.type == .trainingClass && $0.county == "411328" }
    }
}

struct ReadFailure: Error, CustomStringConvertible { let description: String }

/// One printed table row: 序号, 姓名, 身份证号 as the sheet shows them.
struct PrintedRow: Equatable {
    var number: Int, name: String, id: String
}

/// Rows of each class of a roster PDF, keyed by session id (from each page's
/// footer "唐河县 第N期 D032-2").
func printedClasses(_ pdf: URL) throws -> [String: [PrintedRow]] {
    let text = try tool("pdftotext", ["-layout", pdf.path, "-"])
    let row = /^\s*(\d+)\s+(\S+)\s+[男女]\s+(\S+)\s/
    let footer = /(D\d+-\d+)\s*$/
    var out: [String: [PrintedRow]] = [:]
    for page in text.components(separatedBy: "\u{0C}") {
        let lines = page.split(separator: "\n", omittingEmptySubsequences: false)
        guard let session = lines.reversed().lazy.compactMap({ $0.firstMatch(of: footer) }).first.map({ String($0.1) }) else { continue }
        for line in lines {
            if let m = line.firstMatch(of: row), let n = Int(m.1) {
                out[session, default: []].append(PrintedRow(number: n, name: String(m.2), id: String(m.3)))
            }
        }
    }
    return out
}

func tool(_ name: String, _ arguments: [String]) throws -> String {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/\(name)")
    p.arguments = arguments
    let pipe = Pipe()
    p.standardOutput = pipe
    try p.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// An independent oracle for pinyin order: the letters of the surname as a
/// surname is read (单 shan, 曾 zeng, 解 xie, 尉迟 yuchi …), without tones;
/// the attendee's own pinyin (its first word) when given.
func surnameLetters(_ name: String, pinyin: String?) -> String {
    if let pinyin, let first = pinyin.split(separator: " ").first { return first.lowercased() }
    let compound: [String: String] = [
        "欧阳": "ouyang", "令狐": "linghu", "尉迟": "yuchi", "司马": "sima", "诸葛": "zhuge", "上官": "shangguan",
        "万俟": "moqi", "司徒": "situ", "东方": "dongfang", "皇甫": "huangfu", "公孙": "gongsun", "慕容": "murong", "夏侯": "xiahou",
    ]
    if let (_, reading) = compound.first(where: { name.hasPrefix($0.key) }) { return reading }
    let single: [Character: String] = [
        "单": "shan", "曾": "zeng", "解": "xie", "查": "zha", "乐": "yue", "区": "ou", "仇": "qiu", "朴": "piao",
        "盖": "ge", "覃": "qin", "缪": "miao", "翟": "zhai", "长": "chang", "重": "chong", "吕": "lv", "闵": "min",
    ]
    guard let first = name.first else { return "" }
    if let reading = single[first] { return reading }
    return Transliteration.pinyin(String(first), toneless: true).filter(\.isLetter)
}

/// Mainland stroke counts of surnames common in the demo (GB 13000.1 字符集
/// 汉字笔顺规范), to check stroke order without the project's table.
let surnameStrokes: [Character: Int] = [
    "王": 4, "方": 4, "孔": 4, "尹": 4, "龙": 5, "刘": 6, "江": 6, "汤": 6, "孙": 6, "朱": 6,
    "李": 7, "张": 7, "陈": 7, "杨": 7, "苏": 7, "杜": 7, "吴": 7, "何": 7, "宋": 7, "邹": 7, "陆": 7, "汪": 7,
    "金": 8, "周": 8, "范": 8, "林": 8, "罗": 8, "赵": 9, "钟": 9, "姜": 9, "段": 9, "贺": 9, "姚": 9,
    "钱": 10, "徐": 10, "袁": 10, "贾": 10, "唐": 10, "陶": 10, "曹": 11, "黄": 11, "梁": 11,
    "谢": 12, "韩": 12, "董": 12, "曾": 12, "解": 13, "楚": 13, "廖": 14, "裴": 14, "黎": 15, "薛": 16,
]

@Suite("xiangxing roster", .enabled(if: Binary.url != nil, Comment(rawValue: Binary.missing)))
struct RosterCommandTests {
    @Test func theCountyPDFHoldsEveryClassInPinyinOrderWithMaskedIDs() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let run = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "唐河县", "--out", tmp.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = tmp.url.appendingPathComponent("签到表-唐河县.pdf")
        #expect(FileManager.default.fileExists(atPath: pdf.path))
        #expect(try tool("pdffonts", [pdf.path]).contains("NotoSansCJK"))

        let printed = try printedClasses(pdf)
        let classes = DemoPlan.tangheClasses(f)
        #expect(Set(printed.keys) == Set(classes.map(\.id)))
        let byID = Dictionary(grouping: f.attendees.filter { $0.county == "411328" }, by: \.idNumber)
        var sawShan = false
        for session in classes {
            let people = (f.assignments[session.id] ?? []).compactMap { id in byID[id]?.first { $0.kind == session.kind } }
            let rows = printed[session.id] ?? []
            #expect(rows.map(\.number) == Array(1...people.count), "\(session.id) numbering")
            #expect(rows.map(\.name).sorted() == people.map(\.name).sorted(), "\(session.id) names")
            // Masked IDs only: 411328********1234.
            for row in rows { #expect(row.id.wholeMatch(of: /\d{6}\*{8}[\dX]{4}/) != nil, "\(row.id)") }
            // Pinyin order by the surname as a surname is read.
            let pinyin = Dictionary(people.map { ($0.name, $0.pinyin) }, uniquingKeysWith: { a, _ in a })
            let readings = rows.map { surnameLetters($0.name, pinyin: pinyin[$0.name] ?? nil) }
            for (a, b) in zip(readings, readings.dropFirst()) {
                #expect(a <= b, "\(session.id): \(rows.map(\.name))")
            }
            if let shan = rows.firstIndex(where: { $0.name.hasPrefix("单") }) {
                sawShan = true
                #expect(rows[..<shan].allSatisfy { surnameLetters($0.name, pinyin: nil) <= "shan" })
                #expect(rows[(shan + 1)...].allSatisfy { surnameLetters($0.name, pinyin: nil) >= "shan" })
                // Not among D (单 read as dān).
                if let d = rows.lastIndex(where: { $0.name.first.map("段董杜邓丁戴".contains) ?? false }) {
                    #expect(d < shan, "单 sorted among D: \(rows.map(\.name))")
                }
            }
        }
        #expect(sawShan, "the demo's 单鹏 (唐河县, capability) should be on a sheet")
        let text = try tool("pdftotext", [pdf.path, "-"])
        for person in f.attendees where person.county == "411328" {
            #expect(!text.contains(person.idNumber))
            #expect(!text.contains(person.phone))
        }
    }

    @Test func strokeOrderReordersEachClassBySurnameStrokes() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let pinyinRun = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "411328",
                                      "--out", tmp.url.appendingPathComponent("p").path)
        let strokeRun = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "411328", "--order", "stroke",
                                      "--out", tmp.url.appendingPathComponent("s").path)
        #expect(pinyinRun.status == 0 && strokeRun.status == 0, "\(pinyinRun.stderr)\(strokeRun.stderr)")
        let byPinyin = try printedClasses(tmp.url.appendingPathComponent("p/签到表-唐河县.pdf"))
        let byStroke = try printedClasses(tmp.url.appendingPathComponent("s/签到表-唐河县.pdf"))
        #expect(Set(byPinyin.keys) == Set(byStroke.keys))
        for (session, rows) in byStroke {
            let names = rows.map(\.name), before = byPinyin[session]?.map(\.name) ?? []
            #expect(names.sorted() == before.sorted())
            #expect(names != before, "\(session): stroke order equals pinyin order")
            let counts = names.compactMap { $0.first.flatMap { surnameStrokes[$0] } }
            #expect(counts == counts.sorted(), "\(session): \(names)")
        }
    }

    @Test func csvIsOneFilePerClassWithBOMChineseHeadersAndMaskedIDs() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let run = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "唐河县", "--format", "csv", "--out", tmp.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).filter { $0.hasSuffix(".csv") }
        let classes = DemoPlan.tangheClasses(f)
        #expect(files.count == classes.count)
        for session in classes {
            #expect(files.contains { $0.hasPrefix("签到表-唐河县-") && $0.hasSuffix("-\(session.id).csv") }, "\(session.id)")
        }
        // 期次 by date within a kind: 第1期 … 第N期 with no gaps.
        let awareness = files.filter { $0.contains("-创业意识培训-") }.sorted()
        #expect(awareness.map { $0.contains("-第\(awareness.firstIndex(of: $0)! + 1)期-") }.allSatisfy { $0 })
        let ids = Set(f.attendees.filter { $0.county == "411328" }.map(\.idNumber))
        for file in files {
            let bytes = [UInt8](try Data(contentsOf: tmp.url.appendingPathComponent(file)))
            #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(file) has no BOM")
            let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
            let lines = text.split(separator: "\r\n")
            #expect(lines.first?.hasPrefix("序号,姓名,性别,身份证号,联系电话,乡镇,创业项目,") == true)
            #expect(lines.contains { $0.hasPrefix("实到人数,") })
            #expect(lines.last?.hasPrefix("未入库的计划 ") == true, "plan named: \(lines.last ?? "")")
            for line in lines.dropFirst() where line.first?.isNumber == true {
                let id = line.split(separator: ",", omittingEmptySubsequences: false)[3]
                #expect(id.wholeMatch(of: /\d{6}\*{8}[\dX]{4}/) != nil)
                #expect(!ids.contains(String(id)))
            }
        }
    }

    @Test func unmaskedPrintsFullIDsAndWarns() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let run = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "唐河县", "--format", "csv",
                                "--unmasked", "--out", tmp.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("完整身份证号"))
        let text = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path)
            .map { try String(contentsOf: tmp.url.appendingPathComponent($0), encoding: .utf8) }.joined()
        let assigned = Set(DemoPlan.tangheClasses(f).flatMap { f.assignments[$0.id] ?? [] })
        #expect(!assigned.isEmpty)
        for id in assigned { #expect(text.contains(id)) }
    }

    @Test func anUnknownCountyExitsOneAndListsTheValidOnes() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let run = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "北京市", "--out", tmp.url.path)
        #expect(run.status == 1)
        #expect(run.stderr.contains("未知县区“北京市”"))
        #expect(run.stderrLines.contains("  411328  唐河县"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).isEmpty)

        let none = try xiangxing("roster", f.scenario.path, f.plan.path, "--out", tmp.url.path)
        #expect(none.status != 0)
        #expect(none.stderr.contains("--all-counties"))
    }

    @Test func aPlanWithoutAssignmentsSaysSo() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let plan = try tmp.copy(f.plan, as: "plan")
        try FileManager.default.removeItem(at: plan.appendingPathComponent("assignments.csv"))
        let run = try xiangxing("roster", f.scenario.path, plan.path, "--county", "唐河县", "--out", tmp.url.appendingPathComponent("out").path,
                                "--lang", "en")
        #expect(run.status == 1)
        #expect(run.stderr.contains("no assignments.csv"), "\(run.stderr)")
    }

    @Test func aClassWithNobodyAssignedStillGetsItsSheetAndAWarning() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let plan = try tmp.copy(f.plan, as: "plan")
        let session = try #require(DemoPlan.tangheClasses(f).first).id
        let file = plan.appendingPathComponent("assignments.csv")
        // Split on Characters: CSV.render ends lines with CRLF, one Character.
        let kept = try String(contentsOf: file, encoding: .utf8).split(whereSeparator: \.isNewline).filter { !$0.hasPrefix(session + ",") }
        #expect(kept.count > 1)
        try kept.joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        let out = tmp.url.appendingPathComponent("out")
        let run = try xiangxing("roster", f.scenario.path, plan.path, "--county", "唐河县", "--out", out.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("（\(session)）没有分配学员"), "\(run.stderr)")
        let printed = try printedClasses(out.appendingPathComponent("签到表-唐河县.pdf"))
        #expect(printed[session] == nil)
        #expect(try tool("pdftotext", [out.appendingPathComponent("签到表-唐河县.pdf").path, "-"]).contains("应到人数：0人"))
    }

    @Test func titleAppliesToItsKindOnlyAndBlankRowsFollowTheNames() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let run = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "唐河县", "--title", "创业意识培训=唐河县GYB培训签到册",
                                "--blank", "4", "--out", tmp.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        let pdf = tmp.url.appendingPathComponent("签到表-唐河县.pdf")
        let pages = try tool("pdftotext", ["-layout", pdf.path, "-"]).components(separatedBy: "\u{0C}").filter { $0.contains("第1页") }
        let classes = DemoPlan.tangheClasses(f)
        #expect(pages.count == classes.count)
        for page in pages {
            let awareness = page.contains("课程类别：创业意识培训")
            #expect(page.contains("唐河县GYB培训签到册") == awareness, "\(page.prefix(200))")
            if !awareness { #expect(page.contains("唐河县2019年"), "the default title for the other kinds") }
        }
        // The plan folder is named, as it is not in the store.
        #expect(pages.allSatisfy { $0.contains("未入库的计划 plan") })
        // Walk-in rows: the last name's number + 4, on each class's last page.
        for session in classes {
            let n = (f.assignments[session.id] ?? []).count
            let printed = try printedClasses(pdf)[session.id] ?? []
            #expect(printed.count == n, "\(session.id)")
        }
        #expect(try tool("pdftotext", [pdf.path, "-"]).contains("空白行供现场报名学员填写"))

        // Several kinds and a title without its kind: refused, with the kinds to choose from.
        let bad = try xiangxing("roster", f.scenario.path, f.plan.path, "--county", "唐河县", "--title", "签到表",
                                "--out", tmp.url.appendingPathComponent("bad").path)
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("--title 类别=标题") && bad.stderr.contains("创业意识培训"), "\(bad.stderr)")
    }

    @Test func aScenarioWithoutAttendeesPrintsHeaderAndBlankRows() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let scenario = try tmp.copy(f.scenario, as: "scenario")
        try FileManager.default.removeItem(at: scenario.appendingPathComponent("attendees.csv"))
        let plan = try tmp.copy(f.plan, as: "plan")
        try FileManager.default.removeItem(at: plan.appendingPathComponent("assignments.csv"))
        let out = tmp.url.appendingPathComponent("out")
        let run = try xiangxing("roster", scenario.path, plan.path, "--county", "唐河县", "--blank", "30", "--out", out.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.contains("签到表只有表头和 30 行空白"), "\(run.stderr)")
        let text = try tool("pdftotext", ["-layout", out.appendingPathComponent("签到表-唐河县.pdf").path, "-"])
        #expect(text.contains("应到人数：0人") && text.contains("实到人数"))
        // Rows 1–30, numbered, nothing else on them.
        let numbered = text.split(separator: "\n").compactMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        #expect(numbered.contains(30) && numbered.contains(1), "\(numbered)")
    }

    @Test func sheetsFromTheStoreNameTheirVersion() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        #expect(try xiangxing("import", demoScenario("nanyang-2019").path, "--db", db).status == 0)
        #expect(try xiangxing("plan", "--out", tmp.url.appendingPathComponent("v1").path, "--db", db).status == 0)
        let out = tmp.url.appendingPathComponent("out")
        let run = try xiangxing("roster", "--county", "唐河县", "--db", db, "--out", out.path)
        #expect(run.status == 0, "\(run.stderr)")
        let text = try tool("pdftotext", [out.appendingPathComponent("签到表-唐河县.pdf").path, "-"])
        #expect(text.contains("计划第1版"))
        let tours = try xiangxing("toursheet", "--db", db, "--out", out.path)
        #expect(tours.status == 0, "\(tours.stderr)")
        let sheet = try #require(try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasPrefix("行程单-") })
        #expect(try tool("pdftotext", [out.appendingPathComponent(sheet).path, "-"]).contains("计划第1版"))
    }

    @Test func allCountiesWritesOneFolderPerCountyWithClasses() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let run = try xiangxing("roster", f.scenario.path, f.plan.path, "--all-counties", "--out", tmp.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        let folders = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted()
        let counties = Set(f.sessions.filter { $0.type == .trainingClass }.map(\.county))
        #expect(folders.count == counties.count)
        #expect(FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("唐河县/签到表-唐河县.pdf").path))
    }
}

@Suite("xiangxing toursheet", .enabled(if: Binary.url != nil, Comment(rawValue: Binary.missing)))
struct TourSheetCommandTests {
    @Test func oneTourSheetPDFPerTourWithEveryTeam() throws {
        let f = try DemoPlan.get()
        let tmp = try TemporaryFolder()
        let run = try xiangxing("toursheet", f.scenario.path, f.plan.path, "--out", tmp.url.path)
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: tmp.url.path).sorted()
        #expect(files == ["行程单-XCX-2019-04.pdf", "行程单-XCX-2019-09.pdf"])
        let text = try tool("pdftotext", ["-layout", tmp.url.appendingPathComponent("行程单-XCX-2019-09.pdf").path, "-"])
        for team in Set(f.sessions.filter { $0.ref == "XCX-2019-09" }.compactMap(\.team)) {
            #expect(text.contains("2019年创业讲师乡村行 第\(team)组 行程单"))
        }
        // Trainers' phones are personal data: masked unless --unmasked.
        let phones = try String(contentsOf: f.scenario.appendingPathComponent("trainers.csv"), encoding: .utf8)
            .split(whereSeparator: \.isNewline).dropFirst().compactMap { $0.split(separator: ",").last.map(String.init) }
            .filter { $0.count == 11 }
        #expect(!phones.isEmpty)
        #expect(!phones.contains { text.contains($0) })
        #expect(text.contains("****"))
        let open = tmp.url.appendingPathComponent("unmasked")
        #expect(try xiangxing("toursheet", f.scenario.path, f.plan.path, "--unmasked", "--out", open.path).status == 0)
        let full = try tool("pdftotext", ["-layout", open.appendingPathComponent("行程单-XCX-2019-09.pdf").path, "-"])
        #expect(phones.contains { full.contains($0) })
        let one = try xiangxing("toursheet", f.scenario.path, f.plan.path, "--tour", "XCX-2019-04", "--out", tmp.url.appendingPathComponent("one").path)
        #expect(one.status == 0, "\(one.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: tmp.url.appendingPathComponent("one").path) == ["行程单-XCX-2019-04.pdf"])

        let unknown = try xiangxing("toursheet", f.scenario.path, f.plan.path, "--tour", "XCX-1999", "--out", tmp.url.path)
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("XCX-2019-09"))
    }
}
