import XiangxingCore

// A minimal, hand-made 2019 scenario shared by the core tests: three real
// Nanyang counties, three kinds, four venues, five trainers, two demand
// rows and one three-stop tour, plus a plan that keeps every rule. Each
// rule test breaks exactly one thing in that plan.

/// A date written the way the scenario files write it.
func day(_ iso: String) -> Day {
    guard let d = Day(iso: iso) else { fatalError("bad date in a test: \(iso)") }
    return d
}

func days(_ isos: String...) -> [Day] { isos.map(day) }

/// GB/T 2260 codes of the counties the fixture uses.
enum County2260 {
    static let tanghe = "411328"   // 唐河县
    static let tongbai = "411330"  // 桐柏县
    static let xixia = "411323"    // 西峡县
}

/// The 2019 national arrangement as calendars/cn-public-holidays.ics holds
/// it (国办发明电〔2018〕15号, Labour Day as changed by 国办发明电〔2019〕3号).
enum Holidays2019 {
    static let calendar: HolidayCalendar = {
        var off: [Day: String] = [:]
        var worked: [Day: String] = [:]
        func holiday(_ name: String, _ first: String, _ last: String) {
            for d in day(first)...day(last) { off[d] = name }
        }
        func workday(_ name: String, _ dates: String...) {
            for d in dates { worked[day(d)] = name }
        }
        holiday("元旦", "2019-01-01", "2019-01-01")
        workday("春节", "2019-02-02", "2019-02-03")
        holiday("春节", "2019-02-04", "2019-02-10")
        holiday("清明节", "2019-04-05", "2019-04-07")
        workday("劳动节", "2019-04-28", "2019-05-05")
        holiday("劳动节", "2019-05-01", "2019-05-04")
        holiday("端午节", "2019-06-07", "2019-06-09")
        holiday("中秋节", "2019-09-13", "2019-09-15")
        workday("国庆节", "2019-09-29", "2019-10-12")
        holiday("国庆节", "2019-10-01", "2019-10-07")
        return HolidayCalendar(holidays: off, workdays: worked)
    }()
}

/// An 18-character resident ID with the check character GB 11643 asks for.
func residentID(_ county: String, born: String, sequence: String) -> String {
    let first17 = county + born + sequence
    precondition(first17.count == 17)
    return first17 + String(ResidentID.checkCharacter(first17.compactMap(\.wholeNumberValue)))
}

struct TinyScenario {
    static let tour = "XCX-2019-09"
    static let stopTanghe = "XCX-2019-09@411328"
    static let stopTongbai = "XCX-2019-09@411330"
    static let stopXixia = "XCX-2019-09@411323"

    /// Enrolled for 创业意识培训 in 唐河县 (a0…a3) and 创办你的企业 in 桐柏县 (b0, b1).
    static let a0 = residentID("411328", born: "19850612", sequence: "022")  // 陈桂芳
    static let a1 = residentID("411328", born: "19900315", sequence: "123")  // 杨德胜
    static let a2 = residentID("411328", born: "19781102", sequence: "046")  // 周红梅
    static let a3 = residentID("411328", born: "19930720", sequence: "017")  // 黄志军
    static let b0 = residentID("411330", born: "19880905", sequence: "064")  // 孙玉兰
    static let b1 = residentID("411330", born: "19820128", sequence: "031")  // 马国强

    var scenario: Scenario
    var plan: Plan

    init() {
        scenario = Self.scenario
        plan = Self.validPlan
    }

    var index: ScenarioIndex { ScenarioIndex(scenario) }
    func check() -> CheckReport { PlanChecker.check(plan, against: index) }

    mutating func session(_ id: String, _ change: (inout Session) -> Void) {
        guard let i = plan.sessions.firstIndex(where: { $0.id == id }) else { fatalError("no session \(id)") }
        change(&plan.sessions[i])
    }

    mutating func trainer(_ id: String, _ change: (inout Trainer) -> Void) {
        guard let i = scenario.trainers.firstIndex(where: { $0.id == id }) else { fatalError("no trainer \(id)") }
        change(&scenario.trainers[i])
    }

