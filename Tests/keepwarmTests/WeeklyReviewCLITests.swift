import Foundation
import Testing
@testable import KeepwarmCore

/// Issue 16, the practitioner's weekly review through the real binary on a real log: `lapsed --practitioner`,
/// `--due`, `--new`, `review --via --reason`, and `report why-left` in text, JSON and CSV.
@Suite struct WeeklyReviewCLITests {
    /// Anna (p1) and Ben (p2). Mo saw Anna on 1 September, Tom saw Anna then Ben (2 September), Ivy saw Anna on
    /// 10 October (lapsed on 21 November). Anna reviewed Mo on Tuesday 17 November and sent him the letter on the
    /// 20th (his call is due on the 27th). Now is Monday 23 November.
    static func practice() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-08-01T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["practitioner", "add", "--name", "Ben Hart"] + at)
        for (name, phone) in [("Mo Farah", "07700 900456"), ("Tom Reed", "07700 900457"), ("Ivy Stone", "07700 900458")] {
            try cli.ok(["client", "add", "--name", name, "--phone", phone] + at)
        }
        for (n, c, who, day) in [(1, "c1", "p1", "2026-09-01"), (2, "c2", "p1", "2026-08-20"), (3, "c2", "p2", "2026-09-02"),
                                 (4, "c3", "p1", "2026-10-10")] {
            try cli.ok(["book", c, "--at", "\(day) 10:00", "--with", who] + at)
            try cli.ok(["attend", "a\(n)", "--now", "\(day)T11:00:00Z"])
        }
        try cli.ok(["review", "c1", "--contacted", "--via", "phone", "--now", "2026-11-17T10:00:00Z"])
        try cli.ok(["touch", "c1", "--kind", "reactivation-letter", "--via", "letter", "--now", "2026-11-20T10:00:00Z"])
        return cli
    }

    static let now = ["--now", "2026-11-23T10:30:00Z"]

    func object(_ cli: CLI, _ args: [String]) throws -> [String: Any] {
        let out = try cli.output(args + Self.now + ["--json"])
        guard let o = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else { throw Failure("not an object: \(out)") }
        return o
    }

    func ids(_ o: [String: Any]) -> [String] { (o["clients"] as? [[String: Any]] ?? []).compactMap { $0["client"] as? String } }

    @Test func lapsedNarrowsToAPractitionerWhatIsDueAndWhatIsNew() throws {
        let cli = try Self.practice()
        let plain = try JSONSerialization.jsonObject(with: Data(try cli.output(["lapsed", "--json"] + Self.now).utf8)) as? [[String: Any]]
        #expect(plain?.count == 3, "without the options the list is the plain array, as before")
        let anna = try object(cli, ["lapsed", "--practitioner", "Anna Okafor"])
        #expect(Set(ids(anna)) == ["c1", "c3"], "Tom's last visit was with Ben")
        #expect(anna["practitioner"] as? String == "p1")
        #expect(anna["filter"] as? String == "all")
        #expect(anna["lastReview"] as? String == "2026-11-17T10:00:00.000Z")
        #expect(anna["weekStart"] as? String == "2026-11-23")
        #expect(anna["reviewed"] as? Int == 0 && anna["total"] as? Int == 2)
        #expect(ids(try object(cli, ["lapsed", "--practitioner", "p1", "--new"])) == ["c3"], "Ivy lapsed after Anna's review; Mo before it")
        #expect(ids(try object(cli, ["lapsed", "--practitioner", "p1", "--due"])) == ["c3"], "Mo's call is not due until the 27th")
        #expect(ids(try object(cli, ["lapsed", "--practitioner", "Ben Hart"])) == ["c2"])
        #expect(try object(cli, ["lapsed", "--practitioner", "p2"])["lastReview"] is NSNull, "Ben never reviewed")

        let text = try cli.output(["lapsed", "--practitioner", "anna okafor", "--due"] + Self.now)
        #expect(text.hasPrefix("Anna Okafor: 0 of 2 reviewed this week (week of 2026-11-23; last review 2026-11-17); showing due now\n"), "\(text)")
        #expect(text.contains("Ivy Stone") && !text.contains("Mo Farah"))
    }

    @Test func reviewRecordsHowAndWhyAndTheWeeksProgressCountsIt() throws {
        let cli = try Self.practice()
        let out = try cli.ok(["review", "Ivy Stone", "--reason", "cost", "--via", "phone", "--note", "Prices went up"] + Self.now)
        #expect(out == "c3: closed (discharged, cost)")
        let last = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.contains(#""client":"c3","outcome":"closed","status":"discharged","note":"Prices went up","via":"phone","reason":"cost","practitioner":"p1""#), "\(last)")
        let anna = try object(cli, ["lapsed", "--practitioner", "p1"])
        #expect(ids(anna) == ["c1"])
        #expect(anna["reviewed"] as? Int == 1 && anna["total"] as? Int == 2, "Ivy left the list but was reviewed this week")
        #expect(try cli.output(["lapsed", "--practitioner", "p1"] + Self.now).hasPrefix("Anna Okafor: 1 of 2 reviewed this week"))
    }

    @Test func badReviewInputSaysWhatToDoAndWritesNothing() throws {
        let cli = try Self.practice()
        let before = cli.bytes()
        let r = try cli.run(["review", "c1", "--contacted", "--reason", "cost"] + Self.now)
        #expect(r.status == 1)
        #expect(r.err.contains("a reason for leaving goes with closing the client (--close)"), "\(r.err)")
        let word = try cli.run(["review", "c1", "--reason", "bored"] + Self.now)
        #expect(word.status == 64)
        #expect(word.err.contains("another-therapist"), "the choices are listed: \(word.err)")
        let who = try cli.run(["lapsed", "--practitioner", "Nobody"] + Self.now)
        #expect(who.status == 1)
        #expect(who.err.contains("no practitioner 'Nobody'"), "\(who.err)")
        #expect(try cli.run(["lapsed", "--due", "--new"] + Self.now).status == 64)
        #expect(cli.bytes() == before)
    }

    @Test func whyLeftReportsReasonsByPractitionerAndQuarter() throws {
        let cli = try Self.practice()
        try cli.ok(["review", "c3", "--reason", "cost", "--now", "2026-11-23T10:00:00Z"])
        try cli.ok(["review", "c2", "--close", "moved-away", "--reason", "moved-away", "--now", "2026-11-23T10:05:00Z"])
        try cli.ok(["review", "c1", "--close", "discharged", "--now", "2026-11-23T10:06:00Z"])
        let text = try cli.output(["report", "why-left"] + Self.now)
        #expect(text.hasPrefix("Why clients left — Riverside Therapy Rooms\nPeriod: 2025-10-01 to 2026-11-23"), "\(text)")
        #expect(text.contains("Anna Okafor (2 closed)") && text.contains("Ben Hart (1 closed)"), "\(text)")
        #expect(text.contains("not recorded"), "Mo's close had no reason")
        let lines = text.split(separator: "\n").map(String.init)
        let cost = lines.first { $0.hasPrefix("cost") } ?? ""
        #expect(cost.split(separator: " ").map(String.init) == ["cost", "0", "0", "0", "0", "1", "1"], "\(cost)")

        let json = try JSONSerialization.jsonObject(with: Data(try cli.output(["report", "why-left", "--json"] + Self.now).utf8)) as? [String: Any]
        #expect(json?["report"] as? String == "why-left")
        let ps = json?["practitioners"] as? [[String: Any]] ?? []
        #expect(ps.map { $0["name"] as? String } == ["Anna Okafor", "Ben Hart"])
        #expect(ps.map { $0["closed"] as? Int } == [2, 1])
        let annaCost = (ps.first?["reasons"] as? [[String: Any]])?.first { $0["reason"] as? String == "cost" }
        #expect((annaCost?["total"] as? [String: Any])?["value"] as? Double == 1)

        let csv = try cli.output(["report", "why-left", "--csv"] + Self.now)
        #expect(csv.contains("why-left,byPractitioner,Anna Okafor,2026-Q4,cost,cost,1,1,,clients,"), "\(csv.prefix(600))")
    }
}
