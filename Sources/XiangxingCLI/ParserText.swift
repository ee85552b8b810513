import ArgumentParser
import Foundation
import XiangxingCore
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// ArgumentParser's own words — help headings, its errors, its usage lines —
/// in the run's language, and help pages wrapped at the terminal's width
/// without ever splitting an example.
///
/// ArgumentParser 1.8.2 writes them in English only (Sources/ArgumentParser/
/// Usage/HelpGenerator.swift, UsageGenerator.swift's ErrorMessageGenerator,
/// MessageInfo.swift). `Xiangxing.main()` asks it for the text unwrapped
/// (`columns: ParserText.unwrapped`), and this file translates that text with
/// the table below and wraps it itself: by display width (a Han character
/// takes two columns), breaking between Han characters as well as at spaces,
/// and leaving every example command line (`  xiangxing plan …`) whole.
enum ParserText {
    /// Wide enough that ArgumentParser never wraps; we wrap afterwards.
    static let unwrapped = 100_000

    // MARK: Help pages

    /// A help page ArgumentParser rendered with `columns: unwrapped`,
    /// translated and wrapped to `width` columns.
    static func help(_ english: String, language: Language, width: Int) -> String {
        let text = language == .zh ? translateHelp(english) : english
        return HelpWrapper(width: width).wrap(text)
    }

