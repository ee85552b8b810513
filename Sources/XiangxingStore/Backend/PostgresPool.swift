import XiangxingCore
import Foundation
import Logging
import NIOCore
import NIOPosix
import PostgresNIO

/// The connections of this process to one database of one server (as one
/// user), shared by every `PostgresBackend` of it, whatever its city: the
/// web opens a `PlanStore` for every request, and each borrows an open
/// connection here rather than making one.
///
/// A connection is lent for one transaction and comes back when it ends;
/// at most `maxOpen` are open at once (a borrower waits for one to come
/// back, up to `waitLimit`), at most `maxIdle` are kept open while unused.
/// A connection the server closed (restarted, or an administrator ended
/// it) is noticed and replaced by a new one.
final class PostgresPool: @unchecked Sendable {
    /// The server and database, without a city.
    let server: PostgresLocation
    let displayName: String

    static let maxOpen = 32
    static let maxIdle = 16
    static let waitLimit: TimeInterval = 60

    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    private var open = 0
    private var nextID = 1
    /// Cities migrated by this process, by the list of migrations applied.
    private var migrated: [String: [String]] = [:]

    private static let registry = NSLock()
    nonisolated(unsafe) private static var pools: [PostgresLocation: PostgresPool] = [:]

    /// postgres-nio logs nothing of ours: statements may carry personal data.
    static let logger = Logger(label: "xiangxing.store.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private init(server: PostgresLocation) {
        self.server = server
        displayName = server.displayName
    }

    /// The pool of `location`'s server and database (its city aside).
    static func shared(_ location: PostgresLocation) -> PostgresPool {
        let key = location.withCity(nil)
        registry.lock()
        defer { registry.unlock() }
        if let p = pools[key] { return p }
        let p = PostgresPool(server: key)
        pools[key] = p
        return p
    }

    // MARK: lending

    /// An open connection, and whether it was made just now (a reused one
    /// may have been closed by the server since it was last used).
    func borrow() throws -> (connection: PostgresConnection, fresh: Bool) {
        let deadline = Date().addingTimeInterval(Self.waitLimit)
        condition.lock()
        while true {
            while let c = idle.popLast() {
                if !c.isClosed { condition.unlock(); return (c, false) }
                open -= 1
            }
            if open < Self.maxOpen {
                open += 1
                condition.unlock()
                do {
                    return (try connect(), true)
                } catch {
                    condition.lock(); open -= 1; condition.signal(); condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw StoreError.database(store: displayName, Bilingual(
                    zh: "本进程已有 \(Self.maxOpen) 个连接在用，\(Int(Self.waitLimit)) 秒内都没有空出来 — 稍后再试；若一直如此，请报告这个问题",
                    en: "all \(Self.maxOpen) connections of this process stayed busy for \(Int(Self.waitLimit)) seconds — try again later; if it persists, report it"))
            }
        }
    }

    /// Gives a borrowed connection back; one that failed (`reusable` false)
    /// or is closed is closed for good.
    func giveBack(_ connection: PostgresConnection, reusable: Bool) {
        condition.lock()
        if reusable && !connection.isClosed && idle.count < Self.maxIdle {
            idle.append(connection)
            condition.signal()
            condition.unlock()
            return
        }
        open -= 1
        condition.signal()
        condition.unlock()
        connection.close().whenComplete { _ in }
    }

    /// A new connection, not counted in the pool's (the planning lock's own).
    func connect() throws -> PostgresConnection {
        var configuration = PostgresConnection.Configuration(
            host: server.host, port: server.port, username: server.user,
            password: server.password ?? ProcessInfo.processInfo.environment["PGPASSWORD"],
            database: server.database, tls: .disable)
        configuration.options.additionalStartupParameters = [("application_name", "xiangxing")]
        let id: Int = condition.withLock { defer { nextID += 1 }; return nextID }
        do {
            return try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                  id: id, logger: Self.logger).wait()
        } catch {
            throw PostgresFailure.storeError(error, store: displayName, server: server, sql: nil)
        }
    }

    // MARK: migrations done

