import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingStore

/// What the office's templates show, made from the Office's results: plain
/// dictionaries of strings, numbers and lists, in Chinese.
enum OfficePageData {
    /// The data with, beside every list `x`, a flag `has_x` (true when not
    /// empty), at every depth: templates test the flag, since a mustache
    /// section over an empty list still renders what wraps it otherwise.
    static func flagged(_ value: Any) -> Any {
        if let d = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (k, v) in d {
                out[k] = flagged(v)
                if let list = v as? [Any] { out["has_" + k] = !list.isEmpty }
            }
            return out
        }
        if let list = value as? [[String: Any]] { return list.map { flagged($0) } }
        return value
    }

    // MARK: words

    /// A store time as people in China read it: 2019-09-20 14:05.
    static func when(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(secondsFromGMT: 8 * 3600)
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f.string(from: date)
    }

    /// Who as the log records it (`web:office` for a page's account).
    static func who(_ recorded: String) -> String { recorded }

    static func km(_ x: Double) -> String { String(format: "%.1f", x) }

    static func signed(_ x: Double) -> String {
        let r = (x * 10).rounded() / 10 + 0
        return String(format: "%+.1f", r)
    }

    static func versionLine(_ v: VersionInfo) -> String {
        "第\(v.number)版（\(when(v.createdAt))，\(v.author)）：\(v.reason)"
    }

    // MARK: the year at a glance

    static func overview(_ o: YearOverview) -> [String: Any] {
        let kinds: [(code: String, name: String)] = {
            var seen: [String] = [], out: [(code: String, name: String)] = []
            for r in o.rows where !seen.contains(r.kind) { seen.append(r.kind); out.append((code: r.kind, name: r.kindName)) }
            return out
        }()
        var counties: [[String: Any]] = []
        var order: [String] = []
        for r in o.rows where !order.contains(r.county) { order.append(r.county) }
        var totals: [String: (planned: Int, demanded: Int)] = [:]
        var enrolledAll = 0, seatedAll = 0
        for code in order {
            let rows = o.rows.filter { $0.county == code }
            let cells: [[String: Any]] = kinds.map { k in
                guard let r = rows.first(where: { $0.kind == k.code }) else { return ["text": "—", "short": false] }
                totals[k.code, default: (0, 0)].planned += r.planned
                totals[k.code, default: (0, 0)].demanded += r.demanded
                return ["text": "\(r.planned)/\(r.demanded)", "short": r.isShort, "left": r.unscheduled, "hasLeft": r.unscheduled > 0]
            }
            let training = rows.filter { $0.category == .training }
            let enrolled = training.reduce(0) { $0 + $1.enrolled }, seated = training.reduce(0) { $0 + $1.seated }
            enrolledAll += enrolled; seatedAll += seated
            counties.append(["name": rows[0].countyName, "code": code, "cells": cells, "enrolled": enrolled, "seated": seated,
                             "waiting": enrolled > seated])
        }
        let totalCells: [[String: Any]] = kinds.map { k in
            let t = totals[k.code] ?? (0, 0)
            return ["text": "\(t.planned)/\(t.demanded)", "short": t.planned < t.demanded]
        }
        var d: [String: Any] = [
            "scenario": o.scenarioName,
            "kinds": kinds.map { ["name": $0.name] },
            "counties": counties,
            "totals": ["cells": totalCells, "enrolled": enrolledAll, "seated": seatedAll] as [String: Any],
            "unscheduled": o.unscheduled.map { ["ref": $0.ref, "county": $0.countyName, "kind": $0.kindName, "reason": $0.reason] },
            "hasUnscheduled": !o.unscheduled.isEmpty,
            "unscheduledCount": o.unscheduled.count,
            "month": "\(o.month.year)年\(o.month.month)月",
        ]
        if let v = o.version {
            d["version"] = ["line": versionLine(v), "number": v.number, "scheduled": v.summary.scheduled,
                            "unscheduled": v.summary.unscheduled, "km": km(v.summary.travel_km)] as [String: Any]
        }
        if let p = o.planning, p.isLive {
            d["planning"] = "第 \(p.version) 版正在由 \(p.who) 重排（开始于 \(when(p.startedAt))）"
        }
        if !o.progress.isEmpty {
            d["progress"] = o.progress.map { p -> [String: Any] in
                let r = p.row
                return ["county": p.countyName, "category": r.category == .training ? "培训" : "乡村行",
                        "target": r.target.map(String.init) ?? "—", "plannedYear": r.plannedYear, "plannedToDate": r.plannedToDate,
                        "deliveredToDate": r.deliveredToDate, "share": share(r), "behind": r.isBehind,
                        "total": p.county == ReportRow.cityTotal]
            }
            d["chartTraining"] = ProgressChart.svg(o.progress.filter { $0.county != ReportRow.cityTotal && $0.row.category == .training },
                                                   title: "培训（人次）")
            d["chartMentoring"] = ProgressChart.svg(o.progress.filter { $0.county != ReportRow.cityTotal && $0.row.category == .mentoring },
                                                    title: "乡村行帮扶（人次）")
            d["behindCount"] = o.progress.filter { $0.county != ReportRow.cityTotal && $0.row.isBehind }.count
        }
        return d
    }

    /// 71.01%, or — without a target.
    static func share(_ r: ReportRow) -> String {
        guard let t = r.target, t > 0 else { return "—" }
        return String(format: "%.2f%%", Double(r.deliveredToDate) * 100 / Double(t))
    }

    // MARK: changes

    static func changes(_ s: Scenario, log: [StoreEvent], version: VersionInfo?, sessions: [Session], typed: [String: String],
                        failed: String?) -> [String: Any] {
        let index = ScenarioIndex(s)
        func county(_ c: String) -> String { index.counties[c]?.name ?? c }
        let mine = failed.map { "typed_" + $0.replacingOccurrences(of: "-", with: "_") } ?? "typed_none"
        let pick = failed == nil ? [:] : typed
        var d: [String: Any] = [
            "trainers": s.trainers.map { t in
                ["value": t.id, "label": "\(t.name)（\(t.id)）", "selected": pick["trainer"] == t.id] as [String: Any]
            },
            "venues": s.venues.map { v in
                ["value": v.id, "label": "\(county(v.county)) · \(v.name)（\(v.id)）",
                 "selected": pick["venue"] == v.id, "pinSelected": pick["pin_venue"] == v.id] as [String: Any]
            },
            "counties": s.counties.map { c in
                ["value": c.code, "label": "\(c.name)（\(c.code)）", "selected": pick["county"] == c.code] as [String: Any]
            },
            "kinds": s.kinds.filter { $0.category == .training }.map { k in
                ["value": k.code, "label": k.name, "selected": pick["kind"] == k.code] as [String: Any]
            },
            "sessions": sessions.filter { $0.type == .trainingClass }.map { x in
                ["id": x.id, "label": "\(county(x.county)) \(index.kinds[x.kind]?.name ?? x.kind) \(ChineseDates.range(x.dates))"]
            },
            "log": log.map { e in ["when": when(e.at), "who": who(e.who), "what": e.description.zh] },
            "hasLog": !log.isEmpty,
            "nextDemand": nextDemandID(s),
            "periodStart": s.settings.start.iso, "periodEnd": s.settings.end.iso,
        ]
        d[mine] = pick
        if let version { d["version"] = ["number": version.number] as [String: Any] }
        return d
    }

    /// The next free D-number (D056 on the demo) as the suggested id.
    static func nextDemandID(_ s: Scenario) -> String {
        let numbers = s.demands.compactMap { d -> Int? in d.id.hasPrefix("D") ? Int(d.id.dropFirst()) : nil }
        let n = (numbers.max() ?? 0) + 1
        return "D" + String(repeating: "0", count: max(0, 3 - String(n).count)) + String(n)
    }

    // MARK: re-plan

    static func proposal(_ p: Proposal, index: ScenarioIndex, notices: [String]) -> [String: Any] {
        let c = p.cost, d = c.disruption
        let words = DiffText(index: index, language: .zh)
        func county(_ code: String) -> String { index.counties[code]?.name ?? code }
        return [
            "version": p.version, "previous": p.previous.info.number, "reason": p.reason,
            "changes": p.changes.map { ["what": $0.description.zh, "who": who($0.who), "when": when($0.at)] },
            "sessionsChanged": c.sessionsChanged,
            "redated": d.sessionsRedated, "datesChanged": d.datesChanged, "restaffed": d.sessionsRestaffed,
            "trainersChanged": d.trainersChanged, "venuesChanged": d.venuesChanged, "dropped": d.sessionsDropped,
            "attendeesMoved": d.attendeesMoved,
            "trainerCount": c.trainersToTell.count,
            "trainers": c.trainersToTell.map { ["name": index.trainers[$0]?.name ?? $0, "id": $0] },
            "attendeesTotal": c.attendeesTotal,
            "counties": c.attendeesToTell.keys.sorted().map { ["name": county($0), "attendees": c.attendeesToTell[$0] ?? 0] as [String: Any] },
            "kmBefore": km(c.kmBefore), "kmAfter": km(c.kmAfter), "kmDelta": signed(c.kmAfter - c.kmBefore),
            "unscheduledBefore": c.unscheduledBefore, "unscheduledAfter": c.unscheduledAfter,
            "worse": c.unscheduledAfter > c.unscheduledBefore,
            "pins": p.pins,
            "seconds": String(format: "%.2f", p.output.result.seconds),
            "moves": c.diff.changes.map { ch in
                let s = ch.new ?? ch.old!
                return ["session": ch.session, "county": county(s.county), "kind": index.kinds[s.kind]?.name ?? s.kind,
                        "fields": words.fields(ch).map { ["field": $0.0, "old": $0.1, "new": $0.2] }] as [String: Any]
            },
            "notices": notices,
        ]
    }

    // MARK: versions

    static func versions(_ all: [VersionInfo]) -> [String: Any] {
        let newest = all.last?.number
        return [
            "versions": all.reversed().map { v in
                var row: [String: Any] = ["number": v.number, "when": when(v.createdAt), "author": v.author, "reason": v.reason,
                                          "scheduled": v.summary.scheduled, "unscheduled": v.summary.unscheduled,
                                          "km": km(v.summary.travel_km), "latest": v.number == newest]
                if let parent = v.parent ?? (v.number > 1 ? v.number - 1 : nil) { row["parent"] = parent }
                return row
            },
            "numbers": all.reversed().map { v in ["n": v.number, "latest": v.number == newest, "second": v.number == (newest ?? 0) - 1] as [String: Any] },
            "many": all.count > 1,
        ]
    }

    static func diff(_ c: VersionDiff.Compared, _ a: Int, _ b: Int) -> [String: Any] {
        let d = c.diff, words = c.words, index = words.index
        func county(_ code: String) -> String { index.counties[code]?.name ?? code }
        func title(_ ch: PlanDiff.Change) -> [String: Any] {
            let s = ch.new ?? ch.old!
            return ["session": ch.session, "county": county(s.county), "kind": index.kinds[s.kind]?.name ?? s.kind,
                    "status": ch.old == nil ? "新安排" : ch.new == nil ? "已取消" : "调整", "b": b,
                    "fields": words.fields(ch).map { ["field": $0.0, "old": $0.1, "new": $0.2] }]
        }
        let countyCodes = Set(d.byCounty.keys).union(d.attendeesMoved.keys).sorted()
        return [
            "from": c.from, "to": c.to, "a": a, "b": b,
            "count": d.changes.count, "same": d.isEmpty,
            "trainerCount": d.byTrainer.count,
            "trainers": d.byTrainer.keys.sorted().map { id in
                ["name": index.trainers[id]?.name ?? id, "id": id, "changes": d.byTrainer[id]!.map(title)] as [String: Any]
            },
            "countyCount": countyCodes.count,
            "counties": countyCodes.map { code in
                ["name": county(code), "sessions": d.byCounty[code]?.count ?? 0, "attendees": d.attendeesMoved[code] ?? 0,
                 "changes": (d.byCounty[code] ?? []).map(title)] as [String: Any]
            },
            "attendeesTotal": d.attendeesMoved.values.reduce(0, +),
        ]
    }

    // MARK: downloads

    static func downloads(_ s: Scenario, today: Day) -> [String: Any] {
        var months: [[String: Any]] = []
        var m = ReportMonth(s.settings.start)
        let last = ReportMonth(s.settings.end)
        let chosen = ReportMonth(min(max(today, s.settings.start), s.settings.end))
        while m <= last {
            months.append(["value": m.text, "label": "\(m.year)年\(m.month)月", "selected": m == chosen])
            m = m.next
        }
        return [
            "months": months,
            "counties": s.counties.map { ["value": $0.code, "label": $0.name] },
            "hasTours": !s.tours.isEmpty,
        ]
    }
}

