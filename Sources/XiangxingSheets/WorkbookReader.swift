import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// Why a workbook could not be read. `zh`/`en` say it for a clerk; none of them quotes
/// a cell's value (cells may hold resident IDs).
public enum SheetError: Error, Sendable, Equatable {
    /// not a zip archive at all (an old .xls, a CSV renamed, a damaged download)
    case notAWorkbook
    /// a zip without the part an .xlsx must have
    case missingPart(String)
    /// a part that is not well-formed XML, or says something impossible
    case malformed(part: String, reason: String)
    /// a part that unpacks to more than the reader accepts (a zip bomb, or not a clerk's table)
    case tooLarge(part: String)
    case noSuchSheet(String, available: [String])
    case noSheets

    public var zh: String {
        switch self {
        case .notAWorkbook: return "不是 .xlsx 工作簿（旧版 .xls 或已损坏）——请在 Excel/WPS 中另存为 .xlsx 或 CSV UTF-8"
        case .missingPart(let part): return "工作簿缺少 \(part)，文件不完整——请在 Excel/WPS 中重新保存"
        case .malformed(let part, let reason): return "工作簿的 \(part) 无法解析（\(reason)）——请在 Excel/WPS 中重新保存"
        case .tooLarge(let part): return "工作簿的 \(part) 过大，不像名单——请检查文件"
        case .noSuchSheet(let name, let available): return "没有名为“\(name)”的工作表（有：\(available.joined(separator: "、"))）——请改工作表名"
        case .noSheets: return "工作簿中没有工作表"
        }
    }

    public var en: String {
        switch self {
        case .notAWorkbook: return "not an .xlsx workbook (an old .xls, or damaged) — save it from Excel/WPS as .xlsx or CSV UTF-8"
        case .missingPart(let part): return "the workbook lacks \(part), the file is incomplete — save it again from Excel/WPS"
        case .malformed(let part, let reason): return "the workbook's \(part) cannot be read (\(reason)) — save it again from Excel/WPS"
        case .tooLarge(let part): return "the workbook's \(part) is too large for a list of people — check the file"
        case .noSuchSheet(let name, let available): return "no sheet named \"\(name)\" (there are: \(available.joined(separator: ", "))) — rename the sheet"
        case .noSheets: return "the workbook has no sheets"
        }
    }
}

/// An .xlsx workbook opened for reading: its sheet names in tab order, and each sheet's
/// rows on demand. Reads Office Open XML as Excel, WPS and LibreOffice write it: shared
/// and inline strings, numbers, booleans, errors, formula results, dates by their number
/// format, the 1900 and 1904 date systems.
public struct Workbook: Sendable {
    public let sheetNames: [String]
    public let date1904: Bool
    private let sheetParts: [String]
    private let sharedStrings: [String]
    private let cellFormats: [(id: Int, code: String?)]
    private let url: URL

    /// The most one part may unpack to (a clerk's table is kilobytes).
    public static let maximumPartSize: UInt64 = 128 << 20

    public init(contentsOf url: URL) throws(SheetError) {
        self.url = url
        let archive = try Self.open(url)
        let workbookPart = try Self.officeDocumentPath(archive)
        let workbookXML = try Self.part(archive, workbookPart)
        let workbook = try WorkbookXML.parse(workbookXML, part: workbookPart)
        let relsPart = Self.relsPath(of: workbookPart)
        let rels = try RelationshipsXML.parse(try Self.part(archive, relsPart), part: relsPart)
        var names: [String] = []
        var parts: [String] = []
        for sheet in workbook.sheets {
            guard let target = rels.targets[sheet.relationship] else {
                throw .malformed(part: workbookPart, reason: "sheet \(sheet.name) has no part")
            }
            names.append(sheet.name)
            parts.append(Self.resolve(target, relativeTo: workbookPart))
        }
        sheetNames = names
        sheetParts = parts
        date1904 = workbook.date1904
        if let target = rels.sharedStrings {
            let path = Self.resolve(target, relativeTo: workbookPart)
            sharedStrings = try SharedStringsXML.parse(try Self.part(archive, path), part: path)
        } else {
            sharedStrings = []
        }
        if let target = rels.styles {
            let path = Self.resolve(target, relativeTo: workbookPart)
            cellFormats = try StylesXML.parse(try Self.part(archive, path), part: path)
        } else {
            cellFormats = []
        }
    }

