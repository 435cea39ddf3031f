import Foundation
import KeepwarmCore
import Testing
@testable import KeepwarmMessages

/// The SMS templates: short, GSM-7, no treatment, and an opt-out on marketing (Docs/messages.md, "SMS templates").
@Suite struct SMSTemplateTests {
    /// GSM 03.38's basic character set; the extension characters (`^{}\[~]|€`) would cost two each and are not used.
    static let gsm7 = Set("@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")

    func step(_ kind: MessageKind) -> AutopilotStep? {
        switch kind {
        case .touchpoint(let k): AutopilotStep(touchpoint: k)
        case .thankYou: .referralThankYou
        }
    }

    /// Every default, for Ada at Riverside Therapy, signed by a practitioner or by the practice, with and without a
    /// booking link: one segment of GSM-7, every tag filled, an opt-out on marketing only.
    @Test func everyDefaultFitsOneGSM7SegmentForAda() throws {
        let c = try Clinic(name: "Riverside Therapy")
        for link in [nil, "https://riverside.example/book"] {
            var config = UserConfig()
            config.bookingPhone = "01632 960000"
            config.bookingLink = link
            for client in [c.ada, c.zoe] {
                for kind in MessageKind.allCases where kind.hasSMS {
                    let purpose = step(kind)!.purpose
                    let context = MessageContext(appointment: c.withBen, channel: .sms, purpose: purpose)
                    let values = MessageValues.forClient(c.p, client, now: c.now, sender: "", config: config, context: context)
                    let m = try TemplateSet(directory: nil).smsTemplate(kind).render(values)
                    let text = m.body
                    #expect(m.subject.isEmpty)
                    #expect(text.count <= 160, "\(kind.name) is \(text.count) characters: \(text)")
                    #expect(text.allSatisfy { Self.gsm7.contains($0) }, "\(kind.name) is not GSM-7: \(text)")
                    #expect(text.hasPrefix("Hi \(client == c.ada ? "Ada" : "Zoe"), "), "\(kind.name)")
                    #expect(!text.contains("{{") && !text.contains("}}") && !text.hasSuffix("\n"), "\(kind.name)")
                    #expect(text.hasSuffix("\nReply STOP to opt out") == (purpose == .marketing), "\(kind.name)")
                    #expect(text.contains("\n" + values["sender"]!), "\(kind.name) is not signed")
                }
            }
        }
    }

    @Test func noDefaultNamesATreatmentOrAnyoneElse() {
        for kind in MessageKind.allCases {
            guard let text = DefaultTemplates.sms(kind)?.lowercased() else { continue }
            for word in ["treatment", "session", "massage", "therapy", "pain", "condition", "injury", "notes", "full_name", "practitioner"] {
                #expect(!text.contains(word), "\(kind.name) says \(word)")
            }
        }
        let thanks = DefaultTemplates.sms(.thankYou)!.lowercased()
        for word in ["book", "visit", "came", "appointment", "friend"] { #expect(!thanks.contains(word), "the thank-you says \(word)") }
        #expect(DefaultTemplates.sms(.touchpoint(.followUpCall)) == nil)
        #expect(DefaultTemplates.sms(.touchpoint(.reminder))!.contains("{{appointment}}"))
    }

    @Test func aFileOverridesTheSMSDefaultAndIsCheckedLikeTheOthers() throws {
        let c = try Clinic(name: "Riverside Therapy")
        let dir = TempDir()
        let set = TemplateSet(directory: dir.path)
        #expect(set.smsSource(.touchpoint(.reminder)) == "default")
        #expect(set.smsSource(.touchpoint(.followUpCall)) == "none")
        dir.write("reminder.sms.mustache", "\nSee you {{appointment}}, {{first_name}}. {{sender}}\n\n")
        #expect(set.smsSource(.touchpoint(.reminder)) == dir.file("reminder.sms.mustache"))
        #expect(set.source(.touchpoint(.reminder)) == "default")
        let values = MessageValues.forClient(c.p, c.ada, now: c.now, sender: "", config: UserConfig(),
                                             context: MessageContext(appointment: c.withBen, channel: .sms))
        #expect(try set.smsTemplate(.touchpoint(.reminder)).render(values)
            == RenderedMessage(subject: "", body: "See you Monday 7 December at 14:00, Ada. Ben Hale"))

        dir.write("reminder.sms.mustache", "Subject: Hi\n\nSee you\n")
        #expect(throws: FileError(path: dir.file("reminder.sms.mustache"), line: 1, column: 1,
                                  reason: "an SMS has no subject: remove the Subject: line (and the blank line after it); the whole file is the text")) {
            try set.smsTemplate(.touchpoint(.reminder))
        }
        dir.write("reminder.sms.mustache", "Hi {{first_name}},\nsee you {{apointment}}\n")
        do {
            _ = try set.smsTemplate(.touchpoint(.reminder))
            Issue.record("a typo was accepted")
        } catch {
            #expect(error.line == 2 && error.column == 9 && error.reason.hasPrefix("unknown variable apointment;"))
        }
        #expect(throws: FileError.self) { try set.smsTemplate(.touchpoint(.followUpCall)) }
    }

    @Test func writingDefaultsWritesTheSMSOnesToo() throws {
        let dir = TempDir()
        let set = TemplateSet(directory: dir.path)
        let written = try set.writeDefaults()
        #expect(written.count == MessageKind.allCases.count * 2 - 1)
        #expect(try String(contentsOfFile: dir.file("reminder.sms.mustache"), encoding: .utf8) == DefaultTemplates.sms(.touchpoint(.reminder)))
        #expect(!FileManager.default.fileExists(atPath: dir.file("follow-up-call.sms.mustache")))
    }
}
