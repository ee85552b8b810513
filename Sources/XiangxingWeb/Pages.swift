import Foundation
import Hummingbird
import Mustache
import XiangxingCore
import XiangxingOffice

/// The templates (Templates/*.mustache, kept as resources) and the one CSS
/// file, loaded once when the server starts.
struct PageLibrary: Sendable {
    let library: MustacheLibrary
    let css: String

    static let empty = PageLibrary(library: MustacheLibrary(), css: "")

    static func load() async throws -> PageLibrary {
        guard let folder = Bundle.module.url(forResource: "Templates", withExtension: nil),
              let cssFile = Bundle.module.url(forResource: "Static/site", withExtension: "css")
                ?? Bundle.module.resourceURL?.appendingPathComponent("Static/site.css") else {
            throw OfficeError("网页模板缺失：安装不完整，请重新构建 xiangxing")
        }
        let library = try await MustacheLibrary(directory: folder.path)
        return PageLibrary(library: library, css: try String(contentsOf: cssFile, encoding: .utf8))
    }
}

/// A page: a template filled with data inside the layout.
public enum Pages {
    /// Renders `Templates/NAME.mustache` with `data` inside layout.mustache
    /// (title, navigation for the account's role, the CSRF field as
    /// `{{{csrfField}}}`, today as `{{today}}`).
    public static func render(_ name: String, title: String, _ data: Any = [String: Any](), _ ctx: WebContext,
                              status: HTTPResponse.Status = .ok) async throws -> Response {
        let html = try page(name, title: title, data, ctx)
        var response = Response(status: status, headers: [.contentType: "text/html; charset=utf-8"],
                                body: .init(byteBuffer: ByteBuffer(string: html)))
        response.headers[.cacheControl] = "no-store"
        return response
    }

    /// The page's HTML (also for tests and error pages).
    static func page(_ name: String, title: String, _ data: Any, _ ctx: WebContext) throws -> String {
        let common = common(ctx, title: title)
        guard let content = ctx.state.pages.library.render(Layered(data: data, common: common), withTemplate: name) else {
            throw OfficeError("网页模板“\(name)”缺失")
        }
        var layout = common
        layout["content"] = content
        guard let html = ctx.state.pages.library.render(layout, withTemplate: "layout") else {
            throw OfficeError("网页模板“layout”缺失")
        }
        return html
    }

    static func common(_ ctx: WebContext, title: String) -> [String: Any] {
        var d: [String: Any] = [
            "title": title,
            "csrf": ctx.csrf,
            "csrfField": ctx.csrfField,
            "today": ChineseDates.long(ctx.today),
            "todayISO": ctx.today.iso,
        ]
        if let a = ctx.account {
            d["account"] = ["username": a.username, "role": a.role.chinese]
            d["nav"] = navigation(a)
            d["hasNav"] = true
        }
        return d
    }

    /// The menu of each role.
    static func navigation(_ a: WebAccount) -> [[String: String]] {
        switch a.role {
        case .office:
            return [["href": "/office", "label": "全年概况"], ["href": "/office/changes", "label": "登记变动"],
                    ["href": "/office/replan", "label": "重新排课"], ["href": "/office/versions", "label": "版本"],
                    ["href": "/office/downloads", "label": "下载"], ["href": "/office/counties", "label": "各县区"],
                    ["href": "/office/trainers", "label": "讲师"]]
        case .county:
            let c = a.county ?? ""
            return [["href": "/county/\(c)", "label": "本县班次"], ["href": "/county/\(c)/enrolment", "label": "学员报名"],
                    ["href": "/county/\(c)/report", "label": "月度报表"]]
        case .trainer:
            let t = a.trainer ?? ""
            return [["href": "/trainer/\(t)", "label": "我的行程"], ["href": "/trainer/\(t)/itinerary.pdf", "label": "行程单 PDF"],
                    ["href": "/trainer/\(t)/calendar", "label": "手机日历订阅"]]
        }
    }
}

/// A page's own data first, then the layout's common keys (`csrfField`, `today` …).
private struct Layered: MustacheParent {
    let data: Any
    let common: [String: Any]
    func child(named name: String) -> Any? {
        if let d = data as? [String: Any] { if let v = d[name] { return v } }
        else if let v = Mirror(reflecting: data).children.first(where: { $0.label == name })?.value { return v }
        return common[name]
    }
}

/// Dates as Chinese readers read them on a page.
public enum ChineseDates {
    static let weekdays = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"]

    /// 2019年9月10日（星期二）
    public static func long(_ d: Day) -> String { "\(d.year)年\(d.month)月\(d.dayOfMonth)日（\(weekday(d))）" }
    /// 9月10日
    public static func short(_ d: Day) -> String { "\(d.month)月\(d.dayOfMonth)日" }
    /// 星期二
    public static func weekday(_ d: Day) -> String { weekdays[d.weekday.rawValue - 1] }
    /// 2019年9月10日（星期二）至9月12日（星期四）, or the one day.
    public static func range(_ days: [Day]) -> String {
        guard let first = days.min(), let last = days.max() else { return "" }
        if first == last { return long(first) }
        let end = first.year == last.year ? "\(last.month)月\(last.dayOfMonth)日（\(weekday(last))）" : long(last)
        return "\(long(first))至\(end)"
    }
}
