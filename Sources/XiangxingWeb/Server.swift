import Foundation
import Synchronization
import Hummingbird
import Logging
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// How `xiangxing serve` was started.
public struct WebConfig: Sendable {
    /// The store: a SQLite file, one city of a PostgreSQL database
    /// (`postgres://…?city=NAME`), or a whole database without `?city=` —
    /// then the server serves every city in it and sign-in asks which.
    public var database: String
    public var host: String
    public var port: Int
    /// The day the pages count from (`--today`, for the 2019 demo); nil: the real date.
    public var today: Day?
    /// Mark the session cookie Secure (behind an HTTPS proxy).
    public var secureCookies: Bool

    public init(database: String, host: String = "127.0.0.1", port: Int = 8080, today: Day? = nil, secureCookies: Bool = false) {
        self.database = database; self.host = host; self.port = port; self.today = today; self.secureCookies = secureCookies
    }
}

/// What every request shares: the configuration, the stores (accounts are
/// read through them on every request), the sessions and the templates.
public final class WebState: Sendable {
    public let config: WebConfig
    /// The database whose every city this server serves (`--db
    /// postgres://…` without `?city=`); nil when it serves one store.
    let province: PostgresLocation?
    /// Opened once per city for the server's life; Office calls open their own.
    private let stores: Mutex<[String: PlanStore]>
    let sessions: SessionBook
    let pages: PageLibrary

    init(config: WebConfig, store: PlanStore?, pages: PageLibrary) {
        self.config = config; self.pages = pages
        if case .postgres(let p)? = try? StoreLocation(config.database), p.city == nil { province = p } else { province = nil }
        stores = Mutex(store.map { [config.database: $0] } ?? [:])
        sessions = SessionBook()
    }

    /// A placeholder before the first middleware runs (never serves a page).
    static let detached = WebState(config: WebConfig(database: "/nonexistent"), store: nil, pages: PageLibrary.empty)

    /// Whether sign-in asks for the city.
    var servesManyCities: Bool { province != nil }

    /// The `--db` string of a city's store (the server's own store when it serves one).
    func location(city: String?) -> String {
        guard let province, let city else { return config.database }
        return province.withCity(city).url
    }

    /// The store of a session's city; 404 for a city this server does not serve.
    func store(city: String?) throws -> PlanStore {
        let where_ = location(city: city)
        if let open = stores.withLock({ $0[where_] }) { return open }
        guard province == nil || (city.map { try? cities().contains($0) } ?? false) == true else { throw WebError.notFound }
        guard config.database != "/nonexistent" else { throw WebError.notFound }
        let store = try OfficeStore(path: where_).open()
        stores.withLock { $0[where_] = store }
        return store
    }

    /// The cities of the database, for the sign-in form (one server, a province).
    func cities() throws -> [String] {
        guard let province else { return [] }
        return try PlanStore.cities(in: province)
    }
}

/// The web application over one store.
public enum WebServer {
    /// The application `serve` runs and the tests drive.
    public static func application(_ config: WebConfig, logger: Logger? = nil) async throws -> some ApplicationProtocol {
        let state = try await makeState(config)
        var log = logger ?? Logger(label: "xiangxing.web")
        if logger == nil { log.logLevel = .info }
        let router = makeRouter(state)
        return Application(
            router: router,
            configuration: .init(address: .hostname(config.host, port: config.port), serverName: "Xiangxing"),
            logger: log
        )
    }

    static func makeState(_ config: WebConfig) async throws -> WebState {
        let office = OfficeStore(path: config.database)
        guard office.isServer || FileManager.default.fileExists(atPath: config.database) else {
            throw OfficeError("没有数据库 \(config.database)：先运行 xiangxing import 场景文件夹 并 xiangxing plan，再用 xiangxing user add 建账号")
        }
        if case .postgres(let p) = try office.attempt({ try StoreLocation(config.database) }), p.city == nil {
            // A province: every city of the database, each opened when first signed in to.
            let cities = try office.attempt { try PlanStore.cities(in: p) }
            guard !cities.isEmpty else {
                throw OfficeError("数据库 \(office.name) 里还没有城市：先用 xiangxing import 场景文件夹 --db '…?city=城市名' 导入")
            }
            return WebState(config: config, store: nil, pages: try await PageLibrary.load())
        }
        let store = try office.open()
        return WebState(config: config, store: store, pages: try await PageLibrary.load())
    }

    /// Every route, behind the state, log, error-page and session middleware.
    public static func makeRouter(_ state: WebState) -> Router<WebContext> {
        let router = Router(context: WebContext.self)
        router.add(middleware: StateMiddleware(state: state))
        router.add(middleware: RequestLogMiddleware())
        router.add(middleware: SessionMiddleware())
        // Inside the session: error pages show the account's menu.
        router.add(middleware: ErrorPageMiddleware())
        SignInRoutes.add(to: router)
        OfficeRoutes.add(to: router)
        CountyRoutes.add(to: router)
        TrainerRoutes.add(to: router)
        return router
    }
}
