import Foundation
import XiangxingCore

/// A trainer's itinerary as an A4 portrait PDF: title, plan and totals,
/// then one table row per engagement (日期, 县区, 场地及地址, 课程/期次,
/// 同行讲师, 路程) with a thin row for the free working days between
/// engagements; the header repeats on every page, "第N页 共M页" at the foot.
///
///     try ItineraryPDF.write([wang], to: URL(fileURLWithPath: "T009-王建国.pdf"))
public enum ItineraryPDF {
    /// Draws each itinerary as its own page set (pages counted per trainer)
    /// and writes the file atomically. The folder must exist.
    public static func write(_ itineraries: [Itinerary], to url: URL) throws {
        let pdf = try PDFDocument(url: url, title: itineraries.first.map(ItineraryWording.title) ?? "讲师行程表")
        for it in itineraries {
            try ItinerarySheet(it, measuringWith: pdf).draw(on: pdf)
        }
        try pdf.finish()
    }
}

/// The layout of one trainer's itinerary.
struct ItinerarySheet {
    enum Geometry {
        static let orientation = PageOrientation.portrait
        static let marginX = 36.0, marginTop = 32.0, marginBottom = 24.0
        static let titleHeight = 28.0, lineHeight = 16.0
        static let headerHeight = 22.0, gapHeight = 15.0, footerHeight = 18.0
        static let minRow = 28.0, cellPadX = 3.0, cellPadY = 3.0
        static var contentWidth: Double { orientation.a4.width - 2 * marginX }
        static var tableBottom: Double { orientation.a4.height - marginBottom - footerHeight }
    }

    enum Style {
        static let title = TextStyle(size: 17, bold: true, alignment: .center)
        static let info = TextStyle(size: 10, alignment: .center)
        static let header = TextStyle(size: 9.5, bold: true, alignment: .center)
        static let body = TextStyle(size: 9)
        static let gap = TextStyle(size: 8.5, alignment: .center)
        static let footer = TextStyle(size: 8.5)
        static let minimumSize = 6.5
    }

    enum Column: CaseIterable {
        case number, dates, county, venue, course, coTrainers, road

        var title: String {
            switch self {
            case .number: "序号"
            case .dates: "日期"
            case .county: "县区"
            case .venue: "场地及地址"
            case .course: "课程/期次"
            case .coTrainers: "同行讲师"
            case .road: "路程"
            }
        }
        /// Points; `road` takes what is left.
        var width: Double {
            switch self {
            case .number: 22
            case .dates: 92
            case .county: 42
            case .venue: 124
            case .course: 100
            case .coTrainers: 46
            case .road: Geometry.contentWidth - 426
            }
        }
        var style: TextStyle {
            self == .number || self == .county ? Style.body.aligned(.center) : Style.body
        }
    }

    /// A table row: an engagement (index), the gap before it, the band over
    /// the cancelled engagements, or one of them (index into `cancelled`).
    enum Row {
        case engagement(Int)
        case gap(Int)
        case cancelledHeading
        case cancelled(Int)
    }

    struct Page { let rows: Range<Int> }

    let itinerary: Itinerary
    let rows: [Row]
    let cells: [[Column: String]]
    let heights: [Double]
    let pages: [Page]

