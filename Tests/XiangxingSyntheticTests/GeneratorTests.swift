import Foundation
import Testing
import XiangxingCore
import XiangxingIO
@testable import XiangxingSynthetic

/// `xiangxing generate`: the folders it writes follow SCENARIO.md exactly,
/// read back without a single problem, have the sizes the presets promise,
/// and are the same bytes for the same seed. (The national preset is left
/// to a release build: see the generator's README.)
@Suite struct GeneratorTests {
    static let seed: UInt64 = 7

    /// Generates, writes to a fresh temporary folder and reads back.
    func roundTrip(_ preset: ScenarioPreset, seed: UInt64 = seed) throws -> (GeneratedScenario, Scenario, URL) {
        let generated = ScenarioGenerator.generate(preset: preset, seed: seed)
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("xiangxing-generate-\(preset.rawValue)-\(seed)-\(UUID().uuidString)")
        try generated.write(to: folder, force: false)
        switch ScenarioReader.read(folder: folder) {
        case .success(let loaded):
            return (generated, loaded.scenario, folder)
        case .failure(let all):
            let shown = all.problems.prefix(10).map { $0.message(.en) }.joined(separator: "\n")
            Issue.record("seed \(seed): \(all.problems.count) problem(s) reading back \(preset):\n\(shown)")
            throw all
        }
    }

    @Test func nanyangReadsBackWithoutProblemsAndHasItsSizes() throws {
        let (generated, s, folder) = try roundTrip(.nanyang)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(s.counties.count == 17)
        let classes = s.demands.reduce(0) { $0 + $1.classes }
        #expect((100...145).contains(classes), "classes \(classes)")
        #expect((3_000...4_200).contains(s.attendees?.count ?? 0), "attendees \(s.attendees?.count ?? 0)")
        #expect((55...75).contains(s.trainers.count), "trainers \(s.trainers.count)")
        #expect(s.tours.count == 2)
        let september = try #require(s.tours.first { $0.earliest.month == 9 })
        #expect(september.teams == 6)
        #expect(Set(s.stops.filter { $0.tour == september.id }.map(\.county)) == Set(s.counties.map(\.code)))
        #expect(s.venues.allSatisfy { (30...120).contains($0.seats) })
        let venuesPerCounty = Dictionary(grouping: s.venues, by: \.county).mapValues(\.count)
        #expect(s.counties.allSatisfy { (2...3).contains(venuesPerCounty[$0.code] ?? 0) })
        #expect(s.trainers.allSatisfy { (8...16).contains($0.maxDaysPerMonth) && !$0.qualifications.isEmpty })
        let withCalendars = Double(s.trainers.filter { !$0.blocked.isEmpty }.count) / Double(s.trainers.count)
        #expect((0.1...0.35).contains(withCalendars), "share with calendars \(withCalendars)")
        #expect(s.settings.start == Day(year: 2019, month: 1, day: 1) && s.settings.end == Day(year: 2019, month: 12, day: 31))
        #expect(s.demands.allSatisfy { (45...190).contains($0.earliest.distance(to: $0.latest)) })
        #expect(generated.counts.classes == classes)
    }

