import Foundation
import Testing
import XiangxingCore
import XiangxingIO

/// The corpus of broken scenarios (issue 9): one `BrokenCorpus/*.case` file
/// per defect, each an edit of a copy of a demo scenario and the exact
/// messages the reader must give for it, warnings included.
///
/// A case file is tab-separated operations, `---`, then the expected
/// messages (Chinese unless `lang	en`), one a line; `#` lines describe it.
///
///     # Two rows of travel.csv for one pair: the last one silently won.
///     append	travel.csv	411328,411330,99,120
///     ---
///     travel.csv:9: to: 这一对县区的路程与第 3 行重复 — …
///
/// Operations: `base NAME` (scenarios/NAME, default nanyang-2019),
/// `replace FILE LINE OLD NEW`, `append FILE TEXT`, `write FILE TEXT`,
/// `delete FILE`, `rename FILE NEW`, `symlink FILE TARGET`, `utf16 FILE`,
/// `lang en`, `full`. The copy keeps the first 100 rows of attendees.csv
/// unless the case says `full` (3,491 rows read 51 times would be most of
/// the test's time; no case needs them). In texts: `\n` `\r` `\t` `\\`, `\u{FEFF}` (a scalar in UTF-8),
/// `\x{FF}` (a raw byte), `\*N{text}` (text N times). The scenario folder
/// appears in messages as `<scenario>`.
///
/// `XIANGXING_RECORD_CORPUS=1 swift test --filter BrokenCorpus` rewrites the
/// expected messages from what the reader says; review the diff like code.
@Suite("The corpus of broken scenarios")
struct BrokenCorpusTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("BrokenCorpus")

    static let cases: [String] = (try? FileManager.default.contentsOfDirectory(atPath: folder.path))?
        .filter { $0.hasSuffix(".case") }.sorted() ?? []

    @Test func theCorpusHasACaseForEachDefect() {
        #expect(Self.cases.count >= 40)
    }

    @Test(arguments: cases)
    func theReaderGivesTheExpectedMessages(_ name: String) throws {
        let file = Self.folder.appendingPathComponent(name)
        let text = try String(contentsOf: file, encoding: .utf8)
        let corpusCase = try CorpusCase(text, name: name)
        let tmp = try TemporaryFolder()
        let scenario = try tmp.copy(demoScenario(corpusCase.base), as: "scenario")
        if !corpusCase.full { try CorpusCase.keepFirstAttendees(101, in: scenario) }
        for op in corpusCase.operations { try op.apply(in: scenario) }
        let said: [InputProblem]
        switch ScenarioReader.read(folder: scenario) {
        case .success(let loaded): said = loaded.warnings
        case .failure(let all): said = all.problems
        }
        let realFolder = scenario.resolvingSymlinksInPath().path
        let messages = said.map {
            $0.message(corpusCase.language)
                .replacingOccurrences(of: scenario.path, with: "<scenario>")
                .replacingOccurrences(of: realFolder, with: "<scenario>")
        }
        if ProcessInfo.processInfo.environment["XIANGXING_RECORD_CORPUS"] == "1" {
            let head = text.components(separatedBy: "\n---\n")[0]
            try (head + "\n---\n" + messages.map { $0 + "\n" }.joined()).write(to: file, atomically: true, encoding: .utf8)
            return
        }
        #expect(!corpusCase.expected.isEmpty, "\(name) expects nothing: a case must name its message")
        #expect(messages == corpusCase.expected, "\(name) said:\n\(messages.joined(separator: "\n"))")
        // Personal data never appears in a message.
        for m in messages { #expect(!m.contains("411302198709150755") && !m.contains("18068900323")) }
    }
}

/// One case of the corpus, parsed.
struct CorpusCase {
    var base = "nanyang-2019"
    var language = Language.zh
    var operations: [Operation] = []
    var expected: [String] = []
    var full = false

    static func keepFirstAttendees(_ lines: Int, in folder: URL) throws {
        let url = folder.appendingPathComponent("attendees.csv")
        guard let data = FileManager.default.contents(atPath: url.path) else { return }
        let kept = [UInt8](data).split(separator: 0x0A, omittingEmptySubsequences: false).prefix(lines)
        try Data(Array(kept.joined(separator: [0x0A])) + [0x0A]).write(to: url)
    }

    enum Operation {
        case replace(String, Int, [UInt8], [UInt8])
        case append(String, [UInt8])
        case write(String, [UInt8])
        case delete(String)
        case rename(String, String)
        case symlink(String, String)
        case utf16(String)

