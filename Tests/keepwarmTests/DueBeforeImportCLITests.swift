import Foundation
import Testing
@testable import KeepwarmCore

/// What fell due before a client or appointment came in by import is the old system's business: `autopilot run`
/// does not send it (the old system may have), `autopilot preview` lists it for a person with why, and what falls due
/// after the import still goes. Through the real binary, real msmtp and a real SMTP server.
@Suite struct DueBeforeImportCLITests {
    /// A Cliniko-shaped patients export (its data export's headers): Ada and Bob with their ids, Dee with only a last
    /// visit the day before the import (a client-only export's history).
    let clients = """
        Patient ID,First Name,Last Name,Email,Mobile,Accepts Email Marketing,Last Appointment
        401,Ada,Lovelace,ada@example.org,07700 900401,Yes,
        402,Bob,Smith,bob@example.org,07700 900402,Yes,
        403,Dee,Jones,dee@example.org,07700 900403,Yes,2026-11-22

        """
    /// Cliniko's appointments export: Ada's session yesterday (its post-session fell due before the import), Bob's
    /// tomorrow (its reminder falls due today, after the import).
    let appointments = """
        Patient ID,Practitioner,Appointment Start,Appointment End
        401,Anna Okafor,2026-11-22 10:00,2026-11-22 11:00
        402,Anna Okafor,2026-11-24 10:00,2026-11-24 11:00

        """

    @Test func messagesDueBeforeTheImportAreLeftToAPersonAndTheRestGo() throws {
        let ap = try AutopilotPractice()
        let dir = ap.cli.dir
        try Data(clients.utf8).write(to: URL(fileURLWithPath: dir + "/patients.csv"))
        try Data(appointments.utf8).write(to: URL(fileURLWithPath: dir + "/appointments.csv"))
        try ap.ok(["import", "clients", dir + "/patients.csv", "--preset", "cliniko", "--commit", "--now", "2026-11-23T08:00:00Z"])
        try ap.ok(["import", "appointments", dir + "/appointments.csv", "--preset", "cliniko", "--commit", "--now", "2026-11-23T08:05:00Z"])
        // Cy, seen in Keepwarm after the import: his post-session is Keepwarm's.
        try ap.ok(["client", "add", "--name", "Cy Young", "--email", "cy@example.org", "--now", "2026-11-23T08:10:00Z"])
        try ap.ok(["book", "c4", "--at", "2026-11-23 08:30", "--now", "2026-11-23T08:10:00Z"])
        try ap.ok(["attend", "a3", "--now", "2026-11-23T09:00:00Z"])

        let preview = try ap.ok(["autopilot", "preview", "--now", AutopilotPractice.now])
        let person = try #require(preview.components(separatedBy: "Needs a person (2)").last)
        let reason = "stopped   due before it was imported on 2026-11-23: check the old system sent it, then send it by hand or skip it"
        #expect(person.contains("Ada Lovelace (c1): post-session by email to ada@example.org"), "\(preview)")
        #expect(person.contains("Dee Jones (c3): post-session by email to dee@example.org"), "\(preview)")
        #expect(person.components(separatedBy: reason).count == 3, "\(preview)")
        #expect(person.contains("why       attended 2026-11-22 (imported)"), "Dee's visit is the imported last visit: \(preview)")
        #expect(preview.contains("Will go (2)"))
        // On the desk's follow-ups list, to send by hand or skip.
        let followups = try ap.ok(["followups", "--now", AutopilotPractice.now])
        #expect(followups.contains("Ada Lovelace") && followups.contains("Dee Jones"), "\(followups)")

        let smtp = try SmtpSink(dir: dir)
        let rc = dir + "/msmtprc"
        try SmtpSink.msmtprc(at: rc, port: smtp.port, from: "desk@riverside.example")
        try ap.configure(mail: "\(try Spawned.which("msmtp", package: "msmtp")) -C '\(rc)' -t")
        let (status, run) = try ap.runJSON()
        #expect(status == 0)
        #expect(AutopilotPractice.keys(run, outcome: "sent") == ["c2.reminder.2026-11-23.a2@2026-11-24T1000", "c4.post-session.2026-11-23.a3"])
        let mails = smtp.received().map { String(decoding: $0, as: UTF8.self) }
        #expect(mails.count == 2)
        #expect(!mails.contains { $0.contains("ada@example.org") || $0.contains("dee@example.org") }, "nothing twice")
        #expect(try ap.practice().autopilot.attempts.count == 2)
    }
}
