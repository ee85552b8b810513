import Foundation
import Testing
import XiangxingCore
import XiangxingIO

@Suite("Excel workbooks in and out of the command line")
struct XlsxCommandTests {
    /// The demo with attendees and venues as LibreOffice-made workbooks.
    static func workbookScenario(_ tmp: borrowing TemporaryFolder) throws -> URL {
        let folder = try tmp.copy(demoScenario(), as: "南阳")
        let fixtures = packageRoot().appendingPathComponent("Tests/XiangxingSheetsTests/Fixtures")
        for name in ["attendees", "venues"] {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name + ".csv"))
            try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name + ".xlsx"),
                                             to: folder.appendingPathComponent(name + ".xlsx"))
        }
        return folder
    }

    @Test("validate, plan, import and roster --format xlsx on a folder whose attendees and venues are .xlsx")
    func workbookScenarioEndToEnd() throws {
        let tmp = try TemporaryFolder()
        let folder = try Self.workbookScenario(tmp)
        let validate = try xiangxing("validate", folder.path)
        #expect(validate.status == 0, "\(validate.stderr)")
        #expect(validate.stdout.contains("学员      3491"))
        #expect(validate.stdout.contains("xlsx"))
        let plan = tmp.url.appendingPathComponent("plan")
        let planned = try xiangxing("plan", folder.path, "--out", plan.path)
        #expect(planned.status == 0, "\(planned.stderr)")
        #expect(planned.stdout.contains("培训人次：已排 3491，报名 3491"))
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let imported = try xiangxing("import", folder.path, "--db", db)
        #expect(imported.status == 0, "\(imported.stderr)")

        let out = tmp.url.appendingPathComponent("签到表")
        let roster = try xiangxing("roster", folder.path, plan.path, "--county", "唐河县", "--format", "xlsx", "--out", out.path)
        #expect(roster.status == 0, "\(roster.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasSuffix(".xlsx") }
        #expect(!files.isEmpty)
        #expect(files.allSatisfy { $0.hasPrefix("签到表-唐河县-") })
        for file in files {
            let url = out.appendingPathComponent(file)
            let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
            #expect(mode == 0o600, "\(file)")
            var problems: [InputProblem] = []
            let (rows, _) = try #require(TableSource.rows(url, name: file, problems: &problems))
            #expect(problems.isEmpty)
            #expect(rows.first?.fields.prefix(7) == ["序号", "姓名", "性别", "身份证号", "联系电话", "乡镇", "创业项目"])
            for row in rows.dropFirst() where !row.fields[1].isEmpty {
                #expect(row.fields[3].wholeMatch(of: /\d{6}\*{8}[\dX]{4}/) != nil)
            }
        }
    }

    @Test("a scenario whose attendees.xlsx has Excel-rounded IDs fails validate with the row and the way out")
    func roundedIDsFailValidate() throws {
        let tmp = try TemporaryFolder()
        let folder = try Self.workbookScenario(tmp)
        try FileManager.default.removeItem(at: folder.appendingPathComponent("attendees.xlsx"))
        try FileManager.default.copyItem(at: packageRoot().appendingPathComponent("Tests/XiangxingSheetsTests/Fixtures/attendees-rounded.xlsx"),
                                         to: folder.appendingPathComponent("attendees.xlsx"))
        let run = try xiangxing("validate", folder.path, "--lang", "en")
        #expect(run.status == 1)
        #expect(run.stderr.contains("attendees.xlsx:2: id_number: Excel has turned"), "\(run.stderr)")
    }

    @Test("diff --notify --out writes each county's list as .xlsx too, owner-only")
    func notificationListsAsWorkbooks() throws {
        let tmp = try TemporaryFolder()
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        #expect(try xiangxing("import", demoScenario().path, "--db", db).status == 0)
        #expect(try xiangxing("plan", "--out", tmp.url.appendingPathComponent("v1").path, "--db", db).status == 0)
        let rows = CSV.parse(try String(contentsOf: tmp.url.appendingPathComponent("v1/plan.csv"), encoding: .utf8), file: "plan.csv")
            .records.dropFirst().map(\.fields)
        let target = try #require(rows.first { $0[1] == "class" && $0[3] == "411328" && (Int($0[9]) ?? 0) > 0 })
        let days = target[5].split(separator: ";").map(String.init)
        #expect(try xiangxing("close-venue", "--venue", target[4], "--from", days.first!, "--to", days.last!, "--reason", "装修", "--db", db).status == 0)
        #expect(try xiangxing("replan", "--out", tmp.url.appendingPathComponent("v2").path, "--db", db).status == 0)
        let lists = tmp.url.appendingPathComponent("lists")
        let notify = try xiangxing("diff", "1", "2", "--notify", "--out", lists.path, "--db", db)
        #expect(notify.status == 0, "\(notify.stderr)")
        let url = lists.appendingPathComponent("通知名单-唐河县-含个人信息.xlsx")
        let mode = try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        var problems: [InputProblem] = []
        let (xlsx, _) = try #require(TableSource.rows(url, name: "x.xlsx", problems: &problems))
        let (csv, _) = try #require(TableSource.rows(lists.appendingPathComponent("通知名单-唐河县-含个人信息.csv"), name: "x.csv", problems: &problems))
        #expect(problems.isEmpty)
        #expect(xlsx.map(\.fields) == csv.map(\.fields))
        #expect(xlsx.count > 1)
    }
}
