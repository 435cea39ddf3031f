import Foundation
import Testing
@testable import KeepwarmCore

/// QA D4: the owner names an owner for all 16 steps from the command line while the console is open; the console's
/// audit summary says 16 of 16, as `keepwarm audit`, `--json` and the printable page do (one function,
/// `AuditEvidence.ownersAndReviews`), not the "0 of 16" its minute-old evidence held.
@Suite(.serialized) struct AuditOwnersTmuxTests {
    static let now = "2026-11-23T10:30:00Z"

    @Test func ownersNamedOnAnotherDeskShowInTheSummaryAtOnce() throws {
        let cli = try CLI.adaBookedAtTen()
        let t = try Tmux(width: 132, height: 43, command: [CLI.binary, "--now", Self.now],
                         env: ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"])
        defer { t.kill() }
        try t.waitFor("Journey audit")
        for step in 1...16 { try cli.ok(["audit", "answer", String(step), "no", "--owner", "Sam", "--now", Self.now]) }
        let expected = "owners named for 16 of 16 steps"
        #expect(try cli.ok(["audit", "--now", Self.now]).contains(expected))
        #expect(try cli.ok(["audit", "--json", "--now", Self.now]).contains(expected))
        try cli.ok(["audit", "report", "--out", cli.dir + "/audit.html", "--now", Self.now])
        #expect(String(decoding: FileManager.default.contents(atPath: cli.dir + "/audit.html") ?? Data(), as: UTF8.self).contains(expected))
        try t.send("4", "w")
        // The walkthrough opens at the first step the console has not yet seen answered: on a busy machine the last
        // answers may reach it a moment after `w`, and it then opens at step 16 (showing that answer once it
        // arrives), from where → moves on to the summary.
        let opened = try t.waitUntil(timeout: 10, "the walkthrough") {
            $0.contains("Journey audit — summary") || ($0.contains("step 16 of 16") && $0.contains("owner Sam"))
        }
        if !opened.contains("Journey audit — summary") { try t.sendKey("Right") }
        // The audit pane names step 16 too: wait for the walkthrough's summary itself.
        let summary = try t.waitUntil(timeout: 10, "the audit summary") { $0.contains("Journey audit — summary") && $0.contains("16. Named owners") }
        #expect(summary.contains("answered no; the log shows \(expected)"), "\(summary)")
        #expect(!summary.contains("owners named for 0 of 16"))
    }
}
