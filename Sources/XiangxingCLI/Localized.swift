import Foundation
import XiangxingCore

/// The language of this run's help pages and messages, read once from the
/// command line before ArgumentParser builds any help: `--lang en` (or
/// `--lang=en`) anywhere, or `XIANGXING_LANG=en`, gives English; Chinese is
/// the default, since the office and the clerks read Chinese.
let runLanguage: Language = {
    let args = CommandLine.arguments
    for (i, a) in args.enumerated() {
        if a == "--lang", i + 1 < args.count { return Language(rawValue: args[i + 1]) ?? .zh }
        if a.hasPrefix("--lang=") { return Language(rawValue: String(a.dropFirst(7))) ?? .zh }
    }
    if let env = ProcessInfo.processInfo.environment["XIANGXING_LANG"], let l = Language(rawValue: env) { return l }
    return .zh
}()

/// A text of the command line's own (help, abstracts, option help) in the
/// run's language: `L("输出文件夹", "output folder")`.
func L(_ zh: String, _ en: String) -> String { runLanguage == .zh ? zh : en }
