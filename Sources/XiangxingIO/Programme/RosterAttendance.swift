import Foundation
import XiangxingCore

/// A filled-in sign-in sheet (签到表) as `xiangxing roster --format csv`
/// writes it (RosterCSV: 序号,姓名,性别,身份证号,联系电话,乡镇,创业项目, then
/// one `2019-09-12 签到` column per class day), read back as training
/// records: one per person of the class and 签到 column.
///
/// Which class a sheet is for: the sheet itself does not carry the session
/// id in a column, so it is found in, first, any title line above the
/// header (an .xlsx with the PDF's heading, `期次：第1期（D032-3）`), then
/// the file name the roster command gave it
/// (`签到表-唐河县-创业意识培训-第1期-D032-3.csv`; a copy named
/// `…-D032-3（已填）.csv` still works): a session id of the plan that
/// stands there as a whole word.
///
/// Who a row is: the IDs are printed masked (`411328********1234`), so a
/// row is matched among the class's own members by masked ID and name; a
/// full ID (a sheet printed `--unmasked`) is matched exactly; a row with no
/// ID by its name alone. Marks: `AttendanceCheck.mark`.
enum RosterAttendance {
    static let nameHeaders: Set<String> = ["姓名", "name"]
    static let idHeaders: Set<String> = ["身份证号", "身份证号码", "id_number"]

    /// The layout of a sheet: where its header is and what its columns hold.
    struct Layout {
        var header: Int
        var name: Int?
        var id: Int?
        /// 签到 columns: index, heading as written, the day it names (nil: unreadable).
        var days: [(index: Int, heading: String, day: Day?)]
    }

    /// The sheet's layout when `rows` is a sign-in sheet: a row among the
    /// first ten with 姓名 or 身份证号 and at least one 签到 column.
    static func layout(_ rows: [CSVRecord]) -> Layout? {
        for (i, r) in rows.prefix(10).enumerated() {
            let cells = r.fields.map(clean)
            let name = cells.firstIndex { nameHeaders.contains($0) }, id = cells.firstIndex { idHeaders.contains($0) }
            let days = cells.enumerated().filter { $0.element.contains("签到") }
            guard name != nil || id != nil, !days.isEmpty else { continue }
            return Layout(header: i, name: name, id: id, days: days.map { ($0.offset, $0.element, day(ofHeading: $0.element)) })
        }
        return nil
    }

    /// "2019-09-12 签到" or "2019-09-29 签到（周日调休上班）" → 2019-09-12.
    static func day(ofHeading heading: String) -> Day? {
        guard let r = heading.range(of: "签到") else { return nil }
        let before = heading[..<r.lowerBound].trimmingCharacters(in: .whitespaces)
        return Day(iso: String(before.prefix(10)))
    }

    /// A cell as a clerk means it: without the tab or apostrophe that keeps
    /// Excel from reading it as a number or formula, without spaces.
    static func clean(_ text: String) -> String {
        text.trimmingCharacters(in: CharacterSet(charactersIn: " \t\u{3000}'\u{FEFF}"))
    }

