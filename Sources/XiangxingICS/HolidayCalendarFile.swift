import XiangxingCore

/// The national holiday calendar as an .ics file: each official day off is
/// an all-day VEVENT with `CATEGORIES:HOLIDAY`, each adjusted working day
/// (调休上班, a weekend day worked) one with `CATEGORIES:WORKDAY`. A
/// multi-day event covers every date of [DTSTART, DTEND).
///
///     let (calendar, problems) = HolidayCalendarFile.read(ics: text, file: "cn-public-holidays.ics")
///     calendar.isWorkingDay(Day(year: 2019, month: 9, day: 29)!)  // true
public enum HolidayCalendarFile {
    public static func read(ics text: String, file: String) -> (calendar: HolidayCalendar, problems: [InputProblem]) {
        Libical.serially {
            let reading = ICSReading(text: text, file: file)
            var problems = reading.problems
            var holidays: [Day: String] = [:]
            var workdays: [Day: String] = [:]
            for event in reading.events {
                let categories = Set(event.event.categories)
                let isHoliday = categories.contains("HOLIDAY")
                let isWorkday = categories.contains("WORKDAY")
                let categoryLine = reading.source.line(of: "CATEGORIES", in: event.block) ?? event.block?.beginLine
                let startLine = reading.source.line(of: "DTSTART", in: event.block) ?? event.block?.beginLine
                guard isHoliday || isWorkday else {
                    problems.append(ICSProblem.holidayWithoutCategory(
                        file: file, line: categoryLine, summary: event.event.summary))
                    continue
                }
                guard case .date(let first) = event.start else {
                    problems.append(ICSProblem.holidayNotAllDay(file: file, line: startLine))
                    continue
                }
                let name = festivalName(event.event.summary)
                for day in first..<first.advanced(by: event.length) {
                    if isHoliday && isWorkday {
                        problems.append(ICSProblem.bothHolidayAndWorkday(day, field: "CATEGORIES", file: file, line: categoryLine))
                        holidays[day] = name
                    } else if isHoliday {
                        if workdays.removeValue(forKey: day) != nil {
                            problems.append(ICSProblem.bothHolidayAndWorkday(day, field: "DTSTART", file: file, line: startLine))
                        }
                        holidays[day] = name
                    } else if !day.isWeekend {
                        problems.append(ICSProblem.workdayNotWeekend(day, file: file, line: startLine))
                    } else if holidays[day] != nil {
                        problems.append(ICSProblem.bothHolidayAndWorkday(day, field: "DTSTART", file: file, line: startLine))
                    } else {
                        workdays[day] = name
                    }
                }
            }
            return (HolidayCalendar(holidays: holidays, workdays: workdays), problems)
        }
    }

    /// `国庆节 放假` → `国庆节`; `国庆节 调休上班` → `国庆节`.
    static func festivalName(_ summary: String?) -> String {
        var name = (summary ?? "").trimmingSpaces
        for suffix in ["放假", "调休上班"] where name.hasSuffix(suffix) {
            name = String(name.dropLast(suffix.count)).trimmingSpaces
        }
        return name
    }
}
