import Foundation
import Testing

/// `keepwarm import clients` with files that say who must not be contacted, through the real binary: the dry run
/// counts each kind, the commit records them, and Keepwarm's own export comes back unchanged.
@Suite struct ClientImportCLITests {
    private func practice() throws -> CLI {
        let cli = CLI()
        try cli.ok("init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London", "--now", "2026-11-23T09:00:00Z")
        try cli.ok("practitioner", "add", "--name", "Anna Okafor", "--now", "2026-11-23T09:00:00Z")
        return cli
    }

    private func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let path = cli.dir + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// A Mindbody-shaped client export (Status Active/Inactive, an opt-out of marketing emails, a Do Not Contact flag).
    private let mindbody = """
        Client ID,Last Name,First Name,Email,Mobile Phone,Status,Opt-out of marketing emails,Do Not Contact
        100001,Ellis,Ruth,ruth@example.com,07700 900200,Inactive,No,No
        100002,Reed,Tom,tom@example.com,07700 900201,Active,Yes,No
        100003,Stone,Ivy,ivy@example.com,07700 900202,Active,No,Yes
        100004,Brontë,Zoë,zoe@example.com,07700 900203,Active,No,No
        100005,Hart,Gil,gil@example.com,07700 900204,Active,Perhaps,No

        """
    private let map = "Client ID=id,First Name=first,Last Name=last,Mobile Phone=phone,Status=status,Opt-out of marketing emails=unsubscribed,Do Not Contact=do-not-contact"

    @Test func theDryRunCountsWhoMustNotBeContactedAndTheCommitRecordsIt() throws {
        let cli = try practice()
        let file = try write(cli, "mindbody.csv", mindbody)
        let before = cli.bytes()
        let r = try cli.run(["import", "clients", file, "--map", map, "--now", "2026-11-23T09:00:00Z"])
        #expect(r.status == 0)
        #expect(Array(r.lines.prefix(5)) == [
            "\(file): 5 rows; dry run, nothing written (add --commit to import)",
            "  would add: 4 clients (c1–c4)",
            "  1 rejected (fix them in the file and import it again; the rest is not held up):",
            "    \(file):row 6: Opt-out of marketing emails is 'Perhaps'; use yes or no (or a date)",
            "  note: consent from the file: 1 do not contact, 1 inactive, 1 unsubscribed from email, 1 consent unknown (not asked: no marketing until they say yes; ask them at their next visit)",
        ])
        #expect(cli.bytes() == before)

        try cli.ok("import", "clients", file, "--map", map, "--commit", "--now", "2026-11-23T09:00:00Z")
        let clients = try cli.json("client", "list", "--now", "2026-11-23T09:00:00Z")
        #expect(clients.map { $0["name"] as? String } == ["Ruth Ellis", "Tom Reed", "Ivy Stone", "Zoë Brontë"])
        #expect(clients.map { $0["status"] as? String } == ["do-not-contact", "active", "do-not-contact", "active"])
        let log = String(decoding: cli.bytes(), as: UTF8.self)
        #expect(log.contains("\"reason\":\"inactive in mindbody.csv\""))
        #expect(log.contains("\"reason\":\"do not contact in mindbody.csv\""))
    }

    /// `keepwarm demo`, exported, imported into a new empty log with the default (keepwarm) preset and exported
    /// again: the same sheet apart from the ids and the columns that come from appointments and history.
    @Test func aDemoPracticesClientsExportImportsBackUnchanged() throws {
        let cli = try practice()
        let demo = cli.dir + "/demo.log"
        let now = ["--now", "2026-11-23T10:30:00Z"]
        try cli.ok(["demo", "--out", demo, "--events", "3000", "--seed", "15"] + now)
        try cli.ok(["export", "clients", "--log", demo, "--out", cli.dir + "/first.csv"] + now)
        let out = try cli.ok(["import", "clients", cli.dir + "/first.csv", "--commit"] + now)
        #expect(!out.contains("rejected (") && !out.contains("skipped:"), "\(out)")
        try cli.ok(["export", "clients", "--out", cli.dir + "/second.csv"] + now)
        let first = try rows(cli.dir + "/first.csv"), second = try rows(cli.dir + "/second.csv")
        #expect(first.count > 100 && first.count == second.count)
        #expect(first[0] == second[0])
        let skip = Set(["id", "referred by", "no-shows", "cancellations", "next booking"])
        let keep = first[0].indices.filter { !skip.contains(first[0][$0]) }
        for (a, b) in zip(first, second) { #expect(keep.map { a[$0] } == keep.map { b[$0] }) }
    }

    /// The rows as Python's csv module reads them (ExportCLITests' reader: an independent CSV parser).
    private func rows(_ path: String) throws -> [[String]] { try ExportCLITests().csvRows(path) }

    /// A client-only export (a Square-shaped customer list with First Visit, Last Visit and Transaction Count): the
    /// clients are on the lapsed list and the follow-ups on the first day, and the greeting uses the given name.
    @Test func aClientOnlyExportPutsClientsOnTheLapsedListOnDayOneAndGreetsThemByName() throws {
        let cli = try practice()
        let file = try write(cli, "square.csv", """
            Reference ID,Customer,Phone Number,First Visit,Last Visit,Transaction Count,Email Subscription Status
            sq1,"Brontë, Zoë",07700 900300,2025-02-03,2026-08-03,9,Subscribed
            sq2,Mary Ann Smith,07700 900301,2026-11-20,2026-11-20,1,
            sq3,Archie Vale,07700 900302,,,0,Unsubscribed

            """)
        let map = "Reference ID=id,Customer=name,Phone Number=phone,First Visit=first-visit,Last Visit=last-visit,Transaction Count=visits,Email Subscription Status=unsubscribed"
        try cli.ok("import", "clients", file, "--map", map, "--commit", "--now", "2026-11-23T09:00:00Z")
        let lapsed = try cli.json("lapsed", "--now", "2026-11-23T09:00:00Z")
        #expect(lapsed.map { $0["name"] as? String } == ["Zoë Brontë"])
        #expect(lapsed.first?["lastVisit"] as? String == "2026-08-03")
        #expect(lapsed.first?["daysSince"] as? Int == 112)
        #expect(lapsed.first?["sessions"] as? Int == 9)
        let preview = try cli.ok("preview", "c1", "--kind", "reactivation-letter", "--now", "2026-11-23T09:00:00Z")
        #expect(preview.contains("Dear Zoë,") && !preview.contains("Brontë,"), "\(preview)")
        let post = try cli.ok("preview", "c2", "--kind", "post-session", "--now", "2026-11-23T09:00:00Z")
        #expect(post.contains("Hello Mary,"), "\(post)")
        let exported = try cli.ok("export", "clients", "--now", "2026-11-23T09:00:00Z")
        #expect(exported.contains(",9,0,0,2025-02-03,2026-08-03,"), "\(exported)")
        // The desk's client list and card give the same answer as the lapsed list (QA: they showed 0 sessions).
        let listed = try cli.json("client", "list", "--now", "2026-11-23T09:00:00Z")
        #expect(listed.first?["sessions"] as? Int == 9 && listed.first?["lastVisit"] as? String == "2026-08-03", "\(listed)")
        let card = try cli.ok("client", "show", "c1", "--now", "2026-11-23T09:00:00Z")
        #expect(card.contains("9 attended (9 of them imported)") && card.contains("2026-08-03"), "\(card)")
    }
}

