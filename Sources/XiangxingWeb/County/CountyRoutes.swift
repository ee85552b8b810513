import Foundation
import Hummingbird
import XiangxingCore
import XiangxingOffice
import XiangxingPrint
import XiangxingStore

/// A county bureau's clerk (县人社局经办人): `/county/{code}/…`. Every
/// handler first asks `ctx.requireCounty(code)` (the office or that county's
/// clerk, anyone else 404), and every Office call is scoped by the code, so a
/// session, person or kind of another county answers 404 under any code.
public enum CountyRoutes {
    public static func add(to router: Router<WebContext>) {
        router.get("/county/:code") { request, ctx in
            let code = try county(ctx)
            let office = ctx.office
            let o = try await desk { try CountyDesk.overview(office, county: code) }
            return try await Pages.render("county-home", title: "\(o.county.name) · 培训班与乡村行（第\(o.version)版计划）", CountyPages.home(o), ctx)
        }
        router.get("/county/:code/classes/:session") { request, ctx in
            let code = try county(ctx), id = try ctx.parameter("session")
            let office = ctx.office
            let page = try await desk { try CountyDesk.classPage(office, county: code, session: id) }
            return try await Pages.render("county-class", title: "\(page.row.course)（\(page.row.id)）", CountyPages.classPage(page), ctx)
        }
        for format in [RosterFormat.pdf, .xlsx] {
            router.get(RouterPath("/county/:code/classes/:session/sheet.\(format.rawValue)")) { request, ctx in
                let code = try county(ctx), id = try ctx.parameter("session")
                let office = ctx.office
                let file = try await desk { try CountyDesk.signInSheets(office, county: code, session: id, format: format) }
                return Downloads.file(file.bytes, filename: file.filename, type: file.type)
            }
        }
        router.get("/county/:code/sheets.pdf") { request, ctx in
            let code = try county(ctx)
            let office = ctx.office
            let file = try await desk { try CountyDesk.signInSheets(office, county: code, session: nil, format: .pdf) }
            return Downloads.file(file.bytes, filename: file.filename, type: file.type)
        }
        router.get("/county/:code/classes/:session/days/:day") { request, ctx in
            let code = try county(ctx), id = try ctx.parameter("session"), day = try day(ctx)
            let office = ctx.office
            let grid = try await desk { try AttendanceGrid.grid(office, county: code, session: id, day: day) }
            return try await Pages.render("county-attendance", title: "\(grid.page.row.course) · \(ChineseDays.long(day)) 出勤", CountyPages.grid(grid), ctx)
        }
        router.post("/county/:code/classes/:session/days/:day") { request, ctx in
            let code = try county(ctx), id = try ctx.parameter("session"), day = try day(ctx)
            let fields = Forms.fields(request, ctx)
            let office = ctx.office
            if fields["action"] == "all" {
                let grid = try await desk { try AttendanceGrid.grid(office, county: code, session: id, day: day) }
                return try await Pages.render("county-attendance", title: "\(grid.page.row.course) · \(ChineseDays.long(day)) 出勤",
                                              CountyPages.grid(grid, allTicked: true), ctx)
            }
            let grid = try await desk { () -> AttendanceGrid.Grid in
                let before = try AttendanceGrid.grid(office, county: code, session: id, day: day)
                if before.page.session.type == .tourStop {
                    guard let n = fields["mentees"].flatMap({ Int($0.trimmingCharacters(in: .whitespaces)) }) else {
                        throw OfficeError(problems: [InputProblem(file: "出勤表", line: nil, field: "帮扶人次",
                            problem: Bilingual(zh: "帮扶人次应为整数", en: "mentees must be a whole number"),
                            remedy: Bilingual(zh: "填写当天实际帮扶的人数，如 25", en: "enter the number mentored, e.g. 25"))])
                    }
                    _ = try AttendanceGrid.saveStopDay(office, county: code, session: id, day: day, mentees: n)
                } else {
                    let keys = Set(fields.compactMap { name, value -> Int? in
                        guard name.hasPrefix("p"), !value.isEmpty else { return nil }
                        return Int(name.dropFirst())
                    })
                    _ = try AttendanceGrid.saveClassDay(office, county: code, session: id, day: day, present: keys)
                }
                return try AttendanceGrid.grid(office, county: code, session: id, day: day)
            }
            let came = grid.page.session.type == .tourStop ? "帮扶 \(grid.mentees ?? 0) 人次"
                : "到场 \(grid.rows.filter(\.present).count) / \(grid.rows.count) 人"
            return try await Pages.render("county-attendance", title: "\(grid.page.row.course) · \(ChineseDays.long(day)) 出勤",
                                          CountyPages.grid(grid, saved: "\(ChineseDays.long(day))，\(came)"), ctx)
        }
        router.post("/county/:code/attendance/upload") { request, ctx in
            let code = try county(ctx)
            let uploads = Forms.upload(request, ctx)
            let office = ctx.office
            let done = try await desk {
                try withFiles(uploads) { files in try AttendanceGrid.importSheets(office, county: code, files: files) }
            }
            let lines = done.done.sessions.map { s in
                s.type == .trainingClass ? "\(s.session)：\(s.records) 条记录，到场 \(s.present) 人次" : "\(s.session)：帮扶 \(s.present) 人次"
            }
            return try await Pages.render("county-done", title: "出勤已存入",
                                          ["code": code, "heading": "出勤已存入（第\(done.version.info.number)版计划）", "lines": lines], ctx)
        }
        router.get("/county/:code/enrolment") { request, ctx in
            let code = try county(ctx)
            let office = ctx.office
            let o = try await desk { try CountyDesk.overview(office, county: code) }
            guard let first = o.kinds.first else { throw WebError.notFound }
            return Response.redirect(to: "/county/\(code)/enrolment/\(first.code)", type: .found)
        }
        router.get("/county/:code/enrolment/:kind") { request, ctx in
            let code = try county(ctx), kind = try ctx.parameter("kind")
            let office = ctx.office
            let (list, o) = try await desk { (try Enrolment.list(office, county: code, kind: kind), try CountyDesk.overview(office, county: code)) }
            let done = request.uri.queryParameters.get("done")
            return try await Pages.render("county-enrolment", title: "\(list.county.name) · \(list.kind.name)报名（\(list.people.count) 人）",
                                          CountyPages.enrolment(list, kinds: o.kinds, done: done.flatMap(CountyPages.doneText)), ctx)
        }
        router.post("/county/:code/enrolment/:kind/add") { request, ctx in
            let code = try county(ctx), kind = try ctx.parameter("kind")
            let fields = Forms.fields(request, ctx)
            let office = ctx.office
            _ = try await desk { try Enrolment.add(office, county: code, kind: kind, CountyPages.form(fields), revision: fields["revision"] ?? "") }
            return Response.redirect(to: "/county/\(code)/enrolment/\(kind)?done=added", type: .found)
        }
        router.get("/county/:code/enrolment/:kind/people/:key") { request, ctx in
            let code = try county(ctx), kind = try ctx.parameter("kind"), key = try personKey(ctx)
            let office = ctx.office
            let editing = try await desk { try Enrolment.editing(office, county: code, kind: kind, key: key) }
            return try await Pages.render("county-person", title: "修改报名信息：\(editing.form.name)", CountyPages.person(editing), ctx)
        }
        router.post("/county/:code/enrolment/:kind/people/:key") { request, ctx in
            let code = try county(ctx), kind = try ctx.parameter("kind"), key = try personKey(ctx)
            let fields = Forms.fields(request, ctx)
            let office = ctx.office
            _ = try await desk {
                try Enrolment.edit(office, county: code, kind: kind, key: key, CountyPages.form(fields), revision: fields["revision"] ?? "")
            }
            return Response.redirect(to: "/county/\(code)/enrolment/\(kind)?done=edited", type: .found)
        }
        router.post("/county/:code/enrolment/:kind/people/:key/withdraw") { request, ctx in
            let code = try county(ctx), kind = try ctx.parameter("kind"), key = try personKey(ctx)
            let fields = Forms.fields(request, ctx)
            let office = ctx.office
            _ = try await desk { try Enrolment.withdraw(office, county: code, kind: kind, key: key, revision: fields["revision"] ?? "") }
            return Response.redirect(to: "/county/\(code)/enrolment/\(kind)?done=withdrawn", type: .found)
        }
        router.post("/county/:code/enrolment/:kind/upload") { request, ctx in
            let code = try county(ctx), kind = try ctx.parameter("kind")
            let uploads = Forms.upload(request, ctx)
            let office = ctx.office
            let revision = Forms.fields(request, ctx)["revision"] ?? ""
            let done = try await desk { try withFiles(uploads) { files in
                guard let file = files.first else {
                    throw OfficeError(problems: [InputProblem(file: "报名表", line: nil, field: "",
                        problem: Bilingual(zh: "没有选择文件", en: "no file chosen"),
                        remedy: Bilingual(zh: "点“选择文件”选一份 .csv 或 .xlsx 报名表再上传", en: "choose a .csv or .xlsx file, then upload"))])
                }
                do {
                    return try Enrolment.upload(office, county: code, kind: kind, file: file.path, name: file.name, revision: revision)
                } catch let e as OfficeError where !e.problems.isEmpty {
                    let errors = e.problems.filter { !$0.isWarning }.count
                    throw OfficeError(lines: e.problems.map { $0.message(.zh) }
                                      + ["共 \(errors) 处问题，整份文件没有存入任何学员。改正后重新上传整份文件。"])
                }
            } }
            return Response.redirect(to: "/county/\(code)/enrolment/\(kind)?done=uploaded-\(done.added)", type: .found)
        }
        router.get("/county/:code/report") { request, ctx in
            let code = try county(ctx)
            let month = try month(request, today: ctx.today)
            let office = ctx.office
            let report = try await desk { try CountyDesk.report(office, county: code, month: month) }
            return try await Pages.render("county-report", title: "\(report.county.name)返乡创业情况统计表 · \(report.month.year)年\(report.month.month)月", CountyPages.report(report), ctx)
        }
        for format in [ReportFormat.csv, .xlsx, .pdf] {
            router.get(RouterPath("/county/:code/report.\(format.rawValue)")) { request, ctx in
                let code = try county(ctx)
                let month = try month(request, today: ctx.today)
                let office = ctx.office
                let file = try await desk { try CountyDesk.reportFile(office, county: code, month: month, format: format) }
                return Downloads.file(file.bytes, filename: file.filename, type: file.type)
            }
        }
    }

