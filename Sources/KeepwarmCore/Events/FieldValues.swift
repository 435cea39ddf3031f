/// Typed values read from a field's bytes, shared by the general decoder (`EventFields`) and the canonical fast path
/// (`CanonicalLine`), so the two cannot disagree about what a value means.
extension LineScanner {
    /// An id like `c12`: its prefix, then digits, straight from the bytes, allocating nothing.
    func id<K: IDKind>(_ f: ScannedField, _ key: StaticString, _: K.Type = K.self) throws(LineDamage) -> ID<K> {
        let p = K.prefix.utf8
        let len = f.valueEnd - f.valueStart
        if f.kind == .string, len > p.count, len - p.count <= LogBounds.idDigits {
            var ok = true
            var k = 0
            for c in p {
                if b[f.valueStart + k] != c { ok = false }
                k += 1
            }
            var n = 0
            if ok {
                for j in (f.valueStart + p.count)..<f.valueEnd {
                    let c = b[j]
                    guard c >= 48 && c <= 57 else { ok = false; break }
                    n = n * 10 + Int(c - 48)
                }
            }
            if ok, n > 0 { return ID<K>(n) }
        }
        throw LineDamage(column: f.valueStart + 1, reason: "\"\(key)\" is not a \(K.noun) id like \(K.prefix)12")
    }

    /// A whole number within its field's range (`LogBounds`), or the damage naming the field and the range. The range
    /// is one comparison on the hot path; it is what keeps a checksummed line with a huge `minutes` from overflowing
    /// a rule's arithmetic later.
    @inline(__always)
    func int(_ f: ScannedField, _ key: StaticString, _ range: ClosedRange<Int>) throws(LineDamage) -> Int {
        let v: Int
        do {
            v = try int(f)
        } catch {
            // A whole number too long to read (19 digits or more) is out of range too: say so, not that it is no number.
            guard f.kind == .number, let text = wholeNumberText(f) else { throw error }
            throw LineDamage(column: f.valueStart + 1, reason: LogBounds.outOfRange(key, range, text))
        }
        guard range.contains(v) else {
            throw LineDamage(column: f.valueStart + 1, reason: LogBounds.outOfRange(key, range, String(v)))
        }
        return v
    }

    /// The text of a number made only of digits (and a leading minus), shortened if very long; nil for `1.5` or `1e3`.
    private func wholeNumberText(_ f: ScannedField) -> String? {
        var j = f.valueStart
        if j < f.valueEnd, b[j] == UInt8(ascii: "-") { j += 1 }
        guard j < f.valueEnd else { return nil }
        for k in j..<f.valueEnd where !(b[k] >= 48 && b[k] <= 57) { return nil }
        let text = String(decoding: UnsafeBufferPointer(rebasing: b[f.valueStart..<min(f.valueEnd, f.valueStart + 24)]), as: UTF8.self)
        return f.valueEnd - f.valueStart > 24 ? text + "… (\(f.valueEnd - j) digits)" : text
    }

    /// A closed-set word, or the damage naming the choices.
    func checkedWord<W: LogWord>(_ f: ScannedField, _ key: StaticString, _: W.Type = W.self) throws(LineDamage) -> W {
        if let w: W = word(f) { return w }
        let t = try string(f)
        guard let w = W(rawValue: t) else {
            throw LineDamage(column: f.valueStart + 1, reason: "\"\(key)\" must be \(W.choices), not \"\(t)\"")
        }
        return w
    }

    /// The acting person's name: the same few people write almost every line, so it is made into a String once and
    /// reused while the bytes stay the same.
    func interned(_ f: ScannedField, _ scratch: inout DecodeScratch) throws(LineDamage) -> String {
        if valueEquals(f, scratch.byBytes) { return scratch.by }
        let name = try string(f)
        if f.kind == .string {
            scratch.byBytes = Array(UnsafeBufferPointer(rebasing: b[f.valueStart..<f.valueEnd]))
            scratch.by = name
        }
        return name
    }
}
