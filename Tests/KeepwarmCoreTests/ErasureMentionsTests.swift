import Testing
@testable import KeepwarmCore

/// How erasure finds a client's details in text it did not decode (damaged lines, torn fragments, letters, emails).
@Suite struct ErasureMentionsTests {
    let mentions: Mentions = {
        var d = Erasure.Details()
        d.names = ["Ada Lovelace", "Sam"]
        d.phones = ["07700 900555"]
        d.emails = ["Ada@Example.org"]
        return Mentions(d, rule: Ownership(timeZone: "Europe/London"))
    }()

    func found(_ text: String) -> [String] {
        let b = Array(text.utf8)
        return mentions.ranges(in: b).map { String(decoding: b[$0], as: UTF8.self) }
    }

    @Test func detailsAreFoundIgnoringCaseAndInEveryWrittenForm() {
        #expect(found("call ADA LOVELACE on +44 7700 900555 or ada@example.ORG") == ["ADA LOVELACE", "+44 7700 900555", "ada@example.ORG"])
        #expect(found("{\"phone\":\"447700900555\",\"note\":\"0044 (0)7700-900555\"}") == ["447700900555", "0044 (0)7700-900555"])
        #expect(found("at 12:00 07700 900555.") == ["07700 900555"], "a time before the number is not part of it")
        #expect(found("Sam rang") == ["Sam"])
    }

    @Test func otherTextIsLeftAlone() {
        // A short one-word name is matched as written only, and never inside a longer word.
        #expect(found("{\"by\":\"sam\",\"note\":\"Samantha and Adam\"}").isEmpty)
        #expect(found("Ada Lovelaceworth").isEmpty)
        #expect(found("07700 9005551 and 2026-01-06T07:00:00.000Z and 17700 900555").isEmpty)
    }

    @Test func aDetailCutOffAtTheEndOfATornLineIsFound() {
        for (tail, n) in [("note: call Ada Lov", 7), ("note: call ada", 3), ("dial 07700 90", 8), ("dial 0770", 0), ("bread lov", 0), ("Adam Lov", 0)] {
            #expect(mentions.cutOffAtEnd(Array(tail.utf8)) == n, "\(tail)")
        }
    }
}