    /// The sheet of that name, compared after trimming spaces (tab names are typed by hand).
    public func sheet(named name: String) throws(SheetError) -> Sheet {
        let wanted = name.trimmingSpaces()
        guard let index = sheetNames.firstIndex(where: { $0.trimmingSpaces() == wanted }) else {
            throw .noSuchSheet(name, available: sheetNames)
        }
        return try sheet(at: index)
    }

    /// The first sheet in tab order.
    public func firstSheet() throws(SheetError) -> Sheet {
        guard !sheetNames.isEmpty else { throw .noSheets }
        return try sheet(at: 0)
    }

    /// The first sheet whose name is one of `names` (in the order given), else the first sheet.
    public func sheet(preferring names: [String]) throws(SheetError) -> Sheet {
        for name in names {
            if let index = sheetNames.firstIndex(where: { $0.trimmingSpaces().lowercased() == name.lowercased() }) {
                return try sheet(at: index)
            }
        }
        return try firstSheet()
    }

    public func sheet(at index: Int) throws(SheetError) -> Sheet {
        let archive = try Self.open(url)
        let path = sheetParts[index]
        let data = try Self.part(archive, path)
        let rows = try WorksheetXML.parse(
            data, part: path, sharedStrings: sharedStrings, cellFormats: cellFormats, date1904: date1904)
        return Sheet(name: sheetNames[index], rows: rows)
    }

    // MARK: the package

    private static func open(_ url: URL) throws(SheetError) -> Archive {
        do {
            return try Archive(url: url, accessMode: .read)
        } catch {
            throw .notAWorkbook
        }
    }

    private static func part(_ archive: Archive, _ path: String) throws(SheetError) -> Data {
        guard let entry = archive[path] else { throw .missingPart(path) }
        guard entry.uncompressedSize <= maximumPartSize else { throw .tooLarge(part: path) }
        var data = Data()
        do {
            _ = try archive.extract(entry) { chunk in
                data.append(chunk)
                if UInt64(data.count) > maximumPartSize { throw CocoaError(.fileReadTooLarge) }
            }
        } catch {
            if UInt64(data.count) > maximumPartSize { throw .tooLarge(part: path) }
            throw .malformed(part: path, reason: "damaged zip entry")
        }
        return data
    }

    private static func officeDocumentPath(_ archive: Archive) throws(SheetError) -> String {
        if let rootRels = archive["_rels/.rels"] {
            _ = rootRels
            let rels = try RelationshipsXML.parse(try part(archive, "_rels/.rels"), part: "_rels/.rels")
            if let target = rels.officeDocument { return resolve(target, relativeTo: "") }
        }
        guard archive["xl/workbook.xml"] != nil else {
            throw .missingPart("xl/workbook.xml")
        }
        return "xl/workbook.xml"
    }

    static func relsPath(of part: String) -> String {
        var components = part.split(separator: "/").map(String.init)
        let file = components.popLast() ?? part
        return (components + ["_rels", file + ".rels"]).joined(separator: "/")
    }

    /// A relationship target relative to the folder of the part that names it; `/x` is from the package root.
    static func resolve(_ target: String, relativeTo part: String) -> String {
        var stack: [String]
        if target.hasPrefix("/") {
            stack = []
        } else {
            stack = part.split(separator: "/").map(String.init)
            if !stack.isEmpty { stack.removeLast() }
        }
        for component in target.split(separator: "/") {
            switch component {
            case ".": continue
            case "..": if !stack.isEmpty { stack.removeLast() }
            default: stack.append(String(component))
            }
        }
        return stack.joined(separator: "/")
    }
}

// MARK: - the XML parts

/// Drives XMLParser with local names (a prefix such as `x:` dropped), as writers differ in prefixes.
class PartParser: NSObject, XMLParserDelegate {
    var failure: String?
    private(set) var path: [String] = []
    var text = ""
    var collecting = false

    func start(_ name: String, _ attributes: [String: String]) {}
    func end(_ name: String) {}

    static func local(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }

    func run(_ data: Data, part: String) throws(SheetError) {
        let parser = XMLParser(data: data)
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        let ok = parser.parse()
        if let failure { throw .malformed(part: part, reason: failure) }
        if !ok { throw .malformed(part: part, reason: "not well-formed XML") }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        let name = Self.local(elementName)
        path.append(name)
        start(name, attributeDict)
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        let name = Self.local(elementName)
        end(name)
        if !path.isEmpty { path.removeLast() }
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if collecting { text += string }
    }

    static func attribute(_ attributes: [String: String], _ localName: String) -> String? {
        if let value = attributes[localName] { return value }
        return attributes.first { local($0.key) == localName }?.value
    }
}

