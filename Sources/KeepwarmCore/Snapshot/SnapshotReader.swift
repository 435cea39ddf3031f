#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads what `SnapshotWriter` wrote, checking every length and value against the bytes there: a snapshot that does
/// not read exactly is thrown away, never half-used.
struct SnapshotReader {
    let base: UnsafeRawBufferPointer
    var at = 0
    /// The reading thread's recent strings, when it keeps them (`SnapshotStrings`).
    let strings: SnapshotStrings?

    init(_ base: UnsafeRawBufferPointer, strings: SnapshotStrings? = nil) {
        self.base = base
        self.strings = strings
    }

    /// Gives the kernel `advice` for the whole pages inside the addresses `from..<to` (a page only partly inside may
    /// hold other bytes still in use).
    static func advise(from: Int, to: Int, _ advice: Int32) {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        let lo = (from + page - 1) / page * page, hi = to / page * page
        guard hi > lo, let start = UnsafeMutableRawPointer(bitPattern: lo) else { return }
        _ = madvise(start, hi - lo, advice)
    }

    /// Why a snapshot was not used; the log is then replayed in full.
    struct Unreadable: Error { let why: String }

    var atEnd: Bool { at == base.count }

    @inline(__always)
    mutating func byte() throws(Unreadable) -> UInt8 {
        guard at < base.count else { throw Unreadable(why: "it ends early") }
        let b = base[at]
        at += 1
        return b
    }

    /// Most numbers are small and take one byte: that case is read inline (a call per field was a tenth of a read).
    @inline(__always)
    mutating func int() throws(Unreadable) -> Int {
        if at < base.count {
            let b = base[at]
            if b < 0x80 {
                at += 1
                return Int(b >> 1) ^ -Int(b & 1)
            }
        }
        return try longInt()
    }

