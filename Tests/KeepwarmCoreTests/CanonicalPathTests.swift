import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The canonical fast path (`CanonicalLine`) against the general scanner on the same lines: what the encoder writes,
/// every event type with hostile text, seeded edits of them, reordered and padded lines, and random bytes. The two must
/// give identical results, damage included; the fast path may only decline a line, never read it differently.
@Suite struct CanonicalPathTests {
    /// The same line through both paths, and whether the fast path took it.
    static func both(_ line: [UInt8]) -> (fast: Result<DecodedLine, LineDamage>, general: Result<DecodedLine, LineDamage>, tookFastPath: Bool) {
        line.withUnsafeBufferPointer { p in
            var fastScratch = DecodeScratch()
            var generalScratch = DecodeScratch()
            generalScratch.canonical = false
            let fast = Result { () throws(LineDamage) in try EventCodec.decode(p, scratch: &fastScratch) }
            let general = Result { () throws(LineDamage) in try EventCodec.decode(p, scratch: &generalScratch) }
            var probe = DecodeScratch()
            let took = p.count > EventCodec.crcTailLength
                && CanonicalLine.decode(p, end: p.count - EventCodec.crcTailLength, scratch: &probe) != nil
            return (fast, general, took)
        }
    }

    /// Lines the way Keepwarm writes them, from a seeded demo practice: every common type, real-looking text.
    static func demoLines() -> [[UInt8]] {
        let end = Instant.parseLogForm(Array("2026-11-18T12:40:00.000Z".utf8))!
        return DemoGenerator(seed: 7, events: 6_000, end: end).events().map { Array(EventCodec.line(for: $0).dropLast()) }
    }

