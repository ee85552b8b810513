import Foundation
import XiangxingCore

/// report.csv and targets.csv (contract files, `CSV.render`) and report.txt
/// for people.
public enum ProgrammeWriting {
    public static let reportHeader = ["county", "category", "target", "planned_year", "planned_to_date",
                                      "delivered_month", "delivered_to_date", "share_of_target"]

    public static func reportCSV(_ rows: [ReportRow]) -> String {
        CSV.render(header: reportHeader, rows: rows.map { r in
            [r.county, r.category.rawValue, r.target.map(String.init) ?? "", String(r.plannedYear), String(r.plannedToDate),
             String(r.deliveredMonth), String(r.deliveredToDate), r.shareOfTarget]
        })
    }

    public static func targetsCSV(_ targets: [CountyTarget]) -> String {
        CSV.render(header: ["county", "category", "person_times"],
                   rows: targets.map { [$0.county, $0.category.rawValue, String($0.personTimes)] })
    }

    /// The monthly report as a clerk reads it: aligned columns (a Chinese
    /// character counts two columns), behind-schedule rows marked ▲.
    public static func reportText(_ rows: [ReportRow], scenario: Scenario, month: ReportMonth, language: Language) -> String {
        var names: [String: String] = [:]
        for c in scenario.counties { names[c.code] = c.name }
        let zh = language == .zh
        let header = zh ? ["县区", "类别", "目标", "全年计划", "累计计划", "本月完成", "累计完成", "完成率", ""]
                        : ["county", "category", "target", "planned year", "planned to date", "this month", "to date", "of target", ""]
        var table = [header]
        for r in rows {
            let category = zh ? (r.category == .training ? "培训" : "乡村行") : r.category.rawValue
            let share = r.shareOfTarget.isEmpty ? "—" : percent(r.shareOfTarget)
            table.append([r.county == ReportRow.cityTotal ? (zh ? "合计" : "city total") : (names[r.county] ?? r.county), category,
                          r.target.map(String.init) ?? "—", String(r.plannedYear), String(r.plannedToDate),
                          String(r.deliveredMonth), String(r.deliveredToDate), share,
                          r.isBehind ? (zh ? "▲ 落后于计划" : "▲ behind plan") : ""])
        }
        let widths = header.indices.map { i in table.map { width($0[i]) }.max() ?? 0 }
        let lines = table.map { row in
            row.indices.map { i in
                let pad = String(repeating: " ", count: widths[i] - width(row[i]))
                return i < 2 ? row[i] + pad : (i == row.count - 1 ? row[i] : pad + row[i])
            }.joined(separator: "  ").trimmingTrailingSpaces()
        }
        let behind = rows.filter { $0.isBehind && $0.county != ReportRow.cityTotal }.count
        let title = zh ? "\(scenario.settings.name) 返乡创业情况统计表 \(month.year) 年 \(month.month) 月（\(scenario.settings.start) 至 \(month.lastDay)）"
                       : "\(scenario.settings.name): programme report for \(month.text) (\(scenario.settings.start) to \(month.lastDay))"
        let foot = zh ? (behind == 0 ? "各县区均不落后于计划。" : "▲ 累计完成少于累计计划：\(behind) 行。")
                      : (behind == 0 ? "No county is behind plan." : "▲ delivered to date below planned to date: \(behind) row(s).")
        return ([title, ""] + lines + ["", foot]).joined(separator: "\n") + "\n"
    }

    static func percent(_ share: String) -> String {
        // "0.1234" → "12.34%"
        let digits = share.replacingOccurrences(of: ".", with: "")
        let n = Int(digits) ?? 0
        let frac = n % 100
        return "\(n / 100)." + (frac < 10 ? "0\(frac)" : "\(frac)") + "%"
    }

    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x2E80 && $1.value != 0x25B2 ? 2 : 1) }
    }
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
