import Foundation
import Testing

/// `keepwarm site …` and `--site` through the real binary: sites are added, listed and renamed; a wrong site or a
/// practitioner from another site is one line and writes nothing; the diary, free times, reports and the audit
/// narrow to one site; a practice without sites prints exactly what it did before sites existed.
@Suite struct SiteCLITests {
    let at = ["--now", "2026-12-07T09:00:00Z"]

    /// Anna at Riverside (s1), Ben at Hilltop (s2), both working weekdays; Ada with Anna at 10:00 and Grace with Ben
    /// at 11:00 on Tuesday 8 December.
    func practice() throws -> CLI {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        #expect(try cli.ok(["site", "add", "--name", "Riverside", "--address", "1 Quay St"] + at) == "s1")
        #expect(try cli.ok(["site", "add", "--name", "Hilltop"] + at) == "s2")
        #expect(try cli.ok(["practitioner", "add", "--name", "Anna Okafor", "--site", "Riverside"] + at) == "p1")
        try cli.ok(["practitioner", "add", "--name", "Ben Adams"] + at)
        #expect(try cli.ok(["practitioner", "edit", "p2", "--site", "s2"] + at) == "p2: s2")
        for p in ["p1", "p2"] { try cli.ok(["practitioner", "hours", p, "mon-fri=09:00-17:00"] + at) }
        try cli.ok(["client", "add", "--name", "Ada Lovelace"] + at)
        try cli.ok(["client", "add", "--name", "Grace Hopper"] + at)
        #expect(try cli.ok(["book", "c1", "--at", "2026-12-08 10:00", "--with", "Anna Okafor"] + at) == "a1")
        #expect(try cli.ok(["book", "c2", "--at", "2026-12-08 11:00", "--site", "Hilltop"] + at) == "a2")
        return cli
    }

