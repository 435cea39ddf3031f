import Foundation
import Testing

/// A Cliniko-shaped patient export, with a Windows line end, a quoted field holding a comma and a line break, a row
/// that repeats another and a row with a bad email.
private let patients = "first_name,last_name,date_of_birth,email,mobile,referral_source,notes\r\n"
    + "Ada,Lovelace,1815-12-10,ada@example.com,07700 900123,Google,\"likes tea,\r\nnot coffee\"\r\n"
    + "Grace,Hopper,1906-12-09,grace@example.com,07700 900124,\"GP: Riverside Surgery\",\r\n"
    + "Ada,Lovelace,,ADA@example.com,,Google,\r\n"
    + "Mo,Farah,,mo@example,07700 900444,Instagram,\r\n"

private let appointments = """
    starts_at,ends_at,patient_name,practitioner_name,did_not_arrive,cancelled_at
    2026-08-03T09:00:00Z,2026-08-03T10:00:00Z,Ada Lovelace,Anna Okafor,,
    2026-08-31T09:00:00Z,2026-08-31T10:00:00Z,Ada Lovelace,Anna Okafor,true,
    2026-11-02T10:00:00Z,2026-11-02T11:00:00Z,Grace Hopper,Ben Carter,,
    2026-11-30T10:00:00Z,2026-11-30T11:00:00Z,Grace Hopper,Ben Carter,,

    """

@Suite struct ImportCLITests {
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

