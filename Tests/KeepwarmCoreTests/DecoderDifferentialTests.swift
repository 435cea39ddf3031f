import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The byte-level line scanner against Foundation's JSON parser on the same inputs: every event type with hostile
/// strings, and seeded random mutations of them (with the checksum recomputed, so they reach the scanner).
@Suite struct DecoderDifferentialTests {
    /// One line of every event type, carrying hostile text wherever the type has text.
    static func sampleLines() -> [[UInt8]] {
        let text = LogFormatTests.hostile
        let bodies: [EventBody] = [
            .settingsChanged(SettingsChange(name: text[0], timeZone: "Europe/London", lapseDays: 42)),
            .practitionerAdded(PractitionerID(1), name: text[1]),
            .clientAdded(NewClient(id: ClientID(1), name: text[2], phone: "07700 900123", email: "a@b.co", source: text[3],
                                   referredBy: ClientID(2), referral: ReferralID(1), cadence: 14)),
            .clientEdited(ClientEdit(client: ClientID(1), name: text[4], contact: false, cadence: 0)),
            .clientStatusChanged(ClientID(1), .movedAway, reason: text[5]),
            .appointmentBooked(AppointmentID(3), client: ClientID(1), practitioner: PractitionerID(1), start: Instant(ms: 1_795_000_000_000), minutes: 50),
            .appointmentMoved(AppointmentID(3), start: Instant(ms: 1_795_003_600_000)),
            .appointmentCancelled(AppointmentID(3), by: .practice, late: true),
            .appointmentAttended(AppointmentID(3)),
            .appointmentNoShow(AppointmentID(3)),
            .referralRecorded(ReferralID(2), referrer: ClientID(1), client: ClientID(2)),
            .referralThanked(ReferralID(2), via: .inPerson, note: text[6]),
            .touchpointSent(ClientID(1), kind: .checkIn28, via: .text, note: text[7]),
            .lapseReviewed(ClientID(1), .snoozed(untilDay: Civil.days(2026, 12, 1)), note: text[8]),
            .lapseReviewed(ClientID(1), .closed(.discharged), note: nil),
            .lapseReviewed(ClientID(1), .closed(.movedAway), note: text[8], detail: ReviewDetail(via: .voicemail, reason: .movedAway, practitioner: PractitionerID(2))),
            .lapseReviewed(ClientID(1), .contacted, note: nil, detail: ReviewDetail(via: .sms)),
            .milestoneReached(ClientID(1), .goalReached),
            .feedbackGiven(ClientID(1), score: 4, comment: text[9]),
            .callbackAdded(CallbackID(1), name: text[10], phone: "07700 900777", reason: text[11], promisedBy: Instant(ms: 1_795_000_000_000)),
            .callbackReturned(CallbackID(1)),
            .undone(target: 12),
            .auditStarted(AuditID(1)),
            .auditAnswered(AuditID(1), step: 5, answer: .unsure, note: text[12], owner: text[13]),
            .auditFinished(AuditID(1), inPlace: 9, evidenceMet: 7, evidenceSteps: 13),
            .reportViewed(.sources, exported: true),
            .reportReviewed(.sources),
            .batchBegun(events: 400_000, kind: .imported),
            .clientAdded(NewClient(id: ClientID(3), name: text[14 % text.count], consentRecorded: false, row: "34bbdd66a761a3dd")),
        ]
        return bodies.enumerated().map { i, body in
            Array(EventCodec.line(for: Event(seq: i + 2, at: Instant(ms: 1_795_000_000_000 + Int64(i)), by: text[i % text.count], body: body)).dropLast())
        }
    }

    /// Scalar fields as Foundation sees them, or nil if it does not accept the line as one flat object.
    static func foundation(_ line: [UInt8]) -> [String: String]? {
        guard let obj = try? JSONSerialization.jsonObject(with: Data(line), options: [.fragmentsAllowed]) as? [String: Any] else { return nil }
        var out: [String: String] = [:]
        for (k, v) in obj {
            switch v {
            // Foundation drops a U+FEFF from the start of a string (a quirk of its decoding); Keepwarm keeps every
            // character, as the round-trip tests show, so the comparison leaves that one character aside.
            case let s as String: out[k] = "s:" + s.replacingOccurrences(of: "\u{FEFF}", with: "")
            case let n as NSNumber:
                // Foundation gives true and false as NSNumbers of type char or bool.
                let type = String(cString: n.objCType)
                out[k] = type == "c" || type == "B" ? "b:\(n.boolValue)" : (type == "d" || type == "f" ? "n:real" : "n:\(n)")
            case is NSNull: out[k] = "null"
            default: out[k] = "nested"
            }
        }
        return out
    }

