import Foundation
import Testing

@Suite("xiangxing validate", .enabled(if: Binary.url != nil, Comment(rawValue: Binary.missing)))
struct ValidateCommandTests {
    @Test func theDemoScenarioIsSoundAndItsInventoryIsPrintedInChinese() throws {
        let run = try xiangxing("validate", "scenarios/nanyang-2019")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.stdoutLines.first == "南阳市2019年返乡创业培训与创业讲师乡村行（2019-01-01 至 2019-12-31）")
        #expect(run.stdoutLines.contains("  县区      17"))
        #expect(run.stdoutLines.contains("  场地      47（日历不可用 104 场地·天）"))
        #expect(run.stdoutLines.contains("  培训需求  55 行，共 112 期"))
        #expect(run.stdoutLines.contains("  乡村行    2 次活动，25 个站点，帮扶 7200 人次"))
        #expect(run.stdoutLines.contains("  学员      3491"))
        #expect(run.stdoutLines.last == "场景无误。")
    }

    @Test func langEnPrintsTheInventoryInEnglish() throws {
        let run = try xiangxing("validate", "scenarios/nanyang-2019", "--lang", "en")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutLines.contains("  counties        17"))
        #expect(run.stdoutLines.contains("  attendees       3491"))
        #expect(run.stdoutLines.contains("  encodings       UTF-8"))
        #expect(run.stdoutLines.last == "The scenario is sound.")
        #expect(!run.stdout.contains("场景无误"))
    }

    @Test func theGB18030SampleIsSoundAndSaysItsEncoding() throws {
        let run = try xiangxing("validate", "scenarios/nanyang-2019-gb18030", "--lang", "en")
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdoutLines.contains("  counties        3"))
        #expect(run.stdoutLines.contains("  attendees       60"))
        #expect(run.stdoutLines.contains("  encodings       GB18030"))
    }

    @Test func aBrokenCopyExitsOneListsEachProblemOnStderrAndWritesNothing() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario("nanyang-2019"), as: "broken")
        func at(_ name: String) -> URL { folder.appendingPathComponent(name) }
        try edit(at("venues.csv"), line: 3, replacing: "宛城区返乡创业孵化园", with: "宛城区\"返乡\"创业孵化园")
        try edit(at("demand.csv"), line: 5, replacing: "D004,411302,", with: "D004,411399,")
        try edit(at("attendees.csv"), line: 7, replacing: "411302197408266127", with: "411302197408266128")
        try edit(at("calendars/trainer-T002.ics"), line: 22, replacing: "BYDAY=TH", with: "BYDAY=XX")
        try edit(at("demand.csv"), line: 10, replacing: "2019-06-17,2019-08-16", with: "2019-06-17,2020-01-15")
        let before = try listing(folder)

        let run = try xiangxing("validate", folder.path)
        #expect(run.status == 1)
        #expect(run.stdout.isEmpty)
        let problemLines = run.stderrLines.filter { $0.contains(" — ") }
        #expect(problemLines.count == 5, "\(run.stderr)")
        let prefixes = ["venues.csv:3: name: ", "demand.csv:5: county: ", "attendees.csv:7: id_number: ",
                        "calendars/trainer-T002.ics:22: RRULE: ", "demand.csv:10: latest: "]
        for prefix in prefixes {
            #expect(problemLines.filter { $0.hasPrefix(prefix) }.count == 1, "no single line starts with \(prefix)")
        }
        #expect(run.stderrLines.last == "共 5 处问题，未写出任何文件。改正后重新运行。")
        #expect(!run.stderr.contains("411302197408266128"))
        #expect(try listing(folder) == before)

        let english = try xiangxing("validate", folder.path, "--lang", "en")
        #expect(english.status == 1)
        #expect(english.stderrLines.contains { $0.hasPrefix("demand.csv:5: county: unknown county \"411399\" — ") })
        #expect(english.stderrLines.last == "5 problem(s); nothing was written. Fix them and run again.")
    }

    @Test func aMissingScenarioFolderExitsOne() throws {
        let run = try xiangxing("validate", "/nonexistent-\(UUID().uuidString)")
        #expect(run.status == 1)
        #expect(!run.stderr.isEmpty)
    }

    @Test func aWarningIsPrintedOnStderrWithItsLineAndValidateStillSucceeds() throws {
        let tmp = try TemporaryFolder()
        let folder = try tmp.copy(demoScenario("nanyang-2019"), as: "warned")
        // 曾晓梅 (T005) loses her qualifications: she will never be booked, which may be intended.
        try edit(folder.appendingPathComponent("trainers.csv"), line: 6, replacing: "awareness;capability,16", with: ",16")
        let run = try xiangxing("validate", folder.path)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderrLines == ["trainers.csv:6: qualifications: 警告：讲师没有任何资质，不会被安排授课 — 填写可授课程的代码，多个用 ; 分隔（如 awareness;capability）"])
        #expect(run.stdoutLines.last == "场景可用，有 1 条警告（见上）。")
        #expect(run.stdoutLines.contains("  讲师      60（40 人有日历，不可用 992 讲师·天）"))
    }
}
