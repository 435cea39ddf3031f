import Foundation
import Testing

/// `keepwarm import appointments` across London's clock changes (QA D10): a start the clocks skip is refused with one
/// line naming it; a session in the hour the clocks go back through is as long as written; one spanning a change is
/// as long as the time that passed, as a calendar counts it.
@Suite struct SessionClockCLITests {
    private let now = ["--now", "2026-11-23T09:00:00Z"]

    @Test func clockChangesGiveTheWrittenSessionOrOneClearLine() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London"] + now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + now)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + now)
        let file = cli.dir + "/dst.csv"
        try Data("""
            client,start,end
            Ada Lovelace,2026-03-29 01:30,2026-03-29 02:30
            Ada Lovelace,2026-10-25 01:30,2026-10-25 02:30
            Ada Lovelace,2026-10-25 00:30,2026-10-25 03:30
            Ada Lovelace,2026-03-29 00:30,2026-03-29 02:30
            Ada Lovelace,2026-10-25 01:10,2026-10-25 01:50

            """.utf8).write(to: URL(fileURLWithPath: file))
        let out = try cli.ok(["import", "appointments", file, "--commit"] + now)
        #expect(out.contains("\(file):row 2: 01:30 on 29 Mar 2026 does not exist in Europe/London (clocks go forward): correct the time"), "\(out)")
        #expect(!out.contains("before it starts"))
        let log = String(decoding: cli.bytes(), as: UTF8.self)
        // 01:30–02:30 the night the clocks go back: the hour from the second 01:30 (01:30 GMT), not two hours.
        #expect(log.contains("\"start\":\"2026-10-25T01:30:00.000Z\",\"minutes\":60"), "\(log)")
        // Spanning the change: the time that passed (4 hours back, 1 hour forward).
        #expect(log.contains("\"start\":\"2026-10-24T23:30:00.000Z\",\"minutes\":240"))
        #expect(log.contains("\"start\":\"2026-03-29T00:30:00.000Z\",\"minutes\":60"))
        // Both ends inside the repeated hour: its first time, as written.
        #expect(log.contains("\"start\":\"2026-10-25T00:10:00.000Z\",\"minutes\":40"))
        #expect(try cli.ok(["diary", "--date", "2026-10-25"] + now).contains("01:30"))
    }
}