struct WorkbookXML {
    struct SheetEntry { var name: String; var relationship: String }
    var sheets: [SheetEntry] = []
    var date1904 = false

    static func parse(_ data: Data, part: String) throws(SheetError) -> WorkbookXML {
        final class P: PartParser {
            var result = WorkbookXML()
            override func start(_ name: String, _ a: [String: String]) {
                switch name {
                case "sheet":
                    guard let sheetName = a["name"], let id = a["r:id"] ?? Self.attribute(a, "id") else {
                        failure = "a sheet without name or id"; return
                    }
                    result.sheets.append(.init(name: sheetName, relationship: id))
                case "workbookPr":
                    let v = a["date1904"]?.lowercased()
                    result.date1904 = v == "1" || v == "true"
                default: break
                }
            }
        }
        let p = P()
        try p.run(data, part: part)
        return p.result
    }
}

struct RelationshipsXML {
    var targets: [String: String] = [:]
    var officeDocument: String?
    var sharedStrings: String?
    var styles: String?

    static func parse(_ data: Data, part: String) throws(SheetError) -> RelationshipsXML {
        final class P: PartParser {
            var result = RelationshipsXML()
            override func start(_ name: String, _ a: [String: String]) {
                guard name == "Relationship", let id = a["Id"], let target = a["Target"] else { return }
                if a["TargetMode"] == "External" { return }
                result.targets[id] = target
                let type = a["Type"] ?? ""
                if type.hasSuffix("/officeDocument") { result.officeDocument = target }
                if type.hasSuffix("/sharedStrings") { result.sharedStrings = target }
                if type.hasSuffix("/styles") { result.styles = target }
            }
        }
        let p = P()
        try p.run(data, part: part)
        return p.result
    }
}

struct SharedStringsXML {
    /// Each `<si>`'s text: its `<t>`, or its runs' `<r><t>` joined; phonetic guides (`<rPh>`) left out.
    static func parse(_ data: Data, part: String) throws(SheetError) -> [String] {
        final class P: PartParser {
            var strings: [String] = []
            var current = ""
            var inPhonetic = false
            override func start(_ name: String, _ a: [String: String]) {
                switch name {
                case "si": current = ""
                case "rPh": inPhonetic = true
                case "t" where !inPhonetic: collecting = true; text = ""
                default: break
                }
            }
            override func end(_ name: String) {
                switch name {
                case "t" where collecting: current += text; collecting = false
                case "rPh": inPhonetic = false
                case "si": strings.append(current)
                default: break
                }
            }
        }
        let p = P()
        try p.run(data, part: part)
        return p.strings
    }
}

struct StylesXML {
    /// `cellXfs` in order: each cell style's number format id and code.
    static func parse(_ data: Data, part: String) throws(SheetError) -> [(id: Int, code: String?)] {
        final class P: PartParser {
            var codes: [Int: String] = [:]
            var xfIDs: [Int] = []
            var inCellXfs = false
            override func start(_ name: String, _ a: [String: String]) {
                switch name {
                case "numFmt":
                    if let id = a["numFmtId"].flatMap(Int.init), let code = a["formatCode"] { codes[id] = code }
                case "cellXfs": inCellXfs = true
                case "xf" where inCellXfs: xfIDs.append(a["numFmtId"].flatMap(Int.init) ?? 0)
                default: break
                }
            }
            override func end(_ name: String) {
                if name == "cellXfs" { inCellXfs = false }
            }
        }
        let p = P()
        try p.run(data, part: part)
        return p.xfIDs.map { id in (id: id, code: p.codes[id] ?? StylesXML.builtinCode(id)) }
    }

    /// The codes of the built-in formats a reader needs to show: General, text, and the
    /// common numbers; the built-in date ids are recognised by id (`ExcelDate.isDateFormat`).
    static func builtinCode(_ id: Int) -> String? {
        switch id {
        case 0: return "General"
        case 1: return "0"
        case 2: return "0.00"
        case 3: return "#,##0"
        case 4: return "#,##0.00"
        case 9: return "0%"
        case 10: return "0.00%"
        case 11: return "0.00E+00"
        case 14: return "yyyy-mm-dd"
        case 49: return "@"
        default: return nil
        }
    }
}