    func migratedList(city: String) -> [String]? { condition.withLock { migrated[city] } }
    func setMigrated(city: String, _ ids: [String]?) { condition.withLock { migrated[city] = ids } }
}

/// How a failure of postgres-nio reaches the user: a `StoreError.database`
/// that says what happened and what to do, without the password or any
/// bound value (the server's DETAIL, which may quote one, is left out).
enum PostgresFailure {
    /// The connection cannot be used again (the server closed it, or it broke).
    static func isConnectionLost(_ error: any Error) -> Bool {
        guard let e = error as? PSQLError else { return false }
        switch e.code {
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .connectionError,
             .messageDecodingFailure, .unexpectedBackendMessage:
            return true
        case .server:
            // admin_shutdown, crash_shutdown, cannot_connect_now: FATAL, the connection goes.
            let state = e.serverInfo?[.sqlState] ?? ""
            return state.hasPrefix("57P") || state.hasPrefix("08")
        default:
            return false
        }
    }

    static func sqlState(_ error: any Error) -> String? { (error as? PSQLError)?.serverInfo?[.sqlState] }

    static func storeError(_ error: any Error, store: String, server: PostgresLocation, sql: String?) -> any Error {
        if error is StoreError { return error }
        guard let e = error as? PSQLError else {
            return StoreError.database(store: store, Bilingual(zh: "PostgreSQL 出错：\(type(of: error))", en: "PostgreSQL failed: \(type(of: error))"))
        }
        let hostPort = "\(server.host):\(server.port)"
        let statement = sql.map { Bilingual(zh: "；语句：\($0)", en: "; the statement: \($0)") } ?? Bilingual(zh: "", en: "")
        func say(_ zh: String, _ en: String) -> StoreError { .database(store: store, Bilingual(zh: zh, en: en)) }
        switch e.code {
        case .connectionError:
            let why = reason(e.underlying)
            return say("连不上 \(hostPort) 上的 PostgreSQL（\(why.zh)）— 启动 PostgreSQL（如 sudo systemctl start postgresql），或改正 --db 中的主机和端口",
                       "cannot reach PostgreSQL at \(hostPort) (\(why.en)) — start PostgreSQL (e.g. sudo systemctl start postgresql) or correct the host and port in --db")
        case .serverClosedConnection, .clientClosedConnection, .uncleanShutdown:
            return say("PostgreSQL 服务器断开了连接（被停止或重启）\(statement.zh) — 确认服务器在运行后再试一次",
                       "the PostgreSQL server closed the connection (it was stopped or restarted)\(statement.en) — check that it runs and try again")
        case .authMechanismRequiresPassword:
            return say("服务器要求用户 \(server.user) 提供密码 — 把密码放进环境变量 PGPASSWORD（或 --db 地址 USER:PASSWORD@）",
                       "the server asks for user \(server.user)'s password — put it in the PGPASSWORD environment variable (or the URL, USER:PASSWORD@)")
        case .unsupportedAuthMechanism:
            return say("服务器要求的登录方式本程序不支持 — 在 pg_hba.conf 中为此用户改用 scram-sha-256 或 md5",
                       "the server asks for a login method this program does not support — use scram-sha-256 or md5 for this user in pg_hba.conf")
        case .sslUnsupported, .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest:
            return say("服务器要求加密连接（SSL），本程序连接时不加密 — 在本机或内网使用，或在 pg_hba.conf 中允许 host 连接",
                       "the server requires an encrypted (SSL) connection, which this program does not make — use it on this machine or a trusted network, or allow host connections in pg_hba.conf")
        case .tooManyParameters:
            return say("一条语句的参数超过 65535 个\(statement.zh) — 这是本程序的缺陷，请报告",
                       "a statement has more than 65535 parameters\(statement.en) — a defect of this program; please report it")
        case .server:
            break
        default:
            return say("PostgreSQL 出错（\(e.code)）\(statement.zh)", "PostgreSQL failed (\(e.code))\(statement.en)")
        }
        let state = e.serverInfo?[.sqlState] ?? "?"
        let message = e.serverInfo?[.message] ?? ""
        switch state {
        case "28P01", "28000":
            return say("服务器拒绝了用户 \(server.user) 的登录（\(message)）— 核对用户名和密码（--db 地址或 PGPASSWORD），或服务器的 pg_hba.conf",
                       "the server refused user \(server.user) (\(message)) — check the user and password (in the URL or PGPASSWORD), or the server's pg_hba.conf")
        case "3D000":
            return say("数据库 \(server.database) 不存在 — 先创建：createdb -h \(server.host) -p \(server.port) -U \(server.user) \(server.database)",
                       "the database \(server.database) does not exist — create it: createdb -h \(server.host) -p \(server.port) -U \(server.user) \(server.database)")
        case "53300":
            return say("服务器的连接数已满（max_connections）— 稍后再试，或调高服务器的 max_connections",
                       "the server has no connection left (max_connections) — try again later, or raise the server's max_connections")
        case "57P01", "57P02":
            return say("PostgreSQL 服务器正在关闭或已被中止\(statement.zh) — 待它重新启动后再试",
                       "the PostgreSQL server is shutting down or was stopped\(statement.en) — try again once it is running")
        case "57P03":
            return say("PostgreSQL 服务器正在启动或恢复，暂不接受连接 — 稍后再试",
                       "the PostgreSQL server is starting or recovering and takes no connection yet — try again shortly")
        case "42501":
            return say("用户 \(server.user) 没有权限（\(message)）\(statement.zh) — 让管理员授权，如 GRANT CREATE ON DATABASE \(server.database) TO \(server.user)",
                       "user \(server.user) lacks a privilege (\(message))\(statement.en) — ask the administrator to grant it, e.g. GRANT CREATE ON DATABASE \(server.database) TO \(server.user)")
        case "25P02":
            return say("本事务中较早的一条语句已失败（PostgreSQL 要求整个事务结束）\(statement.zh) — 这是本程序的缺陷，请报告",
                       "an earlier statement of this transaction failed (PostgreSQL then refuses the rest of it)\(statement.en) — a defect of this program; please report it")
        default:
            break
        }
        if state.hasPrefix("22") {
            // Data exceptions may quote the value that did not fit: not shown.
            return say("有一个值不符合列的类型或范围（SQLSTATE \(state)）\(statement.zh)",
                       "a value does not fit its column's type or range (SQLSTATE \(state))\(statement.en)")
        }
        return say("PostgreSQL 拒绝了语句（SQLSTATE \(state)：\(message)）\(statement.zh)",
                   "PostgreSQL refused a statement (SQLSTATE \(state): \(message))\(statement.en)")
    }

