import ArgumentParser
import Foundation
import XiangxingCore
import XiangxingICS
import XiangxingIO
import XiangxingStore

extension Day: ExpressibleByArgument {
    public init?(argument: String) { self.init(iso: argument) }
}

/// Prints what a change recorded.
private func done(_ e: StoreEvent, _ store: StoreOptions) {
    print(store.lang == .zh ? "已记录：\(e.description.zh)。运行 xiangxing replan --out 文件夹 生成新版本。"
                            : "Recorded: \(e.description.en). Run xiangxing replan --out DIR for a new version.")
}

struct Unavailable: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Record that a trainer is unavailable for some dates (illness, a meeting …).",
        discussion: "Example:\n  xiangxing unavailable --trainer T012 --from 2019-09-10 --to 2019-09-12 --reason 病假")
    @OptionGroup var store: StoreOptions
    @Option(help: "Trainer id (trainers.csv).") var trainer: String
    @Option(help: "First date, YYYY-MM-DD.") var from: Day
    @Option(help: "Last date, YYYY-MM-DD (inclusive).") var to: Day
    @Option(help: "Why.") var reason: String = ""
    func run() throws {
        let db = try store.open()
        done(try store.attempt { try db.markTrainerUnavailable(trainer: trainer, from: from, through: to, reason: reason, by: store.who) }, store)
    }
}

struct TrainerCalendar: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "trainer-calendar",
        abstract: "Replace a trainer's availability calendar with a new .ics file.",
        discussion: "Example:\n  xiangxing trainer-calendar --trainer T012 --ics 王建国-新学期.ics")
    @OptionGroup var store: StoreOptions
    @Option(help: "Trainer id.") var trainer: String
    @Option(help: "The iCalendar file (RFC 5545).") var ics: String
    func run() throws {
        let db = try store.open()
        let (index, _) = try store.scenario(db)
        let url = URL(fileURLWithPath: ics)
        let text: String
        switch TextFile.read(url, name: url.lastPathComponent) {
        case .success(let (t, _)): text = t
        case .failure(let p): Terminal.reportProblems([p], language: store.lang); throw ExitCode(1)
        }
        let period = index.scenario.settings.period
        let read = AvailabilityCalendar.blockedDays(ics: text, file: url.lastPathComponent, from: period.lowerBound, through: period.upperBound)
        guard read.problems.isEmpty else { Terminal.reportProblems(read.problems, language: store.lang); throw ExitCode(1) }
        done(try store.attempt { try db.replaceTrainerCalendar(trainer: trainer, blocked: read.days, source: ics, by: store.who) }, store)
    }
}

struct CloseVenue: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "close-venue",
        abstract: "Record that a venue is closed for some dates.",
        discussion: "Example:\n  xiangxing close-venue --venue TH-1 --from 2019-10-14 --to 2019-10-25 --reason 装修")
    @OptionGroup var store: StoreOptions
    @Option(help: "Venue id (venues.csv).") var venue: String
    @Option(help: "First date, YYYY-MM-DD.") var from: Day
    @Option(help: "Last date, YYYY-MM-DD (inclusive).") var to: Day
    @Option(help: "Why.") var reason: String = ""
    func run() throws {
        let db = try store.open()
        done(try store.attempt { try db.closeVenue(venue: venue, from: from, through: to, reason: reason, by: store.who) }, store)
    }
}

struct AddDemand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-demand",
        abstract: "Add classes a county wants (a demand.csv row).",
        discussion: "Example:\n  xiangxing add-demand --id D900 --county 唐河县 --kind awareness --classes 1 --earliest 2019-10-08 --latest 2019-11-29")
    @OptionGroup var store: StoreOptions
    @Option(help: "A new demand id.") var id: String
    @Option(help: "County code or name.") var county: String
    @Option(help: "Training kind code or name.") var kind: String
    @Option(help: "Number of classes.") var classes: Int
    @Option(help: "Window start, YYYY-MM-DD.") var earliest: Day
    @Option(help: "Window end, YYYY-MM-DD.") var latest: Day
    func run() throws {
        let db = try store.open()
        let (index, _) = try store.scenario(db)
        let c = index.counties[county] != nil ? county : index.scenario.counties.first { $0.name == county }?.code ?? county
        let k = index.kinds[kind] != nil ? kind : index.scenario.kinds.first { $0.name == kind }?.code ?? kind
        let d = Demand(id: id, county: c, kind: k, classes: classes, earliest: earliest, latest: latest)
        done(try store.attempt { try db.addDemand(d, by: store.who) }, store)
    }
}

