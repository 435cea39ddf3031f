import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The per-person undo and redo steps: the shortcut for the person last written must never hand back another's steps,
/// and each person keeps at most `LastActions.depth` of them.
@Suite struct LastActionsTests {
    private func record(_ seq: Int) -> UndoRecord { UndoRecord(seq: seq, at: Instant(ms: Int64(seq)), body: nil, inverse: .nothing) }

    @Test func eachPersonKeepsTheirOwnSteps() {
        var a = LastActions()
        #expect(a["sam"] == nil)
        a.record(record(1), by: "sam")
        a.record(record(2), by: "anna")
        a.record(record(3), by: "sam")
        #expect(a["sam"]?.seq == 3)
        #expect(a.history("sam").undo.map(\.seq) == [1, 3])
        #expect(a["anna"]?.seq == 2)
        #expect(a["ben"] == nil)
        a.undone(by: "anna", redo: record(2))
        #expect(a["anna"] == nil)
        #expect(a.redoable(by: "anna")?.seq == 2)
        #expect(a["sam"]?.seq == 3)
        #expect(a.people == ["anna", "sam"])
        a.redone(by: "anna", undo: record(2))
        #expect(a["anna"]?.seq == 2)
        #expect(a.redoable(by: "anna") == nil)
        // Names that differ only in case or by a combining accent are different people, as the log spells them.
        a.record(record(4), by: "Sam")
        a.record(record(5), by: "Zoe\u{301}")
        #expect(a["sam"]?.seq == 3)
        #expect(a["Sam"]?.seq == 4)
        #expect(a["Zoé"]?.seq == 5)
    }

    @Test func tenStepsAreKeptAndANewActionEndsRedo() {
        var a = LastActions()
        for seq in 1...25 { a.record(record(seq), by: "sam") }
        #expect(LastActions.depth >= 10)
        #expect(a.history("sam").undo.map(\.seq) == Array((26 - LastActions.depth)...25), "the oldest fall off, memory stays flat")
        a.undone(by: "sam", redo: record(25))
        a.undone(by: "sam", redo: record(24))
        #expect(a.history("sam").redo.map(\.seq) == [25, 24])
        #expect(a.redoable(by: "sam")?.seq == 24, "redo puts back the latest undo first")
        a.record(record(26), by: "sam")
        #expect(a.redoable(by: "sam") == nil, "recording something new ends what can be redone")
        #expect(a["sam"]?.seq == 26)
    }

    @Test func aLongRunOfNamesMatchesADictionaryOfStacks() {
        var a = LastActions()
        var d: [String: [Int]] = [:]
        var rng = SplitMix64(seed: 99)
        let names = (0..<40).map { "person \($0) with a name longer than fifteen bytes" } + ["sam", "anna", ""]
        for seq in 1...5_000 {
            let name = names[Int(rng.next() % UInt64(names.count))]
            if rng.next() % 4 == 0 {
                if let top = a[name] { a.undone(by: name, redo: top) }
                _ = d[name]?.popLast()
            } else {
                a.record(record(seq), by: name)
                d[name, default: []].append(seq)
                if d[name]!.count > LastActions.depth { d[name]!.removeFirst() }
            }
            let probe = names[Int(rng.next() % UInt64(names.count))]
            #expect(a.history(probe).undo.map(\.seq) == (d[probe] ?? []))
        }
    }
}
