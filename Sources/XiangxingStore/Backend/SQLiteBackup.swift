import Foundation
import GRDB
import XiangxingCore
#if canImport(Glibc)
import Glibc
#endif

/// Keeping an office's SQLite store: a backup taken while others write,
/// and a restore that keeps what it replaces.
///
/// - `backup(to:)` copies the store by SQLite's online backup API from one
///   read snapshot (writers carry on; their later writes are not in it)
///   into a file written beside the target, checked, then linked into
///   place: the target never exists half-written, is never overwritten,
///   and is readable by its owner only (0600: it holds resident IDs).
/// - `restore(_:over:)` checks the file is a sound Xiangxing store, refuses
///   while the store is being planned or is open in another process, keeps
///   the store it replaces as `FILE.before-restore-<UTC time>`, and puts the
///   restored copy in place with one rename.
extension SQLiteBackend {
    public struct BackupResult: Sendable {
        public var path: String
        public var bytes: Int64
    }

    /// Copies the whole store to the new file `out`; refuses an existing `out`.
    @discardableResult
    public func backup(to out: String) throws -> BackupResult {
        if Self.exists(out) { throw StoreFileError.exists(out) }
        let tmp = try Self.createBeside(out, tag: "partial")
        do {
            let dest = try DatabaseQueue(path: tmp)
            try pool.backup(to: dest)
            try Self.finish(dest, checking: out)
            try Self.fsyncFile(tmp)
            guard link(tmp, out) == 0 else {
                let e = errno
                if e == EEXIST { throw StoreFileError.exists(out) }
                throw StoreFileError.io(out, String(cString: strerror(e)))
            }
            unlink(tmp)
            Self.fsyncFolder(of: out)
        } catch {
            Self.removeWritten(tmp)
            throw error
        }
        var st = stat()
        _ = stat(out, &st)
        return BackupResult(path: out, bytes: Int64(st.st_size))
    }

    public struct RestoreResult: Sendable {
        /// Where the replaced store was kept (nil: there was none).
        public var kept: String?
    }

    /// Puts the store backed up in `file` in place of the store at `path`.
    /// Refuses, changing nothing, when `file` is not a sound Xiangxing store,
    /// when `path`'s store is being planned (its lease) or open in another
    /// process, or when the two are the same file.
    @discardableResult
    public static func restore(_ file: String, over path: String, now: Date = Date()) throws -> RestoreResult {
        if let problem = storeFileProblem(file) { throw StoreFileError.notAStore(file, problem) }
        let problems = try integrityProblems(of: file)
        if !problems.isEmpty { throw StoreFileError.unsound(file, problems) }
        let replacing = exists(path)
        if replacing {
            if identity(file) == identity(path) { throw StoreFileError.sameFile(file, path) }
            if let pid = openedElsewhere(path) { throw StoreFileError.inUse(path, pid: pid) }
            if let lease = try livePlanning(path) { throw StoreFileError.planning(path, lease) }
        }

        let tmp = try createBeside(path, tag: "restoring")
        do {
            let source = try DatabaseQueue(path: file, configuration: readOnly)
            let dest = try DatabaseQueue(path: tmp)
            try source.backup(to: dest)
            try source.close()
            try finish(dest, checking: file)
            try fsyncFile(tmp)
        } catch {
            removeWritten(tmp)
            throw error
        }

        var kept: String?
        if replacing {
            do {
                // Fold the store's WAL into its file, so the kept file is the whole store.
                // A connection still open in another process makes this fail: refused.
                let old = try DatabaseQueue(path: path)
                try old.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                try old.close()
                if fileSize(path + "-wal") > 0 { throw StoreFileError.inUse(path, pid: nil) }
                kept = try keep(path, now: now)
            } catch {
                removeWritten(tmp)
                throw error
            }
            guard rename(tmp, path) == 0 else {
                let e = String(cString: strerror(errno))
                removeWritten(tmp)
                throw StoreFileError.io(path, e)
            }
        } else {
            guard link(tmp, path) == 0 else {
                let e = errno
                removeWritten(tmp)
                throw e == EEXIST ? StoreFileError.exists(path) : StoreFileError.io(path, String(cString: strerror(e)))
            }
            unlink(tmp)
        }
        fsyncFolder(of: path)
        return RestoreResult(kept: kept)
    }

