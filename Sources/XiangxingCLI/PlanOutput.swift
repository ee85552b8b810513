import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO

/// An output folder of a command: refused up front (before any planning or
/// saving) when it must not be replaced, with a message that says how to
/// go on; the same rules for every command that writes a folder.
enum OutputTarget {
    static func prepare(_ out: String, kind: OutputFolder.Kind, protecting: [String], language: Language,
                        carryOver: Bool = false) throws -> OutputFolder {
        try attempt(language) {
            try OutputFolder.prepare(URL(fileURLWithPath: out), kind: kind,
                                     protecting: protecting.map { URL(fileURLWithPath: $0) }, carryOver: carryOver)
        }
    }

    /// Runs a folder step, turning a refusal or a failed write into its message and exit 1.
    static func attempt<T>(_ language: Language, _ body: () throws -> T) throws -> T {
        do { return try body() } catch let p as OutputFolderProblem {
            Terminal.error((language == .zh ? "错误：" : "error: ") + p.message.text(language))
            throw ExitCode(1)
        }
    }
}
