/// What `xiangxing generate` can make: three sizes of the same world.
///
///     ScenarioGenerator.generate(preset: .henan, seed: 7)
public enum ScenarioPreset: String, CaseIterable, Sendable {
    /// One prefecture (南阳-like): 17 counties, ~120 classes, ~3.5k attendees, ~60 trainers, 2 tours.
    case nanyang
    /// One province (河南-like): 18 prefectures, ~160 counties, ~1.2k classes, ~35k attendees, ~600 trainers, ~17 tours.
    case henan
    /// The country: 31 provinces, ~2.8k counties, ~20k classes, ~10k trainers, 31 tours, no attendees.csv.
    case national
}

/// The knobs a preset turns. Sizes are targets: the generator draws around
/// them, so counts vary a little with the seed.
public struct GeneratorKnobs: Sendable {
    /// Mean training classes wanted per county (districts get 20 % more).
    public var classesPerCounty: Double
    /// Trainers to draw before tightness is checked; more are added only
    /// where a prefecture cannot otherwise cover its own peak (see `slack`).
    public var trainers: Int
    /// Whether to write attendees.csv. Off for `national`: 600k rows would
    /// only slow I/O, and rule 6 then uses `max_seats`.
    public var attendees: Bool
    /// Tightness. In every prefecture, every month and every set of kinds,
    /// the qualified trainer-days of the prefecture's own trainers
    /// (max_days_per_month, discounted for their calendars) are at least
    /// `slack` × the trainer-days that month's demand and tour stops need
    /// (each row's load spread evenly over its window). Scarce
    /// qualifications (capability, village-tour, service) are given to just
    /// enough trainers to reach `slack`; everybody else teaches awareness.
    /// So a planner that spends capability trainers on awareness classes,
    /// or ignores calendars, runs short, while one that borrows from a
    /// neighbouring prefecture can still schedule everything.
    public var slack: Double
    /// Share of trainers with a calendars/*.ics file.
    public var calendarShare: Double
    /// Share of venues with a calendars/*.ics file.
    public var venueCalendarShare: Double
    /// Share of a province's counties a mentoring tour visits (the
    /// nanyang and henan tours visit every county of their area).
    public var tourCoverage: Double

    public static func of(_ preset: ScenarioPreset) -> GeneratorKnobs {
        switch preset {
        case .nanyang:
            return GeneratorKnobs(classesPerCounty: 7.0, trainers: 60, attendees: true, slack: 1.15,
                                  calendarShare: 0.2, venueCalendarShare: 0.08, tourCoverage: 1)
        case .henan:
            return GeneratorKnobs(classesPerCounty: 7.0, trainers: 600, attendees: true, slack: 1.15,
                                  calendarShare: 0.2, venueCalendarShare: 0.05, tourCoverage: 1)
        case .national:
            return GeneratorKnobs(classesPerCounty: 7.0, trainers: 10_000, attendees: false, slack: 1.15,
                                  calendarShare: 0.2, venueCalendarShare: 0.03, tourCoverage: 0.3)
        }
    }
}

/// A province of the synthetic map: its GB/T 2260 prefix, capital, the
/// centre and radius its prefectures are scattered in, and roughly how many
/// counties and prefectures the real one has.
struct ProvinceSpec {
    var code: String
    var name: String
    var capital: (lat: Double, lon: Double)
    var centre: (lat: Double, lon: Double)
    var radiusKm: Double
    var counties: Int
    var prefectures: Int
}

/// A prefecture given in full (henan and nanyang presets).
struct PrefectureSpec {
    var code: String
    var name: String
    var lat: Double
    var lon: Double
    var counties: Int
    var districts: Int
}

