import Foundation

/// A time zone's UTC offsets from 1900 to 2200 as a sorted table of changes, read without calling into ICU.
///
/// Replay asks for an offset for every appointment, and ICU's `secondsFromGMT(for:)` was 1.7% of a 1M-event `check`.
/// A class, so the `PracticeCalendar` copied inside every `Practice` value carries one reference, not two arrays.
final class ZoneOffsets: Sendable {
    /// The table answers for instants (ms since 1970) in `lowerMs ..< upperMs`; outside it the zone is asked.
    let lowerMs: Int64
    let upperMs: Int64
    /// Ascending instants (ms since 1970) at which the offset changes.
    let changes: [Int64]
    /// `offsets[0]` is in force from `lowerMs` until `changes[0]`; `offsets[i + 1]` from `changes[i]`.
    let offsets: [Int64]

    /// 1900-01-01 to 2200-01-01 UTC: before 1900 most zones were on local mean time, which no practice's
    /// appointments fall in, and ICU extends today's rules indefinitely, so later years only repeat them.
    static let defaultRange: Range<Int64> = -2_208_988_800_000 ..< 7_258_118_400_000

    init(_ zone: TimeZone, range: Range<Int64> = ZoneOffsets.defaultRange) {
        // `nextDaylightSavingTimeTransition` walks ICU's transitions, which include changes of standard offset
        // (Moscow 2011 and 2014, Apia 2011, Caracas 2007 and 2016, Pyongyang 2015 and 2018), not only daylight
        // saving: checked hourly from 1900 to 2200 against `secondsFromGMT(for:)` for all 443 zones Foundation
        // knows (Swift 6.3.1 on Linux, ICU 76), and ZoneOffsetsTests checks it again so an ICU that behaved
        // otherwise would be caught. Walking costs a few hundred ICU calls; sampling 300 years densely enough to
        // find each change would cost hundreds of thousands, on every log open.
        func offset(_ ms: Int64) -> Int64 {
            Int64(zone.secondsFromGMT(for: Date(timeIntervalSince1970: Double(ms) / 1000)))
        }
        var changes: [Int64] = []
        var offsets = [offset(range.lowerBound)]
        var after = Date(timeIntervalSince1970: Double(range.lowerBound) / 1000)
        while let next = zone.nextDaylightSavingTimeTransition(after: after), next > after {
            let ms = Instant(next).ms
            guard ms < range.upperBound else { break }
            // A change of daylight-saving flag alone (London's year-round BST, 1968–71) keeps the offset.
            let o = offset(ms)
            if o != offsets[offsets.count - 1] {
                changes.append(ms)
                offsets.append(o)
            }
            after = next
        }
        self.lowerMs = range.lowerBound
        self.upperMs = range.upperBound
        self.changes = changes
        self.offsets = offsets
    }

    /// Seconds east of UTC at `ms` (since 1970), or nil outside the table's range.
    func seconds(atMs ms: Int64) -> Int64? {
        guard ms >= lowerMs, ms < upperMs else { return nil }
        return changes.withUnsafeBufferPointer { c in
            // Count the changes at or before `ms`: that is the index of the offset in force.
            var lo = 0, hi = c.count
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                if c[mid] <= ms { lo = mid &+ 1 } else { hi = mid }
            }
            return offsets[lo]
        }
    }
}
