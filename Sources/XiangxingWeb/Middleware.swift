import Foundation
import Hummingbird
import Logging
import MultipartKit
import XiangxingOffice
import XiangxingStore

/// Hands every request the server's state.
struct StateMiddleware: RouterMiddleware {
    typealias Context = WebContext
    let state: WebState
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.state = state
        return try await next(request, context)
    }
}

/// One structured line per request: method, the route's pattern (never the
/// raw path, which may hold a calendar token), status, milliseconds, role.
/// No query strings, no form fields, no names: nothing personal.
struct RequestLogMiddleware: RouterMiddleware {
    typealias Context = WebContext
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        func log(_ status: Int, _ context: WebContext) {
            let ms = (ContinuousClock.now - start) / .milliseconds(1)
            context.logger.info("request", metadata: [
                "method": .string(request.method.rawValue),
                "route": .string(context.endpointPath ?? "(unmatched)"),
                "status": .stringConvertible(status),
                "ms": .string(String(format: "%.1f", ms)),
            ])
        }
        do {
            let response = try await next(request, context)
            log(response.status.code, context)
            return response
        } catch let e as HTTPResponseError {
            log(e.status.code, context)
            throw e
        } catch {
            log(500, context)
            throw error
        }
    }
}

/// Turns what handlers throw into pages: 404 for anything not there or not
/// the account's, 409 for a change someone made meanwhile, 422 with the
/// located problems for bad input, 403 for a form without its token.
struct ErrorPageMiddleware: RouterMiddleware {
    typealias Context = WebContext
    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        context.back = Self.back(request)
        do {
            return try await next(request, context)
        } catch let e as WebError {
            switch e {
            case .notFound: return try await ErrorPages.notFound(context)
            case .conflict(let message):
                return try await ErrorPages.page(.conflict, title: "已被他人修改", lines: [message], context)
            case .badRequest(let message):
                return try await ErrorPages.page(.badRequest, title: "填写有误", lines: [message], context)
            case .forbidden:
                return try await ErrorPages.page(.forbidden, title: "页面已过期", lines: ["这个表单已过期或不是从本系统打开的：请返回、刷新页面后重新提交。"], context)
            }
        } catch let e as OfficeError {
            return try await ErrorPages.page(.unprocessableContent, title: "未能完成", lines: e.messages(.zh), context)
        } catch let e as HTTPError where e.status == .notFound {
            return try await ErrorPages.notFound(context)
        }
    }
}

extension ErrorPageMiddleware {
    /// The page the refused form was on (this site's path from Referer), to go back and correct it.
    static func back(_ request: Request) -> String? {
        guard request.method != .get, let referer = request.headers[.referer],
              let url = URL(string: referer), url.host == nil || url.host == request.head.authority?.split(separator: ":").first.map(String.init)
        else { return nil }
        let path = url.path.isEmpty ? "/" : url.path
        guard path.hasPrefix("/"), !path.hasPrefix("//") else { return nil }
        return path + (url.query.map { "?" + $0 } ?? "")
    }
}

enum ErrorPages {
    static func notFound(_ ctx: WebContext) async throws -> Response {
        try await page(.notFound, title: "找不到页面", lines: ["没有这个页面，或您的账号无权查看。请从菜单重新进入。"], ctx)
    }

    static func page(_ status: HTTPResponse.Status, title: String, lines: [String], _ ctx: WebContext) async throws -> Response {
        var data: [String: Any] = ["heading": title, "lines": lines, "status": status.code]
        if let back = ctx.back { data["back"] = back }
        return try await Pages.render("error", title: title, data, ctx, status: status)
    }
}

/// Signs requests in from the session cookie, sends the signed-out to
/// /login, reads the body of every request that changes something and
/// refuses it without this session's CSRF token.
struct SessionMiddleware: RouterMiddleware {
    typealias Context = WebContext
    static let cookie = "xx_session"
    static let loginCookie = "xx_login"

    /// Paths that need no account: sign-in, the stylesheet, and calendar
    /// feeds (a phone calendar cannot sign in: its secret URL is its key).
    static func isPublic(_ path: String) -> Bool {
        path == "/login" || path.hasPrefix("/static/") || path.hasPrefix("/calendar/") || path == "/healthz" || path == "/favicon.ico"
    }

    func handle(_ request: Request, context: WebContext, next: (Request, WebContext) async throws -> Response) async throws -> Response {
        var context = context
        var request = request
        var session: SessionBook.Session?
        if let token = request.cookies[Self.cookie]?.value, let s = await context.state.sessions.session(token),
           let stored = try context.state.store(city: s.city).account(named: s.username) {
            session = s
            context.city = s.city
            context.account = WebAccount(stored)
            context.csrf = s.csrf
        }
        let path = request.uri.path
        if context.account == nil, !Self.isPublic(path) {
            let next = request.method == .get ? path + (request.uri.query.map { "?" + $0 } ?? "") : "/"
            return .redirect(to: "/login?next=" + (next.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"), type: .normal)
        }
        if request.method != .get, request.method != .head {
            let body = try await request.collectBody(upTo: context.maxUploadSize)
            let parsed: FormBody
            do { parsed = try FormBody.parse(body, contentType: request.headers[.contentType]) } catch {
                return try await ErrorPages.page(.badRequest, title: "填写有误", lines: ["提交的内容无法读取：请返回后重新提交。"], context)
            }
            context.form = parsed.fields
            context.formLists = parsed.lists
            context.files = parsed.files
            let sent = parsed.fields["csrf"] ?? request.headers[.init("X-CSRF-Token")!] ?? ""
            let expected: String?
            if let session { expected = session.csrf } else if path == "/login" {
                expected = request.cookies[Self.loginCookie]?.value
            } else { expected = nil }
            if let expected, !expected.isEmpty, Tokens.equal(sent, expected) {} else if !(path.hasPrefix("/calendar/")) {
                return try await ErrorPages.page(.forbidden, title: "页面已过期", lines: ["这个表单已过期或不是从本系统打开的：请返回、刷新页面后重新提交。"], context)
            }
        }
        var response = try await next(request, context)
        response.headers[.init("X-Frame-Options")!] = "DENY"
        response.headers[.init("X-Content-Type-Options")!] = "nosniff"
        response.headers[.init("Referrer-Policy")!] = "same-origin"
        return response
    }
}
