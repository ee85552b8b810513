import Foundation

import XiangxingCore

/// Changes to the current scenario as the office makes them during the
/// year. Each one checks its references first, then, in one transaction,
/// applies itself to the stored scenario and writes its change-log entry;
/// on any error the store is unchanged.
extension PlanStore {
    /// A trainer cannot work `from`…`through` (sick leave, another job):
    /// adds blocked days that survive a later calendar replacement.
    ///
    ///     try store.markTrainerUnavailable(trainer: "T012", from: d("2019-09-10"), through: d("2019-09-12"),
    ///                                      reason: "病假", by: "office")
    @discardableResult
    public func markTrainerUnavailable(trainer: String, from: Day, through: Day, reason: String, by who: String) throws -> StoreEvent {
        guard from <= through else { throw StoreError.invalidRange(from: from, through: through) }
        return try backend.write { db in
            let sid = try requireScenario(db)
            let name = try trainerName(trainer, sid, db)
            let n = from.distance(to: through) + 1
            let event = try record(.trainerUnavailable, subject: trainer,
                                   Bilingual(zh: "讲师 \(name)（\(trainer)）\(from)..\(through) 不可用（\(n) 天）\(reason.isEmpty ? "" : "：" + reason)",
                                             en: "trainer \(name) (\(trainer)) unavailable \(from)..\(through) (\(n) days)\(reason.isEmpty ? "" : ": " + reason)"),
                                   by: who, at: now(), scenario: sid, db)
            try ScenarioTables.insertBlocked(trainer: trainer, days: Set(from...through), source: "change", event: event.id,
                                             scenario: sid, db)
            return event
        }
    }

