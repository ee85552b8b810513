import Foundation
import XiangxingCore
import XiangxingIO
import XiangxingNames
import XiangxingStore

/// A county's enrolment (报名) in one training kind, as its clerk keeps it:
/// the list, one person added, edited or withdrawn in a form, or a file of
/// people uploaded, each checked as the CLI checks attendees.csv and stored
/// only if the list is still at the revision the clerk read. People enrolled
/// after planning wait for the office's next re-plan to be seated.
public enum Enrolment {
    /// One enrolled person as the list shows them.
    public struct Person: Sendable {
        public var key: Int
        public var name: String
        public var gender: String
        public var township: String
        public var project: String
        public var maskedID: String
        public var maskedPhone: String
        /// The class that seats them in the latest version, nil: waiting for a re-plan.
        public var seatedIn: String?
    }

    public struct List: Sendable {
        public var county: County
        public var kind: Kind
        /// In the roster's name order.
        public var people: [Person]
        public var revision: String
        public var waiting: Int { people.filter { $0.seatedIn == nil }.count }
    }

    /// A person as the form gives them (the kind and county are the page's).
    public struct Form: Sendable, Equatable {
        public var idNumber: String
        public var name: String
        public var gender: String
        public var phone: String
        public var township: String
        public var project: String
        public init(idNumber: String, name: String, gender: String, phone: String, township: String, project: String = "") {
            self.idNumber = idNumber; self.name = name; self.gender = gender; self.phone = phone
            self.township = township; self.project = project
        }
    }

    /// One person's enrolment in full, for the clerk's edit form (their own county's person).
    public struct Editing: Sendable {
        public var county: County
        public var kind: Kind
        public var key: Int
        public var form: Form
        public var revision: String
    }

    /// The name a form's problems are located by.
    public static let formName = "报名表"

    static func place(_ office: OfficeStore, county code: String, kind: String) throws -> (PlanStore, ScenarioIndex, County, Kind) {
        let store = try office.openExisting()
        let (index, _) = try office.scenario(store)
        guard let county = index.counties[code] else { throw CountyNotFound("county") }
        guard let k = index.kinds[kind], k.category == .training else { throw CountyNotFound("kind") }
        return (store, index, county, k)
    }

    /// The county's people of `kind`, with the class each sits in.
    public static func list(_ office: OfficeStore, county code: String, kind: String) throws -> List {
        let (store, _, county, k) = try place(office, county: code, kind: kind)
        let enrolment = try office.attempt { try store.enrolment(county: code, kind: kind) }
        var seat: [String: String] = [:]
        if let v = try store.latestVersion() {
            for s in v.plan.sessions where s.county == code && s.kind == kind {
                for id in v.plan.assignments?[s.id] ?? [] { seat[id] = s.id }
            }
        }
        let sorted = NameSorter(order: .pinyin).sorted(enrolment.people, name: \.attendee.name, pinyin: \.attendee.pinyin)
        return List(county: county, kind: k, people: sorted.map { p in
            let a = p.attendee
            return Person(key: p.key, name: a.name, gender: a.gender.rawValue, township: a.township, project: a.project,
                          maskedID: ResidentID.masked(a.idNumber), maskedPhone: PhoneMask.masked(a.phone), seatedIn: seat[a.idNumber])
        }, revision: enrolment.revision)
    }

    /// The person at `key`, unmasked, for the edit form.
    public static func editing(_ office: OfficeStore, county code: String, kind: String, key: Int) throws -> Editing {
        let (store, _, county, k) = try place(office, county: code, kind: kind)
        let enrolment = try office.attempt { try store.enrolment(county: code, kind: kind) }
        guard let p = enrolment.people.first(where: { $0.key == key }) else { throw CountyNotFound("person") }
        let a = p.attendee
        return Editing(county: county, kind: k, key: key, form: Form(idNumber: a.idNumber, name: a.name, gender: a.gender.rawValue, phone: a.phone,
                                            township: a.township, project: a.project), revision: enrolment.revision)
    }

    /// Enrols one person from the form.
    public static func add(_ office: OfficeStore, county code: String, kind: String, _ form: Form, revision: String) throws -> StoreEvent {
        let (store, index, _, _) = try place(office, county: code, kind: kind)
        let person = try checked(form, county: code, kind: kind, index)
        return try office.attempt { try store.enrol([person], county: code, kind: kind, revision: revision, by: office.who) }
    }

    /// Corrects the person at `key` (their ID number stays).
    public static func edit(_ office: OfficeStore, county code: String, kind: String, key: Int, _ form: Form, revision: String) throws -> StoreEvent {
        let (store, index, _, _) = try place(office, county: code, kind: kind)
        let enrolment = try office.attempt { try store.enrolment(county: code, kind: kind) }
        guard let old = enrolment.people.first(where: { $0.key == key }) else { throw CountyNotFound("person") }
        var form = form
        form.idNumber = old.attendee.idNumber
        var person = try checked(form, county: code, kind: kind, index)
        person.pinyin = old.attendee.name == person.name ? old.attendee.pinyin : nil
        return try office.attempt { try store.editAttendee(key: key, county: code, kind: kind, to: person, revision: revision, by: office.who) }
    }

    /// Withdraws the person at `key`.
    public static func withdraw(_ office: OfficeStore, county code: String, kind: String, key: Int, revision: String) throws -> StoreEvent {
        let (store, _, _, _) = try place(office, county: code, kind: kind)
        let enrolment = try office.attempt { try store.enrolment(county: code, kind: kind) }
        guard enrolment.people.contains(where: { $0.key == key }) else { throw CountyNotFound("person") }
        return try office.attempt { try store.withdrawAttendee(key: key, county: code, kind: kind, revision: revision, by: office.who) }
    }

