import XiangxingCore
import XiangxingNames

/// `xiangxing diff` as text to print and as CSV: each trainer's old and new
/// engagements, each county's moved sessions and people affected.
public struct DiffText: Sendable {
    public let index: ScenarioIndex
    public let language: Language
    public init(index: ScenarioIndex, language: Language = .zh) { self.index = index; self.language = language }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
    private func county(_ c: String) -> String { index.counties[c]?.name ?? c }
    private func trainer(_ id: String) -> String { index.trainers[id]?.name ?? id }
    private func kind(_ k: String) -> String { language == .zh ? (index.kinds[k]?.name ?? k) : k }
    private func dates(_ s: Session?) -> String {
        guard let s, let a = s.dates.first, let b = s.dates.last else { return t("（无）", "(none)") }
        return a == b ? a.iso : "\(a.iso)–\(b.iso)"
    }
    private func venue(_ s: Session?) -> String { s.map { index.venues[$0.venue]?.name ?? $0.venue } ?? t("（无）", "(none)") }
    private func trainers(_ s: Session?) -> String { s.map { $0.trainers.map(trainer).joined(separator: "、") } ?? t("（无）", "(none)") }

    /// One line per field that changed: (field, old, new).
    public func fields(_ c: PlanDiff.Change) -> [(String, String, String)] {
        if c.old == nil { return [(t("新增", "added"), "", "\(dates(c.new)) \(venue(c.new)) \(trainers(c.new))")] }
        if c.new == nil { return [(t("取消", "dropped"), "\(dates(c.old)) \(venue(c.old)) \(trainers(c.old))", "")] }
        var out: [(String, String, String)] = []
        if c.datesChanged { out.append((t("日期", "dates"), dates(c.old), dates(c.new))) }
        if c.trainersChanged { out.append((t("讲师", "trainers"), trainers(c.old), trainers(c.new))) }
        if c.venueChanged { out.append((t("场地", "venue"), venue(c.old), venue(c.new))) }
        return out
    }

    private func title(_ c: PlanDiff.Change) -> String {
        let s = c.new ?? c.old!
        return "\(c.session) \(county(s.county)) \(kind(s.kind))"
    }

