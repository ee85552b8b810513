import CFileSwap
import Foundation
import XiangxingCore

/// A folder Xiangxing replaces as a whole (a plan folder, a folder of
/// sign-in sheets): checked before anything is planned or written, filled
/// in a private staging folder beside it, then swapped in atomically.
///
///     let out = try OutputFolder.prepare(URL(fileURLWithPath: "plan-out"), kind: .plan, protecting: [scenario])
///     try out.write("plan.csv", text, personal: false)
///     try out.commit()   // plan-out/ is the old folder or the new one, never missing
///
/// What it guarantees is written down in docs/guarantees.md.
public final class OutputFolder {
    /// What kind of folder it is; the files a folder of this kind may hold
    /// without a mark (folders written before the mark existed).
    public enum Kind: String, Sendable {
        case plan, roster, itinerary, toursheet, notices, report
        var knownFiles: Set<String> {
            switch self {
            case .plan: ["plan.csv", "assignments.csv", "unscheduled.csv", "waitlist.csv", "summary.json"]
            case .roster, .itinerary, .toursheet, .notices, .report: []
            }
        }
        /// Printing folders gather sheets run after run (county by county):
        /// their earlier files are carried over, none is deleted, and they
        /// carry no mark (phones and printers see only the sheets).
        var keepsEverything: Bool { self != .plan }
    }

    /// The mark a folder Xiangxing wrote carries: its kind and the names it
    /// wrote, one a line. A name in the folder that is not listed is
    /// someone else's file, and the folder is not replaced.
    public static let markName = ".xiangxing-folder"

    public let target: URL
    public let kind: Kind
    /// Where the new content is written; after `commit` it is the folder.
    public let staging: URL
    private var written: [String] = []
    private var committed = false
    private var sealed = false

    private init(target: URL, kind: Kind, staging: URL) {
        self.target = target; self.kind = kind; self.staging = staging
    }

    deinit { if !committed { try? FileManager.default.removeItem(at: staging) } }

    /// Checks that `folder` may be replaced, removes leftovers of earlier
    /// runs that were killed, and creates the staging folder (mode 0700).
    /// `protecting` are paths that must survive: the scenario folder, the
    /// store file; the working folder is always protected. With
    /// `carryOver`, the files Xiangxing wrote there before are copied into
    /// the new folder first (sign-in sheets of other counties stay).
    public static func prepare(_ folder: URL, kind: Kind, protecting: [URL] = [], carryOver: Bool = false) throws -> OutputFolder {
        let fm = FileManager.default
        let target = resolved(folder)
        let name = target.lastPathComponent
        let parent = target.deletingLastPathComponent()
        let cwd = resolved(URL(fileURLWithPath: fm.currentDirectoryPath))
        guard target.path != "/" else { throw OutputFolderProblem.containsWorkingFolder(path: target.path) }
        if contains(target, cwd) { throw OutputFolderProblem.containsWorkingFolder(path: target.path) }
        if fm.fileExists(atPath: target.appendingPathComponent("scenario.csv").path) {
            throw OutputFolderProblem.isAScenario(path: target.path)
        }
        for p in protecting {
            let r = resolved(p)
            if contains(target, r) { throw OutputFolderProblem.containsProtected(path: target.path, protected: r.path) }
        }
        cleanLeftovers(of: target)

        var isDir: ObjCBool = false
        var listed: Set<String> = []
        if fm.fileExists(atPath: target.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw OutputFolderProblem.isAFile(path: target.path) }
            let entries = (try? fm.contentsOfDirectory(atPath: target.path)) ?? []
            if entries.contains("scenario.csv") { throw OutputFolderProblem.isAScenario(path: target.path) }
            if let db = entries.sorted().first(where: { isSQLite(target.appendingPathComponent($0)) }) {
                throw OutputFolderProblem.holdsStore(path: target.path, file: db)
            }
            if kind.keepsEverything {
                // Printing folders: nothing is ever deleted; every file there is carried over.
                if let all = fm.enumerator(atPath: target.path) {
                    for case let path as String in all {
                        var d: ObjCBool = false
                        if fm.fileExists(atPath: target.appendingPathComponent(path).path, isDirectory: &d), !d.boolValue { listed.insert(path) }
                    }
                }
            } else if entries.contains(markName) {
                let mark = (try? String(contentsOf: target.appendingPathComponent(markName), encoding: .utf8)) ?? ""
                let lines = mark.split(separator: "\n").map(String.init)
                listed = Set(lines.dropFirst().compactMap { $0.hasPrefix("file ") ? String($0.dropFirst(5)) : nil })
                let topLevel = Set(listed.map { String($0.split(separator: "/").first ?? "") })
                if let foreign = entries.sorted().first(where: { $0 != markName && !topLevel.contains($0) }) {
                    throw OutputFolderProblem.foreignFile(path: target.path, file: foreign)
                }
            } else if let foreign = entries.sorted().first(where: { !kind.knownFiles.contains($0) }) {
                throw OutputFolderProblem.foreignFile(path: target.path, file: foreign)
            } else {
                listed = Set(entries)
            }
        }
        do {
            try fm.createDirectory(at: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputFolderProblem.cannotCreate(path: parent.path, reason: reason(error))
        }
        let staging = parent.appendingPathComponent(".\(name).xiangxing-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        guard mkdir(staging.path, 0o700) == 0 else {
            throw OutputFolderProblem.cannotCreate(path: parent.path, reason: String(cString: strerror(errno)))
        }
        chmod(staging.path, 0o700)
        let out = OutputFolder(target: target, kind: kind, staging: staging)
        if carryOver || kind.keepsEverything {
            for file in listed.sorted() {
                let from = target.appendingPathComponent(file)
                guard fm.fileExists(atPath: from.path), let data = fm.contents(atPath: from.path) else { continue }
                let mode = ((try? fm.attributesOfItem(atPath: from.path)[.posixPermissions]) as? Int) ?? 0o600
                try out.write(file, data, personal: mode & 0o077 == 0)
            }
        }
        FaultPoint.reach("staging-created")
        return out
    }

