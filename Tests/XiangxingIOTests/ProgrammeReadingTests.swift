import Foundation
import Testing
import XiangxingCore
import XiangxingIO

/// `ProgrammeReading` on real files as a county sends them: encodings,
/// headers, and every kind of mistake located at file:line and field, with
/// nothing returned unless the whole input is sound.
@Suite struct ProgrammeReadingTests {
    // MARK: attendance: encodings and headers

    @Test func gb18030AttendanceWithChineseHeadersIsReadRight() throws {
        let tmp = try TemporaryFolder()
        // As Excel/WPS on Chinese Windows saves it: GB18030, CRLF, 场次,身份证号,日期,出勤.
        let text = "场次,身份证号,日期,出勤\r\n"
            + "D001-1,\(Person.liu),2019-05-12,是\r\n"
            + "D001-1,\(Person.liu),2019-05-13,√\r\n"
            + "D001-1,\(Person.liu),2019-05-14,否\r\n"
            + "D001-1,\(Person.zhang),2019-05-12,×\r\n"
            + "D001-1,\(Person.zhang),2019-05-13,✓\r\n"
        let url = tmp.url.appendingPathComponent("宛城区签到.csv")
        let bytes = try gb18030(text)
        #expect(String(data: Data(bytes), encoding: .utf8) == nil, "the file really is not UTF-8")
        try Data(bytes).write(to: url)
        let records = try read([url])
        #expect(records.mentoring.isEmpty)
        #expect(records.training.map(\.present) == [true, true, false, false, true])
        #expect(records.training.map(\.line) == [2, 3, 4, 5, 6])
        #expect(records.training.map(\.idNumber) == [Person.liu, Person.liu, Person.liu, Person.zhang, Person.zhang])
        #expect(records.training.map(\.date.iso) == ["2019-05-12", "2019-05-13", "2019-05-14", "2019-05-12", "2019-05-13"])
        #expect(records.training.allSatisfy { $0.session == "D001-1" && $0.file == "宛城区签到.csv" })
    }

    @Test func anIDWhoseCheckDigitIsTypedAsALowercaseXIsTheSamePerson() throws {
        // 孙晓燕's ID ends in the check digit X; clerks often type x. Before,
        // the row was refused as "not in the class".
        let tmp = try TemporaryFolder()
        let url = tmp.url.appendingPathComponent("宛城区签到.csv")
        let lower = Person.sun.lowercased()
        try "session,id_number,date,present\nD001-1,\(lower),2019-05-12,1\nD001-1,\(lower),2019-05-13,1\n"
            .write(to: url, atomically: true, encoding: .utf8)
        var plan = Plan.small
        plan.assignments?["D001-1"]?.append(Person.sun)
        guard case .success(let records) = ProgrammeReading.attendance(files: [url], plan: plan) else {
            Issue.record("a lowercase x was refused"); return
        }
        #expect(records.training.map(\.idNumber) == [Person.sun, Person.sun])
    }

