import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// What changed between two plan versions, and who must be told.
public enum VersionDiff {
    public struct Compared: Sendable {
        public var diff: PlanDiff
        public var words: DiffText
        /// "第1版" / "v1".
        public var from: String
        public var to: String
    }

    /// The diff of versions `a` and `b` of the store.
    public static func compare(_ office: OfficeStore, _ a: Int, _ b: Int) throws -> Compared {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let va = try office.version(db, a), vb = try office.version(db, b)
        let zh = office.language == .zh
        return Compared(diff: PlanDiff(old: va.plan, new: vb.plan), words: DiffText(index: index, language: office.language),
                        from: zh ? "第\(a)版" : "v\(a)", to: zh ? "第\(b)版" : "v\(b)")
    }

    /// The notification lists written: per county its name and how many to tell.
    public struct Notices: Sendable {
        public var folder: URL
        public var counties: [(name: String, attendees: Int)]
    }

    /// One CSV, one .xlsx and one text list per county, all or nothing,
    /// through the same safe folder replace as every other output
    /// (docs/guarantees.md): earlier lists in the folder are carried over, a
    /// clerk's file is never deleted. The lists name people, so every file is
    /// 0600, masked or not.
    public static func writeNotices(_ office: OfficeStore, _ a: Int, _ b: Int, into out: String, unmasked: Bool) throws -> Notices {
        let c = try compare(office, a, b)
        let (d, words) = (c.diff, c.words)
        let counties = words.noticeCounties(d)
        func name(_ county: String) -> String { words.index.counties[county]?.name ?? county }
        let folder = try OfficeFolders.prepare(out, kind: .notices, protecting: [office.path], language: office.language, carryOver: true)
        try OfficeFolders.attempt(office.language) {
            for county in counties {
                let file = safe(name(county))
                try folder.write("通知名单-\(file)-含个人信息.csv", words.noticeCSV(d, county: county, unmasked: unmasked), personal: true)
                let (header, rows) = words.noticeTable(d, county: county, unmasked: unmasked)
                try folder.write("通知名单-\(file)-含个人信息.xlsx",
                                 SpreadsheetXLSX.data(sheet: "通知名单-\(file)", header: header, rows: rows), personal: true)
                try folder.write("通知名单-\(file)-含个人信息.txt", words.noticeText(d, county: county, unmasked: unmasked, from: c.from, to: c.to),
                                 personal: true)
            }
            try folder.commit()
        }
        return Notices(folder: folder.target, counties: counties.map { county in
            (name: name(county), attendees: d.attendeeNotices.filter { $0.county == county }.count)
        })
    }

    /// A county's name made safe for a file name (spaces too).
    public static func safe(_ s: String) -> String {
        String(s.map { "/\\:*?\"<>|".contains($0) || $0.isWhitespace ? "_" : $0 })
    }
}