/// Progress against targets as bars drawn on the server (an inline SVG, no
/// script): per county the target (the pale track), planned to date
/// (blue) and delivered to date (green, red when behind the plan).
enum ProgressChart {
    static func svg(_ rows: [YearOverview.Progress], title: String) -> String {
        let rowHeight = 22, label = 176, width = 680, barWidth = 380, top = 26
        let height = top + rows.count * rowHeight + 8
        let scale = Double(rows.map { max($0.row.target ?? 0, $0.row.plannedToDate, $0.row.deliveredToDate, $0.row.plannedYear) }.max() ?? 1)
        func w(_ n: Int) -> Int { scale > 0 ? Int((Double(n) / scale * Double(barWidth)).rounded()) : 0 }
        var out = "<svg class=\"progress-chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(escape(title))\">"
        out += "<text x=\"0\" y=\"16\" class=\"chart-title\">\(escape(title))</text>"
        for (i, p) in rows.enumerated() {
            let y = top + i * rowHeight, r = p.row
            out += "<text x=\"\(label - 6)\" y=\"\(y + 14)\" text-anchor=\"end\">\(escape(p.countyName))</text>"
            out += "<rect x=\"\(label)\" y=\"\(y + 2)\" width=\"\(w(r.target ?? r.plannedYear))\" height=\"16\" class=\"bar-target\"/>"
            out += "<rect x=\"\(label)\" y=\"\(y + 4)\" width=\"\(w(r.plannedToDate))\" height=\"12\" class=\"bar-planned\"/>"
            out += "<rect x=\"\(label)\" y=\"\(y + 7)\" width=\"\(w(r.deliveredToDate))\" height=\"6\" class=\"\(r.isBehind ? "bar-behind" : "bar-done")\"/>"
            let figures = "\(r.deliveredToDate) / \(r.plannedToDate) / \(r.target.map(String.init) ?? "—")"
            out += "<text x=\"\(label + barWidth + 6)\" y=\"\(y + 14)\" class=\"figures\">\(figures)</text>"
        }
        return out + "</svg>"
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}
