import Foundation

/// The strings one reading thread has lately decoded from a snapshot, so a string the practice repeats (a source, a
/// standard touchpoint or review note, a colleague's name) is shared instead of allocated and copied again.
///
/// A string of more than 15 bytes is a heap allocation in Swift; at 1M events a snapshot held 160,000 of them, a
/// third of everything reading it allocated, and most said one of a few dozen things. A table of a fixed number of
/// slots, each keeping the last string whose sum fell there: a repeat costs a quick sum and a comparison, a new
/// string a sum more than before, and the table's memory stays the same whatever the file holds.
/// Used by one thread only (`SnapshotParts.work` makes one per thread).
final class SnapshotStrings {
    /// How many slots: enough for the few hundred strings a practice repeats, small enough to stay in the cache.
    static let slotBits = 12, slots = 1 << slotBits
    /// Strings this long or shorter are stored inline by Swift (no allocation), and longer than `longest` are rarely
    /// repeated, so neither is looked up.
    static let inline = 15, longest = 256

    private let sums: UnsafeMutablePointer<UInt64>
    private let strings: UnsafeMutablePointer<String>

    init() {
        sums = .allocate(capacity: Self.slots)
        sums.initialize(repeating: 0, count: Self.slots)
        strings = .allocate(capacity: Self.slots)
        strings.initialize(repeating: "", count: Self.slots)
    }

    deinit {
        sums.deallocate()
        strings.deinitialize(count: Self.slots)
        strings.deallocate()
    }

    /// The string `bytes` hold: the one decoded before when the same bytes were seen lately, otherwise decoded now.
    func string(_ bytes: UnsafeRawBufferPointer) -> String {
        guard bytes.count > Self.inline, bytes.count <= Self.longest else { return Self.decode(bytes) }
        let sum = Self.sum(bytes)
        let k = Int(sum >> (64 - UInt64(Self.slotBits)))
        if sums[k] == sum, Self.same(strings[k], bytes) { return strings[k] }
        let s = Self.decode(bytes)
        sums[k] = sum
        strings[k] = s
        return s
    }

    /// A quick sum of the length and the first and last eight bytes (the string is longer than 15): strings that
    /// differ only between them share a slot and take turns, which `same` catches. A CRC of every byte cost more than
    /// the allocations it saved.
    @inline(__always)
    static func sum(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let first = bytes.loadUnaligned(as: UInt64.self)
        let last = bytes.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self)
        return (first &* 0x9E37_79B9_7F4A_7C15 ^ last &* 0xC2B2_AE3D_27D4_EB4F ^ UInt64(bytes.count)) &* 0x1656_67B1_9E37_79F9
    }

    /// The checksum already vouches for the bytes, which the writer took from Swift strings, so they are decoded
    /// without a second validation (generic `String(validating:)` cost 10% of reading a snapshot).
    static func decode(_ bytes: UnsafeRawBufferPointer) -> String {
        String(decoding: bytes.bindMemory(to: UInt8.self), as: UTF8.self)
    }

    /// Whether `s` is exactly these bytes (two can share a sum).
    static func same(_ s: String, _ bytes: UnsafeRawBufferPointer) -> Bool {
        s.utf8.withContiguousStorageIfAvailable { u in
            u.count == bytes.count && (u.count == 0 || memcmp(u.baseAddress!, bytes.baseAddress!, u.count) == 0)
        } ?? false
    }
}