    /// Writes one file into the new folder: 0600 when it holds personal
    /// data (full resident IDs, names), else 0644. `name` may hold `/`.
    public func write(_ name: String, _ data: Data, personal: Bool) throws {
        let url = staging.appendingPathComponent(name)
        let fm = FileManager.default
        let dir = url.deletingLastPathComponent()
        if dir.path != staging.path {
            try fm.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        unlink(url.path)
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, personal ? 0o600 : 0o644)
        guard fd >= 0 else { throw OutputFolderProblem.cannotCreate(path: target.appendingPathComponent(name).path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        fchmod(fd, personal ? 0o600 : 0o644)
        let ok = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return false }
                offset += n
            }
            return true
        }
        guard ok, fsync(fd) == 0 else {
            throw OutputFolderProblem.cannotCreate(path: target.appendingPathComponent(name).path, reason: String(cString: strerror(errno)))
        }
        if !written.contains(name) { written.append(name) }
        if written.count == 1 { FaultPoint.reach("first-file") }
    }

    public func write(_ name: String, _ text: String, personal: Bool) throws {
        try write(name, Data(text.utf8), personal: personal)
    }

    /// Names every file now in the staging folder (for writers that put
    /// files there themselves, such as the PDF writers).
    public func adoptWrittenFiles() {
        let fm = FileManager.default
        guard let all = fm.enumerator(atPath: staging.path) else { return }
        for case let path as String in all {
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: staging.appendingPathComponent(path).path, isDirectory: &isDir), !isDir.boolValue,
               path != Self.markName, !written.contains(path) {
                written.append(path)
            }
        }
    }

    /// Writes the mark (the kind and every file written): the new folder is
    /// complete. `commit` seals it when this was not called.
    public func seal() throws {
        guard kind == .plan else { sealed = true; FaultPoint.reach("staged"); return }
        adoptWrittenFiles()
        let mark = "xiangxing \(kind.rawValue)\n" + written.sorted().map { "file \($0)\n" }.joined()
        try write(Self.markName, mark, personal: false)
        written.removeAll { $0 == Self.markName }
        sealed = true
        FaultPoint.reach("staged")
    }

    /// Marks the new folder as Xiangxing's (unless sealed) and puts it in the old one's
    /// place in one step: a reader (or a kill) sees the old folder or the
    /// new one, never none. The old folder is then removed.
    public func commit() throws {
        if !sealed { try seal() }
        let fm = FileManager.default
        if fm.fileExists(atPath: target.path) {
            if xx_exchange_paths(staging.path, target.path) != 0 {
                let err = errno
                guard err == EINVAL || err == ENOSYS || err == ENOTSUP else {
                    throw OutputFolderProblem.cannotCreate(path: target.path, reason: String(cString: strerror(err)))
                }
                // A file system without RENAME_EXCHANGE: two renames; a kill
                // between them leaves the old folder under `.NAME.xiangxing-old-*`,
                // which the next run puts back.
                let retired = target.deletingLastPathComponent()
                    .appendingPathComponent(".\(target.lastPathComponent).xiangxing-old-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
                guard rename(target.path, retired.path) == 0 else {
                    throw OutputFolderProblem.cannotCreate(path: target.path, reason: String(cString: strerror(errno)))
                }
                guard rename(staging.path, target.path) == 0 else {
                    let e = errno
                    _ = rename(retired.path, target.path)
                    throw OutputFolderProblem.cannotCreate(path: target.path, reason: String(cString: strerror(e)))
                }
                committed = true
                try? fm.removeItem(at: retired)
                return
            }
            committed = true
            FaultPoint.reach("swapped")
            // The staging name now holds the old folder.
            try? fm.removeItem(at: staging)
        } else {
            guard rename(staging.path, target.path) == 0 else {
                throw OutputFolderProblem.cannotCreate(path: target.path, reason: String(cString: strerror(errno)))
            }
            committed = true
        }
        FaultPoint.reach("done")
    }

    // MARK: Paths

    /// The absolute path with symbolic links resolved, also for a folder
    /// that does not exist yet (its nearest existing parent is resolved).
    static func resolved(_ url: URL) -> URL {
        let abs = url.standardizedFileURL
        var existing = abs, tail: [String] = []
        while !FileManager.default.fileExists(atPath: existing.path), existing.path != "/" {
            tail.insert(existing.lastPathComponent, at: 0)
            existing = existing.deletingLastPathComponent()
        }
        var out = existing.resolvingSymlinksInPath()
        for t in tail { out.appendPathComponent(t) }
        return out.standardizedFileURL
    }

    /// Whether `inner` is `outer` or lies inside it.
    static func contains(_ outer: URL, _ inner: URL) -> Bool {
        let o = outer.path.hasSuffix("/") ? outer.path : outer.path + "/"
        return inner.path == outer.path || inner.path.hasPrefix(o)
    }

    static func isSQLite(_ url: URL) -> Bool {
        guard let h = FileHandle(forReadingAtPath: url.path) else { return url.pathExtension == "sqlite" }
        defer { try? h.close() }
        let head = (try? h.read(upToCount: 16)) ?? Data()
        return head == Data("SQLite format 3\0".utf8) || url.pathExtension == "sqlite"
    }

    /// Staging folders of runs that were killed (their process is gone):
    /// removed. A folder the two-rename fallback retired is put back when
    /// the target is missing.
    static func cleanLeftovers(of target: URL) {
        let fm = FileManager.default
        let parent = target.deletingLastPathComponent()
        let prefixes = [".\(target.lastPathComponent).xiangxing-", ".\(target.lastPathComponent).new-", ".\(target.lastPathComponent).old-"]
        guard let entries = try? fm.contentsOfDirectory(atPath: parent.path) else { return }
        for e in entries.sorted() {
            guard let prefix = prefixes.first(where: { e.hasPrefix($0) }) else { continue }
            var rest = Substring(e.dropFirst(prefix.count))
            let retired = rest.hasPrefix("old-") || prefix.hasSuffix(".old-")
            if rest.hasPrefix("old-") { rest = rest.dropFirst(4) }
            guard let pid = Int32(rest.split(separator: "-").first ?? ""), pid != getpid() else { continue }
            if kill(pid, 0) == 0 || errno == EPERM { continue }  // still running
            let url = parent.appendingPathComponent(e)
            if retired && !fm.fileExists(atPath: target.path) {
                _ = rename(url.path, target.path)
            } else {
                try? fm.removeItem(at: url)
            }
        }
    }

    static func reason(_ error: Error) -> String {
        if let e = error as? CocoaError, let u = e.userInfo[NSUnderlyingErrorKey] as? NSError, u.domain == NSPOSIXErrorDomain {
            return String(cString: strerror(Int32(u.code)))
        }
        if let e = error as? POSIXError { return String(cString: strerror(e.code.rawValue)) }
        return (error as NSError).localizedDescription
    }
}

