/// Builds a snapshot's bytes: little-endian varints, length-prefixed UTF-8, one presence byte before an optional.
/// Hand-written rather than `Codable`: the 1M-event practice holds millions of fields, and a generic coder's per-field
/// dynamic dispatch would cost more than the replay the snapshot replaces (Docs/performance.md, "The snapshot").
struct SnapshotWriter {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) { bytes.reserveCapacity(capacity) }

    /// A whole number, zig-zag varint (negative numbers stay short).
    mutating func int(_ v: Int) {
        var u = UInt64(bitPattern: Int64((v << 1) ^ (v >> 63)))
        while u >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: u) | 0x80)
            u >>= 7
        }
        bytes.append(UInt8(u))
    }

    mutating func int64(_ v: Int64) { int(Int(v)) }
    mutating func bool(_ v: Bool) { bytes.append(v ? 1 : 0) }
    /// Fixed-width: a time in ms is six varint bytes anyway, and eight are read in one load.
    mutating func instant(_ v: Instant) { u64(UInt64(bitPattern: v.ms)) }

    /// Fixed-width, for the header fields that are read before anything else.
    mutating func u32(_ v: UInt32) { for k in 0..<4 { bytes.append(UInt8(truncatingIfNeeded: v >> (8 * UInt32(k)))) } }
    mutating func u64(_ v: UInt64) { withUnsafeBytes(of: v.littleEndian) { bytes.append(contentsOf: $0) } }

    /// A stretch written by `body`, preceded by its length, so a reader can hand it to another thread and go on.
    mutating func section(_ body: (inout SnapshotWriter) -> Void) {
        var inner = SnapshotWriter()
        body(&inner)
        int(inner.bytes.count)
        bytes.append(contentsOf: inner.bytes)
    }

    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { u in
            int(u.count)
            bytes.append(contentsOf: u)
        }
    }

    mutating func id<K>(_ v: ID<K>) { int(v.number) }

    /// A closed word as its place in the list (the list is fixed for one Keepwarm version, which the header names).
    /// A one-byte word is its case's tag, which is its place in `allCases` (both follow the declaration); asking
    /// `allCases` builds an array each time, which cost more than the rest of a snapshot together.
    mutating func word<W: LogWord>(_ w: W) {
        if MemoryLayout<W>.size == 1 {
            int(Int(unsafeBitCast(w, to: UInt8.self)))
        } else {
            int(W.allCases.firstIndex(of: w).map { W.allCases.distance(from: W.allCases.startIndex, to: $0) } ?? 0)
        }
    }

    mutating func optional<T>(_ v: T?, _ write: (inout SnapshotWriter, T) -> Void) {
        guard let v else { bytes.append(0); return }
        bytes.append(1)
        write(&self, v)
    }

    mutating func array<C: Collection>(_ a: C, _ write: (inout SnapshotWriter, C.Element) -> Void) {
        int(a.count)
        for x in a { write(&self, x) }
    }

    /// A dictionary in its own order: its order is not part of its value, and the reader puts it back as a value.
    mutating func dictionary<K, V>(_ d: [K: V], _ key: (inout SnapshotWriter, K) -> Void, _ value: (inout SnapshotWriter, V) -> Void) {
        int(d.count)
        for (k, v) in d {
            key(&self, k)
            value(&self, v)
        }
    }

    mutating func set<T>(_ s: Set<T>, _ write: (inout SnapshotWriter, T) -> Void) {
        int(s.count)
        for x in s { write(&self, x) }
    }
}
