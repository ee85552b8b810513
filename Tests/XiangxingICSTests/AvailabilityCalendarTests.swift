import Testing
import XiangxingCore
@testable import XiangxingICS

@Suite struct AvailabilityCalendarRecurrenceTests {
    @Test func weeklyTuesdayClassUntilBlocksExactlyTheTuesdays() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:tue-class
            DTSTART;TZID=Asia/Shanghai:20190305T140000
            DTEND;TZID=Asia/Shanghai:20190305T160000
            RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20190402T080000Z
            END:VEVENT
            """)
        #expect(r.problems.isEmpty)
        #expect(r.days == days("2019-03-05", "2019-03-12", "2019-03-19", "2019-03-26", "2019-04-02"))
    }

    @Test func earlyMorningClassWithoutZoneStaysOnBeijingTuesdays() {
        // 07:00 Beijing is 23:00 UTC on Monday: libical alone would expand
        // BYDAY=TU in UTC. The zone-less UNTIL is Beijing time too.
        let r = blocked("""
            BEGIN:VEVENT
            UID:early
            DTSTART:20190305T070000
            DTEND:20190305T080000
            RRULE:FREQ=WEEKLY;BYDAY=TU;UNTIL=20190319T070000
            END:VEVENT
            """)
        #expect(r.problems.isEmpty)
        #expect(r.days == days("2019-03-05", "2019-03-12", "2019-03-19"))
    }

    @Test func monthlyFirstMondayForAYear() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:first-monday
            DTSTART;VALUE=DATE:20190107
            RRULE:FREQ=MONTHLY;BYDAY=1MO
            END:VEVENT
            """)
        var firstMondays = Set<Day>()
        for month in 1...12 {
            var d = Day(year: 2019, month: month, day: 1)!
            while d.weekday != .monday { d = d.advanced(by: 1) }
            firstMondays.insert(d)
        }
        #expect(firstMondays.contains(day("2019-10-07")))
        #expect(r.problems.isEmpty)
        #expect(r.days == firstMondays)
    }

    @Test func countStopsAfterThatManyOccurrences() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:every-other-day
            DTSTART;VALUE=DATE:20190304
            RRULE:FREQ=DAILY;INTERVAL=2;COUNT=3
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-04", "2019-03-06", "2019-03-08"))
    }

    @Test func weeklyIntervalWithSeveralDays() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:fortnightly
            DTSTART;TZID=Asia/Shanghai:20190304T090000
            DURATION:PT3H
            RRULE:FREQ=WEEKLY;INTERVAL=2;BYDAY=MO,TH;COUNT=4
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-04", "2019-03-07", "2019-03-18", "2019-03-21"))
    }

    @Test func exdateRemovesOneOccurrence() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:exdate
            DTSTART;TZID=Asia/Shanghai:20190305T090000
            DTEND;TZID=Asia/Shanghai:20190305T110000
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3
            EXDATE;TZID=Asia/Shanghai:20190312T090000
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-05", "2019-03-19"))
    }

    @Test func zonelessExdateMatchesZonelessStart() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:exdate-floating
            DTSTART:20190305T090000
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3
            EXDATE:20190319T090000
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-05", "2019-03-12"))
    }

    @Test func rdateAddsOneOccurrenceInItsZone() {
        // 20:00 Beijing on Thursday. libical's expansion ignores an RDATE's
        // TZID and would read 20:00 UTC, i.e. Friday 04:00 in Beijing.
        let r = blocked("""
            BEGIN:VEVENT
            UID:rdate
            DTSTART;TZID=Asia/Shanghai:20190305T200000
            DTEND;TZID=Asia/Shanghai:20190305T210000
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=2
            RDATE;TZID=Asia/Shanghai:20190307T200000
            END:VEVENT
            """)
        #expect(r.problems.isEmpty)
        #expect(r.days == days("2019-03-05", "2019-03-07", "2019-03-12"))
    }

    @Test func recurrenceIdOverrideMovesOneOccurrence() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:moved
            DTSTART;TZID=Asia/Shanghai:20190305T090000
            DTEND;TZID=Asia/Shanghai:20190305T110000
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=3
            END:VEVENT
            BEGIN:VEVENT
            UID:moved
            RECURRENCE-ID;TZID=Asia/Shanghai:20190312T090000
            DTSTART;TZID=Asia/Shanghai:20190314T090000
            DTEND;TZID=Asia/Shanghai:20190314T110000
            END:VEVENT
            """)
        #expect(r.problems.isEmpty)
        #expect(r.days == days("2019-03-05", "2019-03-14", "2019-03-19"))
    }

    @Test func allDayOverrideMovesOneOccurrence() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:moved-all-day
            DTSTART;VALUE=DATE:20190304
            RRULE:FREQ=WEEKLY;COUNT=2
            END:VEVENT
            BEGIN:VEVENT
            UID:moved-all-day
            RECURRENCE-ID;VALUE=DATE:20190311
            DTSTART;VALUE=DATE:20190313
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-04", "2019-03-13"))
    }

    @Test func listsPeriodsAndSeveralCalendarsInOneFile() {
        // libical wraps two VCALENDARs in XROOT and splits comma lists into
        // one property each; an RDATE PERIOD counts from its start.
        let r = blocked("""
            BEGIN:VEVENT
            UID:list
            DTSTART:20190305T090000
            RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=4
            EXDATE:20190312T090000,20190319T090000
            RDATE;VALUE=PERIOD:20190330T200000/20190330T230000
            END:VEVENT
            END:VCALENDAR
            BEGIN:VCALENDAR
            VERSION:2.0
            BEGIN:VEVENT
            UID:second-calendar
            DTSTART;VALUE=DATE:20190401
            RDATE;VALUE=DATE:20190403
            EXDATE;VALUE=DATE:20190408
            RRULE:FREQ=WEEKLY;COUNT=2
            END:VEVENT
            """)
        #expect(r.problems.isEmpty)
        #expect(r.days == days("2019-03-05", "2019-03-26", "2019-03-30", "2019-04-01", "2019-04-03"))
    }

    @Test func endlessDailyRuleIsBoundedByTheWindow() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:daily-since-2010
            DTSTART;VALUE=DATE:20100101
            RRULE:FREQ=DAILY
            END:VEVENT
            """, from: "2019-03-01", through: "2019-03-10")
        #expect(r.days.count == 10)
        #expect(r.days.min() == day("2019-03-01"))
        #expect(r.days.max() == day("2019-03-10"))
    }
}

