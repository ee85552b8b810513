import ArgumentParser

@main
struct Xiangxing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xiangxing",
        abstract: "乡行 — plans Nanyang's return-home entrepreneurship training and mentoring tours.",
        subcommands: [Validate.self, PlanCommand.self, Check.self, Generate.self, Bench.self, RosterCommand.self, TourSheetCommand.self]
    )
}
