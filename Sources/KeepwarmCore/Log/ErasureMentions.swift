/// Where one client's details appear in bytes Keepwarm wrote (a log line, a damaged line, a torn fragment, a letter, a
/// sent email): names and email addresses ignoring case, as typed and as escaped inside a log line, and phone numbers
/// in any written form the one rule (`Ownership`) reads as theirs (`07700 900555`, `+44 7700 900555`, `447700900555`).
struct Mentions {
    /// Names and emails, as typed and as escaped in a log line, ASCII letters folded to lower case.
    let words: [[UInt8]]
    /// Short one-word names, matched exactly as written.
    let exactWords: [[UInt8]]
    let phoneKeys: Set<String>
    /// The digits a phone of theirs can be written with (national and international), for a number cut off mid-way.
    let phoneDigits: [[UInt8]]
    /// The last four digits of each phone key, as a number, to pass over most numbers (times, seqs) at once.
    let phoneTails: Set<Int>
    /// Which bytes (either case) a detail can start with.
    let starts: [Bool]
    let rule: Ownership

    init(_ d: Erasure.Details, rule: Ownership) {
        self.rule = rule
        var words: Set<[UInt8]> = [], exact: Set<[UInt8]> = []
        for v in d.names.union(d.emails) where Ownership.nameKey(v) != nil && v.count >= 3 {
            // A short one-word name ("Sam") is matched only as written: ignoring case it is every "by":"sam".
            let caseMatters = !v.contains(" ") && !v.contains("@") && v.count < 6
            for form in caseMatters ? [v] : Array(Set([v, v.lowercased(), v.uppercased()])) {
                var quoted: [UInt8] = []
                LineBuilder.appendQuoted(form, to: &quoted)
                for bytes in [Array(form.utf8), Array(quoted.dropFirst().dropLast())] {
                    if caseMatters { exact.insert(bytes) } else { words.insert(Self.folded(bytes)) }
                }
            }
        }
        self.words = words.sorted { $0.count > $1.count }
        exactWords = exact.sorted { $0.count > $1.count }
        phoneKeys = Set(d.phones.compactMap(rule.phoneKey))
        var digits: Set<[UInt8]> = []
        for k in phoneKeys {
            if k.hasPrefix("+") {
                digits.insert(Array(k.dropFirst().utf8))
                digits.insert(Array(("00" + k.dropFirst()).utf8))
            } else {
                for form in ["0" + k, rule.callingCode + k, "00" + rule.callingCode + k, k] { digits.insert(Array(form.utf8)) }
            }
        }
        phoneDigits = Array(digits)
        phoneTails = Set(phoneKeys.compactMap { Int(String($0.suffix(4))) })
        var starts = [Bool](repeating: false, count: 256)
        for w in self.words {
            starts[Int(w[0])] = true
            if w[0] >= 97 && w[0] <= 122 { starts[Int(w[0] - 32)] = true }
        }
        for w in exactWords { starts[Int(w[0])] = true }
        if !phoneKeys.isEmpty { for c in Array("0123456789+(".utf8) { starts[Int(c)] = true } }
        self.starts = starts
    }

    var isEmpty: Bool { words.isEmpty && exactWords.isEmpty && phoneKeys.isEmpty }

    static func folded(_ b: [UInt8]) -> [UInt8] { b.map(fold) }
    @inline(__always) static func fold(_ c: UInt8) -> UInt8 { c >= 65 && c <= 90 ? c + 32 : c }

    /// Every stretch of `h` that holds one of the details, in order and not overlapping.
    func ranges(in h: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var out: [Range<Int>] = []
        var i = 0
        while let r = first(in: h, from: i) {
            out.append(r)
            i = r.upperBound
        }
        return out
    }

    /// The first stretch at or after `from` that holds one of the details. Most bytes start nothing: a table of the
    /// bytes a detail can start with passes over them at once.
    func first(in h: UnsafeBufferPointer<UInt8>, from: Int) -> Range<Int>? {
        var i = from
        while i < h.count {
            let c = h[i]
            if starts[Int(c)] {
                if let r = word(at: i, in: h) ?? phone(at: i, in: h) { return r }
            }
            i += 1
        }
        return nil
    }

    func ranges(in bytes: [UInt8]) -> [Range<Int>] { bytes.withUnsafeBufferPointer { ranges(in: $0) } }

    func any(in h: UnsafeBufferPointer<UInt8>) -> Bool { first(in: h, from: 0) != nil }

    func any(in bytes: [UInt8]) -> Bool { bytes.withUnsafeBufferPointer { any(in: $0) } }

