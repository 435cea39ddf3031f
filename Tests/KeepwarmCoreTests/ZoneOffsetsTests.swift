import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The offset table must answer exactly as `TimeZone.secondsFromGMT(for:)`, which it replaces.
@Suite struct ZoneOffsetsTests {
    /// Daylight saving of an hour, of half an hour (Lord Howe), at +12:45/+13:45 (Chatham), and zones whose
    /// standard offset itself changed (Moscow, Apia across the date line, Caracas, Pyongyang), or never did.
    static let zones = ["Europe/London", "America/New_York", "Australia/Lord_Howe", "Pacific/Chatham", "Europe/Moscow",
                        "Pacific/Apia", "America/Caracas", "Asia/Kolkata", "UTC", "Asia/Pyongyang"]

    static func foundation(_ cal: PracticeCalendar, _ ms: Int64) -> Int64 {
        Int64(cal.timeZone.secondsFromGMT(for: Instant(ms: ms).date))
    }

    @Test(arguments: zones) func everyHourFrom1965To2040(_ id: String) throws {
        let cal = try #require(PracticeCalendar(identifier: id))
        var mismatches: [Int64] = []
        var s: Int64 = -157_766_400  // 1965-01-01
        while s < 2_208_988_800 {  // 2040-01-01
            if cal.offsetSeconds(at: Instant(seconds: s)) != Self.foundation(cal, s * 1000) { mismatches.append(s) }
            s += 3600
        }
        #expect(mismatches.isEmpty, "\(id): \(mismatches.prefix(5)) of \(mismatches.count)")
    }

    @Test(arguments: zones) func eitherSideOfEachChange(_ id: String) throws {
        let cal = try #require(PracticeCalendar(identifier: id))
        let table = ZoneOffsets(cal.timeZone)
        for change in table.changes {
            for ms in [change - 1000, change - 1, change, change + 1, change + 1000] {
                #expect(cal.offsetSeconds(at: Instant(ms: ms)) == Self.foundation(cal, ms), "\(id) at \(ms) ms")
            }
        }
        // Zones with daylight saving have dozens of changes in the table, so an empty one would be a broken walk.
        if cal.timeZone.nextDaylightSavingTimeTransition(after: Date(timeIntervalSince1970: 0)) != nil {
            #expect(!table.changes.isEmpty)
        }
    }

    /// Includes instants before 1900 and after 2200, which the table leaves to the zone.
    @Test(arguments: zones) func seededRandomInstantsFrom1800To2300(_ id: String) throws {
        let cal = try #require(PracticeCalendar(identifier: id))
        var rng = SplitMix64(seed: id.utf8.reduce(0x5A0E_0FF5) { $0 &* 31 &+ UInt64($1) })
        let low: Int64 = -5_364_662_400_000, high: Int64 = 10_413_792_000_000  // 1800-01-01, 2300-01-01
        for _ in 0..<4000 {
            let ms = low + Int64(rng.next() % UInt64(high - low))
            #expect(cal.offsetSeconds(at: Instant(ms: ms)) == Self.foundation(cal, ms), "\(id) at \(ms) ms")
        }
    }

    /// Every zone Foundation knows, sampled every ten days and seven hours (so the time of day drifts) across the
    /// table's range: a change of offset the transition walk missed would show up as a disagreement lasting until the
    /// next change it found, which in zones without daylight saving can be decades.
    @Test func everyKnownZoneAgreesAcrossTheTable() {
        var bad: [String] = []
        for id in TimeZone.knownTimeZoneIdentifiers {
            guard let cal = PracticeCalendar(identifier: id) else { continue }
            let table = ZoneOffsets(cal.timeZone)
            var samples = table.changes.flatMap { [$0 - 1000, $0] }
            var ms = ZoneOffsets.defaultRange.lowerBound
            while ms < ZoneOffsets.defaultRange.upperBound {
                samples.append(ms)
                ms += (10 * 24 + 7) * 3_600_000
            }
            let wrong = samples.first { cal.offsetSeconds(at: Instant(ms: $0)) != Self.foundation(cal, $0) }
            if let wrong {
                bad.append("\(id) at \(wrong) ms")
            }
        }
        #expect(bad.isEmpty, "\(bad.prefix(10))")
    }
}
