import Testing
import XiangxingCore

@Suite("Milestones: deadlines off days off, what is due next")
struct MilestonesTests {
    let cal = Holidays2019.calendar

    func report(_ month: Int, _ iso: String) -> Milestone {
        Milestone(id: "2019-report-\(month)", kind: .deadline, first: day(iso),
                  due: MilestoneRules.due(day(iso), kind: .deadline, holidays: cal),
                  title: "\(month)月返乡创业情况统计表报送", unit: "各县（市、区）人社局")
    }

    @Test("September's report due 2019-10-05 (国庆, a Saturday off) moves to Tuesday 2019-10-08")
    func nationalDayDeadlineMovesToTheNextWorkingDay() {
        #expect(MilestoneRules.due(day("2019-10-05"), kind: .deadline, holidays: cal) == day("2019-10-08"))
        #expect(report(9, "2019-10-05").wasMoved)
    }

    @Test("January's report due 2019-02-05 (春节) moves to 2019-02-11; 3月 due 04-05 (清明) to 04-08")
    func springFestivalAndQingming() {
        #expect(MilestoneRules.due(day("2019-02-05"), kind: .deadline, holidays: cal) == day("2019-02-11"))
        #expect(MilestoneRules.due(day("2019-04-05"), kind: .deadline, holidays: cal) == day("2019-04-08"))
    }

    @Test("Sunday 2019-05-05 is a 调休 working day: April's report stays due then")
    func adjustedWorkdayKeepsTheDeadline() {
        #expect(MilestoneRules.due(day("2019-05-05"), kind: .deadline, holidays: cal) == day("2019-05-05"))
        #expect(!report(4, "2019-05-05").wasMoved)
    }

    @Test("An event on a day off is not moved: it is held when it says")
    func eventsStay() {
        #expect(MilestoneRules.due(day("2019-10-05"), kind: .event, holidays: cal) == day("2019-10-05"))
    }

    @Test("On 2019-09-20 the village tour is under way and September's report (2019-10-08) is next")
    func upcomingListsWhatRunsThenWhatIsAhead() {
        let tour = Milestone(id: "tour", kind: .period, first: day("2019-09-02"), last: day("2019-09-30"),
                             title: "创业讲师乡村行", unit: "市人社局就业促进办公室")
        let onsite = Milestone(id: "onsite", kind: .event, first: day("2019-07-18"), title: "现场会", unit: "市人社局就业促进办公室")
        let assessment = Milestone(id: "kh", kind: .period, first: day("2019-12-09"), last: day("2019-12-20"),
                                   title: "年度考核", unit: "市人社局")
        let all = [assessment, report(8, "2019-09-05"), report(9, "2019-10-05"), onsite, tour, report(10, "2019-11-05")]
        let next = MilestoneRules.upcoming(all, today: day("2019-09-20"), count: 2)
        #expect(next.map(\.id) == ["tour", "2019-report-9", "2019-report-10"])
        #expect(next[1].due == day("2019-10-08"))
        // The day a deadline is due it is still shown (due today), the day after it is gone.
        #expect(MilestoneRules.upcoming(all, today: day("2019-10-08"), count: 1).map(\.id) == ["2019-report-9"])
        #expect(MilestoneRules.upcoming(all, today: day("2019-10-09"), count: 1).map(\.id) == ["2019-report-10"])
    }

    @Test("A row without an id keeps the same id when only its date changes")
    func defaultIDFollowsTitleAndYear() {
        let a = Milestone.defaultID(title: "全市返乡创业工作现场会", year: 2019)
        #expect(a == Milestone.defaultID(title: "全市返乡创业工作现场会", year: 2019))
        #expect(a != Milestone.defaultID(title: "全市返乡创业工作现场会", year: 2020))
        #expect(a.hasPrefix("2019-") && a.count == 21)
    }
}