    /// Why `path` is not a Xiangxing store (nil when it is one): missing,
    /// unreadable, not SQLite, or without the store's migration table
    /// (`store_migration`, or GRDB's `grdb_migrations` in a store made
    /// before the store kept its own).
    public static func storeFileProblem(_ path: String) -> Bilingual? {
        var st = stat()
        guard stat(path, &st) == 0 else {
            return Bilingual(zh: "文件不存在 — 核对路径", en: "there is no such file — check the path")
        }
        guard st.st_mode & S_IFMT == S_IFREG else {
            return Bilingual(zh: "不是普通文件", en: "it is not a regular file")
        }
        guard access(path, R_OK) == 0 else {
            return Bilingual(zh: "无权读取 — 用文件的主人运行", en: "it cannot be read — run as its owner")
        }
        do {
            let q = try DatabaseQueue(path: path, configuration: readOnly)
            defer { try? q.close() }
            let tables = try q.read { db in
                try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name IN ('store_migration', 'grdb_migrations')")
            }
            if tables.isEmpty {
                return Bilingual(zh: "其中没有 store_migration 表（不是 xiangxing 建的数据库）",
                                 en: "it has no store_migration table (not made by xiangxing)")
            }
            return nil
        } catch {
            return Bilingual(zh: "不是 SQLite 数据库文件", en: "it is not an SQLite database")
        }
    }

    /// `PRAGMA integrity_check` of a file, read only; empty when sound.
    public static func integrityProblems(of path: String) throws -> [String] {
        let q = try DatabaseQueue(path: path, configuration: readOnly)
        defer { try? q.close() }
        return try q.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" } }
    }

    // MARK: the files

    private static var readOnly: Configuration {
        var c = Configuration()
        c.readonly = true
        c.label = "xiangxing-restore"
        return c
    }

    static func exists(_ path: String) -> Bool {
        var st = stat()
        return lstat(path, &st) == 0
    }

    private static func fileSize(_ path: String) -> Int64 {
        var st = stat()
        return stat(path, &st) == 0 ? Int64(st.st_size) : 0
    }

    private static func identity(_ path: String) -> String? {
        var st = stat()
        return stat(path, &st) == 0 ? "\(st.st_dev):\(st.st_ino)" : nil
    }

    /// A new empty file beside `path`, created 0600 whatever the umask.
    private static func createBeside(_ path: String, tag: String) throws -> String {
        let tmp = "\(path).\(tag)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let fd = open(tmp, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw StoreFileError.io(path, String(cString: strerror(errno))) }
        close(fd)
        return tmp
    }

    /// Checks a written copy and makes it one self-contained file (rollback
    /// journal, not WAL: nothing beside it is needed to read it).
    private static func finish(_ dest: DatabaseQueue, checking name: String) throws {
        let problems = try dest.writeWithoutTransaction { db -> [String] in
            try db.execute(sql: "PRAGMA journal_mode = DELETE")
            return try String.fetchAll(db, sql: "PRAGMA integrity_check").filter { $0 != "ok" }
        }
        try dest.close()
        if !problems.isEmpty { throw StoreFileError.unsound(name, problems) }
    }

    /// Removes a file this code created (and its journals), after a failure.
    private static func removeWritten(_ tmp: String) {
        for f in [tmp, tmp + "-journal", tmp + "-wal", tmp + "-shm"] { unlink(f) }
    }

    /// Keeps the store at `path` under `path.before-restore-<time>` (a hard
    /// link, so `path` itself never goes missing); the name kept.
    private static func keep(_ path: String, now: Date) throws -> String {
        var t = time_t(now.timeIntervalSince1970), parts = tm()
        gmtime_r(&t, &parts)
        let stamp = String(format: "%04d%02d%02dT%02d%02d%02dZ", parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday,
                           parts.tm_hour, parts.tm_min, parts.tm_sec)
        for n in 1...100 {
            let name = "\(path).before-restore-\(stamp)" + (n == 1 ? "" : "-\(n)")
            if link(path, name) == 0 { return name }
            guard errno == EEXIST else {
                // No hard links here: keep it by renaming (the store is missing for a moment).
                if rename(path, name) == 0 { return name }
                throw StoreFileError.io(path, String(cString: strerror(errno)))
            }
        }
        throw StoreFileError.io(path, "too many earlier restores in the same second")
    }

