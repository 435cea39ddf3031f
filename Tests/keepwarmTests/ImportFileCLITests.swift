import Foundation
import Testing

/// Real file shapes through the real binary: a Mindbody-shaped report saved by Excel on Windows (Windows-1252, CRLF),
/// with its row of column numbers above the header and its record count below the data.
@Suite struct ImportFileCLITests {
    @Test func aWindows1252MindbodyReportImportsItsClientsAndSaysWhatItSkipped() throws {
        let cli = CLI()
        try cli.ok("init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London", "--now", "2026-11-23T09:00:00Z")
        let text = "1,2,3,4,5\r\nFirst Name,Last Name,Email,Mobile Phone,Referral Source\r\n"
            + "Zo\u{EB},Bront\u{EB},zoe@example.com,07700 900123,Caf\u{E9} flyer\r\n"
            + "Ada,Lovelace,ada@example.com,07700 900124,Google\r\n\r\nTotal records: 2,,,,\r\n"
        // Latin-1 and Windows-1252 agree on these letters: one byte each.
        let path = cli.dir + "/mindbody.csv"
        try Data(text.unicodeScalars.map { UInt8($0.value) }).write(to: URL(fileURLWithPath: path))
        let map = ["--map", "First Name=first,Last Name=last,Email=email,Mobile Phone=phone,Referral Source=source"]
        let before = cli.bytes()
        let dry = try cli.run(["import", "clients", path] + map + ["--now", "2026-11-23T09:00:00Z"])
        #expect(dry.status == 0)
        // The lines after these show the columns as mapped (ImportMappingTests).
        #expect(Array(dry.lines.prefix(14)) == [
            "\(path): 2 rows; dry run, nothing written (add --commit to import)",
            "  would add: 2 clients (c1–c2)",
            "  note: 2 clients with no contact or newsletter answer in the file: consent counted as not asked (contact allowed, no newsletter); ask them at their next visit",
            "  read as Windows-1252 text",
            "  1 row above the header (row 2), not read:",
            "    \(path):row 1: 1,2,3,4,5",
            "  1 row after the data read as the report's footer, not imported:",
            "    \(path):row 6: Total records: 2",
            "  columns (correct with --map \"Column=field\"; keep for the next file with --save-map NAME):",
            "    First Name      → first   (--map)",
            "    Last Name       → last    (--map)",
            "    Email           → email   (--map)",
            "    Mobile Phone    → phone   (--map)",
            "    Referral Source → source  (--map)",
        ], "\(dry.out)")
        #expect(cli.bytes() == before)

        try cli.ok(["import", "clients", path] + map + ["--commit", "--now", "2026-11-23T09:00:00Z"])
        let clients = try cli.json("client", "list", "--now", "2026-11-23T09:00:00Z")
        #expect(clients.map { $0["name"] as? String } == ["Zoë Brontë", "Ada Lovelace"])
        #expect(clients.map { $0["source"] as? String } == ["Café flyer", "Google"])
    }
}
