import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm settings --stale-thank-you-days N`: recorded in the log, shown by `settings`, refused out of range.
@Suite struct StaleThankYouCLITests {
    @Test func theSettingIsRecordedShownAndChecked() throws {
        let cli = try CLI.adaBookedAtTen()
        let shown = try cli.ok(["settings"])
        #expect(shown.split(separator: "\n").contains { $0.hasPrefix("staleThankYouDays") && $0.hasSuffix(" 14") }, "\(shown)")
        let changed = try cli.ok(["settings", "--stale-thank-you-days", "21", "--now", "2026-11-23T08:30:00Z"])
        #expect(changed.split(separator: "\n").contains { $0.hasPrefix("staleThankYouDays") && $0.hasSuffix(" 21") }, "\(changed)")
        #expect(try EventLog.open(path: cli.log).practice.settings.staleThankYouDays == 21)
        let refused = try cli.run(["settings", "--stale-thank-you-days", "0"])
        #expect(refused.status != 0)
        #expect(refused.err.contains("stale thank-you days must be between 1 and 3650, not 0"), "\(refused.err)")
    }
}
