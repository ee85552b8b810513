import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// Moving and keeping an office's store: a whole store copied to another
/// place (SQLite ↔ PostgreSQL) and checked, a SQLite file backed up and
/// restored, and the `pg_dump`/`pg_restore` commands for a city on a
/// PostgreSQL server (docs/store.md, "Moving and keeping the store").
public enum StoreMoves {
    /// What `copy` did and what it found when it checked.
    public struct CopyOutcome: Sendable {
        public var report: StoreCopy.Report
        /// The latest plan version, exported from both (nil: the store has none).
        public var version: Int?
        /// The files of its plan folder, compared byte for byte.
        public var compared: [String]
        /// What differs, in the call's language: a table's counts, a file. Empty when the copy is exact.
        public var differences: [String]
    }

    /// Copies the store at `from` into the new or empty store at `to` (a file
    /// or a `postgres://` URL each), then checks it: every table's rows
    /// counted on both sides, and the latest plan version exported from both
    /// (the files `xiangxing export` writes) compared byte for byte.
    public static func copy(from: String, to: String, language: Language) throws -> CopyOutcome {
        let report: StoreCopy.Report
        let newFile = isNewFile(to)
        do {
            report = try StoreCopy.copy(from: from, to: to)
        } catch let e as StoreCopyError {
            if newFile { removeCreated(to) }
            throw OfficeError(e.message(language))
        } catch let e as StoreError {
            if newFile { removeCreated(to) }
            throw OfficeError(e.message(language))
        } catch {
            if newFile { removeCreated(to) }
            throw OfficeError(language == .zh ? "复制未完成，目标中没有写入任何行：\(error)" : "the copy did not complete; no row was written to the destination: \(error)")
        }
        var differences = report.differing.map { t in
            language == .zh ? "表 \(t.table)：来源 \(t.source) 行，目标 \(t.destination) 行"
                            : "table \(t.table): \(t.source) row(s) in the source, \(t.destination) in the destination"
        }
        let (version, compared, differing) = try compareLatestExport(from, to, language: language)
        differences += differing
        return CopyOutcome(report: report, version: version, compared: compared, differences: differences)
    }

    /// The latest version of both stores written as plan folders and
    /// compared file by file: (its number, the files compared, what differs).
    static func compareLatestExport(_ a: String, _ b: String, language: Language) throws -> (Int?, [String], [String]) {
        let one = try OfficeStore(path: a, language: language).open(), two = try OfficeStore(path: b, language: language).open()
        let first = try one.latestVersion(), second = try two.latestVersion()
        guard let first else {
            return (nil, [], second == nil ? [] : [language == .zh ? "目标有计划版本而来源没有" : "the destination has a plan version, the source none"])
        }
        guard let second else {
            return (first.info.number, [], [language == .zh ? "目标中没有计划版本（来源最新为第 \(first.info.number) 版）"
                                                           : "the destination has no plan version (the source's latest is \(first.info.number))"])
        }
        if first.info.number != second.info.number {
            return (first.info.number, [], [language == .zh ? "最新版本不同：来源第 \(first.info.number) 版，目标第 \(second.info.number) 版"
                                                             : "the latest versions differ: \(first.info.number) in the source, \(second.info.number) in the destination"])
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-copy-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        func export(_ v: StoredVersion, _ name: String) throws -> [String: Data] {
            let folder = scratch.appendingPathComponent(name)
            try OfficeFolders.attempt(language) {
                try PlanFolder.write(v.plan, summary: v.summary, to: folder, withAssignments: v.withAssignments,
                                     extraFiles: v.extraFiles.map { (name: $0.name, text: $0.text) })
            }
            var files: [String: Data] = [:]
            for name in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                files[name] = try Data(contentsOf: folder.appendingPathComponent(name))
            }
            return files
        }
        let x = try export(first, "source"), y = try export(second, "destination")
        let names = Set(x.keys).union(y.keys).sorted()
        let differing = names.compactMap { name -> String? in
            switch (x[name], y[name]) {
            case let (p?, q?) where p == q: return nil
            case (nil, _): return language == .zh ? "\(name) 只在目标的导出中" : "\(name) is only in the destination's export"
            case (_, nil): return language == .zh ? "\(name) 只在来源的导出中" : "\(name) is only in the source's export"
            case let (p?, q?):
                return language == .zh ? "第 \(first.info.number) 版的 \(name) 不同（来源 \(p.count) 字节，目标 \(q.count) 字节）"
                                       : "\(name) of version \(first.info.number) differs (\(p.count) bytes in the source, \(q.count) in the destination)"
            }
        }
        return (first.info.number, names, differing)
    }

    private static func isNewFile(_ location: String) -> Bool {
        guard case .sqlite(let path)? = try? StoreLocation(location) else { return false }
        return !FileManager.default.fileExists(atPath: path)
    }

    /// A destination file the failed copy created (and only that).
    private static func removeCreated(_ location: String) {
        guard case .sqlite(let path)? = try? StoreLocation(location) else { return }
        for f in [path, path + "-wal", path + "-shm"] { try? FileManager.default.removeItem(atPath: f) }
    }

    // MARK: backup and restore

    /// What `backup` and `restore` do for a store: a SQLite file, or the
    /// commands to run for a PostgreSQL city.
    public enum Keeping: Sendable {
        case done(String)
        /// `pg_dump`/`pg_restore` to run, one a line, after a line saying why.
        case postgres([String])
    }

