import Foundation
import XiangxingCore
import XiangxingICU

/// Tour sheets (创业讲师乡村行 行程单) as one PDF per tour: each team
/// starts on a new page and counts its own pages, so a team can be handed
/// its own sheets.
///
///     try TourSheetPDF.write(teamsOfSeptember, to: URL(fileURLWithPath: "行程单-XCX-2019-09.pdf"))
public enum TourSheetPDF {
    /// Draws every team's sheet and writes the file atomically (nothing is
    /// left at `url` on error). The folder must exist.
    public static func write(_ inputs: [TourSheetInput], to url: URL) throws {
        let pdf = try PDFDocument(url: url, title: inputs.first.map { "\($0.tourName) 行程单" } ?? "行程单")
        for input in inputs {
            try TourSheet(input, measuringWith: pdf).draw(on: pdf)
        }
        try pdf.finish()
    }
}

/// The layout of one team's tour sheet on A4 portrait: title and the
/// team's period; 一、小组成员 (name, home county, phone, own road km);
/// 二、行程安排, one row per stop in date order (日期 with weekday, 县区,
/// 场地及地址, 帮扶人次, road from the previous stop) with a 合计 row;
/// 三、接待单位签章, one box per stop large enough for a 42 mm county seal;
/// notes; the team leader's signature. Every page's footer names the plan
/// version and the print date.
/// A sheet that runs over a page repeats the title (续) and the table header.
struct TourSheet {
    enum Geometry {
        static let page = PageOrientation.portrait.a4
        static let marginX = 50.0, marginTop = 46.0, marginBottom = 40.0
        static let titleHeight = 30.0, subtitleHeight = 20.0
        static let sectionHeight = 24.0
        static let headerHeight = 28.0
        static let minRow = 26.0
        static let padX = 4.0, padY = 4.0
        static let footerHeight = 16.0
        static var contentWidth: Double { page.width - 2 * marginX }
        /// 接待单位签章: boxes side by side, each with a label line over a
        /// free square that takes a 42 mm (119 pt) county seal with room.
        static let stampsPerRow = 3
        static let stampLabel = 16.0, stampSide = 134.0
        static var stampRow: Double { stampLabel + stampSide }
        static var bottom: Double { page.height - marginBottom - footerHeight - 6 }
    }

    enum Style {
        static let title = TextStyle(size: 17, bold: true, alignment: .center)
        static let subtitle = TextStyle(size: 10.5, alignment: .center)
        static let section = TextStyle(size: 11.5, bold: true)
        static let header = TextStyle(size: 9.5, bold: true, alignment: .center)
        static let cell = TextStyle(size: 9.5, alignment: .center)
        static let cellLeft = TextStyle(size: 9.5)
        static let small = TextStyle(size: 8.5, alignment: .center)
        static let note = TextStyle(size: 8.5)
        static let signature = TextStyle(size: 10.5)
        static let footer = TextStyle(size: 8.5)
        static let minimumSize = 6.5
    }

    /// A table's columns: title and width in points (widths add up to the
    /// content width).
    struct Column {
        let title: String
        let width: Double
    }

    static let memberColumns: [Column] = [
        Column(title: "序号", width: 34), Column(title: "姓名", width: 90), Column(title: "所在县区", width: 130),
        Column(title: "联系电话", width: 120), Column(title: "本人行程（公里）", width: Geometry.contentWidth - 374),
    ]
    static let stopColumns: [Column] = [
        Column(title: "序号", width: 28), Column(title: "日期", width: 86), Column(title: "县区", width: 62),
        Column(title: "场地及地址", width: Geometry.contentWidth - 288), Column(title: "帮扶人次", width: 50),
        Column(title: "距上一站", width: 62),
    ]

    /// What goes down a page, top to bottom.
    enum Block {
        case title, continuedTitle, subtitle
        case section(String)
        case memberHeader, member(Int)
        case stopHeader, stop(Int), totals
        /// One row of 接待单位签章 boxes: stops `first..<first + stampsPerRow`.
        case stamps(Int)
        case notes, signature
    }

    let input: TourSheetInput
    let subtitle: String
    let notes: String
    let stopDates: [String]
    let memberHeights: [Double]
    let stopHeights: [Double]
    let notesHeight: Double
    let pages: [[Block]]

