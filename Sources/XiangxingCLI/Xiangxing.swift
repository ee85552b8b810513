import ArgumentParser

@main
struct Xiangxing: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "xiangxing",
        abstract: "乡行 — plans Nanyang's return-home entrepreneurship training and mentoring tours.",
        subcommands: [
            Validate.self, PlanCommand.self, Check.self,
            ImportCommand.self, Unavailable.self, TrainerCalendar.self, CloseVenue.self, AddDemand.self, RemoveDemand.self,
            AddAttendees.self, Withdraw.self, Pin.self, Unpin.self, ReplanCommand.self, Diff.self, Export.self, Explain.self, Status.self, PurgeCommand.self,
            RosterCommand.self, ItineraryCommand.self, TourSheetCommand.self, Generate.self, Bench.self,
        ]
    )
}