    @Test func excelsUTF8ByteOrderMarkIsNotPartOfTheFirstHeader() throws {
        let tmp = try TemporaryFolder()
        let training = tmp.url.appendingPathComponent("training.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("session,id_number,date,present\r\nD001-1,\(Person.wang),2019-05-12,Y\r\n".utf8))
            .write(to: training)
        let stops = tmp.url.appendingPathComponent("乡村行.csv")
        try Data([0xEF, 0xBB, 0xBF] + Array("场次,日期,人次\r\nXCX-2019-04@411321,2019-04-09,95\r\nXCX-2019-04@411321,2019-04-10,85\r\n".utf8))
            .write(to: stops)
        let records = try read([training, stops])
        #expect(records.training.map(\.session) == ["D001-1"])
        #expect(records.training.first?.present == true)
        #expect(records.mentoring.map(\.mentees) == [95, 85])
        #expect(records.mentoring.map(\.date.iso) == ["2019-04-09", "2019-04-10"])
        #expect(records.mentoring.map(\.line) == [2, 3])
    }

    // MARK: attendance: each mistake located

    @Test func eachKindOfAttendanceMistakeIsLocatedAndNothingIsReturned() throws {
        let tmp = try TemporaryFolder()
        let training = tmp.url.appendingPathComponent("宛城区.csv")
        try ("session,id_number,date,present\r\n"
            + "D001-1,\(Person.liu),2019-05-12,1\r\n"                 // 2: sound
            + "D009-9,\(Person.liu),2019-05-12,1\r\n"                 // 3: unknown session
            + "XCX-2019-04@411321,\(Person.liu),2019-04-09,1\r\n"     // 4: a stop recorded as a class
            + "D001-1,\(Person.zhao),2019-05-12,1\r\n"                // 5: not in this class
            + "D001-1,\(Person.zhang),2019-05-15,1\r\n"               // 6: not a day of the class
            + "D001-1,\(Person.liu),2019-05-12,0\r\n"                 // 7: same person-day as line 2
            + "D001-1,\(Person.wang),2019-05-13,到了\r\n")            // 8: unreadable mark
            .write(to: training, atomically: true, encoding: .utf8)
        let first = tmp.url.appendingPathComponent("南召县-4月.csv")
        try ("session,date,mentees\r\n"
            + "XCX-2019-04@411321,2019-04-09,95\r\n"                  // 2: sound
            + "XCX-2019-04@411321,2019-04-10,-5\r\n")                 // 3: negative mentees
            .write(to: first, atomically: true, encoding: .utf8)
        let second = tmp.url.appendingPathComponent("南召县-补报.csv")
        try ("session,date,mentees\r\n"
            + "XCX-2019-04@411321,2019-04-09,12\r\n")                 // 2: the stop day of 南召县-4月.csv:2 again
            .write(to: second, atomically: true, encoding: .utf8)

        let found = try refused([training, first, second])
        #expect(found.contains("宛城区.csv:3: session"))
        #expect(found.contains("宛城区.csv:4: session"))
        #expect(found.contains("宛城区.csv:5: id_number"))
        #expect(found.contains("宛城区.csv:6: date"))
        #expect(found.contains("宛城区.csv:7: date"))
        #expect(found.contains("宛城区.csv:8: present"))
        #expect(found.contains("南召县-4月.csv:3: mentees"))
        #expect(found.contains("南召县-补报.csv:2: date"))
        #expect(found.count == 8, "\(found)")
    }

    @Test func messagesSayWhatIsWrongWithoutRepeatingTheResidentID() throws {
        let tmp = try TemporaryFolder()
        let url = tmp.url.appendingPathComponent("a.csv")
        try "session,id_number,date,present\nD001-1,\(Person.zhao),2019-05-12,1\nXCX-2019-04@411321,\(Person.liu),2019-04-09,1\n"
            .write(to: url, atomically: true, encoding: .utf8)
        guard case .failure(let all) = ProgrammeReading.attendance(files: [url], plan: Plan.small) else {
            Issue.record("accepted a person who is not in the class"); return
        }
        let text = all.problems.map { $0.message(.en) }.joined(separator: "\n")
        #expect(text.contains("not enrolled in session \"D001-1\""), "\(text)")
        #expect(text.contains("is a tour stop, not a class"), "\(text)")
        #expect(!text.contains(Person.zhao) && !text.contains(Person.liu))
    }

    @Test func aMissingAttendanceFileIsAProblemNotACrash() throws {
        let tmp = try TemporaryFolder()
        let url = tmp.url.appendingPathComponent("没有这个文件.csv")
        let found = try refused([url])
        #expect(found.count == 1 && found[0].hasSuffix("没有这个文件.csv:: "), "\(found)")
    }

    // MARK: targets and weights

    @Test func targetsThatDoNotAddUpToScenarioTotalsAreRefusedAtTheCategorysLastRow() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario(), as: "nanyang")
        // The demo's scenario.csv says target_training,3500 and target_mentoring,7200.
        let scenario = try loaded(ScenarioReader.read(folder: folder)).scenario
        let settings = try ProgrammeReading.settings(folder: folder).get()
        #expect(settings.targetTraining == 3500 && settings.targetMentoring == 7200 && settings.completionShare == 0.8)

        let targets = folder.appendingPathComponent("targets.csv")
        try "county,category,person_times\n唐河县,training,2000\n411330,training,1400\n邓州市,mentoring,7200\n"
            .write(to: targets, atomically: true, encoding: .utf8)
        guard case .failure(let all) = ProgrammeReading.targets(folder: folder, scenario: scenario, settings: settings) else {
            Issue.record("accepted training targets of 3400 against a city total of 3500"); return
        }
        #expect(all.problems.map(\.located) == ["targets.csv:3: person_times"])
        #expect(all.problems[0].message(.en).contains("3400") && all.problems[0].message(.en).contains("3500"))

