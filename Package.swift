// swift-tools-version: 6.0
import PackageDescription

// Layers depend inward only (each arrow: "is used by"):
//   XiangxingCore (pure Swift: domain, calendar, rules, checker, solver, name lookup)
//   ← XiangxingICU (C shim CICU) / XiangxingICS (libical) / CFileSwap (renameat2) — the C libraries
//   ← XiangxingNames (surname-aware pinyin and stroke order of Chinese names; Core, ICU)
//   ← XiangxingIO (reading scenarios and plans, safe output folders, plan folders, messages,
//                  spreadsheet CSV; Core, ICU, ICS, Names, CFileSwap)
//   ← XiangxingPrint (rosters 签到表, itineraries, tour sheets: PDF via Cairo/Pango, CSV, ICS;
//                     Core, ICU, Names, ICS, IO)
//   ← XiangxingSheets (.xlsx in and out: ZIPFoundation + FoundationXML reading, libxlsxwriter via CXlsxWriter)
//   ← XiangxingStore (the office's SQLite store through GRDB: scenarios, plan versions, pins,
//                     change log, the planning lease, purge; Core, IO)
//   ← XiangxingCLI (the `xiangxing` command; IO, Print, Store, ArgumentParser)
let package = Package(
    name: "Xiangxing",
    products: [
        .executable(name: "xiangxing", targets: ["XiangxingCLI"])
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
    ],
    targets: [
        .target(
            name: "XiangxingCore",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")]
        ),
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc")]
        ),
        .target(name: "XiangxingICU", dependencies: ["CICU"]),
        // renameat2(RENAME_EXCHANGE), which Glibc's Swift module does not export: the atomic folder swap.
        .target(name: "CFileSwap"),
        .systemLibrary(
            name: "CLibical",
            pkgConfig: "libical",
            providers: [.apt(["libical-dev"])]
        ),
        .target(name: "XiangxingICS", dependencies: ["CLibical", "XiangxingCore"]),
        .target(
            name: "XiangxingNames",
            dependencies: ["XiangxingCore", "XiangxingICU"],
            resources: [.copy("Data")]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .target(
            name: "XiangxingPrint",
            dependencies: ["XiangxingCore", "XiangxingICU", "XiangxingNames", "XiangxingICS", "XiangxingIO", "XiangxingSheets", "CPangoCairo"]
        ),
        .target(
            name: "XiangxingIO",
            dependencies: ["XiangxingCore", "XiangxingICU", "XiangxingICS", "XiangxingNames", "XiangxingSheets", "CFileSwap"]
        ),
        .systemLibrary(
            name: "CXlsxWriter",
            pkgConfig: "xlsxwriter",
            providers: [.apt(["libxlsxwriter-dev"])]
        ),
        // .xlsx in (ZIPFoundation + FoundationXML) and out (libxlsxwriter): rows of strings, nothing of the domain.
        .target(
            name: "XiangxingSheets",
            dependencies: ["CXlsxWriter", .product(name: "ZIPFoundation", package: "ZIPFoundation")]
        ),
        .target(
            name: "XiangxingStore",
            dependencies: ["XiangxingCore", "XiangxingIO", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .executableTarget(
            name: "XiangxingCLI",
            dependencies: [
                "XiangxingIO",
                "XiangxingPrint",
                "XiangxingStore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "XiangxingCoreTests", dependencies: ["XiangxingCore"]),
        .testTarget(name: "XiangxingICUTests", dependencies: ["XiangxingICU"]),
        .testTarget(name: "XiangxingICSTests", dependencies: ["XiangxingICS"], exclude: ["Fixtures"]),
        .target(name: "XiangxingTestSupport", dependencies: ["XiangxingCore"], path: "Tests/XiangxingTestSupport"),
        .testTarget(name: "XiangxingIOTests", dependencies: ["XiangxingIO", "XiangxingNames", "XiangxingTestSupport"], exclude: ["BrokenCorpus"]),
        .testTarget(name: "XiangxingNamesTests", dependencies: ["XiangxingNames"]),
        .testTarget(name: "XiangxingPrintTests", dependencies: ["XiangxingPrint", "XiangxingIO", "XiangxingSheets"]),
        .testTarget(name: "XiangxingCLITests", dependencies: ["XiangxingIO", "XiangxingTestSupport"]),
        .testTarget(name: "XiangxingSheetsTests", dependencies: ["XiangxingSheets", .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["Fixtures"]),
        .testTarget(name: "XiangxingStoreTests", dependencies: ["XiangxingStore", "XiangxingTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