@Suite struct AvailabilityCalendarDateTests {
    @Test func transparentEventsBlockNothing() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:busy
            DTSTART;VALUE=DATE:20190305
            END:VEVENT
            BEGIN:VEVENT
            UID:free
            DTSTART;VALUE=DATE:20190306
            TRANSP:TRANSPARENT
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-05"))
    }

    @Test func multiDayAllDayEventCoversStartUpToEnd() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:trip
            DTSTART;VALUE=DATE:20190310
            DTEND;VALUE=DATE:20190313
            END:VEVENT
            BEGIN:VEVENT
            UID:by-duration
            DTSTART;VALUE=DATE:20190401
            DURATION:P2D
            END:VEVENT
            BEGIN:VEVENT
            UID:one-day
            DTSTART;VALUE=DATE:20190501
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-10", "2019-03-11", "2019-03-12", "2019-04-01", "2019-04-02", "2019-05-01"))
    }

    @Test func allDayEventOnWindowEdgesIsClipped() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:edge
            DTSTART;VALUE=DATE:20190228
            DTEND;VALUE=DATE:20190303
            END:VEVENT
            """, from: "2019-03-01", through: "2019-03-01")
        #expect(r.days == days("2019-03-01"))
    }

    @Test func timedEventCrossingMidnightBlocksBothDates() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:late
            DTSTART:20190304T230000
            DTEND:20190305T010000
            END:VEVENT
            BEGIN:VEVENT
            UID:until-midnight
            DTSTART:20190310T220000
            DTEND:20190311T000000
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-04", "2019-03-05", "2019-03-10"))
    }

    @Test func utcTimeLandsOnTheNextBeijingDate() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:utc
            DTSTART:20190304T170000Z
            DTEND:20190304T180000Z
            END:VEVENT
            """)
        #expect(r.days == days("2019-03-05"))
    }

    @Test func tzidIsHonoured() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:shanghai
            DTSTART;TZID=Asia/Shanghai:20190305T070000
            DTEND;TZID=Asia/Shanghai:20190305T080000
            END:VEVENT
            BEGIN:VEVENT
            UID:new-york
            DTSTART;TZID=America/New_York:20190310T200000
            DTEND;TZID=America/New_York:20190310T210000
            END:VEVENT
            """)
        #expect(r.problems.isEmpty)
        // New York 20:00 EDT (DST began that morning) is 08:00 next day in Beijing.
        #expect(r.days == days("2019-03-05", "2019-03-11"))
    }

    @Test func outlookChinaStandardTimeZone() {
        let r = AvailabilityCalendar.blockedDays(
            ics: fixture("outlook-china-standard-time.ics"), file: "calendars/wang.ics",
            from: day("2019-03-01"), through: day("2019-03-31"))
        #expect(r.problems.isEmpty)
        #expect(r.days == days("2019-03-05", "2019-03-06", "2019-03-12", "2019-03-13"))
    }

    @Test func cancelledEventBlocksNothing() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:off
            DTSTART;VALUE=DATE:20190305
            STATUS:CANCELLED
            END:VEVENT
            """)
        #expect(r.days.isEmpty)
    }
}

