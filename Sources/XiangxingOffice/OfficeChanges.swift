import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingStore

extension Changes {
    /// Pins a session's dates, trainers (ids or names) or venue (id or name)
    /// — each independently, nil leaves it free — for every later re-plan.
    public static func pin(_ office: OfficeStore, session: String, dates: [Day]?, trainers: [String]?, venue: String?,
                           reason: String, notice: Notice) throws -> StoreEvent {
        let db = try office.open()
        let (index, _) = try office.scenario(db)
        let ids = try trainers.map { try $0.map { try OfficeNames.trainer($0, option: "--trainers", in: index, office.language, notice: notice).id } }
        let place = try venue.map { try OfficeNames.venue($0, in: index, office.language, notice: notice).id }
        return try office.attempt { try db.pin(session: session, dates: dates, trainers: ids, venue: place, by: office.who, reason: reason) }
    }

    /// Dates written `2019-05-22;2019-05-23` (`;` or `,` between), or the
    /// error naming `field` and the part that is no date.
    public static func dates(_ text: String, field: String, _ lang: Language) throws -> [Day] {
        var out: [Day] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "," || $0 == "；" || $0 == "，" }) {
            let word = part.trimmingCharacters(in: .whitespaces)
            guard !word.isEmpty else { continue }
            guard let d = Day(iso: word) else {
                throw OfficeError(lang == .zh ? "\(field)：“\(word)”不是 YYYY-MM-DD 日期" : "\(field): \"\(word)\" is not a YYYY-MM-DD date")
            }
            out.append(d)
        }
        return out
    }

    /// Names written `T009;解红伟` (`;`, `,` or `、` between), trimmed, empty parts dropped.
    public static func list(_ text: String) -> [String] {
        text.split(whereSeparator: { ";,；，、".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// The store's change log, newest first: every import, change, pin and saved version, with who and when.
    public static func log(_ office: OfficeStore, limit: Int = 200) throws -> [StoreEvent] {
        let db = try office.openExisting()
        return Array(try office.attempt { try db.events() }.reversed().prefix(limit))
    }
}
