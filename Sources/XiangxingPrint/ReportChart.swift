import Foundation
import XiangxingCore

/// The report's two chart pages, drawn with Cairo on the report's PDF:
/// bars — each county's delivered and planned to date as shares of its
/// target, with the 100% line — and lines — the cumulative delivered and
/// planned by month against the year's target. One panel per category.
enum ReportChart {
    static let pageCount = 2

    static let planned = Colour(red: 0.62, green: 0.76, blue: 0.91)
    static let delivered = Colour(red: 0.11, green: 0.33, blue: 0.64)
    static let target = Colour(red: 0.80, green: 0.14, blue: 0.14)
    static let grid = 0.82

    static let panelTitle = TextStyle(size: 11, bold: true)
    static let label = TextStyle(size: 8.5, alignment: .right)
    static let axis = TextStyle(size: 8, alignment: .center)
    static let legend = TextStyle(size: 8.5)
    static let value = TextStyle(size: 8)

    static let categories: [KindCategory] = [.training, .mentoring]

    // MARK: Bars

    static func drawBarsPage(_ doc: ReportDocument, on pdf: PDFDocument) {
        pdf.beginPage(ReportPage.orientation)
        let top = ReportPage.heading("图1　\(scope(doc))目标完成进度", "截至\(doc.monthText)底，累计完成与累计计划占年度目标的比例；所注数字为累计完成率，▲ 为落后于计划进度",
                                     on: pdf)
        let bottom = ReportPage.height - ReportPage.marginBottom - ReportPage.footerHeight - 8
        let gap = 14.0
        // Half the page each, or less when there are few counties (a county's own report):
        // a bar pair never gets more than `maxBand` of height.
        let counties = doc.countyRows(.training).count
        let panel = min((bottom - top - gap) / 2, barsChrome + Double(max(counties, 1)) * maxBand)
        for (i, category) in categories.enumerated() {
            let y = top + Double(i) * (panel + gap)
            bars(doc, category, in: Rect(x: ReportPage.marginX, y: y, width: ReportPage.width, height: panel), on: pdf)
        }
    }

    /// A bar pair's largest band, and a bar panel's height beside its bands.
    static let maxBand = 34.0, barsChrome = 22.0 + 16.0

    /// One category's bars: a pair per county (planned to date above,
    /// delivered to date below), grid lines every 20%, the 100% line red.
    static func bars(_ doc: ReportDocument, _ category: KindCategory, in rect: Rect, on pdf: PDFDocument) {
        let rows = doc.countyRows(category)
        pdf.text("\(ReportDocument.categoryName(category))", in: Rect(x: rect.x, y: rect.y, width: rect.width * 0.3, height: 16),
                 style: panelTitle)
        legendLine([(planned, "累计计划 ÷ 年度目标", false), (delivered, "累计完成 ÷ 年度目标", false), (target, "100%（年度目标）", true)],
                   x: rect.x + rect.width * 0.3, y: rect.y + 1, width: rect.width * 0.7, on: pdf)
        let labelWidth = 100.0, valueRoom = 46.0, axisHeight = 16.0
        let plot = Rect(x: rect.x + labelWidth + 6, y: rect.y + 22, width: rect.width - labelWidth - 6 - valueRoom,
                        height: rect.height - 22 - axisHeight)
        let shares = rows.flatMap { r in [ReportDocument.share(r.plannedToDate, of: r.target), ReportDocument.share(r.deliveredToDate, of: r.target)] }
            .compactMap { $0 }
        if shares.isEmpty {
            pdf.stroke(plot, width: 0.5, gray: grid)
            pdf.text("未下达\(ReportDocument.categoryName(category))目标（targets.csv），无法计算完成进度。",
                     in: plot.inset(10, 10), style: legend.aligned(.center))
            return
        }
        // The scale: at least 100%, up to the largest share in steps of 20%, at most 300%.
        let top = min(3.0, max(1.0, ((shares.max()! + 0.0001) / 0.2).rounded(.up) * 0.2))
        func xOf(_ share: Double) -> Double { plot.x + plot.width * min(share, top) / top }
        var tick = 0.0
        while tick <= top + 1e-9 {
            let x = xOf(tick)
            pdf.line(x1: x, y1: plot.y, x2: x, y2: plot.maxY, width: 0.4, gray: grid)
            pdf.text("\(Int((tick * 100).rounded()))%", in: Rect(x: x - 20, y: plot.maxY + 2, width: 40, height: axisHeight - 4), style: axis)
            tick += 0.2
        }
        pdf.polyline([(xOf(1), plot.y - 2), (xOf(1), plot.maxY)], width: 1.3, colour: target, dash: [4, 2])
        let band = plot.height / Double(max(rows.count, 1))
        let bar = min(9.0, band * 0.32)
        for (i, r) in rows.enumerated() {
            let y = plot.y + Double(i) * band
            let middle = y + band / 2
            pdf.text(doc.name(of: r.county), in: Rect(x: rect.x, y: middle - 7, width: labelWidth, height: 14), style: label,
                     minimumSize: ReportPage.minimumSize)
            guard let p = ReportDocument.share(r.plannedToDate, of: r.target),
                  let d = ReportDocument.share(r.deliveredToDate, of: r.target) else {
                pdf.text("未下达目标", in: Rect(x: plot.x + 4, y: middle - 6, width: 120, height: 12), style: value)
                continue
            }
            pdf.fill(Rect(x: plot.x, y: middle - bar - 0.5, width: xOf(p) - plot.x, height: bar), colour: planned)
            pdf.fill(Rect(x: plot.x, y: middle + 0.5, width: xOf(d) - plot.x, height: bar), colour: delivered)
            // The delivered share right of the pair, on white so the 100% line never runs through it.
            let text = percent(d) + (r.isBehind ? " ▲" : "")
            let w = pdf.textWidth(text, style: value) + 3
            let label = Rect(x: max(xOf(p), xOf(d)) + 2, y: middle - 5.5, width: w, height: 11)
            pdf.fill(label, gray: 1)
            pdf.text(text, in: label.inset(1.5, 0), style: value, minimumSize: 6)
        }
        pdf.line(x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.maxY, width: 0.8)
        pdf.line(x1: plot.x, y1: plot.maxY, x2: plot.maxX, y2: plot.maxY, width: 0.8)
    }

