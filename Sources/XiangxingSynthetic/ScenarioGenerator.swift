import Foundation
import XiangxingCore
import XiangxingIO

/// Synthetic scenarios for tests and benchmarks, in the exact format of
/// SCENARIO.md, so `ScenarioReader` reads them back without a problem.
/// Deterministic: the same preset and seed give byte-identical files.
///
///     let scenario = ScenarioGenerator.generate(preset: .nanyang, seed: 7)
///     try scenario.write(to: URL(fileURLWithPath: "/tmp/g"), force: false)
public enum ScenarioGenerator {
    public static func generate(preset: ScenarioPreset, seed: UInt64,
                                knobs: GeneratorKnobs? = nil) -> GeneratedScenario {
        let knobs = knobs ?? GeneratorKnobs.of(preset)
        var mapRNG = SplitMix64(seed: seed, stream: "map")
        let map = SyntheticMap.make(preset, rng: &mapRNG)
        let workload = Workload.make(preset, map: map, knobs: knobs, seed: seed)
        var people = PeopleFactory()
        let pool = TrainerPool.make(map: map, workload: workload, knobs: knobs, seed: seed, people: &people)
        let venues = VenuesAndRoads.venues(map: map, knobs: knobs, seed: seed)
        let travel = VenuesAndRoads.travel(map: map, seed: seed)
        let attendees = knobs.attendees
            ? Enrolment.attendees(map: map, workload: workload, seed: seed, people: &people) : nil
        return Rendering(preset: preset, seed: seed, knobs: knobs, map: map, workload: workload, pool: pool,
                         venues: venues, travel: travel, attendees: attendees).scenario()
    }
}

/// One file of a generated scenario.
public struct GeneratedFile: Sendable {
    /// Relative to the scenario folder: `trainers.csv`, `calendars/term-teaching-MO.ics`.
    public var path: String
    public var bytes: [UInt8]
    /// Data rows (CSV) or events (ICS).
    public var records: Int
}

public struct GeneratedScenario: Sendable {
    public struct Counts: Sendable, Equatable {
        public var counties = 0, prefectures = 0, venues = 0, trainers = 0, trainersWithCalendars = 0
        public var demandRows = 0, classes = 0, tours = 0, stops = 0, teams = 0, blackouts = 0
        /// Nil when no attendees.csv is written.
        public var attendees: Int?
        public var travel = 0, calendars = 0
    }

    public var preset: ScenarioPreset
    public var seed: UInt64
    public var knobs: GeneratorKnobs
    public var files: [GeneratedFile]
    public var counts: Counts
    /// Per kind: qualified capacity ÷ load, over prefecture-months with load.
    public var tightness: [TightnessReport]

    /// The files every scenario folder may hold, which `--force` replaces
    /// or removes; anything else in the folder is left alone.
    static let ownedNames = ["scenario.csv", "counties.csv", "kinds.csv", "venues.csv", "trainers.csv", "demand.csv",
                             "tours.csv", "stops.csv", "blackouts.csv", "attendees.csv", "travel.csv", "README.md"]

    /// Writes every file atomically. Refuses a folder that holds anything
    /// unless `force`; with `force`, scenario files this scenario does not
    /// write (an old attendees.csv, old calendars/*.ics) are removed, so the
    /// folder is exactly this scenario plus whatever else was there.
    public func write(to folder: URL, force: Bool) throws {
        let fm = FileManager.default
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder.path, isDirectory: &isDir) {
            guard isDir.boolValue else { throw GeneratorError.notAFolder(folder.path) }
            let present = try fm.contentsOfDirectory(atPath: folder.path)
            if !present.isEmpty {
                guard force else { throw GeneratorError.folderNotEmpty(folder.path, present.count) }
                let writing = Set(files.map(\.path))
                var stale = Self.ownedNames.filter { present.contains($0) && !writing.contains($0) }
                let calendars = folder.appendingPathComponent("calendars")
                if let old = try? fm.contentsOfDirectory(atPath: calendars.path) {
                    stale += old.filter { $0.hasSuffix(".ics") }.map { "calendars/" + $0 }
                        .filter { !writing.contains($0) }
                }
                for path in stale.sorted() { try fm.removeItem(at: folder.appendingPathComponent(path)) }
            }
        }
        try fm.createDirectory(at: folder.appendingPathComponent("calendars"), withIntermediateDirectories: true)
        for file in files { try AtomicFile.write(file.bytes, to: folder.appendingPathComponent(file.path)) }
    }
}

