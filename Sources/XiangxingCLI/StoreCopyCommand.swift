import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingOffice
import XiangxingStore

/// `xiangxing store copy`: a whole store moved to another place.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: L("整个数据库的搬移：复制到另一处（SQLite ↔ PostgreSQL）。", "The store as a whole: copy it to another place (SQLite ↔ PostgreSQL)."),
        // "--lang <lang>" in this text also tells `Xiangxing.argumentsForParsing`
        // to pass the language on to the subcommand.
        discussion: L("""
            子命令接受 --lang <lang>（zh 中文，en 英文）。

            示例：
              xiangxing store copy --from office.sqlite --to 'postgres://xiangxing@db.example:5432/henan?city=nanyang'
              xiangxing store copy --from 'postgres://xiangxing@db.example:5432/henan?city=nanyang' --to office-back.sqlite
            """, """
            The subcommand takes --lang <lang> (zh or en).

            Examples:
              xiangxing store copy --from office.sqlite --to 'postgres://xiangxing@db.example:5432/henan?city=nanyang'
              xiangxing store copy --from 'postgres://xiangxing@db.example:5432/henan?city=nanyang' --to office-back.sqlite
            """),
        subcommands: [StoreCopyCommand.self])
}

struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: L("把整个数据库复制到另一处（新文件或空城市），并核对。", "Copy a whole store to another place (a new file or an empty city), and check it."),
        discussion: L("""
            复制全部表的全部行（保留编号），在目标上一次事务内写完：失败时目标中没有任何行。目标必须是新文件或空数据库（空城市），\
            且不能是来源本身。复制后核对：每张表两边的行数（列成表），以及两边导出的最新计划版本（xiangxing export 写出的文件）逐字节相同；\
            有差异时列出差异并以状态 1 退出。地址：SQLite 文件路径，或 postgres://USER@HOST:PORT/DB?city=NAME（密码用 PGPASSWORD）。
            """, """
            Copies every row of every table (ids kept) in one transaction on the destination: a copy that fails leaves no row \
            there. The destination must be a new file or an empty store (an empty city), and not the source. Then checks it: \
            each table's rows counted on both sides (printed as a table), and the latest plan version exported from both (the \
            files of xiangxing export) byte-identical; anything that differs is listed and the exit status is 1. A place is a \
            SQLite file or postgres://USER@HOST:PORT/DB?city=NAME (the password in PGPASSWORD).
            """))

    @Option(help: L("来源：SQLite 文件或 postgres:// 地址。", "The source: a SQLite file or a postgres:// URL."))
    var from: String

    @Option(help: L("目标：新的 SQLite 文件，或空城市的 postgres:// 地址。", "The destination: a new SQLite file, or an empty city's postgres:// URL."))
    var to: String

    @Option(help: L("提示信息的语言：zh 中文，en 英文。", "Language of messages: zh (Chinese) or en (English)."))
    var lang: Language = .zh

    func run() throws {
        let outcome = try Terminal.run(lang) { _ in try StoreMoves.copy(from: from, to: to, language: lang) }
        let r = outcome.report
        let seconds = String(format: "%.2f", r.seconds)
        print(lang == .zh ? "已把 \(r.source) 复制到 \(r.destination)：\(r.rowsCopied) 行，用时 \(seconds) 秒。"
                          : "copied \(r.source) to \(r.destination): \(r.rowsCopied) row(s) in \(seconds) s.")
        print(Self.table(r.tables, lang))
        if let v = outcome.version, outcome.differences.isEmpty {
            print(lang == .zh ? "第 \(v) 版（最新）两边导出的 \(outcome.compared.joined(separator: "、")) 逐字节相同。"
                              : "version \(v) (the latest) exports byte-identical from both: \(outcome.compared.joined(separator: ", ")).")
        } else if outcome.version == nil, outcome.differences.isEmpty {
            print(lang == .zh ? "来源中还没有计划版本，无需比较导出。" : "the source holds no plan version: no export to compare.")
        }
        guard outcome.differences.isEmpty else {
            Terminal.error(lang == .zh ? "核对未通过，复制的结果与来源不同：" : "the check failed; the copy differs from the source:")
            for d in outcome.differences { Terminal.error("  " + d) }
            throw ExitCode(1)
        }
    }

    /// Rows per table on both sides, aligned: table, source, destination.
    static func table(_ counts: [StoreCopy.TableCount], _ lang: Language) -> String {
        let head = lang == .zh ? ["表", "来源", "目标"] : ["table", "source", "destination"]
        let rows = counts.map { [$0.table, String($0.source), String($0.destination)] }
        let widths = (0..<3).map { i in ([head] + rows).map { Self.width($0[i]) }.max() ?? 0 }
        func line(_ r: [String]) -> String {
            let fill = { (s: String, i: Int) in String(repeating: " ", count: widths[i] - Self.width(s)) }
            return r[0] + fill(r[0], 0) + "  " + fill(r[1], 1) + r[1] + "  " + fill(r[2], 2) + r[2]
        }
        return ([line(head)] + zip(counts, rows).map { c, r in
            line(r) + (c.source == c.destination ? "" : (lang == .zh ? "  ← 不同" : "  ← differs"))
        }).joined(separator: "\n")
    }

    /// Columns on a terminal: a Chinese character takes two.
    static func width(_ s: String) -> Int {
        s.unicodeScalars.reduce(0) { $0 + ($1.value >= 0x1100 && $1.properties.isIdeographic ? 2 : 1) }
    }
}