    @Test func theDefaultIsADryRunThatListsDuplicatesAndRejectionsAndWritesNothing() throws {
        let cli = try practice()
        let file = try write(cli, "patients.csv", patients)
        let before = cli.bytes()
        let r = try cli.run(["import", "clients", file, "--preset", "cliniko", "--now", "2026-11-23T09:00:00Z"])
        #expect(r.status == 0)
        #expect(r.lines == [
            "\(file): 4 rows; dry run, nothing written (add --commit to import)",
            "  would add: 2 clients (c1–c2)",
            "  1 duplicate, skipped:",
            "    \(file):row 4: Ada Lovelace: same name and email as row 2",
            "  1 rejected (fix them in the file and import it again; the rest is not held up):",
            "    \(file):row 5: 'mo@example' doesn't look like an email address (name@example.com)",
            "  note: 2 clients with no contact or newsletter answer in the file: consent counted as not asked (contact allowed, no newsletter); ask them at their next visit",
            "  columns not imported: 'date_of_birth', 'notes'",
            "  columns (correct with --map \"Column=field\"; keep for the next file with --save-map NAME):",
            "    first_name      → first   (cliniko preset)",
            "    last_name       → last    (cliniko preset)",
            "    date_of_birth     not imported",
            "    email           → email   (cliniko preset)",
            "    mobile          → phone   (cliniko preset)",
            "    referral_source → source  (cliniko preset)",
            "    notes             not imported",
        ])
        #expect(cli.bytes() == before)
    }

    @Test func commitWritesTheImportAndTheListsShowItFromTheFirstDay() throws {
        let cli = try practice()
        let file = try write(cli, "patients.csv", patients)
        let out = try cli.ok("import", "clients", file, "--preset", "cliniko", "--commit", "--now", "2026-11-23T09:00:00Z")
        #expect(out.hasPrefix("\(file): 4 rows; imported in one batch\n  added: 2 clients (c1–c2)\n  1 duplicate, skipped:"))

        let clients = try cli.json("client", "list", "--now", "2026-11-23T09:00:00Z")
        #expect(clients.map { $0["name"] as? String } == ["Ada Lovelace", "Grace Hopper"])
        #expect(clients.map { $0["source"] as? String } == ["Google", "GP: Riverside Surgery"])
        let log = String(decoding: cli.bytes(), as: UTF8.self)
        #expect(!log.contains("1815-12-10") && !log.contains("likes tea"))

        let visits = try write(cli, "appointments.csv", appointments)
        let booked = try cli.ok("import", "appointments", visits, "--preset", "cliniko", "--commit", "--now", "2026-11-23T09:00:00Z")
        #expect(booked.contains("  added: 4 appointments (a1–a4): 2 attended, 1 no-show, 0 cancelled, 1 booked ahead\n  added: 1 practitioner: Ben Carter (p2)"))

        // Ada last came on 3 August and has nothing booked: lapsed, counted from that visit, not from the import.
        let lapsed = try cli.json("lapsed", "--now", "2026-11-23T09:00:00Z")
        #expect(lapsed.map { $0["name"] as? String } == ["Ada Lovelace"])
        #expect(lapsed.first?["lastVisit"] as? String == "2026-08-03")
        #expect(lapsed.first?["daysSince"] as? Int == 112)
        let diary = try cli.json("diary", "--date", "2026-11-30", "--now", "2026-11-23T09:00:00Z")
        #expect(diary.map { $0["practitioner"] as? String } == ["Ben Carter"])
        #expect(diary.first?["flags"] as? [String] == ["second-visit"])

        // Running the same imports again writes nothing: every row is already there.
        let size = cli.bytes().count
        let clientsAgain = try cli.ok("import", "clients", file, "--preset", "cliniko", "--commit", "--now", "2026-11-23T09:05:00Z")
        #expect(clientsAgain.hasPrefix("\(file): 4 rows; nothing to import, nothing written\n  2 rows already imported, skipped:\n    \(file):row 2: Ada Lovelace: imported before as c1"), "\(clientsAgain)")
        let again = try cli.ok("import", "appointments", visits, "--preset", "cliniko", "--commit", "--now", "2026-11-23T09:05:00Z")
        #expect(again.hasPrefix("\(visits): 4 rows; nothing to import, nothing written\n  4 rows already imported, skipped:\n    \(visits):row 2: 2026-08-03 10:00 for Ada Lovelace: already in the log as a1"), "\(again)")
        #expect(cli.bytes().count == size)
    }

    @Test func anExcelSemicolonFileWithItsOwnColumnsImportsThroughMap() throws {
        let cli = try practice()
        let path = cli.dir + "/excel.csv"
        let text = "Given;Family;Tel;Heard of us;DOB\r\n\"Grace\";\"Hopper; Jr\";07700 900124;Friend;01/02/1990\r\n"
        try Data([0xEF, 0xBB, 0xBF] + Array(text.utf8)).write(to: URL(fileURLWithPath: path))
        let out = try cli.ok("import", "clients", path, "--map", "Given=first,Family=last,Tel=phone,Heard of us=source",
                             "--commit", "--now", "2026-11-23T09:00:00Z")
        #expect(out.hasPrefix("\(path): 1 row; imported in one batch\n  added: 1 client (c1)"))
        #expect(out.hasSuffix("columns not imported: 'DOB'"))
        let clients = try cli.json("client", "list", "--now", "2026-11-23T09:00:00Z")
        #expect(clients.map { $0["name"] as? String } == ["Grace Hopper; Jr"])
        #expect(clients.map { $0["phone"] as? String } == ["07700 900124"])
        #expect(clients.map { $0["source"] as? String } == ["Friend"])
    }

    @Test func aBadFileOrMapGetsOneLineSayingWhatToDoAndWritesNothing() throws {
        let cli = try practice()
        let before = cli.bytes()
        let xls = cli.dir + "/old.xls"
        try Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1] + [UInt8](repeating: 0, count: 504)).write(to: URL(fileURLWithPath: xls))
        let cases: [([String], String)] = [
            (["import", "clients", xls, "--commit"],
             "keepwarm: \(xls) is an old Excel workbook (.xls), which can't be read: open it in Excel and use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8, then import that file"),
            (["import", "clients", cli.dir + "/none.csv", "--commit"],
             "keepwarm: no file \(cli.dir)/none.csv: check the name, or give the full path"),
            (["import", "clients", try write(cli, "p.csv", patients), "--map", "date_of_birth=dob", "--commit"],
             "keepwarm: --map: the date of birth is not kept: Keepwarm holds only what it needs to keep in touch (data minimisation); leave the column 'date_of_birth' out of the map"),
            (["import", "appointments", try write(cli, "a.csv", "When,Who\n2026-01-01,Ada\n"), "--preset", "jane", "--commit"],
             "keepwarm: \(cli.dir)/a.csv: no column says who the appointment is for; the jane preset looks for"),
        ]
        for (args, message) in cases {
            let r = try cli.run(args)
            #expect(r.status == 1, "\(args)")
            #expect(r.out.isEmpty)
            #expect(r.err.hasPrefix(message), "\(r.err)")
            #expect(r.err.split(separator: "\n").count == 1, "\(r.err)")
        }
        #expect(cli.bytes() == before)
    }
}