    /// ArgumentParser's help words → Chinese. Exact texts of 1.8.2.
    static func translateHelp(_ text: String) -> String {
        var lines: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            var l = line
            if l.hasPrefix("OVERVIEW: ") { l = "概述：" + l.dropFirst("OVERVIEW: ".count) }
            else if l.hasPrefix("USAGE: ") { l = "用法：" + l.dropFirst("USAGE: ".count).replacingOccurrences(of: "<subcommand>", with: "<子命令>") }
            else if let heading = helpHeadings[l] { l = heading }
            else if let m = l.wholeMatch(of: #/  See '(.+) <subcommand>' for detailed help\./#) {
                l = "  运行 \(m.1) <子命令> 查看各子命令的详细说明。"
            } else {
                l = translateElement(l)
            }
            lines.append(l)
        }
        return lines.joined(separator: "\n")
    }

    static let helpHeadings = [
        "ARGUMENTS:": "参数：",
        "OPTIONS:": "选项：",
        "SUBCOMMANDS:": "子命令：",
    ]

    /// One option or subcommand line: its built-in abstracts and the
    /// "(values: …; default: …)" tail ArgumentParser adds.
    private static func translateElement(_ line: String) -> String {
        var l = line
        for (en, zh) in builtInAbstracts where l.hasSuffix(en) {
            l = String(l.dropLast(en.count)) + zh
        }
        if let m = l.firstMatch(of: #/ \(values: (.*); default( as flag)?: (.*)\)$/#) {
            l = String(l[..<m.range.lowerBound]) + "（可选：\(list(m.1))；默认：\(m.3)）"
        } else if let m = l.firstMatch(of: #/ \(default( as flag)?: (.*)\)$/#) {
            l = String(l[..<m.range.lowerBound]) + "（默认：\(m.2)）"
        } else if let m = l.firstMatch(of: #/ \(values: (.*)\)$/#) {
            l = String(l[..<m.range.lowerBound]) + "（可选：\(list(m.1))）"
        }
        return l
    }

    private static func list(_ commaSeparated: Substring) -> String {
        commaSeparated.components(separatedBy: ", ").joined(separator: "、")
    }

    static let builtInAbstracts = [
        "Show help information.": "显示本帮助。",
        "Show subcommand help information.": "显示子命令的帮助。",
        "Show the version.": "显示版本。",
    ]

    // MARK: Errors

    /// An error text ArgumentParser made (`fullMessage(for:columns: unwrapped)`),
    /// translated, with a did-you-mean for a mistyped option, value or
    /// subcommand, and wrapped to `width`.
    ///
    /// ArgumentParser reports a missing required option before an unknown
    /// one, so `plan DIR --ot x` would say "Missing expected argument
    /// '--out <out>'"; an option of `arguments` the command does not have is
    /// what the clerk must fix first, so that is what is said.
    static func error(_ english: String, language: Language, width: Int, subcommands: [String], arguments: [String] = []) -> String {
        var lines = english.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        // The message may run over several lines (a bulleted list of values);
        // it ends where "Help:" or "Usage:" begins.
        let usageLine = lines.first { $0.hasPrefix("Usage: ") } ?? ""
        let end = lines.firstIndex { $0.hasPrefix("Help:  ") || $0.hasPrefix("Usage: ") } ?? lines.count
        if lines.first?.hasPrefix("Error: ") == true {
            var message = String(lines[0..<end].joined(separator: "\n").dropFirst("Error: ".count))
            var replaced = 0..<end
            if !usageLine.isEmpty, !message.hasPrefix("Unknown option"),
               let stray = unknownOptions(in: arguments, known: optionNames(inUsage: usageLine)).first {
                message = "Unknown option '\(stray)'"
                // Its "Help:" line was about the missing option: drop it too.
                if end < lines.count, lines[end].hasPrefix("Help:  ") { replaced = 0..<(end + 1) }
            }
            let said = translateError(message, language: language, usage: usageLine, subcommands: subcommands)
            lines.replaceSubrange(replaced, with: [(language == .zh ? "错误：" : "Error: ") + said])
        }
        guard language == .zh else { return HelpWrapper(width: width).wrapError(lines.joined(separator: "\n")) }
        let translated = lines.map { l -> String in
            if l.hasPrefix("Help:  ") { return "说明：" + l.dropFirst("Help:  ".count) }
            if l.hasPrefix("Usage: ") { return "用法：" + l.dropFirst("Usage: ".count).replacingOccurrences(of: "<subcommand>", with: "<子命令>") }
            if let m = l.wholeMatch(of: #/  See '(.+)' for more information\./#) { return "  运行 \(m.1) 查看详细说明。" }
            return l
        }
        return HelpWrapper(width: width).wrapError(translated.joined(separator: "\n"))
    }

    /// ArgumentParser 1.8.2's error messages (ErrorMessageGenerator) in the
    /// run's language; anything not in the table (our own ValidationErrors,
    /// already in the run's language) passes unchanged.
    static func translateError(_ message: String, language: Language, usage: String, subcommands: [String]) -> String {
        let zh = language == .zh
        // ArgumentParser's own guess allows three edits even for short names
        // (`--tim` → `--db`); ours is closer and knows prefixes (`--time-limit`).
        if let m = message.wholeMatch(of: #/Unknown option '(.+?)'(\. Did you mean '.+'\?)?/#) {
            let typed = String(m.1)
            let guess = closest(typed, among: optionNames(inUsage: usage), prefixes: true)
            if zh { return "未知选项 \(typed)。" + (guess.map { "您是否要输入 \($0)？" } ?? "") }
            return message + (guess.map { ". Did you mean '\($0)'?" } ?? "")
        }
        if let m = message.wholeMatch(of: #/Missing expected argument '(.+)'/#) {
            guard zh else { return message }
            return m.1.hasPrefix("-") ? "缺少必需的选项 \(m.1)。" : "缺少必需的参数 \(m.1)。"
        }
        if let m = message.wholeMatch(of: #/Missing one of: (.+)/#) {
            return zh ? "缺少以下之一：\(m.1.replacingOccurrences(of: "', '", with: "'、'"))。" : message
        }
        if let m = message.wholeMatch(of: #/Missing value for '(.+)'/#) {
            return zh ? "选项 \(m.1) 缺少取值。" : message
        }
        if let m = message.wholeMatch(of: #/(?s)The value '(.*?)' is invalid for '(.+?)'(.*)/#) {
            return invalidValue(value: String(m.1), option: String(m.2), rest: String(m.3), english: message, zh: zh)
        }
        if let m = message.wholeMatch(of: #/Unexpected argument '(.+)'/#) {
            let typed = String(m.1)
            // At the root, a stray word is a mistyped command.
            if usage.hasSuffix(" <subcommand>") && !typed.hasPrefix("-") {
                let guess = closest(typed, among: subcommands, prefixes: true)
                if zh { return "未知命令“\(typed)”。" + (guess.map { "您是否要输入 \($0)？" } ?? "") }
                return "Unknown command '\(typed)'." + (guess.map { " Did you mean '\($0)'?" } ?? "")
            }
            return zh ? "多余的参数“\(typed)”。" : message
        }
        if let m = message.wholeMatch(of: #/(\d+) unexpected arguments: '(.+)'/#) {
            return zh ? "有 \(m.1) 个多余的参数：“\(m.2.replacingOccurrences(of: "', '", with: "”、“"))”。" : message
        }
        if let m = message.wholeMatch(of: #/The option '(.+)' does not take any value, but '(.*)' was specified\./#) {
            return zh ? "选项 \(m.1) 不带取值，却给了“\(m.2)”。" : message
        }
        if message == "Missing required subcommand." {
            return zh ? "缺少子命令。" : message
        }
        if let m = message.wholeMatch(of: #/Invalid option: (.+)/#) {
            return zh ? "无效的选项：\(m.1)" : message
        }
        if let m = message.wholeMatch(of: #/Value to be set with (.+) had already been set with (.+)/#) {
            return zh ? "\(m.1.replacingOccurrences(of: "flag ", with: "选项 ")) 与 \(m.2.replacingOccurrences(of: "flag ", with: "选项 ")) 设定的是同一项，只能给出一个。" : message
        }
        return message
    }

    /// "The value 'first-fir' is invalid for '--strategy <strategy>'" plus
    /// what ArgumentParser appended: nothing, ": <the type's own reason>", or
    /// ". Please provide one of 'a', 'b' or 'c'." / "…the following:\n  - a".
    private static func invalidValue(value: String, option: String, rest: String, english: String, zh: Bool) -> String {
        var allowed: [String] = []
        if rest.hasPrefix(". Please provide one of the following:") {
            allowed = rest.split(separator: "\n").dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
                .filter { $0.hasPrefix("- ") }.map { String($0.dropFirst(2)) }
        } else if rest.hasPrefix(". Please provide one of ") {
            allowed = rest.matches(of: #/'([^']*)'/#).map { String($0.1) }
        }
        let guess = closest(value, among: allowed, prefixes: true)
        if !zh { return english + (guess.map { " Did you mean '\($0)'?" } ?? "") }
        var out = "“\(value)”不是 \(option) 的有效取值"
        if rest.hasPrefix(": ") { out += "：" + rest.dropFirst(2) }
        out += "。"
        if !allowed.isEmpty { out += "可选：\(allowed.joined(separator: "、"))。" }
        if let guess { out += "您是否要输入 \(guess)？" }
        return out
    }

    /// The long options of `arguments` (before a `--`) that are not `known`.
    static func unknownOptions(in arguments: [String], known: [String]) -> [String] {
        var stray: [String] = []
        for a in arguments {
            if a == "--" { break }
            guard a.hasPrefix("--"), a.count > 2 else { continue }
            let name = String(a.split(separator: "=", maxSplits: 1)[0])
            if !known.contains(name) && !stray.contains(name) { stray.append(name) }
        }
        return stray
    }

    /// `--db`, `--out`, … as a usage line lists them.
    static func optionNames(inUsage usage: String) -> [String] {
        var seen: [String] = []
        for m in usage.matches(of: #/--[A-Za-z0-9][A-Za-z0-9-]*/#) where !seen.contains(String(m.0)) { seen.append(String(m.0)) }
        return seen + ["--help"]
    }

    /// The candidate a mistyped word most likely meant: fewest edits (at most
    /// one per three characters, and at least 1 and at most 3), else — with
    /// `prefixes` — the only candidate that begins with it (`--time` →
    /// `--time-limit`).
    static func closest(_ typed: String, among candidates: [String], prefixes: Bool) -> String? {
        let bare = typed.split(separator: "=", maxSplits: 1).first.map(String.init) ?? typed
        let dashes = CharacterSet(charactersIn: "-")
        let allowed = min(3, max(1, bare.trimmingCharacters(in: dashes).count / 3))
        let scored = candidates.map { ($0, NameLookup.editDistance(bare.lowercased(), $0.lowercased())) }
            .filter { $0.1 <= allowed }
            .sorted { $0.1 < $1.1 }
        if let best = scored.first { return best.0 }
        guard prefixes, bare.trimmingCharacters(in: dashes).count >= 2 else { return nil }
        let starting = candidates.filter { $0.lowercased().hasPrefix(bare.lowercased()) }
        return starting.count == 1 ? starting[0] : nil
    }

    // MARK: Width

    /// The terminal's width, as ArgumentParser finds it: $COLUMNS, else the
    /// terminal behind standard output, else 80.
    static var terminalWidth: Int {
        if let text = ProcessInfo.processInfo.environment["COLUMNS"], let n = Int(text), n > 0 { return n }
        #if canImport(Glibc) || canImport(Darwin)
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 { return Int(size.ws_col) }
        #endif
        return 80
    }
}

/// Wraps help and error text by display width, the way ArgumentParser lays
/// it out (abstracts hang at column 26), but never inside an example.
struct HelpWrapper {
    /// ArgumentParser's label column (HelpGenerator.labelColumnWidth).
    static let labelColumn = 26
    var width: Int

    init(width: Int) { self.width = max(width, 40) }

    func wrap(_ text: String) -> String {
        var out: [String] = []
        var inOverview = true
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            if line.hasPrefix("USAGE: ") || line.hasPrefix("用法：") {
                inOverview = false
                out.append(contentsOf: usage(line))
            } else if inOverview {
                out.append(contentsOf: overview(line))
            } else {
                out.append(contentsOf: element(line))
            }
        }
        return out.joined(separator: "\n")
    }

    /// Errors: the message, the "Help:" line, the usage line, the "See …" line.
    func wrapError(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init).flatMap { line -> [String] in
            if displayWidth(line) <= width { return [line] }
            if line.hasPrefix("Usage: ") || line.hasPrefix("用法：") { return usage(line) }
            let lead = line.prefix { $0 == " " }.count
            return fill(prefix: String(line.prefix(lead)), String(line.dropFirst(lead)), indent: lead)
        }.joined(separator: "\n")
    }

    /// An example command line: an indented line that runs `xiangxing`
    /// (`  xiangxing plan …`, `  swift build && .build/release/xiangxing bench …`).
    static func isExample(_ line: String) -> Bool {
        guard line.hasPrefix("  ") else { return false }
        return line.split(separator: " ").contains { $0 == "xiangxing" || $0.hasSuffix("/xiangxing") }
    }

    private func overview(_ line: String) -> [String] {
        if line.isEmpty || Self.isExample(line) || displayWidth(line) <= width { return [line] }
        if let first = ["OVERVIEW: ", "概述："].first(where: { line.hasPrefix($0) }) {
            return fill(prefix: first, String(line.dropFirst(first.count)), indent: 0)
        }
        let lead = line.prefix { $0 == " " }.count
        return fill(prefix: String(line.prefix(lead)), String(line.dropFirst(lead)), indent: lead == 0 ? 0 : lead + 2)
    }

    /// "用法：xiangxing plan [<scenario>] [--lang <lang>] …": breaks only
    /// between whole `[--option <value>]` groups, continuing under the first.
    private func usage(_ line: String) -> [String] {
        let head = line.hasPrefix("用法：") ? "用法：" : line.hasPrefix("USAGE: ") ? "USAGE: " : "Usage: "
        var groups: [String] = [], current = "", depth = 0
        for c in line.dropFirst(head.count) {
            if c == " " && depth == 0 { if !current.isEmpty { groups.append(current) }; current = ""; continue }
            if c == "[" || c == "<" { depth += 1 }
            if c == "]" || c == ">" { depth = max(0, depth - 1) }
            current.append(c)
        }
        if !current.isEmpty { groups.append(current) }
        // "--out <out>" stays on one line.
        var merged: [String] = []
        for g in groups {
            if g.hasPrefix("<"), let last = merged.last, last.hasPrefix("-") { merged[merged.count - 1] += " " + g } else { merged.append(g) }
        }
        groups = merged
        let indent = displayWidth(head)
        return place(groups.map { Piece(text: $0, spaceBefore: true) }, prefix: head, indent: indent)
    }

    /// An option, argument or subcommand line: label, then the abstract from
    /// column 26; a wrapped abstract continues at column 26.
    private func element(_ line: String) -> [String] {
        if line.isEmpty || displayWidth(line) <= width { return [line] }
        let col = Self.labelColumn
        let chars = Array(line)
        let lead = line.prefix { $0 == " " }.count
        // "  --out <out>             写出…": the label padded to column 26.
        let isHint = line.hasPrefix("  See ") || line.hasPrefix("  运行 ")
        if lead == 2, !isHint, chars.count > col, chars[col - 1] == " ", chars[col] != " " {
            return fill(prefix: String(chars[0..<col]), String(chars[col...]), indent: col)
        }
        return fill(prefix: String(line.prefix(lead)), String(line.dropFirst(lead)), indent: lead >= col ? col : lead + 2)
    }

    // MARK: Filling lines

    private struct Piece { var text: String; var spaceBefore: Bool }

    /// `body` after `prefix`, continued with `indent` spaces, broken at
    /// spaces and between Han characters (never before a closing mark such
    /// as ，。） or after an opening one such as （“).
    private func fill(prefix: String, _ body: String, indent: Int) -> [String] {
        place(pieces(body), prefix: prefix, indent: indent)
    }

    private func place(_ pieces: [Piece], prefix: String, indent: Int) -> [String] {
        var lines: [String] = []
        var line = prefix, used = displayWidth(prefix), lineHasText = false
        for p in pieces {
            let gap = lineHasText && p.spaceBefore ? 1 : 0
            let w = displayWidth(p.text)
            if lineHasText && used + gap + w > width {
                lines.append(line)
                line = String(repeating: " ", count: indent)
                used = indent
                line += p.text; used += w
            } else {
                if gap == 1 { line += " " }
                line += p.text; used += gap + w
            }
            lineHasText = true
        }
        lines.append(line)
        return lines
    }

    private func pieces(_ body: String) -> [Piece] {
        var out: [Piece] = []
        var current = "", spaceBefore = false
        var previous: Character?
        for c in body {
            if c == " " {
                if !current.isEmpty { out.append(Piece(text: current, spaceBefore: spaceBefore)); current = "" }
                spaceBefore = true
                previous = nil
                continue
            }
            if let p = previous, !current.isEmpty, Self.mayBreak(between: p, and: c) {
                out.append(Piece(text: current, spaceBefore: spaceBefore))
                current = ""; spaceBefore = false
            }
            current.append(c)
            previous = c
        }
        if !current.isEmpty { out.append(Piece(text: current, spaceBefore: spaceBefore)) }
        return out
    }

    static let noBreakBefore: Set<Character> = ["，", "。", "、", "；", "：", "？", "！", "）", "》", "」", "』", "”", "’", "…", "—", "·", ",", ".", ";", ":", ")", "]", "%"]
    static let noBreakAfter: Set<Character> = ["（", "《", "「", "『", "“", "‘", "(", "["]

    /// A line may end between two characters when one of them is wide (Han,
    /// full-width punctuation) and the rules of Chinese line breaking allow it.
    static func mayBreak(between a: Character, and b: Character) -> Bool {
        guard isWide(a) || isWide(b) else { return false }
        if noBreakBefore.contains(b) || noBreakAfter.contains(a) { return false }
        return true
    }

    static func isWide(_ c: Character) -> Bool {
        guard let v = c.unicodeScalars.first?.value else { return false }
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return true
        default:
            return false
        }
    }

    func displayWidth(_ s: String) -> Int { s.reduce(0) { $0 + (Self.isWide($1) ? 2 : 1) } }
}
