/// Finds the county, kind, trainer or venue a clerk means, written the way a
/// clerk writes it: the code or id (`411328`, `awareness`, `T009`, `TH-1`),
/// the full name (`唐河县`, `创业意识培训`, `解红伟`), or for a county its name
/// without 县/区/市 when only one county has it (`唐河`). Anything else is a
/// `NameLookup.Failure` that names its near misses (`唐和` → 唐河县), so the
/// command line can say "您是否要输入 唐河县？".
///
///     NameLookup.county("唐河", in: index)   // .success(唐河县, via: .shortName)
///     NameLookup.trainer("解红伟", in: index) // .success(T009, via: .name)
public enum NameLookup {
    /// What a name on the command line stands for.
    public enum Subject: String, Hashable, Sendable {
        case county, kind, trainer, venue

        /// 县区 / county …
        public var word: Bilingual {
            switch self {
            case .county: Bilingual(zh: "县区", en: "county")
            case .kind: Bilingual(zh: "课程类别", en: "kind")
            case .trainer: Bilingual(zh: "讲师", en: "trainer")
            case .venue: Bilingual(zh: "场地", en: "venue")
            }
        }

        /// What its first column is called: 代码 for counties and kinds, 编号 for people and rooms.
        var codeWord: Bilingual {
            switch self {
            case .county, .kind: Bilingual(zh: "代码", en: "code")
            case .trainer, .venue: Bilingual(zh: "编号", en: "id")
            }
        }

        /// What a person is named by: 姓名 for a trainer, 名称 for the rest.
        var nameWord: Bilingual {
            self == .trainer ? Bilingual(zh: "姓名", en: "name") : Bilingual(zh: "名称", en: "name")
        }

        /// The scenario file that lists them.
        public var file: String {
            switch self {
            case .county: "counties.csv"
            case .kind: "kinds.csv"
            case .trainer: "trainers.csv"
            case .venue: "venues.csv"
            }
        }

        /// A measure word for counting them: 13 个县区, 60 位讲师.
        var counter: String { self == .trainer ? "位" : "个" }
    }

    /// How a name was recognised; a caller may want to say so when it was
    /// not written in full (`唐河` taken as 唐河县).
    public enum Via: Hashable, Sendable {
        case code, name, shortName
    }

    /// One thing a name can stand for, as a message shows it:
    /// `唐河县（411328）`, or `T009 解红伟（宛城区）` with `detail`.
    public struct Entry: Hashable, Sendable {
        public var code: String
        public var name: String
        /// Where it belongs (a trainer's home county, a venue's county), to tell namesakes apart.
        public var detail: String?
        public init(code: String, name: String, detail: String? = nil) {
            self.code = code; self.name = name; self.detail = detail
        }
    }

    public struct Match<Value: Sendable>: Sendable {
        public var value: Value
        public var entry: Entry
        public var via: Via
    }

    /// Why a name on the command line stands for nothing, or for more than one thing.
    public enum Failure: Error, Hashable, Sendable {
        /// No code and no name is `text`. `nearest` are near misses, best first
        /// (may be empty); `all` is every valid entry, for the message to list or count.
        case unknown(Subject, text: String, nearest: [Entry], all: [Entry])
        /// Several have the name `text` (two trainers called 王建国).
        case ambiguous(Subject, text: String, matches: [Entry])

        public var subject: Subject {
            switch self { case .unknown(let s, _, _, _), .ambiguous(let s, _, _): s }
        }

        /// What is wrong: `未知县区“唐和”`.
        public var problem: Bilingual {
            switch self {
            case .unknown(let s, let text, _, _):
                return Bilingual(zh: "未知\(s.word.zh)“\(text)”", en: "unknown \(s.word.en) \"\(text)\"")
            case .ambiguous(let s, let text, let matches):
                let zhList = matches.map { $0.shown(.zh) }.joined(separator: "、")
                let enList = matches.map { $0.shown(.en) }.joined(separator: ", ")
                return Bilingual(zh: "有 \(matches.count) \(s.counter)\(s.word.zh)叫“\(text)”：\(zhList)",
                                 en: "\(matches.count) \(s.word.en)s are called \"\(text)\": \(enList)")
            }
        }

