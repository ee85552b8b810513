import Foundation
import XiangxingCore
import XiangxingOffice

/// The data of the county's templates (Templates/county-*.mustache), made
/// from the Office's results: names and masked numbers only, never a full
/// ID except in the clerk's own edit form.
enum CountyPages {
    static func row(_ r: CountyDesk.SessionRow, code: String) -> [String: Any] {
        ["code": code, "id": r.id, "course": r.course, "dates": r.dates, "venue": r.venue, "address": r.address,
         "trainers": r.trainers.joined(separator: "、"), "seats": r.seats, "seated": r.seated, "isStop": r.isStop,
         "team": r.team.map(String.init) as Any].compacted
    }

    static func home(_ o: CountyDesk.Overview) -> [String: Any] {
        let code = o.county.code
        return ["code": code, "countyName": o.county.name, "version": o.version,
                "kinds": o.kinds.map { ["kind": $0.code, "name": $0.name, "enrolled": $0.enrolled, "waiting": $0.waiting,
                                        "hasWaiting": $0.waiting > 0] as [String: Any] },
                "classes": o.classes.map { row($0, code: code) }, "hasClasses": !o.classes.isEmpty,
                "stops": o.stops.map { row($0, code: code) }, "hasStops": !o.stops.isEmpty]
    }

    static func person(_ p: CountyDesk.Person, _ n: Int) -> [String: Any] {
        ["n": n, "key": p.key, "name": p.name, "gender": p.gender, "township": p.township,
         "maskedID": p.maskedID, "maskedPhone": p.maskedPhone, "project": p.project]
    }

    static func classPage(_ page: CountyDesk.ClassPage) -> [String: Any] {
        var data = row(page.row, code: page.county.code)
        data["countyName"] = page.county.name
        data["days"] = page.session.dates.map { d in
            ["iso": d.iso, "label": ChineseDays.long(d), "recorded": page.recordedDays.contains(d)] as [String: Any]
        }
        data["people"] = page.people.enumerated().map { person($1, $0 + 1) }
        data["peopleCount"] = page.people.count
        data["withdrawn"] = page.withdrawn
        data["hasWithdrawn"] = page.withdrawn > 0
        return data
    }

    static func grid(_ g: AttendanceGrid.Grid, allTicked: Bool = false, saved: String? = nil) -> [String: Any] {
        var data = row(g.page.row, code: g.page.county.code)
        data["iso"] = g.day.iso
        data["dayLabel"] = ChineseDays.long(g.day)
        data["recorded"] = g.recorded
        data["mentees"] = g.mentees.map(String.init) ?? ""
        data["rows"] = g.rows.enumerated().map { i, r in
            var p = person(r.person, i + 1)
            p["present"] = allTicked || r.present
            return p
        }
        if let saved { data["saved"] = saved }
        return data
    }

    static func enrolment(_ list: Enrolment.List, kinds: [(code: String, name: String, enrolled: Int, waiting: Int)], done: String?,
                          form: Enrolment.Form? = nil) -> [String: Any] {
        let code = list.county.code
        return ["kinds": kinds.map { ["kind": $0.code, "name": $0.name, "current": $0.code == list.kind.code] as [String: Any] },
                "code": code, "countyName": list.county.name, "kind": list.kind.code, "kindName": list.kind.name,
                "revision": list.revision, "people": list.people.enumerated().map { i, p in
                    ["n": i + 1, "key": p.key, "name": p.name, "gender": p.gender, "township": p.township, "project": p.project,
                     "maskedID": p.maskedID, "maskedPhone": p.maskedPhone, "seatedIn": p.seatedIn as Any].compacted
                }, "peopleCount": list.people.count, "waiting": list.waiting, "hasWaiting": list.waiting > 0,
                "done": done as Any, "form": formData(form)].compacted
    }

    static func person(_ e: Enrolment.Editing) -> [String: Any] {
        ["code": e.county.code, "kind": e.kind.code, "kindName": e.kind.name, "key": e.key,
         "revision": e.revision, "form": formData(e.form)]
    }

    static func formData(_ f: Enrolment.Form?) -> [String: Any] {
        guard let f else { return [:] }
        return ["idNumber": f.idNumber, "name": f.name, "female": f.gender == "女", "phone": f.phone,
                "township": f.township, "project": f.project]
    }

    static func form(_ fields: [String: String]) -> Enrolment.Form {
        func v(_ k: String) -> String { (fields[k] ?? "").trimmingCharacters(in: .whitespacesAndNewlines) }
        return Enrolment.Form(idNumber: v("id_number"), name: v("name"), gender: v("gender"), phone: v("phone"),
                              township: v("township"), project: v("project"))
    }

    /// What the list says after a change (`?done=`): only fixed words, never echoed input.
    static func doneText(_ code: String) -> String? {
        switch code {
        case "added": return "已报名 1 人。新报名的学员要等市局下次重新排班后才会排入期次。"
        case "edited": return "已保存修改。"
        case "withdrawn": return "已退出报名。"
        default:
            if code.hasPrefix("uploaded-"), let n = Int(code.dropFirst("uploaded-".count)) {
                return "已从上传的文件报名 \(n) 人。新报名的学员要等市局下次重新排班后才会排入期次。"
            }
            return nil
        }
    }

    static func report(_ r: CountyDesk.Report) -> [String: Any] {
        let rows = r.rows.filter { $0.county != ReportRow.cityTotal }.map { row -> [String: Any] in
            ["category": row.category == .training ? "创业培训" : "创业讲师乡村行",
             "target": row.target.map(String.init) ?? "—", "plannedYear": row.plannedYear, "plannedToDate": row.plannedToDate,
             "deliveredMonth": row.deliveredMonth, "deliveredToDate": row.deliveredToDate,
             "share": row.shareOfTarget.isEmpty ? "—" : percent(row.shareOfTarget), "behind": row.isBehind]
        }
        return ["code": r.county.code, "countyName": r.county.name, "month": r.month.text,
                "monthLabel": "\(r.month.year)年\(r.month.month)月", "rows": rows]
    }

    /// "0.4567" → "45.7%".
    static func percent(_ share: String) -> String {
        guard let v = Double(share) else { return share }
        return String(format: "%.1f%%", v * 100)
    }
}

extension Dictionary where Key == String, Value == Any {
    /// Without the keys whose value is a nil optional: a template's
    /// `{{#key}}` section is then simply absent.
    var compacted: [String: Any] {
        filter { entry in
            let mirror = Mirror(reflecting: entry.value)
            return !(mirror.displayStyle == .optional && mirror.children.isEmpty)
        }
    }
}