struct RemoveDemand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove-demand",
        abstract: "Remove a demand row (its classes leave the next plan).",
        discussion: "Example:\n  xiangxing remove-demand --id D017")
    @OptionGroup var store: StoreOptions
    @Option(help: "Demand id.") var id: String
    func run() throws {
        let db = try store.open()
        done(try store.attempt { try db.removeDemand(id: id, by: store.who) }, store)
    }
}

struct AddAttendees: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-attendees",
        abstract: "Add enrolments from a CSV file with attendees.csv's columns.",
        discussion: "Example:\n  xiangxing add-attendees 唐河县-补报名.csv")
    @OptionGroup var store: StoreOptions
    @Argument(help: "CSV file (UTF-8 or GB18030; English or Chinese headers).") var file: String
    func run() throws {
        let db = try store.open()
        let (index, _) = try store.scenario(db)
        var warnings: [InputProblem] = []
        switch ScenarioReader.readAttendees(file: URL(fileURLWithPath: file), against: index.scenario, warnings: &warnings) {
        case .failure(let all): Terminal.reportProblems(all.problems, language: store.lang); throw ExitCode(1)
        case .success(let people):
            for w in warnings { Terminal.error(w.message(store.lang)) }
            done(try store.attempt { try db.addAttendees(people, by: store.who) }, store)
        }
    }
}

struct Withdraw: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Withdraw one person's enrolment for a kind.",
        discussion: "Example:\n  xiangxing withdraw --id-number 411328199001011234 --kind awareness")
    @OptionGroup var store: StoreOptions
    @Option(help: "Resident ID number.") var idNumber: String
    @Option(help: "Training kind code.") var kind: String
    func run() throws {
        let db = try store.open()
        done(try store.attempt { try db.withdrawAttendee(idNumber: idNumber.uppercased(), kind: kind, by: store.who) }, store)
    }
}

struct Pin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fix a session's dates, trainers or venue — each independently — for every later re-plan.",
        discussion: """
        Example (dates and trainer fixed, venue still free to move):
          xiangxing pin D001-2 --dates "2019-05-22;2019-05-23;2019-05-24" --trainers T009
        """)
    @OptionGroup var store: StoreOptions
    @Argument(help: "Session id (plan.csv's session column).") var session: String
    @Option(help: "Dates, ';'-separated YYYY-MM-DD.") var dates: String?
    @Option(help: "Trainer ids, ';'-separated.") var trainers: String?
    @Option(help: "Venue id.") var venue: String?
    @Option(help: "Why.") var reason: String = ""
    func run() throws {
        let db = try store.open()
        var days: [Day]?
        if let dates {
            var parsed: [Day] = []
            for part in dates.split(whereSeparator: { $0 == ";" || $0 == "," }) {
                guard let d = Day(iso: part.trimmingCharacters(in: .whitespaces)) else {
                    Terminal.error(store.lang == .zh ? "--dates：“\(part)”不是 YYYY-MM-DD 日期" : "--dates: \"\(part)\" is not a YYYY-MM-DD date")
                    throw ExitCode(1)
                }
                parsed.append(d)
            }
            days = parsed
        }
        let list = trainers.map { $0.split(whereSeparator: { $0 == ";" || $0 == "," }).map { $0.trimmingCharacters(in: .whitespaces) } }
        done(try store.attempt { try db.pin(session: session, dates: days, trainers: list, venue: venue, by: store.who, reason: reason) }, store)
    }
}

extension PinKind: ExpressibleByArgument {}

struct Unpin: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Free a pinned part of a session again (dates, trainers or venue).",
        discussion: "Example:\n  xiangxing unpin D001-2 --what venue")
    @OptionGroup var store: StoreOptions
    @Argument(help: "Session id.") var session: String
    @Option(help: "dates, trainers or venue.") var what: PinKind
    func run() throws {
        let db = try store.open()
        done(try store.attempt { try db.unpin(session: session, what: what, by: store.who) }, store)
    }
}
