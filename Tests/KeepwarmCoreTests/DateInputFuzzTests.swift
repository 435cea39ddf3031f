import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The date parser against seeded random and mutated text (KEEPWARM_FUZZ_INPUTS of each; `make fuzz` runs a million):
/// it never crashes, it refuses with a message, and anything it accepts is an instant the log can hold and that reads
/// back the same when formatted again.
@Suite struct DateInputFuzzTests {
    /// What a receptionist or another tool might type, and the edges of the calendar.
    static let seeds = [
        "2026-11-23T09:00:00Z", "2026-11-23T09:00:00.250Z", "2026-07-01T09:00+01:00", "2026-07-01T09:00:00-05:30",
        "2026-11-23T09:00:00.123456789z", "2026-11-23t09:00+0100", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z",
        "2026-11-23 14:00", "2026-11-23T14:00", "2026-11-23T14:00:00", "tomorrow 9:30", "today 17:15", "yesterday 23:59",
        "tue 10:00", "Tuesday 10:00", "thurs 2:30pm", "+3w 10:00", "+2d 2pm", "-3d 00:00", "mon 12am", "mon 12pm",
        "mon 9.45", "now", "2026-03-29 01:30", "2026-10-25 01:30", "2024-02-29 10:00", "+3650d 9am", "fri",
        "2026-12-01", "+3w", "-2d", "today", "0001-01-01T00:00:00.000Z", "9998-12-31T23:59:59.999Z", "0001-01-01 00:00",
        "9998-12-31 23:59",
    ]

    /// Characters the mutations drop in: the grammar's own, look-alike digits and spaces, controls and combining marks.
    static let alphabet: [Character] = Array("0123456789-:+.TtZz apmAPMnowdy ") + [
        "٣", "１", "½", "\u{301}", "\u{0}", "\u{1B}", "\u{202E}", "\u{200D}", "\u{A0}", "\u{2009}", "İ", "👩‍👩‍👧", "\n", "\t",
    ]

    static let calendars = ["Europe/London", "UTC", "Pacific/Chatham", "America/St_Johns", "Asia/Kathmandu", "Pacific/Kiritimati"]
        .map { PracticeCalendar(identifier: $0)! }

    /// A seed, a random instant written out, or random characters, then a few edits.
    static func input<R: RandomNumberGenerator>(using rng: inout R) -> String {
        var chars: [Character]
        switch Int.random(in: 0..<10, using: &rng) {
        case 0..<6: chars = Array(seeds.randomElement(using: &rng)!)
        case 6..<8:
            // Anywhere the log form can reach, including the first and last days it can write.
            let instant = Instant(ms: Int64.random(in: -62_167_219_200_000...253_402_300_799_999, using: &rng))
            chars = Array(Bool.random(using: &rng) ? instant.iso : String(instant.iso.dropLast(5)) + "+05:45")
        case 8: chars = (0..<Int.random(in: 0...30, using: &rng)).map { _ in alphabet.randomElement(using: &rng)! }
        default:
            // Runs of digits long enough to overflow any integer they are read into.
            let digits = String((0..<Int.random(in: 1...40, using: &rng)).map { _ in "0123456789".randomElement(using: &rng)! })
            chars = Array(["+", "-", "--", "+-", ""].randomElement(using: &rng)! + digits + ["d", "w", ":00", "-01-01", ""].randomElement(using: &rng)!)
            if Bool.random(using: &rng) { chars += Array(" 10:00") }
        }
        for _ in 0..<Int.random(in: 0...4, using: &rng) {
            let i = Int.random(in: 0...chars.count, using: &rng)
            switch Int.random(in: 0..<5, using: &rng) {
            case 0 where i < chars.count: chars[i] = alphabet.randomElement(using: &rng)!
            case 1 where i < chars.count: chars.remove(at: i)
            case 2 where i < chars.count:
                // Repeat a stretch: "2026-2026-11", "10:00:00:00".
                let j = min(chars.count, i + Int.random(in: 1...6, using: &rng))
                chars.insert(contentsOf: chars[i..<j], at: j)
            case 3: chars = Array(chars.prefix(i))
            default: chars.insert(alphabet.randomElement(using: &rng)!, at: i)
            }
        }
        return String(chars)
    }

