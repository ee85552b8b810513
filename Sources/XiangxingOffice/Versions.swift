import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

/// Stored plan versions: written out as a folder, or a session explained.
public enum Versions {
    /// Writes version `version` (the latest for nil) as a plan folder
    /// (replaced as a whole; never over the store); returns its number.
    public static func export(_ office: OfficeStore, version: Int?, to out: String) throws -> Int {
        let db = try office.open()
        let v = try office.version(db, version)
        try OfficeFolders.attempt(office.language) {
            try PlanFolder.write(v.plan, summary: v.summary, to: URL(fileURLWithPath: out), withAssignments: v.withAssignments,
                                 extraFiles: v.extraFiles.map { (name: $0.name, text: $0.text) }, protecting: [URL(fileURLWithPath: office.path)])
        }
        return v.info.number
    }

    /// Why a session sits where it is, or why a demand or tour item was left
    /// out, in the call's language: one text per session or item found.
    public static func explain(_ office: OfficeStore, _ target: String, version: Int?) throws -> [String] {
        let lang = office.language
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let v = try office.version(db, version)
        let explainer = Explainer(index: index, sessions: v.plan.sessions)
        let text = ExplainText(index: index, language: lang)
        let placed = v.plan.sessions.filter { $0.id == target || $0.ref == target }
        var texts = placed.map { text.render(explainer.explain(placed: $0)) }
        // Left out: re-derive the cause against this version's bookings.
        // A demand or tour id, or a session id of one (D007-2, XCX-2019-09@411328).
        let left = v.plan.unscheduled.filter { $0.ref == target || target.hasPrefix($0.ref + "-") || target.hasPrefix($0.ref + "@") }
        if !left.isEmpty {
            let diagnoses = Planner(index: index).diagnose(sessions: v.plan.sessions).filter { $0.ref == target || $0.sessionID == target }
            texts += diagnoses.map { text.render($0, remedy: explainer.remedy(for: $0)) }
        }
        if placed.isEmpty && left.isEmpty {
            // Never echo a resident ID or phone number typed here by mistake (error output lands in logs).
            if let masked = PersonalNumber.masked(target) {
                throw OfficeError(lang == .zh ? "\(masked) 像是身份证号或手机号：explain 只接受场次或需求编号（plan.csv 的 session 或 ref 列），不按个人查询"
                                              : "\(masked) looks like a resident ID or phone number: explain takes a session or ref of plan.csv, not a person")
            }
            throw OfficeError(lang == .zh ? "第 \(v.info.number) 版里没有 \(target)：请用 plan.csv 的 session 或 ref 列"
                                          : "\(target) is not in version \(v.info.number): use plan.csv's session or ref column")
        }
        return texts
    }
}

/// Input that looks like personal data, masked for messages.
public enum PersonalNumber {
    /// `411328********123X` for anything of 15 or more digits (a resident ID,
    /// valid or mistyped; the last may be X), `138****5678` for 11 to 14
    /// digits (a phone); nil for anything else (session and demand ids).
    public static func masked(_ text: String) -> String? {
        let chars = Array(text.trimmingCharacters(in: .whitespaces).uppercased())
        guard chars.count >= 11, chars.dropLast().allSatisfy(\.isASCIIDigit),
              chars.last!.isASCIIDigit || chars.last == "X" else { return nil }
        return chars.count >= 15 ? ResidentID.masked(String(chars)) : PhoneMask.masked(String(chars))
    }
}

private extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}