    init(_ it: Itinerary, measuringWith pdf: PDFDocument) throws {
        itinerary = it
        var rows: [Row] = [], cells: [[Column: String]] = [], heights: [Double] = []
        for (i, e) in it.engagements.enumerated() {
            // No gap row between engagements on consecutive days: the road
            // column already says "次日接下一项".
            if let free = e.freeWorkingDaysBefore, e.arrival.fromHome {
                rows.append(.gap(free)); cells.append([:]); heights.append(Geometry.gapHeight)
            }
            let values = try Self.values(e, number: i + 1)
            var tallest = 0.0
            for column in Column.allCases {
                let width = column.width - 2 * Geometry.cellPadX
                tallest = max(tallest, pdf.textHeight(values[column] ?? "", width: width, style: column.style))
            }
            rows.append(.engagement(i)); cells.append(values)
            heights.append(max(Geometry.minRow, tallest + 2 * Geometry.cellPadY))
        }
        if !it.cancelled.isEmpty {
            rows.append(.cancelledHeading); cells.append([:]); heights.append(Geometry.gapHeight + 2)
        }
        for (i, c) in it.cancelled.enumerated() {
            var values = try Self.values(c.engagement, number: 0)
            values[.number] = "—"
            values[.road] = "已取消\n第\(c.lastVersion)版安排，第\(c.since)版起取消"
            var tallest = 0.0
            for column in Column.allCases {
                let width = column.width - 2 * Geometry.cellPadX
                tallest = max(tallest, pdf.textHeight(values[column] ?? "", width: width, style: column.style))
            }
            rows.append(.cancelled(i)); cells.append(values)
            heights.append(max(Geometry.minRow, tallest + 2 * Geometry.cellPadY))
        }
        self.rows = rows; self.cells = cells; self.heights = heights

        var pages: [Page] = []
        var start = 0
        repeat {
            let top = (pages.isEmpty ? Self.firstTableTop : Self.laterTableTop) + Geometry.headerHeight
            let room = Geometry.tableBottom - top
            var end = start, used = 0.0
            while end < heights.count, used + heights[end] <= room || end == start {
                used += heights[end]; end += 1
            }
            // A gap row or the cancelled band never ends a page: it belongs with what follows.
            if end < heights.count, end - 1 > start {
                switch rows[end - 1] {
                case .gap, .cancelledHeading: end -= 1
                default: break
                }
            }
            pages.append(Page(rows: start..<end))
            start = end
        } while start < heights.count
        self.pages = pages
    }

    static var firstTableTop: Double { Geometry.marginTop + Geometry.titleHeight + 3 * Geometry.lineHeight + 8 }
    static var laterTableTop: Double { Geometry.marginTop + Geometry.titleHeight + 4 }

    static func values(_ e: Itinerary.Engagement, number: Int) throws -> [Column: String] {
        var dates = try ItineraryWording.short(e.first)
        if e.last != e.first { dates += "\n至 " + (try ItineraryWording.short(e.last)) }
        dates += "\n共\(e.dates.count)个授课日"
        if !e.isContiguous { dates += "（其间有非授课日）" }
        var road = [roadLine(e.arrival)]
        road.append(e.departure.map(roadLine) ?? "续往本组下一站")
        let course: String
        switch e.type {
        case .trainingClass: course = "\(e.kindName)\n\(e.sessionID)"
        // The kind (创业讲师乡村行) rather than the tour's long name: the column is narrow.
        case .tourStop: course = "\(e.kindName)\(e.team.map { " 第\($0)组" } ?? "")\n\(e.sessionID)"
        }
        return [
            .number: String(number),
            .dates: dates,
            .county: e.county.name,
            .venue: e.venueAddress.isEmpty ? e.venueName : "\(e.venueName)\n\(e.venueAddress)",
            .course: course,
            .coTrainers: e.coTrainers.isEmpty ? "—" : e.coTrainers.map(\.name).joined(separator: "、"),
            .road: road.joined(separator: "\n"),
        ]
    }

    /// "去程 72 公里 · 85 分钟", "自方城县 30 公里 · 40 分钟", "返程 同县".
    static func roadLine(_ leg: Itinerary.Leg) -> String {
        let label = leg.toHome ? "返程" : leg.fromHome ? "去程" : "自\(leg.from.name)"
        guard leg.from.code != leg.to.code else { return "\(label) 同县" }
        return "\(label) \(ItineraryWording.km(leg.km)) · \(ItineraryWording.minutes(leg.minutes))"
    }

    // MARK: Drawing

