import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// Imported history (`EventBody.past`): a line with a `when` reads back through the log's readers, counts at `when`
/// for the rules, is undone and erased like the event inside, and the history export of an erased client carries
/// nothing personal.
@Suite struct PastEventTests {
    /// Ada with a session on 5 January; a touchpoint and a snooze imported on 12 January dated the 6th.
    static func practice() throws -> (Fixture, ClientID) {
        let f = try Fixture()
        let ada = try f.client("Ada Lovelace")
        try f.session(ada, "2026-01-05 10:00")
        return (f, ada)
    }

    @Test func aLineWithWhenReadsBackAndCountsAtWhen() throws {
        let (f, ada) = try Self.practice()
        let when = f.t("2026-01-06 11:30")
        let e = try f.log.append(by: "test", at: f.t("2026-01-12 09:00")) { _ in
            .past(.touchpointSent(ada, kind: .postSession, via: .text, note: "stretches"), when: when)
        }
        let line = EventCodec.line(for: e)
        let text = String(decoding: line, as: UTF8.self)
        #expect(text.contains(#""type":"touchpoint.sent""#) && text.contains(#","when":"2026-01-06T11:30:00.000Z","crc""#), "\(text)")
        // The canonical reader does not expect "when" and gives the line to the general one, which reads it whole.
        var scratch = DecodeScratch()
        #expect(line.dropLast().withUnsafeBufferPointer { CanonicalLine.decode($0, end: $0.count - EventCodec.crcTailLength, scratch: &scratch) } == nil)
        #expect(try EventCodec.decode(Array(line.dropLast())) == .event(e))
        // The rules see it on the 6th, not the 12th: the post-session is done, and reopening the log agrees.
        let t = f.p.clients[ada.index].touchpoints.last!
        #expect(t.at == when)
        let reread = try EventLog.open(path: f.path)
        #expect(reread.practice.clients[ada.index].touchpoints.last!.at == when)
        #expect(!FollowUps.rows(reread.practice, now: f.t("2026-01-06 18:00")).contains { $0.client == ada && $0.kind == .postSession })
    }

    @Test func whenOnABookingIsRefusedWithItsColumn() throws {
        var b = LineBuilder()
        b.int("seq", 5); b.string("at", "2026-01-12T09:00:00.000Z"); b.string("by", "sam"); b.string("type", "appointment.attended")
        b.string("appointment", "a1"); b.string("when", "2026-01-06T11:30:00.000Z")
        let line = b.finishedLine()
        #expect(throws: LineDamage.self) { try EventCodec.decode(Array(line.dropLast())) }
        do { _ = try EventCodec.decode(Array(line.dropLast())) } catch {
            #expect(error.reason.contains("cannot carry \"when\""), "\(error.reason)")
        }
    }

    @Test func anImportedTouchpointGoesInTimeOrderAndUndoesLikeAnyOther() throws {
        let (f, ada) = try Self.practice()
        try f.log.append(by: "test", at: f.t("2026-01-10 09:00")) { _ in .touchpointSent(ada, kind: .rebookPrompt, via: .email, note: nil) }
        let e = try f.log.append(by: "test", at: f.t("2026-01-12 09:00")) { _ in
            .past(.touchpointSent(ada, kind: .postSession, via: .text, note: nil), when: f.t("2026-01-06 11:30"))
        }
        #expect(f.p.clients[ada.index].touchpoints.map(\.kind) == [.postSession, .rebookPrompt], "the latest stays last")
        try f.log.append(by: "test", at: f.t("2026-01-12 09:01")) { p in try Command.undo(by: "test").event(in: p, now: f.t("2026-01-12 09:01")) }
        #expect(f.p.clients[ada.index].touchpoints.map(\.kind) == [.rebookPrompt])
        #expect(!f.p.clients[ada.index].touchpoints.contains { $0.seq == e.seq })
    }

    @Test func erasureKeepsTheWhenAndTheExportCarriesNothingPersonal() throws {
        let (f, ada) = try Self.practice()
        try f.log.append(by: "test", at: f.t("2026-01-12 09:00")) { _ in
            .past(.touchpointSent(ada, kind: .postSession, via: .text, note: "Ada's knee"), when: f.t("2026-01-06 11:30"))
        }
        try f.log.append(by: "test", at: f.t("2026-01-12 09:05")) { _ in .lapseReviewed(ada, .snoozed(untilDay: Civil.days(2026, 3, 1)), note: "Ada abroad") }
        _ = try Erasure.erase(ada, in: f.log, by: "owner", at: f.t("2026-01-13 09:00"))
        let log = try EventLog.open(path: f.path)
        let touch = log.practice.clients[ada.index].touchpoints.last!
        #expect(touch.at == f.t("2026-01-06 11:30") && touch.note == nil)
        let lines = try [UInt8](Data(contentsOf: URL(fileURLWithPath: f.path)))
        // The imported line itself lost the note and kept its `when` (Erasure.scrubbed looks inside it).
        let logText = String(decoding: lines, as: UTF8.self)
        #expect(!logText.contains("knee") && logText.contains(#""when":"2026-01-06T11:30:00.000Z""#))
        let csv = String(decoding: HistoryCSV.table(log.practice, logLines: lines).bytes(), as: UTF8.self)
        #expect(!csv.contains("Ada") && !csv.contains("knee") && !csv.contains("abroad"), "\(csv)")
        #expect(csv.contains("touchpoint,2026-01-06,11:30:00,\(ada),\(Erasure.placeholder),post-session,text"), "\(csv)")
        #expect(csv.contains("lapse review,2026-01-12,09:05:00,\(ada),\(Erasure.placeholder)"), "\(csv)")
    }

    @Test func messageKeysComeApartIntoTheirIds() {
        let k = MessageKey("c3.reminder.2026-12-07.a9@2026-12-08T1400")
        #expect(k?.client == ClientID(3) && k?.step == "reminder" && k?.due == "2026-12-07" && k?.appointment == AppointmentID(9))
        #expect(k?.start == "2026-12-08 14:00" && k?.referral == nil)
        #expect(MessageKey("c4.referral-thank-you.2026-11-20.r2")?.referral == ReferralID(2))
        #expect(MessageKey("not a key") == nil && MessageKey("c4.x.2026-11-20.q7") == nil)
    }
}