    mutating func longInt() throws(Unreadable) -> Int {
        var u: UInt64 = 0, shift: UInt64 = 0
        if base.count - at >= 8 {
            // Up to eight bytes at once: where the number ends is the first byte without its top bit, and its seven-bit
            // groups are packed together in three steps (ids, seqs and counts of two and three bytes were 7% of
            // reading a snapshot, a byte at a time).
            let w = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: at, as: UInt64.self))
            let ends = ~w & 0x8080_8080_8080_8080
            if ends != 0 {
                let bits = ends.trailingZeroBitCount + 1  // through the last byte's top bit
                var x = (bits == 64 ? w : w & ((1 << UInt64(bits)) - 1)) & 0x7F7F_7F7F_7F7F_7F7F
                x = (x & 0x007F_007F_007F_007F) | ((x & 0x7F00_7F00_7F00_7F00) >> 1)
                x = (x & 0x0000_3FFF_0000_3FFF) | ((x & 0x3FFF_0000_3FFF_0000) >> 2)
                x = (x & 0x0000_0000_0FFF_FFFF) | ((x & 0x0FFF_FFFF_0000_0000) >> 4)
                at += bits / 8
                return Int(bitPattern: UInt(x >> 1)) ^ -Int(x & 1)
            }
        }
        if base.count - at >= 10 {
            // Room for the longest number: no bounds check per byte.
            while true {
                let b = base[at]
                at += 1
                u |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
                guard shift < 64 else { throw Unreadable(why: "a number is too long") }
            }
        } else {
            while true {
                let b = try byte()
                guard shift < 64 else { throw Unreadable(why: "a number is too long") }
                u |= UInt64(b & 0x7F) << shift
                if b < 0x80 { break }
                shift += 7
            }
        }
        // Zig-zag undone with a logical shift: an arithmetic one read numbers beyond ±2⁶² (Int.max among them) wrong.
        return Int(bitPattern: UInt(u >> 1)) ^ -Int(u & 1)
    }

    /// A count or index: not negative, and no more than the bytes left could hold.
    mutating func count() throws(Unreadable) -> Int {
        let n = try int()
        guard n >= 0, n <= base.count - at else { throw Unreadable(why: "a count is out of range") }
        return n
    }

    mutating func nonNegative() throws(Unreadable) -> Int {
        let n = try int()
        guard n >= 0 else { throw Unreadable(why: "a number is out of range") }
        return n
    }

    mutating func int64() throws(Unreadable) -> Int64 { Int64(try int()) }
    @inline(__always)
    mutating func instant() throws(Unreadable) -> Instant { Instant(ms: Int64(bitPattern: try u64())) }

    mutating func bool() throws(Unreadable) -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Unreadable(why: "a flag is neither 0 nor 1")
        }
    }

    mutating func u32() throws(Unreadable) -> UInt32 {
        var v: UInt32 = 0
        for k in 0..<4 { v |= UInt32(try byte()) << (8 * UInt32(k)) }
        return v
    }

    @inline(__always)
    mutating func u64() throws(Unreadable) -> UInt64 {
        guard base.count - at >= 8 else { throw Unreadable(why: "it ends early") }
        let v = base.loadUnaligned(fromByteOffset: at, as: UInt64.self)
        at += 8
        return UInt64(littleEndian: v)
    }

    /// The bytes of a `SnapshotWriter.section`, stepped over.
    mutating func section() throws(Unreadable) -> UnsafeRawBufferPointer {
        let n = try count()
        defer { at += n }
        return UnsafeRawBufferPointer(rebasing: base[at..<(at + n)])
    }

    mutating func string() throws(Unreadable) -> String {
        let n = try count()
        let slice = UnsafeRawBufferPointer(rebasing: base[at..<(at + n)])
        at += n
        guard let strings else { return SnapshotStrings.decode(slice) }
        return strings.string(slice)
    }

    /// A string's bytes, stepped over with the same checks as `string()`.
    mutating func skipString() throws(Unreadable) { at += try count() }

    mutating func id<K>() throws(Unreadable) -> ID<K> {
        let n = try int()
        guard n > 0 else { throw Unreadable(why: "an id is not positive") }
        return ID<K>(n)
    }

    /// How many words each list has, asked once per list (`allCases` builds an array each time); a short list
    /// searched in order, since hashing a type on every word read cost more than the search.
    var wordCounts: [(ObjectIdentifier, Int)] = []

    mutating func word<W: LogWord>() throws(Unreadable) -> W {
        let k = try int()
        let type = ObjectIdentifier(W.self)
        var count = -1
        for (t, n) in wordCounts where t == type { count = n; break }
        if count < 0 {
            count = W.allCases.count
            wordCounts.append((type, count))
        }
        guard k >= 0, k < count else { throw Unreadable(why: "a word is out of its list") }
        if MemoryLayout<W>.size == 1 { return unsafeBitCast(UInt8(k), to: W.self) }
        return W.allCases[W.allCases.index(W.allCases.startIndex, offsetBy: k)]
    }

    mutating func optional<T>(_ read: (inout SnapshotReader) throws(Unreadable) -> T) throws(Unreadable) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout SnapshotReader) throws(Unreadable) -> T) throws(Unreadable) -> [T] {
        let n = try count()
        if n * MemoryLayout<T>.stride >= SnapshotReader.hugePageBytes { return try hugePaged(n, read) }
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    /// Arrays at least this large are read into memory backed by huge pages where the system allows it.
    static let hugePageBytes = 1 << 20

    /// A large array read into memory advised for huge pages
    /// (`MADV_HUGEPAGE`): 2 MB at a time instead of a fault for each 4 KB page first written, which was a fifth of
    /// reading everything but the clients. Prefaulting the pages in one call instead (`MADV_POPULATE_WRITE`) was
    /// slower: it held the memory map while the other threads' heaps waited to grow. Where huge pages are off, the
    /// advice is ignored and the pages fault in as before.
    mutating func hugePaged<T>(_ n: Int, _ read: (inout SnapshotReader) throws(Unreadable) -> T) throws(Unreadable) -> [T] {
        try [T](unsafeUninitializedCapacity: n) { (buffer, made) throws(Unreadable) in
            guard let base = buffer.baseAddress else { return }
            SnapshotReader.preferHugePages(buffer)
            for k in 0..<n {
                (base + k).initialize(to: try read(&self))
                made = k + 1
            }
        }
    }

    /// Advises the kernel to back the whole pages inside `buffer` with huge pages (see `hugePaged`).
    static func preferHugePages<T>(_ buffer: UnsafeMutableBufferPointer<T>) {
        #if os(Linux)
        guard let base = buffer.baseAddress, buffer.count * MemoryLayout<T>.stride >= hugePageBytes else { return }
        advise(from: Int(bitPattern: base), to: Int(bitPattern: base) + buffer.count * MemoryLayout<T>.stride, MADV_HUGEPAGE)
        #endif
    }

    mutating func dictionary<K: Hashable, V>(_ key: (inout SnapshotReader) throws(Unreadable) -> K,
                                             _ value: (inout SnapshotReader) throws(Unreadable) -> V) throws(Unreadable) -> [K: V] {
        let n = try count()
        // An empty dictionary reserving no room still allocates one; most clients' consent dictionaries are empty.
        if n == 0 { return [:] }
        var out: [K: V] = [:]
        out.reserveCapacity(n)
        for _ in 0..<n {
            let k = try key(&self)
            guard out.updateValue(try value(&self), forKey: k) == nil else { throw Unreadable(why: "a key appears twice") }
        }
        return out
    }

    mutating func set<T: Hashable>(_ read: (inout SnapshotReader) throws(Unreadable) -> T) throws(Unreadable) -> Set<T> {
        let n = try count()
        var out = Set<T>(minimumCapacity: n)
        for _ in 0..<n {
            guard out.insert(try read(&self)).inserted else { throw Unreadable(why: "a member appears twice") }
        }
        return out
    }
}