        /// What to do, for the option it was given with: `您是否要输入 唐河县（411328）？`.
        public func remedy(option: String) -> Bilingual {
            switch self {
            case .unknown(let s, _, let nearest, _) where !nearest.isEmpty:
                let zh = nearest.map { $0.shown(.zh) }.joined(separator: "或 ")
                let en = nearest.map { $0.shown(.en) }.joined(separator: " or ")
                return Bilingual(zh: "您是否要输入 \(zh)？（\(s.word.zh)可写\(s.codeWord.zh)或\(s.nameWord.zh)）",
                                 en: "did you mean \(en)? (a \(s.word.en) may be given by \(s.codeWord.en) or name)")
            case .unknown(let s, _, _, let all):
                if all.isEmpty {
                    return Bilingual(zh: "场景中没有任何\(s.word.zh)，请检查 \(s.file)",
                                     en: "the scenario has no \(s.word.en) at all; check \(s.file)")
                }
                if all.count <= 20 {
                    // One per line, as a clerk reads down a list: "  411328  唐河县".
                    let list = all.map { "\n  \($0.code)  \($0.name)" }.joined()
                    return Bilingual(zh: "请写\(s.word.zh)\(s.codeWord.zh)或\(s.nameWord.zh)，可用的有：\(list)",
                                     en: "give a \(s.word.en) \(s.codeWord.en) or name, one of:\(list)")
                }
                let range = "\(all.first!.code) … \(all.last!.code)"
                return Bilingual(zh: "请写\(s.word.zh)\(s.codeWord.zh)或\(s.nameWord.zh)，见场景的 \(s.file)（共 \(all.count) \(s.counter)：\(range)）",
                                 en: "give a \(s.word.en) \(s.codeWord.en) or name from the scenario's \(s.file) (\(all.count) in all: \(range))")
            case .ambiguous(let s, _, let matches):
                let first = matches.first?.code ?? ""
                return Bilingual(zh: "请用\(s.codeWord.zh)指明是哪一\(s.counter)，例如 \(option) \(first)",
                                 en: "give the \(s.codeWord.en) to say which one, e.g. \(option) \(first)")
            }
        }

        /// `--county: 未知县区“唐和” — 您是否要输入 唐河县（411328）？…`, in the
        /// `field: what — what to do` form of every Xiangxing message.
        public func message(option: String, _ language: Language) -> String {
            "\(option): \(problem.text(language)) — \(remedy(option: option).text(language))"
        }
    }

    // MARK: The four lookups

    public static func county(_ text: String, in index: ScenarioIndex) -> Result<Match<County>, Failure> {
        resolve(text, .county, index.scenario.counties) { Entry(code: $0.code, name: $0.name) }
    }

    public static func kind(_ text: String, in index: ScenarioIndex) -> Result<Match<Kind>, Failure> {
        resolve(text, .kind, index.scenario.kinds) { Entry(code: $0.code, name: $0.name) }
    }

    public static func trainer(_ text: String, in index: ScenarioIndex) -> Result<Match<Trainer>, Failure> {
        resolve(text, .trainer, index.scenario.trainers) {
            Entry(code: $0.id, name: $0.name, detail: index.counties[$0.homeCounty]?.name)
        }
    }

    public static func venue(_ text: String, in index: ScenarioIndex) -> Result<Match<Venue>, Failure> {
        resolve(text, .venue, index.scenario.venues) {
            Entry(code: $0.id, name: $0.name, detail: index.counties[$0.county]?.name)
        }
    }

    // MARK: How

    /// The name a county is also called by: 唐河县 → 唐河, 卧龙区 → 卧龙, 邓州市 → 邓州.
    public static func shortCountyName(_ name: String) -> String? {
        guard name.count > 2, let last = name.last, "县区市".contains(last) else { return nil }
        return String(name.dropLast())
    }

