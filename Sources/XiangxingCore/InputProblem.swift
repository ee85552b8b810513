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
    public var severity: Severity

    /// An error stops the command; a warning is printed and the command goes
    /// on, for data that can be right (a trainer without qualifications).
    public enum Severity: String, Hashable, Sendable {
        case error, warning
    }

    public init(file: String, line: Int?, field: String, problem: Bilingual, remedy: Bilingual,
                severity: Severity = .error) {
        self.file = file
        self.line = line
        self.field = field
        self.problem = problem
        self.remedy = remedy
        self.severity = severity
    }

    public var isWarning: Bool { severity == .warning }

    /// The same problem as a warning.
    public var asWarning: InputProblem {
        var p = self
        p.severity = .warning
        return p
    }

    /// `file:line: field: what is wrong — what to do`; a warning says so
    /// after the field: `trainers.csv:9: qualifications: 警告：…`.
    public func message(_ language: Language = .zh) -> String {
        let location = line.map { "\(file):\($0)" } ?? file
        let fieldPart = field.isEmpty ? "" : " \(field):"
        let mark = severity == .warning ? (language == .zh ? "警告：" : "warning: ") : ""
        return "\(location):\(fieldPart) \(mark)\(problem.text(language)) — \(remedy.text(language))"
    }
}

/// Every problem found in one pass, so a clerk fixes them all at once.
/// Errors and warnings both, in file order; `errors` decide.
public struct InputProblems: Error, Sendable {
    public var problems: [InputProblem]
    public init(_ problems: [InputProblem]) { self.problems = problems }
    public var errors: [InputProblem] { problems.filter { !$0.isWarning } }
    public var warnings: [InputProblem] { problems.filter(\.isWarning) }
}
