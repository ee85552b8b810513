import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: L("把全市全年目标人次分解到各县区，写出 targets.csv。",
                    "Hand the city's yearly person-time targets down to the counties as targets.csv."),
        discussion: L("""
            按最大余数法分解：各县区先得 ⌊总数 × 权重 / 权重和⌋，余下的人次依余数从大到小各加 1；\
            余数相同时权重大的优先，再相同时按 counties.csv 中的先后。各县区之和恰好等于全市目标。\
            默认权重：培训为该县区报名人数（attendees.csv）加需求座位数（期数 × max_seats），\
            乡村行为该县区各站点的帮扶人次。总数默认取 scenario.csv 的 target_training、target_mentoring。

            示例：
              xiangxing targets scenarios/nanyang-2019 --training 3500 --mentoring 1200 --out targets.csv
            """, """
            Largest remainder: each county first gets ⌊total × weight / sum of weights⌋, the \
            person-times still missing go one each by largest remainder; ties go to the larger \
            weight, then to the county listed first in counties.csv. The counties add up exactly \
            to the city total. Default weights: for training, the county's enrolment \
            (attendees.csv) plus the seats its demand asks for (classes × max_seats); for \
            mentoring, the mentees of its tour stops. Totals default to scenario.csv's \
            target_training and target_mentoring.

            Example:
              xiangxing targets scenarios/nanyang-2019 --training 3500 --mentoring 1200 --out targets.csv
            """))

    @OptionGroup var options: ScenarioOptions

    @Option(help: L("全市全年培训目标（人次；默认 scenario.csv 的 target_training）。", "The city's yearly training target in person-times (default: scenario.csv's target_training)."))
    var training: Int?

    @Option(help: L("全市全年乡村行帮扶目标（人次；默认 scenario.csv 的 target_mentoring）。", "The city's yearly mentoring target in person-times (default: scenario.csv's target_mentoring)."))
    var mentoring: Int?

    @Option(help: L("权重文件 county,weight（县区代码或名称；未列出的县区权重为 0）。", "A weights file county,weight (code or name; counties not listed weigh 0)."))
    var weights: String?

    @Option(help: L("写出的 targets.csv 路径。", "Where to write targets.csv."))
    var out: String

    func run() throws {
        let lang = options.lang
        let loaded = try options.load()
        let settings = try take(ProgrammeReading.settings(folder: loaded.folder), lang)
        let given = try weights.map { try take(ProgrammeReading.weights(file: URL(fileURLWithPath: $0), scenario: loaded.scenario), lang) }
        let training = self.training ?? settings.targetTraining, mentoring = self.mentoring ?? settings.targetMentoring
        for (name, n) in [("--training", training), ("--mentoring", mentoring)] {
            if let n, n < 0 || n > ProgrammeReading.maxPersonTimes {
                Terminal.error(lang == .zh ? "\(name) \(n)：应为 0 至 \(ProgrammeReading.maxPersonTimes) 之间的整数。"
                                           : "\(name) \(n): give a whole number from 0 to \(ProgrammeReading.maxPersonTimes).")
                throw ExitCode(1)
            }
        }
        guard training != nil || mentoring != nil else {
            Terminal.error(lang == .zh ? "没有目标可分解：给出 --training/--mentoring，或在 scenario.csv 中写 target_training、target_mentoring。"
                                       : "no target to hand down: give --training/--mentoring, or target_training/target_mentoring in scenario.csv.")
            throw ExitCode(1)
        }
        let targets = TargetDecomposition.targets(loaded.scenario, training: training, mentoring: mentoring, weights: given)
        let url = URL(fileURLWithPath: out)
        do {
            try Data(ProgrammeWriting.targetsCSV(targets).utf8).write(to: url, options: .atomic)
        } catch {
            Terminal.error(lang == .zh ? "无法写出 \(out)：\(error.localizedDescription)" : "cannot write \(out): \(error.localizedDescription)")
            throw ExitCode(1)
        }
        for (category, total) in [(KindCategory.training, training), (.mentoring, mentoring)] {
            guard let total else { continue }
            let n = targets.filter { $0.category == category }.count
            print(lang == .zh ? "\(category == .training ? "培训" : "乡村行") \(total) 人次分解到 \(n) 个县区。"
                              : "\(category.rawValue): \(total) person-times handed down to \(n) counties.")
        }
        print(lang == .zh ? "已写出 \(out)。" : "Wrote \(out).")
    }
}

/// The value of a read, or every problem printed and exit 1.
func take<T>(_ result: Result<T, InputProblems>, _ lang: Language) throws -> T {
    switch result {
    case .success(let v): return v
    case .failure(let all):
        Terminal.reportProblems(all.problems, language: lang)
        throw ExitCode(1)
    }
}
