import Foundation
import Testing

/// A cell far longer than its field could mean (QA D4: a 10 MB "source" was imported whole, and the client list then
/// took 8.9 s) rejects its row in the dry run, with the row, the column and the limit; nothing of it is written.
@Suite struct CellLimitsCLITests {
    private let now = ["--now", "2026-11-23T09:00:00Z"]

    @Test func aCellLongerThanItsFieldAllowsRejectsItsRowAndNothingOfItIsWritten() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London"] + now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + now)
        let file = cli.dir + "/big.csv"
        let huge = String(repeating: "x", count: 10_000_000)
        let longPhone = String(repeating: "7", count: 101)
        try Data("Name,Phone,Source\nAda,07700 900121,\(huge)\nCy,\(longPhone),GP\nBob,07700 900122,Google\n".utf8)
            .write(to: URL(fileURLWithPath: file))
        let before = cli.bytes()
        let dry = try cli.ok(["import", "clients", file] + now)
        #expect(dry.contains("  would add: 1 client (c1)"), "\(dry.prefix(500))")
        #expect(dry.contains("\(file):row 2: Source is 10,000,000 characters long; a source is at most 1,000: shorten it in the file"))
        #expect(dry.contains("\(file):row 3: Phone is 101 characters long; a phone is at most 100: shorten it in the file"))
        #expect(dry.utf8.count < 5_000, "the cell is not echoed back")
        #expect(cli.bytes() == before, "a dry run writes nothing")

        try cli.ok(["import", "clients", file, "--commit"] + now)
        #expect(cli.bytes().count < 10_000, "the 10 MB cell is not in the log")
        let list = try cli.ok(["client", "list"] + now)
        #expect(list.contains("Bob") && !list.contains("Ada") && !list.contains("Cy"), "\(list)")

        // An appointments file: a 5,000-character status is refused on its row, not listed as an unknown status word.
        let appts = cli.dir + "/appointments.csv"
        let status = String(repeating: "s", count: 5_000)
        try Data("client,start,status\nBob,2026-11-24 10:00,\(status)\nBob,2026-11-25 10:00,booked\n".utf8).write(to: URL(fileURLWithPath: appts))
        let a = try cli.ok(["import", "appointments", appts] + now)
        #expect(a.contains("\(appts):row 2: status is 5,000 characters long; a status is at most 1,000: shorten it in the file"), "\(a.prefix(600))")
        #expect(a.contains("would add: 1 appointment (a1)"), "\(a.prefix(600))")
        #expect(a.utf8.count < 5_000)
    }
}
