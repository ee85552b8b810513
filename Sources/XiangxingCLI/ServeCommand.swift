import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingOffice
import XiangxingStore
import XiangxingWeb

/// `xiangxing serve`: the web application over the store.
struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: L("启动网页服务：办公室、讲师和县区在浏览器里工作。", "Start the web application: the office, trainers and counties work in a browser."),
        discussion: L("""
            在数据库上提供中文网页：办公室看全年概况、登记变动、重新排课并发布；讲师看自己的行程、下载行程单、订阅手机日历；县区报名学员、打印签到表、登记到课、报送月报。
            先用 xiangxing import 和 xiangxing plan 建好数据库，用 xiangxing user add 开设账号。按 Ctrl-C（或发送 SIGTERM）停止：正在处理的请求处理完再退出。
            示例：xiangxing serve --db nanyang.sqlite --port 8080 --today 2019-09-01
            """, """
            Serves Chinese pages over the store: the office follows the year, records changes, re-plans and publishes; trainers see their itinerary and subscribe their phone calendar; counties enrol people, print sign-in sheets, record attendance and send the monthly report.
            Build the store with xiangxing import and xiangxing plan first, and open accounts with xiangxing user add. Ctrl-C (or SIGTERM) stops it once the requests in progress are answered.
            Example: xiangxing serve --db nanyang.sqlite --port 8080 --today 2019-09-01
            """)
    )

    @Option(name: .customLong("db"), help: L("数据库：SQLite 文件，或 postgres://用户@主机:端口/库名?city=城市（默认：环境变量 XIANGXING_DB，再无则 xiangxing.sqlite）。", "The store: a SQLite file, or postgres://USER@HOST:PORT/DB?city=NAME (default: $XIANGXING_DB, else xiangxing.sqlite)."))
    var dbOption: String?
    /// The store named by --db, else $XIANGXING_DB, else xiangxing.sqlite (never shown in help: it may hold a password).
    var db: String {
        get { dbOption ?? PlanStore.defaultLocation }
        set { dbOption = newValue }
    }

    @Option(help: L("监听的地址（默认只在本机：127.0.0.1；局域网用 0.0.0.0）。", "Address to listen on (default: this machine only; 0.0.0.0 for the office network)."))
    var host: String = "127.0.0.1"

    @Option(help: L("端口。", "Port."))
    var port: Int = 8080

    @Option(help: L("网页上的“今天”（YYYY-MM-DD，演示 2019 年的计划时用）；默认为北京时间的今天。", "The day pages count from (YYYY-MM-DD, for the 2019 demo); default: today in China."))
    var today: String?

    @Flag(help: L("会话 Cookie 只走 HTTPS（在 HTTPS 反向代理之后运行时使用）。", "Session cookies over HTTPS only (behind an HTTPS proxy)."))
    var secureCookies = false

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    func run() throws {
        var day: Day?
        if let today {
            guard let d = Day(iso: today) else {
                Terminal.error(lang == .zh ? "--today：“\(today)”不是日期 — 写成 2019-09-01" : "--today: \"\(today)\" is not a date — write 2019-09-01")
                throw ExitCode(64)
            }
            day = d
        }
        guard (1...65535).contains(port) else {
            Terminal.error(lang == .zh ? "--port：\(port) 不是端口号（1–65535）" : "--port: \(port) is not a port (1–65535)")
            throw ExitCode(64)
        }
        let config = WebConfig(database: db, host: host, port: port, today: day, secureCookies: secureCookies)
        let lang = lang
        let outcome = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do {
                let app = try await WebServer.application(config)
                Terminal.error(lang == .zh ? "乡行网页服务：http://\(config.host):\(config.port)/ （Ctrl-C 停止）" : "Xiangxing web: http://\(config.host):\(config.port)/ (Ctrl-C stops)")
                try await app.runService()
            } catch let e as OfficeError {
                outcome.set(e)
            } catch {
                outcome.set(OfficeError(lang == .zh ? "网页服务停止：\(error)" : "the web server stopped: \(error)"))
            }
            done.signal()
        }
        done.wait()
        if let e = outcome.error {
            for line in e.messages(lang) { Terminal.error(line) }
            throw ExitCode(e.exitCode)
        }
    }
}

/// The server task's error, handed back to the waiting command.
private final class Outcome: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: OfficeError?
    func set(_ e: OfficeError) { lock.withLock { stored = e } }
    var error: OfficeError? { lock.withLock { stored } }
}