public enum GeneratorError: Error, Sendable {
    case folderNotEmpty(String, Int)
    case notAFolder(String)

    public func message(_ language: Language) -> String {
        switch self {
        case .folderNotEmpty(let path, let n):
            return language == .zh
                ? "输出文件夹 \(path) 不是空的（有 \(n) 项）— 换一个空文件夹，或加 --force 覆盖其中的场景文件"
                : "the output folder \(path) is not empty (\(n) entries) — choose an empty folder, or add --force to replace the scenario files in it"
        case .notAFolder(let path):
            return language == .zh ? "\(path) 是文件而不是文件夹 — 换一个路径" : "\(path) is a file, not a folder — choose another path"
        }
    }
}

/// Turns the drawn world into the files of SCENARIO.md.
private struct Rendering {
    let preset: ScenarioPreset
    let seed: UInt64
    let knobs: GeneratorKnobs
    let map: SyntheticMap
    let workload: Workload
    let pool: TrainerPool
    let venues: [GeneratedVenue]
    let travel: [GeneratedTravel]
    let attendees: [GeneratedAttendee]?

    func scenario() -> GeneratedScenario {
        var files: [GeneratedFile] = []
        func csv(_ path: String, _ header: [String], _ rows: [[String]]) {
            files.append(GeneratedFile(path: path, bytes: Array(CSV.render(header: header, rows: rows).utf8),
                                       records: rows.count))
        }
        let area = preset == .nanyang ? "南阳市" : preset == .henan ? "河南省" : "全国"
        csv("scenario.csv", ["key", "value"], [
            ["name", "\(area)2019年返乡创业培训与创业讲师乡村行（合成数据：\(preset.rawValue)，种子 \(seed)）"],
            ["start", "2019-01-01"], ["end", "2019-12-31"], ["holidays", "cn-public-holidays.ics"],
            ["max_evening_travel_minutes", "150"], ["road_factor", "1.3"], ["road_kmh", "60"],
        ])
        csv("counties.csv", ["code", "name", "lat", "lon"],
            map.counties.map { [$0.code, $0.name, Self.fixed($0.lat, 4), Self.fixed($0.lon, 4)] })
        csv("kinds.csv", ["code", "name", "category", "days", "min_seats", "max_seats", "trainers", "weekends"],
            GeneratedKind.allCases.map {
                [$0.code, $0.name, $0.category, "\($0.days)", "\($0.minSeats)", "\($0.maxSeats)", "\($0.trainers)",
                 $0.weekends ? "yes" : "no"]
            })
        var calendars: [GeneratedFile] = []
        var written: Set<String> = []
        func calendar(_ pattern: CalendarPattern?) -> String {
            guard let pattern else { return "" }
            let path = pattern.path
            if written.insert(path).inserted {
                let text = pattern.ics()
                calendars.append(GeneratedFile(path: path, bytes: Array(text.utf8),
                                               records: text.components(separatedBy: "BEGIN:VEVENT").count - 1))
            }
            return path
        }
        csv("venues.csv", ["id", "county", "name", "address", "seats", "calendar"], venues.map { v in
            [v.id, map.counties[v.county].code, v.name, v.address, "\(v.seats)",
             calendar(v.calendar)]
        })
        csv("trainers.csv", ["id", "name", "home_county", "qualifications", "max_days_per_month", "calendar", "phone"],
            pool.trainers.map { t in
                [t.id, t.name, map.counties[t.home].code,
                 GeneratedKind.allCases.filter { t.holds($0) }.map(\.code).joined(separator: ";"),
                 "\(t.maxDaysPerMonth)", calendar(t.calendar), t.phone]
            })
        csv("demand.csv", ["id", "county", "kind", "classes", "earliest", "latest"], workload.demand.map {
            [$0.id, map.counties[$0.county].code, $0.kind.code, "\($0.classes)", $0.earliest.iso, $0.latest.iso]
        })
        csv("tours.csv", ["id", "name", "kind", "earliest", "latest", "teams"], workload.tours.map {
            [$0.id, $0.name, GeneratedKind.villageTour.code, $0.earliest.iso, $0.latest.iso, "\($0.teams)"]
        })
        csv("stops.csv", ["tour", "county", "days", "mentees"], workload.tours.flatMap { t in
            t.stops.map { [t.id, map.counties[$0.county].code, "\($0.days)", "\($0.mentees)"] }
        })
        csv("blackouts.csv", ["county", "start", "end", "reason"], workload.blackouts.map {
            [$0.county, $0.start.iso, $0.end.iso, $0.reason]
        })
        if let attendees {
            csv("attendees.csv", ["id_number", "name", "gender", "phone", "county", "township", "kind", "project", "pinyin"],
                attendees.map { a in
                    [a.person.idNumber, a.person.name, a.person.male ? "男" : "女", a.person.phone,
                     map.counties[a.county].code, a.township, a.kind.code, a.project, a.person.pinyin ?? ""]
                })
        }
        csv("travel.csv", ["from", "to", "km", "minutes"], travel.map {
            [map.counties[$0.from].code, map.counties[$0.to].code, "\($0.km)", "\($0.minutes)"]
        })
        files += calendars.sorted { $0.path < $1.path }

        var counts = GeneratedScenario.Counts()
        counts.counties = map.counties.count
        counts.prefectures = map.prefectures.count
        counts.venues = venues.count
        counts.trainers = pool.trainers.count
        counts.trainersWithCalendars = pool.trainers.filter { $0.calendar != nil }.count
        counts.demandRows = workload.demand.count
        counts.classes = workload.demand.reduce(0) { $0 + $1.classes }
        counts.tours = workload.tours.count
        counts.stops = workload.tours.reduce(0) { $0 + $1.stops.count }
        counts.teams = workload.tours.reduce(0) { $0 + $1.teams }
        counts.blackouts = workload.blackouts.count
        counts.attendees = attendees?.count
        counts.travel = travel.count
        counts.calendars = calendars.count
        files.append(GeneratedFile(path: "README.md", bytes: Array(readme(counts).utf8), records: 0))
        return GeneratedScenario(preset: preset, seed: seed, knobs: knobs, files: files, counts: counts,
                                 tightness: pool.tightness)
    }

