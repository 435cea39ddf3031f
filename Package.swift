// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "Keepwarm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "keepwarm", targets: ["keepwarm"]),
        .executable(name: "keepwarm-bench", targets: ["keepwarm-bench"]),
        .library(name: "KeepwarmCore", targets: ["KeepwarmCore"]),
        // The PostgreSQL store: its own product and target; `keepwarm` links it only with the PostgreSQL trait.
        .library(name: "KeepwarmPostgres", targets: ["KeepwarmPostgres"]),
    ],
    // `--store postgresql://…` (Docs/postgres.md). On by default; `swift build --disable-default-traits --product
    // keepwarm` is the file-only build, which compiles none of postgres-nio.
    traits: [
        .trait(name: "PostgreSQL", description: "Keep the event log in PostgreSQL as well as in a file (--store postgresql://…)"),
        .default(enabledTraits: ["PostgreSQL"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
        .package(url: "https://github.com/yaslab/CSV.swift", exact: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", exact: "0.9.20"),
        .package(url: "https://github.com/vapor/postgres-nio", exact: "1.33.2"),
    ],
    targets: [
        // The SSE4.2 crc32 instruction checks every log line; Swift cannot call the intrinsic, so a tiny C target does.
        .target(name: "CKeepwarmCRC"),
        // One process-wide setting for the C library's heap, made by the executables' `main` (not the core's business).
        .target(name: "CKeepwarmProcess"),
        .target(name: "KeepwarmCore", dependencies: ["CKeepwarmCRC"], exclude: ["Import"]),
        // CSV import lives beside the core but is its own module, so the CSV library stays out of KeepwarmCore.
        .target(name: "KeepwarmImport", dependencies: ["KeepwarmCore", .product(name: "CSV", package: "CSV.swift"),
                                                       .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                path: "Sources/KeepwarmCore/Import"),
        .target(name: "KeepwarmConsole", dependencies: ["KeepwarmCore"]),
        // Message templates and the per-user config.toml: the two outside libraries stay out of KeepwarmCore.
        .target(name: "KeepwarmMessages", dependencies: [
            "KeepwarmCore", .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "KeepwarmCurses", dependencies: ["KeepwarmCore", "KeepwarmConsole", "CNcurses"]),
        .executableTarget(
            name: "keepwarm",
            dependencies: [
                "KeepwarmCore",
                "KeepwarmConsole",
                "KeepwarmCurses",
                "KeepwarmMessages",
                "KeepwarmImport",
                "CKeepwarmProcess",
                .target(name: "KeepwarmPostgres", condition: .when(traits: ["PostgreSQL"])),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "keepwarm-bench", dependencies: ["KeepwarmCore", "KeepwarmConsole", "KeepwarmImport",
                                                                  .target(name: "KeepwarmPostgres", condition: .when(traits: ["PostgreSQL"]))]),
        .executableTarget(name: "keepwarm-writer", dependencies: ["KeepwarmCore"]),
        // Seeded generators and the fuzz plan, shared by every test target.
        .target(name: "KeepwarmTestSupport", path: "Tests/KeepwarmTestSupport"),
        // The promises every event store keeps, checked the same way against each store (file, memory, PostgreSQL).
        .target(name: "KeepwarmStoreConformance", dependencies: ["KeepwarmCore"], path: "Tests/KeepwarmStoreConformance"),
        .testTarget(name: "KeepwarmCoreTests", dependencies: ["KeepwarmCore", "KeepwarmImport", "KeepwarmTestSupport", "KeepwarmStoreConformance",
                                                              .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
        .testTarget(name: "KeepwarmConsoleTests", dependencies: ["KeepwarmConsole", "KeepwarmCore", "KeepwarmTestSupport"], exclude: ["Golden"]),
        // The event log on PostgreSQL (Docs/postgres.md): only this target and its tests pay postgres-nio's build time.
        .target(name: "KeepwarmPostgres", dependencies: ["KeepwarmCore", .product(name: "PostgresNIO", package: "postgres-nio")]),
        .testTarget(name: "KeepwarmPostgresTests", dependencies: ["KeepwarmPostgres", "KeepwarmCore", "KeepwarmStoreConformance"]),
        .testTarget(name: "KeepwarmMessagesTests", dependencies: ["KeepwarmMessages", "KeepwarmCore"]),
        .testTarget(name: "keepwarmTests", dependencies: ["KeepwarmCore", "keepwarm", "keepwarm-writer", "KeepwarmTestSupport",
                                                         "CKeepwarmProcess"]),
    ],
    swiftLanguageModes: [.v6]
)
