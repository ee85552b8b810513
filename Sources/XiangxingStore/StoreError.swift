import XiangxingCore

/// Why the store refused a change. The store is unchanged after any of
/// these. Messages name the thing and say what to do; an attendee is
/// named by name and masked ID, never the full number.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case noScenario
    case unknownTrainer(String)
    case unknownVenue(String)
    case unknownDemand(String)
    case unknownCounty(String)
    case unknownKind(String)
    case notATrainingKind(String)
    case duplicateDemand(String)
    case invalidDemand(id: String, problem: Bilingual)
    case invalidRange(from: Day, through: Day)
    case unknownSession(String)
    case invalidPin(session: String, problem: Bilingual)
    case notPinned(session: String, what: PinKind)
    case unknownVersion(Int)
    case accountExists(String)
    case unknownAccount(String)
    /// `masked` is `ResidentID.masked` of the number.
    case invalidAttendee(name: String, masked: String, problem: Bilingual)
    case duplicateAttendee(name: String, masked: String, kind: String)
    case unknownAttendee(masked: String, kind: String)
    /// Another process (or handle) is planning the next version.
    case planningInProgress(PlanningLease)
    /// A version was saved while this run was planning: saving would make a sibling.
    case versionSavedMeanwhile(version: Int, by: String)
    /// Changes were recorded while this run was planning.
    case changedWhilePlanning(arrived: [Bilingual])
    /// This run's lease was taken over (its process looked gone).
    case planningTakenOver
    /// Re-planning from a version that is no longer the latest.
    case notTheLatestVersion(parent: Int, latest: Int)
    /// `--db` / `XIANGXING_DB` is not a path nor a usable database URL (shown without its password).
    case badLocation(url: String, Bilingual)
    /// The database server refused or could not be reached; `what` says which and what to do.
    case database(store: String, Bilingual)

    public var message: Bilingual {
        switch self {
        case .noScenario:
            return Bilingual(zh: "数据库中还没有场景 — 先运行 xiangxing import 导入场景文件夹",
                             en: "the store holds no scenario yet — run xiangxing import on a scenario folder first")
        case .unknownTrainer(let id):
            return Bilingual(zh: "未知讲师“\(id)” — 使用 trainers.csv 中的讲师编号",
                             en: "unknown trainer \"\(id)\" — use a trainer id of trainers.csv")
        case .unknownVenue(let id):
            return Bilingual(zh: "未知场地“\(id)” — 使用 venues.csv 中的场地编号",
                             en: "unknown venue \"\(id)\" — use a venue id of venues.csv")
        case .unknownDemand(let id):
            return Bilingual(zh: "未知培训需求“\(id)” — 使用 demand.csv 中的需求编号",
                             en: "unknown demand \"\(id)\" — use a demand id of demand.csv")
        case .unknownCounty(let code):
            return Bilingual(zh: "未知县区“\(code)” — 使用 counties.csv 中的代码",
                             en: "unknown county \"\(code)\" — use a code of counties.csv")
        case .unknownKind(let code):
            return Bilingual(zh: "未知课程类别“\(code)” — 使用 kinds.csv 中的代码",
                             en: "unknown kind \"\(code)\" — use a code of kinds.csv")
        case .notATrainingKind(let code):
            return Bilingual(zh: "课程类别“\(code)”不是培训（training）类 — 培训需求和学员只能用培训类课程",
                             en: "kind \"\(code)\" is not a training kind — demand and attendees take training kinds only")
        case .duplicateDemand(let id):
            return Bilingual(zh: "培训需求“\(id)”已存在 — 换一个编号，或先删除原需求",
                             en: "demand \"\(id)\" already exists — choose another id or remove the old one first")
        case .invalidDemand(let id, let problem):
            return Bilingual(zh: "培训需求“\(id)”：\(problem.zh)", en: "demand \"\(id)\": \(problem.en)")
        case .invalidRange(let from, let through):
            return Bilingual(zh: "日期范围 \(from)..\(through) 的结束日早于开始日 — 改正日期",
                             en: "the range \(from)..\(through) ends before it starts — correct the dates")
        case .unknownSession(let id):
            return Bilingual(zh: "未知场次“\(id)” — 场次编号如 D001-2（需求第 2 期）或 XCX-2019-09@411328（乡村行站点）",
                             en: "unknown session \"\(id)\" — session ids look like D001-2 (2nd class of a demand) or XCX-2019-09@411328 (a tour stop)")
        case .invalidPin(let session, let problem):
            return Bilingual(zh: "场次“\(session)”不能这样固定：\(problem.zh)",
                             en: "session \"\(session)\" cannot be pinned so: \(problem.en)")
        case .notPinned(let session, let what):
            return Bilingual(zh: "场次“\(session)”的\(what.chinese)没有固定 — 无需取消",
                             en: "session \"\(session)\" has no \(what.rawValue) pinned — nothing to unpin")
        case .accountExists(let name):
            return Bilingual(zh: "账号“\(name)”已存在 — 换一个名字，或用 xiangxing user passwd 改它的密码",
                             en: "the account \"\(name)\" exists already — choose another name, or change its password with xiangxing user passwd")
        case .unknownAccount(let name):
            return Bilingual(zh: "没有账号“\(name)” — 用 xiangxing user list 查看已有账号",
                             en: "there is no account \"\(name)\" — list the accounts with xiangxing user list")
        case .unknownVersion(let n):
            return Bilingual(zh: "没有第 \(n) 版计划 — 用 xiangxing versions 查看已有版本",
                             en: "there is no plan version \(n) — list the versions that exist")
        case .invalidAttendee(let name, let masked, let problem):
            return Bilingual(zh: "学员 \(name)（\(masked)）：\(problem.zh)", en: "attendee \(name) (\(masked)): \(problem.en)")
        case .duplicateAttendee(let name, let masked, let kind):
            return Bilingual(zh: "学员 \(name)（\(masked)）已报名“\(kind)” — 删去重复的一行",
                             en: "attendee \(name) (\(masked)) is already enrolled for \"\(kind)\" — drop the duplicate")
        case .unknownAttendee(let masked, let kind):
            return Bilingual(zh: "没有身份证号为 \(masked) 的学员报名“\(kind)” — 核对身份证号和课程类别",
                             en: "no attendee with ID \(masked) is enrolled for \"\(kind)\" — check the number and the kind")
        case .planningInProgress(let l):
            let at = Timestamp.text(l.startedAt)
            return Bilingual(zh: "第 \(l.version) 版正在由 \(l.who) 重排（\(l.host) 上的进程 \(l.processID)，开始于 \(at)），请稍后再运行",
                             en: "version \(l.version) is being planned by \(l.who) (process \(l.processID) on \(l.host), started \(at)); run again when it has finished")
        case .versionSavedMeanwhile(let n, let who):
            return Bilingual(zh: "重排期间 \(who) 已保存了第 \(n) 版 — 本次结果未保存，请再运行一次 xiangxing replan（从第 \(n) 版重排）",
                             en: "\(who) saved version \(n) while this run was planning — nothing was saved; run xiangxing replan again (from version \(n))")
        case .changedWhilePlanning(let arrived):
            let zh = arrived.map(\.zh).joined(separator: "；"), en = arrived.map(\.en).joined(separator: "; ")
            return Bilingual(zh: "重排期间又记录了 \(arrived.count) 项变动：\(zh) — 本次结果未保存，请再运行一次 xiangxing replan，把它们一并排入",
                             en: "\(arrived.count) change(s) were recorded while this run was planning: \(en) — nothing was saved; run xiangxing replan again to take them in")
        case .planningTakenOver:
            return Bilingual(zh: "本次排课的登记已被另一进程接管（以为本进程已中断）— 本次结果未保存，请再运行一次",
                             en: "another process took over this run's planning lease (it took this one for dead) — nothing was saved; run again")
        case .notTheLatestVersion(let parent, let latest):
            return Bilingual(zh: "第 \(parent) 版已不是最新版本（最新为第 \(latest) 版）— 请从最新版本重排",
                             en: "version \(parent) is no longer the latest (version \(latest) is) — re-plan from the latest")
        case .badLocation(let url, let problem):
            return Bilingual(zh: "数据库地址 \(url) 有误：\(problem.zh)", en: "the store URL \(url) is wrong: \(problem.en)")
        case .database(let store, let what):
            return Bilingual(zh: "数据库 \(store)：\(what.zh)", en: "the store \(store): \(what.en)")
        }
    }

    public func message(_ language: Language) -> String { message.text(language) }

    /// Chinese, then English: `未知讲师“T999” … / unknown trainer "T999" …`.
    public var description: String { "\(message.zh) / \(message.en)" }
}

extension PinKind {
    var chinese: String {
        switch self {
        case .dates: return "日期"
        case .trainers: return "讲师"
        case .venue: return "场地"
        }
    }
}
