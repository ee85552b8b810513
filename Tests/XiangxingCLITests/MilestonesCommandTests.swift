import Foundation
import Testing
import XiangxingICU

@Suite(.serialized) struct MilestonesCommandTests {
    /// The GB18030 twin (small, quick to import) with a milestones file.
    func scenario(_ tmp: borrowing TemporaryFolder, milestones: String) throws -> URL {
        let s = try tmp.copy(demoScenario("nanyang-2019-gb18030"), as: "gb")
        try milestones.write(to: s.appendingPathComponent("milestones.csv"), atomically: true, encoding: .utf8)
        return s
    }

    @Test func everyProblemOfTheMilestonesFileIsLocatedAndImportStoresNothing() throws {
        let tmp = try TemporaryFolder()
        let s = try scenario(tmp, milestones: """
            日期,结束日期,事项,责任单位,类型,备注
            2019-02-15,,全年目标任务分解下达,市人社局就业促进办公室,截止,
            2019-07-18,,全市返乡创业工作现场会,市人社局就业促进办公室,会晤,
            2019-05-31,2019-04-01,返乡创业示范项目评审,市人社局就业促进办公室,阶段,
            2019-13-05,,统计表报送,各县（市、区）人社局,截止,
            2019-12-31,,年度工作总结报送,,截止,
            2019-03-01,,全年目标任务分解下达,市人社局就业促进办公室,截止,

            """)
        let run = try xiangxing(["milestones", s.path], in: tmp.url)
        #expect(run.status == 1)
        #expect(run.stderr.contains("milestones.csv:3: 类型:"))
        #expect(run.stderr.contains("milestones.csv:4: 结束日期:"))
        #expect(run.stderr.contains("milestones.csv:5: 日期:"))
        #expect(run.stderr.contains("milestones.csv:6: 责任单位:"))
        #expect(run.stderr.contains("milestones.csv:7: 事项:") && run.stderr.contains("第 2 行"))
        #expect(run.stdout.isEmpty)

        let validated = try xiangxing(["validate", s.path], in: tmp.url)
        #expect(validated.status == 1)
        #expect(validated.stderr.contains("milestones.csv:4: 结束日期:"))

        let imported = try xiangxing(["import", s.path, "--db", "office.sqlite"], in: tmp.url)
        #expect(imported.status == 1)
        #expect(imported.stderr.contains("milestones.csv:3: 类型:"))
        #expect(!FileManager.default.fileExists(atPath: tmp.url.appendingPathComponent("office.sqlite").path))
    }

    @Test func statusShowsWhatIsDueNextWithTheDeadlineMovedOffTheHoliday() throws {
        let tmp = try TemporaryFolder()
        let s = try scenario(tmp, milestones: """
            date,end_date,title,unit,kind,note
            2019-09-02,2019-09-30,创业讲师乡村行,市人社局就业促进办公室,period,
            2019-09-05,,8月返乡创业情况统计表报送,各县（市、区）人社局,deadline,次月5日前
            2019-10-05,,9月返乡创业情况统计表报送,各县（市、区）人社局,deadline,次月5日前
            2019-12-09,2019-12-20,年度考核,市人社局,period,

            """)
        let imported = try xiangxing(["import", s.path, "--db", "office.sqlite"], in: tmp.url)
        #expect(imported.status == 0)
        #expect(imported.stdout.contains("里程碑    4 项"))
        let status = try xiangxing(["status", "--db", "office.sqlite", "--today", "2019-09-20"], in: tmp.url)
        #expect(status.status == 0)
        #expect(status.stdout.contains("即将到期（2019-09-20 起）"))
        let lines = status.stdoutLines
        let tour = try #require(lines.firstIndex { $0.contains("创业讲师乡村行") })
        let september = try #require(lines.firstIndex { $0.contains("9月返乡创业情况统计表报送") })
        #expect(lines[tour].contains("进行中"))
        // 2019-10-05 is a Saturday of 国庆 (10-01..10-07 off): due the next working day, Tuesday 10-08.
        #expect(lines[september].contains("2019-10-08 周二") && lines[september].contains("原定 2019-10-05"))
        #expect(lines[september].contains("18 天后"))
        #expect(tour < september)
        #expect(!status.stdout.contains("8月返乡创业情况统计表报送"))

        let en = try xiangxing(["status", "--db", "office.sqlite", "--today", "2019-09-20", "--lang", "en"], in: tmp.url)
        #expect(en.stdout.contains("Due next (from 2019-09-20):"))

        // The store's milestones as a calendar feed.
        let feed = try xiangxing(["milestones", "--db", "office.sqlite", "--from", "2019-10-01", "--ics", "m.ics"], in: tmp.url)
        #expect(feed.status == 0)
        #expect(feed.stdout.contains("年度考核") && !feed.stdout.contains("8月返乡"))
        let ics = try String(contentsOf: tmp.url.appendingPathComponent("m.ics"), encoding: .utf8)
        #expect(ics.contains("X-WR-CALNAME:乡行 里程碑"))
        #expect(ics.contains("DTSTART;VALUE=DATE:20191008"))
        #expect(ics.components(separatedBy: "BEGIN:VEVENT").count == 5)
    }

