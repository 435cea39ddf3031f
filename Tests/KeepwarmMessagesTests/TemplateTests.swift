import Foundation
import KeepwarmCore
import Testing
@testable import KeepwarmMessages

@Suite struct TemplateTests {
    @Test func everyDefaultRendersForAClientWithEveryTagFilled() throws {
        let f = try Practice2()
        var config = UserConfig()
        config.bookingLink = "https://example.org/book"
        config.bookingPhone = "01632 960000"
        let values = MessageValues.forClient(f.p, ClientID(1), now: f.now, sender: "Anna", config: config)
        #expect(values["first_name"] == "Ada")
        #expect(values["last_visit"] == "Tuesday 3 November")
        #expect(values["next_booking"] == "Tuesday 24 November at 10:00")
        #expect(values["practitioner"] == "Anna Okafor")
        for kind in MessageKind.allCases {
            let m = try TemplateSet(directory: nil).template(kind).render(values)
            #expect(!m.subject.isEmpty && !m.body.isEmpty, "\(kind.name)")
            #expect(!m.subject.contains("{{") && !m.body.contains("{{") && !m.body.contains("}}"), "\(kind.name)")
            // Plain text: an ampersand in the practice's name stays one.
            #expect(!m.subject.contains("&amp;") && !m.body.contains("&amp;"), "\(kind.name)")
        }
        let post = try TemplateSet(directory: nil).template(.touchpoint(.postSession)).render(values)
        #expect(post.subject == "Thank you for coming in, Ada")
        #expect(post.body.contains("Riverside Rooms & Spa"))
        #expect(post.body.contains("We look forward to seeing you on Tuesday 24 November at 10:00."))
    }

    @Test func anEmptyValueSkipsItsSection() throws {
        let f = try Practice2()
        let values = MessageValues.forClient(f.p, ClientID(2), now: f.now, sender: "Anna", config: UserConfig())
        #expect(values["next_booking"] == "")
        let post = try TemplateSet(directory: nil).template(.touchpoint(.postSession)).render(values)
        #expect(post.body.contains("Whenever you would like your next visit, just let us know."))
        #expect(!post.body.contains("look forward"))
        let rebook = try TemplateSet(directory: nil).template(.touchpoint(.rebookPrompt)).render(values)
        #expect(!rebook.body.contains("book online"))
    }

    /// The thank-you thanks the referrer for the recommendation only: whether the person came is theirs to tell.
    @Test func theReferralThankYouNeverRevealsTheReferredPerson() throws {
        let f = try Practice2()
        #expect(f.p.clients[1].name == "Grace Hopper")
        #expect(ClientHistory(f.p, ClientID(2)).attended.count == 1)
        let values = MessageValues.forReferral(f.p, ReferralID(1), now: f.now, sender: "Anna", config: UserConfig())
        let m = try TemplateSet(directory: nil).template(.thankYou).render(values)
        let text = (m.subject + "\n" + m.body).lowercased()
        #expect(text.contains("ada"))
        for word in ["grace", "hopper", "booked", "book", "attended", "appointment", "session", "visit", "came", "seen"] {
            #expect(!text.contains(word), "the thank-you says \(word)")
        }
    }

