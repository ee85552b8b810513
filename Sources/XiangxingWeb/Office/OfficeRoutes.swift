import Foundation
import Hummingbird
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// The office's pages (就业促进办公室): the year at a glance, recording a
/// change, re-planning with its cost before publishing, versions and their
/// diff, `explain` for a session, and the downloads. Each handler checks the
/// account, makes one Office call off the event loop and renders.
public enum OfficeRoutes {
    public static func add(to router: Router<WebContext>) {
        router.get("/office") { _, ctx in try await overview(ctx) }

        router.get("/office/changes") { _, ctx in
            try ctx.requireOffice()
            return try await changesPage(ctx, done: nil, failed: nil)
        }
        router.post("/office/changes/:what") { _, ctx in
            try ctx.requireOffice()
            return try await recordChange(try ctx.parameter("what"), ctx)
        }

        router.get("/office/replan") { _, ctx in try await replanPage(ctx) }
        router.post("/office/replan/start") { _, ctx in try await ReplanDesk.start(ctx) }
        router.post("/office/replan/publish") { _, ctx in try await ReplanDesk.publish(ctx) }
        router.post("/office/replan/discard") { _, ctx in try await ReplanDesk.discard(ctx) }

        router.get("/office/versions") { _, ctx in try await versionsPage(ctx) }
        router.get("/office/versions/diff") { request, ctx in
            // The form on the versions page: ?a=1&b=2 → the diff's own URL.
            try ctx.requireOffice()
            let q = request.uri.queryParameters
            guard let a = q["a"].flatMap({ Int(String($0)) }), let b = q["b"].flatMap({ Int(String($0)) }) else {
                throw WebError.badRequest("请选择要比较的两个版本")
            }
            return Response.redirect(to: "/office/versions/\(a)/diff/\(b)", type: .normal)
        }
        router.get("/office/versions/:a/diff/:b") { _, ctx in
            try ctx.requireOffice()
            guard let a = Int(try ctx.parameter("a")), let b = Int(try ctx.parameter("b")) else { throw WebError.notFound }
            return try await diffPage(a, b, ctx)
        }
        router.get("/office/sessions/:id") { request, ctx in
            try ctx.requireOffice()
            let version = request.uri.queryParameters["version"].flatMap { Int(String($0)) }
            return try await explainPage(try ctx.parameter("id"), version: version, ctx)
        }
        router.get("/office/sessions") { request, ctx in
            try ctx.requireOffice()
            let id = request.uri.queryParameters["id"].map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            guard !id.isEmpty, let escaped = id.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) else {
                throw WebError.badRequest("请填写场次编号（如 D001-2）")
            }
            return Response.redirect(to: "/office/sessions/\(escaped)", type: .normal)
        }

