import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// A database's connection drops while the receptionist works: the refusal of what they just did stays on the status
/// line (until their next key), and "reconnecting…" shows in the title bar, never over it.
@Suite struct StoreTroubleTests {
    static let lost = "lost the connection to postgresql://kw@127.0.0.1:5432/clinic (connection refused); reconnecting…"
    static let refused = "not recorded: postgresql://kw@127.0.0.1:5432/clinic could not be reached (connection refused); nothing was written, try again when it is back"

    func screen(_ d: ModelDriver) -> String {
        ConsoleView.render(d.model, data: d.data, practice: d.fixture.p, now: d.fixture.now, width: 80, height: 24).text
    }

    @Test func aRefusalStaysOnTheStatusLineWhileTheTitleSaysReconnecting() throws {
        let d = try ModelDriver.seededDay()
        d.send(.storeUnreachable(Self.lost))
        #expect(d.model.status == StatusLine(text: Self.lost, isError: true), "with nothing else to say, the status line says it")
        d.send(.refused(Self.refused))
        // The loop reads again every second while the server is away: each failed read must leave the refusal be.
        d.send(.storeUnreachable(Self.lost))
        d.send(.storeUnreachable(Self.lost))
        #expect(d.model.status == StatusLine(text: Self.refused, isError: true))
        var s = screen(d)
        let lines = s.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0].contains("⚠ reconnecting…"), "\(s)")
        #expect(lines[0].contains("Riverside") && lines[0].contains("● sam"), "the title keeps the name and the user: \(lines[0])")
        #expect(lines[22].contains("⚠ not recorded:"), "\(s)")
        // The next key puts the refusal away; the next failed read says why on the status line again.
        _ = d.key(.down)
        d.send(.storeUnreachable(Self.lost))
        #expect(d.model.status == StatusLine(text: Self.lost, isError: true))
        // Back in touch: the mark and the trouble's line go.
        d.send(.storeReadAgain)
        #expect(d.model.status == nil)
        #expect(d.model.storeTrouble == nil)
        s = screen(d)
        #expect(!s.contains("reconnecting"), "\(s)")
    }

    @Test func aReadAgainLeavesARefusalOnTheStatusLine() throws {
        let d = try ModelDriver.seededDay()
        d.send(.storeUnreachable(Self.lost))
        d.send(.refused(Self.refused))
        d.send(.storeReadAgain)
        #expect(d.model.status == StatusLine(text: Self.refused, isError: true), "the receptionist has not seen past it yet")
        #expect(d.model.messages.map(\.text).contains(Self.refused), "M keeps the refusal whole")
    }

    @Test func anotherTroubleIsMarkedNotUpToDate() {
        #expect(StoreTroubleView.mark("events.log: permission denied") == " ⚠ not up to date ")
        #expect(StoreTroubleView.mark(Self.lost) == " ⚠ reconnecting… ")
    }
}
