import Foundation
import XiangxingCore

/// Sign-in sheets (签到表) as one PDF for a county clerk to print in one go.
///
/// One file holds every class given, in order; each class starts on a new
/// page and counts its own pages ("第1页 共2页"), so the sheets of one class
/// can be stapled and filed apart from the others.
///
///     try RosterPDF.write(classesOfTangheCounty, to: URL(fileURLWithPath: "唐河县签到表.pdf"))
public enum RosterPDF {
    /// Draws all sheets and writes the file atomically: on any error
    /// nothing is left at `url` (nor beside it). The folder must exist.
    public static func write(_ inputs: [RosterInput], to url: URL) throws {
        let pdf = try PDFDocument(url: url, title: inputs.first?.title ?? "签到表")
        for input in inputs {
            try RosterSheet(input, measuringWith: pdf).draw(on: pdf)
        }
        try pdf.finish()
    }
}

/// The layout of one class's sign-in sheet on A4 landscape (landscape
/// leaves room for a signature box per class day).
///
/// Page 1 carries the title and the class facts (县区, 课程类别, 期次, 场地,
/// 地址, 日期 with 农历, 讲师); later pages repeat the title with a one-line
/// reminder of the class. Every page repeats the table header and ends with
/// a line for the trainer's and the clerk's signatures and "第N页 共M页".
/// A class of more days than fit side by side (more than
/// `Geometry.maxDaysSideBySide`) is printed in day groups: the whole list
/// again for each group of days.
struct RosterSheet {
    enum Geometry {
        static let orientation = PageOrientation.landscape
        static let marginX = 36.0, marginTop = 24.0, marginBottom = 18.0
        static let titleHeight = 26.0
        static let footerHeight = 20.0
        /// Space above and below the class facts of page 1.
        static let infoGapAbove = 2.0, infoGapBelow = 6.0
        /// The one-line class reminder of later pages.
        static let continuationHeight = 20.0
        static let headerTop = 16.0, headerDates = 28.0
        static let minRow = 23.0, maxRow = 32.0
        /// An empty row for a walk-in: room to write a name and an ID by hand.
        static let blankRow = 26.0
        /// The 实到人数 row under each day group's table.
        static let countRow = 24.0
        /// After the last table: the note (以下空白) and the line for the
        /// unit's stamp (培训单位（盖章）), with room for a 42 mm seal over it.
        static let noteHeight = 18.0, stampHeight = 46.0
        static let cellPadX = 3.0, cellPadY = 3.0
        static let projectMinWidth = 110.0
        static let signatureMaxWidth = 72.0, signatureMinWidth = 44.0
        static var contentWidth: Double { orientation.a4.width - 2 * marginX }
        static var fixedWidth: Double { Column.allCases.reduce(0) { $0 + ($1.width ?? 0) } }
        static var signatureSpace: Double { contentWidth - fixedWidth - projectMinWidth }
        static var maxDaysSideBySide: Int { max(1, Int(signatureSpace / signatureMinWidth)) }
    }

    enum Style {
        static let title = TextStyle(size: 18, bold: true, alignment: .center)
        static let info = TextStyle(size: 10.5)
        static let header = TextStyle(size: 10, bold: true, alignment: .center)
        static let body = TextStyle(size: 10, alignment: .center)
        static let name = TextStyle(size: 10.5, alignment: .center)
        static let footer = TextStyle(size: 9)
        static let minimumSize = 6.5
    }

    /// The fixed columns before the signature boxes; `width` nil is the
    /// one that takes what the signature boxes leave.
    enum Column: CaseIterable {
        case number, name, gender, id, phone, township, project

        var title: String {
            switch self {
            case .number: "序号"
            case .name: "姓名"
            case .gender: "性别"
            case .id: "身份证号"
            case .phone: "联系电话"
            case .township: "乡镇"
            case .project: "创业项目"
            }
        }
        var width: Double? {
            switch self {
            case .number: 30
            case .name: 64
            case .gender: 30
            case .id: 116
            case .phone: 80
            case .township: 70
            case .project: nil
            }
        }
        var style: TextStyle {
            switch self {
            case .name: Style.name
            case .project: Style.body.aligned(.left)
            default: Style.body
            }
        }
        /// Columns whose text may wrap and so set a row's height.
        static let wrapping: [Column] = [.name, .township, .project]
    }

    struct Page {
        /// Index into `dayGroups`.
        let group: Int
        let rows: Range<Int>
        let isFirst: Bool
    }

