import Foundation
import Hummingbird
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// /login, /logout, /, /account, the stylesheet and the directory of
/// counties and trainers the office opens.
enum SignInRoutes {
    static func add(to router: Router<WebContext>) {
        router.get("/login") { request, ctx in try await loginPage(request, ctx) }
        router.post("/login") { request, ctx in try await login(request, ctx) }
        router.post("/logout") { request, ctx in
            if let token = request.cookies[SessionMiddleware.cookie]?.value { await ctx.state.sessions.close(token) }
            var r = Response.redirect(to: "/login", type: .normal)
            r.setCookie(sessionCookie("", ctx, maxAge: 0))
            return r
        }
        router.get("/") { _, ctx in
            guard let a = ctx.account else { return Response.redirect(to: "/login", type: .normal) }
            return Response.redirect(to: home(a), type: .normal)
        }
        router.get("/healthz") { _, _ in "ok" }
        router.get("/static/site.css") { _, ctx in
            Response(status: .ok, headers: [.contentType: "text/css; charset=utf-8", .cacheControl: "max-age=3600"],
                     body: .init(byteBuffer: ByteBuffer(string: ctx.state.pages.css)))
        }
        router.get("/account") { _, ctx in
            try await Pages.render("account", title: "我的账号", ["message": ""], ctx)
        }
        router.post("/account/password") { _, ctx in try await changePassword(ctx) }
        router.get("/office/counties") { _, ctx in
            try ctx.requireOffice()
            let index = try await Blocking.run { [office = ctx.office] in try office.scenario(try office.open()).0 }
            let rows = index.scenario.counties.map { ["code": $0.code, "name": $0.name] }
            return try await Pages.render("office-counties", title: "各县区", ["counties": rows], ctx)
        }
        router.get("/office/trainers") { _, ctx in
            try ctx.requireOffice()
            let index = try await Blocking.run { [office = ctx.office] in try office.scenario(try office.open()).0 }
            let rows = index.scenario.trainers.map { ["id": $0.id, "name": $0.name, "county": index.counties[$0.homeCounty]?.name ?? $0.homeCounty] }
            return try await Pages.render("office-trainers", title: "讲师", ["trainers": rows], ctx)
        }
    }

    static func home(_ a: WebAccount) -> String {
        switch a.role {
        case .office: "/office"
        case .county: "/county/\(a.county ?? "")"
        case .trainer: "/trainer/\(a.trainer ?? "")"
        }
    }

    static func sessionCookie(_ value: String, _ ctx: WebContext, maxAge: Int? = nil) -> Cookie {
        Cookie(name: SessionMiddleware.cookie, value: value, maxAge: maxAge, path: "/", secure: ctx.state.config.secureCookies,
               httpOnly: true, sameSite: .lax)
    }

    static func loginPage(_ request: Request, _ ctx: WebContext, message: String = "", username: String = "",
                          city: String? = nil, status: HTTPResponse.Status = .ok) async throws -> Response {
        if let a = ctx.account, message.isEmpty { return .redirect(to: home(a), type: .normal) }
        // One login token per browser: a second tab (or the favicon's request) must not void the first form's.
        let token = request.cookies[SessionMiddleware.loginCookie]?.value.count == 43
            ? request.cookies[SessionMiddleware.loginCookie]!.value : Tokens.random()
        var ctx = ctx
        ctx.csrf = token
        let next = safeNext(request.uri.queryParameters.get("next") ?? ctx.form["next"] ?? "")
        var data: [String: Any] = ["message": message, "username": username, "next": next]
        if ctx.state.servesManyCities {
            // A province's server: which city's programme (each city's accounts are its own).
            let state = ctx.state
            let cities = try await Blocking.run { try state.cities().map { c in (c, (try? state.store(city: c).currentScenarioName()) ?? nil) } }
            data["hasCities"] = true
            data["cities"] = cities.map { c, name in
                ["value": c, "label": name.map { "\(c) — \($0)" } ?? c, "selected": c == city] as [String: Any]
            }
        }
        var r = try await Pages.render("login", title: "登录", data, ctx, status: status)
        r.setCookie(Cookie(name: SessionMiddleware.loginCookie, value: token, path: "/login", secure: ctx.state.config.secureCookies,
                           httpOnly: true, sameSite: .strict))
        return r
    }

    /// Only a path of this site (no `//host`, no scheme).
    static func safeNext(_ next: String) -> String {
        guard next.hasPrefix("/"), !next.hasPrefix("//"), !next.contains("\\"), !next.hasPrefix("/login") else { return "" }
        return next
    }

    static func login(_ request: Request, _ ctx: WebContext) async throws -> Response {
        let username = (ctx.form["username"] ?? "").trimmingCharacters(in: .whitespaces)
        let password = ctx.form["password"] ?? ""
        // On a province's server the city chosen; a city it does not serve is a refusal like a wrong password.
        let city = ctx.state.servesManyCities ? (ctx.form["city"] ?? "") : nil
        let state = ctx.state
        let outcome = try await Blocking.run { () -> Accounts.SignIn in
            guard let store = try? state.store(city: city) else { return .refused }
            return try Accounts.signIn(username, password: password, store: store)
        }
        switch outcome {
        case .refused:
            ctx.logger.notice("sign-in refused")
            return try await loginPage(request, ctx, message: "账号或密码不对。连续输错 \(Accounts.lockAfter) 次，账号将锁定 \(Int(Accounts.lockFor / 60)) 分钟。",
                                       username: username, city: city, status: .unauthorized)
        case .locked(let until):
            ctx.logger.notice("sign-in to a locked account")
            let minutes = max(1, Int((until.timeIntervalSinceNow / 60).rounded(.up)))
            return try await loginPage(request, ctx, message: "输错次数过多，账号已锁定，请 \(minutes) 分钟后再试，或请办公室重设密码。",
                                       username: username, city: city, status: .tooManyRequests)
        case .signedIn(let account):
            let (token, _) = await ctx.state.sessions.open(for: account.username, city: city)
            let next = safeNext(ctx.form["next"] ?? "")
            var r = Response.redirect(to: next.isEmpty ? home(WebAccount(account)) : next, type: .normal)
            r.setCookie(sessionCookie(token, ctx))
            r.setCookie(Cookie(name: SessionMiddleware.loginCookie, value: "", maxAge: 0, path: "/login", httpOnly: true, sameSite: .strict))
            return r
        }
    }

    static func changePassword(_ ctx: WebContext) async throws -> Response {
        guard let account = ctx.account, let store = try? ctx.store() else { throw WebError.notFound }
        let old = ctx.form["old"] ?? "", new = ctx.form["new"] ?? "", again = ctx.form["again"] ?? ""
        guard new == again else {
            return try await Pages.render("account", title: "我的账号", ["message": "两次输入的新密码不一致。"], ctx, status: .unprocessableContent)
        }
        let office = ctx.office
        let outcome = try await Blocking.run { try Accounts.signIn(account.username, password: old, store: store) }
        guard case .signedIn = outcome else {
            return try await Pages.render("account", title: "我的账号", ["message": "原密码不对。"], ctx, status: .unprocessableContent)
        }
        try await Blocking.run { try Accounts.changePassword(account.username, to: new, in: office) }
        await ctx.state.sessions.closeAll(of: account.username, city: ctx.city)
        var r = Response.redirect(to: "/login", type: .normal)
        r.setCookie(sessionCookie("", ctx, maxAge: 0))
        return r
    }
}
