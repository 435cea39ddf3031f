// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Keepwarm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "keepwarm", targets: ["keepwarm"]),
        .executable(name: "keepwarm-bench", targets: ["keepwarm-bench"]),
        .library(name: "KeepwarmCore", targets: ["KeepwarmCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/LebJe/TOMLKit", exact: "0.6.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", exact: "2.1.1"),
    ],
    targets: [
        .target(name: "KeepwarmCore"),
        .target(name: "KeepwarmConsole", dependencies: ["KeepwarmCore"]),
        // Message templates and the per-user config.toml: the two outside libraries stay out of KeepwarmCore.
        .target(name: "KeepwarmMessages", dependencies: [
            "KeepwarmCore", .product(name: "TOMLKit", package: "TOMLKit"), .product(name: "Mustache", package: "swift-mustache"),
        ]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "KeepwarmCurses", dependencies: ["KeepwarmConsole", "CNcurses"]),
        .executableTarget(
            name: "keepwarm",
            dependencies: [
                "KeepwarmCore",
                "KeepwarmConsole",
                "KeepwarmCurses",
                "KeepwarmMessages",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "keepwarm-bench", dependencies: ["KeepwarmCore", "KeepwarmConsole"]),
        .executableTarget(name: "keepwarm-writer", dependencies: ["KeepwarmCore"]),
        // Seeded generators and the fuzz plan, shared by every test target.
        .target(name: "KeepwarmTestSupport", path: "Tests/KeepwarmTestSupport"),
        .testTarget(name: "KeepwarmCoreTests", dependencies: ["KeepwarmCore", "KeepwarmTestSupport"]),
        .testTarget(name: "KeepwarmConsoleTests", dependencies: ["KeepwarmConsole", "KeepwarmCore", "KeepwarmTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "KeepwarmMessagesTests", dependencies: ["KeepwarmMessages", "KeepwarmCore"]),
        .testTarget(name: "keepwarmTests", dependencies: ["KeepwarmCore", "keepwarm", "keepwarm-writer", "KeepwarmTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
