import ArgumentParser
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
    return environmentLanguage ?? .zh
}()

/// `XIANGXING_LANG=en` (or zh), if set to a language Xiangxing speaks.
let environmentLanguage: Language? = ProcessInfo.processInfo.environment["XIANGXING_LANG"].flatMap(Language.init(rawValue:))

/// A text of the command line's own (help, abstracts, option help) in the
/// run's language: `L("输出文件夹", "output folder")`.
func L(_ zh: String, _ en: String) -> String { runLanguage == .zh ? zh : en }

/// The same as option help: `@Option(help: L("输出文件夹（不存在时自动创建）。", "Folder to write into (created if missing)."))`.
@_disfavoredOverload
func L(_ zh: String, _ en: String) -> ArgumentHelp { ArgumentHelp(runLanguage == .zh ? zh : en) }
