import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The checksum on every log line: the SSE4.2 path (where the CPU has it) held to the portable slice-by-8 code byte for
/// byte, so a log written on one machine checks on any other.
@Suite struct CRC32CTests {
    @Test func knownAnswers() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        #expect(CRC32C.checksum(UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
        Array("123456789".utf8).withUnsafeBytes { #expect(CRC32C.portableChecksum($0) == 0xE306_9283) }
        #expect(CRC32C.portableChecksum(UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
    }

    /// Without SSE4.2 both sides are the portable code and this still runs: it then checks the dispatch, not the CPU.
    @Test func hardwareMatchesPortableAtEveryLength() {
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 167 &+ 13) }
        data.withUnsafeBytes { all in
            for n in 0...all.count {
                let slice = UnsafeRawBufferPointer(rebasing: all[0..<n])
                #expect(CRC32C.checksum(slice) == CRC32C.portableChecksum(slice), "length \(n), hardware \(CRC32C.hardware)")
            }
        }
    }

    /// Log lines start anywhere in a read buffer, so the words the hardware loop loads are rarely 8-byte aligned.
    @Test func hardwareMatchesPortableOnRandomUnalignedBuffers() {
        var rng = SplitMix64(seed: 0xC3C3_2C32)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 4_096 + 16, alignment: 16)
        defer { buffer.deallocate() }
        for i in 0..<2_000 {
            if i % 100 == 0 { for k in 0..<buffer.count { buffer[k] = UInt8.random(in: 0...255, using: &rng) } }
            let offset = Int.random(in: 0..<16, using: &rng)
            let length = Int.random(in: 0...(i < 1_000 ? 300 : 4_096), using: &rng)
            let slice = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[offset..<(offset + length)])
            #expect(CRC32C.checksum(slice) == CRC32C.portableChecksum(slice),
                    "input #\(i): offset \(offset), length \(length), hardware \(CRC32C.hardware)")
        }
    }

    /// Stretches of 24 KB and more run three streams at once and join them (crc32c.c): held to the portable code across
    /// every join, at lengths around the block and with a running sum carried in from before.
    @Test func threeStreamsJoinToTheSingleStreamSum() {
        var rng = SplitMix64(seed: 0x3C3C_2C32)
        let block = 3 * 8_192
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 5 * block + 64, alignment: 16)
        defer { buffer.deallocate() }
        for k in 0..<buffer.count { buffer[k] = UInt8.random(in: 0...255, using: &rng) }
        let lengths = [block - 1, block, block + 1, block + 7, 2 * block, 2 * block + 5, 5 * block, 5 * block + 63]
        for length in lengths {
            for offset in [0, 1, 3, 8] where offset + length <= buffer.count {
                let slice = UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(buffer)[offset..<(offset + length)])
                #expect(CRC32C.checksum(slice) == CRC32C.portableChecksum(slice),
                        "offset \(offset), length \(length), hardware \(CRC32C.hardware)")
                // The prefix checksum continues a running sum, so the join must also hold when the register starts
                // from a sum rather than from all ones.
                let head = UnsafeRawBufferPointer(rebasing: slice[0..<17])
                let rest = UnsafeRawBufferPointer(rebasing: slice[17...])
                let continued = PrefixChecksum.finish(PrefixChecksum.update(PrefixChecksum.update(PrefixChecksum.start, head), rest))
                #expect(continued == CRC32C.portableChecksum(slice), "continued, offset \(offset), length \(length)")
            }
        }
    }

    @Test func headerLineCarriesTheChecksumOfItsPrefix() {
        let line = EventCodec.headerLine()
        #expect(line.last == UInt8(ascii: "\n"))
        let body = Array(line.dropLast())
        let tail = body.count - EventCodec.crcTailLength
        #expect(String(decoding: body[tail..<(tail + 8)], as: UTF8.self) == #","crc":""#)
        let written = String(decoding: body[(tail + 8)..<(tail + 16)], as: UTF8.self)
        let prefix = Array(body[0..<tail])
        #expect(written == String(decoding: CRC32C.hex(CRC32C.checksum(prefix)), as: UTF8.self))
        prefix.withUnsafeBytes { #expect(UInt32(written, radix: 16) == CRC32C.portableChecksum($0)) }
        #expect((try? EventCodec.decode(body)) == .header(version: EventCodec.version))
    }
}
