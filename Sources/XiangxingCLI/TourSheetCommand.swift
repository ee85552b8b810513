import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingOffice
import XiangxingPrint

struct TourSheetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "toursheet",
        abstract: L("为乡村行每个小组打印行程单，格式为 PDF。",
                    "Print a tour sheet (行程单) for every team of a mentoring tour, as PDF."),
        discussion: L("""
            每次乡村行一个 PDF（行程单-XCX-2019-09.pdf）；每个小组另起一页并单独计页（第N页 共M页）。\
            小组行程单先列讲师（所在县区、电话（默认打码，加 --unmasked 完整打印）、从家出发\
            走完各站再返回的路程），再按日期列出各站：带星期的日期、县区、场地及地址、帮扶人次、\
            距上一站的公里数和分钟数（取自 travel.csv，没有时按数据约定估算）、接待县区盖章栏，\
            以及合计行（站数、天数、人次、公里）；最后是组长签字栏。每个文件先写入临时文件再改名。

            示例：
              xiangxing toursheet scenarios/nanyang-2019 plan-out --out 行程单
              xiangxing toursheet scenarios/nanyang-2019 plan-out --tour XCX-2019-09 --out 行程单
            """, """
        One PDF per tour (行程单-XCX-2019-09.pdf); each team starts on a new page and \
        counts its own pages (第N页 共M页). A team's sheet shows its trainers (home county, \
        phone (masked unless --unmasked), own road km from home round the stops and back), then its stops in date \
        order: dates with the weekday, county, venue and address, 帮扶人次, road km and \
        minutes from the previous stop (travel.csv, else the contract's estimate), a box \
        for the host county's stamp, and a 合计 row (stops, days, mentees, km); then a \
        line for the team leader's signature. Each file is written to a temporary file \
        and renamed into place.

        Examples:
          xiangxing toursheet scenarios/nanyang-2019 plan-out --out 行程单
          xiangxing toursheet scenarios/nanyang-2019 plan-out --tour XCX-2019-09 --out 行程单
        """))

    @OptionGroup var options: PlanSource


    @Flag(help: L("完整打印讲师电话（默认打码）。", "Print the trainers' phone numbers in full (masked by default)."))
    var unmasked = false

    @Option(help: L("只打印这一次乡村行（tours.csv 中的 id，如 XCX-2019-09）；不给时打印计划中的全部乡村行。", "Only this tour (its id in tours.csv, e.g. XCX-2019-09); default every tour of the plan."))
    var tour: String?

    @Option(help: L("写出文件的文件夹（不存在时自动创建）。", "Folder to write into (created if missing)."))
    var out: String

    func run() throws {
        let zh = options.lang == .zh
        let (scenario, plan, _) = try options.load()
        let printed = try options.printedFrom()
        var tours = scenario.tours
        if let wanted = tour {
            tours = tours.filter { $0.id == wanted }
            if tours.isEmpty {
                let list = scenario.tours.map { "  \($0.id)  \($0.name)" }.joined(separator: "\n")
                Terminal.error(zh ? "未知乡村行“\(wanted)”。tours.csv 中有：\n\(list)"
                                  : "Unknown tour \"\(wanted)\". tours.csv has:\n\(list)")
                throw ExitCode(1)
            }
        }
        let index = ScenarioIndex(scenario)
        // Written beside the folder, then swapped in whole; sheets written
        // there before are carried over (docs/guarantees.md).
        let target = try OutputTarget.prepare(out, kind: .toursheet, protecting: options.protectedPaths, language: options.lang, carryOver: true)
        var written = 0
        do {
            for t in tours {
                let teams = Set(plan.sessions.filter { $0.type == .tourStop && $0.ref == t.id }.compactMap(\.team)).sorted()
                guard !teams.isEmpty else {
                    Terminal.error(zh ? "\(t.name)（\(t.id)）在计划中没有站点，未生成行程单。"
                                      : "\(t.name) (\(t.id)) has no stops in the plan; no tour sheet.")
                    continue
                }
                let inputs = teams.map { TourSheetInput(tour: t, team: $0, sessions: plan.sessions, scenario: scenario, index: index, unmasked: unmasked, printed: printed) }
                let name = FileName.safe("行程单-\(t.id)") + ".pdf"
                try TourSheetPDF.write(inputs, to: target.staging.appendingPathComponent(name))
                let url = target.target.appendingPathComponent(name)
                written += 1
                let stops = inputs.reduce(0) { $0 + $1.stops.count }, mentees = inputs.reduce(0) { $0 + $1.totalMentees }
                print(zh ? "\(url.path)：\(t.name)，\(teams.count) 个小组，\(stops) 站，帮扶 \(mentees) 人次"
                         : "\(url.path): \(t.name), \(teams.count) teams, \(stops) stops, \(mentees) mentees")
            }
        } catch let problem as PrintError {
            Terminal.error(problem.description)
            throw ExitCode(1)
        }
        if written > 0 { try OutputTarget.attempt(options.lang) { try target.commit() } }
        guard written > 0 else {
            Terminal.error(zh ? "计划中没有乡村行站点，未写出任何文件。" : "The plan has no tour stops; nothing was written.")
            throw ExitCode(1)
        }
    }
}
