import Foundation
import Testing
@testable import KeepwarmCore

@Suite struct TimeTests {
    let london = PracticeCalendar(identifier: "Europe/London")!

    @Test func logFormRoundTripsAndAgreesWithFoundation() throws {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<2000 {
            x ^= x << 13; x ^= x >> 7; x ^= x << 17
            let ms = Int64(x % 4_102_444_800_000)  // 1970 … 2100
            let i = Instant(ms: ms)
            let text = i.iso
            #expect(Instant.parseLogForm(Array(text.utf8)) == i)
            let d = try #require(f.date(from: text))
            #expect(Int64((d.timeIntervalSince1970 * 1000).rounded()) == ms)
            #expect(f.string(from: i.date).replacingOccurrences(of: "Z", with: "") == text.replacingOccurrences(of: "Z", with: ""))
        }
    }

    @Test func logFormRejectsImpossibleDates() {
        #expect(Instant.parseLogForm(Array("2026-02-29T10:00:00.000Z".utf8)) == nil)
        #expect(Instant.parseLogForm(Array("2026-13-01T10:00:00.000Z".utf8)) == nil)
        #expect(Instant.parseLogForm(Array("2026-11-21T24:00:00.000Z".utf8)) == nil)
        #expect(Instant.parseLogForm(Array("2026-11-21 10:00:00.000Z".utf8)) == nil)
    }

    @Test func civilDaysRoundTrip() {
        for n in stride(from: -800_000, through: 800_000, by: 37) {
            let (y, m, d) = Civil.date(fromDays: n)
            #expect(Civil.days(y, m, d) == n)
        }
        #expect(Civil.days(1970, 1, 1) == 0)
        #expect(Civil.weekday(ofDay: Civil.days(2026, 11, 21)) == 5)  // a Saturday
    }

    /// The issue's own example: calendar days in the practice time zone, not multiples of 24 hours.
    @Test func octoberDaylightSavingDoesNotShiftDayCounts() {
        let session = Instant(ms: try! #require(DateInput.parseZonedISO("2026-10-10T23:30:00+01:00")).ms)
        let now = DateInput.parseZonedISO("2026-11-21T00:10:00Z")!
        #expect(london.days(from: session, to: now) == 42)
        #expect(session.hours(until: now) < 42 * 24)
    }

    @Test func marchDaylightSavingDoesNotShiftDayCounts() {
        let session = DateInput.parseZonedISO("2026-03-20T00:10:00Z")!  // GMT
        let now = DateInput.parseZonedISO("2026-04-30T23:05:00Z")!  // 00:05 BST on 1 May
        #expect(london.days(from: session, to: now) == 42)
        #expect(session.hours(until: now) < 42 * 24)
    }

    @Test func wallClockInstantsAcrossTransitions() {
        // 10:00 local either side of the October change is 09:00Z then 10:00Z.
        #expect(london.instant(day: Civil.days(2026, 10, 24), minute: 600).iso == "2026-10-24T09:00:00.000Z")
        #expect(london.instant(day: Civil.days(2026, 10, 26), minute: 600).iso == "2026-10-26T10:00:00.000Z")
        // 01:30 on 29 March 2026 does not exist in London; it lands an hour on.
        let gap = london.instant(day: Civil.days(2026, 3, 29), minute: 90)
        #expect(london.timeString(gap) == "02:30")
    }
}