/// QA's D3 through the binary: the opt-out headers are mapped, counted in the dry run and recorded on commit.
@Suite struct ClientImportOptOutCLITests {
    @Test func optOutHeadersAreCountedAndRecorded() throws {
        let cli = CLI()
        try cli.ok("init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London", "--now", "2026-11-23T09:00:00Z")
        let file = cli.dir + "/optouts.csv"
        try Data("""
            Name,Mobile,Email,Do Not Email,Do Not Text,Do Not Call,Deceased,Do Not Mail,Marketing Opt Out
            A One,07700 900001,a1@example.com,Yes,,,,,
            B Two,07700 900002,b2@example.com,,Yes,,,,
            C Three,07700 900003,c3@example.com,,,Yes,,,
            G Seven,07700 900007,g7@example.com,,,,Yes,,
            H Eight,07700 900008,h8@example.com,,,,,Yes,
            I Nine,07700 900009,i9@example.com,,,,,,Yes

            """.utf8).write(to: URL(fileURLWithPath: file))
        let r = try cli.run(["import", "clients", file, "--now", "2026-11-23T09:00:00Z"])
        #expect(r.status == 0)
        #expect(r.lines.contains("  note: consent from the file: 1 deceased, 1 unsubscribed from email, 1 withdrew text consent, 1 withdrew post consent, 1 withdrew phone consent, 1 no marketing, 1 consent unknown (not asked: no marketing until they say yes; ask them at their next visit)"))
        #expect(!r.lines.contains { $0.contains("not imported") })
        try cli.ok("import", "clients", file, "--commit", "--now", "2026-11-23T09:00:00Z")
        let clients = try cli.json("client", "list", "--now", "2026-11-23T09:00:00Z")
        #expect(clients.map { $0["status"] as? String } == ["active", "active", "active", "deceased", "active", "active"])
        let log = String(decoding: cli.bytes(), as: UTF8.self)
        #expect(log.components(separatedBy: "\"given\":false").count - 1 == 4)
    }
}
