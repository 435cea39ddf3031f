import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// QA D1: the client card is one page that scrolls to its end (PgDn/PgUp, G/End, g/Home), so the newest History
/// (last week's review and its note) can be read at 80×24; j/k still move the session highlight and the page follows.
@Suite struct CardPageTests {
    /// The demo client with the longest History.
    static func longest(_ p: Practice) -> ClientID {
        p.clients[p.clients.indices.max { ClientTimeline.entries(p, p.clients[$0].id).count < ClientTimeline.entries(p, p.clients[$1].id).count }!].id
    }

    func open(_ client: ClientID, width: Int = 80, height: Int = 24) -> (ConsoleModel, ConsoleData) {
        let p = GoldenTests.demo, now = GoldenTests.end
        let data = ConsoleData(p, now: now)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: width, height: height), data: data, practice: p, now: now)
        m.overlays = [.card(client)]
        return (m, data)
    }

    func screen(_ m: ConsoleModel, _ data: ConsoleData, width: Int = 80, height: Int = 24) -> String {
        ConsoleView.render(m, data: data, practice: GoldenTests.demo, now: GoldenTests.end, width: width, height: height).text
    }

    /// The last History line as the card writes it (fitted to the window, so compared by its start).
    func newest(_ client: ClientID) -> String {
        let p = GoldenTests.demo
        let e = ClientTimeline.entries(p, client).last!
        return String("\(p.calendar.dateString(e.at)) \(p.calendar.timeString(e.at))  \(e.text)".prefix(50))
    }

    @Test func gAndEndShowTheNewestHistoryAndPgUpScrollsBackAtOnce() {
        let p = GoldenTests.demo, now = GoldenTests.end
        let client = Self.longest(p)
        #expect(ClientTimeline.entries(p, client).count > 20, "a History longer than the screen")
        for end in [Key.char("G"), .end] {
            var (m, data) = open(client)
            let top = screen(m, data)
            #expect(!top.contains(newest(client)), "opened from the diary, the card starts at its top")
            #expect(top.contains(p.clients[client.index].name))
            _ = m.handle(.key(end), data: data, practice: p, now: now)
            let bottom = screen(m, data)
            #expect(bottom.contains(newest(client)), "\(end) shows the newest entry:\n\(bottom)")
            #expect(bottom.contains("of \(CardPage.lines(m, client, p, now).count)"), "the bottom edge says where the page is")
            _ = m.handle(.key(.pageUp), data: data, practice: p, now: now)
            let up = screen(m, data)
            #expect(up != bottom && !up.contains(newest(client)), "PgUp after G moves at once (QA D5's trap)")
            _ = m.handle(.key(.char("g")), data: data, practice: p, now: now)
            #expect(screen(m, data) == top, "g is the top again")
        }
    }

    @Test func pgDnReachesTheEndAndStopsThere() {
        let p = GoldenTests.demo, now = GoldenTests.end
        let client = Self.longest(p)
        var (m, data) = open(client)
        var seen: [String] = [screen(m, data)]
        for _ in 0..<30 {
            _ = m.handle(.key(.pageDown), data: data, practice: p, now: now)
            seen.append(screen(m, data))
        }
        #expect(seen.last!.contains(newest(client)))
        let first = seen.firstIndex { $0.contains(newest(client)) }!
        #expect(first > 1, "it took pages to get there")
        #expect(Set(seen[first...]).count == 1, "PgDn at the end stays at the end")
        // Every History line was on some page.
        for e in ClientTimeline.entries(p, client) {
            let at = "\(p.calendar.dateString(e.at)) \(p.calendar.timeString(e.at))  \(e.text.prefix(30))"
            #expect(seen.contains { $0.contains(at) }, "\(at) is on a page")
        }
    }

    @Test func jAfterGBringsTheHighlightedSessionBack() {
        let p = GoldenTests.demo, now = GoldenTests.end
        let client = Self.longest(p)
        var (m, data) = open(client)
        _ = m.handle(.key(.char("G")), data: data, practice: p, now: now)
        _ = m.handle(.key(.char("j")), data: data, practice: p, now: now)
        let a = CardSessions.selected(m, p, client, now: now)!
        #expect(screen(m, data).contains(" \(a.id)"), "the page follows the highlight again")
        _ = m.handle(.key(.char("G")), data: data, practice: p, now: now)
        _ = m.handle(.key(.char("M")), data: data, practice: p, now: now)
        #expect(m.overlays.last.map { if case .form(.move(a.id), _) = $0 { true } else { false } } == true)
        #expect(m.cardScroll?.mode == .follow, "M brings the session it moves into view behind its form")
    }

    @Test func theCardOpensAtItsNewestHistoryFromTheLapsedList() {
        let p = GoldenTests.demo, now = GoldenTests.end
        var data = ConsoleData(p, now: now)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: 80, height: 24), data: data, practice: p, now: now)
        _ = m.handle(.key(.char("2")), data: data, practice: p, now: now)
        _ = data.followReview(m.lapsedScope, p, now: now)
        _ = m.handle(.key(.enter), data: data, practice: p, now: now)
        guard case .card(let client)? = m.overlays.last else { Issue.record("Enter opens the card"); return }
        #expect(screen(m, data).contains(newest(client)), "the weekly review sees the last review first:\n\(screen(m, data))")
        _ = m.handle(.key(.escape), data: data, practice: p, now: now)
        #expect(m.cardScroll == nil, "a closed card forgets where it was")
    }

    @Test func theScrollKeysAreInTheCardsKeymapAndBar() {
        let map = Keymap.of(.card)
        for (key, action) in [(Key.pageDown, KeyAction.pageDown), (.pageUp, .pageUp), (.char("G"), .last), (.end, .last),
                              (.char("g"), .first), (.home, .first), (.char("j"), .down), (.char("k"), .up)] {
            #expect(map.bindings.first { $0.keys.contains(key) }?.action == action, "\(key) on the card")
        }
        #expect(map.bindings.contains { $0.bar && $0.action == .last })
    }
}