    private static func fsyncFile(_ path: String) throws {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw StoreFileError.io(path, String(cString: strerror(errno))) }
        defer { close(fd) }
        _ = fsync(fd)
    }

    private static func fsyncFolder(of path: String) {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        let fd = open(folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { _ = fsync(fd); close(fd) }
    }

    /// Another process with the store open: every SQLite connection to a WAL
    /// database holds a shared lock on the "dead man switch" byte (128) of
    /// its `-shm` file while it is open. The holder's pid, or nil when none
    /// (locks of this process are not seen).
    static func openedElsewhere(_ path: String) -> pid_t? {
        let fd = open(path + "-shm", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = 128
        lock.l_len = 1
        guard fcntl(fd, F_GETLK, &lock) == 0, lock.l_type != Int16(F_UNLCK) else { return nil }
        return lock.l_pid
    }

    /// The live planning lease of the store at `path`, if any.
    private static func livePlanning(_ path: String) throws -> PlanningLease? {
        let q = try DatabaseQueue(path: path, configuration: readOnly)
        defer { try? q.close() }
        return try q.read { db -> PlanningLease? in
            guard try db.tableExists("planning"), let row = try GRDB.Row.fetchOne(db, sql: "SELECT * FROM planning WHERE slot = 1") else { return nil }
            let stored = StoreRow(columns: Array(row.columnNames), values: row.databaseValues.map(SQLiteDB.value))
            let lease = PlanStore.lease(stored)
            return ProcessIdentity.isAlive(host: lease.host, pid: lease.processID, start: stored["process_start"],
                                           startedAt: lease.startedAt, now: Date()) ? lease : nil
        }
    }
}

/// Why a backup or restore was refused; nothing was changed.
public enum StoreFileError: Error, Sendable, CustomStringConvertible {
    case exists(String)
    case notAStore(String, Bilingual)
    case unsound(String, [String])
    case sameFile(String, String)
    case inUse(String, pid: pid_t?)
    case planning(String, PlanningLease)
    case io(String, String)

    public var message: Bilingual {
        switch self {
        case .exists(let f):
            return Bilingual(zh: "\(f) 已存在，未覆盖 — 换一个文件名，或先把它移走",
                             en: "\(f) exists and was not overwritten — give another name or move it away first")
        case .notAStore(let f, let why):
            return Bilingual(zh: "\(f) 不是乡行数据库：\(why.zh)；未做任何改动", en: "\(f) is not a Xiangxing store: \(why.en); nothing was changed")
        case .unsound(let f, let problems):
            let first = problems.prefix(3).joined(separator: "; ")
            return Bilingual(zh: "\(f) 已损坏（完整性检查：\(first)）；未做任何改动 — 换一份备份",
                             en: "\(f) is damaged (integrity check: \(first)); nothing was changed — use another backup")
        case .sameFile(let a, let b):
            return Bilingual(zh: "\(a) 就是数据库 \(b) 本身 — 给出一份备份文件", en: "\(a) is the store \(b) itself — give a backup file")
        case .inUse(let f, let pid):
            let who = pid.map { "进程 \($0)" } ?? "另一进程", whoEn = pid.map { "process \($0)" } ?? "another process"
            return Bilingual(zh: "数据库 \(f) 正被\(who)打开（如 xiangxing serve）；未做任何改动 — 先停止它再恢复",
                             en: "the store \(f) is open in \(whoEn) (xiangxing serve?); nothing was changed — stop it, then restore")
        case .planning(let f, let l):
            return Bilingual(zh: "数据库 \(f) 正在由 \(l.who) 排课（\(l.host) 上的进程 \(l.processID)）；未做任何改动 — 等它保存新版本后再恢复",
                             en: "the store \(f) is being planned by \(l.who) (process \(l.processID) on \(l.host)); nothing was changed — restore once it has saved its version")
        case .io(let f, let why):
            return Bilingual(zh: "无法写入 \(f)：\(why)", en: "cannot write \(f): \(why)")
        }
    }

    public func message(_ language: Language) -> String { message.text(language) }
    public var description: String { "\(message.zh) / \(message.en)" }
}