enum MapData {
    /// Approximate, and only for plausible distances: not survey data.
    static let provinces: [ProvinceSpec] = [
        .init(code: "11", name: "北京市", capital: (39.90, 116.40), centre: (40.1, 116.4), radiusKm: 50, counties: 16, prefectures: 1),
        .init(code: "12", name: "天津市", capital: (39.13, 117.20), centre: (39.2, 117.3), radiusKm: 50, counties: 16, prefectures: 1),
        .init(code: "13", name: "河北省", capital: (38.04, 114.51), centre: (39.0, 115.8), radiusKm: 260, counties: 167, prefectures: 11),
        .init(code: "14", name: "山西省", capital: (37.87, 112.55), centre: (37.6, 112.3), radiusKm: 220, counties: 117, prefectures: 11),
        .init(code: "15", name: "内蒙古自治区", capital: (40.84, 111.75), centre: (43.5, 115.0), radiusKm: 700, counties: 103, prefectures: 12),
        .init(code: "21", name: "辽宁省", capital: (41.80, 123.43), centre: (41.4, 122.6), radiusKm: 200, counties: 100, prefectures: 14),
        .init(code: "22", name: "吉林省", capital: (43.82, 125.32), centre: (43.6, 126.0), radiusKm: 220, counties: 60, prefectures: 9),
        .init(code: "23", name: "黑龙江省", capital: (45.75, 126.63), centre: (47.3, 127.8), radiusKm: 360, counties: 121, prefectures: 13),
        .init(code: "31", name: "上海市", capital: (31.23, 121.47), centre: (31.2, 121.4), radiusKm: 40, counties: 16, prefectures: 1),
        .init(code: "32", name: "江苏省", capital: (32.06, 118.80), centre: (33.0, 119.5), radiusKm: 220, counties: 95, prefectures: 13),
        .init(code: "33", name: "浙江省", capital: (30.27, 120.15), centre: (29.2, 120.2), radiusKm: 180, counties: 90, prefectures: 11),
        .init(code: "34", name: "安徽省", capital: (31.86, 117.28), centre: (31.9, 117.2), radiusKm: 230, counties: 104, prefectures: 16),
        .init(code: "35", name: "福建省", capital: (26.08, 119.30), centre: (25.9, 118.2), radiusKm: 200, counties: 84, prefectures: 9),
        .init(code: "36", name: "江西省", capital: (28.68, 115.86), centre: (27.6, 115.8), radiusKm: 250, counties: 100, prefectures: 11),
        .init(code: "37", name: "山东省", capital: (36.67, 117.00), centre: (36.3, 118.3), radiusKm: 250, counties: 136, prefectures: 16),
        .init(code: "41", name: "河南省", capital: (34.75, 113.62), centre: (33.9, 113.5), radiusKm: 250, counties: 157, prefectures: 17),
        .init(code: "42", name: "湖北省", capital: (30.59, 114.30), centre: (31.0, 112.3), radiusKm: 280, counties: 103, prefectures: 13),
        .init(code: "43", name: "湖南省", capital: (28.23, 112.94), centre: (27.6, 111.7), radiusKm: 260, counties: 122, prefectures: 14),
        .init(code: "44", name: "广东省", capital: (23.13, 113.26), centre: (23.3, 113.5), radiusKm: 280, counties: 122, prefectures: 21),
        .init(code: "45", name: "广西壮族自治区", capital: (22.82, 108.32), centre: (23.8, 108.8), radiusKm: 280, counties: 111, prefectures: 14),
        .init(code: "46", name: "海南省", capital: (20.02, 110.35), centre: (19.2, 109.8), radiusKm: 90, counties: 25, prefectures: 4),
        .init(code: "50", name: "重庆市", capital: (29.56, 106.55), centre: (29.8, 107.5), radiusKm: 180, counties: 38, prefectures: 1),
        .init(code: "51", name: "四川省", capital: (30.66, 104.07), centre: (30.5, 103.5), radiusKm: 350, counties: 183, prefectures: 21),
        .init(code: "52", name: "贵州省", capital: (26.65, 106.63), centre: (26.8, 106.8), radiusKm: 220, counties: 88, prefectures: 9),
        .init(code: "53", name: "云南省", capital: (25.04, 102.71), centre: (24.9, 101.5), radiusKm: 350, counties: 129, prefectures: 16),
        .init(code: "54", name: "西藏自治区", capital: (29.65, 91.13), centre: (31.5, 88.0), radiusKm: 600, counties: 74, prefectures: 7),
        .init(code: "61", name: "陕西省", capital: (34.26, 108.94), centre: (35.2, 108.9), radiusKm: 300, counties: 107, prefectures: 10),
        .init(code: "62", name: "甘肃省", capital: (36.06, 103.83), centre: (37.5, 101.0), radiusKm: 500, counties: 86, prefectures: 14),
        .init(code: "63", name: "青海省", capital: (36.62, 101.78), centre: (35.5, 96.0), radiusKm: 500, counties: 44, prefectures: 8),
        .init(code: "64", name: "宁夏回族自治区", capital: (38.47, 106.27), centre: (37.3, 106.1), radiusKm: 150, counties: 22, prefectures: 5),
        .init(code: "65", name: "新疆维吾尔自治区", capital: (43.83, 87.62), centre: (41.5, 85.0), radiusKm: 800, counties: 107, prefectures: 14),
    ]

