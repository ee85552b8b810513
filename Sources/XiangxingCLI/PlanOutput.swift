import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice

/// An output folder of a command (the Office's `OfficeFolders`, its refusal printed
/// and exit 1): refused up front (before any planning or
/// saving) when it must not be replaced, with a message that says how to
/// go on; the same rules for every command that writes a folder.
enum OutputTarget {
    static func prepare(_ out: String, kind: OutputFolder.Kind, protecting: [String], language: Language,
                        carryOver: Bool = false) throws -> OutputFolder {
        try Terminal.run(language) { _ in
            try OfficeFolders.prepare(out, kind: kind, protecting: protecting, language: language, carryOver: carryOver)
        }
    }

    /// Runs a folder step, turning a refusal or a failed write into its message and exit 1.
    static func attempt<T>(_ language: Language, _ body: () throws -> T) throws -> T {
        try Terminal.run(language) { _ in try OfficeFolders.attempt(language, body) }
    }
}
