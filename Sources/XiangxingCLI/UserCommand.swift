import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// `xiangxing user add|list|remove|passwd`: the web's accounts.
struct UserCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user",
        abstract: L("网页账号：开设、列出、删除、改密码。", "Web accounts: add, list, remove, change a password."),
        discussion: L("""
            三种角色：office（就业促进办公室，看全部）、trainer（讲师，只看自己的行程）、county（县区经办人，只看本县区）。密码从标准输入读取（在终端上会提示输入两遍，不回显），以 bcrypt 保存，从不写入日志。
            示例：xiangxing user add tanghe --role county --county 唐河县 --db nanyang.sqlite
                  echo '密码……' | xiangxing user add office --role office
            """, """
            Three roles: office (the employment-promotion office, sees everything), trainer (their own itinerary only), county (a county clerk, that county only). The password is read from standard input (asked twice without echo on a terminal), kept as a bcrypt hash and never logged.
            Example: xiangxing user add tanghe --role county --county 唐河县 --db nanyang.sqlite
                     echo 'password…' | xiangxing user add office --role office
            """),
        subcommands: [UserAdd.self, UserList.self, UserRemove.self, UserPasswd.self]
    )
}

extension AccountRole: ExpressibleByArgument {}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: L("开设账号（密码从标准输入读取）。", "Add an account (the password from standard input)."))

    @Argument(help: L("账号名（登录时输入，如 tanghe）。", "The account's name (typed at sign-in, e.g. tanghe)."))
    var name: String

    @Option(help: L("角色：office、trainer 或 county。", "Role: office, trainer or county."))
    var role: AccountRole

    @Option(help: L("县区账号所属的县区（代码或名称）。", "A county account's county (code or name)."))
    var county: String?

    @Option(help: L("讲师账号对应的讲师（编号或姓名）。", "A trainer account's trainer (id or name)."))
    var trainer: String?

    @OptionGroup var store: StoreOptions

    func run() throws {
        let password = try Password.read(confirm: true, store.lang)
        let request = Accounts.Request(username: name, role: role, county: county, trainer: trainer, password: password)
        let added = try Terminal.run(store.lang) { try Accounts.add(request, into: store.office, notice: $0) }
        let scope = added.county ?? added.trainer ?? ""
        print(store.lang == .zh ? "已开设账号 \(added.username)（\(added.role.chinese)\(scope.isEmpty ? "" : " \(scope)")）。"
                                : "added account \(added.username) (\(added.role.rawValue)\(scope.isEmpty ? "" : " \(scope)")).")
    }
}

struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: L("列出账号。", "List the accounts."))
    @OptionGroup var store: StoreOptions

    func run() throws {
        let all = try Terminal.run(store.lang) { _ in try Accounts.list(store.office) }
        if all.isEmpty {
            print(store.lang == .zh ? "还没有账号：用 xiangxing user add 开设。" : "no accounts yet: add one with xiangxing user add.")
            return
        }
        for a in all {
            let scope = a.county ?? a.trainer ?? "-"
            let locked = (a.lockedUntil.map { $0 > Date() } ?? false) ? (store.lang == .zh ? "  已锁定" : "  locked") : ""
            print("\(a.username)\t\(store.lang == .zh ? a.role.chinese : a.role.rawValue)\t\(scope)\(locked)")
        }
    }
}

struct UserRemove: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "remove", abstract: L("删除账号（其登录随即失效）。", "Remove an account (its sign-ins end)."))
    @Argument(help: L("账号名。", "The account's name.")) var name: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        try Terminal.run(store.lang) { _ in try Accounts.remove(name, from: store.office) }
        print(store.lang == .zh ? "已删除账号 \(name)。" : "removed account \(name).")
    }
}

struct UserPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: L("重设账号的密码（也解除锁定）。", "Set an account's password (also lifts a lock-out)."))
    @Argument(help: L("账号名。", "The account's name.")) var name: String
    @OptionGroup var store: StoreOptions

    func run() throws {
        let password = try Password.read(confirm: true, store.lang)
        try Terminal.run(store.lang) { _ in try Accounts.changePassword(name, to: password, in: store.office) }
        print(store.lang == .zh ? "已重设 \(name) 的密码。" : "changed the password of \(name).")
    }
}

/// A password from standard input: asked twice without echo on a terminal,
/// the first line otherwise (a script's pipe).
enum Password {
    static func read(confirm: Bool, _ lang: Language) throws -> String {
        guard isatty(STDIN_FILENO) == 1 else {
            guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                Terminal.error(lang == .zh ? "没有从标准输入读到密码 — 用 echo '密码' | xiangxing user … 或在终端上运行" : "no password on standard input — pipe one in, or run on a terminal")
                throw ExitCode(1)
            }
            return line
        }
        let first = prompt(lang == .zh ? "密码：" : "Password: ")
        if confirm, prompt(lang == .zh ? "再输一遍：" : "Again: ") != first {
            Terminal.error(lang == .zh ? "两次输入的密码不一致，未做任何改动。" : "the two passwords differ; nothing changed.")
            throw ExitCode(1)
        }
        return first
    }

    private static func prompt(_ text: String) -> String {
        FileHandle.standardError.write(Data(text.utf8))
        var old = termios()
        tcgetattr(STDIN_FILENO, &old)
        var quiet = old
        quiet.c_lflag &= ~tcflag_t(ECHO)
        tcsetattr(STDIN_FILENO, TCSANOW, &quiet)
        defer { tcsetattr(STDIN_FILENO, TCSANOW, &old); FileHandle.standardError.write(Data("\n".utf8)) }
        return readLine(strippingNewline: true) ?? ""
    }
}
