import Foundation
import Hummingbird
import Logging
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// How `xiangxing serve` was started.
public struct WebConfig: Sendable {
    /// The store's file.
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

/// What every request shares: the configuration, the store (accounts are
/// read through it on every request), the sessions and the templates.
public final class WebState: Sendable {
    public let config: WebConfig
    /// Opened once for the server's life; Office calls open their own.
    let store: PlanStore?
    let sessions: SessionBook
    let pages: PageLibrary

    init(config: WebConfig, store: PlanStore?, pages: PageLibrary) {
        self.config = config; self.store = store; self.pages = pages
        sessions = SessionBook()
    }

    /// A placeholder before the first middleware runs (never serves a page).
    static let detached = WebState(config: WebConfig(database: "/nonexistent"), store: nil, pages: PageLibrary.empty)
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
        guard FileManager.default.fileExists(atPath: config.database) else {
            throw OfficeError("没有数据库 \(config.database)：先运行 xiangxing import 场景文件夹 并 xiangxing plan，再用 xiangxing user add 建账号")
        }
        let store = try OfficeStore(path: config.database).open()
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
