import Foundation
@testable import KeepwarmCore
import Testing
@testable import KeepwarmMessages

/// Every message and call script is signed by the log: the practitioner, else the practice, never a login name,
/// "unknown" or nothing (Docs/messages.md, "Who signs a message").
@Suite struct SignatureTests {
    /// Every kind rendered for `client` as the autopilot renders it: no sender given, the step's own purpose.
    func rendered(_ c: Clinic, _ client: ClientID, appointment: AppointmentID? = nil) throws -> [(MessageKind, RenderedMessage)] {
        try MessageKind.allCases.map { kind in
            let step: AutopilotStep? = switch kind {
            case .touchpoint(let k): AutopilotStep(touchpoint: k)
            case .thankYou: .referralThankYou
            }
            let context = MessageContext(appointment: appointment, channel: .email, purpose: step?.purpose ?? .service)
            let values = MessageValues.forClient(c.p, client, now: c.now, sender: "", config: UserConfig(), context: context)
            return (kind, try TemplateSet(directory: nil).template(kind).render(values))
        }
    }

    func neverALoginName(_ text: String, _ kind: MessageKind) {
        for bad in ["unknown", "test", "root", ProcessInfo.processInfo.environment["USER"] ?? "unknown"] {
            #expect(!text.lowercased().contains(bad.lowercased()), "\(kind.name) says \(bad)")
        }
    }

    @Test func aClientWithAPractitionerHearsFromThem() throws {
        let c = try Clinic(name: "Riverside Therapy")
        #expect(MessageValues.signature(c.p, client: c.ada, appointment: nil, now: c.now) == "Anna Okafor")
        for (kind, m) in try rendered(c, c.ada) {
            neverALoginName(m.subject + m.body, kind)
            if kind == .touchpoint(.followUpCall) {
                #expect(m.body.contains("\"Hello, is that Ada? It's Anna Okafor from Riverside Therapy. We sent you"))
            } else {
                #expect(m.body.contains("\nAnna Okafor\nRiverside Therapy\n"), "\(kind.name): \(m.body)")
            }
        }
    }

    @Test func aReminderIsSignedByTheAppointmentsPractitionerAndNamesIt() throws {
        let c = try Clinic(name: "Riverside Therapy")
        #expect(MessageValues.signature(c.p, client: c.ada, appointment: c.withBen, now: c.now) == "Ben Hale")
        let values = MessageValues.forClient(c.p, c.ada, now: c.now, sender: "", config: UserConfig(), context: MessageContext(appointment: c.withBen))
        #expect(values["appointment"] == "Monday 7 December at 14:00")
        #expect(values["next_booking"] == "Tuesday 24 November at 10:00")
        #expect(values["practitioner"] == "Ben Hale" && values["sender"] == "Ben Hale")
        #expect(DefaultTemplates.text(.touchpoint(.reminder)).contains("{{appointment}}"))
        #expect(!DefaultTemplates.text(.touchpoint(.reminder)).contains("next_booking"))
        let m = try TemplateSet(directory: nil).template(.touchpoint(.reminder)).render(values)
        #expect(m.subject == "Reminder: Riverside Therapy, Monday 7 December at 14:00")
        #expect(m.body.contains("A reminder of your appointment at Riverside Therapy with Ben Hale on Monday 7 December at 14:00."))
        #expect(!m.body.contains("24 November"))
        #expect(m.body.hasSuffix("See you soon,\nBen Hale\nRiverside Therapy\n"))
        // The default context has no appointment: the variable is empty, so nothing else changes.
        #expect(MessageValues.forClient(c.p, c.ada, now: c.now, sender: "", config: UserConfig())["appointment"] == "")
    }

    /// Practice-local: the same instant is another day and hour in Auckland.
    @Test func theAppointmentIsInWordsInThePracticesTime() throws {
        let c = try Clinic(name: "Riverside Therapy")
        try c.run("2026-11-04 12:00", .changeSettings(SettingsChange(timeZone: "Pacific/Auckland")))
        let values = MessageValues.forClient(c.p, c.ada, now: c.now, sender: "", config: UserConfig(), context: MessageContext(appointment: c.withBen))
        #expect(values["appointment"] == "Tuesday 8 December at 03:00")
    }