        router.get("/office/downloads") { _, ctx in try await downloadsPage(ctx) }
        router.get("/office/downloads/:what") { request, ctx in
            try ctx.requireOffice()
            return try await download(try ctx.parameter("what"), request.uri.queryParameters, ctx)
        }
    }

    /// Every office page: the data gets its `has_` flags first.
    static func render(_ name: String, title: String, _ data: [String: Any], _ ctx: WebContext,
                       status: HTTPResponse.Status = .ok) async throws -> Response {
        try await Pages.render(name, title: title, OfficePageData.flagged(data), ctx, status: status)
    }

    // MARK: the year at a glance

    static func overview(_ ctx: WebContext) async throws -> Response {
        try ctx.requireOffice()
        let office = ctx.office, today = ctx.today
        let o = try await Blocking.run { try YearOverview.read(office, today: today) }
        return try await render("office-overview", title: "全年概况", OfficePageData.overview(o), ctx)
    }

    // MARK: changes

    /// The four forms and the change log; `failed` shows a form's problems under it, with what was typed.
    static func changesPage(_ ctx: WebContext, done: String?, failed: (form: String, lines: [String])?,
                            status: HTTPResponse.Status = .ok) async throws -> Response {
        let office = ctx.office
        let (scenario, log, latest) = try await Blocking.run { () -> (Scenario, [StoreEvent], StoredVersion?) in
            let db = try office.openExisting()
            let (index, _) = try office.scenario(db)
            return (index.scenario, try Changes.log(office), try office.attempt { try db.latestVersion() })
        }
        var data = OfficePageData.changes(scenario, log: log, version: latest?.info, sessions: latest?.plan.sessions ?? [],
                                          typed: ctx.form, failed: failed?.form)
        if let done { data["done"] = done }
        if let failed {
            let key = failed.form.replacingOccurrences(of: "-", with: "_")
            data["errors_" + key] = failed.lines
        }
        return try await render("office-changes", title: "登记变动", data, ctx, status: status)
    }

    static func recordChange(_ what: String, _ ctx: WebContext) async throws -> Response {
        let office = ctx.office, form = ctx.form
        func field(_ name: String) -> String { (form[name] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        func required(_ name: String, _ label: String) throws -> String {
            let v = field(name)
            guard !v.isEmpty else { throw OfficeError("请填写“\(label)”") }
            return v
        }
        func date(_ name: String, _ label: String) throws -> Day {
            let v = try required(name, label)
            guard let d = Day(iso: v) else { throw OfficeError("\(label)：“\(v)”不是日期，请写成 2019-09-10 这样的格式") }
            return d
        }
        do {
            let event: StoreEvent
            switch what {
            case "unavailable":
                let trainer = try required("trainer", "讲师"), from = try date("from", "起始日期"), to = try date("to", "截止日期")
                let reason = field("reason")
                event = try await Blocking.run {
                    try Changes.trainerUnavailable(office, trainer: trainer, from: from, through: to, reason: reason, notice: { _ in })
                }
            case "close-venue":
                let venue = try required("venue", "场地"), from = try date("from", "起始日期"), to = try date("to", "截止日期")
                let reason = field("reason")
                event = try await Blocking.run {
                    try Changes.closeVenue(office, venue: venue, from: from, through: to, reason: reason, notice: { _ in })
                }
            case "add-demand":
                let id = try required("id", "需求编号"), county = try required("county", "县区"), kind = try required("kind", "课程类别")
                let text = try required("classes", "期数")
                guard let classes = Int(text), classes > 0 else { throw OfficeError("期数：“\(text)”应为正整数") }
                let earliest = try date("earliest", "最早开班日期"), latest = try date("latest", "最晚结课日期")
                event = try await Blocking.run {
                    try Changes.addDemand(office, id: id, county: county, kind: kind, classes: classes, earliest: earliest, latest: latest,
                                          notice: { _ in })
                }
            case "pin":
                let session = try required("session", "场次编号")
                let dates = try field("dates").isEmpty ? nil : Changes.dates(field("dates"), field: "日期", .zh)
                let trainers = field("trainers").isEmpty ? nil : Changes.list(field("trainers"))
                let venue = field("pin_venue").isEmpty ? nil : field("pin_venue")
                guard dates != nil || trainers != nil || venue != nil else {
                    throw OfficeError("请至少填写日期、讲师或场地中的一项（要固定的部分）")
                }
                let reason = field("reason")
                event = try await Blocking.run {
                    try Changes.pin(office, session: session, dates: dates, trainers: trainers, venue: venue, reason: reason, notice: { _ in })
                }
            default:
                throw WebError.notFound
            }
            return try await changesPage(ctx, done: "已记录：\(event.description.zh)。可到“重新排课”生成新版本。", failed: nil)
        } catch let e as OfficeError {
            return try await changesPage(ctx, done: nil, failed: (what, e.messages(.zh)), status: .unprocessableContent)
        }
    }

    // MARK: re-plan

    static func replanPage(_ ctx: WebContext) async throws -> Response {
        try ctx.requireOffice()
        let office = ctx.office
        let job = ReplanDesk.current(ctx)
        let (index, latest, pending, lease) = try await Blocking.run { () -> (ScenarioIndex, VersionInfo?, [StoreEvent], PlanningLease?) in
            let db = try office.openExisting()
            let (index, _) = try office.scenario(db)
            let latest = try office.attempt { try db.versions() }.last
            let events = try office.attempt { try db.events() }
            let since = latest?.lastEventID ?? 0
            let pending = events.filter { $0.id > since && $0.kind.changesThePlan }
            return (index, latest, pending, try office.attempt { try db.currentPlanning() })
        }
        var data: [String: Any] = [
            "pending": pending.map { ["what": $0.description.zh, "who": OfficePageData.who($0.who), "when": OfficePageData.when($0.at)] },
            "hasPending": !pending.isEmpty,
        ]
        if let latest { data["latest"] = ["number": latest.number] }
        var status: HTTPResponse.Status = .ok
        switch job?.snapshot {
        case nil:
            if let lease, lease.isLive {
                data["busy"] = "第 \(lease.version) 版正在由 \(OfficePageData.who(lease.who)) 重排（开始于 \(OfficePageData.when(lease.startedAt))），请稍后再来。"
            } else {
                data["idle"] = true
            }
        case .running(let notices, let started)?:
            data["running"] = ["notices": notices, "seconds": String(format: "%.0f", Date().timeIntervalSince(started)),
                               "by": OfficePageData.who(job!.by)] as [String: Any]
            data["refresh"] = true
        case .proposed(let proposal, let notices)?:
            data["proposal"] = OfficePageData.proposal(proposal, index: index, notices: notices)
            if pending.contains(where: { $0.id > proposal.basedOnEvent }) {
                data["staleWarning"] = "注意：此方案生成后又登记了新的变动，发布将被拒绝；请放弃后重新排课。"
            }
        case .failed(let lines)?:
            data["failed"] = lines
            data["idle"] = true
            status = .unprocessableContent
        }
        var page = try await render("office-replan", title: "重新排课", data, ctx, status: status)
        // The progress page reloads itself every 2 s (the header and a <meta> both say so; no script).
        if data["refresh"] != nil, let name = HTTPFields.Element.Name("Refresh") { page.headers[name] = "2" }
        return page
    }

    // MARK: versions

    static func versionsPage(_ ctx: WebContext) async throws -> Response {
        try ctx.requireOffice()
        let office = ctx.office
        let versions = try await Blocking.run { try office.attempt { try office.openExisting().versions() } }
        return try await render("office-versions", title: "计划版本", OfficePageData.versions(versions), ctx)
    }

    static func diffPage(_ a: Int, _ b: Int, _ ctx: WebContext) async throws -> Response {
        let office = ctx.office
        let compared: VersionDiff.Compared
        do { compared = try await Blocking.run { try VersionDiff.compare(office, a, b) } } catch is OfficeError { throw WebError.notFound }
        return try await render("office-diff", title: "\(compared.from) → \(compared.to) 的变动", OfficePageData.diff(compared, a, b), ctx)
    }

    static func explainPage(_ id: String, version: Int?, _ ctx: WebContext) async throws -> Response {
        let office = ctx.office
        do {
            let texts = try await Blocking.run { try Versions.explain(office, id, version: version) }
            return try await render("office-session", title: "场次 \(id) 的安排说明", ["session": id, "texts": texts], ctx)
        } catch let e as OfficeError {
            return try await render("office-session", title: "场次说明", ["session": id, "errors": e.messages(.zh)], ctx,
                                          status: .notFound)
        }
    }

    // MARK: downloads

    static func downloadsPage(_ ctx: WebContext) async throws -> Response {
        try ctx.requireOffice()
        let office = ctx.office, today = ctx.today
        let scenario = try await Blocking.run { try office.scenario(try office.openExisting()).0.scenario }
        return try await render("office-downloads", title: "下载打印件和报表", OfficePageData.downloads(scenario, today: today), ctx)
    }

    static func download(_ what: String, _ query: Parameters, _ ctx: WebContext) async throws -> Response {
        let office = ctx.office
        func value(_ name: String) -> String { query[Substring(name)].map { String($0).trimmingCharacters(in: .whitespaces) } ?? "" }
        let file: DownloadFile
        switch what {
        case "report":
            guard let month = ReportMonth(value("month")) else { throw WebError.badRequest("月份：请写成 2019-09 这样的格式") }
            guard let format = ReportFormat(rawValue: value("format")) else { throw WebError.badRequest("格式：请选 PDF、Excel 或 CSV") }
            let unit = value("unit"), preparer = value("preparer")
            file = try await Blocking.run { try OfficeDownloads.report(office, month: month, format: format, unit: unit, preparer: preparer) }
        case "targets":
            let format: ReportFormat = value("format") == "xlsx" ? .xlsx : .pdf
            file = try await Blocking.run { try OfficeDownloads.targets(office, format: format) }
        case "rosters":
            let county = value("county").isEmpty ? nil : value("county")
            file = try await Blocking.run { try OfficeDownloads.rosters(office, county: county) }
        case "itineraries":
            file = try await Blocking.run { try OfficeDownloads.itineraries(office) }
        case "toursheets":
            file = try await Blocking.run { try OfficeDownloads.tourSheets(office) }
        default:
            throw WebError.notFound
        }
        return Downloads.file([UInt8](file.bytes), filename: file.name, type: file.type)
    }
}
