// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Keepwarm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "keepwarm", targets: ["keepwarm"]),
        .library(name: "KeepwarmCore", targets: ["KeepwarmCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        .target(name: "KeepwarmCore"),
        .executableTarget(
            name: "keepwarm",
            dependencies: [
                "KeepwarmCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "KeepwarmCoreTests", dependencies: ["KeepwarmCore"]),
        .testTarget(name: "keepwarmTests", dependencies: ["KeepwarmCore", "keepwarm"]),
    ],
    swiftLanguageModes: [.v6]
)
