import Foundation

/// A fixture under Tests/XiangxingSheetsTests/Fixtures (made by LibreOffice from the
/// files in Fixtures/sources, see Fixtures/README.md).
func fixture(_ name: String, file: String = #filePath) -> URL {
    URL(fileURLWithPath: file).deletingLastPathComponent()
        .appendingPathComponent("Fixtures").appendingPathComponent(name)
}

/// A new empty folder under the system's temporary folder.
func temporaryFolder() throws -> URL {
    let url = FileManager.default.temporaryDirectory
        .appendingPathComponent("xiangxing-sheets-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

/// LibreOffice's command, when installed (the round-trip test through it is skipped otherwise).
let sofficePath: String? = ["/usr/bin/soffice", "/usr/local/bin/soffice", "/usr/lib/libreoffice/program/soffice"]
    .first { FileManager.default.isExecutableFile(atPath: $0) }

/// Converts a workbook to CSV with LibreOffice, in a profile of its own (parallel runs
/// would otherwise fight over the user's profile lock). Returns the CSV's text.
func convertWithLibreOffice(_ workbook: URL, in folder: URL) throws -> String {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: sofficePath!)
    let profile = folder.appendingPathComponent("lo-profile")
    process.arguments = [
        "-env:UserInstallation=\(profile.absoluteString)", "--headless",
        "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", folder.path, workbook.path,
    ]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    let csv = folder.appendingPathComponent(workbook.deletingPathExtension().lastPathComponent + ".csv")
    return try String(contentsOf: csv, encoding: .utf8)
}