    /// The URL's county, after the access check.
    static func county(_ ctx: WebContext) throws -> String {
        let code = try ctx.parameter("code")
        try ctx.requireCounty(code)
        return code
    }

    static func day(_ ctx: WebContext) throws -> Day {
        guard let d = Day(iso: try ctx.parameter("day")) else { throw WebError.notFound }
        return d
    }

    static func personKey(_ ctx: WebContext) throws -> Int {
        guard let k = Int(try ctx.parameter("key")) else { throw WebError.notFound }
        return k
    }

    /// `?month=2019-09`; without one, the month of today (within the programme: the page says which).
    static func month(_ request: Request, today: Day) throws -> ReportMonth {
        if let text = request.uri.queryParameters.get("month"), !text.isEmpty {
            guard let m = ReportMonth(text) else {
                throw OfficeError(problems: [InputProblem(file: "统计表", line: nil, field: "月份",
                    problem: Bilingual(zh: "月份“\(text)”无法识别", en: "month \"\(text)\" is not recognised"),
                    remedy: Bilingual(zh: "写成 2019-09 这样的年-月", en: "write it as year-month, e.g. 2019-09"))])
            }
            return m
        }
        return ReportMonth(String(today.iso.prefix(7)))!
    }

    /// Runs an Office call off the event loop; a county's "not yours" is a
    /// 404, another clerk's change meanwhile a 409.
    static func desk<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        do {
            return try await Blocking.run(body)
        } catch is CountyNotFound {
            throw WebError.notFound
        } catch is EnrolmentChanged {
            throw WebError.conflict("名单已被他人修改，您这次的改动没有存入，请刷新后重做。")
        }
    }

    /// The uploaded files written to private temporary files (0600) for the
    /// call, removed after, with the names the clerk gave them.
    static func withFiles<T>(_ files: [UploadedFile], _ body: ([(path: String, name: String)]) throws -> T) throws -> T {
        func next(_ i: Int, _ written: [(path: String, name: String)]) throws -> T {
            guard i < files.count else { return try body(written) }
            return try files[i].withTemporaryFile { path in try next(i + 1, written + [(path: path, name: files[i].filename)]) }
        }
        return try next(0, [])
    }
}
