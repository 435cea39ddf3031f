import Testing
@testable import KeepwarmCore

@Suite struct DateInputTests {
    let cal = PracticeCalendar(identifier: "Europe/London")!
    /// Saturday 21 November 2026, 10:00 GMT.
    var input: DateInput { DateInput(calendar: cal, now: DateInput.parseZonedISO("2026-11-21T10:00:00Z")!) }

    func iso(_ s: String) throws -> String { try input.instant(s).iso }

    @Test func receptionistForms() throws {
        #expect(try iso("2026-11-23 14:00") == "2026-11-23T14:00:00.000Z")
        #expect(try iso("2026-07-01 14:00") == "2026-07-01T13:00:00.000Z")  // BST
        #expect(try iso("2026-11-23T14:00") == "2026-11-23T14:00:00.000Z")
        #expect(try iso("2026-11-23T14:00:00") == "2026-11-23T14:00:00.000Z")
        #expect(try iso("tomorrow 9:30") == "2026-11-22T09:30:00.000Z")
        #expect(try iso("today 17:15") == "2026-11-21T17:15:00.000Z")
        #expect(try iso("tue 10:00") == "2026-11-24T10:00:00.000Z")
        #expect(try iso("Tuesday 10:00") == "2026-11-24T10:00:00.000Z")
        #expect(try iso("sat 10:00") == "2026-11-21T10:00:00.000Z")  // today is Saturday
        #expect(try iso("+3w 10:00") == "2026-12-12T10:00:00.000Z")
        #expect(try iso("+2d 2pm") == "2026-11-23T14:00:00.000Z")
        #expect(try iso("mon 12am") == "2026-11-23T00:00:00.000Z")
        #expect(try iso("mon 12pm") == "2026-11-23T12:00:00.000Z")
        #expect(try iso("mon 9.45") == "2026-11-23T09:45:00.000Z")
        #expect(try iso("now") == "2026-11-21T10:00:00.000Z")
    }

    @Test func isoInstantsWithZones() throws {
        #expect(try iso("2026-11-23T09:00:00Z") == "2026-11-23T09:00:00.000Z")
        #expect(try iso("2026-11-23T09:00:00.250Z") == "2026-11-23T09:00:00.250Z")
        #expect(try iso("2026-07-01T09:00+01:00") == "2026-07-01T08:00:00.000Z")
        #expect(try iso("2026-07-01T09:00:00-05:30") == "2026-07-01T14:30:00.000Z")
    }

    @Test func days() throws {
        #expect(try input.day("2026-12-01") == Civil.days(2026, 12, 1))
        #expect(try input.day("today") == Civil.days(2026, 11, 21))
        #expect(try input.day("+2w") == Civil.days(2026, 12, 5))
        #expect(try input.day("-3d") == Civil.days(2026, 11, 18))
        #expect(try input.day("fri") == Civil.days(2026, 11, 27))
    }

    @Test func refusesWithAHelpfulMessage() {
        for bad in ["", "next week", "2026-02-30 10:00", "tomorrow", "tue 25:00", "tue 9", "tue 10:7", "13pm", "2026-11-23T10:00:00+25:00", "+3y 10:00", "fri 10:00:30"] {
            #expect(throws: InputError.self, "\(bad)") { try input.instant(bad) }
        }
        do {
            _ = try input.instant("tomorrow")
            Issue.record("a day without a time must be refused")
        } catch {
            #expect(error.message == "'tomorrow' has no time of day; add one, for example 'tomorrow 10:00'")
        }
        do {
            _ = try input.instant("someday 10:00")
            Issue.record("an unknown day word must be refused")
        } catch {
            #expect(error.message.contains("use 2026-11-23 14:00, tomorrow 9:30, tue 10:00, +3w 10:00"))
        }
    }
}