    @Test func aClientWithNoPractitionerHearsFromThePracticeOnce() throws {
        let c = try Clinic(name: "Riverside Therapy")
        #expect(MessageValues.signature(c.p, client: c.zoe, appointment: nil, now: c.now) == "Riverside Therapy")
        for (kind, m) in try rendered(c, c.zoe) {
            neverALoginName(m.subject + m.body, kind)
            if kind == .touchpoint(.followUpCall) {
                #expect(m.body.contains("\"Hello, is that Zoe? It's Riverside Therapy. We sent you"))
            } else {
                #expect(m.body.contains("\nRiverside Therapy\n"), "\(kind.name)")
                #expect(!m.body.contains("Riverside Therapy\nRiverside Therapy"), "\(kind.name) signs twice")
            }
        }
    }

    @Test func withTheNameNeverSetThePracticeIsMyPracticeAndNeverEmpty() throws {
        let c = try Clinic(name: nil)
        #expect(c.p.settings.name == "My practice")
        #expect(MessageValues.signature(c.p, client: c.zoe, appointment: nil, now: c.now) == "My practice")
        for (kind, m) in try rendered(c, c.zoe) {
            neverALoginName(m.subject + m.body, kind)
            #expect(m.body.contains("My practice"), "\(kind.name)")
        }
        // A hand-made log with a blank name still signs with something.
        var p = c.p
        p.settings.name = "  "
        #expect(MessageValues.signature(p, client: c.zoe, appointment: nil, now: c.now) == "My practice")
    }

    /// display_name may still sign what a person sends by hand; an empty sender means the log signs.
    @Test func aPersonsDisplayNameSignsOnlyWhenGiven() throws {
        let c = try Clinic(name: "Riverside Therapy")
        #expect(MessageValues.forClient(c.p, c.ada, now: c.now, sender: "Sam Reed", config: UserConfig())["sender"] == "Sam Reed")
        #expect(MessageValues.forClient(c.p, c.ada, now: c.now, sender: " ", config: UserConfig())["sender"] == "Anna Okafor")
    }

    @Test func theOptOutLineIsPerChannelOnMarketingOnly() throws {
        let c = try Clinic(name: "Riverside Therapy")
        var config = UserConfig()
        config.bookingPhone = "01632 960000"
        func optOut(_ ch: AutopilotChannel, _ purpose: MessagePurpose, _ config: UserConfig) -> String? {
            MessageValues.forClient(c.p, c.ada, now: c.now, sender: "", config: config, context: MessageContext(channel: ch, purpose: purpose))["opt_out"]
        }
        #expect(optOut(.email, .marketing, config) == "If you would rather not hear from us like this, reply STOP or let us know on 01632 960000.")
        #expect(optOut(.email, .marketing, UserConfig()) == "If you would rather not hear from us like this, reply STOP or let us know.")
        #expect(optOut(.sms, .marketing, config) == "Reply STOP to opt out")
        #expect(optOut(.letter, .marketing, config) == "If you would rather we did not write, let us know and we will stop.")
        for ch in AutopilotChannel.allCases { #expect(optOut(ch, .service, config) == "") }
        #expect(MessageValues.forClient(c.p, c.ada, now: c.now, sender: "", config: config)["opt_out"] == "")
        for (kind, m) in try rendered(c, c.ada) {
            let marketing = if case .touchpoint(let k) = kind { AutopilotStep(touchpoint: k)?.purpose == .marketing } else { false }
            #expect(DefaultTemplates.text(kind).contains("{{opt_out}}") == marketing, "\(kind.name)")
            #expect(m.body.hasSuffix("\nAnna Okafor\nRiverside Therapy\n\nIf you would rather not hear from us like this, reply STOP or let us know.\n") == marketing, "\(kind.name)")
            #expect(m.body.contains("STOP") == marketing, "\(kind.name)")
            #expect(m.body.hasSuffix("\n") && !m.body.hasSuffix("\n\n"), "\(kind.name) ends with a blank line")
        }
    }
}

/// What a client reads is plain text: a line break in an imported name is a space, a direction override is dropped,
/// never the console's visible stand-ins (QA: "Hello New␊Line," reached a client).
@Suite struct ClientFacingTextTests {
    @Test func controlCharactersInARecordBecomeSpacesAndOverridesAreDropped() {
        #expect(MessageValues.clean("New\nLine") == "New Line")
        #expect(MessageValues.clean("Tab\tand\r\nbreak") == "Tab and break")
        #expect(MessageValues.clean("\u{202E}Evil \u{1B}[31mRED") == "Evil [31mRED")
        #expect(MessageValues.clean("Siobhán Ní Bhriain") == "Siobhán Ní Bhriain")
    }
}
