import Foundation
import Hummingbird
import Synchronization
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// The re-plan the office started from a page: planned in the background
/// (the page refreshes itself meanwhile), then a proposal waiting for 发布
/// or 放弃. One per store: the store's planning lease, which the proposal
/// holds until a decision, refuses a second one (from a page or the CLI).
final class ReplanJob: Sendable {
    enum Snapshot: Sendable {
        case running(notices: [String], started: Date)
        case proposed(Proposal, notices: [String])
        case failed([String])
    }

    /// Who started it (`web:name`).
    let by: String
    private let state: Mutex<Snapshot>

    init(by: String) {
        self.by = by
        state = Mutex(.running(notices: [], started: Date()))
    }

    var snapshot: Snapshot { state.withLock { $0 } }

    /// A planner's notice while running.
    func note(_ line: String) {
        state.withLock { s in
            if case .running(let notices, let started) = s { s = .running(notices: notices + [line], started: started) }
        }
    }

    func finish(_ result: Result<Proposal, any Error>) {
        state.withLock { s in
            let notices: [String]
            if case .running(let n, _) = s { notices = n } else { notices = [] }
            switch result {
            case .success(let p): s = .proposed(p, notices: notices)
            case .failure(let e as OfficeError): s = .failed(e.messages(.zh))
            case .failure(let e): s = .failed(["重新排课未能完成：\(e)"])
            }
        }
    }
}

enum ReplanDesk {
    /// The job of each store this process serves, by the store's path.
    private static let jobs = Mutex<[String: ReplanJob]>([:])

    static func current(_ ctx: WebContext) -> ReplanJob? {
        let key = ctx.office.path
        return jobs.withLock { $0[key] }
    }

    private static func remove(_ job: ReplanJob, _ ctx: WebContext) {
        let key = ctx.office.path
        jobs.withLock { all in if all[key] === job { all[key] = nil } }
    }

    /// Starts a re-plan in the background unless one is running or waiting
    /// for a decision here; either way, on to the progress page.
    static func start(_ ctx: WebContext) async throws -> Response {
        try ctx.requireOffice()
        let key = ctx.office.path
        let reason = (ctx.form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let office = ctx.office
        let job: ReplanJob? = jobs.withLock { all in
            if let old = all[key] {
                if case .failed = old.snapshot {} else { return nil }
            }
            let new = ReplanJob(by: ctx.who)
            all[key] = new
            return new
        }
        if let job {
            Task.detached {
                do {
                    let proposal = try await Blocking.run {
                        try Proposals.propose(office, reason: reason.isEmpty ? nil : reason, notice: { job.note($0) })
                    }
                    job.finish(.success(proposal))
                } catch {
                    job.finish(.failure(error))
                }
            }
        }
        return .redirect(to: "/office/replan", type: .normal)
    }

    /// Saves the waiting proposal as the next version, then shows its diff;
    /// refused (409, the proposal gone) when the store moved on meanwhile.
    static func publish(_ ctx: WebContext) async throws -> Response {
        try ctx.requireOffice()
        guard let job = current(ctx), case .proposed(let proposal, _) = job.snapshot else {
            throw WebError.conflict("没有等待发布的方案（可能已被发布或放弃）：请到“重新排课”重新开始。")
        }
        let who = ctx.who
        do {
            let n = try await Blocking.run { try Proposals.publish(proposal, by: who) }
            remove(job, ctx)
            return .redirect(to: "/office/versions/\(proposal.previous.info.number)/diff/\(n)?published=1", type: .normal)
        } catch let e as OfficeError {
            remove(job, ctx)
            throw WebError.conflict("未发布：" + e.messages(.zh).joined(separator: "；") + "。请到“重新排课”重新开始。")
        }
    }

    static func discard(_ ctx: WebContext) async throws -> Response {
        try ctx.requireOffice()
        if let job = current(ctx) {
            if case .proposed(let proposal, _) = job.snapshot { Proposals.discard(proposal) }
            if case .running = job.snapshot {
                throw WebError.conflict("排课仍在进行，完成后才能放弃；请稍候。")
            }
            remove(job, ctx)
        }
        return .redirect(to: "/office/replan", type: .normal)
    }
}
