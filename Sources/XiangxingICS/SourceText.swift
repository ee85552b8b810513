import XiangxingCore

/// The raw text of an iCalendar file, kept beside libical's tree because
/// libical forgets where things were: it is how a problem gets its line number.
///
///     source.line(of: "RRULE", in: source.eventBlock(index: 2, uid: "class-7"))  // 14
struct SourceText {
    /// One unfolded content line (`NAME;PARAM=x:value`) and the physical
    /// line it starts on.
    struct ContentLine {
        let line: Int
        /// Upper-cased property name.
        let name: String
        let value: String
        /// The whole unfolded line, parameters included.
        let text: String
    }

    /// The content lines from one `BEGIN:VEVENT` to its `END:VEVENT`.
    struct Block {
        let beginLine: Int
        let lines: Range<Int>
        let uid: String?
    }

    let contentLines: [ContentLine]
    let eventBlocks: [Block]

    init(_ text: String) {
        var lines: [ContentLine] = []
        var pending: (line: Int, text: String)?
        func flush() {
            guard let p = pending else { return }
            lines.append(SourceText.split(p.text, line: p.line))
            pending = nil
        }
        var number = 0
        // Split on "\n" scalars: Swift treats "\r\n" as one Character.
        for raw in text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false) {
            number += 1
            var physical = Substring(String(String.UnicodeScalarView(raw)))
            if physical.hasSuffix("\r") { physical = physical.dropLast() }
            if number == 1, physical.first == "\u{FEFF}" { physical = physical.dropFirst() }
            if let first = physical.first, first == " " || first == "\t", pending != nil {
                pending!.text += physical.dropFirst()
            } else {
                flush()
                if !physical.isEmpty { pending = (number, String(physical)) }
            }
        }
        flush()
        contentLines = lines

        var blocks: [Block] = []
        var open: (begin: Int, index: Int, uid: String?)?
        for (i, l) in lines.enumerated() {
            if l.name == "BEGIN", l.value.uppercased() == "VEVENT" {
                open = (l.line, i, nil)
            } else if l.name == "UID", open != nil, open!.uid == nil {
                open!.uid = l.value
            } else if l.name == "END", l.value.uppercased() == "VEVENT", let o = open {
                blocks.append(Block(beginLine: o.begin, lines: o.index..<(i + 1), uid: o.uid))
                open = nil
            }
        }
        eventBlocks = blocks
    }

    private static func split(_ text: String, line: Int) -> ContentLine {
        var name = ""
        var value = ""
        var inQuotes = false
        var nameEnded = false
        var index = text.startIndex
        while index < text.endIndex {
            let c = text[index]
            if c == "\"" { inQuotes.toggle() }
            if !inQuotes && c == ":" {
                value = String(text[text.index(after: index)...])
                break
            }
            if c == ";" { nameEnded = true }
            if !nameEnded { name.append(c) }
            index = text.index(after: index)
        }
        return ContentLine(line: line, name: name.uppercased(), value: value, text: text)
    }

    /// The block of the `index`-th VEVENT in document order, or, if libical's
    /// order and the text disagree, the first block with that UID.
    func eventBlock(index: Int, uid: String?) -> Block? {
        if eventBlocks.indices.contains(index), eventBlocks[index].uid == uid {
            return eventBlocks[index]
        }
        if let uid, let b = eventBlocks.first(where: { $0.uid == uid }) { return b }
        return eventBlocks.indices.contains(index) ? eventBlocks[index] : nil
    }

    /// Physical line of the first property `name` in `block` (the whole file
    /// when nil), preferring one whose value is `value`.
    func line(of name: String, in block: Block?, value: String? = nil) -> Int? {
        let range = block?.lines ?? contentLines.indices
        let candidates = contentLines[range].filter { $0.name == name.uppercased() }
        if let value, let exact = candidates.first(where: { $0.value == value }) { return exact.line }
        return candidates.first?.line
    }

    /// Physical line of the first property `name` in `block` whose raw text
    /// contains `text` (e.g. the TZID it names).
    func line(of name: String, in block: Block?, containing text: String) -> Int? {
        let range = block?.lines ?? contentLines.indices
        return contentLines[range].first {
            $0.name == name.uppercased() && $0.text.contains(text)
        }?.line ?? line(of: name, in: block)
    }

    /// Where the BEGIN/END structure breaks, for a file libical rejects whole.
    func structureFault() -> (line: Int?, problem: Bilingual)? {
        guard contentLines.contains(where: { $0.name == "BEGIN" && $0.value.uppercased() == "VCALENDAR" }) else {
            return (contentLines.first?.line, Bilingual(zh: "没有 BEGIN:VCALENDAR，不是 iCalendar 文件",
                                                     en: "no BEGIN:VCALENDAR: not an iCalendar file"))
        }
        var stack: [(name: String, line: Int)] = []
        for l in contentLines {
            let component = l.value.uppercased()
            if l.name == "BEGIN" {
                stack.append((component, l.line))
            } else if l.name == "END" {
                guard let top = stack.last, top.name == component else {
                    return (l.line, Bilingual(zh: "END:\(component) 没有对应的 BEGIN:\(component)",
                                              en: "END:\(component) has no matching BEGIN:\(component)"))
                }
                stack.removeLast()
            }
        }
        if let top = stack.last {
            return (top.line, Bilingual(zh: "BEGIN:\(top.name) 没有对应的 END:\(top.name)",
                                        en: "BEGIN:\(top.name) is never closed by END:\(top.name)"))
        }
        return nil
    }
}
