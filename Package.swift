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
    ],
    targets: [
        .target(name: "KeepwarmCore"),
        .target(name: "KeepwarmConsole", dependencies: ["KeepwarmCore"]),
        .systemLibrary(name: "CNcurses", path: "Sources/CNcurses"),
        .target(name: "KeepwarmCurses", dependencies: ["KeepwarmConsole", "CNcurses"]),
        .executableTarget(
            name: "keepwarm",
            dependencies: [
                "KeepwarmCore",
                "KeepwarmConsole",
                "KeepwarmCurses",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(name: "keepwarm-bench", dependencies: ["KeepwarmCore", "KeepwarmConsole"]),
        .executableTarget(name: "keepwarm-writer", dependencies: ["KeepwarmCore"]),
        // Seeded generators and the fuzz plan, shared by every test target.
        .target(name: "KeepwarmTestSupport", path: "Tests/KeepwarmTestSupport"),
        .testTarget(name: "KeepwarmCoreTests", dependencies: ["KeepwarmCore", "KeepwarmTestSupport"]),
        .testTarget(name: "KeepwarmConsoleTests", dependencies: ["KeepwarmConsole", "KeepwarmCore", "KeepwarmTestSupport"], exclude: ["Golden"]),
        .testTarget(name: "keepwarmTests", dependencies: ["KeepwarmCore", "keepwarm", "keepwarm-writer", "KeepwarmTestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