    func draw(on pdf: PDFDocument) throws {
        let x = Geometry.marginX, width = Geometry.contentWidth
        for (number, page) in pages.enumerated() {
            pdf.beginPage(Geometry.orientation)
            var y = Geometry.marginTop
            let title = ItineraryWording.title(itinerary) + (number == 0 ? "" : "（续）")
            pdf.text(title, in: Rect(x: x, y: y, width: width, height: Geometry.titleHeight),
                     style: number == 0 ? Style.title : Style.title.sized(13), minimumSize: 10)
            y += Geometry.titleHeight
            if number == 0 {
                pdf.text(ItineraryWording.subtitle(itinerary), in: Rect(x: x, y: y, width: width, height: Geometry.lineHeight),
                         style: Style.info, minimumSize: Style.minimumSize)
                y += Geometry.lineHeight
                let totals = itinerary.engagements.isEmpty ? "本计划中没有安排任务。" : ItineraryWording.totals(itinerary)
                pdf.text(totals, in: Rect(x: x, y: y, width: width, height: Geometry.lineHeight),
                         style: Style.info.aligned(.center), minimumSize: Style.minimumSize)
                y += Geometry.lineHeight
                if let edition = itinerary.edition {
                    pdf.text(edition.text, in: Rect(x: x, y: y, width: width, height: Geometry.lineHeight),
                             style: Style.info.aligned(.center), minimumSize: Style.minimumSize)
                }
                y = Self.firstTableTop
            } else {
                y = Self.laterTableTop
            }
            y = drawHeader(on: pdf, top: y)
            for index in page.rows { y = drawRow(index, on: pdf, top: y) }
            let tableTop = (number == 0 ? Self.firstTableTop : Self.laterTableTop)
            pdf.stroke(Rect(x: x, y: tableTop, width: width, height: y - tableTop), width: 1.2)
            if number == pages.count - 1, y + 16 <= Geometry.tableBottom {
                pdf.text("（以下空白）　路程为县城之间的道路里程估算；行程以最新排课计划为准。",
                         in: Rect(x: x, y: y + 3, width: width, height: 13), style: Style.footer, minimumSize: Style.minimumSize)
            }
            drawFooter(on: pdf, page: number + 1, of: pages.count)
        }
    }

    private func drawHeader(on pdf: PDFDocument, top: Double) -> Double {
        var x = Geometry.marginX
        pdf.fill(Rect(x: x, y: top, width: Geometry.contentWidth, height: Geometry.headerHeight), gray: 0.9)
        for column in Column.allCases {
            let cell = Rect(x: x, y: top, width: column.width, height: Geometry.headerHeight)
            pdf.stroke(cell)
            pdf.text(column.title, in: cell.inset(2, 2), style: Style.header, minimumSize: Style.minimumSize)
            x += column.width
        }
        return top + Geometry.headerHeight
    }

    private func drawRow(_ index: Int, on pdf: PDFDocument, top: Double) -> Double {
        let height = heights[index]
        switch rows[index] {
        case .gap(let free):
            let band = Rect(x: Geometry.marginX, y: top, width: Geometry.contentWidth, height: height)
            pdf.fill(band, gray: 0.96)
            pdf.stroke(band)
            pdf.text(ItineraryWording.gap(free), in: band.inset(2, 1), style: Style.gap, minimumSize: Style.minimumSize)
        case .cancelledHeading:
            let band = Rect(x: Geometry.marginX, y: top, width: Geometry.contentWidth, height: height)
            pdf.fill(band, gray: 0.85)
            pdf.stroke(band)
            pdf.text("已取消 — " + ItineraryWording.cancelledHeading, in: band.inset(2, 1),
                     style: Style.gap.aligned(.center), minimumSize: Style.minimumSize)
        case .engagement, .cancelled:
            var x = Geometry.marginX
            if case .cancelled = rows[index] {
                pdf.fill(Rect(x: x, y: top, width: Geometry.contentWidth, height: height), gray: 0.93)
            }
            for column in Column.allCases {
                let cell = Rect(x: x, y: top, width: column.width, height: height)
                pdf.stroke(cell)
                pdf.text(cells[index][column] ?? "", in: cell.inset(Geometry.cellPadX, Geometry.cellPadY),
                         style: column.style, minimumSize: Style.minimumSize)
                x += column.width
            }
        }
        return top + height
    }

    private func drawFooter(on pdf: PDFDocument, page: Int, of count: Int) {
        let y = Geometry.orientation.a4.height - Geometry.marginBottom - 14
        let third = Geometry.contentWidth / 3, x = Geometry.marginX
        let made = itinerary.edition.map { e in
            (e.version.map { "第\($0)版" } ?? "未编号版本") + " · 打印于 " + PrintEdition.beijing(e.printed)
        } ?? "乡行排课计划生成"
        pdf.text(made, in: Rect(x: x, y: y, width: third, height: 14),
                 style: Style.footer, minimumSize: Style.minimumSize)
        pdf.text("第\(page)页 共\(count)页", in: Rect(x: x + third, y: y, width: third, height: 14),
                 style: Style.footer.aligned(.center))
        pdf.text("\(itinerary.trainer.name)（\(itinerary.trainer.id)）", in: Rect(x: x + 2 * third, y: y, width: third, height: 14),
                 style: Style.footer.aligned(.right), minimumSize: Style.minimumSize)
    }
}
