import Foundation
import XiangxingCore
import XiangxingSheets

/// The monthly report and the 任务分解表 as .xlsx: the table on the first
/// sheet under a bold frozen header (row 1, no title row, so the sheet
/// sorts and filters as it is), person-times as integers (format `0`),
/// the share of target as a number (format `0.00%`); the title, 填报单位,
/// 填报人, date and plan version on a second sheet 表头信息. County names
/// only: no code or ID appears.
///
///     try ReportWorkbook.write(document, to: URL(fileURLWithPath: "返乡创业情况统计表-2019-09.xlsx"))
public enum ReportWorkbook {
    public static let tableSheet = "统计表", infoSheet = "表头信息"

    public static func header(_ doc: ReportDocument) -> [String] {
        ["县（市、区）", "类别", "年度目标", "全年计划", "累计计划（\(doc.toDateText)）", "本月完成（\(doc.month.month)月）",
         "累计完成（\(doc.toDateText)）", "完成率", "进度"]
    }

    public static func sheets(_ doc: ReportDocument) -> [SheetToWrite] {
        func count(_ n: Int) -> SheetValue { .number(Double(n), format: "0") }
        let rows: [[SheetValue]] = doc.rows.map { r in
            [.text(doc.name(of: r.county)), .text(ReportDocument.categoryName(r.category)),
             r.target.map(count) ?? .empty, count(r.plannedYear), count(r.plannedToDate), count(r.deliveredMonth),
             count(r.deliveredToDate),
             ReportDocument.share(r.deliveredToDate, of: r.target).map { _ in .number(Double(r.shareOfTarget)!, format: "0.00%") } ?? .empty,
             .text(r.isBehind ? "▲ 落后于计划" : "")]
        }
        let table = SheetToWrite(name: tableSheet, header: header(doc), rows: rows,
                                 columnWidths: [14, 11, 10, 10, 16, 14, 16, 10, 14])
        return [table, info([
            ("标题", "\(doc.title) \(doc.monthText)"),
            ("项目", doc.subtitle),
            ("统计期间", "\(doc.periodStart.iso) 至 \(doc.month.lastDay.iso)"),
            ("填报单位", doc.unit), ("填报人", doc.preparer), ("填报日期", doc.filedOn.iso),
            ("计量单位", "人次"), ("计划版本", doc.printed?.plan ?? ""),
            ("说明", "累计完成低于累计计划的行标“▲ 落后于计划”；完成率 = 累计完成 ÷ 年度目标，空白为未下达目标。"),
        ])]
    }

    public static func write(_ doc: ReportDocument, to url: URL) throws(WorkbookFailure) {
        try WorkbookFailure.writing(sheets(doc), to: url)
    }

    static func info(_ items: [(String, String)]) -> SheetToWrite {
        SheetToWrite(name: infoSheet, header: ["项目", "内容"], rows: items.map { [.text($0.0), .text($0.1)] },
                     columnWidths: [12, 80])
    }
}

/// Why a workbook could not be written, in both languages (libxlsxwriter's
/// reason, a full disk, a folder that cannot be written).
public struct WorkbookFailure: Error, Sendable {
    public var message: Bilingual

    static func writing(_ sheets: [SheetToWrite], to url: URL) throws(WorkbookFailure) {
        do throws(SheetWriteError) { try WorkbookWriter.write(sheets, to: url) } catch {
            throw WorkbookFailure(message: Bilingual(zh: error.zh, en: error.en))
        }
    }
}