    @Test func henanReadsBackWithoutProblemsAndHasItsSizes() throws {
        let (_, s, folder) = try roundTrip(.henan)
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect((150...175).contains(s.counties.count), "counties \(s.counties.count)")
        let classes = s.demands.reduce(0) { $0 + $1.classes }
        #expect((1_050...1_350).contains(classes), "classes \(classes)")
        #expect((30_000...40_000).contains(s.attendees?.count ?? 0), "attendees \(s.attendees?.count ?? 0)")
        #expect((540...700).contains(s.trainers.count), "trainers \(s.trainers.count)")
        #expect((14...20).contains(s.tours.count), "tours \(s.tours.count)")
        #expect(Set(s.counties.map(\.code)).count == s.counties.count)
        #expect(s.counties.allSatisfy { $0.code.count == 6 && $0.code.hasPrefix("41")
            && (18...54).contains($0.latitude) && (73...135).contains($0.longitude) })
    }

    @Test func sameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws {
        for preset in [ScenarioPreset.nanyang, .henan] {
            let a = ScenarioGenerator.generate(preset: preset, seed: 42)
            let b = ScenarioGenerator.generate(preset: preset, seed: 42)
            #expect(a.files.map(\.path) == b.files.map(\.path))
            for (x, y) in zip(a.files, b.files) { #expect(x.bytes == y.bytes, "\(preset) \(x.path) differs between runs") }
            let c = ScenarioGenerator.generate(preset: preset, seed: 43)
            for name in ["counties.csv", "trainers.csv", "demand.csv", "attendees.csv"] {
                let left = a.files.first { $0.path == name }?.bytes, right = c.files.first { $0.path == name }?.bytes
                #expect(left != nil && left != right, "\(preset) \(name) is the same for seeds 42 and 43")
            }
        }
    }

    @Test func writtenFilesAreTheGeneratedBytes() throws {
        let (generated, _, folder) = try roundTrip(.nanyang)
        defer { try? FileManager.default.removeItem(at: folder) }
        for file in generated.files {
            let onDisk = try [UInt8](Data(contentsOf: folder.appendingPathComponent(file.path)))
            #expect(onDisk == file.bytes, "\(file.path)")
        }
        let calendars = try FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("calendars").path)
        #expect(calendars.count == generated.counts.calendars)
    }

    @Test func attendeesHaveValidIDsMatchingCountyAndGender() throws {
        let (_, s, folder) = try roundTrip(.nanyang, seed: 11)
        defer { try? FileManager.default.removeItem(at: folder) }
        let attendees = try #require(s.attendees)
        let codes = Set(s.counties.map(\.code))
        for a in attendees {
            #expect(ResidentID.validate(a.idNumber) == nil, "line for \(ResidentID.masked(a.idNumber))")
            #expect(a.idNumber.hasPrefix(a.county) && codes.contains(a.county))
            #expect(ResidentID.gender(a.idNumber) == a.gender)
            #expect(a.phone.count == 11 && a.phone.first == "1" && a.phone.allSatisfy(\.isNumber))
        }
        var perKind: [String: Set<String>] = [:]
        for a in attendees { #expect(perKind[a.kind, default: []].insert(a.idNumber).inserted) }
        // Some people take awareness and then capability.
        #expect(Set(attendees.map(\.idNumber)).count < attendees.count)
        // The names that make sorting hard are there, with their readings.
        let readings = attendees.compactMap { a in a.pinyin.map { (a.name, $0) } }
        #expect(readings.contains { $0.0.hasPrefix("单") && $0.1.hasPrefix("Shan ") })
        #expect(readings.contains { $0.0.hasPrefix("曾") && $0.1.hasPrefix("Zeng ") })
        #expect(readings.contains { $0.0.hasPrefix("欧阳") || $0.0.hasPrefix("司马") })
        #expect(attendees.allSatisfy { $0.pinyin == nil || $0.pinyin!.contains(" ") })
    }

    /// (That libical reads them without a problem is checked by every read-back above.)
    @Test func calendarsAreSmallICSFilesWithCRLFAndFoldedLines() throws {
        let generated = ScenarioGenerator.generate(preset: .henan, seed: Self.seed)
        let calendars = generated.files.filter { $0.path.hasPrefix("calendars/") }
        #expect(!calendars.isEmpty)
        for file in calendars {
            let text = try #require(String(validating: file.bytes, as: UTF8.self))
            #expect(text.hasPrefix("BEGIN:VCALENDAR\r\n") && text.hasSuffix("END:VCALENDAR\r\n"))
            let lines = text.split(separator: "\r\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.allSatisfy { !$0.contains("\n") && !$0.contains("\r") && $0.utf8.count <= 75 }, "\(file.path)")
            #expect(text.contains("RRULE:FREQ="))
        }
    }

    @Test func everyQualificationCoversItsPeakWithSlackButNotMuchMore() {
        for preset in [ScenarioPreset.nanyang, .henan] {
            let g = ScenarioGenerator.generate(preset: preset, seed: Self.seed)
            for t in g.tightness where t.minimumRatio > 0 {
                #expect(t.minimumRatio >= g.knobs.slack - 1e-9, "\(preset) \(t.kind) \(t.minimumRatio)")
            }
            let capability = g.tightness.first { $0.kind == "capability" }!
            #expect(capability.minimumRatio < 2 * g.knobs.slack, "\(preset) capability is loose: \(capability.minimumRatio)")
        }
    }

    @Test func refusesANonEmptyFolderUnlessForcedAndThenRemovesStaleScenarioFiles() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("xiangxing-generate-force-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("calendars"), withIntermediateDirectories: true)
        try Data("keep".utf8).write(to: folder.appendingPathComponent("notes.txt"))
        try Data("old".utf8).write(to: folder.appendingPathComponent("calendars/old-trainer.ics"))
        let g = ScenarioGenerator.generate(preset: .nanyang, seed: 3)
        #expect(throws: GeneratorError.self) { try g.write(to: folder, force: false) }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.csv").path))
        try g.write(to: folder, force: true)
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("scenario.csv").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("notes.txt").path))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("calendars/old-trainer.ics").path))
        guard case .success = ScenarioReader.read(folder: folder) else {
            Issue.record("forced folder does not read back"); return
        }
    }

    @Test func splitMix64IsTheReferenceSequence() {
        // First outputs of SplitMix64 seeded with 0 (Vigna's reference implementation).
        var rng = SplitMix64(seed: 0)
        #expect(rng.next() == 0xE220_A839_7B1D_CDAF)
        #expect(rng.next() == 0x6E78_9E6A_A1B9_65F4)
    }
}