    /// The training records of one sheet, or problems.
    ///
    /// - Parameters:
    ///   - file: how messages name the file; `stem`: its name without extension.
    ///   - names: resident ID → name of the class's county and kind (from
    ///     the scenario), to tell two masked IDs apart; nil when unknown.
    static func read(_ rows: [CSVRecord], layout: Layout, file: String, stem: String, plan: Plan,
                     names: (Session) -> [String: String], problems: inout [InputProblem]) -> [TrainingRecord] {
        let headerLine = rows[layout.header].line
        func add(_ line: Int?, _ field: String, _ zh: String, _ en: String, _ fixZh: String, _ fixEn: String) {
            problems.append(InputProblem(file: file, line: line, field: field, problem: Bilingual(zh: zh, en: en),
                                         remedy: Bilingual(zh: fixZh, en: fixEn)))
        }
        let titles = rows.prefix(layout.header).map { $0.fields.joined(separator: " ") }
        guard let sessionID = session(titles: titles, stem: stem, plan: plan, file: file, line: headerLine, problems: &problems),
              let session = plan.sessions.first(where: { $0.id == sessionID }) else { return [] }
        guard session.type == .trainingClass else {
            add(headerLine, "", "场次“\(sessionID)”是乡村行站点，签到表只用于培训班", "session \"\(sessionID)\" is a tour stop; sign-in sheets are for classes",
                "站点的记录写成 session,date,mentees", "record stops as session,date,mentees")
            return []
        }
        guard let members = plan.assignments?[sessionID] ?? (plan.assignments == nil ? nil : []) else {
            add(headerLine, "", "该计划没有学员分配（assignments.csv），无法对应签到表上的人", "the plan has no assignments (assignments.csv): the sheet's people cannot be matched",
                "改用长表格式 session,id_number,date,present 录入", "record the class in the long format session,id_number,date,present")
            return []
        }
        var columns: [(index: Int, heading: String, day: Day)] = []
        var seenDays: [Day: String] = [:]
        for c in layout.days {
            guard let d = c.day else {
                add(headerLine, c.heading, "读不出这一签到列的日期", "the date of this 签到 column cannot be read",
                    "表头写成 YYYY-MM-DD 签到，例如 2019-09-12 签到（xiangxing roster 的写法）", "write the heading as YYYY-MM-DD 签到, e.g. 2019-09-12 签到 (as xiangxing roster does)")
                continue
            }
            guard session.dates.contains(d) else {
                add(headerLine, c.heading, "\(d) 不是场次“\(sessionID)”的上课日（\(session.dates.map(\.iso).joined(separator: ";"))）",
                    "\(d) is not a day of session \"\(sessionID)\" (\(session.dates.map(\.iso).joined(separator: ";")))",
                    "核对签到表是否属于这一期，或改成该班的上课日期", "check the sheet is this class's, or write one of its dates")
                continue
            }
            if let first = seenDays[d] {
                add(headerLine, c.heading, "\(d) 的签到列与“\(first)”重复", "the 签到 column of \(d) repeats \"\(first)\"",
                    "每个上课日只留一列", "keep one column per class day")
                continue
            }
            seenDays[d] = c.heading
            columns.append((c.index, c.heading, d))
        }
        let byName = names(session)
        let idHeading = layout.id.map { clean(rows[layout.header].fields[$0]) } ?? "身份证号"
        let nameHeading = layout.name.map { clean(rows[layout.header].fields[$0]) } ?? "姓名"
        var out: [TrainingRecord] = []
        var anyMark = false
        for r in rows.dropFirst(layout.header + 1) {
            func cell(_ i: Int?) -> String { i.flatMap { $0 < r.fields.count ? clean(r.fields[$0]) : nil } ?? "" }
            let first = cell(0)
            if first == "实到人数" || first == "合计" { continue }
            let name = cell(layout.name), idText = cell(layout.id)
            let marks = columns.map { cell($0.index) }
            if name.isEmpty && idText.isEmpty {
                // An empty walk-in line, the 实到人数 line, the printed-from line: nothing to record.
                guard marks.contains(where: { !$0.isEmpty }), Int(first) != nil else { continue }
                add(r.line, nameHeading, "这一行没有姓名和身份证号，却有签到", "this row has 签到 marks but no name or ID",
                    "现场报名的学员先用 xiangxing add-attendees 登记并重新排课；否则删去这一行的签到", "enrol walk-ins with xiangxing add-attendees and re-plan first; otherwise clear the row's marks")
                continue
            }
            var candidates: [String]
            let field: String
            if !idText.isEmpty && !idText.contains("*") {
                candidates = members.filter { $0 == idText }
                field = idHeading
            } else if !idText.isEmpty {
                candidates = members.filter { ResidentID.masked($0) == idText }
                // The name tells apart two masked IDs alike, and keeps a stranger's look-alike ID out.
                if !name.isEmpty { candidates = candidates.filter { byName[$0] == nil || byName[$0] == name } }
                field = idHeading
            } else {
                candidates = members.filter { byName[$0] == name }
                field = nameHeading
            }
            guard candidates.count == 1, let id = candidates.first else {
                if candidates.isEmpty {
                    add(r.line, field, "此人不在场次“\(sessionID)”的学员名单中", "this person is not enrolled in session \"\(sessionID)\"",
                        "核对姓名和身份证号，或签到表是否属于这一期；名单外的人先用 xiangxing add-attendees 登记",
                        "check the name, the ID and that the sheet is this class's; enrol anyone else with xiangxing add-attendees first")
                } else {
                    add(r.line, field, "名单中有 \(candidates.count) 人与这一行的姓名和打码身份证号相同，无法区分",
                        "\(candidates.count) people of the class share this row's name and masked ID",
                        "在身份证号一栏写完整号码", "write the full ID in the ID column")
                }
                continue
            }
            for (c, mark) in zip(columns, marks) {
                if !mark.isEmpty { anyMark = true }
                guard let present = AttendanceCheck.mark(mark) else {
                    let shown = mark.count <= 8 ? "“\(mark)”" : "这一格", shownEn = mark.count <= 8 ? "\"\(mark)\"" : "this cell"
                    add(r.line, c.heading, "\(shown)看不出是否到课", "\(shownEn) does not say whether the trainee came",
                        "到课写 √、1 或签名，缺勤留空或写 ×、0", "write √, 1 or a signature for present; leave blank or write ×, 0 for absent")
                    continue
                }
                out.append(TrainingRecord(session: sessionID, idNumber: id, date: c.day, present: present, file: file, line: r.line))
            }
        }
        // A sheet sent back as printed would record the whole class absent.
        if !out.isEmpty && !anyMark {
            add(headerLine, columns.first?.heading ?? "签到", "签到栏全部空白：这像是未填写的签到表，导入会把全班记为缺勤",
                "every 签到 cell is blank: this looks like the sheet as printed, and would record the whole class absent",
                "交回填好的签到表；若确实全班未到，在签到格中写 ×", "send the filled-in sheet; if truly nobody came, write × in the 签到 cells")
            return []
        }
        return out
    }

