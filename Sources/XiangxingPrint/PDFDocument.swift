import CPangoCairo
import Foundation

/// A rectangle on a page, in PDF points (1/72 inch), origin top left.
public struct Rect: Hashable, Sendable {
    public var x, y, width, height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
    /// The same rectangle shrunk by `dx` left and right, `dy` top and bottom.
    public func inset(_ dx: Double, _ dy: Double) -> Rect {
        Rect(x: x + dx, y: y + dy, width: max(0, width - 2 * dx), height: max(0, height - 2 * dy))
    }
}

public enum PageOrientation: Sendable {
    case portrait, landscape

    /// A4 (210 × 297 mm) in points, as (width, height).
    public var a4: (width: Double, height: Double) {
        let short = 210 / 25.4 * 72, long = 297 / 25.4 * 72
        return self == .portrait ? (short, long) : (long, short)
    }
}

/// How a piece of text is set: family, absolute size in points, weight,
/// alignment. The family is named explicitly: Pango's fallback would pick
/// a Latin font and draw boxes for Chinese without any error.
public struct TextStyle: Hashable, Sendable {
    public enum Alignment: Sendable { case left, center, right }

    public static let chineseFamily = "Noto Sans CJK SC"

    public var family: String
    public var size: Double
    public var bold: Bool
    public var alignment: Alignment

    public init(size: Double, bold: Bool = false, alignment: Alignment = .left,
                family: String = TextStyle.chineseFamily) {
        self.family = family; self.size = size; self.bold = bold; self.alignment = alignment
    }

    public func sized(_ size: Double) -> TextStyle {
        var s = self; s.size = size; return s
    }
    public func aligned(_ alignment: Alignment) -> TextStyle {
        var s = self; s.alignment = alignment; return s
    }
}

/// Why a PDF could not be made, with what the clerk can do about it.
public struct PrintError: Error, Sendable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        /// Cairo's status text (e.g. "error while writing to output stream").
        case cairo(String)
        /// The font draws no Chinese: install it (Debian: fonts-noto-cjk).
        case fontMissing(family: String)
        /// Renaming the finished file into place failed (errno text).
        case rename(String)
    }
    public let path: String
    public let reason: Reason

    public var description: String {
        switch reason {
        case .cairo(let status):
            return "无法写入 PDF 文件 \(path)：\(status)。请检查文件夹是否存在、是否可写。"
                + " / could not write the PDF \(path): \(status); check that the folder exists and is writable."
        case .fontMissing(let family):
            return "字体 \(family) 不能显示中文，PDF 未生成（\(path)）。请安装 fonts-noto-cjk。"
                + " / the font \(family) has no Chinese glyphs; install fonts-noto-cjk."
        case .rename(let text):
            return "无法把 PDF 保存为 \(path)：\(text) / could not move the finished PDF into place: \(text)"
        }
    }
}

/// One PDF file being drawn with Cairo and Pango. Owns every C pointer
/// (surface, context, layout, font descriptions); nothing outside sees one.
///
/// Cairo writes to a hidden temporary file beside `url`; `finish()` renames
/// it into place only when Cairo reports success, so a failed run never
/// leaves a half-written PDF. Dropping the document unfinished deletes the
/// temporary file.
///
///     let pdf = try PDFDocument(url: out, title: "签到表")
///     pdf.beginPage(.landscape)
///     pdf.text("签到表", in: Rect(x: 36, y: 36, width: 770, height: 30), style: TextStyle(size: 18, bold: true))
///     try pdf.finish()
public final class PDFDocument {
    public let url: URL
    public private(set) var pageCount = 0
    public private(set) var pageSize: (width: Double, height: Double) = PageOrientation.portrait.a4

    private let temporaryURL: URL
    private let surface: OpaquePointer
    private let cr: OpaquePointer
    private let layout: OpaquePointer
    private var fonts: [FontKey: OpaquePointer] = [:]
    private var pageOpen = false
    private var finished = false

    private struct FontKey: Hashable { let family: String; let size: Double; let bold: Bool }

