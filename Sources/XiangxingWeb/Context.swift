import Foundation
import Hummingbird
import XiangxingCore
import XiangxingOffice
import XiangxingPrint
import XiangxingStore

/// Who is signed in on this request.
public struct WebAccount: Sendable, Equatable {
    public var username: String
    public var role: AccountRole
    /// The county's code (county accounts).
    public var county: String?
    /// The trainer's id (trainer accounts).
    public var trainer: String?

    init(_ stored: StoredAccount) {
        username = stored.username; role = stored.role; county = stored.county; trainer = stored.trainer
    }
}

/// The request context every route sees: the server's state, the account
/// signed in (set by `SessionMiddleware`), its CSRF token, and the parsed
/// body of a form that changes something (set before the handler runs, once
/// its token was checked).
public struct WebContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by the first middleware of the server.
    public var state: WebState = .detached
    public var account: WebAccount?
    /// The city the session signed in to, when the server serves several (nil: its one store).
    public var city: String?
    /// This session's token for forms that change something.
    public var csrf: String = ""
    /// A POSTed form's fields (url-encoded or multipart), after the CSRF check.
    public var form: [String: String] = [:]
    /// A multipart POST's files.
    public var files: [UploadedFile] = []
    /// The page a POST came from (for an error page's 返回上一页).
    public var back: String?
    /// Every value of a field sent more than once (a grid of checkboxes: `present`).
    public var formLists: [String: [String]] = [:]

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Uploads (a county's enrolment workbook) may be larger than JSON bodies.
    public var maxUploadSize: Int { 20 * 1024 * 1024 }

    /// The name every change made on this request is recorded with in the
    /// store's log: the account's name.
    public var who: String { account.map { "web:\($0.username)" } ?? "web" }

    /// The store as the Office calls see it: this server's store (the
    /// session's city's, on a server of several), Chinese messages, and this
    /// account as who acts.
    public var office: OfficeStore { OfficeStore(path: state.location(city: city), language: .zh, who: who) }

    /// The session's city's store, opened once for the server's life.
    public func store() throws -> PlanStore { try state.store(city: city) }

    /// The day pages count "coming" and "to date" from: the server's
    /// `--today`, else the real date in China.
    public var today: Day { state.config.today ?? PrintedFrom.today() }

    /// The hidden form field carrying the CSRF token.
    public var csrfField: String { "<input type=\"hidden\" name=\"csrf\" value=\"\(csrf)\">" }

    // MARK: access, checked on every request

    /// Office pages: anyone else gets 404.
    public func requireOffice() throws {
        guard account?.role == .office else { throw WebError.notFound }
    }

    /// A county's pages: the office, or that county's own clerk; anyone else 404.
    public func requireCounty(_ code: String) throws {
        guard let account else { throw WebError.notFound }
        switch account.role {
        case .office: return
        case .county where account.county == code: return
        default: throw WebError.notFound
        }
    }

    /// A trainer's pages: the office, or that trainer; anyone else 404.
    public func requireTrainer(_ id: String) throws {
        guard let account else { throw WebError.notFound }
        switch account.role {
        case .office: return
        case .trainer where account.trainer == id: return
        default: throw WebError.notFound
        }
    }

    /// A route parameter (`:code`), or 404.
    public func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name), !value.isEmpty else { throw WebError.notFound }
        return value
    }
}

/// What a page handler throws besides `OfficeError`.
public enum WebError: Error, Sendable {
    /// 404: not there, or not this account's (the two are not told apart).
    case notFound
    /// 409: someone changed it meanwhile; the message says what to do.
    case conflict(String)
    /// 400: a form field missing or malformed (the message names it).
    case badRequest(String)
    /// 403: a form without this session's token.
    case forbidden
}