struct WorksheetXML {
    static func parse(_ data: Data, part: String, sharedStrings: [String],
                      cellFormats: [(id: Int, code: String?)], date1904: Bool) throws(SheetError) -> [SheetRow] {
        final class P: PartParser {
            let shared: [String]
            let formats: [(id: Int, code: String?)]
            let date1904: Bool
            var rows: [SheetRow] = []
            var rowNumber = 0
            var cells: [SheetCell] = []
            var column = 0
            var type = "n"
            var style = 0
            var value: String?
            var inline = ""
            var inInline = false
            var inPhonetic = false

            init(shared: [String], formats: [(id: Int, code: String?)], date1904: Bool) {
                self.shared = shared
                self.formats = formats
                self.date1904 = date1904
            }

            override func start(_ name: String, _ a: [String: String]) {
                switch name {
                case "row":
                    if let r = a["r"].flatMap(Int.init) {
                        guard r > rowNumber else { failure = "rows out of order at row \(r)"; return }
                        rowNumber = r
                    } else {
                        rowNumber += 1
                    }
                    cells = []
                    column = 0
                case "c":
                    if let ref = a["r"] {
                        guard let c = Self.column(of: ref), c > column else {
                            failure = "a cell reference out of order in row \(rowNumber)"; return
                        }
                        column = c
                    } else {
                        column += 1
                    }
                    type = a["t"] ?? "n"
                    style = a["s"].flatMap(Int.init) ?? 0
                    value = nil
                    inline = ""
                case "v": collecting = true; text = ""
                case "is": inInline = true
                case "rPh": inPhonetic = true
                case "t" where inInline && !inPhonetic: collecting = true; text = ""
                default: break
                }
            }

            override func end(_ name: String) {
                switch name {
                case "v": value = text; collecting = false
                case "t" where inInline && collecting: inline += text; collecting = false
                case "rPh": inPhonetic = false
                case "is": inInline = false
                case "c": finishCell()
                case "row":
                    if !cells.isEmpty { rows.append(SheetRow(number: rowNumber, cells: cells)) }
                default: break
                }
            }

            func finishCell() {
                let format = style < formats.count ? formats[style] : (id: 0, code: "General")
                let code = format.code
                switch type {
                case "s":
                    guard let v = value, let index = Int(v), index >= 0, index < shared.count else {
                        if value != nil { failure = "a shared string index out of range in row \(rowNumber)" }
                        return
                    }
                    add(.text, raw: shared[index], code: code, text: shared[index])
                case "inlineStr":
                    add(.text, raw: inline, code: code, text: inline)
                case "str":
                    guard let v = value else { return }
                    add(.text, raw: v, code: code, text: v)
                case "b":
                    guard let v = value else { return }
                    add(.boolean, raw: v, code: code, text: v == "1" || v.lowercased() == "true" ? "TRUE" : "FALSE")
                case "e":
                    guard let v = value else { return }
                    add(.error, raw: v, code: code, text: v)
                case "d":
                    // an ISO 8601 date stored as text (Strict OOXML); keep its date part
                    guard let v = value else { return }
                    add(.date, raw: v, code: code, text: String(v.prefix(10)))
                default:
                    guard let v = value?.trimmingSpaces(), !v.isEmpty else { return }
                    if ExcelDate.isDateFormat(id: format.id, code: code) {
                        guard let serial = Double(v) else {
                            add(.number, raw: v, code: code, text: v); return
                        }
                        switch ExcelDate.isoDate(serial: serial, date1904: date1904) {
                        case .success(let iso): add(.date, raw: v, code: code, text: iso)
                        case .failure(let problem): add(.date, raw: v, code: code, text: "", problem: problem)
                        }
                    } else {
                        let shown = SheetNumber.exactInteger(v).map { String($0) } ?? v
                        add(.number, raw: v, code: code, text: shown)
                    }
                }
            }

            func add(_ kind: SheetCell.Kind, raw: String, code: String?, text: String, problem: ExcelDate.DateProblem? = nil) {
                cells.append(SheetCell(column: column, kind: kind, raw: raw, formatCode: code, text: text, problem: problem))
            }

            /// `C12` → 3.
            static func column(of ref: String) -> Int? {
                var n = 0
                var sawLetter = false
                for ch in ref.uppercased() {
                    guard let ascii = ch.asciiValue else { return nil }
                    if ascii >= 65 && ascii <= 90 {
                        n = n * 26 + Int(ascii - 64)
                        sawLetter = true
                        if n > 16_384 { return nil }
                    } else {
                        break
                    }
                }
                return sawLetter ? n : nil
            }
        }
        let p = P(shared: sharedStrings, formats: cellFormats, date1904: date1904)
        try p.run(data, part: part)
        return p.rows
    }
}
