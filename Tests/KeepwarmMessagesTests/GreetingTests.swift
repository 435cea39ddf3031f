import Foundation
import KeepwarmCore
import Testing
@testable import KeepwarmMessages

/// The greeting calls a client by their given name, however the name was written: never "Hello Brontë,,".
@Suite struct GreetingTests {
    private func greeting(_ name: String) throws -> (first: String, subject: String) {
        let f = try Practice2()
        try f.run("2026-11-05 09:00", .addClient(ClientDraft(name: name, phone: "07700 900003")))
        let values = MessageValues.forClient(f.p, ClientID(3), now: f.now, sender: "Anna", config: UserConfig())
        let post = try TemplateSet(directory: nil).template(.touchpoint(.postSession)).render(values)
        return (values["first_name"] ?? "", post.subject)
    }

    @Test func aLastCommaFirstNameIsGreetedByTheGivenName() throws {
        let g = try greeting("Brontë, Zoë")
        #expect(g.first == "Zoë")
        #expect(g.subject == "Thank you for coming in, Zoë")
    }

    @Test func aTitleIsNeverTheGreeting() throws {
        #expect(try greeting("Dr. Ann Lee").first == "Ann")
        #expect(try greeting("Lee, Dr Ann").first == "Ann")
    }

    @Test func plainNamesAreGreetedByTheirFirstWord() throws {
        #expect(try greeting("Zoë Brontë").first == "Zoë")
        #expect(try greeting("Cher").first == "Cher")
        #expect(try greeting("John Smith, Jr.").first == "John")
    }
}
