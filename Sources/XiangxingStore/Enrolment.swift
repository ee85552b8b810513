import Foundation

import XiangxingCore

/// One enrolled person as a county clerk sees them: the stored row and its
/// key (the row's position in the scenario's attendee table, stable while
/// the row lives), so a page can name the person without their ID number.
public struct EnrolledPerson: Hashable, Sendable {
    public var key: Int
    public var attendee: Attendee
}

/// A county's enrolment in one kind, with the revision a form carries back.
public struct CountyEnrolment: Sendable {
    public var county: String
    public var kind: String
    /// In the order they were enrolled.
    public var people: [EnrolledPerson]
    /// A digest of the county+kind's rows: any change by anyone changes it.
    public var revision: String
}

/// A clerk's change made against a revision of the enrolment that is no
/// longer the stored one: someone else changed that county's list of that
/// kind meanwhile. Nothing of the change was stored.
public struct EnrolmentChanged: Error, Sendable, Equatable {
    public var county: String
    public var kind: String
    public init(county: String, kind: String) { self.county = county; self.kind = kind }
}

/// Enrolment changes scoped to one county and kind, each checked against
/// the revision the clerk read (optimistic concurrency: the second of two
/// clerks editing from the same revision is refused, nothing lost), inside
/// the write transaction that applies it.
extension PlanStore {
    /// The county's attendees of `kind` in the current scenario, and their revision.
    public func enrolment(county: String, kind: String) throws -> CountyEnrolment {
        try backend.read { db in
            let sid = try requireScenario(db)
            let people = try Self.enrolledRows(county: county, kind: kind, sid, db)
            return CountyEnrolment(county: county, kind: kind, people: people, revision: Self.revision(people))
        }
    }

    /// Enrols `attendees` (all of `county` and `kind`) if the stored list is
    /// still at `revision`; all or none, checked as `addAttendees` checks.
    @discardableResult
    public func enrol(_ attendees: [Attendee], county: String, kind: String, revision: String, by who: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            try requireRevision(revision, county: county, kind: kind, sid, db)
            guard try exists("county", "code", county, sid, db) else { throw StoreError.unknownCounty(county) }
            try requireTrainingKind(kind, sid, db)
            let list = try storeAttendees(attendees, sid, db) { a, masked in
                guard a.county == county, a.kind == kind else {
                    throw StoreError.invalidAttendee(name: a.name, masked: masked, problem: Bilingual(
                        zh: "不属于 \(county) 的 \(kind) 报名", en: "not an enrolment of \(county) in \(kind)"))
                }
            }
            return try record(.attendeesAdded, subject: "attendees",
                              Bilingual(zh: "新增学员 \(list.count) 人（\(county) \(kind) \(list.count)）",
                                        en: "added \(list.count) attendees (\(county) \(kind) \(list.count))"),
                              by: who, at: now(), scenario: sid, db)
        }
    }

    /// Replaces the name, gender, phone, township, project and pinyin of the
    /// person at `key` (their ID number stays: a wrong number is withdrawn
    /// and enrolled again, since the plan seats people by it).
    @discardableResult
    public func editAttendee(key: Int, county: String, kind: String, to new: Attendee, revision: String, by who: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            try requireRevision(revision, county: county, kind: kind, sid, db)
            guard let old = try Self.enrolledRows(county: county, kind: kind, sid, db).first(where: { $0.key == key }) else {
                throw StoreError.unknownAttendee(masked: "#\(key)", kind: kind)
            }
            try db.execute(sql: """
                UPDATE attendee SET name = ?, gender = ?, phone = ?, township = ?, project = ?, pinyin = ?
                WHERE scenario_id = ? AND position = ? AND county = ? AND kind = ?
                """, arguments: [new.name, new.gender.rawValue, new.phone, new.township, new.project, new.pinyin, sid, key, county, kind])
            let renamed = old.attendee.name == new.name ? new.name : "\(old.attendee.name) → \(new.name)"
            return try record(.attendeeEdited, subject: "attendees",
                              Bilingual(zh: "修改学员 \(renamed)（\(county) \(new.township)）\(kind) 的报名信息",
                                        en: "edited attendee \(renamed) (\(county) \(new.township)) of \(kind)"),
                              by: who, at: now(), scenario: sid, db)
        }
    }

    /// Withdraws the person at `key` from the county's `kind`.
    @discardableResult
    public func withdrawAttendee(key: Int, county: String, kind: String, revision: String, by who: String) throws -> StoreEvent {
        try backend.write { db in
            let sid = try requireScenario(db)
            try requireRevision(revision, county: county, kind: kind, sid, db)
            guard let old = try Self.enrolledRows(county: county, kind: kind, sid, db).first(where: { $0.key == key }) else {
                throw StoreError.unknownAttendee(masked: "#\(key)", kind: kind)
            }
            try db.execute(sql: "DELETE FROM attendee WHERE scenario_id = ? AND position = ? AND county = ? AND kind = ?",
                           arguments: [sid, key, county, kind])
            let a = old.attendee
            return try record(.attendeeWithdrawn, subject: "attendees",
                              Bilingual(zh: "学员 \(a.name)（\(county) \(a.township)）退出 \(kind)",
                                        en: "attendee \(a.name) (\(county) \(a.township)) withdrew from \(kind)"),
                              by: who, at: now(), scenario: sid, db)
        }
    }

    private func requireRevision(_ revision: String, county: String, kind: String, _ sid: Int64, _ db: any StoreDB) throws {
        let now = Self.revision(try Self.enrolledRows(county: county, kind: kind, sid, db))
        guard now == revision else { throw EnrolmentChanged(county: county, kind: kind) }
    }

    static func enrolledRows(county: String, kind: String, _ sid: Int64, _ db: any StoreDB) throws -> [EnrolledPerson] {
        try StoreRow.fetchAll(db, sql: """
            SELECT * FROM attendee WHERE scenario_id = ? AND county = ? AND kind = ? ORDER BY position
            """, arguments: [sid, county, kind]).map { r in
            EnrolledPerson(key: r["position"], attendee: Attendee(
                idNumber: r["id_number"], name: r["name"], gender: Gender(rawValue: r["gender"]) ?? .male, phone: r["phone"],
                county: r["county"], township: r["township"], kind: r["kind"], project: r["project"], pinyin: r["pinyin"]))
        }
    }

    /// FNV-1a (64 bits) over every field of every row, in order: stable
    /// across processes (unlike `Hasher`), and never shows a field.
    static func revision(_ people: [EnrolledPerson]) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        func mix(_ text: String) {
            for byte in text.utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
            hash = (hash ^ 0x1F) &* 0x100_0000_01b3
        }
        for p in people {
            let a = p.attendee
            for field in [String(p.key), a.idNumber, a.name, a.gender.rawValue, a.phone, a.township, a.project, a.pinyin ?? ""] { mix(field) }
            hash = (hash ^ 0x1E) &* 0x100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
