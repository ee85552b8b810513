import XiangxingCore

/// Sentences for breaches and plan inconsistencies, made at the edge from
/// the typed facts the rules report. Resident IDs are masked here unless
/// the caller asks otherwise.
public struct BreachText: Sendable {
    public let index: ScenarioIndex
    public let language: Language
    public let unmasked: Bool

    public init(index: ScenarioIndex, language: Language = .zh, unmasked: Bool = false) {
        self.index = index; self.language = language; self.unmasked = unmasked
    }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
    private func county(_ code: String) -> String { index.counties[code]?.name ?? code }
    private func trainer(_ id: String) -> String { index.trainers[id].map { "\($0.name)(\(id))" } ?? id }
    private func person(_ id: String) -> String { unmasked ? id : ResidentID.masked(id) }

    public func ruleTitle(_ r: Rule) -> String {
        switch r {
        case .consecutiveTeachingDays: return t("规则1 连续教学日", "rule 1 consecutive teaching days")
        case .qualifiedTrainers: return t("规则2 讲师人数与资质", "rule 2 trainers and qualifications")
        case .trainerAvailability: return t("规则3 讲师时间", "rule 3 trainer availability")
        case .eveningTravel: return t("规则4 隔日跨县路程", "rule 4 overnight travel")
        case .venueAvailability: return t("规则5 场地", "rule 5 venue")
        case .classSize: return t("规则6 班额", "rule 6 class size")
        case .tourTeams: return t("规则7 乡村行小组", "rule 7 tour teams")
        }
    }

    public func reason(_ r: NonTeachingReason) -> String {
        switch r {
        case .outsidePeriod: return t("在规划期之外", "outside the planning period")
        case .officialHoliday(let name): return t("法定节假日（\(name)）", "an official holiday (\(name))")
        case .weekend: return t("周末（该课程不安排周末）", "a weekend (this kind does not use weekends)")
        case .blackout(let why): return t("县区停课期（\(why)）", "a county blackout (\(why))")
        }
    }

    /// `规则3 讲师时间 · 会话 D07-2 · 李娜(T012) · 2019-09-12：…`
    public func describe(_ b: Breach) -> String {
        var head = [ruleTitle(b.rule), t("场次 ", "session ") + b.session]
        if let tr = b.trainer { head.append(trainer(tr)) }
        if let v = b.venue { head.append(t("场地 ", "venue ") + (index.venues[v].map { "\($0.name)(\(v))" } ?? v)) }
        if let d = b.date { head.append(d.iso) }
        return head.joined(separator: " · ") + t("：", ": ") + fact(b.fact)
    }