    init(_ input: TourSheetInput, measuringWith pdf: PDFDocument) throws {
        self.input = input
        let dates = input.dates
        if dates.isEmpty {
            subtitle = "本组在计划中没有站点"
        } else {
            subtitle = "行程：\(try RosterText.period(dates))，\(input.stops.count)站"
        }
        notes = """
            注：1. 路程为两县区驻地之间的道路里程和车程（有实测数据的按实测，其余按直线距离估算），仅供安排车辆参考。
            2. 每站结束后请接待县区人社部门在“三、接待单位签章”对应方框内签字盖章，本表交市就业促进办公室存档。
            3. “本人行程”为讲师从所在县区出发、依次到各站、返回所在县区的道路里程。
            """
        stopDates = try input.stops.map { stop in
            try stop.dates.map { d in try ChineseDateFormat.short(year: d.year, month: d.month, day: d.dayOfMonth) }
                .joined(separator: "\n")
        }
        memberHeights = input.members.map { _ in Geometry.minRow - 4 }
        var heights: [Double] = []
        for (i, stop) in input.stops.enumerated() {
            let place = Self.stopColumns[3].width - 2 * Geometry.padX
            let venue = pdf.textHeight(stop.venueName, width: place, style: Style.cellLeft)
                + pdf.textHeight(stop.venueAddress, width: place, style: Style.note)
            let date = pdf.textHeight(stopDates[i], width: Self.stopColumns[1].width - 2 * Geometry.padX, style: Style.cell)
            let county = pdf.textHeight(stop.countyName, width: Self.stopColumns[2].width - 2 * Geometry.padX, style: Style.cell)
            heights.append(max(Geometry.minRow, max(venue, date, county) + 2 * Geometry.padY + 2))
        }
        stopHeights = heights
        notesHeight = pdf.textHeight(notes, width: Geometry.contentWidth, style: Style.note) + 8

        // Paginate: a block that does not fit starts a new page, which opens
        // with the title (续) and, inside a table, the table's header again.
        var blocks: [Block] = [.title, .subtitle, .section("一、小组成员"), .memberHeader]
        blocks += input.members.indices.map { .member($0) }
        blocks += [.section("二、行程安排"), .stopHeader]
        blocks += input.stops.indices.map { .stop($0) }
        blocks += [.totals, .section("三、接待单位签章")]
        blocks += stride(from: 0, to: input.stops.count, by: Geometry.stampsPerRow).map { .stamps($0) }
        blocks += [.notes, .signature]
        var pages: [[Block]] = [[]]
        var y = Geometry.marginTop
        for block in blocks {
            let h = Self.height(block, members: memberHeights, stops: stopHeights, notes: notesHeight)
            if y + h > Geometry.bottom, !pages[pages.count - 1].isEmpty {
                pages.append([.continuedTitle])
                y = Geometry.marginTop + Geometry.titleHeight
                switch block {
                case .member: pages[pages.count - 1].append(.memberHeader); y += Geometry.headerHeight
                case .stop, .totals: pages[pages.count - 1].append(.stopHeader); y += Geometry.headerHeight
                default: break
                }
            }
            pages[pages.count - 1].append(block)
            y += h
        }
        self.pages = pages
    }

    func height(of block: Block) -> Double {
        Self.height(block, members: memberHeights, stops: stopHeights, notes: notesHeight)
    }

    static func height(_ block: Block, members: [Double], stops: [Double], notes: Double) -> Double {
        switch block {
        case .title, .continuedTitle: Geometry.titleHeight
        case .subtitle: Geometry.subtitleHeight
        case .section: Geometry.sectionHeight
        case .memberHeader, .stopHeader: Geometry.headerHeight
        case .member(let i): members[i]
        case .stop(let i): stops[i]
        case .totals: Geometry.minRow
        case .stamps: Geometry.stampRow
        case .notes: notes + 6
        case .signature: 70
        }
    }

    // MARK: Drawing

    func draw(on pdf: PDFDocument) throws {
        for (number, blocks) in pages.enumerated() {
            pdf.beginPage(.portrait)
            var y = Geometry.marginTop
            var tableTop: Double?
            for block in blocks {
                let h = height(of: block)
                switch block {
                case .memberHeader, .stopHeader: tableTop = y
                case .member, .stop, .totals: break
                default:
                    if let top = tableTop { outline(pdf, from: top, to: y); tableTop = nil }
                }
                draw(block, on: pdf, at: y)
                y += h
            }
            if let top = tableTop { outline(pdf, from: top, to: y) }
            drawFooter(on: pdf, page: number + 1, of: pages.count)
        }
    }

