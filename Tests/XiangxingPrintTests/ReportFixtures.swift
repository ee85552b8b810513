import Foundation
import XiangxingCore
import XiangxingPrint

/// A September report of the demo's 17 counties with hand-set figures:
/// 唐河县 behind on training, 邓州市 ahead, the rest in between.
enum ReportFixtures {
    static let counties: [(code: String, name: String)] = [
        ("411302", "宛城区"), ("411303", "卧龙区"), ("411321", "南召县"), ("411322", "方城县"), ("411323", "西峡县"),
        ("411324", "镇平县"), ("411325", "内乡县"), ("411326", "淅川县"), ("411327", "社旗县"), ("411328", "唐河县"),
        ("411329", "新野县"), ("411330", "桐柏县"), ("411381", "邓州市"), ("NY-GX", "南阳高新技术产业开发区"),
        ("NY-SF", "南阳市城乡一体化示范区"), ("NY-GZ", "官庄工区"), ("NY-YH", "鸭河工区"),
    ]

    /// Training targets 3,500 and mentoring 7,200 over the counties; planned
    /// to date 70% of target, delivered 55%–90% (唐河县 training 120 of 180
    /// planned: behind; 邓州市 delivered above planned).
    static func rows(only: String? = nil) -> [ReportRow] {
        let trainingTargets = [300, 260, 150, 230, 140, 220, 160, 170, 160, 260, 180, 140, 350, 220, 200, 120, 240]
        let mentoringTargets = [600, 520, 320, 460, 300, 440, 330, 360, 330, 520, 380, 300, 700, 440, 420, 240, 540]
        var out: [ReportRow] = []
        for (i, c) in counties.enumerated() where only == nil || c.code == only {
            for (k, target) in [(KindCategory.training, trainingTargets[i]), (.mentoring, mentoringTargets[i])] {
                let planned = target * 7 / 10
                var delivered = planned * (8 + i % 3) / 10
                if c.code == "411381" { delivered = planned + 20 }
                if c.code == "411328" && k == .training { delivered = 120 }
                out.append(ReportRow(county: c.code, category: k, target: target, plannedYear: target + 10, plannedToDate: planned,
                                     deliveredMonth: delivered / 6, deliveredToDate: delivered))
            }
        }
        for k in [KindCategory.training, .mentoring] {
            let part = out.filter { $0.category == k }
            out.append(ReportRow(county: ReportRow.cityTotal, category: k, target: part.reduce(0) { $0 + ($1.target ?? 0) },
                                 plannedYear: part.reduce(0) { $0 + $1.plannedYear },
                                 plannedToDate: part.reduce(0) { $0 + $1.plannedToDate },
                                 deliveredMonth: part.reduce(0) { $0 + $1.deliveredMonth },
                                 deliveredToDate: part.reduce(0) { $0 + $1.deliveredToDate }))
        }
        return out
    }

    /// Cumulative figures from January on, reaching the 合计 rows in September.
    static func series(_ rows: [ReportRow]) -> [ReportSeriesPoint] {
        let total = rows.filter { $0.county == ReportRow.cityTotal }
        return (1...9).map { m in
            var planned: [KindCategory: Int] = [:], delivered: [KindCategory: Int] = [:]
            for r in total {
                let startMonth = 3
                let f = m < startMonth ? 0 : Double(m - startMonth + 1) / Double(9 - startMonth + 1)
                planned[r.category] = Int(Double(r.plannedToDate) * f)
                delivered[r.category] = Int(Double(r.deliveredToDate) * f * f)
            }
            return ReportSeriesPoint(month: ReportMonth("2019-0\(m)")!, plannedToDate: planned, deliveredToDate: delivered)
        }
    }

    static func document(only: String? = nil) -> ReportDocument {
        let rows = rows(only: only)
        let name = only.flatMap { code in counties.first { $0.code == code }?.name }
        return ReportDocument(
            title: (name ?? "南阳市") + "返乡创业情况统计表", subtitle: "南阳市2019年返乡创业培训与创业讲师乡村行",
            month: ReportMonth("2019-09")!, periodStart: Day(iso: "2019-01-01")!,
            unit: name.map { "\($0)人力资源和社会保障局" } ?? "南阳市人力资源和社会保障局", preparer: "王建国",
            filedOn: Day(iso: "2019-10-08")!, printed: PrintedFrom(plan: "第3版", on: Day(iso: "2019-10-08")!),
            countyNames: Dictionary(uniqueKeysWithValues: counties.map { ($0.code, $0.name) }),
            rows: rows, series: series(rows))
    }

    /// The LibreOffice binary, or nil (CI has none).
    static let soffice: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    /// Converts `file` with LibreOffice (`--convert-to csv` or `xlsx`) into `folder`.
    static func convert(_ file: URL, to format: String, in folder: URL) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: soffice!)
        // A profile of its own: a second LibreOffice (another test, the user's) must not block this one.
        let profile = folder.appendingPathComponent("lo-profile")
        process.arguments = ["-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to", format,
                             "--outdir", folder.path, file.path]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        let ext = String(format.split(separator: ":").first ?? "")
        return folder.appendingPathComponent(file.deletingPathExtension().lastPathComponent + "." + ext)
    }
}
