import Foundation
import XiangxingCore
import XiangxingIO
@_exported import XiangxingTestSupport

/// Every problem of a failed read, or [] when the read succeeded.
func problems(_ result: Result<LoadedScenario, InputProblems>) -> [InputProblem] {
    if case .failure(let all) = result { return all.problems }
    return []
}

/// The scenario of a successful read, or a readable test failure.
func loaded(_ result: Result<LoadedScenario, InputProblems>) throws -> LoadedScenario {
    switch result {
    case .success(let s): return s
    case .failure(let all): throw ReadFailed(messages: all.problems.map { $0.message(.en) })
    }
}

struct ReadFailed: Error, CustomStringConvertible {
    let messages: [String]
    var description: String { messages.joined(separator: "\n") }
}
