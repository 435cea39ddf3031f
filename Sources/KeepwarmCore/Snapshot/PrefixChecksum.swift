import Foundation
internal import CKeepwarmCRC
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The CRC-32C of the first bytes of the log, the whole stretch a snapshot stands for: one hand edit, restore or
/// rewrite anywhere in it changes the sum. Summed with the SSE4.2 instruction where the CPU has it: about 15 ms for
/// the 168 MB of a 1M-event log, on a thread of its own.
enum PrefixChecksum {
    /// The running sum, before the final XOR, so a longer prefix can continue from a shorter one's.
    typealias State = UInt32
    static let start: State = 0xFFFF_FFFF

    /// Continues `state` over bytes `from..<to` of the open file; nil when they cannot be read (the file is shorter).
    /// Summed in place through 4 MB mapped windows where the CPU has the instruction (`kw_crc32c_file`): copying the
    /// bytes out of the page cache cost as much as summing them. Mapping the whole prefix at once counted all of it
    /// (168 MB at 1M events) in the process's peak memory.
    static func update(_ state: State, _ fd: Int32, from: Int, to: Int) -> State? {
        guard from < to else { return from == to ? state : nil }
        var mapped = state
        if kw_crc32c_file(fd, UInt64(from), UInt64(to), &mapped) == 0 { return mapped }
        return copied(state, fd, from: from, to: to)
    }

    /// The same, read a quarter-megabyte at a time into one buffer that stays in the cache: without the instruction,
    /// or when the file cannot be mapped or turns out shorter (a mapped read past its end is caught, not a crash).
    static func copied(_ state: State, _ fd: Int32, from: Int, to: Int) -> State? {
        guard from < to else { return from == to ? state : nil }
        let chunk = 256 << 10
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: chunk, alignment: 64)
        defer { buffer.deallocate() }
        var crc = state, at = from
        while at < to {
            let n = pread(fd, buffer.baseAddress, min(chunk, to - at), off_t(at))
            if n < 0, errno == EINTR { continue }
            guard n > 0 else { return nil }
            crc = update(crc, UnsafeRawBufferPointer(rebasing: buffer[0..<n]))
            at += n
        }
        return crc
    }

    /// Continues `state` over `bytes`.
    static func update(_ state: State, _ bytes: UnsafeRawBufferPointer) -> State {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return state }
        if CRC32C.hardware { return kw_crc32c_update(state, base, bytes.count) }
        // The portable fallback, a byte at a time from the slice-by-8 tables' first row: slow, but only off x86.
        var crc = state
        CRC32C.flat.withUnsafeBufferPointer { t in
            for b in bytes { crc = t[Int((crc ^ UInt32(b)) & 0xFF)] ^ (crc >> 8) }
        }
        return crc
    }

    /// The finished checksum, as `CRC32C.checksum` gives it.
    static func finish(_ state: State) -> UInt32 { state ^ 0xFFFF_FFFF }
}