    @Test func theDemoMilestonesFollowTheSeedPlanAndTheRealHolidayCalendar() throws {
        let run = try xiangxing("milestones", demoScenario().path)
        #expect(run.status == 0)
        for title in ["全年目标任务分解下达", "返乡创业示范项目评审", "返乡创业情况调查", "全市返乡创业工作现场会",
                      "省级返乡创业示范县初审推荐", "创业讲师乡村行", "返乡创业综合服务中心调研督导", "年度考核", "年度工作总结报送"] {
            #expect(run.stdout.contains(title), "\(title) missing")
        }
        // Twelve monthly reports, the holiday ones moved by cn-public-holidays.ics.
        #expect(run.stdoutLines.filter { $0.contains("返乡创业情况统计表报送") }.count == 12)
        #expect(run.stdout.contains("2019-02-11 周一     1月返乡创业情况统计表报送"))
        #expect(run.stdout.contains("2019-05-05 周日     4月返乡创业情况统计表报送"))
        #expect(run.stdout.contains("2019-10-08 周二     9月返乡创业情况统计表报送"))
        #expect(run.stdout.contains("2020-01-06 周一     12月返乡创业情况统计表报送"))
    }

    @Test func aMilestonesFileSavedByExcelAsGB18030WithChineseHeadersIsRead() throws {
        let tmp = try TemporaryFolder()
        let s = try scenario(tmp, milestones: "")
        let text = "编号,日期,结束日期,事项,责任单位,类型,备注\r\n"
            + "th-onsite,2019-07-21,,唐河县返乡创业现场观摩会,唐河县人社局,会议,周日举行\r\n"
            + "th-report-09,2019-10-05,,9月统计表报送,唐河县人社局,报送,次月5日前\r\n"
            + "th-survey,2019-04-01,2019-05-31,返乡创业情况调查,唐河县人社局,阶段,\r\n"
        try Data(TextEncoding.encodeGB18030(text)).write(to: s.appendingPathComponent("milestones.csv"))
        let run = try xiangxing(["milestones", s.path], in: tmp.url)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout.contains("2019-10-08 周二     9月统计表报送 — 唐河县人社局（原定 2019-10-05，遇休息日顺延）"))
        #expect(run.stdout.contains("2019-04-01 至 05-31 返乡创业情况调查"))
        // An event on a Sunday is held as written, with a warning naming its line.
        #expect(run.stdout.contains("2019-07-21 周日     唐河县返乡创业现场观摩会"))
        #expect(run.stderr.contains("milestones.csv:2: 日期:") && run.stderr.contains("休息日"))
    }
}
