/// One row of attendees.csv.
struct GeneratedAttendee {
    var person: SyntheticPerson
    var county: Int
    var township: String
    var kind: GeneratedKind
    var project: String
}

enum Enrolment {
    /// For each demand row, between min_seats + 5 and max_seats − 5 people a
    /// class, so every class can be filled and none overflows. About one in
    /// eight capability enrolments is someone who also enrolled for
    /// awareness in the same county (unique per kind, as the reader demands).
    static func attendees(map: SyntheticMap, workload: Workload, seed: UInt64,
                          people: inout PeopleFactory) -> [GeneratedAttendee] {
        var rng = SplitMix64(seed: seed, stream: "attendees")
        var out: [GeneratedAttendee] = []
        var awarenessByCounty: [Int: [Int]] = [:]
        var reused: Set<Int> = []
        for row in workload.demand {
            let county = map.counties[row.county]
            let k = row.kind
            var size = 0
            for _ in 0..<row.classes { size += rng.int(in: (k.minSeats + 5)...(k.maxSeats - 5)) }
            for _ in 0..<size {
                if k == .capability, rng.chance(0.12),
                   let earlier = awarenessByCounty[row.county]?.first(where: { !reused.contains($0) }) {
                    reused.insert(earlier)
                    var again = out[earlier]
                    again.kind = .capability
                    out.append(again)
                    continue
                }
                let person = people.person(areaCode: county.code, years: 1965...2001, rng: &rng)
                let project = rng.chance(0.8) ? rng.pick(PeopleFactory.projects) : ""
                if k == .awareness { awarenessByCounty[row.county, default: []].append(out.count) }
                out.append(GeneratedAttendee(person: person, county: row.county, township: rng.pick(county.townships),
                                             kind: k, project: project))
            }
        }
        return out
    }
}
