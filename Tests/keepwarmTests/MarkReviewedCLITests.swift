import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm report sources --mark-reviewed`: the quarterly sources review of audit step 14 is the owner's mark, not a
/// look at the report (issue 16).
@Suite struct MarkReviewedCLITests {
    private func step14(_ cli: CLI, _ now: String) throws -> [String: Any] {
        let r = try cli.run(["audit", "--json", "--now", now])
        let o = try #require(try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [String: Any])
        return try #require((o["steps"] as? [[String: Any]])?[13])
    }

    @Test func lookingIsNotAReviewMarkingIsAndUndoTakesItBack() throws {
        let cli = CLI()
        try cli.ok("init", "--name", "Test Rooms", "--now", "2026-07-01 09:00")
        try cli.ok("client", "add", "--name", "Ada", "--source", "Google", "--now", "2026-07-01 09:00")
        try cli.ok("report", "sources", "--now", "2026-07-02 09:00")
        try cli.ok("report", "sources", "--csv", "--now", "2026-07-02 09:05")
        #expect(try step14(cli, "2026-07-02 10:00")["noData"] as? String == "no data: the sources report has never been marked reviewed")

        let before = cli.bytes()
        let refused = try cli.run(["report", "sources", "--mark-reviewed", "--json", "--now", "2026-07-02 09:10"])
        #expect(refused.status == 1)
        #expect(refused.err == "keepwarm: --mark-reviewed records the review and prints nothing else; leave out the other options\n")
        #expect(cli.bytes() == before)

        let out = try cli.ok("report", "sources", "--mark-reviewed", "--now", "2026-07-02 09:15")
        #expect(out.contains("marked the sources report reviewed on 2026-07-02 (audit step 14, this quarter)"))
        let p = try EventLog.open(path: cli.log).practice
        #expect(p.reportReviewed[.sources] != nil)
        let s = try step14(cli, "2026-07-02 10:00")
        #expect(s["numerator"] as? Int == 1 && s["denominator"] as? Int == 1)
        #expect(s["detail"] as? String == "last reviewed 2026-07-02")

        try cli.ok("undo", "--now", "2026-07-02 09:16")
        #expect(try EventLog.open(path: cli.log).practice.reportReviewed[.sources] == nil)
        #expect(try step14(cli, "2026-07-02 10:00")["noData"] as? String == "no data: the sources report has never been marked reviewed")
    }
}