/// Why an output folder was not replaced, with what to do instead.
public enum OutputFolderProblem: Error, Equatable, CustomStringConvertible {
    case isAFile(path: String)
    case isAScenario(path: String)
    case holdsStore(path: String, file: String)
    case containsWorkingFolder(path: String)
    case containsProtected(path: String, protected: String)
    case foreignFile(path: String, file: String)
    case cannotCreate(path: String, reason: String)

    public var message: Bilingual {
        switch self {
        case .isAFile(let p):
            return Bilingual(zh: "输出位置 \(p) 是一个文件，不是文件夹：未写出任何文件。请用 --out 指定一个新的或空的文件夹",
                             en: "the output \(p) is a file, not a folder: nothing was written. Give --out a new or empty folder")
        case .isAScenario(let p):
            return Bilingual(zh: "输出文件夹 \(p) 是场景文件夹（有 scenario.csv），不会被替换：未写出任何文件。请用 --out 指定另一个文件夹，例如 plan-out",
                             en: "the output folder \(p) is a scenario folder (it holds scenario.csv) and is never replaced: nothing was written. Give --out another folder, e.g. plan-out")
        case .holdsStore(let p, let f):
            return Bilingual(zh: "输出文件夹 \(p) 里有数据库 \(f)，不会被替换：未写出任何文件。请用 --out 指定一个子文件夹，例如 --out plan-v2",
                             en: "the output folder \(p) holds the store \(f) and is never replaced: nothing was written. Give --out a folder of its own, e.g. --out plan-v2")
        case .containsWorkingFolder(let p):
            return Bilingual(zh: "输出文件夹 \(p) 是当前工作文件夹或其上级，不会被替换：未写出任何文件。请用 --out 指定一个子文件夹，例如 --out plan-out",
                             en: "the output folder \(p) is the working folder or holds it, and is never replaced: nothing was written. Give --out a folder of its own, e.g. --out plan-out")
        case .containsProtected(let p, let q):
            return Bilingual(zh: "输出文件夹 \(p) 包含 \(q)（场景或数据库），不会被替换：未写出任何文件。请用 --out 指定另一个文件夹",
                             en: "the output folder \(p) holds \(q) (the scenario or the store) and is never replaced: nothing was written. Give --out another folder")
        case .foreignFile(let p, let f):
            return Bilingual(zh: "输出文件夹 \(p) 里有不是 Xiangxing 写出的“\(f)”，替换会删掉它：未写出任何文件。请把它移走，或用 --out 指定一个新的或空的文件夹",
                             en: "the output folder \(p) holds \"\(f)\", which Xiangxing did not write; replacing the folder would delete it: nothing was written. Move it away, or give --out a new or empty folder")
        case .cannotCreate(let p, let r):
            return Bilingual(zh: "无法写入 \(p)（\(r)）：未写出任何文件。请检查路径和权限，或用 --out 指定另一个文件夹",
                             en: "cannot write \(p) (\(r)): nothing was written. Check the path and its permissions, or give --out another folder")
        }
    }

    public var description: String { message.en }
}

/// Named points in the writing of a folder and a version, for the fault
/// tests: with `XIANGXING_FAULT_AT=<name>` in the environment the process
/// SIGKILLs itself when it reaches that point (a test hook; documented in
/// docs/guarantees.md). Points, in order: `staging-created`, `first-file`,
/// `staged`, `saved` (a version is in the store), `swapped`, `done`.
public enum FaultPoint {
    public static func reach(_ name: String) {
        guard let wanted = getenv("XIANGXING_FAULT_AT"), String(cString: wanted) == name else { return }
        kill(getpid(), SIGKILL)
    }
}
