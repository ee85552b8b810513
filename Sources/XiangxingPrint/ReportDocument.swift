import XiangxingCore

/// The monthly report (返乡创业情况统计表) as an office signs and sends it:
/// the rows of `ProgrammeReport.rows` with the county names, who files it
/// and when, and the month-by-month series of the line chart. The PDF and
/// the workbook are both drawn from it, so they show the same figures as
/// report.csv.
///
///     let doc = ReportDocument(title: "返乡创业情况统计表", subtitle: "南阳市2019年返乡创业培训与创业讲师乡村行",
///                              month: ReportMonth("2019-09")!, periodStart: day("2019-01-01"),
///                              unit: "南阳市人力资源和社会保障局", preparer: "王建国", filedOn: day("2019-10-08"),
///                              printed: PrintedFrom(plan: "第3版", on: day("2019-10-08")),
///                              countyNames: ["411328": "唐河县"], rows: rows, series: series)
public struct ReportDocument: Sendable {
    /// "返乡创业情况统计表"; a county's report "唐河县返乡创业情况统计表".
    public var title: String
    /// The scenario's name, printed under the title with the month.
    public var subtitle: String
    public var month: ReportMonth
    /// The period's first day: "to date" runs from it.
    public var periodStart: Day
    /// 填报单位; empty leaves the line to be filled in by hand.
    public var unit: String
    /// 填报人; empty leaves the line to be filled in by hand.
    public var preparer: String
    /// 填报日期.
    public var filedOn: Day
    /// Which plan version the figures come from, printed on every page.
    public var printed: PrintedFrom?
    /// County code → name, in the order the rows list them.
    public var countyNames: [String: String]
    /// `ProgrammeReport.rows`: county rows (training, mentoring) then the 合计 rows.
    public var rows: [ReportRow]
    /// `ProgrammeReport.series` for the same counties: the line chart.
    public var series: [ReportSeriesPoint]

    public init(title: String, subtitle: String, month: ReportMonth, periodStart: Day, unit: String, preparer: String,
                filedOn: Day, printed: PrintedFrom?, countyNames: [String: String], rows: [ReportRow],
                series: [ReportSeriesPoint]) {
        self.title = title; self.subtitle = subtitle; self.month = month; self.periodStart = periodStart
        self.unit = unit; self.preparer = preparer; self.filedOn = filedOn; self.printed = printed
        self.countyNames = countyNames; self.rows = rows; self.series = series
    }

    /// The 合计 row of a category.
    public func total(_ category: KindCategory) -> ReportRow? {
        rows.first { $0.county == ReportRow.cityTotal && $0.category == category }
    }

    /// The county rows of a category, in table order.
    public func countyRows(_ category: KindCategory) -> [ReportRow] {
        rows.filter { $0.county != ReportRow.cityTotal && $0.category == category }
    }

    /// The county (or 合计) as printed.
    public func name(of county: String) -> String {
        county == ReportRow.cityTotal ? "合计" : (countyNames[county] ?? county)
    }

    /// "2019年9月".
    public var monthText: String { "\(month.year)年\(month.month)月" }

    /// "1—9月" (or "2018年12月—2019年9月" over a year's end): the to-date columns.
    public var toDateText: String {
        let first = ReportMonth(periodStart)
        if first.year == month.year {
            return first.month == month.month ? "\(month.month)月" : "\(first.month)—\(month.month)月"
        }
        return "\(first.year)年\(first.month)月—\(month.year)年\(month.month)月"
    }

    /// Rows marked ▲ (delivered to date below planned to date), 合计 included.
    public var behindCount: Int { rows.filter(\.isBehind).count }

    static func categoryName(_ category: KindCategory) -> String {
        category == .training ? "创业培训" : "乡村行帮扶"
    }

    /// delivered / target as a fraction (0.4521), nil without a target.
    static func share(_ value: Int, of target: Int?) -> Double? {
        guard let target, target > 0 else { return nil }
        return Double(value) / Double(target)
    }

    /// "45.21%" from report.csv's four-place share (the same rounding).
    static func percent(_ row: ReportRow) -> String {
        let s = row.shareOfTarget
        guard !s.isEmpty else { return "—" }
        let n = Int(s.replacingOccurrences(of: ".", with: "")) ?? 0
        let frac = n % 100
        return "\(n / 100)." + (frac < 10 ? "0\(frac)" : "\(frac)") + "%"
    }
}
