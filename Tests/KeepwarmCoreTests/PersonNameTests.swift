import Testing
@testable import KeepwarmCore

/// Names as people write them (Docs/import.md, "Names").
@Suite struct PersonNameTests {
    @Test func aFamilyCommaGivenNameIsTurnedRoundWithItsGivenName() {
        #expect(PersonName.whole("Brontë, Zoë") == ("Zoë Brontë", "Zoë"))
        #expect(PersonName.whole("Brontë,  Zoë Anne ") == ("Zoë Anne Brontë", "Zoë Anne"))
        #expect(PersonName.whole("Lee, Dr. Ann") == ("Dr. Ann Lee", "Ann"))
    }

    @Test func otherNamesAreKeptExactlyAsWritten() {
        #expect(PersonName.whole("Zoë Brontë") == ("Zoë Brontë", nil))
        #expect(PersonName.whole("John  smith") == ("John  smith", nil))
        #expect(PersonName.whole("John Smith, Jr.") == ("John Smith, Jr.", nil))
        #expect(PersonName.whole("A, B, C") == ("A, B, C", nil))
        #expect(PersonName.whole("Dr. Ann Lee") == ("Dr. Ann Lee", nil))
        // A single word is the given name.
        #expect(PersonName.whole("Cher") == ("Cher", "Cher"))
    }

    /// The quick answer agrees with the greeting itself on names that take the quick path and on those that do not.
    @Test func greetsAgreesWithTheGreeting() {
        for (name, given) in [("Ada Lovelace", "Ada"), ("Dr Ann Lee", "Dr"), ("Dr Ann Lee", "Ann"), ("Mary Ann Smith", "Mary Ann"),
                              ("Mary Ann Smith", "Mary"), ("Lee, Ann", "Lee"), ("Lee, Ann", "Ann"), ("Zoë Brontë", "Zoë"),
                              ("Ada", "Ada"), ("Ada Lovelace", "Lovelace"), ("Mrs Ada Lovelace", "Mrs")] {
            #expect(PersonName.greets(name: name, as: given) == (PersonName.greeting(name: name, given: nil) == given), "\(name) / \(given)")
        }
    }

    /// Fresha's list with the whole name under First Name and the last name empty (QA): "Dear Zoë", not "Dear Brontë, Zoë".
    @Test func aWholeNameInOneOfTheTwoColumnsIsReadAsAWholeName() {
        #expect(PersonName.parts(first: "Brontë, Zoë", last: nil) == ("Zoë Brontë", "Zoë"))
        #expect(PersonName.parts(first: "", last: "Brontë, Zoë") == ("Zoë Brontë", "Zoë"))
        #expect(PersonName.greeting(name: PersonName.parts(first: "Brontë, Zoë", last: "").name, given: nil) == "Zoë")
    }

    @Test func firstAndLastColumnsGiveTheGivenName() {
        #expect(PersonName.parts(first: "Zoë", last: "Brontë") == ("Zoë Brontë", "Zoë"))
        #expect(PersonName.parts(first: "Mary Ann", last: "Smith") == ("Mary Ann Smith", "Mary Ann"))
        #expect(PersonName.parts(first: "Dr Ann", last: "Lee") == ("Dr Ann Lee", "Ann"))
        #expect(PersonName.parts(first: nil, last: "Brontë") == ("Brontë", nil))
    }

    @Test func theGreetingUsesTheGivenNameElseTheFirstWordThatIsNotATitle() {
        #expect(PersonName.greeting(name: "Zoë Brontë", given: "Zoë") == "Zoë")
        #expect(PersonName.greeting(name: "Mary Ann Smith", given: "Mary Ann") == "Mary Ann")
        #expect(PersonName.greeting(name: "Brontë, Zoë", given: nil) == "Zoë")
        #expect(PersonName.greeting(name: "Dr. Ann Lee", given: nil) == "Ann")
        #expect(PersonName.greeting(name: "Brontë,", given: nil) == "Brontë")
        #expect(PersonName.greeting(name: "Cher", given: "  ") == "Cher")
    }
}
