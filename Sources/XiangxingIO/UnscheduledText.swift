import XiangxingCore

/// Sentences for unscheduled items and the waitlist: which rule blocks the
/// item and the nearest way out, in the office's words.
///
///     桐柏县 创业能力提升培训 第2期：窗口 2019-03-01 至 2019-05-31 内没有2名具备资格、且连续5个教学日空闲的讲师；
///     最接近的 3月4日–3月8日 只有1名；李娜 3月4日已在 D07-1 授课，王强 3月已达月度上限12天
public struct UnscheduledText: Sendable {
    public let index: ScenarioIndex
    public let language: Language
    public init(index: ScenarioIndex, language: Language = .zh) { self.index = index; self.language = language }

    private func t(_ zh: String, _ en: String) -> String { language == .zh ? zh : en }
    private func county(_ code: String) -> String { index.counties[code]?.name ?? code }
    private func kind(_ code: String) -> String { language == .zh ? (index.kinds[code]?.name ?? code) : code }
    private func trainer(_ id: String) -> String { index.trainers[id]?.name ?? id }
    private func short(_ d: Day) -> String { language == .zh ? "\(d.month)月\(d.dayOfMonth)日" : d.iso }
    private func span(_ days: [Day]) -> String {
        guard let a = days.first, let b = days.last else { return "" }
        return a == b ? short(a) : short(a) + "–" + short(b)
    }

    /// What the item is: `桐柏县 创业能力提升培训 第2期` / `XCX-2019-09 stop in 桐柏县`.
    public func subject(_ u: UnscheduledDiagnosis) -> String {
        switch u.type {
        case .trainingClass:
            return t("\(county(u.county)) \(kind(u.kind)) 第\(u.number ?? 1)期（\(u.sessionID)）",
                     "\(county(u.county)) \(kind(u.kind)) class \(u.number ?? 1) (\(u.sessionID))")
        case .tourStop:
            let name = index.tours[u.ref]?.name ?? u.ref
            return t("\(name) \(county(u.county))站（\(u.sessionID)）", "\(name) stop in \(county(u.county)) (\(u.sessionID))")
        }
    }

    public func reason(_ u: UnscheduledDiagnosis) -> String {
        let window = t("窗口 \(u.window.lowerBound) 至 \(u.window.upperBound) 内", "within \(u.window.lowerBound)–\(u.window.upperBound)")
        let body: String
        switch u.cause {
        case .tooFewAttendees(let e, let c, let m):
            body = t("报名 \(e) 人，不足以开 \(c) 期（每期至少 \(m) 人）；可补充报名、合并期次或减少 demand.csv 中的期数",
                     "\(e) enrolled, too few for \(c) classes of at least \(m); enrol more people or lower the class count in demand.csv")
        case .noTeachingRun(let days):
            body = t("\(window)没有连续 \(days) 个教学日（节假日、周末或停课期）；可放宽窗口或缩短停课期",
                     "\(window) there is no run of \(days) consecutive teaching days (holidays, weekends or blackouts); widen the window or shorten a blackout")
        case .noQualifiedTrainers(let q, let n):
            body = t("需要 \(n) 名具备资格的讲师，全市只有 \(q) 名；请在 trainers.csv 增加资质",
                     "needs \(n) qualified trainers, only \(q) exist; add the qualification in trainers.csv")
        case .noVenueLargeEnough(let seats, let largest):
            body = t("一期至少需要 \(seats) 个座位，本县区最大场地只有 \(largest) 个；请增加场地",
                     "a class needs at least \(seats) seats, the county's largest venue has \(largest); add a venue")
        case .venuesBusy:
            body = t("\(window)本县区合适的场地每天都已占用或不可用；可增加场地或放宽窗口",
                     "\(window) every suitable venue of the county is taken or closed on every run; add a venue or widen the window")
        case .trainersShort(let needed, let run, let available, let blockers):
            let days = u.type == .trainingClass ? (index.kinds[u.kind]?.days ?? run.count) : run.count
            var s = t("\(window)没有 \(needed) 名具备资格、且连续 \(days) 个教学日空闲的讲师；最接近的 \(span(run)) 只有 \(available) 名",
                      "\(window) no \(needed) qualified trainers are free for \(days) consecutive teaching days; the closest, \(span(run)), has \(available)")
            if !blockers.isEmpty { s += t("；", "; ") + blockers.map(blocker).joined(separator: t("，", ", ")) }
            body = s
        }
        return subject(u) + t("：", ": ") + verdict(u) + body
    }

    /// `不可能安排：` when no plan can have the item, `本次未能安排：` when this one has no room for it.
    public func verdict(_ u: UnscheduledDiagnosis) -> String {
        u.impossible ? t("不可能安排：", "cannot be scheduled by any plan: ") : t("本次未能安排：", "not scheduled this time: ")
    }

    public func blocker(_ b: TrainerBlocker) -> String {
        let who = trainer(b.trainer)
        switch b.obstacle {
        case .busy(let session, let d): return t("\(who) \(short(d))已在 \(session) 授课", "\(who) teaches \(session) on \(short(d))")
        case .calendar(let d): return t("\(who) \(short(d))日历上没空", "\(who)'s calendar blocks \(short(d))")
        case .monthlyLimit(let m, let limit):
            return t("\(who) \(m % 12 + 1)月已达月度上限 \(limit) 天", "\(who) has reached the monthly limit of \(limit) days in \(m / 12)-\(m % 12 + 1)")
        case .travel(let from, let d):
            return t("\(who) \(short(d))在\(county(from))，隔日赶不过来", "\(who) is in \(county(from)) on \(short(d)), too far for the next day")
        }
    }

    public func waitlistReason(_ w: WaitlistEntry) -> String {
        switch w.reason {
        case .classesFull(let n):
            let most = index.kinds[w.attendee.kind]?.maxSeats ?? 0
            return t("本县区该课程 \(n) 期均已满员（每期最多 \(most) 人）；可另开一期（demand.csv 增加期数），或候补下一期",
                     "all \(n) classes of this county and kind are full (at most \(most) each); open another class (more classes in demand.csv) or wait for the next one")
        case .venuesTooSmall(let n, let seats):
            let most = index.kinds[w.attendee.kind]?.maxSeats ?? 0
            return t("本县区该课程 \(n) 期的场地共 \(seats) 个座位，已坐满（每期最多可收 \(most) 人）；可另开一期或换大场地",
                     "the venues of this county and kind's \(n) classes seat \(seats) in all and are full (a class may take \(most)); open another class or move to a bigger venue")
        case .noClass: return t("本县区该课程没有排上课，见 unscheduled.csv", "no class of this county and kind is scheduled; see unscheduled.csv")
        }
    }
}
