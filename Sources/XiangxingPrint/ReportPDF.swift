import Foundation
import XiangxingCore

/// The monthly report (返乡创业情况统计表) as an A4 PDF an office signs and
/// sends: the statistics table (per county and category the target, the
/// plan for the year and to date, delivered this month and to date, the
/// share of target; the 合计 rows; rows behind schedule shaded and marked
/// ▲, with the legend), then a page of bars (each county's progress
/// against its target) and a page of lines (the cumulative figures by
/// month). Every page carries the plan version and 第 N 页 共 M 页.
///
///     try ReportPDF.write(document, to: URL(fileURLWithPath: "返乡创业情况统计表-2019-09.pdf"))
public enum ReportPDF {
    /// Draws and writes the file atomically (nothing is left at `url` on an
    /// error). The folder must exist.
    public static func write(_ document: ReportDocument, to url: URL) throws {
        let pdf = try PDFDocument(url: url, title: "\(document.title) \(document.monthText)")
        let table = ReportTableLayout(document)
        let total = table.pages.count + ReportChart.pageCount
        for (index, rows) in table.pages.enumerated() {
            pdf.beginPage(.portrait)
            table.draw(page: index, rows: rows, on: pdf)
            ReportPage.footer(document, page: index + 1, of: total, on: pdf)
        }
        ReportChart.drawBarsPage(document, on: pdf)
        ReportPage.footer(document, page: table.pages.count + 1, of: total, on: pdf)
        ReportChart.drawLinesPage(document, on: pdf)
        ReportPage.footer(document, page: table.pages.count + 2, of: total, on: pdf)
        try pdf.finish()
    }
}

/// What every page of the report shares: margins, the title block, the footer.
enum ReportPage {
    static let orientation = PageOrientation.portrait
    static let marginX = 40.0, marginTop = 34.0, marginBottom = 26.0
    static var width: Double { orientation.a4.width - 2 * marginX }
    static var height: Double { orientation.a4.height }
    static let footerHeight = 16.0

    static let title = TextStyle(size: 17, bold: true, alignment: .center)
    static let subtitle = TextStyle(size: 10, alignment: .center)
    static let info = TextStyle(size: 10)
    static let small = TextStyle(size: 8.5)
    static let minimumSize = 6.5

    /// Title and subtitle; returns the y under them.
    static func heading(_ title: String, _ subtitle: String, on pdf: PDFDocument) -> Double {
        var y = marginTop
        pdf.text(title, in: Rect(x: marginX, y: y, width: width, height: 26), style: Self.title, minimumSize: 12)
        y += 26
        pdf.text(subtitle, in: Rect(x: marginX, y: y, width: width, height: 16), style: Self.subtitle, minimumSize: minimumSize)
        return y + 18
    }

    /// Left the plan version and print date, right 第 N 页 共 M 页 (the
    /// label of a plan folder outside the store can be long: it gets the
    /// left two thirds and shrinks before it would reach the page number).
    static func footer(_ document: ReportDocument, page: Int, of count: Int, on pdf: PDFDocument) {
        let y = height - marginBottom - footerHeight
        pdf.line(x1: marginX, y1: y - 2, x2: marginX + width, y2: y - 2, width: 0.4, gray: 0.6)
        if let printed = document.printed {
            pdf.text(printed.line, in: Rect(x: marginX, y: y, width: width * 2 / 3, height: footerHeight),
                     style: small, minimumSize: minimumSize)
        }
        pdf.text("第 \(page) 页 共 \(count) 页", in: Rect(x: marginX + width * 2 / 3, y: y, width: width / 3, height: footerHeight),
                 style: small.aligned(.right))
    }
}

/// The statistics table: the county cell spans its category rows, the
/// header is repeated on every page, a county's rows never split across
/// pages, the 合计 rows end the table in bold.
struct ReportTableLayout {
    enum Column: CaseIterable {
        case county, category, target, plannedYear, plannedToDate, deliveredMonth, deliveredToDate, share, progress
        var width: Double? {
            switch self {
            case .county: 70
            case .category: 58
            case .target, .plannedYear, .deliveredMonth, .share: 50
            case .plannedToDate, .deliveredToDate: 56
            case .progress: nil
            }
        }
    }