    /// The heavier frame around a table.
    private func outline(_ pdf: PDFDocument, from top: Double, to bottom: Double) {
        pdf.stroke(Rect(x: Geometry.marginX, y: top, width: Geometry.contentWidth, height: bottom - top), width: 1.2)
    }

    private func draw(_ block: Block, on pdf: PDFDocument, at y: Double) {
        let x = Geometry.marginX, width = Geometry.contentWidth
        switch block {
        case .title:
            pdf.text(input.title, in: Rect(x: x, y: y, width: width, height: Geometry.titleHeight),
                     style: Style.title, minimumSize: 12)
        case .continuedTitle:
            pdf.text(input.title + "（续）", in: Rect(x: x, y: y, width: width, height: Geometry.titleHeight - 6),
                     style: Style.title.sized(13), minimumSize: 10)
        case .subtitle:
            pdf.text(subtitle, in: Rect(x: x, y: y, width: width, height: Geometry.subtitleHeight),
                     style: Style.subtitle, minimumSize: Style.minimumSize)
        case .section(let text):
            pdf.text(text, in: Rect(x: x, y: y + 6, width: width, height: Geometry.sectionHeight - 6),
                     style: Style.section, minimumSize: Style.minimumSize)
        case .memberHeader:
            header(Self.memberColumns, on: pdf, at: y)
        case .stopHeader:
            header(Self.stopColumns, on: pdf, at: y)
        case .member(let i):
            let m = input.members[i]
            row(Self.memberColumns, on: pdf, at: y, height: memberHeights[i], values: [
                (String(i + 1), Style.cell), (m.name, Style.cell.sized(10.5)), (m.homeCountyName, Style.cell),
                (m.phone, Style.cell), (String(format: "%.0f", m.roundTripKm), Style.cell),
            ])
        case .stop(let i):
            drawStop(i, on: pdf, at: y)
        case .totals:
            drawTotals(on: pdf, at: y)
        case .stamps(let first):
            drawStamps(from: first, on: pdf, at: y)
        case .notes:
            pdf.text(notes, in: Rect(x: x, y: y + 6, width: width, height: notesHeight),
                     style: Style.note, minimumSize: Style.minimumSize, verticallyCentered: false)
        case .signature:
            let half = width / 2
            pdf.text("小组负责人（签字）：", in: Rect(x: x, y: y + 14, width: half, height: 18), style: Style.signature)
            pdf.line(x1: x + 112, y1: y + 31, x2: x + half - 20, y2: y + 31)
            pdf.text("日期：　　　　年　　月　　日", in: Rect(x: x + half, y: y + 14, width: half, height: 18),
                     style: Style.signature.aligned(.right))
            pdf.text("带队单位（盖章）：", in: Rect(x: x, y: y + 44, width: half, height: 18), style: Style.signature)
        }
    }

    private func header(_ columns: [Column], on pdf: PDFDocument, at y: Double) {
        pdf.fill(Rect(x: Geometry.marginX, y: y, width: Geometry.contentWidth, height: Geometry.headerHeight), gray: 0.9)
        var x = Geometry.marginX
        for column in columns {
            let cell = Rect(x: x, y: y, width: column.width, height: Geometry.headerHeight)
            pdf.stroke(cell)
            let style = column.title.contains("\n") ? Style.header.sized(9) : Style.header
            pdf.text(column.title, in: cell.inset(2, 1), style: style, minimumSize: Style.minimumSize)
            x += column.width
        }
    }

    private func row(_ columns: [Column], on pdf: PDFDocument, at y: Double, height: Double,
                     values: [(String, TextStyle)]) {
        var x = Geometry.marginX
        for (column, value) in zip(columns, values) {
            let cell = Rect(x: x, y: y, width: column.width, height: height)
            pdf.stroke(cell)
            pdf.text(value.0, in: cell.inset(Geometry.padX, Geometry.padY), style: value.1, minimumSize: Style.minimumSize)
            x += column.width
        }
    }

