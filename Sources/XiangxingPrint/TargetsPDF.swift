import Foundation
import XiangxingCore
import XiangxingSheets

/// 任务分解表: the city's yearly targets as handed down to the counties
/// (目标任务分解下达), the document the office signs and sends in February.
///
///     let doc = TargetsDocument(title: "南阳市2019年返乡创业培训和乡村行任务分解表", unit: "南阳市人力资源和社会保障局",
///                               issuedOn: day("2019-02-20"), counties: scenario.counties, targets: targets)
public struct TargetsDocument: Sendable {
    public var title: String
    /// 下达单位; empty leaves the line to be filled in by hand.
    public var unit: String
    /// 下达日期.
    public var issuedOn: Day
    /// The counties in counties.csv order: (code, name).
    public var counties: [(code: String, name: String)]
    public var targets: [CountyTarget]

    public init(title: String, unit: String, issuedOn: Day, counties: [(code: String, name: String)], targets: [CountyTarget]) {
        self.title = title; self.unit = unit; self.issuedOn = issuedOn; self.counties = counties; self.targets = targets
    }

    /// The categories handed down, training first.
    public var categories: [KindCategory] {
        [KindCategory.training, .mentoring].filter { k in targets.contains { $0.category == k } }
    }

    public func target(_ county: String, _ category: KindCategory) -> Int? {
        targets.first { $0.county == county && $0.category == category }?.personTimes
    }

    public func total(_ category: KindCategory) -> Int {
        targets.filter { $0.category == category }.reduce(0) { $0 + $1.personTimes }
    }

    static func columnTitle(_ category: KindCategory) -> String {
        category == .training ? "创业培训（人次）" : "创业讲师乡村行帮扶（人次）"
    }

    /// "2019年2月20日".
    var issuedText: String { "\(issuedOn.year)年\(issuedOn.month)月\(issuedOn.dayOfMonth)日" }
}

/// The 任务分解表 on A4 portrait: the title, 下达单位 and 单位：人次, one row
/// per county (序号, 县（市、区）, the person-times of each category), the
/// 合计 row, then the stamp line and 下达日期; 第 N 页 共 M 页 on every page.
public enum TargetsPDF {
    static let rowHeight = 20.0, headerHeight = 34.0
    static let body = TextStyle(size: 10.5, alignment: .right)
    static let header = TextStyle(size: 10.5, bold: true, alignment: .center)