    mutating func venue(_ id: String, _ change: (inout Venue) -> Void) {
        guard let i = scenario.venues.firstIndex(where: { $0.id == id }) else { fatalError("no venue \(id)") }
        change(&scenario.venues[i])
    }

    mutating func remove(_ id: String) { plan.sessions.removeAll { $0.id == id } }

    /// Adds attendees.csv to the scenario and a matching assignments.csv
    /// to the plan: two people in each class.
    mutating func enrolAttendees() {
        let tanghe = County2260.tanghe, tongbai = County2260.tongbai
        scenario.attendees = [
            Attendee(idNumber: Self.a0, name: "陈桂芳", gender: .female, phone: "13837712345",
                     county: tanghe, township: "源潭镇", kind: "GYB", project: "家庭农场"),
            Attendee(idNumber: Self.a1, name: "杨德胜", gender: .male, phone: "15993155678",
                     county: tanghe, township: "桐寨铺镇", kind: "GYB", project: "艾草加工"),
            Attendee(idNumber: Self.a2, name: "周红梅", gender: .female, phone: "13782106543",
                     county: tanghe, township: "滨河街道", kind: "GYB", project: "农村电商"),
            Attendee(idNumber: Self.a3, name: "黄志军", gender: .male, phone: "18638421977",
                     county: tanghe, township: "郭滩镇", kind: "GYB", project: "肉牛养殖"),
            Attendee(idNumber: Self.b0, name: "孙玉兰", gender: .female, phone: "13569229080",
                     county: tongbai, township: "城郊乡", kind: "SYB", project: "茶叶种植"),
            Attendee(idNumber: Self.b1, name: "马国强", gender: .male, phone: "15837746612",
                     county: tongbai, township: "淮源镇", kind: "SYB", project: "乡村民宿"),
        ]
        plan.assignments = ["D1-1": [Self.a0, Self.a1], "D1-2": [Self.a2, Self.a3], "D2-1": [Self.b0, Self.b1]]
        for id in ["D1-1", "D1-2", "D2-1"] { session(id) { $0.attendees = 2 } }
    }

