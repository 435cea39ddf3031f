import Testing
@testable import KeepwarmConsole

/// The client card read to its end (QA D1), text and styles: at 80×24 after `G` (the newest History, and where the
/// page is on its bottom edge), and at 132×43 opened from the lapsed list, where it starts at its newest entries.
@Suite struct CardGoldenTests {
    @Test func cardHistoryAt80x24() throws {
        try GoldenTests().check("client-card-history-80x24", width: 80, height: 24, keys: [.char("2"), .enter, .char("g"), .char("G")])
    }
    @Test func cardFromTheLapsedListAt132x43() throws {
        try GoldenTests().check("client-card-lapsed-132x43", width: 132, height: 43, keys: [.char("2"), .char("j"), .enter])
    }
    @Test func cardTopAt80x24() throws {
        try GoldenTests().check("client-card-top-80x24", width: 80, height: 24, keys: [.char("2"), .enter, .char("g")])
    }
}