    public static func write(_ doc: TargetsDocument, to url: URL) throws {
        let pdf = try PDFDocument(url: url, title: doc.title)
        let x0 = ReportPage.marginX, width = ReportPage.width
        let firstTop = ReportPage.marginTop + 36 + 22, laterTop = ReportPage.marginTop + 36
        let bottom = ReportPage.height - ReportPage.marginBottom - ReportPage.footerHeight - 90
        // Rows per page: the counties, then 合计.
        let rows = doc.counties.count + 1
        var pages: [Range<Int>] = []
        var start = 0
        while start < rows {
            let room = bottom - (pages.isEmpty ? firstTop : laterTop) - headerHeight
            let n = max(1, Int(room / rowHeight))
            pages.append(start..<min(rows, start + n))
            start += n
        }
        let columns = doc.categories
        let numberWidth = 40.0, countyWidth = 136.0
        let valueWidth = (width - numberWidth - countyWidth - 80) / Double(max(columns.count, 1))
        let remarkWidth = width - numberWidth - countyWidth - valueWidth * Double(columns.count)
        for (index, range) in pages.enumerated() {
            pdf.beginPage(.portrait)
            var y = ReportPage.marginTop
            pdf.text(index == 0 ? doc.title : doc.title + "（续表）", in: Rect(x: x0, y: y, width: width, height: 34),
                     style: TextStyle(size: 16, bold: true, alignment: .center), minimumSize: 11)
            y += 36
            if index == 0 {
                let unit = doc.unit.isEmpty ? "" : "下达单位：\(doc.unit)"
                pdf.text(unit, in: Rect(x: x0, y: y, width: width * 0.7, height: 16), style: ReportPage.info,
                         minimumSize: ReportPage.minimumSize)
                pdf.text("单位：人次", in: Rect(x: x0 + width * 0.7, y: y, width: width * 0.3, height: 16),
                         style: ReportPage.info.aligned(.right))
                y += 22
            }
            let tableTop = y
            let titles = ["序号", "县（市、区）"] + columns.map { TargetsDocument.columnTitle($0).replacingOccurrences(of: "（", with: "\n（") } + ["备注"]
            let widths = [numberWidth, countyWidth] + columns.map { _ in valueWidth } + [remarkWidth]
            pdf.fill(Rect(x: x0, y: y, width: width, height: headerHeight), gray: 0.92)
            var x = x0
            for (t, w) in zip(titles, widths) {
                let cell = Rect(x: x, y: y, width: w, height: headerHeight)
                pdf.stroke(cell)
                pdf.text(t, in: cell.inset(3, 2), style: header, minimumSize: ReportPage.minimumSize)
                x += w
            }
            y += headerHeight
            for i in range {
                let isTotal = i == doc.counties.count
                if isTotal { pdf.line(x1: x0, y1: y, x2: x0 + width, y2: y, width: 1.2) }
                let values: [String] = isTotal
                    ? ["", "合计"] + columns.map { String(doc.total($0)) } + [""]
                    : [String(i + 1), doc.counties[i].name] + columns.map { doc.target(doc.counties[i].code, $0).map(String.init) ?? "—" } + [""]
                x = x0
                for (j, (v, w)) in zip(values, widths).enumerated() {
                    let cell = Rect(x: x, y: y, width: w, height: rowHeight)
                    pdf.stroke(cell)
                    var style = j < 2 ? body.aligned(.center) : body
                    if isTotal { style = style.emboldened() }
                    pdf.text(v, in: cell.inset(6, 1), style: style, minimumSize: ReportPage.minimumSize)
                    x += w
                }
                y += rowHeight
            }
            pdf.stroke(Rect(x: x0, y: tableTop, width: width, height: y - tableTop), width: 1.2)
            if index == pages.count - 1 {
                y += 8
                pdf.text("注：各县（市、区）任务按最大余数法分解，各县区之和等于全市目标任务。",
                         in: Rect(x: x0, y: y, width: width, height: 14), style: ReportPage.small, minimumSize: ReportPage.minimumSize)
                y += 34
                let half = width / 2
                pdf.text("下达单位（盖章）：", in: Rect(x: x0 + half, y: y, width: half, height: 16), style: ReportPage.info)
                pdf.text("下达日期：\(doc.issuedText)", in: Rect(x: x0 + half, y: y + 24, width: half, height: 16),
                         style: ReportPage.info)
            }
            let fy = ReportPage.height - ReportPage.marginBottom - ReportPage.footerHeight
            pdf.line(x1: x0, y1: fy - 2, x2: x0 + width, y2: fy - 2, width: 0.4, gray: 0.6)
            pdf.text("第 \(index + 1) 页 共 \(pages.count) 页", in: Rect(x: x0, y: fy, width: width, height: ReportPage.footerHeight),
                     style: ReportPage.small.aligned(.center))
        }
        try pdf.finish()
    }
}

/// The 任务分解表 as .xlsx: one row per county and the 合计 row under a
/// bold frozen header, person-times as integers (format `0`); the title,
/// 下达单位 and 下达日期 on the second sheet 表头信息. County names only.
public enum TargetsWorkbook {
    public static let tableSheet = "任务分解表"

    public static func sheets(_ doc: TargetsDocument) -> [SheetToWrite] {
        let columns = doc.categories
        func count(_ n: Int?) -> SheetValue { n.map { .number(Double($0), format: "0") } ?? .empty }
        var rows: [[SheetValue]] = doc.counties.enumerated().map { i, c in
            [count(i + 1), .text(c.name)] + columns.map { count(doc.target(c.code, $0)) }
        }
        rows.append([.empty, .text("合计")] + columns.map { count(doc.total($0)) })
        let table = SheetToWrite(name: tableSheet, header: ["序号", "县（市、区）"] + columns.map(TargetsDocument.columnTitle),
                                 rows: rows, columnWidths: [6, 16] + columns.map { _ in 26 })
        return [table, ReportWorkbook.info([("标题", doc.title), ("下达单位", doc.unit), ("下达日期", doc.issuedOn.iso),
                                            ("计量单位", "人次")])]
    }

    public static func write(_ doc: TargetsDocument, to url: URL) throws(WorkbookFailure) {
        try WorkbookFailure.writing(sheets(doc), to: url)
    }
}