    let input: RosterInput
    let dayGroups: [[Day]]
    let rowHeights: [Double]
    let infoLines: [[(label: String, span: Int)]]
    let infoHeights: [Double]
    let pages: [Page]

    init(_ input: RosterInput, measuringWith pdf: PDFDocument) throws {
        self.input = input
        dayGroups = Self.groups(input.dates, maxPerGroup: Geometry.maxDaysSideBySide)

        let widths = Self.fixedWidths(days: dayGroups.map(\.count).max() ?? 0)
        rowHeights = input.rows.map { row in
            var tallest = 0.0
            for column in Column.wrapping {
                let width = widths[column]! - 2 * Geometry.cellPadX
                tallest = max(tallest, pdf.textHeight(Self.value(column, row, 0, input) , width: width, style: column.style))
            }
            return min(Geometry.maxRow, max(Geometry.minRow, tallest + 2 * Geometry.cellPadY))
        } + Array(repeating: Geometry.blankRow, count: input.blankRows)

        infoLines = try Self.info(input)
        let quarter = Geometry.contentWidth / 4
        infoHeights = infoLines.map { line in
            line.map { pdf.textHeight($0.label, width: quarter * Double($0.span) - 8, style: Style.info) + 4 }.max() ?? 0
        }

        let pageHeight = Geometry.orientation.a4.height
        let tableBottom = pageHeight - Geometry.marginBottom - Geometry.footerHeight
        let header = Geometry.headerTop + Self.headerDatesHeight(input)
        let firstTop = Geometry.marginTop + Geometry.titleHeight + Geometry.infoGapAbove
            + infoHeights.reduce(0, +) + Geometry.infoGapBelow + header
        let laterTop = Geometry.marginTop + Geometry.titleHeight + Geometry.continuationHeight + header
        var pages: [Page] = []
        for group in dayGroups.indices {
            var start = 0
            repeat {
                let isFirst = pages.isEmpty
                let room = tableBottom - (isFirst ? firstTop : laterTop)
                var end = start, used = 0.0
                while end < rowHeights.count, used + rowHeights[end] <= room || end == start {
                    used += rowHeights[end]; end += 1
                }
                // The group's last page carries the 实到人数 row, the last
                // page also the note and the stamp line: move rows on if
                // they do not fit.
                let trailer = Geometry.countRow
                    + (group == dayGroups.count - 1 ? Geometry.noteHeight + Geometry.stampHeight : 0)
                while end == rowHeights.count, end - start > 1, used + trailer > room {
                    end -= 1; used -= rowHeights[end]
                }
                pages.append(Page(group: group, rows: start..<end, isFirst: isFirst))
                start = end
            } while start < rowHeights.count
        }
        self.pages = pages
    }

    /// Splits class days into groups of nearly equal size.
    static func groups(_ dates: [Day], maxPerGroup: Int) -> [[Day]] {
        guard dates.count > maxPerGroup else { return [dates] }
        let count = (dates.count + maxPerGroup - 1) / maxPerGroup
        let size = (dates.count + count - 1) / count
        return stride(from: 0, to: dates.count, by: size).map { Array(dates[$0..<min($0 + size, dates.count)]) }
    }

    /// Column widths for `days` signature boxes. Rows are measured with the
    /// largest day group (the narrowest 创业项目 column), so they fit every group.
    static func fixedWidths(days: Int) -> [Column: Double] {
        var widths: [Column: Double] = [:]
        for column in Column.allCases { widths[column] = column.width }
        let signature = signatureWidth(days: days)
        widths[.project] = Geometry.contentWidth - Geometry.fixedWidth - signature * Double(days)
        return widths
    }

    static func signatureWidth(days: Int) -> Double {
        days == 0 ? 0 : min(Geometry.signatureMaxWidth, Geometry.signatureSpace / Double(days))
    }

    /// The date row of the table header: taller when a day needs "调休上班".
    static func headerDatesHeight(_ input: RosterInput) -> Double {
        input.adjustedWorkdays.isEmpty ? Geometry.headerDates : Geometry.headerDates + 11
    }

    static func value(_ column: Column, _ row: RosterRow?, _ index: Int, _ input: RosterInput) -> String {
        guard let row else { return column == .number ? String(index + 1) : "" }
        return switch column {
        case .number: String(index + 1)
        case .name: row.name
        case .gender: row.gender
        case .id: row.printedID(unmasked: input.unmasked)
        case .phone: row.printedPhone(unmasked: input.unmasked)
        case .township: row.township
        case .project: row.project
        }
    }