    public func fact(_ f: BreachFact) -> String {
        switch f {
        case .dayCount(let e, let a): return t("需要 \(e) 个教学日，安排了 \(a) 个", "needs \(e) teaching days, has \(a)")
        case .notATeachingDay(let r): return t("这一天不是教学日：", "not a teaching day: ") + reason(r)
        case .datesNotInOrder: return t("日期没有按先后排列或有重复", "dates are out of order or repeated")
        case .skippedTeachingDay: return t("与前一日期之间跳过了教学日，日期须连续", "a teaching day is skipped before this date; dates must follow each other")
        case .outsideWindow(let w): return t("超出窗口 \(w.lowerBound)–\(w.upperBound)", "outside the window \(w.lowerBound)–\(w.upperBound)")
        case .trainerCount(let e, let a): return t("需要 \(e) 名不同的讲师，安排了 \(a) 名", "needs \(e) distinct trainers, has \(a)")
        case .repeatedTrainer: return t("同一讲师重复列出", "the same trainer is listed twice")
        case .unknownTrainer: return t("讲师不在 trainers.csv 中", "the trainer is not in trainers.csv")
        case .notQualified(let k): return t("不具备“\(index.kinds[k]?.name ?? k)”资质", "not qualified for \(k)")
        case .trainerDoubleBooked(let o): return t("同一天已在场次 \(o) 授课", "already teaching session \(o) that day")
        case .trainerCalendarBlocked: return t("讲师日历显示这一天没空", "the trainer's calendar blocks this date")
        case .monthlyLimit(let m, let d, let l):
            return t("\(m / 12)年\(m % 12 + 1)月累计 \(d) 天，超过月度上限 \(l) 天", "\(d) days in \(m / 12)-\(m % 12 + 1), over the monthly limit of \(l)")
        case .eveningTravel(let a, let b, let m, let l):
            return t("前一天在\(county(a))、次日在\(county(b))，路程约 \(Int(m.rounded())) 分钟，超过 \(Int(l)) 分钟",
                     "works in \(county(a)) then \(county(b)) the next day, about \(Int(m.rounded())) minutes apart, over \(Int(l))")
        case .unknownVenue: return t("场地不在 venues.csv 中", "the venue is not in venues.csv")
        case .venueInOtherCounty(let c): return t("场地属于\(county(c))，不在本县区", "the venue is in \(county(c)), not this county")
        case .venueDoubleBooked(let o): return t("场地同一天已有场次 \(o)", "the venue already hosts session \(o) that day")
        case .venueCalendarBlocked: return t("场地日历显示这一天不可用", "the venue's calendar blocks this date")
        case .classSize(let c, let lo, let hi): return t("班额 \(c) 人，应在 \(lo)–\(hi) 人之间", "\(c) attendees, must be \(lo)–\(hi)")
        case .venueTooSmall(let s, let n): return t("场地只有 \(s) 个座位，需要 \(n) 个", "the venue seats \(s), needs \(n)")
        case .attendeeNotEnrolled(let id): return t("学员 \(person(id)) 未报名本县区本课程", "attendee \(person(id)) is not enrolled for this county and kind")
        case .attendeeInTwoClasses(let id, let o): return t("学员 \(person(id)) 已在同类课程场次 \(o) 中", "attendee \(person(id)) is already in session \(o) of the same kind")
        case .teamOutOfRange(let team, let n):
            return t("小组号 \(team.map(String.init) ?? "空") 不在 1–\(n) 之内", "team \(team.map(String.init) ?? "empty") is not within 1–\(n)")
        case .teamTrainersDiffer(let team, let first): return t("第\(team)组的讲师与该组站点 \(first) 不同", "team \(team)'s trainers differ from its stop \(first)")
        case .stopServedTwice: return t("同一站点被安排了两次", "the stop is served twice")
        }
    }

    public func describe(_ p: PlanInconsistency) -> String {
        switch p {
        case .unknownRef(let s, let r): return t("场次 \(s)：ref “\(r)”在场景中不存在", "session \(s): ref \"\(r)\" is not in the scenario")
        case .extraClass(let s, let r, let n):
            return t("场次 \(s)：需求 \(r) 只要 \(n) 期，计划中多出了这一期 — 删去多余的行，或在 demand.csv 中增加 classes",
                     "session \(s): demand \(r) asks for \(n) class(es); this row is one too many — remove the extra row, or raise classes in demand.csv")
        case .notAStop(let s, let tour, let c):
            return t("站点 \(s)：乡村行 \(tour) 不去 \(county(c))（stops.csv 中没有这一站）", "stop \(s): tour \(tour) does not visit \(c) (no such row in stops.csv)")
        case .duplicateSession(let s): return t("场次 \(s) 出现了两次", "session \(s) appears twice")
        case .kindMismatch(let s, let p, let e): return t("场次 \(s)：课程为 \(p)，应为 \(e)", "session \(s): kind \(p), expected \(e)")
        case .countyMismatch(let s, let p, let e): return t("场次 \(s)：县区为 \(county(p))，应为 \(county(e))", "session \(s): county \(p), expected \(e)")
        case .attendeeCount(let s, let c, let a): return t("场次 \(s)：plan.csv 写 \(c) 人，assignments.csv 有 \(a) 行", "session \(s): plan.csv says \(c) attendees, assignments.csv has \(a) rows")
        case .mentees(let s, let c, let e): return t("站点 \(s)：attendees 为 \(c)，stops.csv 的帮扶人次是 \(e)", "stop \(s): attendees \(c), stops.csv says \(e) mentees")
        case .assignmentToUnknownSession(let s): return t("assignments.csv 指向不存在的场次 \(s)", "assignments.csv names unknown session \(s)")
        case .assignmentsMissing: return t("场景有 attendees.csv，计划却没有 assignments.csv", "the scenario has attendees.csv but the plan has no assignments.csv")
        case .unscheduledCount(let r, let l, let m): return t("\(r)：unscheduled.csv 列出 \(l) 项，实际未安排 \(m) 项", "\(r): unscheduled.csv lists \(l), \(m) are not in plan.csv")
        }
    }
}
