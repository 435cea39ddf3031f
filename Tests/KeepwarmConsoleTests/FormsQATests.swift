import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// What a receptionist tried in the forms: the practitioner just added is the one highlighted, the working-hours
/// fields replace their prefilled value when typed into and keep it when tabbed past, and the key bar names what
/// Enter does in each form.
@Suite struct FormsQATests {
    @Test func aPractitionerAddedFromTheScreenIsTheOneHighlighted() throws {
        let f = try ConsoleFixture(width: 132, height: 43)
        try f.seedDay()
        try f.record("2026-08-01 09:00", .addPractitioner(name: "Ben Ito"))
        f.app.tick()
        f.press(.char("P"), .char("a"))
        f.type("Cat Diaz")
        f.press(.enter)
        #expect(f.screen.contains("✓ added practitioner Cat Diaz (p3)"))
        f.press(.char("h"))
        #expect(f.screen.contains("Working hours of Cat Diaz (p3)"), "h sets the new practitioner's hours, not the first row's")
    }

    func hoursForm() throws -> ConsoleFixture {
        let f = try ConsoleFixture(width: 132, height: 43)
        try f.seedDay()
        try f.record("2026-11-22 09:00", .setHours(practitioner: "p1", days: [0: [WorkingRange(start: 540, end: 1020)]]))
        f.app.tick()
        f.press(.char("P"), .char("h"))
        return f
    }

    @Test func typingIntoAnHoursFieldReplacesItsValue() throws {
        let f = try hoursForm()
        let before = f.p.eventCount
        f.press(.tab)  // Tuesday, "off"
        f.type("10:00-12:00")
        #expect(f.screen.contains("Tuesday  10:00-12:00"))
        #expect(!f.screen.contains("off10:00"))
        f.press(.backTab)
        f.type("08:00-09:00")  // Monday's 09:00-17:00 replaced too
        f.press(.enter)
        let set = try f.newEvents(since: before)
        #expect(f.p.practitioners[0].hours?.text(0) == "08:00-09:00", "\(set)")
        #expect(f.p.practitioners[0].hours?.text(1) == "10:00-12:00")
    }

    @Test func tabbingThroughAnHoursFormKeepsEveryDay() throws {
        let f = try hoursForm()
        f.press(.tab, .tab, .tab, .tab, .tab, .tab, .tab)
        #expect(f.screen.contains("Monday  09:00-17:00") && f.screen.contains("Tuesday  off"))
        f.press(.enter)
        #expect(f.p.practitioners[0].hours?.text(0) == "09:00-17:00")
        #expect(f.p.practitioners[0].hours?.days[1].isEmpty == true)
    }

    @Test func backspaceOnAnEnteredHoursFieldClearsItAndArrowsKeepIt() {
        var form = Form(title: "t", fields: [{ var f = FormField(key: "monday", label: "Monday", value: "off"); f.selectsOnEntry = true; return f }()])
        _ = form.handle(.end)
        _ = form.handle(.char("x"))
        #expect(form.value("monday") == "offx", "an arrow key ends the selection: typing then appends")
        var again = Form(title: "t", fields: [{ var f = FormField(key: "monday", label: "Monday", value: "off"); f.selectsOnEntry = true; return f }()])
        _ = again.handle(.backspace)
        #expect(again.value("monday") == "")
    }

    @Test func theFindLineSaysTypeOnce() throws {
        let f = try ConsoleFixture(width: 132, height: 43)
        try f.seedDay()
        f.app.tick()
        f.press(.char("f"), .char("/"))
        #expect(f.screen.contains("type what to find"))
        #expect(!f.screen.contains("type type"))
    }

    @Test func aFormsEnterLabelSaysWhatEnterDoes() throws {
        #expect(Keymap.of(.form, form: .findFreeSlot(client: nil, practitioner: nil, afterDay: nil)).binding(for: .enter)?.label == "list free slots")
        #expect(Keymap.of(.form, form: .goToDay).binding(for: .enter)?.label == "show that day")
        #expect(Keymap.of(.form, form: .newClient).binding(for: .enter)?.label == "save")
        let f = try ConsoleFixture()
        try f.seedDay()
        f.app.tick()
        f.press(.char("F"))
        #expect(f.screen.contains("⏎ list free slots") && f.screen.contains("Enter list free slots · Esc cancel"))
        f.press(.escape, .char("g"))
        #expect(f.screen.contains("⏎ show that day") && f.screen.contains("Enter show that day · Esc cancel"))
        f.press(.escape, .char("b"))
        #expect(f.screen.contains("⏎ save"))
    }
}