    static let headerHeight = 34.0, rowHeight = 15.5
    static let body = TextStyle(size: 9.5, alignment: .right)
    static let header = TextStyle(size: 9, bold: true, alignment: .center)
    static let behindGray = 0.86

    let document: ReportDocument
    /// Groups of row indices (a county's rows, or the 合计 rows) per page.
    let pages: [[[Int]]]

    init(_ document: ReportDocument) {
        self.document = document
        var groups: [[Int]] = []
        for (i, row) in document.rows.enumerated() {
            if let last = groups.last?.last, document.rows[last].county == row.county { groups[groups.count - 1].append(i) }
            else { groups.append([i]) }
        }
        let firstRoom = Self.tableBottom - Self.firstTop - Self.headerHeight
        let laterRoom = Self.tableBottom - Self.laterTop - Self.headerHeight
        var pages: [[[Int]]] = [[]]
        var used = 0.0
        for group in groups {
            let h = Double(group.count) * Self.rowHeight
            let room = pages.count == 1 ? firstRoom : laterRoom
            if used + h > room, !pages[pages.count - 1].isEmpty {
                pages.append([]); used = 0
            }
            pages[pages.count - 1].append(group)
            used += h
        }
        self.pages = pages
    }

    /// Under the title block and the 填报单位 line.
    static var firstTop: Double { ReportPage.marginTop + 26 + 18 + 20 }
    static var laterTop: Double { ReportPage.marginTop + 26 + 18 }
    /// Room under the table for the legend and the signature line.
    static var tableBottom: Double { ReportPage.height - ReportPage.marginBottom - ReportPage.footerHeight - 58 }

    static func widths() -> [Column: Double] {
        var out: [Column: Double] = [:]
        for c in Column.allCases { out[c] = c.width }
        out[.progress] = ReportPage.width - Column.allCases.reduce(0) { $0 + ($1.width ?? 0) }
        return out
    }

    func headerTitle(_ column: Column) -> String {
        switch column {
        case .county: "县（市、区）"
        case .category: "类别"
        case .target: "年度目标"
        case .plannedYear: "全年计划"
        case .plannedToDate: "累计计划\n\(document.toDateText)"
        case .deliveredMonth: "本月完成\n\(document.month.month)月"
        case .deliveredToDate: "累计完成\n\(document.toDateText)"
        case .share: "完成率"
        case .progress: "进度"
        }
    }

    func value(_ column: Column, _ row: ReportRow) -> String {
        switch column {
        case .county: document.name(of: row.county)
        case .category: ReportDocument.categoryName(row.category)
        case .target: row.target.map(String.init) ?? "—"
        case .plannedYear: String(row.plannedYear)
        case .plannedToDate: String(row.plannedToDate)
        case .deliveredMonth: String(row.deliveredMonth)
        case .deliveredToDate: String(row.deliveredToDate)
        case .share: ReportDocument.percent(row)
        case .progress: row.isBehind ? "▲ 落后" : ""
        }
    }