        // Corrected, it reads: names become codes, the totals agree.
        try "县区,类别,人次\n唐河县,training,2100\n411330,training,1400\n邓州市,mentoring,7200\n"
            .write(to: targets, atomically: true, encoding: .utf8)
        let read = try #require(try ProgrammeReading.targets(folder: folder, scenario: scenario, settings: settings).get())
        #expect(read == [CountyTarget(county: "411328", category: .training, personTimes: 2100),
                         CountyTarget(county: "411330", category: .training, personTimes: 1400),
                         CountyTarget(county: "411381", category: .mentoring, personTimes: 7200)])
    }

    @Test func aWeightsFileWithAnUnknownCountyIsRefusedAtItsLine() throws {
        let tmp = try TemporaryFolder()
        let scenario = try loaded(ScenarioReader.read(folder: demoScenario())).scenario
        let url = tmp.url.appendingPathComponent("权重.csv")
        try "县区,权重\n唐河县,30\n新野县,20\n南阳县,10\n411330,-1\n".write(to: url, atomically: true, encoding: .utf8)
        guard case .failure(let all) = ProgrammeReading.weights(file: url, scenario: scenario) else {
            Issue.record("accepted 南阳县, which is not in counties.csv"); return
        }
        // The field as the file's header names it.
        #expect(all.problems.map(\.located) == ["权重.csv:4: 县区", "权重.csv:5: 权重"])
        #expect(all.problems[0].message(.zh).contains("南阳县"))

        try "县区,权重\n唐河县,30\n411329,20\n".write(to: url, atomically: true, encoding: .utf8)
        #expect(try ProgrammeReading.weights(file: url, scenario: scenario).get() == ["411328": 30, "411329": 20])
    }
}

// MARK: - Helpers

/// Resident IDs with valid GB 11643 check digits (made up, 唐河县 prefix).
private enum Person {
    static let liu = "411328198803124522"
    static let zhang = "411328199207051632"
    static let wang = "411328198511202816"
    static let zhao = "411328199002183359"
    static let sun = "41132819910317104X"
}

private extension Plan {
    /// A class of 宛城区 on three days (刘, 张, 王 enrolled; 赵 not) and a two-day stop in 南召县.
    static let small = Plan(sessions: [
        Session(id: "D001-1", type: .trainingClass, kind: "awareness", county: "411302", venue: "WC-3",
                dates: [day("2019-05-12"), day("2019-05-13"), day("2019-05-14")], trainers: ["T009"], ref: "D001", attendees: 3),
        Session(id: "XCX-2019-04@411321", type: .tourStop, kind: "village-tour", county: "411321", venue: "NZ-1",
                dates: [day("2019-04-09"), day("2019-04-10")], trainers: ["T001", "T002"], ref: "XCX-2019-04", team: 1, attendees: 180),
    ], assignments: ["D001-1": [Person.liu, Person.zhang, Person.wang]])
}

private extension InputProblem {
    /// `file:line: field`, as the messages begin.
    var located: String { "\(file):\(line.map(String.init) ?? ""): \(field)" }
}

/// The records of files that must be sound.
private func read(_ files: [URL]) throws -> AttendanceRecords {
    switch ProgrammeReading.attendance(files: files, plan: Plan.small) {
    case .success(let r): return r
    case .failure(let all): throw ReadFailed(messages: all.problems.map { $0.message(.en) })
    }
}

/// `file:line: field` of every problem of files that must be refused.
private func refused(_ files: [URL]) throws -> [String] {
    guard case .failure(let all) = ProgrammeReading.attendance(files: files, plan: Plan.small) else {
        throw ReadFailed(messages: ["the files were accepted"])
    }
    return all.problems.map { "\(($0.file as NSString).lastPathComponent):\($0.line.map(String.init) ?? ""): \($0.field)" }
}

/// GB18030 bytes of the few non-ASCII characters these files hold, ASCII as is.
private func gb18030(_ text: String) throws -> [UInt8] {
    let table: [Unicode.Scalar: [UInt8]] = [
        "场": [0xB3, 0xA1], "次": [0xB4, 0xCE], "身": [0xC9, 0xED], "份": [0xB7, 0xDD], "证": [0xD6, 0xA4],
        "号": [0xBA, 0xC5], "日": [0xC8, 0xD5], "期": [0xC6, 0xDA], "出": [0xB3, 0xF6], "勤": [0xC7, 0xDA],
        "是": [0xCA, 0xC7], "否": [0xB7, 0xF1], "√": [0xA1, 0xCC], "×": [0xA1, 0xC1], "✓": [0x81, 0x37, 0xBD, 0x37],
    ]
    var out: [UInt8] = []
    for scalar in text.unicodeScalars {
        if scalar.isASCII { out.append(UInt8(scalar.value)); continue }
        guard let bytes = table[scalar] else { throw ReadFailed(messages: ["no GB18030 bytes in the test's table for \(scalar)"]) }
        out += bytes
    }
    return out
}

private extension String {
    func write(to url: URL, atomically: Bool, encoding: String.Encoding, appendingTo: Bool) throws {
        let old = (try? String(contentsOf: url, encoding: encoding)) ?? ""
        try (old.hasSuffix("\n") || old.isEmpty ? old + self : old + "\n" + self).write(to: url, atomically: atomically, encoding: encoding)
    }
}
