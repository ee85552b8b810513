import XiangxingCore

/// Sentences for `xiangxing explain`.
public struct ExplainText: Sendable {
    public let index: ScenarioIndex
    public let language: Language
    private let words: UnscheduledText

    public init(index: ScenarioIndex, language: Language = .zh) {
        self.index = index; self.language = language
        words = UnscheduledText(index: index, language: language)
    }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
    private func county(_ code: String?) -> String { code.flatMap { index.counties[$0]?.name ?? $0 } ?? t("全部县区", "every county") }
    private func trainer(_ id: String) -> String { index.trainers[id].map { "\($0.name)(\(id))" } ?? id }
    private func span(_ days: [Day]) -> String {
        guard let a = days.first, let b = days.last else { return "" }
        return a == b ? a.iso : "\(a.iso)–\(b.iso)"
    }

    public func render(_ p: Explainer.Placed) -> String {
        let s = p.session
        var lines: [String] = []
        let kind = index.kinds[s.kind]?.name ?? s.kind
        let venue = index.venues[s.venue].map { "\($0.name)（\($0.seats) 座）" } ?? s.venue
        lines.append(t("\(s.id)：\(county(s.county)) \(kind)，\(span(s.dates))，\(venue)，讲师 \(s.trainers.map(trainer).joined(separator: "、"))",
                       "\(s.id): \(county(s.county)) \(s.kind), \(span(s.dates)), \(venue), trainers \(s.trainers.map(trainer).joined(separator: ", "))"))
        lines.append(t("讲师（按离家远近挑选有资质且有空的）：", "Trainers (the nearest qualified ones who are free):"))
        for tr in s.trainers {
            let km = p.trainerKm[tr] ?? 0
            lines.append(t("  \(trainer(tr)) 家到本县往返 \(Int(km.rounded())) 公里", "  \(trainer(tr)) \(Int(km.rounded())) km home to county and back"))
        }
        if p.nearer.isEmpty {
            lines.append(t("  没有更近且有资质的讲师。", "  No nearer qualified trainer exists."))
        } else {
            lines.append(t("  更近的讲师为什么没排：", "  Nearer trainers, and why not:"))
            for a in p.nearer {
                lines.append("    " + words.blocker(TrainerBlocker(trainer: a.trainer, obstacle: a.obstacle))
                             + t("（往返 \(Int(a.km.rounded())) 公里，规则\(rule(a.obstacle))）", " (\(Int(a.km.rounded())) km round trip, rule \(rule(a.obstacle)))"))
            }
        }
        lines.append(t("日期：窗口内其他可用的连续教学日及其冲突（前 8 项）：", "Dates: other runs of teaching days in the window and what they break (first 8):"))
        if p.equallyGood > 0 {
            lines.append(t("  另有 \(p.equallyGood) 组日期讲师和场地也都空闲、路程相同；同样好的日期按随机种子分散选取，避免各期扎堆。",
                           "  \(p.equallyGood) other runs have the same trainers and a venue free at the same km; among equals the seed spreads classes out."))
        }
        if p.otherDates.isEmpty && p.equallyGood == 0 { lines.append(t("  窗口内没有其他可用的连续教学日。", "  The window has no other run of teaching days.")) }
        for o in p.otherDates.prefix(8) {
            switch o.breach {
            case .noVenue: lines.append(t("  \(span(o.dates))：场地均被占用（规则5）", "  \(span(o.dates)): every venue taken (rule 5)"))
            case .trainer(let tr, let ob):
                lines.append("  \(span(o.dates))：" + words.blocker(TrainerBlocker(trainer: tr, obstacle: ob)) + t("（规则\(rule(ob))）", " (rule \(rule(ob)))"))
            }
        }
        if !p.otherVenues.isEmpty {
            lines.append(t("场地：", "Venues:"))
            let need = s.attendees
            for v in p.otherVenues {
                let name = index.venues[v.venue]?.name ?? v.venue
                if v.taken { lines.append(t("  \(name)：这些日期已被占用或不可用（规则5）", "  \(name): taken or closed on these dates (rule 5)")) }
                else if v.seats < need { lines.append(t("  \(name)：只有 \(v.seats) 座，少于 \(need) 人（规则6）", "  \(name): \(v.seats) seats, fewer than \(need) (rule 6)")) }
                else { lines.append(t("  \(name)：也可用（选座位数最接近的场地，留出大场地）", "  \(name): also free (the closest fit in seats is chosen, keeping large rooms free)")) }
            }
        }
        return lines.joined(separator: "\n")
    }

    private func rule(_ o: TrainerObstacle) -> Int {
        if case .travel = o { return 4 }
        return 3
    }

    public func render(_ u: UnscheduledDiagnosis, remedy: Explainer.Remedy?) -> String {
        var s = words.reason(u)
        guard let r = remedy else { return s }
        s += "\n" + t("最小的改动：", "Smallest change: ")
        switch r {
        case .enrolMore(let n): s += t("再报名 \(n) 人", "enrol \(n) more people")
        case .qualify(let tr): s += t("为离得最近的 \(trainer(tr)) 增加这一课程资质", "qualify the nearest trainer, \(trainer(tr)), for this kind")
        case .addVenue(let seats): s += t("在本县区增加一个至少 \(seats) 座的场地", "add a venue of at least \(seats) seats in the county")
        case .shortenBlackout(let reason, let c, let days):
            s += t("把\(county(c))的停课期“\(reason)”让出 \(span(days))", "shorten \(county(c))'s blackout \"\(reason)\" to free \(span(days))")
        case .widenWindow(let e, let l):
            if let l { s += t("把最晚日期放宽到 \(l.iso)", "widen the window to end on \(l.iso)") }
            else if let e { s += t("把最早日期提前到 \(e.iso)", "widen the window to start on \(e.iso)") }
        case .freeTrainer(let tr, let o, let days):
            switch o {
            case .busy(let other, _): s += t("把 \(other) 调开，让 \(trainer(tr)) 在 \(span(days)) 空出来", "move \(other) so \(trainer(tr)) is free \(span(days))")
            case .calendar(let d): s += t("请 \(trainer(tr)) 把 \(d.iso) 的日程让出来", "ask \(trainer(tr)) to free \(d.iso) in their calendar")
            case .monthlyLimit(let m, let limit):
                s += t("把 \(trainer(tr)) \(m % 12 + 1)月的上限从 \(limit) 天提高几天", "raise \(trainer(tr))'s limit for \(m / 12)-\(m % 12 + 1) above \(limit) days")
            case .travel(let from, let d): s += t("让 \(trainer(tr)) \(d.iso) 不在\(county(from))", "move \(trainer(tr))'s \(d.iso) engagement in \(county(from))")
            }
        }
        return s
    }
}
