import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm client add` through the real binary: a client already on the books (same name and phone or email, the
/// one rule in `Ownership`) is refused in one line naming them, unless `--even-if-duplicate`; consent to contact is
/// recorded only when asked (`--contact` or `--no-contact`), and the audit's consent step counts only those.
@Suite struct ClientAddCLITests {
    let at = ["--now", "2026-11-23T09:00:00Z"]

    @Test func aClientAlreadyOnTheBooksIsRefusedUnlessEvenIfDuplicate() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside"] + at)
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900111", "--contact"] + at)
        let before = cli.bytes()
        let r = try cli.run(["client", "add", "--name", "zoë  BRONTË", "--phone", "+44 7700 900111"] + at)
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: Zoë Brontë (c1) is already a client with the same name and phone: use their record, or add a second client anyway (--even-if-duplicate)\n")
        #expect(cli.bytes() == before, "nothing written")
        // The same name with another phone is someone else; the same name and phone added on purpose is allowed.
        #expect(try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900222", "--contact"] + at) == "c2")
        #expect(try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900111", "--even-if-duplicate", "--contact"] + at) == "c3")
        #expect(try cli.ok(["client", "add", "--name", "Zoë Brontë", "--email", "zoe@example.com", "--no-contact"] + at) == "c4")
        let e = try cli.run(["client", "add", "--name", "Zoë Brontë", "--email", " ZOE@example.com"] + at)
        #expect(e.err.contains("Zoë Brontë (c4) is already a client with the same name and email"))
    }

    /// A name on file with a line break or an escape in it is quoted visibly: the refusal stays one line, and nothing
    /// reaches the terminal as a control.
    @Test func theRefusalStaysOneLineWhateverTheNameOnFileHoldsInIt() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside"] + at)
        try cli.ok(["client", "add", "--name", "Nell\nGwyn\u{1B}[2J", "--phone", "07700 900111", "--contact"] + at)
        let r = try cli.run(["client", "add", "--name", "Nell Gwyn\u{1B}[2J", "--phone", "07700 900111"] + at)
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: Nell␊Gwyn␛[2J (c1) is already a client with the same name and phone: use their record, or add a second client anyway (--even-if-duplicate)\n", "\(r.err.debugDescription)")
    }

    /// Accents are ignored as search ignores them: "Zoe Bronte" typed on a keyboard without ë is the Zoë on file.
    @Test func aNameTypedWithoutItsAccentsIsTheSameClient() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside"] + at)
        try cli.ok(["client", "add", "--name", "Zoë Brontë", "--phone", "07700 900111", "--contact"] + at)
        let before = cli.bytes()
        let r = try cli.run(["client", "add", "--name", "Zoe Bronte", "--phone", "+44 7700 900111", "--no-contact"] + at)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("keepwarm: Zoë Brontë (c1) is already a client with the same name and phone"), "\(r.err)")
        #expect(cli.bytes() == before, "nothing written")
    }

    @Test func consentIsRecordedOnlyWhenAsked() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside"] + at)
        try cli.ok(["client", "add", "--name", "Asked Yes", "--contact"] + at)
        try cli.ok(["client", "add", "--name", "Asked No", "--no-contact"] + at)
        try cli.ok(["client", "add", "--name", "Not Asked"] + at)
        let p = try EventLog.open(path: cli.log).practice
        #expect(p.clients.map(\.consentRecorded) == [true, true, false])
        #expect(p.clients.map(\.contact) == [true, false, true], "not asked: contact allowed, as for an import without the columns")
        let log = String(decoding: cli.bytes(), as: UTF8.self)
        #expect(log.contains(#""name":"Not Asked","crc""#), "no contact or newsletter field: unset, distinct from no")
        let evidence = AuditEvidence.all(p, window: AuditWindow(end: DateInput.parseZonedISO("2026-11-24T09:00:00Z")!))
        let consent = evidence.first { $0.step == 3 }
        #expect(consent?.numerator == 2 && consent?.denominator == 3, "2 of 3 new clients answered: \(String(describing: consent))")
    }
}
