import XiangxingCore

/// Why an Office call stopped, as a shell shows it: the located problems of
/// an input (listed with a closing summary line), or lines already in the
/// caller's language; and the exit status a command ends with. The Office
/// never prints and never exits: the CLI prints these and exits, a page
/// handler renders them.
public struct OfficeError: Error, Sendable {
    /// Problems of a person's file, in file order (warnings among them).
    public var problems: [InputProblem]
    /// Messages in the run's language, one a line.
    public var lines: [String]
    /// 1 for bad input or a refused step, 3 for a plan that breaks hard rules (a bug).
    public var exitCode: Int32

    public init(problems: [InputProblem], exitCode: Int32 = 1) {
        self.problems = problems; self.lines = []; self.exitCode = exitCode
    }

    public init(lines: [String], exitCode: Int32 = 1) {
        self.problems = []; self.lines = lines; self.exitCode = exitCode
    }

    public init(_ line: String, exitCode: Int32 = 1) { self.init(lines: [line], exitCode: exitCode) }

    /// The closing line under a list of problems: how many, and that nothing was written.
    public static func summary(of problems: [InputProblem], _ language: Language) -> String {
        let errors = problems.filter { !$0.isWarning }.count, warnings = problems.count - errors
        let also = warnings == 0 ? "" : (language == .zh ? "（另有 \(warnings) 条警告）" : " (and \(warnings) warning(s))")
        return language == .zh
            ? "共 \(errors) 处问题\(also)，未写出任何文件。改正后重新运行。"
            : "\(errors) problem(s)\(also); nothing was written. Fix them and run again."
    }

    /// Every line a terminal shows for this error, in order.
    public func messages(_ language: Language) -> [String] {
        problems.isEmpty ? lines : problems.map { $0.message(language) } + [Self.summary(of: problems, language)]
    }
}

/// Where an Office call says something on the way that is not its result
/// (a warning of the scenario, a name taken as another, planning progress):
/// the CLI writes it to standard error, a page shows it or logs it.
public typealias Notice = (String) -> Void

/// The value of a read, or its problems as an `OfficeError`.
public func take<T>(_ result: Result<T, InputProblems>) throws -> T {
    switch result {
    case .success(let v): return v
    case .failure(let all): throw OfficeError(problems: all.problems)
    }
}
