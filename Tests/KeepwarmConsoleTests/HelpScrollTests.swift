import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `?` scrolls a page at a time, a page being the window's height, and stops where its last key is in view: each
/// `j` past the end used to count, so as many `k` presses did nothing on the way back (Update.swift, HelpScroll.swift).
@Suite struct HelpScrollTests {
    static let p = KeymapTests.p
    static let now = KeymapTests.now
    static let data = KeymapTests.data

    func helpOpen(width: Int, height: Int) -> ConsoleModel {
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: width, height: height), data: Self.data, practice: Self.p, now: Self.now)
        _ = m.handle(.key(.char("?")), data: Self.data, practice: Self.p, now: Self.now)
        return m
    }

    func scroll(_ m: ConsoleModel) -> Int? {
        if case .help(let s) = m.overlays.last { return s }
        return nil
    }

    @Test(arguments: [(80, 24), (100, 30), (160, 50)])
    func scrollingStopsAtTheLastKeyAndPagesByTheWindow(size: (Int, Int)) throws {
        var m = helpOpen(width: size.0, height: size.1)
        #expect(scroll(m) == 0, "? opens the help")
        let (rows, end) = m.helpPage
        #expect(end > 0 && end < 1000, "the keys take more than one screen at \(size)")
        #expect(rows == size.1 - 4)
        _ = m.handle(.key(.pageDown), data: Self.data, practice: Self.p, now: Self.now)
        #expect(scroll(m) == min(rows, end))
        for _ in 0..<(end + 50) { _ = m.handle(.key(.char("j")), data: Self.data, practice: Self.p, now: Self.now) }
        #expect(scroll(m) == end, "j stops at the end")
        _ = m.handle(.key(.char("k")), data: Self.data, practice: Self.p, now: Self.now)
        #expect(scroll(m) == end - 1, "the first k after the end moves")
        // At the end the last key is on screen.
        var g = Grid(width: size.0, height: size.1)
        OverlayView.help(&g, scroll: end, m)
        let last = try #require(KeyHelp.helpLines(for: m).last(where: { !$0.isEmpty }))
        let tail = String(last.trimmingCharacters(in: .whitespaces).prefix(8))
        #expect((0..<g.height).contains { g.row($0).contains(tail) }, "'\(tail)' on the last screen")
        for _ in 0..<(end / rows + 3) { _ = m.handle(.key(.pageUp), data: Self.data, practice: Self.p, now: Self.now) }
        #expect(scroll(m) == 0)
    }
}
