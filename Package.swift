// swift-tools-version: 6.0
import PackageDescription

// Layers depend inward only; each target lists exactly the modules it imports:
//   XiangxingCore    pure Swift: domain, calendars, rules, checker, planner, programme counting
//                    (RealModule)
//   XiangxingICU     system ICU behind the CICU shim: GB18030, collation, Chinese dates, pinyin
//   XiangxingICS     iCalendar through libical (CLibical); Core
//   XiangxingSheets  .xlsx in (ZIPFoundation + FoundationXML) and out (libxlsxwriter, CXlsxWriter):
//                    rows of cells, nothing of the domain
//   CFileSwap        renameat2(RENAME_EXCHANGE), the atomic folder swap
//   XiangxingNames   surname-aware pinyin and stroke order of Chinese names; ICU
//   XiangxingIO      people's tables (CSV or .xlsx) read with located problems, plan folders,
//                    safe output folders, programme files, messages; Core, ICU, ICS, Names,
//                    Sheets, CFileSwap
//   XiangxingSynthetic  the synthetic scenario generator (presets nanyang, henan, national; seeded
//                    SplitMix64, the same bytes for the same seed) and the attendance generator;
//                    Core, IO
//   XiangxingPrint   sign-in sheets and the roster book (who sits where, in name order),
//                    itineraries, tour sheets, the monthly report and the 任务分解表 (PDF via
//                    Cairo/Pango, CSV, .xlsx, ICS); Core, ICU, ICS, IO, Names, Sheets, CPangoCairo
//   XiangxingStore   the office's store: scenarios, versions, pins, change log, planning lease,
//                    attendance, milestones, accounts, purge, copy/backup — written once against
//                    Backend/StoreBackend, on SQLite (GRDB) or PostgreSQL (postgres-nio, a schema
//                    per city); Core, IO, GRDB, PostgresNIO, NIOCore, NIOPosix, Logging
//   XiangxingOffice  the application layer both shells call (CLI now, the web later): folder or
//                    store as the source, planning into the store, recorded changes and the
//                    trainer-calendar import, attendance, sign-in sheets, version diffs and
//                    notification lists, the monthly report, accounts (bcrypt), the year at a
//                    glance, re-plan proposals, a county's enrolment and attendance grid, trainers'
//                    engagements and calendar feeds; takes plain values, returns results or throws
//                    OfficeError, never prints; Core, ICS, IO, Names, Print, Store, HummingbirdBcrypt
//   XiangxingWeb     the web application `serve` runs: sessions, CSRF, per-request access checks,
//                    pages per role (office, county, trainer) from Mustache templates; Core, IO,
//                    Print, Store, Office, Hummingbird, Mustache, MultipartKit, Logging
//   XiangxingCLI     the `xiangxing` command: parses, makes one Office call, renders; Core, ICS,
//                    Names, IO, Print, Store, Office, Synthetic, Web, ArgumentParser
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
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/vapor/multipart-kit", from: "4.7.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        .target(
            name: "XiangxingCore",
            dependencies: [.product(name: "RealModule", package: "swift-numerics")],
            // The planner's search runs its whole round budget in debug builds
            // too (the tests plan the demo dozens of times): unoptimised it is
            // ~50 times slower, so the core is always optimised.
            swiftSettings: [.unsafeFlags(["-O"], .when(configuration: .debug))]
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
            dependencies: ["XiangxingICU"],
            resources: [.copy("Data")]
        ),
        .systemLibrary(
            name: "CPangoCairo",
            pkgConfig: "pangocairo",
            providers: [.apt(["libpango1.0-dev", "libcairo2-dev"])]
        ),
        .target(
            name: "XiangxingPrint",
            dependencies: ["XiangxingCore", "XiangxingICU", "XiangxingICS", "XiangxingIO", "XiangxingNames", "XiangxingSheets", "CPangoCairo"]
        ),
        .target(
            name: "XiangxingIO",
            dependencies: ["XiangxingCore", "XiangxingICU", "XiangxingICS", "XiangxingNames", "XiangxingSheets", "CFileSwap"]
        ),
        .target(name: "XiangxingSynthetic", dependencies: ["XiangxingCore", "XiangxingIO"]),
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
            dependencies: ["XiangxingCore", "XiangxingIO", .product(name: "GRDB", package: "GRDB.swift"),
                           .product(name: "PostgresNIO", package: "postgres-nio"),
                           .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                           .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "XiangxingOffice",
            dependencies: ["XiangxingCore", "XiangxingICS", "XiangxingIO", "XiangxingNames", "XiangxingPrint", "XiangxingStore",
                           .product(name: "HummingbirdBcrypt", package: "hummingbird-auth")]
        ),
        .target(
            name: "XiangxingWeb",
            dependencies: [
                "XiangxingCore", "XiangxingIO", "XiangxingOffice", "XiangxingPrint", "XiangxingStore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "MultipartKit", package: "multipart-kit"),
                .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Templates"), .copy("Static")]
        ),
        .executableTarget(
            name: "XiangxingCLI",
            dependencies: [
                "XiangxingOffice",
                "XiangxingCore",
                "XiangxingICS",
                "XiangxingNames",
                "XiangxingIO",
                "XiangxingPrint",
                "XiangxingStore",
                "XiangxingSynthetic",
                "XiangxingWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "XiangxingCoreTests", dependencies: ["XiangxingCore"]),
        .testTarget(name: "XiangxingICUTests", dependencies: ["XiangxingICU"]),
        .testTarget(name: "XiangxingICSTests", dependencies: ["XiangxingCore", "XiangxingICS"], exclude: ["Fixtures"]),
        .target(name: "XiangxingTestSupport", dependencies: ["XiangxingCore", "XiangxingStore"], path: "Tests/XiangxingTestSupport"),
        .testTarget(name: "XiangxingIOTests", dependencies: ["XiangxingCore", "XiangxingICU", "XiangxingIO", "XiangxingNames", "XiangxingSheets", "XiangxingSynthetic", "XiangxingTestSupport"], exclude: ["BrokenCorpus"]),
        .testTarget(name: "XiangxingSyntheticTests", dependencies: ["XiangxingCore", "XiangxingIO", "XiangxingSynthetic"]),
        .testTarget(name: "XiangxingNamesTests", dependencies: ["XiangxingICU", "XiangxingNames"]),
        .testTarget(name: "XiangxingPrintTests", dependencies: ["XiangxingCore", "XiangxingIO", "XiangxingPrint", "XiangxingSheets"]),
        .testTarget(name: "XiangxingCLITests", dependencies: ["XiangxingCore", "XiangxingICU", "XiangxingIO", "XiangxingTestSupport"]),
        .testTarget(name: "XiangxingSheetsTests", dependencies: ["XiangxingSheets", .product(name: "ZIPFoundation", package: "ZIPFoundation")], exclude: ["Fixtures"]),
        .testTarget(name: "XiangxingOfficeTests", dependencies: ["XiangxingCore", "XiangxingOffice", "XiangxingPrint", "XiangxingStore", "XiangxingTestSupport"]),
        .testTarget(name: "XiangxingWebTests", dependencies: [
            "XiangxingCore", "XiangxingOffice", "XiangxingStore", "XiangxingWeb", "XiangxingTestSupport",
            .product(name: "Hummingbird", package: "hummingbird"),
            .product(name: "HummingbirdTesting", package: "hummingbird"),
            .product(name: "Logging", package: "swift-log"),
        ]),
        .testTarget(name: "XiangxingStoreTests", dependencies: ["XiangxingCore", "XiangxingIO", "XiangxingStore", "XiangxingTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