    private func drawStop(_ i: Int, on pdf: PDFDocument, at y: Double) {
        let stop = input.stops[i], height = stopHeights[i]
        let road = stop.fromPrevious.map { r in
            r.km < 0.05 ? "同县区" : String(format: "%.0f公里\n约%.0f分钟", r.km, r.minutes)
        } ?? "首站"
        row(Self.stopColumns, on: pdf, at: y, height: height, values: [
            (String(i + 1), Style.cell), (stopDates[i], Style.cell), (stop.countyName, Style.cell),
            ("", Style.cellLeft), (String(stop.mentees), Style.cell), (road, Style.small),
        ])
        // 场地及地址: the venue, then its address in smaller type.
        let place = Rect(x: Geometry.marginX + Self.stopColumns[0..<3].reduce(0) { $0 + $1.width }, y: y,
                         width: Self.stopColumns[3].width, height: height).inset(Geometry.padX, Geometry.padY)
        let venueHeight = pdf.textHeight(stop.venueName, width: place.width, style: Style.cellLeft)
        let addressHeight = stop.venueAddress.isEmpty ? 0 : pdf.textHeight(stop.venueAddress, width: place.width, style: Style.note)
        let top = place.y + max(0, (place.height - venueHeight - addressHeight) / 2)
        pdf.text(stop.venueName, in: Rect(x: place.x, y: top, width: place.width, height: venueHeight),
                 style: Style.cellLeft, minimumSize: Style.minimumSize)
        if addressHeight > 0 {
            pdf.text(stop.venueAddress, in: Rect(x: place.x, y: top + venueHeight, width: place.width, height: addressHeight),
                     style: Style.note, minimumSize: Style.minimumSize)
        }
    }

    /// Boxes for the host units' seals: "第1站 镇平县 9月23日" over an empty square.
    private func drawStamps(from first: Int, on pdf: PDFDocument, at y: Double) {
        let width = Geometry.contentWidth / Double(Geometry.stampsPerRow)
        for (column, i) in (first..<min(first + Geometry.stampsPerRow, input.stops.count)).enumerated() {
            let stop = input.stops[i]
            let x = Geometry.marginX + Double(column) * width
            let label = Rect(x: x, y: y, width: width, height: Geometry.stampLabel)
            pdf.fill(label, gray: 0.9)
            pdf.stroke(label)
            let day = stop.dates.first.map { "\($0.month)月\($0.dayOfMonth)日" } ?? ""
            pdf.text("第\(i + 1)站 \(stop.countyName) \(day)", in: label.inset(2, 1), style: Style.small,
                     minimumSize: Style.minimumSize)
            pdf.stroke(Rect(x: x, y: y + Geometry.stampLabel, width: width, height: Geometry.stampSide))
        }
    }

    private func drawTotals(on pdf: PDFDocument, at y: Double) {
        let height = Geometry.minRow
        let columns = Self.stopColumns
        var x = Geometry.marginX
        let labelWidth = columns[0..<3].reduce(0) { $0 + $1.width }
        pdf.fill(Rect(x: x, y: y, width: Geometry.contentWidth, height: height), gray: 0.96)
        let label = Rect(x: x, y: y, width: labelWidth, height: height)
        pdf.stroke(label)
        pdf.text("合计", in: label.inset(Geometry.padX, Geometry.padY), style: Style.header)
        x += labelWidth
        let values = [
            ("共\(input.stops.count)站，\(input.totalDays)天", Style.cellLeft),
            (String(input.totalMentees), Style.header),
            (String(format: "%.0f公里", input.routeKm), Style.small),
        ]
        for (column, value) in zip(columns[3...], values) {
            let cell = Rect(x: x, y: y, width: column.width, height: height)
            pdf.stroke(cell)
            pdf.text(value.0, in: cell.inset(Geometry.padX, Geometry.padY), style: value.1, minimumSize: Style.minimumSize)
            x += column.width
        }
    }

    private func drawFooter(on pdf: PDFDocument, page: Int, of count: Int) {
        let y = Geometry.page.height - Geometry.marginBottom - Geometry.footerHeight
        // The plan line ("未入库的计划 plan-v1（…）　打印日期 …") is the longest: it gets half the width.
        let quarter = Geometry.contentWidth / 4, x = Geometry.marginX
        pdf.line(x1: x, y1: y - 3, x2: x + Geometry.contentWidth, y2: y - 3, width: 0.4, gray: 0.5)
        pdf.text("\(input.tourID) 第\(input.team)组", in: Rect(x: x, y: y, width: quarter, height: Geometry.footerHeight),
                 style: Style.footer, minimumSize: Style.minimumSize)
        pdf.text("第\(page)页 共\(count)页", in: Rect(x: x + quarter, y: y, width: quarter, height: Geometry.footerHeight),
                 style: Style.footer.aligned(.center))
        pdf.text(input.printed?.line ?? "乡行 Xiangxing", in: Rect(x: x + 2 * quarter, y: y, width: 2 * quarter, height: Geometry.footerHeight),
                 style: Style.footer.aligned(.right), minimumSize: Style.minimumSize)
    }
}
