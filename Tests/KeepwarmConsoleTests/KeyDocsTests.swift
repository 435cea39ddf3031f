import Foundation
import Testing
@testable import KeepwarmConsole

/// Docs/user-guide.md's key table is the keymaps', so the guide cannot drift from what the keys do.
@Suite struct KeyDocsTests {
    @Test func theUserGuidesKeyTableIsTheKeymaps() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/user-guide.md")
        let guide = try String(contentsOf: url, encoding: .utf8)
        let begin = try #require(guide.range(of: "<!-- keys:begin"))
        let afterBegin = try #require(guide.range(of: "-->\n", range: begin.upperBound..<guide.endIndex))
        let end = try #require(guide.range(of: "<!-- keys:end -->"))
        let table = KeyDocs.markdown()
        if ProcessInfo.processInfo.environment["KEEPWARM_UPDATE_DOCS"] == "1" {
            try (guide[..<afterBegin.upperBound] + table + guide[end.lowerBound...]).write(to: url, atomically: true, encoding: .utf8)
        }
        #expect(String(guide[afterBegin.upperBound..<end.lowerBound]) == table,
                "Docs/user-guide.md's key table differs from the keymaps: regenerate with KEEPWARM_UPDATE_DOCS=1 and review")
        #expect(table.contains("| Today's diary | `a` | attended |"))
        #expect(table.contains("| | `M` | messages of this session |"))
    }
}