    /// The trainer sent a new calendar (ICS): its blocked days replace the
    /// old calendar's; days blocked by recorded changes stay.
    ///
    /// - Parameter source: the file the days came from, for the log.
    @discardableResult
    public func replaceTrainerCalendar(trainer: String, blocked: Set<Day>, source: String, by who: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            let name = try trainerName(trainer, sid, db)
            let before = try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM trainer_blocked WHERE scenario_id = ? AND trainer = ? AND source = 'calendar'
                """, arguments: [sid, trainer]) ?? 0
            let event = try record(.trainerCalendarReplaced, subject: trainer,
                                   Bilingual(zh: "讲师 \(name)（\(trainer)）的日历换为 \(source)：不可用 \(blocked.count) 天（原 \(before) 天）",
                                             en: "trainer \(name) (\(trainer)) calendar replaced by \(source): \(blocked.count) days blocked (was \(before))"),
                                   by: who, at: now(), scenario: sid, db)
            try db.execute(sql: "DELETE FROM trainer_blocked WHERE scenario_id = ? AND trainer = ? AND source = 'calendar'",
                           arguments: [sid, trainer])
            try ScenarioTables.insertBlocked(trainer: trainer, days: blocked, source: "calendar", event: event.id, scenario: sid, db)
            return event
        }
    }

    /// A venue cannot be used `from`…`through` (repairs, another event).
    @discardableResult
    public func closeVenue(venue: String, from: Day, through: Day, reason: String, by who: String) throws -> StoreEvent {
        guard from <= through else { throw StoreError.invalidRange(from: from, through: through) }
        return try backend.write { db in
            let sid = try requireScenario(db)
            guard let name = try String.fetchOne(db, sql: "SELECT name FROM venue WHERE scenario_id = ? AND id = ?",
                                                 arguments: [sid, venue]) else { throw StoreError.unknownVenue(venue) }
            let n = from.distance(to: through) + 1
            let event = try record(.venueClosed, subject: venue,
                                   Bilingual(zh: "场地 \(name)（\(venue)）\(from)..\(through) 关闭（\(n) 天）\(reason.isEmpty ? "" : "：" + reason)",
                                             en: "venue \(name) (\(venue)) closed \(from)..\(through) (\(n) days)\(reason.isEmpty ? "" : ": " + reason)"),
                                   by: who, at: now(), scenario: sid, db)
            try ScenarioTables.insertBlocked(venue: venue, days: Set(from...through), source: "change", event: event.id,
                                             scenario: sid, db)
            return event
        }
    }

    /// More classes wanted: a new demand row, checked as demand.csv is.
    @discardableResult
    public func addDemand(_ demand: Demand, by who: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            if try exists("demand", "id", demand.id, sid, db) { throw StoreError.duplicateDemand(demand.id) }
            guard try exists("county", "code", demand.county, sid, db) else { throw StoreError.unknownCounty(demand.county) }
            try requireTrainingKind(demand.kind, sid, db)
            guard demand.classes >= 1 else {
                throw StoreError.invalidDemand(id: demand.id, problem: Bilingual(zh: "期数应至少为 1", en: "classes must be at least 1"))
            }
            let period = try self.period(sid, db)
            guard demand.earliest <= demand.latest, period.contains(demand.earliest), period.contains(demand.latest) else {
                throw StoreError.invalidDemand(id: demand.id, problem: Bilingual(
                    zh: "时间窗 \(demand.earliest)..\(demand.latest) 应在规划期 \(period.lowerBound)..\(period.upperBound) 内且不倒置",
                    en: "window \(demand.earliest)..\(demand.latest) must lie in the period \(period.lowerBound)..\(period.upperBound), start before end"))
            }
            let position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM demand WHERE scenario_id = ?", arguments: [sid]) ?? -1) + 1
            try ScenarioTables.insertDemand(demand, position: position, scenario: sid, db)
            return try record(.demandAdded, subject: demand.id,
                              Bilingual(zh: "新增培训需求 \(demand.id)：\(demand.county) \(demand.kind) \(demand.classes) 期，\(demand.earliest)..\(demand.latest)",
                                        en: "added demand \(demand.id): \(demand.classes) classes of \(demand.kind) in \(demand.county), \(demand.earliest)..\(demand.latest)"),
                              by: who, at: now(), scenario: sid, db)
        }
    }

    /// Classes no longer wanted. Pins of its sessions stay (harmless; unpin them to tidy up).
    @discardableResult
    public func removeDemand(id: String, by who: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            guard let r = try StoreRow.fetchOne(db, sql: "SELECT county, kind, classes FROM demand WHERE scenario_id = ? AND id = ?",
                                           arguments: [sid, id]) else { throw StoreError.unknownDemand(id) }
            try db.execute(sql: "DELETE FROM demand WHERE scenario_id = ? AND id = ?", arguments: [sid, id])
            let (county, kind, classes): (String, String, Int) = (r["county"], r["kind"], r["classes"])
            return try record(.demandRemoved, subject: id,
                              Bilingual(zh: "删除培训需求 \(id)（\(county) \(kind) \(classes) 期）",
                                        en: "removed demand \(id) (\(classes) classes of \(kind) in \(county))"),
                              by: who, at: now(), scenario: sid, db)
        }
    }

    /// Late enrolment. All or none: one bad attendee refuses the whole list.
    /// The log counts people per county and kind; it never holds their ID
    /// numbers or phones.
    @discardableResult
    public func addAttendees(_ attendees: [Attendee], by who: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            let list = try storeAttendees(attendees, sid, db)
            var groups: [String: Int] = [:]
            for a in list { groups["\(a.county) \(a.kind)", default: 0] += 1 }
            let detail = groups.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
            return try record(.attendeesAdded, subject: "attendees",
                              Bilingual(zh: "新增学员 \(list.count) 人（\(detail)）", en: "added \(list.count) attendees (\(detail))"),
                              by: who, at: now(), scenario: sid, db)
        }
    }

    /// Someone withdraws from a kind of training. The log names the person
    /// and their county, never the ID number.
    @discardableResult
    public func withdrawAttendee(idNumber: String, kind: String, by who: String) throws -> StoreEvent {
        let id = idNumber.uppercased()
        return try backend.write { db in
            let sid = try requireScenario(db)
            guard let r = try StoreRow.fetchOne(db, sql: """
                SELECT name, county, township FROM attendee WHERE scenario_id = ? AND kind = ? AND id_number = ?
                """, arguments: [sid, kind, id]) else {
                throw StoreError.unknownAttendee(masked: ResidentID.masked(id), kind: kind)
            }
            try db.execute(sql: "DELETE FROM attendee WHERE scenario_id = ? AND kind = ? AND id_number = ?", arguments: [sid, kind, id])
            let (name, county, township): (String, String, String) = (r["name"], r["county"], r["township"])
            return try record(.attendeeWithdrawn, subject: "attendees",
                              Bilingual(zh: "学员 \(name)（\(county) \(township)）退出 \(kind)",
                                        en: "attendee \(name) (\(county) \(township)) withdrew from \(kind)"),
                              by: who, at: now(), scenario: sid, db)
        }
    }

    // MARK: checks shared by the changes

    /// Checks and stores late enrolments inside a write, all or none: each ID
    /// upper-cased and checked (GB 11643), its county and training kind
    /// known, no one twice in a kind (stored or sent); `also` adds a check of
    /// the caller's (a county's page takes its own county and kind only).
    /// Appended after the stored attendees. Returns them as stored.
    func storeAttendees(_ attendees: [Attendee], _ sid: Int64, _ db: any StoreDB,
                        also: (Attendee, String) throws -> Void = { _, _ in }) throws -> [Attendee] {
        var seen = Set(try StoreRow.fetchAll(db, sql: "SELECT kind, id_number FROM attendee WHERE scenario_id = ?", arguments: [sid])
            .map { "\($0["kind"] as String)\u{1F}\($0["id_number"] as String)" })
        var knownCounties: Set<String> = [], checkedKinds: Set<String> = []
        var list: [Attendee] = []
        for var a in attendees {
            a.idNumber = a.idNumber.uppercased()
            let masked = ResidentID.masked(a.idNumber)
            if let problem = ResidentID.validate(a.idNumber) {
                throw StoreError.invalidAttendee(name: a.name, masked: masked, problem: problem.message)
            }
            try also(a, masked)
            if !knownCounties.contains(a.county) {
                guard try exists("county", "code", a.county, sid, db) else {
                    throw StoreError.invalidAttendee(name: a.name, masked: masked, problem: StoreError.unknownCounty(a.county).message)
                }
                knownCounties.insert(a.county)
            }
            if !checkedKinds.contains(a.kind) {
                try requireTrainingKind(a.kind, sid, db)
                checkedKinds.insert(a.kind)
            }
            guard seen.insert("\(a.kind)\u{1F}\(a.idNumber)").inserted else {
                throw StoreError.duplicateAttendee(name: a.name, masked: masked, kind: a.kind)
            }
            list.append(a)
        }
        let position = (try Int.fetchOne(db, sql: "SELECT MAX(position) FROM attendee WHERE scenario_id = ?", arguments: [sid]) ?? -1) + 1
        try ScenarioTables.insertAttendees(list, from: position, scenario: sid, db)
        try db.execute(sql: "UPDATE scenario SET has_attendees = 1 WHERE id = ?", arguments: [sid])
        return list
    }

    func requireScenario(_ db: any StoreDB) throws -> Int64 {
        guard let id = try ScenarioTables.currentID(db) else { throw StoreError.noScenario }
        return id.rawValue
    }

    func exists(_ table: String, _ column: String, _ value: String, _ sid: Int64, _ db: any StoreDB) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM \(table) WHERE scenario_id = ? AND \(column) = ?)",
                          arguments: [sid, value]) ?? false
    }

    func trainerName(_ id: String, _ sid: Int64, _ db: any StoreDB) throws -> String {
        guard let name = try String.fetchOne(db, sql: "SELECT name FROM trainer WHERE scenario_id = ? AND id = ?",
                                             arguments: [sid, id]) else { throw StoreError.unknownTrainer(id) }
        return name
    }

    func requireTrainingKind(_ code: String, _ sid: Int64, _ db: any StoreDB) throws {
        guard let category = try String.fetchOne(db, sql: "SELECT category FROM kind WHERE scenario_id = ? AND code = ?",
                                                 arguments: [sid, code]) else { throw StoreError.unknownKind(code) }
        guard category == KindCategory.training.rawValue else { throw StoreError.notATrainingKind(code) }
    }

    func period(_ sid: Int64, _ db: any StoreDB) throws -> ClosedRange<Day> {
        let r = try StoreRow.fetchOne(db, sql: "SELECT start, \"end\" FROM scenario WHERE id = ?", arguments: [sid])!
        return try storedDay(r["start"])...storedDay(r["end"])
    }
}

extension ResidentID.Problem {
    /// Says what is wrong without repeating the number.
    var message: Bilingual {
        switch self {
        case .wrongLength(let n):
            return Bilingual(zh: "身份证号应为 18 位，这里是 \(n) 位", en: "a resident ID has 18 characters, this one \(n)")
        case .notDigits:
            return Bilingual(zh: "身份证号只能是数字，末位可为 X", en: "a resident ID is digits, the last may be X")
        case .badBirthDate:
            return Bilingual(zh: "身份证号中的出生日期不存在", en: "the birth date inside the ID does not exist")
        case .checkDigit(let expected):
            return Bilingual(zh: "身份证号校验位不符（按 GB 11643 应为 \(expected)）",
                             en: "the ID's check character is wrong (GB 11643 calls for \(expected))")
        }
    }
}