    /// Backs the SQLite store at `db` up to the new file `out` (online, while
    /// others write; 0600; never over an existing file).
    public static func backup(db: String, to out: String, language: Language) throws -> Keeping {
        switch try location(db, language) {
        case .postgres(let p):
            return .postgres(postgresBackup(p, out: out, language: language))
        case .sqlite(let path):
            if let problem = SQLiteBackend.storeFileProblem(path) {
                throw OfficeError(StoreFileError.notAStore(path, problem).message(language))
            }
            do {
                let backend = try SQLiteBackend(path: path)
                let result = try backend.backup(to: out)
                let size = result.bytes >= 1_000_000 ? String(format: "%.1f MB", Double(result.bytes) / 1_000_000)
                                                     : String(format: "%.0f kB", Double(result.bytes) / 1000)
                return .done(language == .zh ? "已把数据库 \(path) 备份到 \(out)（\(size)，仅本人可读）"
                                             : "backed up the store \(path) to \(out) (\(size), readable by its owner only)")
            } catch let e as StoreFileError {
                throw OfficeError(e.message(language))
            }
        }
    }

    /// Puts the backup `file` in place of the SQLite store at `db`, keeping
    /// the replaced store as `db.before-restore-<time>`.
    public static func restore(db: String, from file: String, language: Language) throws -> Keeping {
        switch try location(db, language) {
        case .postgres(let p):
            return .postgres(postgresRestore(p, file: file, language: language))
        case .sqlite(let path):
            do {
                let result = try SQLiteBackend.restore(file, over: path)
                if let kept = result.kept {
                    return .done(language == .zh ? "已用 \(file) 恢复数据库 \(path)；原数据库保留为 \(kept)"
                                                 : "restored the store \(path) from \(file); the store it replaced is kept as \(kept)")
                }
                return .done(language == .zh ? "已用 \(file) 恢复数据库 \(path)（原先没有数据库）"
                                             : "restored the store \(path) from \(file) (there was no store before)")
            } catch let e as StoreFileError {
                throw OfficeError(e.message(language))
            }
        }
    }

    private static func location(_ db: String, _ language: Language) throws -> StoreLocation {
        do { return try StoreLocation(db) } catch let e as StoreError { throw OfficeError(e.message(language)) }
    }

    /// The connection options of `pg_dump` and `pg_restore` for a location
    /// (never a password: `PGPASSWORD` or `~/.pgpass` gives it).
    static func connection(_ p: PostgresLocation) -> String {
        "-h \(shellWord(p.host)) -p \(p.port) -U \(shellWord(p.user)) -d \(shellWord(p.database))"
    }

    static func postgresBackup(_ p: PostgresLocation, out: String, language: Language) -> [String] {
        let schema = "city_\(p.cityOrDefault)"
        return [
            language == .zh ? "PostgreSQL 上的城市 \(p.cityOrDefault) 由数据库服务器备份：在能连上服务器的机器上运行（密码放在 PGPASSWORD 或 ~/.pgpass，不写在命令里）："
                            : "A city on PostgreSQL is backed up by the server's own tools: run, where the server can be reached (the password in PGPASSWORD or ~/.pgpass, never on the command line):",
            "  pg_dump \(connection(p)) -n \(schema) -Fc -f \(shellWord(out))",
            language == .zh ? "（-n \(schema) 只取这个城市的表，-Fc 是 pg_restore 能读的压缩格式；dump 时其他人可以照常使用。）"
                            : "(-n \(schema) takes this city's tables only; -Fc is the compressed format pg_restore reads; others keep working meanwhile.)",
        ]
    }

    /// Restoring a city whole, or not at all: the dump turned into SQL
    /// first (a damaged dump stops there, nothing changed), then the city's
    /// schema dropped and the SQL run in one transaction (an error rolls
    /// back the drop too). `pg_restore --clean` alone cannot drop tables a
    /// later migration added, and fails on them.
    static func postgresRestore(_ p: PostgresLocation, file: String, language: Language) -> [String] {
        let schema = "city_\(p.cityOrDefault)", sql = file + ".sql"
        return [
            language == .zh ? "PostgreSQL 上的城市 \(p.cityOrDefault) 由数据库服务器恢复：先停止使用这个城市的 xiangxing serve，再运行（密码放在 PGPASSWORD 或 ~/.pgpass）："
                            : "A city on PostgreSQL is restored by the server's own tools: stop the xiangxing serve using this city, then run (the password in PGPASSWORD or ~/.pgpass):",
            "  (umask 077; pg_restore -f \(shellWord(sql)) \(shellWord(file)))",
            "  psql \(connection(p)) -X -1 -v ON_ERROR_STOP=1 -c 'DROP SCHEMA IF EXISTS \(schema) CASCADE' -f \(shellWord(sql))",
            "  rm \(shellWord(sql))",
            language == .zh ? "（第一步把 dump 转成 SQL，dump 损坏时到此为止、什么也不改；第二步在一个事务里删去城市 \(schema) 再按 dump 重建，出错则全部撤销；第三步删去含个人信息的 SQL 文件。其他城市不受影响。要放到另一个城市名下，用 xiangxing store copy。）"
                            : "(The first step turns the dump into SQL — a damaged dump stops there, nothing changed; the second drops the city \(schema) and rebuilds it from the dump in one transaction — any error undoes it all; the third removes the SQL file, which holds personal data. Other cities are untouched. To put it under another city's name, use xiangxing store copy.)",
        ]
    }

    /// A word as a POSIX shell reads it: quoted when it holds anything but safe characters.
    static func shellWord(_ s: String) -> String {
        let safe = s.unicodeScalars.allSatisfy { $0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_./:@%+=,".unicodeScalars.contains($0) }
        return safe && !s.isEmpty ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