    /// Henan's prefecture-level cities (and 济源), centres approximate,
    /// county counts close to the real ones (南阳 counts its 4 functional zones).
    static let henan: [PrefectureSpec] = [
        .init(code: "4101", name: "郑州市", lat: 34.75, lon: 113.62, counties: 12, districts: 4),
        .init(code: "4102", name: "开封市", lat: 34.80, lon: 114.31, counties: 9, districts: 3),
        .init(code: "4103", name: "洛阳市", lat: 34.62, lon: 112.45, counties: 15, districts: 4),
        .init(code: "4104", name: "平顶山市", lat: 33.77, lon: 113.19, counties: 10, districts: 3),
        .init(code: "4105", name: "安阳市", lat: 36.10, lon: 114.39, counties: 9, districts: 3),
        .init(code: "4106", name: "鹤壁市", lat: 35.75, lon: 114.30, counties: 5, districts: 2),
        .init(code: "4107", name: "新乡市", lat: 35.30, lon: 113.93, counties: 12, districts: 3),
        .init(code: "4108", name: "焦作市", lat: 35.22, lon: 113.24, counties: 10, districts: 3),
        .init(code: "4109", name: "濮阳市", lat: 35.76, lon: 115.03, counties: 6, districts: 1),
        .init(code: "4110", name: "许昌市", lat: 34.04, lon: 113.85, counties: 6, districts: 2),
        .init(code: "4111", name: "漯河市", lat: 33.58, lon: 114.02, counties: 5, districts: 2),
        .init(code: "4112", name: "三门峡市", lat: 34.77, lon: 111.20, counties: 6, districts: 2),
        .init(code: "4113", name: "南阳市", lat: 33.00, lon: 112.53, counties: 17, districts: 2),
        .init(code: "4114", name: "商丘市", lat: 34.41, lon: 115.66, counties: 9, districts: 2),
        .init(code: "4115", name: "信阳市", lat: 32.15, lon: 114.09, counties: 10, districts: 2),
        .init(code: "4116", name: "周口市", lat: 33.63, lon: 114.70, counties: 10, districts: 1),
        .init(code: "4117", name: "驻马店市", lat: 32.98, lon: 114.02, counties: 10, districts: 1),
        .init(code: "4190", name: "济源市", lat: 35.07, lon: 112.60, counties: 1, districts: 1),
    ]

    /// Characters place names are made of (two of them, then 县/区/市/镇/乡).
    static let placeCharacters = Array("安平昌城丰阜广海和河华淮嘉建江金靖康乐临隆宁清庆荣山寿顺泰通武西新兴阳宜永源长正中东南北汉林溪泉川岭峰湖云德福定远明光仁义信春秋桐柏松梅桃杨石玉白青黄红高原桥沙岗田凤龙鹿马台坪营堡集店庄铺固桑柳")
}