    /// The class facts of page 1, in a grid of four equal columns.
    static func info(_ input: RosterInput) throws -> [[(label: String, span: Int)]] {
        var dates = try RosterText.period(input.dates)
        if let first = input.dates.first { dates += "（\(try RosterText.lunar(first))）" }
        let adjusted = try RosterText.adjustedNote(Array(input.adjustedWorkdays))
        if !adjusted.isEmpty { dates += "；" + adjusted }
        let trainers = input.trainerNames.joined(separator: "、")
        return [
            [("县（市、区）：\(input.countyName)", 1), ("课程类别：\(input.kindName)", 1),
             ("期次：第\(input.classNumber)期（\(input.sessionID)）", 1), ("应到人数：\(input.rows.count)人", 1)],
            [("培训场地：\(input.venueName)", 1), ("地址：\(input.venueAddress)", 3)],
            [("培训日期：\(dates)", 3), ("授课讲师：\(trainers)", 1)],
        ]
    }

    // MARK: Drawing

    func draw(on pdf: PDFDocument) throws {
        for (number, page) in pages.enumerated() {
            pdf.beginPage(Geometry.orientation)
            var y = Geometry.marginTop
            let x = Geometry.marginX, width = Geometry.contentWidth
            if let printed = input.printed {
                // Top right, above the title: which plan, printed when.
                pdf.text(printed.line, in: Rect(x: x, y: Geometry.marginTop - 15, width: width, height: 13),
                         style: Style.footer.aligned(.right), minimumSize: Style.minimumSize)
            }
            pdf.text(input.title, in: Rect(x: x, y: y, width: width, height: Geometry.titleHeight),
                     style: Style.title, minimumSize: 12)
            y += Geometry.titleHeight
            if page.isFirst {
                y = drawInfo(on: pdf, top: y + Geometry.infoGapAbove) + Geometry.infoGapBelow
            } else {
                pdf.text(continuation(group: page.group),
                         in: Rect(x: x, y: y, width: width, height: Geometry.continuationHeight - 2),
                         style: Style.info.aligned(.center), minimumSize: Style.minimumSize)
                y += Geometry.continuationHeight
            }
            y = try drawHeader(on: pdf, top: y, group: page.group)
            y = drawRows(on: pdf, top: y, page: page)
            drawFooter(on: pdf, page: number + 1, of: pages.count)
        }
    }

    private func continuation(group: Int) -> String {
        var text = "\(input.countyName)　\(input.kindName)　第\(input.classNumber)期（\(input.sessionID)）"
        if dayGroups.count > 1 { text += "　" + groupLabel(group) }
        return text + "　（续表）"
    }

    private func groupLabel(_ group: Int) -> String {
        let before = dayGroups[..<group].reduce(0) { $0 + $1.count }
        return "第\(before + 1)–\(before + dayGroups[group].count)天"
    }

    private func drawInfo(on pdf: PDFDocument, top: Double) -> Double {
        let quarter = Geometry.contentWidth / 4
        var y = top
        for (line, height) in zip(infoLines, infoHeights) {
            var x = Geometry.marginX
            for cell in line {
                let width = quarter * Double(cell.span)
                pdf.text(cell.label, in: Rect(x: x, y: y, width: width - 8, height: height), style: Style.info,
                         minimumSize: Style.minimumSize)
                x += width
            }
            y += height
        }
        return y
    }

    /// Two header rows: the fixed columns span both; the signature boxes
    /// share "学员签到（本人签名）" above one date each.
    private func drawHeader(on pdf: PDFDocument, top: Double, group: Int) throws -> Double {
        let days = dayGroups[group]
        let widths = Self.fixedWidths(days: days.count)
        let datesHeight = Self.headerDatesHeight(input)
        let height = Geometry.headerTop + datesHeight
        var x = Geometry.marginX
        pdf.fill(Rect(x: x, y: top, width: Geometry.contentWidth, height: height), gray: 0.9)
        for column in Column.allCases {
            let cell = Rect(x: x, y: top, width: widths[column]!, height: height)
            pdf.stroke(cell)
            pdf.text(column.title, in: cell.inset(2, 2), style: Style.header, minimumSize: Style.minimumSize)
            x += cell.width
        }
        guard !days.isEmpty else { return top + height }
        let signature = Self.signatureWidth(days: days.count)
        let span = Rect(x: x, y: top, width: signature * Double(days.count), height: Geometry.headerTop)
        pdf.stroke(span)
        var label = "学员签到（本人签名）"
        if dayGroups.count > 1 { label += " " + groupLabel(group) }
        pdf.text(label, in: span.inset(2, 1), style: Style.header, minimumSize: Style.minimumSize)
        for day in days {
            let cell = Rect(x: x, y: top + Geometry.headerTop, width: signature, height: datesHeight)
            pdf.stroke(cell)
            let heading = try RosterText.columnHeading(day)
            let adjusted = input.adjustedWorkdays.contains(day) ? "\n调休上班" : ""
            pdf.text("\(heading.date)\n\(heading.weekday)\(adjusted)", in: cell.inset(2, 1),
                     style: Style.header.sized(9), minimumSize: Style.minimumSize)
            x += signature
        }
        return top + height
    }

