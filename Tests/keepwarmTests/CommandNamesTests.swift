import Foundation
import Testing

/// Every command names itself (`CommandConfiguration(commandName:)`): ArgumentParser otherwise derives a name from
/// the type's with `String(describing:)`, a scan of every protocol conformance in the program for each command,
/// which cost about 5 ms of every command's start (Docs/performance.md, "The snapshot, round four").
@Suite struct CommandNamesTests {
    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources/keepwarm")

    @Test func everyCommandConfigurationNamesItsCommand() throws {
        let files = FileManager.default.enumerator(atPath: Self.sources.path)!.compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }
        var seen = 0
        for file in files {
            let text = try String(contentsOf: Self.sources.appendingPathComponent(file), encoding: .utf8)
            var rest = text[...]
            while let open = rest.range(of: "CommandConfiguration(") {
                // The arguments up to the matching parenthesis.
                var depth = 1, end = open.upperBound
                while depth > 0, end < rest.endIndex {
                    if rest[end] == "(" { depth += 1 } else if rest[end] == ")" { depth -= 1 }
                    end = rest.index(after: end)
                }
                let arguments = rest[open.upperBound..<end]
                let line = text[..<open.lowerBound].filter { $0 == "\n" }.count + 1
                #expect(arguments.contains("commandName:"), "\(file):\(line): give the command its name with commandName:")
                seen += 1
                rest = rest[end...]
            }
        }
        #expect(seen > 90)
    }
}