    /// `bytes` with every detail replaced by the erased placeholder, or nil when it holds none.
    func scrubbed(_ bytes: [UInt8]) -> [UInt8]? {
        let found = ranges(in: bytes)
        guard !found.isEmpty else { return nil }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var at = 0
        for r in found {
            out += bytes[at..<r.lowerBound]
            out += Array(Erasure.placeholder.utf8)
            at = r.upperBound
        }
        out += bytes[at...]
        return out
    }

    /// How many bytes at the end of `bytes` are the start of one of the details cut off mid-way (at least 3 letters of
    /// a name or email, or 5 digits of a phone number), as a torn fragment can end; 0 when none.
    func cutOffAtEnd(_ bytes: [UInt8]) -> Int {
        let n = bytes.count
        var best = 0
        for w in words + exactWords where w.count > 3 {
            for len in stride(from: min(w.count - 1, n), through: 3, by: -1) where len > best {
                // The cut-off start of a word, not the end of a longer one.
                guard n - len == 0 || !Self.alnum(bytes[n - len - 1]) else { continue }
                if (0..<len).allSatisfy({ Self.fold(bytes[n - len + $0]) == Self.fold(w[$0]) }) { best = len; break }
            }
        }
        // A phone number's first digits, however they were spaced.
        var start = n, digits: [UInt8] = []
        while start > 0, Self.phoneChar(bytes[start - 1]) { start -= 1 }
        // A number starts with a digit, "+" or "(", not the space before it.
        while start < n, !(Self.phoneDigit(bytes[start]) || bytes[start] == 43 || bytes[start] == 40) { start += 1 }
        for c in bytes[start..<n] where c >= 48 && c <= 57 { digits.append(c) }
        if digits.count >= 5 && phoneDigits.contains(where: { $0.count > digits.count && Array($0.prefix(digits.count)) == digits }) {
            best = max(best, n - start)
        }
        return best
    }

    /// A name or email starting at `i` as a whole word: not the middle of a longer word ("Adam" is not "Ada").
    private func word(at i: Int, in h: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        if i > 0 && Self.alnum(h[i - 1]) { return nil }
        func bounded(_ end: Int) -> Bool { end == h.count || !Self.alnum(h[end]) }
        let c = Self.fold(h[i])
        for w in words where w[0] == c && i + w.count <= h.count {
            var k = 1
            while k < w.count && Self.fold(h[i + k]) == w[k] { k += 1 }
            if k == w.count && bounded(i + k) { return i..<(i + w.count) }
        }
        for w in exactWords where w[0] == h[i] && i + w.count <= h.count {
            var k = 1
            while k < w.count && h[i + k] == w[k] { k += 1 }
            if k == w.count && bounded(i + k) { return i..<(i + w.count) }
        }
        return nil
    }

    @inline(__always) static func alnum(_ c: UInt8) -> Bool { letter(c) || phoneDigit(c) }

    static func phoneChar(_ c: UInt8) -> Bool {
        (c >= 48 && c <= 57) || c == 32 || c == 43 || c == 45 || c == 40 || c == 41 || c == 46 || c == 47
    }

    /// A phone number of theirs starting at `i`: the longest run of whole groups of digits (split by spaces and
    /// the like) from here whose key is one of theirs.
    private func phone(at i: Int, in h: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        guard !phoneKeys.isEmpty else { return nil }
        let c = h[i]
        guard (c >= 48 && c <= 57) || c == 43 || c == 40 else { return nil }
        // Only at the start of a group: not in the middle of a longer number or word.
        if i > 0 && (Self.phoneDigit(h[i - 1]) || Self.letter(h[i - 1])) { return nil }
        // Where each group of digits ends, with the last four digits up to there as a number.
        var end = i, lastFour = 0, digits = 0
        var ends: [(at: Int, lastFour: Int, digits: Int)] = []
        while end < h.count && Self.phoneChar(h[end]) {
            let d = h[end]
            end += 1
            if Self.phoneDigit(d) {
                lastFour = (lastFour * 10 + Int(d - 48)) % 10_000
                digits += 1
                if end == h.count || !Self.phoneDigit(h[end]) { ends.append((end, lastFour, digits)) }
            }
        }
        for e in ends.reversed() where e.digits >= 5 && phoneTails.contains(e.lastFour) {
            if end < h.count && e.at == end && Self.letter(h[end]) { continue }
            let text = String(decoding: UnsafeBufferPointer(rebasing: h[i..<e.at]), as: UTF8.self)
            if let k = rule.phoneKey(text), phoneKeys.contains(k) { return i..<e.at }
        }
        return nil
    }

    @inline(__always) static func phoneDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
    @inline(__always) static func letter(_ c: UInt8) -> Bool { (c >= 65 && c <= 90) || (c >= 97 && c <= 122) }
}
