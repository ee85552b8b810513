/// 任务分解下达: the city's yearly target of person-times handed down to the
/// counties in whole person-times that add up exactly to the city total.
public struct CountyTarget: Hashable, Sendable {
    public var county: String
    public var category: KindCategory
    public var personTimes: Int
    public init(county: String, category: KindCategory, personTimes: Int) {
        self.county = county; self.category = category; self.personTimes = personTimes
    }
}

public enum TargetDecomposition {
    /// Largest remainder (Hamilton): each county first gets ⌊total × w / W⌋,
    /// then the person-times still missing go one each to the counties with
    /// the largest remainders (total × w mod W, compared exactly in
    /// integers). Ties go to the larger weight, then to the county listed
    /// first. All weights 0 (or none given) means equal weights.
    ///
    ///     TargetDecomposition.split(10, weights: [1, 1, 1]) == [4, 3, 3]
    public static func split(_ total: Int, weights: [Int]) -> [Int] {
        guard !weights.isEmpty, total > 0 else { return weights.map { _ in 0 } }
        let w = weights.allSatisfy({ $0 <= 0 }) ? weights.map { _ in 1 } : weights.map { max(0, $0) }
        let sum = w.reduce(0, +)
        var shares = w.map { total * $0 / sum }
        let remainders = w.map { total * $0 % sum }
        let missing = total - shares.reduce(0, +)
        let order = w.indices.sorted { a, b in
            if remainders[a] != remainders[b] { return remainders[a] > remainders[b] }
            if w[a] != w[b] { return w[a] > w[b] }
            return a < b
        }
        for i in order.prefix(missing) { shares[i] += 1 }
        return shares
    }

    /// The default weight of a county: for training, its enrolment
    /// (attendees.csv rows of a training kind) plus the seats its demand asks
    /// for (classes × max_seats); for mentoring, the mentees of its tour stops.
    public static func defaultWeights(_ scenario: Scenario, _ category: KindCategory) -> [Int] {
        var kinds: [String: Kind] = [:]
        for k in scenario.kinds { kinds[k.code] = k }
        return scenario.counties.map { c in
            switch category {
            case .training:
                let enrolled = (scenario.attendees ?? []).filter { $0.county == c.code && kinds[$0.kind]?.category == .training }.count
                let seats = scenario.demands.filter { $0.county == c.code }
                    .reduce(0) { $0 + $1.classes * (kinds[$1.kind]?.maxSeats ?? 0) }
                return enrolled + seats
            case .mentoring:
                return scenario.stops.filter { $0.county == c.code }.reduce(0) { $0 + $1.mentees }
            }
        }
    }

    /// Both categories' targets, county by county in counties.csv order.
    public static func targets(_ scenario: Scenario, training: Int?, mentoring: Int?,
                               weights: [String: Int]? = nil) -> [CountyTarget] {
        var out: [CountyTarget] = []
        for (category, total) in [(KindCategory.training, training), (.mentoring, mentoring)] {
            guard let total else { continue }
            let w = weights.map { given in scenario.counties.map { given[$0.code] ?? 0 } }
                ?? defaultWeights(scenario, category)
            for (c, n) in zip(scenario.counties, split(total, weights: w)) {
                out.append(CountyTarget(county: c.code, category: category, personTimes: n))
            }
        }
        return out
    }
}
