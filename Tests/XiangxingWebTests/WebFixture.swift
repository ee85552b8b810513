import Foundation
import Hummingbird
import Logging
import HummingbirdTesting
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingTestSupport
import XiangxingWeb

/// The demo planned into a store once per test run, with the September
/// attendance imported and one account per role; each test gets its own
/// copy of the file, so tests never see each other's changes.
enum WebFixture {
    static let password = "乡行-test-2019"
    /// The accounts every copy holds: the office, 唐河县's and 淅川县's clerks, trainer T001 (单志刚).
    static let office = "office", tanghe = "tanghe", xichuan = "xichuan", trainer = "trainer"
    static let tangheCode = "411328", xichuanCode = "411326", trainerID = "T001"
    /// The day the pages count from: the demo is 2019's.
    static let today = Day(iso: "2019-09-01")!

    struct Failure: Error, Sendable { var message: String }

    /// The server's request log is `serve`'s business (ServeCommandTests reads it); here only warnings.
    static var quietLogger: Logger {
        var logger = Logger(label: "xiangxing.web.tests")
        logger.logLevel = .warning
        return logger
    }

    /// The base store, made once: the demo planned as `xiangxing plan` plans it (the
    /// demo's attendance was recorded against that plan).
    static let base: Result<URL, Failure> = {
        do { return .success(try makeBase()) } catch let e as OfficeError {
            return .failure(Failure(message: e.messages(.zh).joined(separator: "\n")))
        } catch { return .failure(Failure(message: "\(error)")) }
    }()

    static func makeBase() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-web-base-\(getpid())")
        try? FileManager.default.removeItem(at: folder)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let path = folder.appendingPathComponent("xiangxing.sqlite").path
        let office = OfficeStore(path: path, language: .zh, who: "王秀英")
        _ = try Planning.plan(into: office, importing: demoScenario().path, out: folder.appendingPathComponent("plan-v1").path,
                              planner: PlannerOptions(), notice: { _ in })
        let attendance = try FileManager.default.contentsOfDirectory(atPath: demoScenario().appendingPathComponent("attendance").path)
            .filter { $0.hasSuffix(".csv") }.sorted().map { demoScenario().appendingPathComponent("attendance/\($0)").path }
        _ = try AttendanceDesk.importFiles(attendance, version: nil, into: office)
        for (name, role, county, trainer) in [(Self.office, AccountRole.office, nil, nil), (tanghe, .county, tangheCode, nil),
                                              (xichuan, .county, xichuanCode, nil), (Self.trainer, .trainer, nil, trainerID)] as [(String, AccountRole, String?, String?)] {
            _ = try Accounts.add(.init(username: name, role: role, county: county, trainer: trainer, password: password),
                                 into: office, notice: { _ in })
        }
        return URL(fileURLWithPath: path)
    }

    /// A private copy of the base store for one test, in `tmp`.
    static func store(in tmp: borrowing TemporaryFolder) throws -> String {
        let source = try base.get()
        let target = tmp.url.appendingPathComponent("xiangxing.sqlite")
        for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: source.path + suffix) {
            try FileManager.default.copyItem(atPath: source.path + suffix, toPath: target.path + suffix)
        }
        return target.path
    }

    /// A private copy of the base store for one test on `backend`: a file
    /// in `tmp`, or a fresh city of the test PostgreSQL server filled by
    /// `store copy` (dropped by `dropCopy`). Its `--db` string.
    static func store(in tmp: borrowing TemporaryFolder, on backend: TestBackend) throws -> String {
        switch backend {
        case .sqlite: return try store(in: tmp)
        case .postgres:
            let city = try TestPostgres.freshCity()
            _ = try StoreCopy.copy(from: try base.get().path, to: city.url)
            return city.url
        }
    }

    /// Drops a PostgreSQL copy's city (a file copy goes with its folder).
    static func dropCopy(_ location: String) {
        if case .postgres(let city)? = try? StoreLocation(location) { try? PostgresBackend.dropCity(city) }
    }

    /// Runs `body` against the web application over a fresh copy of the
    /// store on `backend` (the same pages, the same checks, on SQLite and on
    /// PostgreSQL); `body` gets the copy's `--db` string.
    static func withApp<T: Sendable>(_ backend: TestBackend = .sqlite,
                                     _ body: @Sendable (any TestClientProtocol, String) async throws -> T) async throws -> T {
        let tmp = try TemporaryFolder()
        let path = try store(in: tmp, on: backend)
        defer { dropCopy(path) }
        let app = try await WebServer.application(WebConfig(database: path, today: today), logger: quietLogger)
        return try await app.test(.router) { client in try await body(client, path) }
    }
}

