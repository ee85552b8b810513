import Foundation

import XiangxingCore
import XiangxingIO

/// What `purge` removes (or, previewed, would remove).
public struct PurgeReport: Equatable, Sendable {
    public var before: Day
    /// People whose name, resident ID and phone are gone from the whole
    /// store: no longer enrolled (withdrawn, or left out of a later import)
    /// and found only in scenarios and versions older than `before`.
    public var people: Int
    /// Older scenarios, no longer current, whose attendees' personal data
    /// and trainers' phones were removed.
    public var scenarios: [ScenarioID]
    /// Older versions in which someone's ID was replaced by a token.
    public var versions: [Int]
    /// Change-log entries whose person's name was removed.
    public var logEntries: Int
    /// People no longer enrolled who are still in the latest version or a
    /// version from `before` on: kept until a re-plan (or a later date) lets them go.
    public var stillPlanned: Int
    public var isEmpty: Bool { people == 0 && scenarios.isEmpty && logEntries == 0 }
}

/// Removing personal data the office no longer needs, keeping every count.
///
/// A person purged is replaced by one opaque token (`已清除-3F9A12BC`) in
/// every row that held them, the same token everywhere, with the name
/// `（已清除）` and no phone: so each version keeps its attendees per
/// session and per county and kind, `diff` between any two versions
/// still counts the same people moved, and their attendance records (the
/// same token) still count their completed classes. Rows are never deleted, and nothing
/// outside the store file is touched (plan folders and printed rosters are
/// the office's own files).
///
///     let preview = try store.purgePreview(before: day("2020-01-01"))
///     let done = try store.purge(before: day("2020-01-01"), by: "office")
extension PlanStore {
    public static let purgedName = "（已清除）"
    public static let purgedTokenPrefix = "已清除-"

    /// What `purge(before:by:)` would remove, changing nothing.
    public func purgePreview(before: Day) throws -> PurgeReport {
        try backend.read { db in try Purge(before: before, db).report }
    }

    /// Removes it, in one transaction with its change-log entry, then
    /// rewrites the store (`StoreBackend.compact`: SQLite VACUUM and WAL
    /// truncated; PostgreSQL VACUUM FULL of the city's tables) so the old
    /// bytes are gone from the disk too. Refused while someone is planning.
    ///
    /// - Returns: what was removed, and whether the old bytes are gone
    ///   (false when another program kept the WAL open: they go at its next checkpoint).
    @discardableResult
    public func purge(before: Day, by who: String) throws -> (report: PurgeReport, bytesGone: Bool) {
        let report = try backend.write { db -> PurgeReport in
            try checkSave(parent: nil, lease: nil, db)
            let purge = try Purge(before: before, db)
            let r = purge.report
            guard !r.isEmpty else { return r }
            try purge.apply(db)
            let versions = r.versions.isEmpty ? "" : "，第 \(r.versions.map(String.init).joined(separator: "、")) 版"
            let versionsEn = r.versions.isEmpty ? "" : ", versions \(r.versions.map(String.init).joined(separator: ", "))"
            try record(.personalDataPurged, subject: "purge",
                       Bilingual(zh: "清除 \(before) 之前的个人信息：\(r.people) 人（姓名、身份证号、电话）\(versions)，旧场景 \(r.scenarios.count) 个，变动记录 \(r.logEntries) 条；各版人数不变",
                                 en: "purged personal data before \(before): \(r.people) people (names, IDs, phones)\(versionsEn), \(r.scenarios.count) older scenario(s), \(r.logEntries) log entries; every version's counts kept"),
                       by: who, at: now(), scenario: try ScenarioTables.currentID(db)?.rawValue, db)
            return r
        }
        guard !report.isEmpty else { return (report, true) }
        return (report, try backend.compact())
    }
}

/// The purge worked out against one transaction's view of the store.
private struct Purge {
    let before: Day
    let report: PurgeReport
    /// Person → token, for everyone whose rows in old scenarios change.
    let tokens: [String: String]
    /// The people gone from the whole store (a subset of `tokens`' keys).
    let gone: Set<String>
    let oldScenarios: [Int64]
    let oldVersions: [Int]
    let withdrawals: [(id: Int64, kind: String)]

