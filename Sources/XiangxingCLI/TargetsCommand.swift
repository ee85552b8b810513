import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingPrint

struct TargetsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "targets",
        abstract: L("把全市全年目标人次分解到各县区，写出 targets.csv 和可下发的任务分解表（PDF、Excel）。",
                    "Hand the city's yearly person-time targets down to the counties: targets.csv and the printable 任务分解表 (PDF, .xlsx)."),
        discussion: L("""
            按最大余数法分解：各县区先得 ⌊总数 × 权重 / 权重和⌋，余下的人次依余数从大到小各加 1；\
            余数相同时权重大的优先，再相同时按 counties.csv 中的先后。各县区之和恰好等于全市目标。\
            默认权重：培训为该县区报名人数（attendees.csv）加需求座位数（期数 × max_seats），\
            乡村行为该县区各站点的帮扶人次；counties.csv 有 weight（权重）列时用它，--weights 文件又优先于它。总数默认取 scenario.csv 的 target_training、target_mentoring。

            --out 为文件夹时写出三个文件：targets.csv（约定格式，可放回场景文件夹）、任务分解表.pdf（A4：标题、\
            下达单位、单位：人次、各县区培训与乡村行人次、合计行、下达单位盖章处和下达日期、页码）和 \
            任务分解表.xlsx（同一张表，人次为整数，表头加粗冻结；第二张工作表为标题、下达单位和日期）。\
            --out 以 .csv 结尾时只写出这一个 targets.csv。

            示例：
              xiangxing targets scenarios/nanyang-2019 --training 3500 --mentoring 7200 --unit 南阳市人力资源和社会保障局 --date 2019-02-20 --out 任务分解
            """, """
            Largest remainder: each county first gets ⌊total × weight / sum of weights⌋, the \
            person-times still missing go one each by largest remainder; ties go to the larger \
            weight, then to the county listed first in counties.csv. The counties add up exactly \
            to the city total. Default weights: for training, the county's enrolment \
            (attendees.csv) plus the seats its demand asks for (classes × max_seats); for \
            mentoring, the mentees of its tour stops; a weight (权重) column of counties.csv \
            replaces them, and a --weights file replaces that. Totals default to scenario.csv's \
            target_training and target_mentoring.

            With --out a folder, three files: targets.csv (the contract's format, to put back in \
            the scenario folder), 任务分解表.pdf (A4: title, issuing unit, 单位：人次, each county's \
            training and mentoring person-times, the 合计 row, the stamp line and the date, page \
            numbers) and 任务分解表.xlsx (the same table, integers, bold frozen header; a second sheet \
            holds the title, unit and date). With --out ending in .csv, only that targets.csv.

            Example:
              xiangxing targets scenarios/nanyang-2019 --training 3500 --mentoring 7200 --unit 南阳市人力资源和社会保障局 --date 2019-02-20 --out targets-2019
            """))

    @OptionGroup var options: ScenarioOptions

    @Option(help: L("全市全年培训目标（人次；默认 scenario.csv 的 target_training）。", "The city's yearly training target in person-times (default: scenario.csv's target_training)."))
    var training: Int?

    @Option(help: L("全市全年乡村行帮扶目标（人次；默认 scenario.csv 的 target_mentoring）。", "The city's yearly mentoring target in person-times (default: scenario.csv's target_mentoring)."))
    var mentoring: Int?

    @Option(help: L("权重文件 county,weight（县区代码或名称；未列出的县区权重为 0）。", "A weights file county,weight (code or name; counties not listed weigh 0)."))
    var weights: String?

    @Option(help: L("输出文件夹（写出 targets.csv、任务分解表.pdf、任务分解表.xlsx）；以 .csv 结尾时只写出该 targets.csv。",
                    "The output folder (targets.csv, 任务分解表.pdf, 任务分解表.xlsx); a path ending in .csv writes only that targets.csv."))
    var out: String

    @Option(help: L("任务分解表的标题（默认：场景名称加“任务分解表”）。", "The 任务分解表's title (default: the scenario's name and 任务分解表)."))
    var title: String?

    @Option(help: L("下达单位（印在任务分解表上；不给则留空）。", "The issuing unit (下达单位) printed on the table (blank if not given)."))
    var unit: String = ""

    @Option(help: L("下达日期 YYYY-MM-DD（默认今天，北京时间）。", "The date it is issued (下达日期), YYYY-MM-DD (default: today, Beijing time)."))
    var date: Day?

    func run() throws {
        let lang = options.lang
        let loaded = try options.load()
        let settings = try take(ProgrammeReading.settings(folder: loaded.folder), lang)
        let given = try weights.map { try take(ProgrammeReading.weights(file: URL(fileURLWithPath: $0), scenario: loaded.scenario), lang) }
            ?? take(ProgrammeReading.countyWeights(folder: loaded.folder, scenario: loaded.scenario), lang)
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
        if out.lowercased().hasSuffix(".csv") {
            do {
                try Data(ProgrammeWriting.targetsCSV(targets).utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
            } catch {
                Terminal.error(lang == .zh ? "无法写出 \(out)：\(error.localizedDescription)" : "cannot write \(out): \(error.localizedDescription)")
                throw ExitCode(1)
            }
        } else {
            let folder = try OutputTarget.prepare(out, kind: .report, protecting: [options.scenario] + (weights.map { [$0] } ?? []), language: lang)
            try OutputTarget.attempt(lang) { try folder.write("targets.csv", ProgrammeWriting.targetsCSV(targets), personal: false) }
            let document = TargetsDocument(title: title ?? loaded.scenario.settings.name + "任务分解表", unit: unit,
                                           issuedOn: date ?? PrintedFrom.today(),
                                           counties: loaded.scenario.counties.map { (code: $0.code, name: $0.name) }, targets: targets)
            do throws(WorkbookFailure) { try TargetsWorkbook.write(document, to: folder.staging.appendingPathComponent("任务分解表.xlsx")) } catch {
                Terminal.error((lang == .zh ? "错误：" : "error: ") + error.message.text(lang))
                throw ExitCode(1)
            }
            do { try TargetsPDF.write(document, to: folder.staging.appendingPathComponent("任务分解表.pdf")) } catch let e as PrintError {
                Terminal.error(e.description)
                throw ExitCode(1)
            }
            folder.adoptWrittenFiles()
            try OutputTarget.attempt(lang) { try folder.commit() }
        }
        for (category, total) in [(KindCategory.training, training), (.mentoring, mentoring)] {
            guard let total else { continue }
            let n = targets.filter { $0.category == category }.count
            print(lang == .zh ? "\(category == .training ? "培训" : "乡村行") \(total) 人次分解到 \(n) 个县区。"
                              : "\(category.rawValue): \(total) person-times handed down to \(n) counties.")
        }
        print(out.lowercased().hasSuffix(".csv") ? (lang == .zh ? "已写出 \(out)。" : "Wrote \(out).")
              : (lang == .zh ? "已写出 \(out)/：targets.csv、任务分解表.pdf、任务分解表.xlsx。" : "Wrote \(out)/: targets.csv, 任务分解表.pdf, 任务分解表.xlsx."))
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
