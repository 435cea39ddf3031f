import Foundation
import Testing

/// `keepwarm import appointments` with files whose dates or statuses need a decision: refused with one line and
/// nothing written, or read the way the file proves and said so.
@Suite struct ImportDatesCLITests {
    private let now = ["--now", "2026-11-23T09:00:00Z"]

    private func practice() throws -> CLI {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London"] + now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + now)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + now)
        try cli.ok(["client", "add", "--name", "Grace Hopper", "--phone", "07700 900124"] + now)
        return cli
    }

    private func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let path = cli.dir + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aFileThatCannotTellDayFromMonthIsRefusedInOneLineAndNothingIsWritten() throws {
        let cli = try practice()
        let file = try write(cli, "appointments.csv", "date,time,client\n04/01/2026,10:00,Ada Lovelace\n05/02/2026,10:00,Grace Hopper\n")
        let before = cli.bytes()
        let r = try cli.run(["import", "appointments", file, "--commit"] + now)
        #expect(r.status == 1)
        #expect(r.out.isEmpty)
        #expect(r.err == "keepwarm: \(file): can't tell whether the dates are day first or month first (row 2 has 04/01/2026, row 3 has 05/02/2026); add --date-order dmy (day first, dd/mm/yyyy) or --date-order mdy (month first, mm/dd/yyyy)\n")
        #expect(cli.bytes() == before)

        // Told the order, the same file imports.
        let out = try cli.ok(["import", "appointments", file, "--date-order", "mdy", "--commit"] + now)
        #expect(out.contains("imported in one batch"))
        #expect(out.contains("note: dates read month first (mm/dd/yyyy), as --date-order mdy says"))
        // 1 April (month first), 10:00 in London's summer time.
        #expect(try cli.ok(["diary", "--date", "2026-04-01"] + now).contains("Ada Lovelace"))
        #expect(!(try cli.ok(["diary", "--date", "2026-01-04"] + now).contains("Ada Lovelace")))
    }

    @Test func aUSFileIsReadMonthFirstAndTheDryRunSaysWhy() throws {
        let cli = try practice()
        let file = try write(cli, "us.csv", """
            date,time,client,status
            04/01/2026,12:30 pm,Ada Lovelace,Show
            03/25/2026,12:30PM,Grace Hopper,Tentative
            03/26/2026,12:30 p.m.,Grace Hopper,Tentative

            """)
        let before = cli.bytes()
        let r = try cli.run(["import", "appointments", file] + now)
        #expect(r.status == 0)
        #expect(r.lines.contains("  note: dates read month first (mm/dd/yyyy): row 3 has 03/25/2026"))
        #expect(r.lines.contains("  2 rows left out, with a status Keepwarm doesn't know; say what each means with --status \"Word=attended|no-show|cancelled|late-cancelled|cancelled-by-practice|booked|skip\":"))
        #expect(r.lines.contains("    'Tentative': 2 rows (rows 3, 4)"))
        #expect(cli.bytes() == before)
        let out = try cli.ok(["import", "appointments", file, "--status", "Tentative=no-show", "--commit"] + now)
        #expect(out.contains("added: 3 appointments (a1–a3): 1 attended, 2 no-shows, 0 cancelled, 0 booked ahead"), "\(out)")
    }

    @Test func aBadDateOrderOrStatusIsOneLine() throws {
        let cli = try practice()
        let file = try write(cli, "a.csv", "date,time,client\n2026-04-01,10:00,Ada Lovelace\n")
        let before = cli.bytes()
        for (args, message) in [
            (["--date-order", "ymd"], "keepwarm: --date-order: 'ymd' is not an order; use dmy (day first, 25/03/2026) or mdy (month first, 03/25/2026)\n"),
            (["--status", "Tentative=perhaps"], "keepwarm: --status: 'perhaps' is not an outcome; use attended|no-show|cancelled|late-cancelled|cancelled-by-practice|booked|skip (as in --status \"Tentative=attended\")\n"),
        ] {
            let r = try cli.run(["import", "appointments", file, "--commit"] + args + now)
            #expect(r.status == 1)
            #expect(r.err == message)
        }
        #expect(cli.bytes() == before)
    }
}
