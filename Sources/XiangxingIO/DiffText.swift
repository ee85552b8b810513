import XiangxingCore

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
                let had = c.old?.trainers.contains(id) ?? false, has = c.new?.trainers.contains(id) ?? false
                let role = had && has ? t("调整", "changed") : had ? t("不再担任", "no longer teaching") : t("新安排", "newly assigned")
                lines.append("    \(title(c))【\(role)】" + fields(c).map { "\($0.0)：\($0.1) → \($0.2)" }.joined(separator: t("；", "; ")))
            }
        }
        lines.append(t("二、需通知的县区（\(Set(d.byCounty.keys).union(d.attendeesMoved.keys).count) 个）", "2. Counties to tell (\(Set(d.byCounty.keys).union(d.attendeesMoved.keys).count))"))
        for c in Set(d.byCounty.keys).union(d.attendeesMoved.keys).sorted() {
            let changes = d.byCounty[c] ?? []
            lines.append(t("  \(county(c))：变动 \(changes.count) 个场次，影响学员 \(d.attendeesMoved[c] ?? 0) 人",
                           "  \(county(c)): \(changes.count) session(s) changed, \(d.attendeesMoved[c] ?? 0) attendee(s) affected"))
            for ch in changes {
                lines.append("    \(title(ch))：" + fields(ch).map { "\($0.0) \($0.1) → \($0.2)" }.joined(separator: t("；", "; ")))
            }
        }
        return lines.joined(separator: "\n")
    }

    /// One row per person or county to tell and field changed.
    public func csv(_ d: PlanDiff) -> String {
        var rows: [[String]] = []
        for id in d.byTrainer.keys.sorted() {
            for c in d.byTrainer[id]! {
                for f in fields(c) { rows.append(["trainer", id, trainer(id), c.session, c.county, (c.new ?? c.old)!.kind, f.0, f.1, f.2]) }
            }
        }
        for c in Set(d.byCounty.keys).union(d.attendeesMoved.keys).sorted() {
            for ch in d.byCounty[c] ?? [] {
                for f in fields(ch) { rows.append(["county", c, county(c), ch.session, c, (ch.new ?? ch.old)!.kind, f.0, f.1, f.2]) }
            }
            if let n = d.attendeesMoved[c], n > 0 {
                rows.append(["county", c, county(c), "", c, "", t("学员变动", "attendees moved"), "", String(n)])
            }
        }
        return CSV.render(header: ["audience", "id", "name", "session", "county", "kind", "change", "old", "new"], rows: rows)
    }
}
