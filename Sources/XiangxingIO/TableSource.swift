import Foundation
import XiangxingCore

/// The one way a table a person sends in is read, whatever program saved
/// it: today CSV text (UTF-8 with or without BOM, or GB18030, as `TextFile`
/// decides). Every reader of people's tables (the scenario's files,
/// targets, weights, attendance) goes through `TableSource.table`, so a new
/// format (the .xlsx of issue 10.5) is added here once.
public enum TableSource {
    /// The rows of the file at `url` (`name` is how messages call it) read
    /// against `columns`, with the encoding found. Nil, with the problem
    /// recorded, when the file cannot be read at all.
    public static func table(_ url: URL, name: String, columns: [Column], problems: inout [InputProblem],
                             lineBreaks: Bool = true) -> (Table, TextFileEncoding)? {
        guard let (rows, encoding) = rows(url, name: name, problems: &problems) else { return nil }
        return (Table(file: name, rows: rows, columns: columns, problems: &problems, lineBreaks: lineBreaks), encoding)
    }

    /// The file's rows split into fields, the header first, each with the
    /// line (or worksheet row) it stands on; problems of the file's syntax
    /// are added to `problems`.
    public static func rows(_ url: URL, name: String, problems: inout [InputProblem]) -> ([CSVRecord], TextFileEncoding)? {
        switch TextFile.read(url, name: name) {
        case .failure(let p):
            problems.append(p)
            return nil
        case .success(let (text, encoding)):
            let parsed = CSV.parse(text, file: name)
            problems += parsed.problems
            return (parsed.records, encoding)
        }
    }
}