/// `xiangxing backup`: a SQLite store copied to a new file while others work.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: L("备份 SQLite 数据库到新文件（使用中也可以）。", "Back the SQLite store up to a new file (while it is in use)."),
        discussion: L("""
            用 SQLite 的在线备份接口取一个时刻的完整副本：其他人可以同时写入。文件仅本人可读（0600，含身份证号和电话），\
            已存在的文件不会被覆盖。PostgreSQL 数据库（--db postgres://…）请用 pg_dump：本命令列出要运行的命令并以状态 2 退出。
            示例：xiangxing backup --db office.sqlite 备份/office-2019-09-30.sqlite
            """, """
            Takes a complete copy of one moment by SQLite's online backup API: others may write meanwhile. The file is \
            readable by its owner only (0600: it holds resident IDs and phones); an existing file is never overwritten. A \
            PostgreSQL store (--db postgres://…) is backed up by pg_dump: this command prints what to run and exits 2.
            Example: xiangxing backup --db office.sqlite backups/office-2019-09-30.sqlite
            """))

    @OptionGroup var store: StoreOptions

    @Argument(help: L("备份写到的新文件。", "The new file to write the backup to."))
    var out: String

    func run() throws {
        let result = try Terminal.run(store.lang) { _ in try StoreMoves.backup(db: store.db, to: out, language: store.lang) }
        try KeepingOutput.show(result)
    }
}

/// `xiangxing restore`: a backup put back in place of the SQLite store.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: L("用备份文件恢复 SQLite 数据库（原数据库保留）。", "Restore the SQLite store from a backup (the old store is kept)."),
        discussion: L("""
            先核对文件是乡行数据库且完好（完整性检查），数据库正在排课或被其他进程（如 xiangxing serve）打开时拒绝。\
            被替换的数据库保留为 数据库文件.before-restore-<时间>，新数据库一次改名到位。\
            PostgreSQL 数据库请用 pg_restore：本命令列出要运行的命令并以状态 2 退出。
            示例：xiangxing restore --db office.sqlite 备份/office-2019-09-30.sqlite
            """, """
            Checks first that the file is a sound Xiangxing store (integrity check); refuses while the store is being planned \
            or is open in another process (xiangxing serve). The replaced store is kept as FILE.before-restore-<time>; the \
            restored one is put in place by one rename. A PostgreSQL store is restored by pg_restore: this command prints what \
            to run and exits 2.
            Example: xiangxing restore --db office.sqlite backups/office-2019-09-30.sqlite
            """))

    @OptionGroup var store: StoreOptions

    @Argument(help: L("要恢复的备份文件。", "The backup file to restore."))
    var input: String

    func run() throws {
        let result = try Terminal.run(store.lang) { _ in try StoreMoves.restore(db: store.db, from: input, language: store.lang) }
        try KeepingOutput.show(result)
    }
}

enum KeepingOutput {
    /// A SQLite result printed; PostgreSQL's commands printed and exit 2 (nothing was done).
    static func show(_ result: StoreMoves.Keeping) throws {
        switch result {
        case .done(let line): print(line)
        case .postgres(let lines):
            for l in lines { print(l) }
            throw ExitCode(2)
        }
    }
}