    /// Whether the log can hold `i`: written in its exact form, read back to the same millisecond.
    static func storable(_ i: Instant) -> Bool {
        Instant.parseLogForm(Array(i.iso.utf8)) == i && DateInput.parseZonedISO(i.iso) == i
    }

    /// Checks every property on one input; returns whether instant() accepted it, and what broke.
    static func check(_ text: String, _ input: DateInput) -> (accepted: Bool, problem: String?) {
        if let i = DateInput.parseZonedISO(text), !storable(i) {
            return (true, "parseZonedISO accepted an instant the log cannot hold: \(i.ms) ms, written \(i.iso)")
        }
        do {
            let d = try input.day(text)
            let written = Civil.string(ofDay: d)
            guard (try? input.day(written)) == d else { return (false, "day() gave day \(d), written \(written), which it then reads differently") }
        } catch {
            guard !error.message.isEmpty else { return (false, "day() refused with an empty message") }
        }
        let cal = input.calendar
        let i: Instant
        do {
            i = try input.instant(text)
        } catch {
            return (false, error.message.isEmpty ? "instant() refused with an empty message" : nil)
        }
        guard storable(i) else { return (true, "instant() accepted an instant the log cannot hold: \(i.ms) ms, written \(i.iso)") }
        guard (try? input.instant(i.iso)) == i else { return (true, "instant() gave \(i.iso), which it then reads differently") }
        // Formatting the local date and time and reading it again is a fixed point. (Not always the same instant: in
        // the hour the clocks go back the wall time happens twice, and the first is taken.)
        let local = "\(cal.dateString(i)) \(cal.timeString(i))"
        guard let j = try? input.instant(local) else { return (true, "instant() gave \(i.iso), shown as \(local), which it then refuses") }
        let again = "\(cal.dateString(j)) \(cal.timeString(j))"
        guard again == local else { return (true, "\(local) reads as \(j.iso), which shows as \(again)") }
        return (true, nil)
    }

    /// Found by the fuzz test: in a zone more than 12 hours ahead of UTC (Chatham is +13:45 in summer) the hour and
    /// three quarters before the clocks go back read as the time an hour later.
    @Test func theHourBeforeChathamsClocksGoBackReadsBackTheSame() throws {
        let cal = PracticeCalendar(identifier: "Pacific/Chatham")!
        let input = DateInput(calendar: cal, now: DateInput.parseZonedISO("2026-03-20T00:00:00Z")!)
        // Summer time ends at 03:45 on Sunday 5 April 2026 (14:00 UTC on the 4th); 02:45-03:45 then happens twice.
        for (typed, utc) in [("2026-04-05 02:00", "2026-04-04T12:15:00.000Z"), ("2026-04-05 02:30", "2026-04-04T12:45:00.000Z"),
                             ("2026-04-05 03:00", "2026-04-04T13:15:00.000Z"), ("2026-04-05 04:00", "2026-04-04T15:15:00.000Z")] {
            let i = try input.instant(typed)
            #expect(i.iso == utc, "\(typed)")
            #expect("\(cal.dateString(i)) \(cal.timeString(i))" == typed)
        }
    }

    @Test func randomAndMutatedDatesNeverCrashAndWhatIsAcceptedReadsBack() {
        let plan = FuzzPlan.fromEnvironment()
        // A week of "now"s around the autumn clock change, so relative days and weekdays cross it.
        let nows = (0..<7).map { Instant(ms: DateInput.parseZonedISO("2026-10-22T10:00:00Z")!.ms + Int64($0) * 86_400_000) }
        var accepted = 0, failures = 0
        for i in 0..<plan.inputs {
            var rng = plan.rng(i)
            let text = Self.input(using: &rng)
            let input = DateInput(calendar: Self.calendars.randomElement(using: &rng)!, now: nows.randomElement(using: &rng)!)
            let (ok, problem) = Self.check(text, input)
            if ok { accepted += 1 }
            if let problem {
                failures += 1
                Issue.record("\(problem)\ninput: \(text.debugDescription) in \(input.calendar.timeZone.identifier) at \(input.now.iso)\n\(plan.replay(i))")
                if failures >= 5 { return }
            }
        }
        print("date fuzz: \(plan.inputs) inputs from seed \(plan.seed): \(accepted) accepted as instants")
        #expect(accepted > plan.inputs / 10, "enough inputs are accepted to test that they read back")
        #expect(accepted < plan.inputs * 9 / 10, "enough are refused to test the errors")
    }
}
