import XiangxingCore
import XiangxingIO

/// What the monthly report needs from the store for one plan version: the
/// programme's settings and targets as imported with the scenario, and the
/// attendance records that count for that version.
public struct StoredProgramme: Sendable {
    public var settings: ProgrammeSettings
    /// targets.csv as imported; nil when the scenario had none.
    public var targets: [CountyTarget]?
    /// The records that count for the version (taken against it, or against
    /// an earlier version for a session that has not moved since).
    public var records: AttendanceRecords
    /// Sessions moved since their records were taken: the session as it was
    /// held, by id. Their records are kept and counted by this form, and
    /// flagged for the office to look at (`ProgrammeReport.rows(heldAs:)`).
    public var heldAs: [String: Session]
    public init(settings: ProgrammeSettings, targets: [CountyTarget]?, records: AttendanceRecords, heldAs: [String: Session]) {
        self.settings = settings; self.targets = targets; self.records = records; self.heldAs = heldAs
    }
}

extension PlanStore {
    /// The programme's data for version `n`.
    // INTERFACE STUB (session 3): the attendance tables land with issue 10.2;
    // until then: default settings, no targets, no records.
    public func programme(forVersion n: Int) throws -> StoredProgramme {
        StoredProgramme(settings: ProgrammeSettings(), targets: nil, records: AttendanceRecords(), heldAs: [:])
    }
}