    // MARK: Lines

    static func drawLinesPage(_ doc: ReportDocument, on pdf: PDFDocument) {
        pdf.beginPage(ReportPage.orientation)
        let first = doc.series.first.map { "\($0.month.year)年\($0.month.month)月" } ?? ""
        let top = ReportPage.heading("图2　\(scope(doc, all: "全市"))累计完成、累计计划与年度目标（按月）",
                                     "\(first)至\(doc.monthText)，各月末的累计人次", on: pdf)
        let bottom = ReportPage.height - ReportPage.marginBottom - ReportPage.footerHeight - 8
        let gap = 18.0
        let panel = (bottom - top - gap) / 2
        for (i, category) in categories.enumerated() {
            let y = top + Double(i) * (panel + gap)
            lines(doc, category, in: Rect(x: ReportPage.marginX, y: y, width: ReportPage.width, height: panel), on: pdf)
        }
    }

    /// One category's lines: the target as a dashed level, planned and
    /// delivered to date at each month's end.
    static func lines(_ doc: ReportDocument, _ category: KindCategory, in rect: Rect, on pdf: PDFDocument) {
        let points = doc.series
        let goal = doc.total(category)?.target
        let lastPlanned = points.last?.plannedToDate[category] ?? 0, lastDelivered = points.last?.deliveredToDate[category] ?? 0
        pdf.text(ReportDocument.categoryName(category), in: Rect(x: rect.x, y: rect.y, width: rect.width * 0.25, height: 16),
                 style: panelTitle)
        legendLine([(planned, "累计计划（\(lastPlanned)）", false), (delivered, "累计完成（\(lastDelivered)）", false),
                    (target, goal.map { "年度目标（\($0)）" } ?? "年度目标：未下达", true)],
                   x: rect.x + rect.width * 0.25, y: rect.y + 1, width: rect.width * 0.75, on: pdf)
        let axisWidth = 44.0, axisHeight = 18.0
        let plot = Rect(x: rect.x + axisWidth, y: rect.y + 34, width: rect.width - axisWidth - 12,
                        height: rect.height - 34 - axisHeight)
        pdf.text("人次", in: Rect(x: rect.x, y: rect.y + 19, width: axisWidth - 4, height: 12), style: label)
        let highest = max(goal ?? 0, points.map { max($0.plannedToDate[category] ?? 0, $0.deliveredToDate[category] ?? 0) }.max() ?? 0)
        let step = niceStep(Double(max(highest, 1)) / 5)
        let top = max(step, (Double(highest) / step).rounded(.up) * step)
        func yOf(_ v: Int) -> Double { plot.maxY - plot.height * Double(v) / top }
        var tick = 0.0
        while tick <= top + 1e-9 {
            let y = plot.maxY - plot.height * tick / top
            pdf.line(x1: plot.x, y1: y, x2: plot.maxX, y2: y, width: 0.4, gray: grid)
            pdf.text(String(Int(tick)), in: Rect(x: rect.x, y: y - 6, width: axisWidth - 5, height: 12), style: label.sized(8))
            tick += step
        }
        let n = max(points.count, 1)
        let slot = plot.width / Double(n)
        func xOf(_ i: Int) -> Double { plot.x + slot * (Double(i) + 0.5) }
        for (i, p) in points.enumerated() {
            pdf.line(x1: xOf(i), y1: plot.maxY, x2: xOf(i), y2: plot.maxY + 3, width: 0.6)
            let text = i == 0 || p.month.month == 1 ? "\(p.month.year)年\(p.month.month)月" : "\(p.month.month)月"
            pdf.text(text, in: Rect(x: xOf(i) - slot / 2, y: plot.maxY + 4, width: slot, height: axisHeight - 4),
                     style: axis, minimumSize: 6)
        }
        if let goal {
            pdf.polyline([(plot.x, yOf(goal)), (plot.maxX, yOf(goal))], width: 1.3, colour: target, dash: [5, 3])
        }
        let plannedLine = points.enumerated().map { (x: xOf($0.offset), y: yOf($0.element.plannedToDate[category] ?? 0)) }
        let deliveredLine = points.enumerated().map { (x: xOf($0.offset), y: yOf($0.element.deliveredToDate[category] ?? 0)) }
        pdf.polyline(plannedLine, width: 2, colour: planned)
        for p in plannedLine { pdf.dot(x: p.x, y: p.y, radius: 2.2, colour: planned) }
        pdf.polyline(deliveredLine, width: 2, colour: delivered)
        for p in deliveredLine { pdf.dot(x: p.x, y: p.y, radius: 2.2, colour: delivered) }
        pdf.line(x1: plot.x, y1: plot.y, x2: plot.x, y2: plot.maxY, width: 0.8)
        pdf.line(x1: plot.x, y1: plot.maxY, x2: plot.maxX, y2: plot.maxY, width: 0.8)
    }

