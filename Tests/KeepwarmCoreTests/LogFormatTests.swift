import Foundation
import Testing
@testable import KeepwarmCore

@Suite struct LogFormatTests {
    static let hostile: [String] = [
        "Bob\n{\"seq\":99,\"type\":\"referral.thanked\",\"referral\":\"r1\"}",
        "tab\there", "quote \" and backslash \\ and \\\"", "NUL \u{0}", "ESC \u{1B}[2J\u{1B}]0;pwned\u{7}",
        "C1 \u{85}\u{9B}31m", "bidi \u{202E}gnp.exe\u{202C}", "isolates \u{2066}\u{2067}\u{2068}\u{2069}",
        "line sep \u{2028} para \u{2029}", "emoji 👩‍👩‍👧‍👦 🇬🇧 ❤️", "CJK 李小龙 東京", "Zoë Brontë, Siobhán Ní Bhriain",
        "DEL \u{7F}", "\r\n", "\u{FEFF}bom", "combining e\u{301}", String(repeating: "long ", count: 2000),
    ]

    @Test func crc32cKnownAnswer() {
        #expect(CRC32C.checksum(Array("123456789".utf8)) == 0xE306_9283)
        #expect(CRC32C.checksum([]) == 0)
        // Slice-by-8 and the byte loop agree at every length.
        let data = (0..<300).map { UInt8(truncatingIfNeeded: $0 &* 31 &+ 7) }
        for n in 0..<data.count {
            var crc: UInt32 = 0xFFFF_FFFF
            for b in data[0..<n] {
                crc ^= UInt32(b)
                for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0x82F6_3B78 : crc >> 1 }
            }
            #expect(CRC32C.checksum(Array(data[0..<n])) == crc ^ 0xFFFF_FFFF)
        }
    }

    @Test func everyLineEndsWithItsChecksum() {
        let line = EventCodec.line(for: Event(seq: 7, at: Instant(ms: 1_795_000_000_000), by: "sam", body: .appointmentAttended(AppointmentID(3))))
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.hasSuffix("\"}\n"))
        let cut = text.range(of: ",\"crc\":\"")!
        let body = Array(text[..<cut.lowerBound].utf8)
        let hex = String(text[cut.upperBound...].prefix(8))
        #expect(hex == String(format: "%08x", CRC32C.checksum(body)))
        #expect(text.hasPrefix("{\"seq\":7,\"at\":\"2026-11-18T"))
    }

    @Test func hostileStringsRoundTripThroughOneLine() throws {
        for s in Self.hostile {
            let e = Event(seq: 3, at: Instant(ms: 5), by: s, body: .clientAdded(NewClient(
                id: ClientID(1), name: s, phone: nil, email: nil, source: s, contact: true)))
            let line = EventCodec.line(for: e)
            #expect(line.filter { $0 == 0x0A }.count == 1, "exactly one newline, at the end")
            #expect(line.last == 0x0A)
            #expect(!line.contains(0x1B), "no raw ESC in the file")
            let decoded = try EventCodec.decode(Array(line.dropLast()))
            #expect(decoded == .event(e))
        }
    }

    @Test func foreignButValidJSONIsReadToo() throws {
        // A line written by another tool: spaces, \/ and \u escapes, surrogate pairs, unknown and nested fields.
        let body = #"{ "seq" : 4, "at":"2026-11-21T10:00:00Z", "by":"x\/y", "type":"client.added", "id":"c1", "name":"\u00c9mile \ud83d\ude00", "future":{"a":[1,{"b":"}"}]}, "contact": false"#
        let line = body + #","crc":""# + String(format: "%08x", CRC32C.checksum(Array(body.utf8))) + "\"}"
        guard case .event(let e) = try EventCodec.decode(Array(line.utf8)), case .clientAdded(let c) = e.body else {
            Issue.record("expected a client.added event")
            return
        }
        #expect(c.name == "Émile 😀")
        #expect(c.contact == false)
        #expect(e.by == "x/y")
        #expect(e.at.iso == "2026-11-21T10:00:00.000Z")
    }

    @Test func unknownTypesAreReportedNotRefused() throws {
        var b = LineBuilder()
        b.int("seq", 9)
        b.string("at", "2026-11-21T10:00:00.000Z")
        b.string("type", "invoice.paid")
        b.int("amount", 40)
        let decoded = try EventCodec.decode(Array(b.finishedLine().dropLast()))
        #expect(decoded == .unknown(type: "invoice.paid", seq: 9, at: DateInput.parseZonedISO("2026-11-21T10:00:00Z")!, by: ""))
    }

    @Test func damageNamesTheColumn() {
        func damage(_ s: String) -> LineDamage? {
            do { _ = try EventCodec.decode(Array(s.utf8)); return nil } catch { return error }
        }
        let good = String(decoding: EventCodec.line(for: Event(seq: 2, at: Instant(ms: 0), by: "a", body: .callbackReturned(CallbackID(1)))).dropLast(), as: UTF8.self)
        let edited = good.replacingOccurrences(of: "cb1", with: "cb2")
        #expect(damage(edited) == LineDamage(column: good.count - 9, reason: "checksum mismatch: the line was changed after it was written"))
        #expect(damage("garbage")?.reason == "the line is too short to be an event")
        #expect(damage(String(good.dropLast(20)))?.reason == "the line does not end with its \"crc\" checksum")
        #expect(damage("")?.reason == "an empty line")
        // A line whose checksum matches but whose JSON is broken: a missing quote.
        let broken = #"{"seq":2,"at":"2026-11-21T10:00:00.000Z","by":"a","type":"callback.returned","callback:"cb1"}"#
        let body = String(broken.dropLast())
        let withCRC = body + #","crc":""# + String(format: "%08x", CRC32C.checksum(Array(body.utf8))) + "\"}"
        let d = damage(withCRC)
        #expect(d?.column == 89)
        #expect(d?.reason == "expected ':' after a field name")
    }
}
