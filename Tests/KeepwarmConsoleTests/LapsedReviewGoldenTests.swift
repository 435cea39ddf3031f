import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// Issue 16's weekly review on the demo practice, text and styles compared (see `GoldenTests`): the lapsed pane
/// narrowed to one practitioner with the due date, the last contact and the week's progress at 80 columns, and the
/// reports screen's why-clients-left section.
@Suite struct LapsedReviewGoldenTests {
    @Test func onePractitionersDueClientsAt80x24() throws {
        try GoldenTests().check("lapsed-review-80x24", width: 80, height: 24, keys: [.char("2"), .char("p"), .char("v")])
    }

    @Test func onePractitionersClientsAt132x43() throws {
        try GoldenTests().check("lapsed-review-132x43", width: 132, height: 43, keys: [.char("2"), .char("p")])
    }

    @Test func whyClientsLeftInTheReportsAt132x43() throws {
        try GoldenTests().check("reports-why-left-132x43", width: 132, height: 43, keys: [.char("R"), .char("3"), .end])
    }
}