    // MARK: Pieces

    /// "全市" or the county's name.
    static func scope(_ doc: ReportDocument, all: String = "全市各县区") -> String {
        let counties = Set(doc.rows.map(\.county)).subtracting([ReportRow.cityTotal])
        if counties.count == 1, let only = counties.first { return doc.name(of: only) }
        return all
    }

    /// Keys side by side, right-aligned in the space given.
    static func legendLine(_ items: [(Colour, String, Bool)], x: Double, y: Double, width: Double, on pdf: PDFDocument) {
        let swatch = 14.0, spacing = 12.0
        let widths = items.map { pdf.textWidth($0.1, style: legend) }
        var left = x + width - (widths.reduce(0, +) + Double(items.count) * (swatch + 4) + Double(items.count - 1) * spacing)
        for (item, w) in zip(items, widths) {
            if item.2 {
                pdf.polyline([(left, y + 7), (left + swatch, y + 7)], width: 1.3, colour: item.0, dash: [4, 2])
            } else {
                pdf.fill(Rect(x: left, y: y + 3, width: swatch, height: 8), colour: item.0)
            }
            left += swatch + 4
            pdf.text(item.1, in: Rect(x: left, y: y, width: w + 2, height: 14), style: legend)
            left += w + spacing
        }
    }

    /// 1, 2 or 5 × 10ⁿ, the smallest not below `raw`.
    static func niceStep(_ raw: Double) -> Double {
        let magnitude = pow(10, (log10(max(raw, 1e-9))).rounded(.down))
        for m in [1.0, 2, 5, 10] where m * magnitude >= raw - 1e-9 { return max(1, m * magnitude) }
        return max(1, 10 * magnitude)
    }

    static func percent(_ share: Double) -> String {
        let tenths = Int((share * 1000).rounded())
        return "\(tenths / 10).\(tenths % 10)%"
    }
}
