import Foundation
import Testing
@testable import KeepwarmCore

/// QA D2 through the real binary: a close of a client another desk (another process) already closed is refused with
/// one line and nothing written, and why-left counts a client once even in a log that holds two closes.
@Suite struct SecondCloseCLITests {
    @Test func aSecondCloseFromAnotherDeskIsRefusedAndWritesNothing() throws {
        let cli = try WeeklyReviewCLITests.practice()
        _ = try cli.output(["review", "c3", "--reason", "moved-away", "--now", "2026-11-23T10:00:00Z"], env: ["KEEPWARM_USER": "desk2"])
        let before = cli.bytes()
        let again = try cli.run(["review", "c3", "--reason", "cost"] + WeeklyReviewCLITests.now)
        #expect(again.status == 1, "a close of a closed client is refused, not recorded (rc \(again.status))")
        #expect(again.err.contains("Ivy Stone (c3) was already closed by desk2 on 2026-11-23, moved away; nothing recorded"), "\(again.err)")
        #expect(again.err.split(separator: "\n").count == 1, "one line: \(again.err)")
        #expect(cli.bytes() == before, "nothing written")
        let closeWithStatus = try cli.run(["review", "c3", "--close", "discharged"] + WeeklyReviewCLITests.now)
        #expect(closeWithStatus.status == 1 && cli.bytes() == before)
        // Contact and snoozes are not closes: the client's card can still record them (they are not on the list).
        let text = try cli.output(["report", "why-left"] + WeeklyReviewCLITests.now)
        #expect(text.contains("Anna Okafor (1 closed)"), "\(text)")
    }

    /// A log written before the refusal can hold two closes of one client: the last one is the one counted.
    @Test func whyLeftCountsAClientOnceTheLastCloseWinning() throws {
        let cli = try WeeklyReviewCLITests.practice()
        _ = try cli.output(["review", "c3", "--reason", "moved-away", "--now", "2026-11-23T10:00:00Z"], env: ["KEEPWARM_USER": "desk2"])
        // The second close as an older binary wrote it: straight to the log, past today's check.
        let log = try EventLog.open(path: cli.log)
        _ = try log.append(by: "sam", at: DateInput.parseZonedISO("2026-11-23T10:01:00Z")!) { _ in
            .lapseReviewed(ClientID(3), .closed(.discharged), note: nil, detail: ReviewDetail(reason: .cost, practitioner: PractitionerID(1)))
        }
        let lines = try cli.output(["report", "why-left"] + WeeklyReviewCLITests.now).split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("Anna Okafor (1 closed)") }, "\(lines)")
        let cost = lines.first { $0.hasPrefix("cost") } ?? ""
        #expect(cost.split(separator: " ").map(String.init) == ["cost", "0", "0", "0", "0", "1", "1"], "the last close (cost) counts: \(cost)")
        let moved = lines.first { $0.hasPrefix("moved away") } ?? ""
        #expect(moved.split(separator: " ").map(String.init) == ["moved", "away", "0", "0", "0", "0", "0", "0"], "the first close no longer counts: \(moved)")
    }
}