    @Test func anUnknownVariableIsReportedWhereItIs() {
        #expect(throws: FileError(path: "t.mustache", line: 4, column: 7,
                                  reason: "unknown variable frist_name; the variables are " + TemplateVariable.allCases.map(\.rawValue).joined(separator: ", "))) {
            try MessageTemplate(text: "Subject: Hello\n\nDear {{first_name}},\nHello {{ frist_name }}\n", source: "t.mustache")
        }
        #expect(throws: FileError.self) { try MessageTemplate(text: "Subject: Hi {{nam}}\n\nBody\n", source: "t") }
        do {
            _ = try MessageTemplate(text: "Subject: Hi {{nam}}\n\nBody\n", source: "t")
        } catch {
            #expect(error.line == 1 && error.column == 13)
        }
    }

    @Test func aSyntaxErrorIsReportedAtTheTagWithLineAndColumn() {
        func error(_ text: String) -> FileError? {
            do { _ = try MessageTemplate(text: text, source: "x.mustache") } catch { return error }
            return nil
        }
        #expect(error("Subject: Hello\n\nLine one\n{{#next_booking}}See you {{next_booking}}\n")
            == FileError(path: "x.mustache", line: 4, column: 1, reason: "{{#next_booking}} is never closed; end the section with {{/next_booking}}"))
        #expect(error("Subject: Hello\n\n{{#last_visit}}x{{/next_booking}}\n")
            == FileError(path: "x.mustache", line: 3, column: 17, reason: "{{/next_booking}} does not match {{#last_visit}} opened at line 3, column 1"))
        #expect(error("Subject: Hi {{#sender}}x\n\nBody\n")
            == FileError(path: "x.mustache", line: 1, column: 13, reason: "{{#sender}} is never closed; end the section with {{/sender}}"))
        #expect(error("Subject: Hi\n\nab {{/sender}}\n")
            == FileError(path: "x.mustache", line: 3, column: 4, reason: "{{/sender}} closes a section that was never opened"))
        #expect(error("Subject: Hi\n\nab\n  cd {{first_name\n")
            == FileError(path: "x.mustache", line: 4, column: 6, reason: "this tag is not finished; every {{ needs its }}"))
        #expect(error("Subject: Hi\n\n{{=<% %>=}}\n")?.line == 3)
        #expect(error("Hello\n") == FileError(path: "x.mustache", line: 1, column: 1,
                                              reason: "the first line must be the subject, e.g. Subject: Thank you for coming in, {{first_name}}"))
    }

    /// What swift-mustache itself reports is still given a place in the file (an unknown pragma, say).
    @Test func theParsersOwnErrorsArePlacedInTheFile() {
        do {
            _ = try MessageTemplate(text: "Subject: Hi\n\nfirst\nsecond {{% NOPE }}\n", source: "y")
            Issue.record("an unknown pragma was accepted")
        } catch {
            #expect(error.path == "y" && error.line == 4)
            #expect(error.reason == "template syntax: {{% …}} settings are not used in messages; remove the tag")
        }
    }

    @Test func aFileInTheTemplatesDirectoryOverridesTheDefault() throws {
        let f = try Practice2()
        let dir = TempDir()
        let set = TemplateSet(directory: dir.path)
        #expect(set.source(.touchpoint(.referralAsk)) == "default")
        dir.write("referral-ask.mustache", "Subject: Hi {{first_name}}\n\nA short note from {{sender}}.\n")
        #expect(set.source(.touchpoint(.referralAsk)) == dir.file("referral-ask.mustache"))
        let values = MessageValues.forClient(f.p, ClientID(1), now: f.now, sender: "Anna", config: UserConfig())
        let m = try set.template(.touchpoint(.referralAsk)).render(values)
        #expect(m == RenderedMessage(subject: "Hi Ada", body: "A short note from Anna.\n"))
    }

    @Test func writingDefaultsNeverOverwritesAnEdit() throws {
        let dir = TempDir()
        let set = TemplateSet(directory: dir.file("templates"))
        dir.write("templates/post-session.mustache", "Subject: Mine\n\nEdited.\n")
        let written = try set.writeDefaults()
        #expect(written.count == set.defaultFiles.count - 1)
        #expect(!written.contains(dir.file("templates/post-session.mustache")))
        #expect(try String(contentsOfFile: dir.file("templates/post-session.mustache"), encoding: .utf8) == "Subject: Mine\n\nEdited.\n")
        #expect(try String(contentsOfFile: dir.file("templates/thank-you.mustache"), encoding: .utf8) == DefaultTemplates.text(.thankYou))
        #expect(try set.writeDefaults().isEmpty)
    }
}