    /// What an upload stored.
    public struct Uploaded: Sendable {
        public var added: Int
        public var warnings: [String]
        public var event: StoreEvent
    }

    /// Enrols the people of a file (attendees.csv's columns, CSV or .xlsx
    /// through `TableSource`), `name` being what the clerk called it: every
    /// problem located (file:line: field — what — what to do), rows of
    /// another county or kind refused at their line; any error stores no one.
    public static func upload(_ office: OfficeStore, county code: String, kind: String, file: String, name: String,
                              revision: String) throws -> Uploaded {
        let (store, index, county, k) = try place(office, county: code, kind: kind)
        // Messages name the file as the clerk knows it, not the temporary path.
        return try PrivateFolder.using { folder in
            let named = folder.appendingPathComponent(FileNameText.plain(name))
            try FileManager.default.copyItem(atPath: file, toPath: named.path)
            var warnings: [InputProblem] = []
            let people: [Attendee]
            switch ScenarioReader.readAttendees(file: named, against: index.scenario, warnings: &warnings) {
            case .failure(let all): throw OfficeError(problems: all.problems)
            case .success(let read): people = read
            }
            var ignored: [InputProblem] = []
            let lines = (TableSource.rows(named, name: named.lastPathComponent, problems: &ignored)?.0 ?? []).dropFirst().map(\.line)
            var refused: [InputProblem] = []
            for (i, a) in people.enumerated() {
                let line = people.count == lines.count ? lines[i] : nil
                if a.county != code {
                    let other = index.counties[a.county]?.name ?? a.county
                    refused.append(InputProblem(file: named.lastPathComponent, line: line, field: "所属县区",
                        problem: Bilingual(zh: "这一行是\(other)的学员，本页只收\(county.name)的报名", en: "this row is \(other)'s, this page takes \(county.name)'s only"),
                        remedy: Bilingual(zh: "删去这一行，由\(other)自行报名", en: "delete the row; \(other) enrols its own people")))
                } else if a.kind != kind {
                    let other = index.kinds[a.kind]?.name ?? a.kind
                    refused.append(InputProblem(file: named.lastPathComponent, line: line, field: "课程",
                        problem: Bilingual(zh: "这一行报的是“\(other)”，本页是“\(k.name)”的报名", en: "this row enrols for \(other), this page is \(k.name)'s"),
                        remedy: Bilingual(zh: "把这一行移到“\(other)”页上传的文件里", en: "move the row to a file uploaded on \(other)'s page")))
                }
            }
            guard refused.isEmpty else { throw OfficeError(problems: refused + warnings) }
            guard !people.isEmpty else {
                throw OfficeError(problems: [InputProblem(file: named.lastPathComponent, line: nil, field: "",
                    problem: Bilingual(zh: "文件里没有学员", en: "the file has no attendees"),
                    remedy: Bilingual(zh: "第一行写表头，其后每人一行", en: "a header row, then one row per person"))])
            }
            let event = try office.attempt { try store.enrol(people, county: code, kind: kind, revision: revision, by: office.who) }
            return Uploaded(added: people.count, warnings: warnings.map { $0.message(office.language) }, event: event)
        }
    }

    /// A form checked exactly as a row of attendees.csv is (ID with its
    /// GB 11643 check digit, gender, phone …), its problems located by the
    /// form's field names.
    static func checked(_ form: Form, county: String, kind: String, _ index: ScenarioIndex) throws -> Attendee {
        try PrivateFolder.using { folder in
            let file = folder.appendingPathComponent(formName)
            let text = CSV.render(header: ["身份证号", "姓名", "性别", "联系电话", "所属县区", "乡镇", "课程", "创业项目"],
                                  rows: [[form.idNumber, form.name, form.gender, form.phone, county, form.township, kind, form.project]])
            try Data(text.utf8).write(to: file)
            var warnings: [InputProblem] = []
            switch ScenarioReader.readAttendees(file: file, against: index.scenario, warnings: &warnings) {
            case .failure(let all):
                throw OfficeError(problems: all.problems.map { var p = $0; p.line = nil; return p })
            case .success(let people):
                guard let person = people.first else {
                    throw OfficeError(problems: [InputProblem(file: formName, line: nil, field: "姓名",
                        problem: Bilingual(zh: "表单是空的", en: "the form is empty"),
                        remedy: Bilingual(zh: "填写身份证号、姓名、性别、手机和乡镇", en: "fill in the ID, name, gender, phone and township"))])
                }
                if form.township.trimmingCharacters(in: .whitespaces).isEmpty {
                    throw OfficeError(problems: [InputProblem(file: formName, line: nil, field: "乡镇",
                        problem: Bilingual(zh: "没有填乡镇", en: "the township is empty"),
                        remedy: Bilingual(zh: "填写学员所在的乡镇（街道）", en: "fill in the person's township"))])
                }
                return person
            }
        }
    }
}

/// A file name a clerk gave, made safe to be a file in a private folder.
enum FileNameText {
    static func plain(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let cleaned = String(last.filter { !$0.isNewline && $0 != "\0" }.prefix(120))
        return cleaned.isEmpty || cleaned == "." || cleaned == ".." ? "上传的文件" : cleaned
    }
}