        func apply(in folder: URL) throws {
            let fm = FileManager.default
            func at(_ f: String) -> URL { folder.appendingPathComponent(f) }
            switch self {
            case .replace(let f, let line, let old, let new):
                var lines = [UInt8](try Data(contentsOf: at(f))).split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
                guard lines.indices.contains(line - 1), let r = lines[line - 1].firstRange(of: old) else {
                    throw Malformed(description: "\(f):\(line) does not hold \"\(String(decoding: old, as: UTF8.self))\"")
                }
                lines[line - 1].replaceSubrange(r, with: new)
                try Data(Array(lines.joined(separator: [0x0A]))).write(to: at(f))
            case .append(let f, let bytes):
                var data = [UInt8](try Data(contentsOf: at(f)))
                if let last = data.last, last != 0x0A { data.append(0x0A) }
                try Data(data + bytes + [0x0A]).write(to: at(f))
            case .write(let f, let bytes):
                try Data(bytes).write(to: at(f))
            case .delete(let f):
                try fm.removeItem(at: at(f))
            case .rename(let f, let new):
                try fm.moveItem(at: at(f), to: at(new))
            case .symlink(let f, let target):
                try? fm.removeItem(at: at(f))
                try fm.createSymbolicLink(atPath: at(f).path, withDestinationPath: target)
            case .utf16(let f):
                let text = try String(contentsOf: at(f), encoding: .utf8)
                try Data([0xFF, 0xFE] + text.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }).write(to: at(f))
            }
        }
    }

    struct Malformed: Error, CustomStringConvertible {
        let description: String
    }

    init(_ text: String, name: String) throws {
        let parts = text.components(separatedBy: "\n---\n")
        guard parts.count == 2 else { throw Malformed(description: "\(name): no --- line") }
        for line in parts[0].split(separator: "\n") where !line.hasPrefix("#") && !line.isEmpty {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            func arg(_ i: Int) throws -> String {
                guard i < f.count else { throw Malformed(description: "\(name): \(line): too few fields") }
                return f[i]
            }
            switch f[0] {
            case "base": base = try arg(1)
            case "lang": language = try arg(1) == "en" ? .en : .zh
            case "full": full = true
            case "replace":
                guard let n = Int(try arg(2)) else { throw Malformed(description: "\(name): \(line): bad line number") }
                operations.append(.replace(try arg(1), n, try Self.bytes(try arg(3)), try Self.bytes(try arg(4))))
            case "append": operations.append(.append(try arg(1), try Self.bytes(try arg(2))))
            case "write": operations.append(.write(try arg(1), try Self.bytes(try arg(2))))
            case "delete": operations.append(.delete(try arg(1)))
            case "rename": operations.append(.rename(try arg(1), try arg(2)))
            case "symlink": operations.append(.symlink(try arg(1), try arg(2)))
            case "utf16": operations.append(.utf16(try arg(1)))
            default: throw Malformed(description: "\(name): unknown operation \(f[0])")
            }
        }
        expected = parts[1].split(separator: "\n").map(String.init)
    }

    /// The bytes a text of the case stands for (escapes as documented above).
    static func bytes(_ text: String) throws -> [UInt8] {
        var out: [UInt8] = []
        var s = Substring(text)
        func braced() throws -> Substring {
            guard s.first == "{", let close = s.firstIndex(of: "}") else { throw Malformed(description: "bad escape in \(text)") }
            let inner = s[s.index(after: s.startIndex)..<close]
            s = s[s.index(after: close)...]
            return inner
        }
        while let c = s.first {
            s = s.dropFirst()
            guard c == "\\", let e = s.first else { out += Array(String(c).utf8); continue }
            s = s.dropFirst()
            switch e {
            case "n": out.append(0x0A)
            case "r": out.append(0x0D)
            case "t": out.append(0x09)
            case "\\": out.append(0x5C)
            case "u":
                guard let v = UInt32(try braced(), radix: 16), let scalar = Unicode.Scalar(v) else { throw Malformed(description: text) }
                out += Array(String(Character(scalar)).utf8)
            case "x":
                guard let v = UInt8(try braced(), radix: 16) else { throw Malformed(description: text) }
                out.append(v)
            case "*":
                let digits = s.prefix { $0.isNumber }
                s = s.dropFirst(digits.count)
                guard let n = Int(digits) else { throw Malformed(description: text) }
                let unit = try bytes(String(try braced()))
                for _ in 0..<n { out += unit }
            default: throw Malformed(description: "unknown escape \\\(e) in \(text)")
            }
        }
        return out
    }
}
