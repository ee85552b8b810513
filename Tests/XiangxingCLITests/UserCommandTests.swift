import Foundation
import Testing

/// `xiangxing user add|list|remove|passwd`: the web's accounts from the command line.
@Suite struct UserCommandTests {
    /// The demo imported into a store in `tmp`; the store's path.
    static func store(in tmp: borrowing TemporaryFolder) throws -> String {
        let db = tmp.url.appendingPathComponent("office.sqlite").path
        let run = try xiangxing(["import", demoScenario().path, "--db", db], in: tmp.url)
        #expect(run.status == 0, "\(run.stderr)")
        return db
    }

    @Test func anAccountIsAddedWithItsCountyByNameAndThePasswordIsNeitherStoredNorLoggedInPlainText() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.store(in: tmp)
        let add = try xiangxing(["user", "add", "tanghe", "--role", "county", "--county", "唐河", "--db", db], in: tmp.url,
                                input: "唐河-密码-2019\n")
        #expect(add.status == 0, "\(add.stderr)")
        #expect(add.stdout.contains("已开设账号 tanghe（县区 411328）"))
        #expect(add.stderr.contains("唐河县"))  // the name taken as 唐河县 is said back
        let list = try xiangxing(["user", "list", "--db", db], in: tmp.url)
        #expect(list.stdoutLines == ["tanghe\t县区\t411328"])
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db)) + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("唐河-密码-2019".utf8)) == nil)
        #expect(bytes.range(of: Data("$2b$12$".utf8)) != nil)
    }

    @Test func aTakenNameAShortPasswordAndAnUnknownTrainerAreRefusedWithWhatToDo() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.store(in: tmp)
        #expect(try xiangxing(["user", "add", "office", "--role", "office", "--db", db], in: tmp.url, input: "办公室-密码-2019\n").status == 0)
        let again = try xiangxing(["user", "add", "office", "--role", "office", "--db", db], in: tmp.url, input: "办公室-密码-2020\n")
        #expect(again.status == 1)
        #expect(again.stderr.contains("账号“office”已存在"))
        let short = try xiangxing(["user", "add", "t1", "--role", "trainer", "--trainer", "T001", "--db", db], in: tmp.url, input: "short\n")
        #expect(short.status == 1)
        #expect(short.stderr.contains("密码至少 8 个字符"))
        let unknown = try xiangxing(["user", "add", "t1", "--role", "trainer", "--trainer", "T999", "--db", db], in: tmp.url, input: "讲师-密码-2019\n")
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("--trainer"))
        let noCounty = try xiangxing(["user", "add", "c1", "--role", "county", "--db", db], in: tmp.url, input: "县区-密码-2019\n")
        #expect(noCounty.status == 1)
        #expect(noCounty.stderr.contains("--county"))
        let empty = try xiangxing(["user", "add", "c1", "--role", "county", "--county", "411328", "--db", db], in: tmp.url, input: "")
        #expect(empty.status == 1)
        #expect(empty.stderr.contains("没有从标准输入读到密码"))
        #expect(try xiangxing(["user", "list", "--db", db], in: tmp.url).stdoutLines == ["office\t办公室\t-"])
    }

    @Test func removingAndChangingAPasswordAreRecordedInTheLogWithoutThePassword() throws {
        let tmp = try TemporaryFolder()
        let db = try Self.store(in: tmp)
        #expect(try xiangxing(["user", "add", "danzg", "--role", "trainer", "--trainer", "单志刚", "--db", db], in: tmp.url, input: "讲师-密码-2019\n").status == 0)
        let passwd = try xiangxing(["user", "passwd", "danzg", "--db", db], in: tmp.url, input: "讲师-新密码-2019\n")
        #expect(passwd.status == 0, "\(passwd.stderr)")
        #expect(passwd.stdout.contains("已重设 danzg 的密码"))
        let remove = try xiangxing(["user", "remove", "danzg", "--db", db], in: tmp.url)
        #expect(remove.status == 0)
        let gone = try xiangxing(["user", "remove", "danzg", "--db", db], in: tmp.url)
        #expect(gone.status == 1)
        #expect(gone.stderr.contains("没有账号“danzg”"))
        let bytes = try Data(contentsOf: URL(fileURLWithPath: db)) + ((try? Data(contentsOf: URL(fileURLWithPath: db + "-wal"))) ?? Data())
        #expect(bytes.range(of: Data("讲师-新密码-2019".utf8)) == nil)
        #expect(bytes.range(of: Data("删除账号 danzg".utf8)) != nil)
    }
}
