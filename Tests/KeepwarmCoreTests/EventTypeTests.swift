import Foundation
import Testing
@testable import KeepwarmCore

/// Every event type, enumerated: a type added to `EventBody` must have an `EventType` (the `kind` switch has no
/// default), so it must have a sample here (this switch has none either), and then it must be written, read back the
/// same by both readers, replayed, and carried through an erasure. A type the reader or the erasure does not know
/// fails to compile or fails here, never silently.
@Suite struct EventTypeTests {
    /// Lines before the samples: a practice with two clients (Grace referred by Ada), two bookings and a callback.
    static func setup() -> [EventBody] {
        let t = Instant(ms: 1_796_292_000_000)
        return [
            .settingsChanged(SettingsChange(name: "Riverside", timeZone: "Europe/London")),
            .practitionerAdded(PractitionerID(1), name: "Anna Okafor"),
            .clientAdded(NewClient(id: ClientID(1), name: "Ada Lovelace", phone: "07700 900123", email: "ada@example.com")),
            .clientAdded(NewClient(id: ClientID(2), name: "Grace Hopper", referredBy: ClientID(1), referral: ReferralID(1))),
            .appointmentBooked(AppointmentID(1), client: ClientID(1), practitioner: PractitionerID(1), start: t, minutes: 60),
            .appointmentBooked(AppointmentID(2), client: ClientID(2), practitioner: PractitionerID(1), start: t.adding(hours: 2), minutes: 45),
            .callbackAdded(CallbackID(1), name: "Mo Farah", phone: "07700 900777", reason: nil, promisedBy: t),
        ]
    }