    init(before: Day, _ db: any StoreDB) throws {
        self.before = before
        let cutoff = Purge.cutoff(before)
        let current = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM scenario")
        let latest = try Int.fetchOne(db, sql: "SELECT MAX(number) FROM plan_version")
        let scenarios = try StoreRow.fetchAll(db, sql: "SELECT id, imported_at FROM scenario ORDER BY id")
        let versions = try StoreRow.fetchAll(db, sql: "SELECT number, created_at FROM plan_version ORDER BY number")
        let oldScenarios: [Int64] = scenarios.filter { $0["id"] != current && ($0["imported_at"] as String) < cutoff }.map { $0["id"] }
        let oldVersions = versions.filter { $0["number"] != latest && ($0["created_at"] as String) < cutoff }.map { $0["number"] as Int }
        self.oldScenarios = oldScenarios
        self.oldVersions = oldVersions
        let keptScenarios = scenarios.map { $0["id"] as Int64 }.filter { !oldScenarios.contains($0) }
        let keptVersions = versions.map { $0["number"] as Int }.filter { !oldVersions.contains($0) }

        func attendees(_ ids: [Int64]) throws -> Set<String> {
            guard !ids.isEmpty else { return [] }
            return Set(try String.fetchAll(db, sql: "SELECT id_number FROM attendee WHERE scenario_id IN (\(ids.map(String.init).joined(separator: ",")))"))
        }
        func assigned(_ ns: [Int]) throws -> Set<String> {
            guard !ns.isEmpty else { return [] }
            let list = ns.map(String.init).joined(separator: ",")
            var out = Set(try String.fetchAll(db, sql: "SELECT id_number FROM plan_assignment WHERE version IN (\(list))"))
            for text in try String.fetchAll(db, sql: "SELECT text FROM plan_file WHERE name = 'waitlist.csv' AND version IN (\(list))") {
                out.formUnion(Purge.waitlistIDs(text))
            }
            return out
        }
        let enrolled = try attendees(current.map { [$0] } ?? [])
        let kept = try attendees(keptScenarios).union(assigned(keptVersions))
        let old = try attendees(oldScenarios).union(assigned(oldVersions))
        let isToken = { (id: String) in id.hasPrefix(PlanStore.purgedTokenPrefix) }
        let gone = Set(old.subtracting(kept).filter { !isToken($0) })
        self.gone = gone
        // In old scenarios everyone is replaced; people still kept elsewhere get a token used only there.
        let everyone = try attendees(oldScenarios).filter { !isToken($0) }
        var tokens: [String: String] = [:]
        for id in gone.union(everyone).sorted() { tokens[id] = PlanStore.purgedTokenPrefix + Purge.randomTag() }
        self.tokens = tokens
        let everyAssigned = try assigned(versions.map { $0["number"] as Int })
        let stillPlanned = everyAssigned.subtracting(enrolled).filter { !isToken($0) && kept.contains($0) }.count

        let withdrawals: [(id: Int64, kind: String)] = try StoreRow.fetchAll(db, sql: """
            SELECT id, description_zh FROM event WHERE kind = 'attendee_withdrawn' AND at < ? ORDER BY id
            """, arguments: [cutoff]).compactMap { r in
            let zh: String = r["description_zh"]
            guard !zh.hasPrefix("学员\(PlanStore.purgedName)"), let range = zh.range(of: "退出 ", options: .backwards) else { return nil }
            return (id: r["id"], kind: String(zh[range.upperBound...]))
        }
        self.withdrawals = withdrawals
        let touchedVersions = gone.isEmpty || oldVersions.isEmpty ? [] : try Int.fetchAll(db, sql: """
            SELECT DISTINCT version FROM plan_assignment WHERE version IN (\(oldVersions.map(String.init).joined(separator: ",")))
            AND id_number IN (\(gone.map { "'\($0.replacingOccurrences(of: "'", with: "''"))'" }.joined(separator: ",")))
            """)
        let waitlisted = try oldVersions.filter { n in
            try String.fetchAll(db, sql: "SELECT text FROM plan_file WHERE name = 'waitlist.csv' AND version = ?", arguments: [n])
                .contains { !Purge.waitlistIDs($0).isDisjoint(with: gone) }
        }
        let phones = oldScenarios.isEmpty ? 0 : try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM trainer WHERE phone IS NOT NULL AND scenario_id IN (\(oldScenarios.map(String.init).joined(separator: ",")))
            """) ?? 0
        let scenariosTouched = try oldScenarios.filter { sid in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM attendee WHERE scenario_id = ? AND id_number NOT LIKE '\(PlanStore.purgedTokenPrefix)%'
                """, arguments: [sid]) ?? 0 > 0
        } + (phones > 0 ? oldScenarios : [])
        report = PurgeReport(before: before, people: gone.count, scenarios: Array(Set(scenariosTouched)).sorted().map(ScenarioID.init),
                             versions: Array(Set(touchedVersions + waitlisted)).sorted(), logEntries: withdrawals.count,
                             stillPlanned: stillPlanned)
    }

    func apply(_ db: any StoreDB) throws {
        let scenarioList = oldScenarios.map(String.init).joined(separator: ",")
        if !oldScenarios.isEmpty {
            let attendee = db.statement("""
                UPDATE attendee SET id_number = ?, name = ?, phone = '', township = '', pinyin = NULL
                WHERE id_number = ? AND scenario_id IN (\(scenarioList))
                """)
            for (id, token) in tokens { try attendee.execute(arguments: [token, PlanStore.purgedName, id]) }
            try db.execute(sql: "UPDATE trainer SET phone = NULL WHERE phone IS NOT NULL AND scenario_id IN (\(scenarioList))")
        }
        if !oldVersions.isEmpty && !gone.isEmpty {
            let versionList = oldVersions.map(String.init).joined(separator: ",")
            let assignment = db.statement("UPDATE plan_assignment SET id_number = ? WHERE id_number = ? AND version IN (\(versionList))")
            for id in gone { try assignment.execute(arguments: [tokens[id]!, id]) }
            for r in try StoreRow.fetchAll(db, sql: "SELECT version, text FROM plan_file WHERE name = 'waitlist.csv' AND version IN (\(versionList))") {
                let text: String = r["text"]
                let replaced = Purge.replacingInWaitlist(text, tokens.filter { gone.contains($0.key) })
                if replaced != text {
                    try db.execute(sql: "UPDATE plan_file SET text = ? WHERE version = ? AND name = 'waitlist.csv'",
                                   arguments: [replaced, r["version"] as Int])
                }
            }
        }
        if !gone.isEmpty {
            // Attendance keeps each person's days (a class's completions are
            // counted per person), so their rows take the person's token.
            let attendance = db.statement("UPDATE attendance_training SET id_number = ? WHERE id_number = ?")
            for id in gone { try attendance.execute(arguments: [tokens[id]!, id]) }
        }
        for w in withdrawals {
            try db.execute(sql: "UPDATE event SET description_zh = ?, description_en = ? WHERE id = ?", arguments: [
                "学员\(PlanStore.purgedName)退出 \(w.kind)", "an attendee (purged) withdrew from \(w.kind)", w.id])
        }
    }

    /// The first moment of `day` in Asia/Shanghai, as a stored timestamp.
    static func cutoff(_ day: Day) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Shanghai")!
        let date = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.dayOfMonth))!
        return Timestamp.text(date)
    }

    static func randomTag() -> String {
        String(UInt32.random(in: .min ... .max), radix: 16, uppercase: true).leftPadded(to: 8)
    }

    /// waitlist.csv: `id_number,name,county,kind,reason`.
    static func waitlistIDs(_ text: String) -> Set<String> {
        Set(CSV.parse(text, file: "waitlist.csv").records.dropFirst().compactMap(\.fields.first))
    }

    static func replacingInWaitlist(_ text: String, _ tokens: [String: String]) -> String {
        let records = CSV.parse(text, file: "waitlist.csv").records
        guard let header = records.first?.fields else { return text }
        var changed = false
        let rows = records.dropFirst().map { r -> [String] in
            var f = r.fields
            if let id = f.first, let token = tokens[id] {
                f[0] = token
                if f.count > 1 { f[1] = PlanStore.purgedName }
                changed = true
            }
            return f
        }
        return changed ? CSV.render(header: header, rows: rows) : text
    }
}

private extension String {
    func leftPadded(to n: Int) -> String { count >= n ? self : String(repeating: "0", count: n - count) + self }
}