    func readme(_ c: GeneratedScenario.Counts) -> String {
        let ratios = pool.tightness.map {
            "| \($0.kind) | \(Self.fixed($0.minimumRatio, 2)) | \(Self.fixed($0.medianRatio, 2)) |"
        }.joined(separator: "\n")
        return """
        # Synthetic scenario: preset `\(preset.rawValue)`, seed \(seed)

        Made by `xiangxing generate --preset \(preset.rawValue) --seed \(seed)`; the same command writes \
        the same bytes. Do not edit by hand: change the generator and run it again. Format: SCENARIO.md.

        **All names, resident ID numbers, phone numbers, places and addresses are invented.** IDs pass the \
        GB 11643 check but belong to nobody; county codes are shaped like GB/T 2260 codes but the \
        counties are made up.

        | file | rows |
        |---|---|
        | counties.csv | \(c.counties) counties in \(c.prefectures) prefectures |
        | venues.csv | \(c.venues) venues |
        | trainers.csv | \(c.trainers) trainers, \(c.trainersWithCalendars) with calendars |
        | demand.csv | \(c.demandRows) rows, \(c.classes) classes |
        | tours.csv / stops.csv | \(c.tours) tours, \(c.stops) stops, \(c.teams) teams |
        | blackouts.csv | \(c.blackouts) |
        | attendees.csv | \(c.attendees.map(String.init) ?? "not written (rule 6 uses max_seats)") |
        | travel.csv | \(c.travel) overrides |
        | calendars/*.ics | \(c.calendars) |

        The national holiday calendar `cn-public-holidays.ics` is the project's (`calendars/`).

        ## Tightness

        In every prefecture, month and set of kinds, the prefecture's own qualified trainer-days \
        (max_days_per_month, discounted for calendars) are at least \(knobs.slack) × the trainer-days its \
        demand and tour stops need that month (each row spread evenly over its window). Capability, \
        village-tour and service qualifications go to just enough trainers for that; many of those \
        trainers also teach awareness. Qualified capacity ÷ load per prefecture-month:

        | kind | lowest | median |
        |---|---|---|
        \(ratios)

        """
    }

    /// `x` with exactly `digits` decimals, independent of locale.
    static func fixed(_ x: Double, _ digits: Int) -> String {
        var scale = 1
        for _ in 0..<digits { scale *= 10 }
        let n = Int((abs(x) * Double(scale)).rounded())
        let whole = n / scale, fraction = String(n % scale)
        let sign = x < 0 && n != 0 ? "-" : ""
        return sign + "\(whole)." + String(repeating: "0", count: digits - fraction.count) + fraction
    }
}