    /// One event of type `t` that applies to `p` (the setup and the samples of the types before it). No `default:`:
    /// a new event type does not compile until it has a sample, and then every test below covers it.
    static func sample(_ t: EventType, _ p: Practice) -> EventBody {
        let start = Instant(ms: 1_796_378_400_000)
        switch t {
        case .settingsChanged: return .settingsChanged(SettingsChange(lapseDays: 40, thankYouHours: 72))
        case .practitionerAdded: return .practitionerAdded(p.nextPractitionerID, name: "Cleo Adams")
        case .practitionerEdited: return .practitionerEdited(PractitionerID(2), name: "Cleo Adams-Okafor")
        case .practitionerHours:
            return .practitionerHours(PractitionerID(1), WorkingHours(days: [
                [WorkingRange(start: 540, end: 720), WorkingRange(start: 780, end: 1020)], [WorkingRange(start: 480, end: 1440)],
                [], [WorkingRange(start: 0, end: 30)], [], [], []]))
        case .clientAdded:
            return .clientAdded(NewClient(id: p.nextClientID, name: "Joan Clarke", referredBy: ClientID(1), referral: p.nextReferralID, cadence: 14,
                                          given: "Joan", ref: "P-1041",
                                          history: ImportedHistory(visits: 6, firstVisit: Civil.days(2024, 2, 1), lastVisit: Civil.days(2026, 9, 30),
                                                                   since: Civil.days(2024, 1, 20), contacted: start.adding(hours: -2000))))
        case .clientEdited: return .clientEdited(ClientEdit(client: ClientID(1), name: "Ada King", phone: "07700 900124", cadence: 21))
        case .clientStatusChanged: return .clientStatusChanged(ClientID(1), .active, reason: "back after a break")
        case .clientErased: return .clientErased(ClientID(2))
        case .appointmentBooked:
            return .appointmentBooked(p.nextAppointmentID, client: ClientID(1), practitioner: PractitionerID(1), start: start, minutes: 90)
        case .appointmentMoved: return .appointmentMoved(AppointmentID(3), start: start.adding(hours: 4))
        case .appointmentCancelled: return .appointmentCancelled(AppointmentID(3), by: .client, late: true)
        case .appointmentAttended: return .appointmentAttended(AppointmentID(1))
        case .appointmentNoShow: return .appointmentNoShow(AppointmentID(2))
        case .referralRecorded: return .referralRecorded(p.nextReferralID, referrer: ClientID(3), client: ClientID(1))
        case .referralThanked: return .referralThanked(ReferralID(1), via: .phone, note: "Thanked Ada Lovelace by phone")
        case .touchpointSent: return .touchpointSent(ClientID(1), kind: .checkIn28, via: .email, note: "Ada Lovelace replied")
        case .lapseReviewed: return .lapseReviewed(ClientID(1), .snoozed(untilDay: Civil.days(2027, 1, 4)), note: "Ada Lovelace away")
        case .milestoneReached: return .milestoneReached(ClientID(1), .goalReached)
        case .feedbackGiven: return .feedbackGiven(ClientID(1), score: 5, comment: "From Ada Lovelace")
        case .callbackAdded:
            return .callbackAdded(p.nextCallbackID, name: "Ada Lovelace", phone: "07700 900123", reason: "rebook", promisedBy: start)
        case .callbackReturned: return .callbackReturned(CallbackID(1))
        case .undone: return .undone(target: p.lastSeq)
        // Anna puts back the callback return she has just undone.
        case .redone: return .redone(target: p.lastSeq - 1)
        case .auditStarted: return .auditStarted(p.nextAuditID)
        case .auditAnswered: return .auditAnswered(AuditID(1), step: 4, answer: .unsure, note: "ask Anna", owner: "Sam")
        case .auditFinished: return .auditFinished(AuditID(1), inPlace: 1, evidenceMet: 0, evidenceSteps: 2)
        case .reportViewed: return .reportViewed(.referrers, exported: true)
        case .reportReviewed: return .reportReviewed(.sources)
        // Its one event follows it in `log()`, at the same time and by the same person, as a batch is written.
        case .batchBegun: return .batchBegun(events: 1, kind: .imported)
        case .autopilotPolicy: return .autopilotPolicy(.rebookPrompt, StepPolicy(.auto, channels: [.sms, .email]))
        case .autopilotWindow: return .autopilotWindow(AutopilotWindow(from: 540, to: 1050, days: [0, 1, 2, 3, 4], cap: 50))
        case .autopilotHeld: return .autopilotHeld(ClientID(1), untilDay: Civil.days(2027, 1, 10))
        case .autopilotReleased: return .autopilotReleased(ClientID(1))
        case .autopilotSkipped: return .autopilotSkipped(ClientID(1), key: "c1.rebook-prompt.2026-12-05.a1")
        case .autopilotRan: return .autopilotRan(RunSummary(sent: 3, failed: 1, unresolved: 0, waiting: 2))
        case .messageAttempted:
            return .messageAttempted(AttemptStart(id: p.autopilot.nextID, key: "c1.reminder.2026-12-06.a3@2026-12-07T1000", client: ClientID(1),
                                                  step: .reminder, channel: .email, to: "ada@example.com",
                                                  dueDay: Civil.days(2026, 12, 6), appointment: AppointmentID(3)))
        case .messageSent: return .messageSent(AttemptID(1), provider: "smsc-4411", confirmed: false)
        case .messageFailed: return .messageFailed(AttemptID(2), reason: "exit 75: gateway busy", retry: true, confirmed: false)
        case .consentChanged: return .consentChanged(ClientID(1), .sms, given: false, how: .optOut)
        case .appointmentHistory: return .appointmentHistory(AppointmentID(1), booked: start.adding(hours: -700), settled: start.adding(hours: 2))
        case .siteAdded: return .siteAdded(p.nextSiteID, name: "Hilltop", address: "2 Hill Rd, \"Upper\" floor")
        case .siteEdited: return .siteEdited(SiteID(1), name: "Hilltop Studio", address: "")
        case .practitionerSite: return .practitionerSite(PractitionerID(1), site: SiteID(1))
        }
    }