/// A page as a test reads it.
struct Page: Sendable {
    var status: HTTPResponse.Status
    var headers: HTTPFields
    var body: String
    var bytes: [UInt8]

    var location: String? { headers[.location] }
    /// The CSRF token of the page's forms.
    var csrf: String? {
        guard let r = body.range(of: "name=\"csrf\" value=\"") else { return nil }
        return String(body[r.upperBound...].prefix { $0 != "\"" })
    }
    /// Every link and form target on the page (href and action), in order.
    var links: [String] {
        var out: [String] = []
        for key in ["href=\"", "action=\""] {
            var rest = body[...]
            while let r = rest.range(of: key) {
                let value = rest[r.upperBound...].prefix { $0 != "\"" }
                out.append(String(value).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[r.upperBound...]
            }
        }
        return out
    }
}

/// A browser's worth of state over the test client: the session cookie and
/// the latest CSRF token.
final class Browser: @unchecked Sendable {
    let client: any TestClientProtocol
    var cookies: [String: String] = [:]
    var csrf = ""

    init(_ client: any TestClientProtocol) { self.client = client }

    @discardableResult
    func get(_ path: String) async throws -> Page {
        let page = try await send(path, method: .get, body: nil, contentType: nil)
        if let token = page.csrf { csrf = token }
        return page
    }

    /// A url-encoded form POST carrying the current CSRF token (unless `csrf` is given).
    @discardableResult
    func post(_ path: String, form: [(String, String)], csrf token: String? = nil) async throws -> Page {
        let fields = [("csrf", token ?? csrf)] + form
        let body = fields.map { "\(Self.encode($0.0))=\(Self.encode($0.1))" }.joined(separator: "&")
        return try await send(path, method: .post, body: ByteBuffer(string: body), contentType: "application/x-www-form-urlencoded")
    }

    /// A multipart POST with one file.
    @discardableResult
    func upload(_ path: String, fields: [(String, String)] = [], file: (field: String, name: String, bytes: [UInt8])) async throws -> Page {
        let boundary = "----xiangxing\(UInt32.random(in: 0 ... .max))"
        var body = ByteBuffer()
        for (k, v) in [("csrf", csrf)] + fields {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(k)\"\r\n\r\n\(v)\r\n")
        }
        body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.field)\"; filename=\"\(file.name)\"\r\nContent-Type: application/octet-stream\r\n\r\n")
        body.writeBytes(file.bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        return try await send(path, method: .post, body: body, contentType: "multipart/form-data; boundary=\(boundary)")
    }

    /// Signs in through /login as a browser does (the login form's token first).
    @discardableResult
    func login(_ username: String, password: String = WebFixture.password) async throws -> Page {
        try await get("/login")
        let page = try await post("/login", form: [("username", username), ("password", password), ("next", "")])
        if page.status == .seeOther || page.status == .found { try await get(page.location ?? "/") }
        return page
    }

    func send(_ path: String, method: HTTPRequest.Method, body: ByteBuffer?, contentType: String?) async throws -> Page {
        var headers: HTTPFields = [:]
        if !cookies.isEmpty { headers[.cookie] = cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ") }
        if let contentType { headers[.contentType] = contentType }
        let response = try await client.execute(uri: path, method: method, headers: headers, body: body)
        for field in response.headers where field.name == .setCookie {
            let pair = field.value.split(separator: ";")[0].split(separator: "=", maxSplits: 1)
            let name = String(pair[0]), value = pair.count > 1 ? String(pair[1]) : ""
            if value.isEmpty || field.value.contains("Max-Age=0") { cookies[name] = nil } else { cookies[name] = value }
        }
        let bytes = Array(response.body.readableBytesView)
        return Page(status: response.status, headers: response.headers, body: String(decoding: bytes, as: UTF8.self), bytes: bytes)
    }

    static func encode(_ s: String) -> String {
        s.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.*"))) ?? s
    }
}
