/// The one rule for `seq` from line to line (Docs/event-log.md, "seq"), shared by every read and by `repair`.
///
/// Keepwarm writes each event one above the last, so a sound log counts 1, 2, 3… A line whose seq is not above the
/// last good one (a duplicate, or one that went back) is damage on that line. A line whose seq skips ahead is either a
/// gap (lines were left out, as `repair` does: harmless) or a jump (this one line's seq was changed, or written by
/// another tool). Only the next line can tell them apart, so such a line is held back by one line: if the next line's
/// seq fits between the last good seq and the held one, the held line jumped and it alone is damage; the lines after
/// it are judged against the seq before it. Otherwise it was a gap and is applied. A read that ends on a held line
/// applies it, since a writer continues from its seq.
///
/// A jumped line whose neighbours leave room for it (the next seq is more than one above the last, so the line took
/// the place of one seq) is an event that is sound but for its seq: it is still damage, but its event is read as the
/// seq after the last (`renumbered`), so the ids it hands out (a client, a booking) are not lost to every later line
/// that mentions them, and `repair` writes it with that seq. With no room (the next seq is the last plus one) it is an
/// extra line, and it alone is left out.
enum SeqRule {
    /// Whether a line with `seq`, after a good line with `last`, skips numbers and so must wait for the next line.
    @inline(__always)
    static func skipsAhead(_ seq: Int, after last: Int) -> Bool { seq > last &+ 1 }

    /// Whether the held line (seq `held`) jumped, given the next line's seq (nil when it has none: a header, damage).
    @inline(__always)
    static func isJump(held: Int, next: Int?, last: Int) -> Bool {
        guard let next else { return false }
        return next > last && next < held
    }

    /// The seq a jumped line is read as, when its neighbours leave room for it; nil when it is an extra line.
    @inline(__always)
    static func renumbered(next: Int, last: Int) -> Int? { next > last &+ 1 ? last + 1 : nil }

    static func jumpReason(held: Int, last: Int, next: Int) -> String {
        let around = "seq \(held) jumps ahead of the lines around it (seq \(last) before it, \(next) after it): only this line's seq is wrong"
        guard let seq = renumbered(next: next, last: last) else { return around + ", so it alone is left out" }
        return around + ", so its event is read as seq \(seq) (`keepwarm repair` writes it so)"
    }
}

extension DecodedLine {
    /// The seq of an event or an event of an unknown type; nil for the header.
    var seq: Int? {
        switch self {
        case .event(let e): e.seq
        case .unknown(_, let seq, _, _): seq
        case .header: nil
        }
    }
}