    /// The session a sheet names in its title lines, else in its file name.
    static func session(titles: [String], stem: String, plan: Plan, file: String, line: Int,
                        problems: inout [InputProblem]) -> String? {
        let ids = plan.sessions.map(\.id)
        for text in titles + [stem] {
            let found = Set(ids.filter { standsAlone($0, in: text) })
            // D032-1 inside D032-12 is not found (word bounds); of two found, keep the longer only if it holds the other.
            let named = found.filter { a in !found.contains { b in b != a && b.contains(a) } }
            if named.count == 1 { return named.first }
            if named.count > 1 {
                problems.append(InputProblem(file: file, line: line, field: "",
                    problem: Bilingual(zh: "签到表同时写了几个场次：\(named.sorted().joined(separator: "、"))",
                                       en: "the sheet names several sessions: \(named.sorted().joined(separator: ", "))"),
                    remedy: Bilingual(zh: "每期一张签到表，文件名保留 xiangxing roster 给出的场次编号", en: "one sheet per class; keep the session id xiangxing roster put in the file name")))
                return nil
            }
        }
        // A roster name whose session the plan does not have (dropped since, or another plan's sheet).
        if let r = stem.range(of: "期-", options: .backwards), !stem[r.upperBound...].isEmpty {
            let claimed = String(stem[r.upperBound...])
            problems.append(InputProblem(file: file, line: nil, field: "session",
                problem: Bilingual(zh: "计划中没有场次“\(claimed)”", en: "the plan has no session \"\(claimed)\""),
                remedy: Bilingual(zh: "核对签到表是否属于这一版计划（--version），场次编号见 plan.csv", en: "check the sheet belongs to this plan version (--version); session ids are in plan.csv")))
            return nil
        }
        problems.append(InputProblem(file: file, line: nil, field: "session",
            problem: Bilingual(zh: "看不出这张签到表是哪一期培训", en: "which class this sign-in sheet is for cannot be told"),
            remedy: Bilingual(zh: "保留 xiangxing roster 给出的文件名（……-第1期-D032-3.csv），或在表头上方一行写上场次编号",
                              en: "keep the file name xiangxing roster gave it (…-第1期-D032-3.csv), or write the session id on a line above the header")))
        return nil
    }

    /// `id` occurs in `text` with no letter, digit, `_` or `@` right before or after it.
    static func standsAlone(_ id: String, in text: String) -> Bool {
        guard !id.isEmpty else { return false }
        func isWord(_ c: Character) -> Bool { c.isASCII && (c.isLetter || c.isNumber || c == "_" || c == "@") }
        var from = text.startIndex
        while let r = text.range(of: id, range: from..<text.endIndex) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before.map(isWord) ?? false) && !(after.map(isWord) ?? false) { return true }
            from = text.index(after: r.lowerBound)
        }
        return false
    }
}
