import KeepwarmTestSupport
import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import KeepwarmCore

/// The log's prefix checksum (Snapshot/PrefixChecksum.swift), summed through mapped windows: the same sum as the
/// copying read and as the portable code, wherever the stretch starts and ends, and a file cut short is an answer of
/// "cannot be read", never a crash.
@Suite struct PrefixChecksumTests {
    /// A file of `count` random bytes, open for reading.
    func randomFile(_ dir: TempDir, count: Int) throws -> (String, Int32, [UInt8]) {
        var rng = SplitMix64(seed: 0x5EED_C3C3)
        let bytes = (0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) }
        let path = dir.file("prefix.log")
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let fd = open(path, O_RDONLY)
        try #require(fd >= 0)
        return (path, fd, bytes)
    }

    /// Stretches that start off a page boundary and end on, just before and just after the 4 MB windows' edges.
    @Test func mappedWindowsGiveTheCopiedAndPortableSums() throws {
        let dir = TempDir()
        let window = 4 << 20
        let (_, fd, bytes) = try randomFile(dir, count: 2 * window + 12_345)
        defer { close(fd) }
        let stretches = [(0, 1), (0, 4_096), (1, 4_097), (4_095, window), (4_097, window + 1), (0, 2 * window),
                         (window - 3, 2 * window + 12_345), (12_345, 12_345), (0, 2 * window + 12_345)]
        for (from, to) in stretches {
            let mapped = try #require(PrefixChecksum.update(PrefixChecksum.start, fd, from: from, to: to), "\(from)..<\(to)")
            let copied = try #require(PrefixChecksum.copied(PrefixChecksum.start, fd, from: from, to: to), "\(from)..<\(to)")
            #expect(mapped == copied, "\(from)..<\(to)")
            let portable = bytes[from..<to].withUnsafeBytes { CRC32C.portableChecksum($0) }
            #expect(PrefixChecksum.finish(mapped) == portable, "\(from)..<\(to)")
        }
        // A prefix summed in two goes (a snapshot rewritten further on continues the older one's sum) is the same.
        let head = try #require(PrefixChecksum.update(PrefixChecksum.start, fd, from: 0, to: window + 77))
        let whole = try #require(PrefixChecksum.update(head, fd, from: window + 77, to: bytes.count))
        #expect(PrefixChecksum.finish(whole) == bytes.withUnsafeBytes { CRC32C.portableChecksum($0) })
    }

    /// Asking for more than the file holds, as a snapshot of a log since cut short in place would: the mapped read
    /// past the end raises SIGBUS, which is caught for that window and answered with nil, like the copying read.
    @Test func aFileShorterThanAskedIsNilNotACrash() throws {
        let dir = TempDir()
        let (path, fd, bytes) = try randomFile(dir, count: 6 << 20)
        defer { close(fd) }
        #expect(PrefixChecksum.update(PrefixChecksum.start, fd, from: 0, to: bytes.count + 1) == nil)
        #expect(PrefixChecksum.update(PrefixChecksum.start, fd, from: 0, to: bytes.count + (5 << 20)) == nil)
        // Cut short after it was opened: the same descriptor now reads fewer bytes than before.
        #expect(truncate(path, 1 << 20) == 0)
        #expect(PrefixChecksum.update(PrefixChecksum.start, fd, from: 0, to: bytes.count) == nil)
        #expect(PrefixChecksum.copied(PrefixChecksum.start, fd, from: 0, to: bytes.count) == nil)
        // And what is still there sums as before, so one caught SIGBUS leaves the next read working.
        let left = try #require(PrefixChecksum.update(PrefixChecksum.start, fd, from: 0, to: 1 << 20))
        #expect(PrefixChecksum.finish(left) == bytes[0..<(1 << 20)].withUnsafeBytes { CRC32C.portableChecksum($0) })
    }
}