    public func text(_ d: PlanDiff, from a: String, to b: String) -> String {
        var lines = [t("\(a) → \(b)：变动 \(d.changes.count) 个场次", "\(a) → \(b): \(d.changes.count) session(s) changed")]
        if d.isEmpty { lines.append(t("两版相同，无需通知任何人。", "The versions agree; nobody needs to be told.")); return lines.joined(separator: "\n") }
        lines.append(t("一、需通知的讲师（\(d.byTrainer.count) 人）", "1. Trainers to tell (\(d.byTrainer.count))"))
        for id in d.byTrainer.keys.sorted() {
            lines.append("  \(trainer(id))（\(id)）")
            for c in d.byTrainer[id]! {
                lines.append("    \(title(c))【\(role(c, trainer: id))】" + fields(c).map { "\($0.0)：\($0.1) → \($0.2)" }.joined(separator: t("；", "; ")))
            }
        }
        lines.append(t("二、需通知的县区（\(Set(d.byCounty.keys).union(d.attendeesMoved.keys).count) 个）", "2. Counties to tell (\(Set(d.byCounty.keys).union(d.attendeesMoved.keys).count))"))
        for c in Set(d.byCounty.keys).union(d.attendeesMoved.keys).sorted() {
            let changes = d.byCounty[c] ?? []
            lines.append(t("  \(county(c))：变动 \(changes.count) 个场次，需通知学员 \(d.attendeesMoved[c] ?? 0) 人",
                           "  \(county(c)): \(changes.count) session(s) changed, \(d.attendeesMoved[c] ?? 0) attendee(s) to tell"))
            for ch in changes {
                lines.append("    \(title(ch))：" + fields(ch).map { "\($0.0) \($0.1) → \($0.2)" }.joined(separator: t("；", "; ")))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One row per person or county to tell and field changed, for Excel
    /// (`SpreadsheetCSV`: BOM, formulas neutralised): Chinese headers, and
    /// names beside the ids (讲师 T016 司马建国, 县区 411328 唐河县, 创业意识培训).
    public func csv(_ d: PlanDiff) -> String {
        var rows: [[String]] = []
        for id in d.byTrainer.keys.sorted() {
            for c in d.byTrainer[id]! {
                let s = (c.new ?? c.old)!
                for f in fields(c) {
                    rows.append([t("讲师", "trainer"), id, trainer(id), c.session, county(c.county), kindName(s.kind), role(c, trainer: id), f.0, f.1, f.2])
                }
            }
        }
        for c in Set(d.byCounty.keys).union(d.attendeesMoved.keys).sorted() {
            for ch in d.byCounty[c] ?? [] {
                let s = (ch.new ?? ch.old)!
                for f in fields(ch) { rows.append([t("县区", "county"), c, county(c), ch.session, county(c), kindName(s.kind), "", f.0, f.1, f.2]) }
            }
            if let n = d.attendeesMoved[c], n > 0 {
                rows.append([t("县区", "county"), c, county(c), "", county(c), "", "", t("需通知学员", "attendees to tell"), "", String(n)])
            }
        }
        return SpreadsheetCSV.render(header: [t("通知对象", "audience"), t("编号", "id"), t("姓名/名称", "name"), t("场次", "session"),
                                              t("县区", "county"), t("课程类别", "kind"), t("身份", "role"), t("变动", "change"),
                                              t("原安排", "old"), t("新安排", "new")], rows: rows)
    }

    /// The kind's name in both languages: a person reads 创业意识培训, not SYB.
    private func kindName(_ k: String) -> String { index.kinds[k]?.name ?? k }

    /// 调整 / 新安排 / 已取消（不再担任） / 已取消（场次取消）: a trainer who no longer
    /// has the session finds it cancelled in the new itinerary and calendar.
    func role(_ c: PlanDiff.Change, trainer id: String) -> String {
        let had = c.old?.trainers.contains(id) ?? false, has = c.new?.trainers.contains(id) ?? false
        if had && has { return t("调整", "changed") }
        if has { return t("新安排", "newly assigned") }
        return c.new == nil ? t("已取消（场次取消）", "cancelled (session dropped)") : t("已取消（不再担任）", "cancelled (no longer teaching)")
    }

    // MARK: Attendees to tell (通知名单)

    /// One person to tell: who, how to reach them, what changed.
    public struct Notice: Sendable {
        public var county: String
        public var name: String
        /// Masked unless asked for unmasked.
        public var phone: String
        public var idNumber: String
        public var session: String
        public var kind: String
        public var change: String
        public var old: String
        public var new: String
    }

    /// The people of `county` (a code) to tell, class by class (session ids
    /// in order), and within a class in surname-aware pinyin order, as on the
    /// sign-in sheet, so a clerk can phone down the list beside it.
    public func notices(_ d: PlanDiff, county code: String, unmasked: Bool) -> [Notice] {
        let all = d.attendeeNotices.filter { $0.county == code }
        var bySession: [String: [PlanDiff.AttendeeNotice]] = [:]
        for n in all { bySession[(n.new ?? n.old)?.id ?? "", default: []].append(n) }
        let sorter = NameSorter(order: .pinyin)
        let person = { (n: PlanDiff.AttendeeNotice) in (index.attendees[n.idNumber] ?? []).first { $0.kind == n.kind } ?? index.attendees[n.idNumber]?.first }
        let ordered = bySession.keys.sorted().flatMap { key in
            sorter.sorted(bySession[key]!, name: { person($0)?.name ?? "" }, pinyin: { person($0)?.pinyin })
        }
        return ordered.map { n in
            let person = (index.attendees[n.idNumber] ?? []).first { $0.kind == n.kind } ?? index.attendees[n.idNumber]?.first
            let what: String
            switch n.reason {
            case .classChanged(let dates, let venue):
                what = [dates ? t("改期", "new dates") : nil, venue ? t("换场地", "new venue") : nil].compactMap { $0 }.joined(separator: t("、", ", "))
            case .moved: what = t("调到另一期", "moved to another class")
            case .seatLost: what = t("本期取消，转入候补", "seat lost, waitlisted")
            case .seated: what = t("新安排入班", "given a seat")
            }
            func place(_ s: Session?) -> String { s.map { "\($0.id) \(dates($0)) \(venue($0))" } ?? t("（无）", "(none)") }
            return Notice(county: county(code), name: person?.name ?? t("（名单中无此人）", "(not in attendees.csv)"),
                          phone: person.map { unmasked ? $0.phone : PhoneMask.masked($0.phone) } ?? "",
                          idNumber: unmasked ? n.idNumber : ResidentID.masked(n.idNumber),
                          session: (n.new ?? n.old)?.id ?? "", kind: kindName(n.kind), change: what,
                          old: place(n.old), new: place(n.new))
        }
    }

    /// The county's notification list for Excel: BOM, Chinese headers.
    public func noticeCSV(_ d: PlanDiff, county code: String, unmasked: Bool) -> String {
        let (header, rows) = noticeTable(d, county: code, unmasked: unmasked)
        return SpreadsheetCSV.render(header: header, rows: rows)
    }

    /// The county's notification list as header and rows (the CSV's and the .xlsx's).
    public func noticeTable(_ d: PlanDiff, county code: String, unmasked: Bool) -> (header: [String], rows: [[String]]) {
        ([t("序号", "no."), t("县区", "county"), t("姓名", "name"), t("联系电话", "phone"), t("身份证号", "ID number"),
          t("场次", "session"), t("课程类别", "kind"), t("变动", "change"), t("原安排", "old"), t("新安排", "new")],
         notices(d, county: code, unmasked: unmasked).enumerated().map { i, n in
             [String(i + 1), n.county, n.name, n.phone, n.idNumber, n.session, n.kind, n.change, n.old, n.new]
         })
    }

    /// The county's notification list to print or read out.
    public func noticeText(_ d: PlanDiff, county code: String, unmasked: Bool, from a: String, to b: String) -> String {
        let list = notices(d, county: code, unmasked: unmasked)
        var lines = [t("\(county(code)) 需通知的学员（\(a) → \(b)，共 \(list.count) 人）", "\(county(code)): attendees to tell (\(a) → \(b), \(list.count))")]
        for (i, n) in list.enumerated() {
            lines.append("  \(i + 1). \(n.name) \(n.phone) · \(n.session) \(n.kind) · \(n.change)：\(n.old) → \(n.new)")
        }
        if !unmasked { lines.append(t("（电话、身份证号已隐去部分数字；--unmasked 可给出完整号码。）", "(Phones and ID numbers are masked; --unmasked gives them in full.)")) }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Counties with people to tell, by code.
    public func noticeCounties(_ d: PlanDiff) -> [String] { Set(d.attendeeNotices.map(\.county)).sorted() }
}