    /// The setup, then one sample of every type in `EventType` order, applied as they go; returns the log's bytes,
    /// every event, and the samples alone.
    static func log() throws -> (bytes: [UInt8], events: [Event], samples: [Event]) {
        var p = Practice()
        var bytes = EventCodec.headerLine()
        var events: [Event] = []
        var samples: [Event] = []
        @discardableResult
        func add(_ body: EventBody, by: String, at: Instant? = nil) throws -> Event {
            let e = Event(seq: p.lastSeq + 1, at: at ?? Instant(ms: 1_796_000_000_000 + Int64(events.count) * 60_000), by: by, body: body)
            try p.apply(e)
            events.append(e)
            bytes += EventCodec.line(for: e)
            return e
        }
        for body in setup() { try add(body, by: "sam") }
        for t in EventType.allCases {
            // An undo reverses its person's last action: anna returns the callback, then undoes it, then redoes it.
            let e = try add(sample(t, p), by: t == .callbackReturned || t == .undone || t == .redone ? "anna" : "sam")
            samples.append(e)
            // A batch is counted only once its events are there: its one event, written with it.
            if case .batchBegun = e.body { try add(.reportViewed(.sources, exported: false), by: e.by, at: e.at) }
            // A second try, to the referrer of a thank-you by text, for `message.failed` to settle.
            if case .messageAttempted = e.body {
                try add(.messageAttempted(AttemptStart(id: p.autopilot.nextID, key: "c1.referral-thank-you.2026-12-05.r1", client: ClientID(1),
                                                       step: .referralThankYou, channel: .sms, to: "+447700900123",
                                                       dueDay: Civil.days(2026, 12, 5), referral: ReferralID(1))), by: e.by)
            }
        }
        return (bytes, events, samples)
    }

    @Test func everyTypeHasOneNameAndItsBodySaysIt() throws {
        let names = EventType.allCases.map(\.rawValue)
        #expect(Set(names).count == names.count)
        #expect(names.count == 43, "a new type: teach the reader, the erasure and Docs/event-log.md about it")
        let samples = try Self.log().samples
        #expect(samples.map(\.body.kind) == EventType.allCases)
        for e in samples { #expect(e.body.type == e.body.kind.rawValue) }
    }

    @Test func everyTypeReadsBackTheSameThroughBothReaders() throws {
        let events = try Self.log().events
        var fast: Set<EventType> = []
        for e in events {
            let line = Array(EventCodec.line(for: e).dropLast())
            let r = CanonicalPathTests.both(line)
            #expect(r.general == .success(.event(e)), "the general reader: \(String(decoding: line, as: UTF8.self))")
            #expect(r.fast == .success(.event(e)), "the replay's reader: \(String(decoding: line, as: UTF8.self))")
            if r.tookFastPath { fast.insert(e.body.kind) }
        }
        // The types replay meets every day take the fast path; the rare ones fall back to the general reader.
        #expect(fast.isSuperset(of: [.appointmentBooked, .appointmentAttended, .touchpointSent, .clientAdded, .feedbackGiven,
                                     .lapseReviewed, .callbackAdded, .callbackReturned, .referralThanked]), "\(fast)")
    }

    @Test func everyTypeIsReplayedAndKeptThroughAnErasure() throws {
        let dir = TempDir()
        let path = dir.file("events.log")
        let (bytes, events, _) = try Self.log()
        #expect(FileManager.default.createFile(atPath: path, contents: Data(bytes), attributes: [.posixPermissions: 0o600]))
        let log = try EventLog.open(path: path)
        #expect(log.damage.isEmpty, "\(log.damage)")
        #expect(log.practice.eventCount == events.count)

        _ = try Erasure.erase(ClientID(1), in: log, by: "sam", at: Instant(ms: 1_797_000_000_000))
        let after = try EventLog.open(path: path)
        #expect(after.damage.isEmpty, "\(after.damage)")
        #expect(after.practice.eventCount == events.count + 1)
        let text = String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self)
        var kinds: Set<EventType> = []
        for line in text.split(separator: "\n").dropFirst() {
            if case .event(let e) = try EventCodec.decode(Array(line.utf8)) { kinds.insert(e.body.kind) }
        }
        #expect(kinds == Set(EventType.allCases), "every type is still in the log after the erasure")
        #expect(!text.contains("Ada Lovelace") && !text.contains("Ada King"), "the erased client's names are nowhere in the log")
        #expect(!text.contains("ada@example.com") && !text.contains("447700900123"), "nor the address and number a message went to")
    }
}