    /// Scalar fields as the line scanner sees them, or nil if it refuses the line.
    static func scanner(_ line: [UInt8]) -> [String: String]? {
        line.withUnsafeBufferPointer { p -> [String: String]? in
            var s = LineScanner(p)
            guard (try? s.scan()) != nil else { return nil }
            var out: [String: String] = [:]
            for f in s.fields {
                guard let key = String(validating: UnsafeBufferPointer(rebasing: p[f.keyStart..<f.keyEnd]), as: UTF8.self),
                      !key.contains("\\"), out[key] == nil else { return nil }
                switch f.kind {
                case .string, .escapedString:
                    guard let v = try? s.string(f) else { return nil }
                    out[key] = "s:" + v.replacingOccurrences(of: "\u{FEFF}", with: "")
                case .literal: out[key] = s.isNull(f) ? "null" : "b:\((try? s.bool(f)) ?? false)"
                case .number:
                    // Keepwarm's fields are whole numbers; anything with a fraction or exponent is just "a real".
                    let raw = String(decoding: UnsafeBufferPointer(rebasing: p[f.valueStart..<f.valueEnd]), as: UTF8.self)
                    out[key] = raw.contains(where: { ".eE".contains($0) }) ? "n:real" : ((try? s.int(f)).map { "n:\($0)" } ?? "n:?")
                case .nested: out[key] = "nested"
                }
            }
            return out
        }
    }

    /// Re-seals a line's checksum after a change, as a careful hand edit would, so the parser is what gets tested.
    static func resealed(_ body: [UInt8]) -> [UInt8] {
        body + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(body)) + Array("\"}".utf8)
    }

    @Test func bothReadEveryEventTypeTheSame() throws {
        for line in Self.sampleLines() {
            let ours = try #require(Self.scanner(line))
            let theirs = try #require(Self.foundation(line))
            #expect(ours == theirs)
            // And the full decoder accepts every one of them.
            #expect((try? EventCodec.decode(line)) != nil)
        }
    }

    /// Bytes the edits draw on: JSON punctuation, digits, escape letters, a C0 control, DEL and a non-ASCII letter.
    static let alphabet = Array("{}[]\":,\\ntu0123456789-.eE \u{1}\u{7F}é".utf8)

    /// One to three single-byte edits (replace, delete, insert) at random places, like a slip in an editor. Shared
    /// with the fuzz tests, which add larger, structural mutations on top.
    static func mutated<R: RandomNumberGenerator>(_ body: [UInt8], using rng: inout R) -> [UInt8] {
        var m = body
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let i = m.isEmpty ? 0 : Int.random(in: 0..<m.count, using: &rng)
            switch Int.random(in: 0..<3, using: &rng) {
            case 0 where !m.isEmpty: m[i] = alphabet.randomElement(using: &rng)!
            case 1 where !m.isEmpty: m.remove(at: i)
            default: m.insert(alphabet.randomElement(using: &rng)!, at: i)
            }
        }
        return m
    }

    @Test func mutatedLinesAreReadTheSameOrRefusedByBoth() throws {
        var rng = SplitMix64(seed: 0x5EED_CAFE)
        var agreed = 0, refused = 0
        for line in Self.sampleLines() {
            let body = Array(line[..<(line.count - EventCodec.crcTailLength)])
            for _ in 0..<400 {
                let m = Self.mutated(body, using: &rng)
                let mutated = Self.resealed(m)
                let ours = Self.scanner(mutated), theirs = Self.foundation(mutated)
                if let ours {
                    // Whatever the scanner accepts, Foundation reads identically (it may accept a little more:
                    // duplicate keys, non-integer numbers, raw DEL — which the scanner refuses or leaves alone).
                    #expect(theirs == ours, "\(String(decoding: mutated, as: UTF8.self))")
                    agreed += 1
                } else {
                    refused += 1
                }
                // The full decoder never crashes on any of them.
                _ = try? EventCodec.decode(mutated)
            }
        }
        #expect(agreed > 500, "enough mutated lines still parse to compare values")
        #expect(refused > 500, "enough are refused to exercise the error paths")
    }
}