    @Test func whatTheEncoderWritesTakesTheFastPathAndReadsTheSame() throws {
        var took = 0
        var types: Set<String> = []
        for line in Self.demoLines() {
            let r = Self.both(line)
            #expect(r.fast == r.general, "\(String(decoding: line, as: UTF8.self))")
            if r.tookFastPath {
                took += 1
                if case .success(.event(let e)) = r.fast { types.insert(e.body.type) }
            }
        }
        let lines = Self.demoLines().count
        // Only the rare types (settings, practitioners) decline; everything the demo writes daily is fast.
        #expect(took >= lines - 20, "\(took) of \(lines) lines took the fast path")
        #expect(types.isSuperset(of: ["appointment.booked", "appointment.attended", "touchpoint.sent", "client.added",
                                      "lapse.reviewed", "feedback.given", "appointment.cancelled", "callback.added",
                                      "callback.returned", "appointment.no-show", "referral.thanked", "milestone.reached"]),
                "\(types.sorted())")
    }

    @Test func everyEventTypeWithHostileTextReadsTheSame() {
        var took = 0
        for line in DecoderDifferentialTests.sampleLines() + Self.plainSamples() {
            let r = Self.both(line)
            #expect(r.fast == r.general, "\(String(decoding: line, as: UTF8.self))")
            if r.tookFastPath { took += 1 }
        }
        #expect(took >= Self.plainSamples().count - 8, "the plain variants take the fast path")
    }

    /// One of each type with plain text, non-ASCII included, and every optional key both present and absent.
    static func plainSamples() -> [[UInt8]] {
        let bodies: [EventBody] = [
            .clientAdded(NewClient(id: ClientID(1), name: "Zoë Brontë", phone: "07700 900123", email: "z@b.co", source: "GP",
                                   referredBy: ClientID(2), referral: ReferralID(1), contact: false, newsletter: true, cadence: 14)),
            .clientAdded(NewClient(id: ClientID(12), name: "李小龙")),
            .clientAdded(NewClient(id: ClientID(3), name: "No consent", consentRecorded: false)),
            .clientAdded(NewClient(id: ClientID(4), name: "Imported", consentRecorded: false, row: "af8b9d90c056df0a")),
            .clientEdited(ClientEdit(client: ClientID(1), name: "Siobhán", phone: "1", email: "e", source: "s", contact: true,
                                     newsletter: false, cadence: 0)),
            .clientEdited(ClientEdit(client: ClientID(1))),
            .clientStatusChanged(ClientID(1), .movedAway, reason: "left town"),
            .clientStatusChanged(ClientID(1), .active, reason: nil),
            .appointmentBooked(AppointmentID(3), client: ClientID(1), practitioner: PractitionerID(1), start: Instant(ms: -86_400_000), minutes: 0),
            .appointmentMoved(AppointmentID(3), start: Instant(ms: 1_795_003_600_000)),
            .appointmentCancelled(AppointmentID(3), by: .client, late: false),
            .appointmentAttended(AppointmentID(123_456_789)),
            .appointmentNoShow(AppointmentID(3)),
            .referralRecorded(ReferralID(2), referrer: ClientID(1), client: ClientID(2)),
            .referralThanked(ReferralID(2), via: .letter, note: nil),
            .touchpointSent(ClientID(1), kind: .postSession, via: nil, note: nil),
            .touchpointSent(ClientID(1), kind: .reactivationLetter, via: .email, note: "sent the letter"),
            .lapseReviewed(ClientID(1), .contacted, note: nil),
            .lapseReviewed(ClientID(1), .snoozed(untilDay: Civil.days(2026, 12, 1)), note: "on holiday"),
            .lapseReviewed(ClientID(1), .closed(.discharged), note: nil),
            .lapseReviewed(ClientID(1), .closed(.discharged), note: "cost", detail: ReviewDetail(via: .letter, reason: .cost, practitioner: PractitionerID(1))),
            .lapseReviewed(ClientID(1), .snoozed(untilDay: Civil.days(2026, 12, 1)), note: nil, detail: ReviewDetail(practitioner: PractitionerID(12))),
            .milestoneReached(ClientID(1), .significantSession),
            .feedbackGiven(ClientID(1), score: -3, comment: nil),
            .callbackAdded(CallbackID(1), name: "Ann", phone: "07700 900777", reason: nil, promisedBy: Instant(ms: 1_795_000_000_000)),
            .callbackReturned(CallbackID(1)),
        ]
        return bodies.enumerated().map { i, body in
            Array(EventCodec.line(for: Event(seq: i + 2, at: Instant(ms: 1_795_000_000_000 + Int64(i)), by: i % 2 == 0 ? "sam" : "", body: body)).dropLast())
        }
    }

    @Test func editedLinesReadTheSameOrFailTheSame() {
        var rng = SplitMix64(seed: 0xFA57_9A7E)
        var compared = 0, fastAccepted = 0
        for line in Self.plainSamples() + Array(Self.demoLines().prefix(200)) {
            let body = Array(line[..<(line.count - EventCodec.crcTailLength)])
            for _ in 0..<150 {
                let edited = DecoderDifferentialTests.resealed(DecoderDifferentialTests.mutated(body, using: &rng))
                let r = Self.both(edited)
                #expect(r.fast == r.general, "\(String(decoding: edited, as: UTF8.self))")
                compared += 1
                if r.tookFastPath { fastAccepted += 1 }
            }
        }
        #expect(compared > 30_000)
        // Some edits leave a line that is still canonical (a changed digit or letter), so both paths get exercised.
        #expect(fastAccepted > 1_000, "\(fastAccepted) edited lines were still canonical")
    }

    /// Lines another tool might write: keys reordered, spaces, nulls for absent values, escapes that need not be
    /// there, unknown keys. The fast path must decline them all and the general path reads them.
    @Test func otherLayoutsDeclineTheFastPathAndStillRead() throws {
        let variants = [
            #"{"at":"2026-11-18T12:40:00.000Z","seq":5,"by":"sam","type":"appointment.attended","appointment":"a1""#,
            #"{"seq":5, "at":"2026-11-18T12:40:00.000Z","by":"sam","type":"appointment.attended","appointment":"a1""#,
            #"{"seq":5,"at":"2026-11-18T12:40:00.000Z","by":"sam","type":"touchpoint.sent","client":"c1","kind":"check-in-28","via":null"#,
            #"{"seq":5,"at":"2026-11-18T12:40:00.000Z","by":"s\u0061m","type":"appointment.attended","appointment":"a1""#,
            #"{"seq":5,"at":"2026-11-18T12:40:00.000Z","by":"sam","type":"appointment.attended","appointment":"a1","extra":1"#,
            #"{"seq":5,"at":"2026-11-18T12:40:00Z","by":"sam","type":"appointment.attended","appointment":"a1""#,
            #"{"seq":5,"at":"2026-11-18T13:40:00.000+01:00","by":"sam","type":"appointment.attended","appointment":"a1""#,
            #"{"seq":5,"at":"2026-11-18T12:40:00.000Z","by":"sam","type":"appointment.cancelled","appointment":"a1","cancelledBy":"client","late":null"#,
        ]
        for v in variants {
            let line = DecoderDifferentialTests.resealed(Array(v.utf8))
            let r = Self.both(line)
            #expect(!r.tookFastPath, "\(v)")
            #expect(r.fast == r.general, "\(v)")
            guard case .success(.event(let e)) = r.general else {
                Issue.record("the general path should read \(v): \(r.general)")
                continue
            }
            #expect(e.seq == 5)
        }
    }

    @Test func randomBytesAndShuffledFieldsFailTheSame() {
        var rng = SplitMix64(seed: 0xB17E5)
        let alphabet = DecoderDifferentialTests.alphabet + Array("\"seq\":,at\"by\"type".utf8)
        for _ in 0..<5_000 {
            let n = Int.random(in: 0..<120, using: &rng)
            let body = [UInt8(ascii: "{")] + (0..<n).map { _ in alphabet.randomElement(using: &rng)! }
            let r = Self.both(DecoderDifferentialTests.resealed(body))
            #expect(r.fast == r.general)
        }
        for line in Self.plainSamples() {
            // The same fields in another order: valid JSON, the same event, but not the encoder's layout.
            let text = String(decoding: line[1..<(line.count - EventCodec.crcTailLength)], as: UTF8.self)
            var fields = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            fields.shuffle(using: &rng)
            let r = Self.both(DecoderDifferentialTests.resealed(Array(("{" + fields.joined(separator: ",")).utf8)))
            #expect(r.fast == r.general)
        }
    }
}

extension CanonicalPathTests {
    /// Ids and instants are read by the fast path without scanning for their quote; these are the edges of that.
    @Test func idAndInstantEdgesReadTheSame() {
        let ids = ["a1", "a0", "a012", "a999999999999", "a9999999999999", "a99999999999999999999999999", "a", "b1", "a1x",
                   "a-1", "A1", "a 1", "", "a12\u{e9}"]
        let instants = ["2026-11-18T12:40:00.000Z", "2026-11-18T12:40:00.000", "2026-02-30T12:40:00.000Z",
                        "2026-11-18T12:40:00.0000Z", "2026-11-18T12:40:00Z", "2026-11-18T24:00:00.000Z", "x"]
        for id in ids {
            for at in instants {
                let body = #"{"seq":5,"at":"\#(at)","by":"sam","type":"appointment.attended","appointment":"\#(id)""#
                let r = Self.both(DecoderDifferentialTests.resealed(Array(body.utf8)))
                #expect(r.fast == r.general, "\(body)")
                #expect(r.tookFastPath == (at == instants[0] && ["a1", "a012", "a999999999999"].contains(id)), "\(body)")
            }
        }
    }
}
