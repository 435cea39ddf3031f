import Foundation
import Testing
@testable import KeepwarmCore

/// QA D1 on the CLI: `client show` prints the card's History, oldest first, with each review's channel, reason and
/// note, and `--json` carries it (`history`, and `reviews` with their parts as the log's words).
@Suite struct ClientShowHistoryCLITests {
    @Test func clientShowPrintsTheHistoryWithHowWhyAndTheNote() throws {
        let cli = try WeeklyReviewCLITests.practice()
        try cli.ok(["touch", "c1", "--kind", "re-engage", "--via", "text", "--now", "2026-11-21T09:00:00Z"])
        try cli.ok(["review", "c1", "--reason", "another-therapist", "--via", "sms", "--note", "Sees someone nearer work"]
                   + WeeklyReviewCLITests.now)
        let text = try cli.output(["client", "show", "c1"] + WeeklyReviewCLITests.now)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let start = try #require(lines.firstIndex { $0.hasPrefix("History (") }, "\(text)")
        #expect(lines[start] == "History (5, oldest first)")
        let history = lines[(start + 1)...].filter { !$0.isEmpty }
        #expect(history.count == 5, "\(history)")
        #expect(history[0].contains("session a1 with Anna Okafor, attended"))
        #expect(history[1].contains("review: contacted by phone"))
        #expect(history[2].contains("reactivation-letter by letter"))
        #expect(history[3].contains("re-engage by SMS"), "one word for one channel (D14): \(history[3])")
        #expect(history[4].contains("review: closed, found another therapist by SMS: Sees someone nearer"), "\(history[4])")

        let o = try JSONSerialization.jsonObject(with: Data(try cli.output(["client", "show", "c1", "--json"] + WeeklyReviewCLITests.now).utf8)) as? [String: Any]
        let h = o?["history"] as? [[String: Any]] ?? []
        #expect(h.count == 5)
        #expect((h.first?["at"] as? String)?.hasPrefix("2026-09-01T") == true)
        let reviews = o?["reviews"] as? [[String: Any]] ?? []
        #expect(reviews.count == 2)
        #expect(reviews.last?["outcome"] as? String == "closed" && reviews.last?["status"] as? String == "discharged")
        #expect(reviews.last?["via"] as? String == "sms" && reviews.last?["reason"] as? String == "another-therapist")
        #expect(reviews.last?["practitioner"] as? String == "Anna Okafor" && reviews.last?["by"] as? String == "sam")
        #expect((reviews.last?["note"] as? String)?.hasPrefix("Sees someone nearer") == true)
        #expect(reviews.first?["via"] as? String == "phone" && reviews.first?["reason"] is NSNull)
    }
}