@Suite struct AvailabilityCalendarProblemTests {
    @Test func badBydayIsLocatedOnItsLine() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:bad-byday
            DTSTART;TZID=Asia/Shanghai:20190305T090000
            RRULE:FREQ=WEEKLY;BYDAY=XX;COUNT=3
            END:VEVENT
            """)
        #expect(r.problems.count == 1)
        let p = r.problems.first
        #expect(p?.line == 7)
        #expect(p?.field == "RRULE")
        #expect(p?.message(.zh) == "calendars/test.ics:7: RRULE: 重复规则中的 BYDAY 值 \"XX\" 不是星期代码，整条规则被忽略 — BYDAY 只能是 MO,TU,WE,TH,FR,SA,SU（可加序号，如 1MO、-1FR），请改正该重复规则")
        #expect(p?.message(.en).contains("BYDAY takes MO,TU,WE,TH,FR,SA,SU") == true)
        // The rule is dropped; the event still blocks its own date.
        #expect(r.days == days("2019-03-05"))
    }

    @Test func malformedDtstartIsReportedOnce() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:bad-start
            DTSTART:2019031
            SUMMARY:?
            END:VEVENT
            """)
        #expect(r.problems.map(\.line) == [6])
        #expect(r.problems.first?.field == "DTSTART")
        #expect(r.problems.first?.problem.en.contains("\"2019031\"") == true)
        #expect(r.days.isEmpty)
    }

    @Test func missingDtstartPointsAtTheEvent() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:no-start
            SUMMARY:没有时间
            END:VEVENT
            """)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.line == 4)
        #expect(r.problems.first?.field == "DTSTART")
    }

    @Test func dtendBeforeDtstartIsReportedAndStartDateStillBlocked() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:backwards
            DTSTART:20190305T090000
            DTEND:20190304T090000
            END:VEVENT
            """)
        #expect(r.problems.map(\.field) == ["DTEND"])
        #expect(r.problems.first?.line == 7)
        #expect(r.days == days("2019-03-05"))
    }

    @Test func unknownTzidIsReportedAndReadAsBeijingTime() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:mars
            DTSTART;TZID=Mars/Olympus:20190305T070000
            DTEND;TZID=Mars/Olympus:20190305T080000
            END:VEVENT
            """)
        #expect(r.problems.map(\.field) == ["TZID", "TZID"])
        #expect(r.problems.map(\.line) == [6, 7])
        #expect(r.problems.first?.problem.en.contains("Mars/Olympus") == true)
        #expect(r.days == days("2019-03-05"))
    }

    @Test func unparseableFileIsOneProblem() {
        let r = AvailabilityCalendar.blockedDays(
            ics: "BEGIN:VCALENDAR\nVERSION:2.0\nBEGIN:VEVENT\nUID:x\nDTSTART:20190305T090000\n",
            file: "calendars/cut.ics", from: day("2019-01-01"), through: day("2019-12-31"))
        #expect(r.days.isEmpty)
        #expect(r.problems.count == 1)
        #expect(r.problems.first?.line == 3)
        #expect(r.problems.first?.message(.en).hasPrefix("calendars/cut.ics:3: unreadable calendar: BEGIN:VEVENT is never closed") == true)

        let garbage = AvailabilityCalendar.blockedDays(
            ics: "name,start\n王,2019-03-05\n", file: "calendars/wrong.ics",
            from: day("2019-01-01"), through: day("2019-12-31"))
        #expect(garbage.problems.first?.line == 1)
        #expect(garbage.problems.first?.problem.zh.contains("不是 iCalendar 文件") == true)
    }

    @Test func crlfAndFoldedLinesKeepPhysicalLineNumbers() {
        let text = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "BEGIN:VEVENT", "UID:folded",
            "SUMMARY:一个很长的", " 标题", "DTSTART;VALUE=DATE:20190305",
            "RRULE:FREQ=WEEKLY;", " BYDAY=MO,XX", "END:VEVENT", "END:VCALENDAR", "",
        ].joined(separator: "\r\n")
        let r = AvailabilityCalendar.blockedDays(
            ics: text, file: "calendars/crlf.ics", from: day("2019-03-01"), through: day("2019-03-31"))
        #expect(r.problems.map(\.line) == [8])
        #expect(r.days == days("2019-03-05"))
    }
}

/// What libical reads without an X-LIC-ERROR but wrongly (issue 9, items 11–12).
@Suite struct AvailabilityCalendarSilentFaultTests {
    @Test func february30IsNotADateRatherThanAMissingDTSTART() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:feb-30
            DTSTART;VALUE=DATE:20190230
            END:VEVENT
            """)
        #expect(r.problems.map { "\($0.line ?? 0):\($0.field)" } == ["6:DTSTART"])
        #expect(r.problems.first?.problem.en == "\"20190230\" is not a date or time that exists")
    }

    @Test func aRuleLibicalExpandsIntoNothingIsAnErrorOnItsLine() {
        for rule in ["FREQ=WEEKLY;BYMONTH=13", "FREQ=WEEKLY;BYDAY=9TH", "FREQ=MONTHLY;BYMONTHDAY=32", "FREQ=WEEKLY;WKST=XX"] {
            let r = blocked("""
                BEGIN:VEVENT
                UID:bad-rule
                DTSTART;VALUE=DATE:20190305
                RRULE:\(rule)
                END:VEVENT
                """)
            #expect(r.problems.map { "\($0.line ?? 0):\($0.field)" } == ["7:RRULE"], "\(rule): \(r.problems.map { $0.message(.en) })")
        }
    }

    @Test func soundRulesStillPass() {
        for rule in ["FREQ=MONTHLY;BYDAY=1MO", "FREQ=MONTHLY;BYDAY=-1FR;COUNT=3", "FREQ=YEARLY;BYMONTH=7;BYMONTHDAY=-1",
                     "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU,TH;UNTIL=20190625T000000Z", "FREQ=DAILY;UNTIL=20190310"] {
            let r = blocked("""
                BEGIN:VEVENT
                UID:good-rule
                DTSTART;VALUE=DATE:20190305
                RRULE:\(rule)
                END:VEVENT
                """)
            #expect(r.problems.isEmpty, "\(rule): \(r.problems.map { $0.message(.en) })")
            #expect(!r.days.isEmpty)
        }
    }

    @Test func anUnknownTranspIsAnErrorNotAnOpaqueEvent() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:transp
            DTSTART;VALUE=DATE:20190305
            TRANSP:TRANSPARNT
            END:VEVENT
            """)
        #expect(r.problems.map { "\($0.line ?? 0):\($0.field)" } == ["7:TRANSP"])
    }
}

@Suite struct AvailabilityCalendarUnreadableLineTests {
    @Test func aLineWithoutAPropertyNameIsReportedOnItsOwnLine() {
        let r = blocked("""
            BEGIN:VEVENT
            UID:garbage
            DTSTART;VALUE=DATE:20190305
            DTEND VALUE=DATE 20190306
            END:VEVENT
            """)
        #expect(r.problems.map(\.line) == [7], "\(r.problems.map { $0.message(.en) })")
    }
}