    func json(_ cli: CLI, _ args: [String]) throws -> [[String: Any]] {
        let r = try cli.run(args + ["--json"])
        guard r.status == 0, let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] else {
            throw Failure("keepwarm \(args.joined(separator: " ")): \(r.err)\(r.out)")
        }
        return rows
    }

    @Test func sitesAreAddedListedAndRenamed() throws {
        let cli = try practice()
        #expect(try cli.ok(["site", "rename", "s2", "--name", "Hilltop Studio"] + at) == "s2: Hilltop Studio")
        let rows = try cli.json("site", "list", "--now", "2026-12-07T09:00:00Z")
        #expect(rows.map { $0["name"] as? String } == ["Riverside", "Hilltop Studio"])
        #expect(rows[0]["address"] as? String == "1 Quay St")
        #expect(rows.map { $0["practitioners"] as? [String] ?? [] } == [["p1"], ["p2"]])
        #expect(try cli.ok(["site", "list"] + at).contains("s2  Hilltop Studio             Ben Adams (p2)"))
    }

    @Test func aWrongSiteOrAPractitionerFromElsewhereIsOneLineAndWritesNothing() throws {
        let cli = try practice()
        let before = cli.bytes()
        let cases: [([String], String)] = [
            (["book", "c1", "--at", "2026-12-08 13:00", "--with", "p2", "--site", "s1"],
             "keepwarm: Ben Adams (p2) works at Hilltop (s2), not Riverside (s1): book someone who works there, or leave out --site\n"),
            (["book", "c1", "--at", "2026-12-08 13:00", "--site", "Uptown"],
             "keepwarm: no site 'Uptown': use an id or exact name from `keepwarm site list` (s1 Riverside, s2 Hilltop)\n"),
            (["site", "add", "--name", "riverside"],
             "keepwarm: there is already a site called 'Riverside' (s1); names must differ so --site can find them\n"),
            (["practitioner", "edit", "p1", "--site", "s1"], "keepwarm: Anna Okafor (p1) already works at Riverside (s1); nothing to change\n"),
            (["practitioner", "add", "--name", "Cleo", "--site", "s9"],
             "keepwarm: no site 's9': use an id or exact name from `keepwarm site list` (s1 Riverside, s2 Hilltop)\n"),
        ]
        for (args, message) in cases {
            let r = try cli.run(args + at)
            #expect(r.status == 1, "\(args)")
            #expect(r.err == message)
            #expect(r.out.isEmpty)
            #expect(cli.bytes() == before, "nothing written for \(args)")
        }
    }

    /// A site named with 500 characters (and one typed with 500): an unknown --site is still one short line, each
    /// name cut with `…`, at most eight sites listed, and nothing written.
    @Test func anUnknownSiteAmongLongNamesIsOneShortLine() throws {
        let cli = try practice()
        let long = String(repeating: "L", count: 500)
        #expect(try cli.ok(["site", "add", "--name", long] + at) == "s3")
        for i in 4...10 { try cli.ok(["site", "add", "--name", "Site \(i)"] + at) }
        let before = cli.bytes()
        for args in [["diary", "--site", "Nowhere"], ["free", "--site", String(repeating: "N", count: 500)], ["report", "sources", "--site", "x"]] {
            let r = try cli.run(args + at)
            #expect(r.status == 1 && r.out.isEmpty, "\(args)")
            #expect(r.err.hasPrefix("keepwarm: no site '") && r.err.filter { $0 == "\n" }.count == 1, "\(r.err)")
            #expect(r.err.count < 400 && r.err.contains("s3 \(String(repeating: "L", count: 29))…, ") && r.err.hasSuffix(", and 2 more)\n"), "\(r.err)")
            #expect(cli.bytes() == before, "nothing written for \(args)")
        }
    }

    @Test func theDiaryFreeTimesReportsAndAuditNarrowToOneSite() throws {
        let cli = try practice()
        // Anna moves to Hilltop: her booking made at Riverside stays there.
        try cli.ok(["practitioner", "edit", "Anna Okafor", "--site", "Hilltop"] + at)
        let day = ["--date", "2026-12-08", "--now", "2026-12-07T09:00:00Z"]
        #expect(try json(cli, ["diary"] + day).map { $0["id"] as? String } == ["a1", "a2"])
        #expect(try json(cli, ["diary", "--site", "s1"] + day).map { $0["id"] as? String } == ["a1"])
        let hill = try json(cli, ["diary", "--site", "Hilltop"] + day)
        #expect(hill.map { $0["id"] as? String } == ["a2"] && hill.map { $0["site"] as? String } == ["s2"])
        #expect(try cli.ok(["diary", "--site", "s1", "--date", "2026-12-09"] + at) == "No appointments on 2026-12-09 at Riverside.")

        let r = try cli.run(["free", "--site", "s1"] + at)
        #expect(r.status == 1 && r.err == "keepwarm: nobody works at Riverside (s1) yet: give a practitioner a site first\n")
        let free = try cli.json("free", "--site", "s2", "--limit", "3", "--now", "2026-12-07T09:00:00Z")
        #expect(Set(free.map { $0["practitioner"] as? String }) == [Optional("p1"), Optional("p2")])

        let later = ["--now", "2026-12-09T09:00:00Z"]
        try cli.ok(["attend", "a1"] + later)
        try cli.ok(["attend", "a2"] + later)
        let sources = try cli.output(["report", "sources", "--site", "s1", "--json"] + later)
        #expect(sources.contains("\"practice\":\"Riverside Therapy Rooms, Riverside site\""))
        #expect(sources.contains("\"label\":\"All sources\",\"newClients\":{\"key\":\"newClients\",\"label\":\"New clients\",\"value\":1,"))
        let whole = try cli.output(["report", "sources", "--json"] + later)
        #expect(whole.contains("\"label\":\"All sources\",\"newClients\":{\"key\":\"newClients\",\"label\":\"New clients\",\"value\":2,"))
        #expect(try cli.ok(["report", "retention", "--site", "Hilltop"] + later).hasPrefix("Retention — Riverside Therapy Rooms, Hilltop site"))
        #expect(try cli.ok(["audit", "--site", "s2"] + later).hasPrefix("Site: Hilltop (s2): evidence from its sessions and clients"))
    }

    @Test func aPracticeWithoutSitesPrintsWhatItDidBefore() throws {
        let cli = try CLI.adaBookedAtTen()
        let now = ["--now", "2026-11-23T08:00:00Z"]
        #expect(try cli.ok(["site", "list"] + now) == "No sites: the practice is one place. Add one with `keepwarm site add --name NAME`.")
        #expect(try cli.ok(["diary"] + now) == """
            TIME   ID  CLIENT        WITH         MIN  STATUS  FLAGS
            10:00  a1  Ada Lovelace  Anna Okafor  60   booked  first-visit
            """)
        #expect(!(try cli.output(["diary", "--json"] + now)).contains("site"))
        #expect(!String(decoding: cli.bytes(), as: UTF8.self).contains("site"))
        let r = try cli.run(["diary", "--site", "s1"] + now)
        #expect(r.status == 1 && r.err == "keepwarm: this practice has no sites yet: add one with `keepwarm site add --name NAME`\n")
    }
}
