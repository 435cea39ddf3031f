import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The per-person undo records: the shortcut for the person last written must never hand back another's record.
@Suite struct LastActionsTests {
    private func record(_ seq: Int) -> UndoRecord { UndoRecord(seq: seq, at: Instant(ms: Int64(seq)), body: nil, inverse: .nothing) }

    @Test func eachPersonKeepsTheirOwnLatestRecord() {
        var a = LastActions()
        #expect(a["sam"] == nil)
        a["sam"] = record(1)
        a["anna"] = record(2)
        a["sam"] = record(3)
        #expect(a["sam"]?.seq == 3)
        #expect(a["anna"]?.seq == 2)
        #expect(a["ben"] == nil)
        a["anna"] = nil
        #expect(a["anna"] == nil)
        #expect(a["sam"]?.seq == 3)
        #expect(a.people == ["sam"])
        // Names that differ only in case or by a combining accent are different people, as the log spells them.
        a["Sam"] = record(4)
        a["Zoe\u{301}"] = record(5)
        #expect(a["sam"]?.seq == 3)
        #expect(a["Sam"]?.seq == 4)
        #expect(a["Zoé"]?.seq == 5)
    }

    @Test func aLongRunOfNamesMatchesADictionary() {
        var a = LastActions()
        var d: [String: Int] = [:]
        var rng = SplitMix64(seed: 99)
        let names = (0..<40).map { "person \($0) with a name longer than fifteen bytes" } + ["sam", "anna", ""]
        for seq in 1...5_000 {
            let name = names[Int(rng.next() % UInt64(names.count))]
            if rng.next() % 10 == 0 {
                a[name] = nil
                d[name] = nil
            } else {
                a[name] = record(seq)
                d[name] = seq
            }
            let probe = names[Int(rng.next() % UInt64(names.count))]
            #expect(a[probe]?.seq == d[probe])
        }
        #expect(a.people == d.keys.sorted())
    }
}
