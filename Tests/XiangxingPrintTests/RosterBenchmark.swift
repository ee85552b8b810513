import Foundation
import Testing
import XiangxingPrint

/// Renders a prefecture's worth of sheets (112 classes of 32) into one PDF
/// and prints the time. Off unless asked for, and never asserted on:
///
///     XIANGXING_BENCH=1 swift test -c release --filter RosterBenchmark
@Suite(.enabled(if: ProcessInfo.processInfo.environment["XIANGXING_BENCH"] != nil))
struct RosterBenchmark {
    @Test func render112RostersOf32Rows() throws {
        let inputs = (1...112).map { Fixtures.roster(rows: 32, days: 3 + $0 % 3, classNumber: $0) }
        try Fixtures.inFolder { dir in
            let url = dir.appendingPathComponent("all.pdf")
            let clock = ContinuousClock()
            let elapsed = try clock.measure { try RosterPDF.write(inputs, to: url) }
            let size = (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? Int) ?? 0
            let pages = try Fixtures.pages(of: url).count
            print("RosterBenchmark: 112 rosters × 32 rows, \(pages) pages, \(size / 1024) KiB in \(elapsed)")
        }
    }
}