    static let scenario = Scenario(
        settings: Settings(name: "南阳市2019年创业培训", start: day("2019-01-01"), end: day("2019-12-31"),
                           holidays: "cn-public-holidays.ics"),
        holidays: Holidays2019.calendar,
        counties: [
            County(code: County2260.tanghe, name: "唐河县", latitude: 32.68, longitude: 112.81),
            County(code: County2260.tongbai, name: "桐柏县", latitude: 32.38, longitude: 113.43),
            County(code: County2260.xixia, name: "西峡县", latitude: 33.31, longitude: 111.47),
        ],
        kinds: [
            Kind(code: "GYB", name: "创业意识培训", category: .training, days: 2, minSeats: 2,
                 maxSeats: 30, trainers: 1, weekends: false),
            Kind(code: "SYB", name: "创办你的企业", category: .training, days: 3, minSeats: 2,
                 maxSeats: 30, trainers: 1, weekends: true),
            Kind(code: "XCX", name: "创业讲师乡村行", category: .mentoring, days: 1, minSeats: 0,
                 maxSeats: 0, trainers: 2, weekends: false),
        ],
        venues: [
            Venue(id: "V-TH1", county: County2260.tanghe, name: "唐河县创业培训中心",
                  address: "唐河县滨河街道建设路", seats: 40),
            Venue(id: "V-TH2", county: County2260.tanghe, name: "唐河县人社局二楼会议室",
                  address: "唐河县文峰街道新春路", seats: 30),
            Venue(id: "V-TH3", county: County2260.tanghe, name: "源潭镇便民服务中心会议室",
                  address: "唐河县源潭镇", seats: 20),
            Venue(id: "V-TB1", county: County2260.tongbai, name: "桐柏县就业创业服务中心",
                  address: "桐柏县城关镇淮安街", seats: 40),
            Venue(id: "V-XX1", county: County2260.xixia, name: "西峡县职业中专报告厅",
                  address: "西峡县白羽街道", seats: 40, blocked: [day("2019-09-18")]),
        ],
        trainers: [
            Trainer(id: "T01", name: "王建国", homeCounty: County2260.tanghe,
                    qualifications: ["GYB", "SYB"], maxDaysPerMonth: 10, phone: "13903771234"),
            Trainer(id: "T02", name: "李秀英", homeCounty: County2260.tongbai,
                    qualifications: ["GYB", "XCX"], maxDaysPerMonth: 10),
            Trainer(id: "T03", name: "张伟", homeCounty: County2260.xixia,
                    qualifications: ["SYB", "XCX"], maxDaysPerMonth: 10, blocked: [day("2019-09-19")]),
            Trainer(id: "T04", name: "赵丽娟", homeCounty: County2260.tanghe,
                    qualifications: ["XCX"], maxDaysPerMonth: 10),
            Trainer(id: "T05", name: "刘志强", homeCounty: County2260.tongbai,
                    qualifications: ["XCX"], maxDaysPerMonth: 10),
        ],
        demands: [
            Demand(id: "D1", county: County2260.tanghe, kind: "GYB", classes: 2,
                   earliest: day("2019-09-02"), latest: day("2019-09-30")),
            Demand(id: "D2", county: County2260.tongbai, kind: "SYB", classes: 1,
                   earliest: day("2019-09-16"), latest: day("2019-09-30")),
        ],
        tours: [
            Tour(id: tour, name: "创业讲师乡村行·九月", kind: "XCX", earliest: day("2019-09-01"),
                 latest: day("2019-09-30"), teams: 2),
        ],
        stops: [
            TourStop(tour: tour, county: County2260.tanghe, days: 1, mentees: 15),
            TourStop(tour: tour, county: County2260.tongbai, days: 2, mentees: 20),
            TourStop(tour: tour, county: County2260.xixia, days: 1, mentees: 10),
        ],
        blackouts: [
            Blackout(county: County2260.tanghe, start: day("2019-05-25"), end: day("2019-06-10"), reason: "三夏麦收"),
            Blackout(county: nil, start: day("2019-11-11"), end: day("2019-11-12"), reason: "全市创业培训质量督查"),
        ]
    )

    /// Keeps every rule. Team 1 (李秀英, 赵丽娟) goes 唐河县 on Thu 5 Sep, then
    /// 桐柏县 on Fri 6 and Mon 9 Sep (the weekend is not teaching for XCX);
    /// team 2 (张伟, 刘志强) is in 西峡县 on Tue 17 Sep.
    static let validPlan = Plan(sessions: [
        Session(id: "D1-1", type: .trainingClass, kind: "GYB", county: County2260.tanghe, venue: "V-TH1",
                dates: days("2019-09-03", "2019-09-04"), trainers: ["T01"], ref: "D1", attendees: 0),
        Session(id: "D1-2", type: .trainingClass, kind: "GYB", county: County2260.tanghe, venue: "V-TH1",
                dates: days("2019-09-10", "2019-09-11"), trainers: ["T02"], ref: "D1", attendees: 0),
        Session(id: "D2-1", type: .trainingClass, kind: "SYB", county: County2260.tongbai, venue: "V-TB1",
                dates: days("2019-09-21", "2019-09-22", "2019-09-23"), trainers: ["T03"], ref: "D2",
                attendees: 0),
        Session(id: stopTanghe, type: .tourStop, kind: "XCX", county: County2260.tanghe, venue: "V-TH1",
                dates: days("2019-09-05"), trainers: ["T02", "T04"], ref: tour, team: 1, attendees: 15),
        Session(id: stopTongbai, type: .tourStop, kind: "XCX", county: County2260.tongbai, venue: "V-TB1",
                dates: days("2019-09-06", "2019-09-09"), trainers: ["T02", "T04"], ref: tour, team: 1,
                attendees: 20),
        Session(id: stopXixia, type: .tourStop, kind: "XCX", county: County2260.xixia, venue: "V-XX1",
                dates: days("2019-09-17"), trainers: ["T03", "T05"], ref: tour, team: 2, attendees: 10),
    ])
}
