internal import CKeepwarmCRC

/// CRC-32C (Castagnoli), by the SSE4.2 crc32 instruction or slice-by-8: tells a torn or edited line from a good one.
public enum CRC32C {
    /// Asked once: every line of every replay is checked, and the answer cannot change while the process runs.
    static let hardware = kw_crc32c_available() != 0

    static let tables: [[UInt32]] = {
        var t = [[UInt32]](repeating: [UInt32](repeating: 0, count: 256), count: 8)
        for i in 0..<256 {
            var c = UInt32(i)
            for _ in 0..<8 { c = (c & 1) != 0 ? (c >> 1) ^ 0x82F6_3B78 : c >> 1 }
            t[0][i] = c
        }
        for i in 0..<256 {
            for k in 1..<8 { t[k][i] = (t[k - 1][i] >> 8) ^ t[0][Int(t[k - 1][i] & 0xFF)] }
        }
        return t
    }()
    static let flat: [UInt32] = tables.flatMap { $0 }

    public static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        update(0xFFFF_FFFF, bytes) ^ 0xFFFF_FFFF
    }

    /// The checksum of `seed`'s eight bytes followed by `bytes`: a snapshot's sections are summed after the file's
    /// own random seed, so a section taken from another snapshot file never passes (`SnapshotFile`).
    static func checksum(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt32 {
        withUnsafeBytes(of: seed.littleEndian) { update(update(0xFFFF_FFFF, $0), bytes) } ^ 0xFFFF_FFFF
    }

    /// Carries the running (not yet inverted) remainder `crc` over `bytes`.
    static func update(_ crc: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        guard hardware, let base = bytes.baseAddress else { return portableUpdate(crc, bytes) }
        return kw_crc32c_update(crc, base, bytes.count)
    }

    /// Slice-by-8 in plain Swift: the fallback off x86 or without SSE4.2, and the reference the tests hold the
    /// hardware path to.
    static func portableChecksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        portableUpdate(0xFFFF_FFFF, bytes) ^ 0xFFFF_FFFF
    }

    static func portableUpdate(_ start: UInt32, _ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = start
        flat.withUnsafeBufferPointer { t in
            var p = 0
            let n = bytes.count
            while n - p >= 8 {
                let lo = UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3]) << 24
                let hi = UInt32(bytes[p + 4]) | UInt32(bytes[p + 5]) << 8 | UInt32(bytes[p + 6]) << 16 | UInt32(bytes[p + 7]) << 24
                let x = crc ^ lo
                crc = t[7 * 256 + Int(x & 0xFF)] ^ t[6 * 256 + Int((x >> 8) & 0xFF)]
                    ^ t[5 * 256 + Int((x >> 16) & 0xFF)] ^ t[4 * 256 + Int(x >> 24)]
                    ^ t[3 * 256 + Int(hi & 0xFF)] ^ t[2 * 256 + Int((hi >> 8) & 0xFF)]
                    ^ t[1 * 256 + Int((hi >> 16) & 0xFF)] ^ t[Int(hi >> 24)]
                p += 8
            }
            while p < n {
                crc = t[Int((crc ^ UInt32(bytes[p])) & 0xFF)] ^ (crc >> 8)
                p += 1
            }
        }
        return crc
    }

    public static func checksum(_ bytes: [UInt8]) -> UInt32 {
        bytes.withUnsafeBytes { checksum($0) }
    }

    /// Eight lower-case hex digits, as written after `"crc":`.
    public static func hex(_ v: UInt32) -> [UInt8] {
        let digits = Array("0123456789abcdef".utf8)
        return (0..<8).map { digits[Int((v >> (28 - 4 * UInt32($0))) & 0xF)] }
    }
}