    private static func resolve<T: Sendable>(_ raw: String, _ subject: Subject, _ items: [T],
                                             _ entry: (T) -> Entry) -> Result<Match<T>, Failure> {
        let text = raw.trimmingWhitespace
        let entries = items.map(entry)
        func found(_ i: Int, _ via: Via) -> Result<Match<T>, Failure> {
            .success(Match(value: items[i], entry: entries[i], via: via))
        }
        func many(_ hits: [Int]) -> Result<Match<T>, Failure> {
            .failure(.ambiguous(subject, text: text, matches: hits.map { entries[$0] }))
        }
        if let i = entries.firstIndex(where: { $0.code == text }) { return found(i, .code) }
        let folded = text.lowercased()
        let sameCode = entries.indices.filter { entries[$0].code.lowercased() == folded }
        if sameCode.count == 1 { return found(sameCode[0], .code) }
        let named = entries.indices.filter { entries[$0].name == text }
        if named.count == 1 { return found(named[0], .name) }
        if named.count > 1 { return many(named) }
        if subject == .county {
            let short = entries.indices.filter { shortCountyName(entries[$0].name) == text }
            if short.count == 1 { return found(short[0], .shortName) }
            if short.count > 1 { return many(short) }
        }
        return .failure(.unknown(subject, text: text, nearest: nearMisses(text, entries, subject), all: entries))
    }

    /// Entries a mistyped `text` probably meant, best first (at most three):
    /// a code or name one or two edits away (one per three characters typed),
    /// a name that contains what was typed (`创业意识` → 创业意识培训), or an id
    /// with the same number (`T9` → T009).
    static func nearMisses(_ text: String, _ entries: [Entry], _ subject: Subject) -> [Entry] {
        guard !text.isEmpty else { return [] }
        let typed = text.lowercased()
        let allowed = max(1, typed.count / 3)
        var scored: [(score: Int, order: Int)] = []
        for (order, e) in entries.enumerated() {
            // A digit typo in a 6-digit county code is as near to a dozen
            // other codes: numbers get no edit-distance guesses.
            let numeric = typed.allSatisfy { $0.isASCII && $0.isNumber }
            var keys = numeric ? [e.name.lowercased()] : [e.code.lowercased(), e.name.lowercased()]
            if subject == .county, let short = shortCountyName(e.name) { keys.append(short) }
            var best = Int.max
            for key in keys {
                let d = editDistance(typed, key)
                if d <= allowed { best = min(best, d) }
                if typed.count >= 2, key.contains(typed) || (typed.contains(key) && key.count >= 2) {
                    best = min(best, allowed + abs(key.count - typed.count))
                }
            }
            if numberedID(typed) != nil, numberedID(typed) == numberedID(e.code.lowercased()) { best = min(best, 0) }
            if best != Int.max { scored.append((best, order)) }
        }
        let sorted = scored.sorted { ($0.score, $0.order) < ($1.score, $1.order) }
        guard let top = sorted.first?.score else { return [] }
        return sorted.filter { $0.score <= top + 1 }.prefix(3).map { entries[$0.order] }
    }

    /// `t009` and `t9` → `t#9`: letters with leading zeros of each number dropped.
    private static func numberedID(_ id: String) -> String? {
        var out = "", digits = ""
        var sawDigit = false
        func flush() {
            if !digits.isEmpty {
                let trimmed = digits.drop { $0 == "0" }
                out += "#" + (trimmed.isEmpty ? "0" : String(trimmed))
                digits = ""
            }
        }
        for c in id {
            if c.isASCII && c.isNumber { digits.append(c); sawDigit = true } else { flush(); out.append(c) }
        }
        flush()
        return sawDigit ? out : nil
    }

    /// Edits between two strings, counted in characters (a Han character is
    /// one edit) — insert, delete, replace, or swap two neighbours (optimal
    /// string alignment): `唐和县` is one edit from `唐河县`, `plna` one from `plan`.
    public static func editDistance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var d = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { d[i][0] = i }
        for j in 0...b.count { d[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] { d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1) }
            }
        }
        return d[a.count][b.count]
    }
}

extension NameLookup.Entry {
    /// `唐河县（411328）`, `解红伟（T009，宛城区）`; a code-only entry shows the code.
    func shown(_ language: Language) -> String {
        let extra = [code] + (detail.map { [$0] } ?? [])
        if name.isEmpty || name == code { return code }
        return language == .zh ? "\(name)（\(extra.joined(separator: "，"))）" : "\(name) (\(extra.joined(separator: ", ")))"
    }
}

extension String {
    /// Without leading and trailing spaces, tabs, newlines or ideographic spaces (U+3000).
    fileprivate var trimmingWhitespace: String {
        let isSpace: (Character) -> Bool = { $0.isWhitespace }
        guard let first = firstIndex(where: { !isSpace($0) }), let last = lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(self[first...last])
    }
}
