import Foundation
import HummingbirdBcrypt
import XiangxingCore
import XiangxingStore

/// The web's accounts: who may sign in, as what, and the sign-in itself
/// (bcrypt, lock-out after repeated failures). `xiangxing user …` and the
/// server's login page both come here.
public enum Accounts {
    /// A new account's request, as `user add` or a page parses it.
    public struct Request: Sendable {
        public var username: String
        public var role: AccountRole
        /// A county's code or name (county accounts).
        public var county: String?
        /// A trainer's id or name (trainer accounts).
        public var trainer: String?
        public var password: String
        public init(username: String, role: AccountRole, county: String? = nil, trainer: String? = nil, password: String) {
            self.username = username; self.role = role; self.county = county; self.trainer = trainer; self.password = password
        }
    }

    /// bcrypt's work factor: about a quarter of a second per sign-in on this machine kind.
    public static let cost: UInt8 = 12
    /// Failed sign-ins in a row before the account is locked, and for how long.
    public static let lockAfter = 5
    public static let lockFor: TimeInterval = 15 * 60
    public static let minimumPasswordLength = 8

    /// Adds the account, its county or trainer checked against the current
    /// scenario (a name is taken as its code, said to `notice`).
    public static func add(_ request: Request, into office: OfficeStore, notice: Notice) throws -> StoredAccount {
        let zh = office.language == .zh
        let name = request.username.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 64, !name.contains(where: { $0.isWhitespace || $0.isNewline }) else {
            throw OfficeError(zh ? "账号名不能为空、不能含空格，最长 64 个字符" : "an account name must not be empty nor contain spaces, at most 64 characters")
        }
        try checkPassword(request.password, office.language)
        let store = try office.open()
        var county: String?, trainer: String?
        switch request.role {
        case .office:
            guard request.county == nil, request.trainer == nil else {
                throw OfficeError(zh ? "办公室账号不属于某个县区或讲师：去掉 --county / --trainer" : "an office account belongs to no county or trainer: drop --county / --trainer")
            }
        case .county:
            guard let text = request.county, request.trainer == nil else {
                throw OfficeError(zh ? "县区账号须用 --county 给出县区（代码或名称）" : "a county account needs --county (a code or a name)")
            }
            let (index, _) = try office.scenario(store)
            county = try OfficeNames.county(text, in: index, office.language, notice: notice).code
        case .trainer:
            guard let text = request.trainer, request.county == nil else {
                throw OfficeError(zh ? "讲师账号须用 --trainer 给出讲师（编号或姓名）" : "a trainer account needs --trainer (an id or a name)")
            }
            let (index, _) = try office.scenario(store)
            trainer = try OfficeNames.trainer(text, in: index, office.language, notice: notice).id
        }
        let account = StoredAccount(username: name, role: request.role, county: county, trainer: trainer,
                                    passwordHash: Bcrypt.hash(request.password, cost: cost))
        _ = try office.attempt { try store.addAccount(account, by: office.who) }
        return try office.attempt { try store.account(named: name) } ?? account
    }

    public static func list(_ office: OfficeStore) throws -> [StoredAccount] {
        let store = try office.openExisting()
        return try office.attempt { try store.accounts() }
    }

    public static func remove(_ username: String, from office: OfficeStore) throws {
        let store = try office.openExisting()
        try office.attempt { _ = try store.removeAccount(username, by: office.who) }
    }

    public static func changePassword(_ username: String, to password: String, in office: OfficeStore) throws {
        try checkPassword(password, office.language)
        let store = try office.openExisting()
        try office.attempt { _ = try store.setPassword(username, hash: Bcrypt.hash(password, cost: cost), by: office.who) }
    }

    /// How a sign-in went.
    public enum SignIn: Sendable, Equatable {
        case signedIn(StoredAccount)
        /// Wrong name or password (which one is not said).
        case refused
        /// Too many failures: locked until then (also when the password is right).
        case locked(until: Date)
    }

    /// Checks a name and password. An unknown name costs the same bcrypt
    /// work as a known one, so timing does not tell which names exist.
    public static func signIn(_ username: String, password: String, store: PlanStore) throws -> SignIn {
        guard let account = try store.account(named: username) else {
            _ = Bcrypt.verify(password, hash: dummyHash)
            return .refused
        }
        if let until = account.lockedUntil, until > store.currentTime { return .locked(until: until) }
        guard Bcrypt.verify(password, hash: account.passwordHash) else {
            if let until = try store.recordLoginFailure(username, lockAfter: lockAfter, lockFor: lockFor) { return .locked(until: until) }
            return .refused
        }
        try store.recordLoginSuccess(username)
        return .signedIn(account)
    }

    static func checkPassword(_ password: String, _ language: Language) throws {
        guard password.count >= minimumPasswordLength else {
            throw OfficeError(language == .zh ? "密码至少 \(minimumPasswordLength) 个字符" : "a password needs at least \(minimumPasswordLength) characters")
        }
    }

    /// A hash of nothing anyone knows, verified against for unknown names.
    static let dummyHash = Bcrypt.hash("xiangxing: no such account", cost: cost)
}