    /// Why a connection could not be made, in a few words.
    private static func reason(_ underlying: (any Error)?) -> Bilingual {
        guard let underlying else { return Bilingual(zh: "原因不明", en: "no reason given") }
        if let c = underlying as? ChannelError, case .connectTimeout = c {
            return Bilingual(zh: "连接超时", en: "timed out")
        }
        var errors: [any Error] = [underlying]
        if let n = underlying as? NIOConnectionError {
            errors = n.connectionErrors.map(\.error)
            if errors.isEmpty && (n.dnsAError != nil || n.dnsAAAAError != nil) {
                return Bilingual(zh: "找不到主机名", en: "the host name is unknown")
            }
        }
        for e in errors {
            if let io = e as? IOError {
                switch io.errnoCode {
                case ECONNREFUSED: return Bilingual(zh: "连接被拒绝，该端口上没有服务", en: "connection refused: nothing listens on that port")
                case EHOSTUNREACH, ENETUNREACH: return Bilingual(zh: "主机不可达", en: "the host is unreachable")
                case ETIMEDOUT: return Bilingual(zh: "连接超时", en: "timed out")
                default: break
                }
            }
        }
        if underlying is NIOConnectionError { return Bilingual(zh: "找不到主机名或连接被拒绝", en: "the host name is unknown or the connection was refused") }
        return Bilingual(zh: "\(type(of: underlying))", en: "\(type(of: underlying))")
    }
}