    /// Opens the temporary file and checks that `TextStyle.chineseFamily`
    /// can draw Chinese. The folder of `url` must exist.
    public init(url: URL, title: String? = nil) throws {
        self.url = url
        let dir = url.deletingLastPathComponent()
        temporaryURL = dir.appendingPathComponent(".\(url.lastPathComponent).\(getpid())-\(UUID().uuidString.prefix(8)).tmp")
        let a4 = PageOrientation.portrait.a4
        surface = cairo_pdf_surface_create(temporaryURL.path, a4.width, a4.height)
        cr = cairo_create(surface)
        layout = pango_cairo_create_layout(cr)
        if let title { cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title) }
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Xiangxing 乡行")
        try checkStatus()
        let probe = TextStyle(size: 10)
        configure("签到表", style: probe, width: nil)
        if pango_layout_get_unknown_glyphs_count(layout) > 0 {
            throw PrintError(path: url.path, reason: .fontMissing(family: probe.family))
        }
    }

    deinit {
        for font in fonts.values { pango_font_description_free(font) }
        g_object_unref(UnsafeMutableRawPointer(layout))
        cairo_destroy(cr)
        if !finished { cairo_surface_finish(surface) }
        cairo_surface_destroy(surface)
        if !finished { unlink(temporaryURL.path) }
    }

    // MARK: Pages

    /// Ends the current page (if any) and starts a new A4 one.
    public func beginPage(_ orientation: PageOrientation) {
        if pageOpen { cairo_show_page(cr) }
        pageSize = orientation.a4
        cairo_pdf_surface_set_size(surface, pageSize.width, pageSize.height)
        pageOpen = true
        pageCount += 1
    }

    /// Writes the file: ends the last page, finishes the Cairo surface,
    /// checks its status (a bad path shows only now) and renames the
    /// temporary file to `url`.
    public func finish() throws {
        precondition(!finished, "PDFDocument.finish() called twice")
        if pageOpen { cairo_show_page(cr); pageOpen = false }
        cairo_surface_finish(surface)
        finished = true
        do {
            try checkStatus()
        } catch {
            unlink(temporaryURL.path)
            throw error
        }
        if rename(temporaryURL.path, url.path) != 0 {
            let text = String(cString: strerror(errno))
            unlink(temporaryURL.path)
            throw PrintError(path: url.path, reason: .rename(text))
        }
    }

    private func checkStatus() throws {
        var status = cairo_surface_status(surface)
        if status == CAIRO_STATUS_SUCCESS { status = cairo_status(cr) }
        if status != CAIRO_STATUS_SUCCESS {
            throw PrintError(path: url.path, reason: .cairo(String(cString: cairo_status_to_string(status))))
        }
    }

    // MARK: Text

    /// Height the text takes when wrapped to `width` points.
    public func textHeight(_ text: String, width: Double, style: TextStyle) -> Double {
        configure(text, style: style, width: width)
        return layoutSize().height
    }

    /// Width of the text on one line.
    public func textWidth(_ text: String, style: TextStyle) -> Double {
        configure(text, style: style, width: nil)
        return layoutSize().width
    }

    /// Draws `text` inside `rect`, wrapped to its width and centred
    /// vertically. Text never leaves the rectangle: if it is too tall it
    /// is set smaller, down to `minimumSize`, then cut with an ellipsis.
    /// Returns the size used.
    @discardableResult
    public func text(_ text: String, in rect: Rect, style: TextStyle, minimumSize: Double? = nil,
                     verticallyCentered: Bool = true) -> Double {
        var size = style.size
        let floor = min(minimumSize ?? style.size, style.size)
        configure(text, style: style, width: rect.width)
        var height = layoutSize().height
        while height > rect.height, size - 0.5 >= floor {
            size -= 0.5
            configure(text, style: style.sized(size), width: rect.width)
            height = layoutSize().height
        }
        if height > rect.height {
            pango_layout_set_height(layout, Int32(rect.height * Double(PANGO_SCALE)))
            pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_END)
            height = layoutSize().height
        }
        let top = verticallyCentered ? rect.y + max(0, (rect.height - height) / 2) : rect.y
        cairo_save(cr)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_clip(cr)
        cairo_set_source_rgb(cr, 0, 0, 0)
        cairo_move_to(cr, rect.x, top)
        pango_cairo_show_layout(cr, layout)
        cairo_restore(cr)
        return size
    }

    private func configure(_ text: String, style: TextStyle, width: Double?) {
        pango_layout_set_font_description(layout, font(style))
        pango_layout_set_width(layout, width.map { Int32(max(1, $0) * Double(PANGO_SCALE)) } ?? -1)
        pango_layout_set_height(layout, -1)
        pango_layout_set_ellipsize(layout, PANGO_ELLIPSIZE_NONE)
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_text(layout, text, -1)
    }

    private func layoutSize() -> (width: Double, height: Double) {
        var w: Int32 = 0, h: Int32 = 0
        pango_layout_get_size(layout, &w, &h)
        let scale = Double(PANGO_SCALE)
        return (Double(w) / scale, Double(h) / scale)
    }

    /// Absolute size: in user units (points here), unaffected by Pango's
    /// 96-dpi default that makes `set_size` come out 4/3 too large.
    private func font(_ style: TextStyle) -> OpaquePointer {
        let key = FontKey(family: style.family, size: style.size, bold: style.bold)
        if let font = fonts[key] { return font }
        let font = pango_font_description_new()!
        pango_font_description_set_family(font, style.family)
        pango_font_description_set_absolute_size(font, style.size * Double(PANGO_SCALE))
        pango_font_description_set_weight(font, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        fonts[key] = font
        return font
    }

    // MARK: Lines and boxes

    /// A straight line; `gray` 0 is black.
    public func line(x1: Double, y1: Double, x2: Double, y2: Double, width: Double = 0.5, gray: Double = 0) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, width)
        cairo_move_to(cr, x1, y1)
        cairo_line_to(cr, x2, y2)
        cairo_stroke(cr)
    }

    /// The outline of a rectangle.
    public func stroke(_ rect: Rect, width: Double = 0.5, gray: Double = 0) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_set_line_width(cr, width)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_stroke(cr)
    }

    /// A filled rectangle; `gray` 1 is white.
    public func fill(_ rect: Rect, gray: Double) {
        cairo_set_source_rgb(cr, gray, gray, gray)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    // MARK: Colour (the report's charts)

    /// A filled rectangle in colour.
    public func fill(_ rect: Rect, colour: Colour) {
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        cairo_rectangle(cr, rect.x, rect.y, rect.width, rect.height)
        cairo_fill(cr)
    }

    /// Connected line segments through `points`, solid or dashed
    /// (`dash` = on, off lengths in points).
    public func polyline(_ points: [(x: Double, y: Double)], width: Double, colour: Colour, dash: [Double] = []) {
        guard let first = points.first else { return }
        cairo_save(cr)
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        cairo_set_line_width(cr, width)
        cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND)
        if !dash.isEmpty { cairo_set_dash(cr, dash, Int32(dash.count), 0) }
        cairo_move_to(cr, first.x, first.y)
        for p in points.dropFirst() { cairo_line_to(cr, p.x, p.y) }
        cairo_stroke(cr)
        cairo_restore(cr)
    }

    /// A filled circle (a line chart's data point).
    public func dot(x: Double, y: Double, radius: Double, colour: Colour) {
        cairo_set_source_rgb(cr, colour.red, colour.green, colour.blue)
        cairo_new_sub_path(cr)
        cairo_arc(cr, x, y, radius, 0, 2 * Double.pi)
        cairo_fill(cr)
    }
}

/// An RGB colour, each channel 0…1.
public struct Colour: Hashable, Sendable {
    public var red, green, blue: Double
    public init(red: Double, green: Double, blue: Double) { self.red = red; self.green = green; self.blue = blue }
}
