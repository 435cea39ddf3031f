import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 12, section 9: every time shown to a person is on the practice's clock (Docs/rules.md), in summer and in
/// winter, in London (GMT and BST) and in a zone far from UTC (Auckland, +12 and +13): no UTC `…Z` instant appears in
/// any command's human output, and a 10:00 booking is shown as 10:00. JSON keeps its documented UTC form.
@Suite struct LocalTimeTests {
    /// A week in each season: `day` is the Tuesday everything happens around.
    struct Season: CustomStringConvertible {
        let zone: String, weekBefore: String, day: String, dayAfter: String, twoWeeksBefore: String
        var description: String { "\(zone) \(day)" }
    }

    static let seasons = [
        Season(zone: "Europe/London", weekBefore: "2026-06-09", day: "2026-06-16", dayAfter: "2026-06-17", twoWeeksBefore: "2026-06-02"),
        Season(zone: "Europe/London", weekBefore: "2026-12-08", day: "2026-12-15", dayAfter: "2026-12-16", twoWeeksBefore: "2026-12-01"),
        Season(zone: "Pacific/Auckland", weekBefore: "2026-06-09", day: "2026-06-16", dayAfter: "2026-06-17", twoWeeksBefore: "2026-06-02"),
        Season(zone: "Pacific/Auckland", weekBefore: "2026-12-08", day: "2026-12-15", dayAfter: "2026-12-16", twoWeeksBefore: "2026-12-01"),
    ]

    /// An instant written the way the log and JSON write it, or any ISO form with a `Z`.
    static let utcInstant = try! NSRegularExpression(pattern: #"\d{4}-?\d{2}-?\d{2}T\d{2}:?\d{2}(:?\d{2}(\.\d+)?)?Z"#)

    static func utc(in text: String) -> [String] {
        utcInstant.matches(in: text, range: NSRange(text.startIndex..., in: text)).map { String(text[Range($0.range, in: text)!]) }
    }

    @Test(arguments: seasons)
    func everyTimeShownToAPersonIsOnThePracticesClock(season s: Season) throws {
        let cli = CLI()
        var shown = ""
        /// Runs a command at a local time and keeps everything it said for people.
        @discardableResult
        func run(_ args: [String], at now: String, ok: Bool = true) throws -> CLI.Result {
            let r = try cli.run(args + ["--now", now])
            if ok { #expect(r.status == 0, "\(args): \(r.err)") }
            shown += r.out + r.err
            return r
        }
        let early = s.twoWeeksBefore + " 08:00"
        try run(["init", "--name", "Riverside", "--timezone", s.zone], at: early)
        try run(["practitioner", "add", "--name", "Anna Okafor"], at: early)
        try run(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900001", "--email", "ada@example.com"], at: early)
        try run(["client", "add", "--name", "Grace Hopper", "--referred-by", "c1"], at: early)
        try run(["book", "c1", "--at", s.weekBefore + " 10:00"], at: early)                         // a1
        try run(["book", "c2", "--at", s.day + " 10:00"], at: early)                                // a2, Ada's usual slot
        try run(["attend", "a1"], at: s.weekBefore + " 11:00")
        // Ada's usual slot a week on is Grace's: the rebook moves a day and says when, on the practice's clock.
        let rebook = try run(["rebook", "a1"], at: s.weekBefore + " 11:05")                       // a3
        #expect(rebook.err == "keepwarm: note: the usual slot was taken, so a3 is 1 day later, on \(s.dayAfter) 10:00\n")
        let move = try run(["move", "a2", "--to", s.day + " 11:00"], at: s.weekBefore + " 11:10")
        #expect(move.out == "a2: moved to \(s.day) 11:00\n")
        let undo = try run(["undo"], at: s.weekBefore + " 11:11")
        #expect(undo.out == "undone: moved a2 (Grace Hopper) to \(s.day) 11:00\n")
        let clash = try run(["book", "c2", "--at", s.dayAfter + " 10:00"], at: s.weekBefore + " 11:12", ok: false)
        #expect(clash.err.contains("already booked then (a3, \(s.dayAfter) 10:00 for 60 min)"), "\(clash.err)")
        try run(["callback", "add", "--name", "Mo Farah", "--phone", "07700 900777", "--by", s.day + " 17:00"], at: s.weekBefore + " 11:13")
        try run(["touch", "c1", "--kind", "post-session", "--via", "email"], at: s.weekBefore + " 11:14")
        try run(["feedback", "c1", "--score", "5"], at: s.weekBefore + " 11:15")
        try run(["audit", "answer", "1", "yes"], at: s.weekBefore + " 11:16")

        let later = s.day + " 09:30"
        let diary = try run(["diary", "--date", s.day], at: later)
        #expect(diary.out.contains("10:00  a2"), "\(diary.out)")
        let card = try run(["client", "show", "c1"], at: later)
        #expect(card.out.contains("a1  \(s.weekBefore) 10:00"), "\(card.out)")
        #expect(card.out.contains("\(s.weekBefore) 11:14  post-session"), "\(card.out)")
        let callbacks = try run(["callbacks"], at: later)
        #expect(callbacks.out.contains("\(s.day) 17:00"), "\(callbacks.out)")
        let thanks = try run(["thankyous"], at: s.twoWeeksBefore + " 09:00")
        #expect(thanks.out.contains("\(s.twoWeeksBefore) 08:00"), "recorded at 08:00 local: \(thanks.out)")
        for query in [["overview"], ["client", "list"], ["lapsed"], ["followups"], ["practitioner", "list"], ["settings"],
                      ["audit", "show"], ["audit", "history"], ["report", "sources"], ["report", "referrers"],
                      ["report", "retention"], ["check"], ["config"], ["preview", "c1", "--kind", "rebook-prompt"]] {
            try run(query, at: later)
        }
        let overview = try run(["overview"], at: later)
        #expect(overview.out.contains(", 09:30\n"), "the clock in the heading is local: \(overview.out)")
        let refused = try run(["attend", "a3"], at: later, ok: false)
        #expect(refused.err.contains("a3 is on \(s.dayAfter) 10:00, which hasn't come yet"), "\(refused.err)")

        // The console's screens: the diary, and Ada's card with her sessions and touchpoint.
        let t = try Tmux(command: [CLI.binary, "--now", later], env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        shown += try t.waitFor("10:00 Grace Hopper")
        try t.send("/")
        try t.sendLiteral("Ada")
        try t.sendKey("Enter")
        shown += try t.waitUntil("Ada's card") { $0.contains("Client card") && $0.contains("10:00") }
        try t.sendKey("Escape")
        try t.send("q")
        #expect(try t.waitForExit() == 0)

        #expect(Self.utc(in: shown) == [], "UTC instants shown to a person in \(s)")
        // JSON keeps the documented UTC form, so the check above would have seen one had a person been shown it.
        #expect(Self.utc(in: try run(["diary", "--date", s.day, "--json"], at: later).out).count >= 1)
    }
}