    private func drawRows(on pdf: PDFDocument, top: Double, page: Page) -> Double {
        let days = dayGroups[page.group].count
        let widths = Self.fixedWidths(days: days)
        let signature = Self.signatureWidth(days: days)
        var y = top
        for index in page.rows {
            let row = index < input.rows.count ? input.rows[index] : nil, height = rowHeights[index]
            var x = Geometry.marginX
            for column in Column.allCases {
                let cell = Rect(x: x, y: y, width: widths[column]!, height: height)
                pdf.stroke(cell)
                pdf.text(Self.value(column, row, index, input), in: cell.inset(Geometry.cellPadX, Geometry.cellPadY),
                         style: column.style, minimumSize: Style.minimumSize)
                x += cell.width
            }
            for _ in 0..<days {
                pdf.stroke(Rect(x: x, y: y, width: signature, height: height))
                x += signature
            }
            y += height
        }
        let endsGroup = page.rows.upperBound == rowHeights.count
        if endsGroup {
            // 实到人数: the clerk's count of each day's signatures.
            let label = widths.values.reduce(0, +)
            let cell = Rect(x: Geometry.marginX, y: y, width: label, height: Geometry.countRow)
            pdf.fill(cell, gray: 0.96)
            pdf.stroke(cell)
            pdf.text("实到人数（人）", in: cell.inset(Geometry.cellPadX, Geometry.cellPadY), style: Style.header.aligned(.right),
                     minimumSize: Style.minimumSize)
            var x = Geometry.marginX + label
            for _ in 0..<days {
                pdf.stroke(Rect(x: x, y: y, width: signature, height: Geometry.countRow))
                x += signature
            }
            y += Geometry.countRow
        }
        let tableTop = top - Geometry.headerTop - Self.headerDatesHeight(input)
        pdf.stroke(Rect(x: Geometry.marginX, y: tableTop, width: Geometry.contentWidth, height: y - tableTop), width: 1.2)
        if endsGroup, page.group == dayGroups.count - 1 {
            // 以下空白: nothing may be added below the last line.
            var note = "（以下空白）　注：学员须本人签名，不得代签。"
            if input.blankRows > 0 { note += "空白行供现场报名学员填写。" }
            if !input.unmasked { note += "身份证号、联系电话已隐去部分数字。" }
            pdf.text(note, in: Rect(x: Geometry.marginX, y: y + 3, width: Geometry.contentWidth, height: 15),
                     style: Style.footer, minimumSize: Style.minimumSize)
            y += Geometry.noteHeight
            let half = Geometry.contentWidth / 2
            pdf.text("培训单位（盖章）：", in: Rect(x: Geometry.marginX + half, y: y + 8, width: half / 2, height: 16),
                     style: Style.info)
            pdf.text("年　　月　　日", in: Rect(x: Geometry.marginX + half, y: y + 28, width: half - 20, height: 16),
                     style: Style.info.aligned(.right))
            y += Geometry.stampHeight
        }
        return y
    }

    private func drawFooter(on pdf: PDFDocument, page: Int, of count: Int) {
        let y = Geometry.orientation.a4.height - Geometry.marginBottom - 16
        let third = Geometry.contentWidth / 3
        let x = Geometry.marginX
        pdf.text("授课讲师签字：　　　　　　　　经办人签字：", in: Rect(x: x, y: y, width: third, height: 16),
                 style: Style.footer, minimumSize: Style.minimumSize)
        pdf.text("第\(page)页 共\(count)页", in: Rect(x: x + third, y: y, width: third, height: 16),
                 style: Style.footer.aligned(.center))
        pdf.text("\(input.countyName) 第\(input.classNumber)期 \(input.sessionID)", in: Rect(x: x + 2 * third, y: y, width: third, height: 16),
                 style: Style.footer.aligned(.right), minimumSize: Style.minimumSize)
    }
}