    func draw(page index: Int, rows groups: [[Int]], on pdf: PDFDocument) {
        let x0 = ReportPage.marginX, width = ReportPage.width
        let title = index == 0 ? document.title : document.title + "（续表）"
        var y = ReportPage.heading(title, subtitle, on: pdf)
        if index == 0 {
            let unit = document.unit.isEmpty ? "　　　　　　　　　　　　（盖章）" : document.unit + "（盖章）"
            pdf.text("填报单位：\(unit)", in: Rect(x: x0, y: y, width: width * 0.7, height: 16), style: ReportPage.info,
                     minimumSize: ReportPage.minimumSize)
            pdf.text("单位：人次", in: Rect(x: x0 + width * 0.7, y: y, width: width * 0.3, height: 16),
                     style: ReportPage.info.aligned(.right))
            y += 20
        }
        let widths = Self.widths()
        let tableTop = y
        // Header.
        pdf.fill(Rect(x: x0, y: y, width: width, height: Self.headerHeight), gray: 0.92)
        var x = x0
        for c in Column.allCases {
            let cell = Rect(x: x, y: y, width: widths[c]!, height: Self.headerHeight)
            pdf.stroke(cell)
            pdf.text(headerTitle(c), in: cell.inset(2, 2), style: Self.header, minimumSize: ReportPage.minimumSize)
            x += cell.width
        }
        y += Self.headerHeight
        // Rows, a county's cell spanning its category rows.
        for group in groups {
            let isTotal = document.rows[group[0]].county == ReportRow.cityTotal
            let groupTop = y
            if isTotal { pdf.line(x1: x0, y1: y, x2: x0 + width, y2: y, width: 1.2) }
            for i in group {
                let row = document.rows[i]
                x = x0 + widths[.county]!
                if row.isBehind {
                    pdf.fill(Rect(x: x, y: y, width: width - widths[.county]!, height: Self.rowHeight), gray: Self.behindGray)
                }
                for c in Column.allCases.dropFirst() {
                    let cell = Rect(x: x, y: y, width: widths[c]!, height: Self.rowHeight)
                    pdf.stroke(cell)
                    var style = isTotal ? Self.body.emboldened() : Self.body
                    if c == .category || c == .progress { style = style.aligned(.center) }
                    pdf.text(value(c, row), in: cell.inset(4, 1), style: style, minimumSize: ReportPage.minimumSize)
                    x += cell.width
                }
                y += Self.rowHeight
            }
            let cell = Rect(x: x0, y: groupTop, width: widths[.county]!, height: y - groupTop)
            pdf.stroke(cell)
            pdf.text(document.name(of: document.rows[group[0]].county), in: cell.inset(3, 1),
                     style: (isTotal ? Self.body.emboldened() : Self.body).aligned(.center), minimumSize: ReportPage.minimumSize)
        }
        pdf.stroke(Rect(x: x0, y: tableTop, width: width, height: y - tableTop), width: 1.2)
        guard index == pages.count - 1 else { return }
        // The legend, then who filed it and when.
        y += 5
        let legend = "注：1. 灰底并标“▲ 落后”的行：累计完成低于累计计划（落后于计划进度）。"
            + "2. 完成率 = 累计完成 ÷ 年度目标；“—”为未下达目标。"
            + "3. 培训学员出勤达到该期天数的规定比例计 1 人次，计入该期最后一天所在月份；乡村行按记录的帮扶人次计入记录日期所在月份。"
        let legendHeight = pdf.textHeight(legend, width: width, style: ReportPage.small)
        pdf.text(legend, in: Rect(x: x0, y: y, width: width, height: legendHeight + 1), style: ReportPage.small,
                 minimumSize: ReportPage.minimumSize, verticallyCentered: false)
        y += legendHeight + 10
        let preparer = document.preparer.isEmpty ? "　　　　　　" : document.preparer
        let third = width / 3
        pdf.text("填报人：\(preparer)", in: Rect(x: x0, y: y, width: third, height: 16), style: ReportPage.info,
                 minimumSize: ReportPage.minimumSize)
        pdf.text("审核人：", in: Rect(x: x0 + third, y: y, width: third, height: 16), style: ReportPage.info)
        pdf.text("填报日期：\(document.filedOn.year)年\(document.filedOn.month)月\(document.filedOn.dayOfMonth)日",
                 in: Rect(x: x0 + 2 * third, y: y, width: third, height: 16), style: ReportPage.info.aligned(.right))
    }

    var subtitle: String {
        "\(document.subtitle)　\(document.monthText)（\(document.periodStart.iso) 至 \(document.month.lastDay.iso)）"
    }
}

extension TextStyle {
    func emboldened() -> TextStyle { var s = self; s.bold = true; return s }
}
