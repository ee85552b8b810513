/// A sentence in both languages Xiangxing speaks. Chinese is the default
/// (the clerks and the office read Chinese); `--lang en` picks English.
public struct Bilingual: Hashable, Sendable {
    public var zh: String
    public var en: String
    public init(zh: String, en: String) { self.zh = zh; self.en = en }
    public func text(_ language: Language) -> String { language == .zh ? zh : en }
}

public enum Language: String, Sendable, CaseIterable {
    case zh, en
}

/// One thing wrong with an input file, located precisely enough that a
/// clerk can open the file and fix it:
/// `demand.csv:14: county: 未知县区代码 "411399" — 请使用 counties.csv 中的代码`.
public struct InputProblem: Error, Hashable, Sendable {
    /// File name as the user knows it (relative to the scenario folder).
    public var file: String
    /// 1-based physical line in the file where the record starts, if known.
    public var line: Int?
    /// The column or property concerned, as named in the file's header.
    public var field: String
    public var problem: Bilingual
    public var remedy: Bilingual

    public init(file: String, line: Int?, field: String, problem: Bilingual, remedy: Bilingual) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        self.remedy = remedy
    }

    /// `file:line: field: what is wrong — what to do`.
    public func message(_ language: Language = .zh) -> String {
        let location = line.map { "\(file):\($0)" } ?? file
        let fieldPart = field.isEmpty ? "" : " \(field):"
        return "\(location):\(fieldPart) \(problem.text(language)) — \(remedy.text(language))"
    }
}

/// Every problem found in one pass, so a clerk fixes them all at once.
public struct InputProblems: Error, Sendable {
    public var problems: [InputProblem]
    public init(_ problems: [InputProblem]) { self.problems = problems }
}
