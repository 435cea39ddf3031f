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
