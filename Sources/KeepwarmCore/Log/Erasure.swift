import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The right to erasure: rewrites the log without one client's personal details, under the writers' lock, and
/// atomically (a temporary copy, fsync, rename, fsync of the folder), ending with a `client.erased` tombstone.
///
/// Removed: the client's names, phone numbers and email addresses, the notes and comments recorded about them, the
/// notes on thank-yous for referrals they made or came through, and callbacks taken from their phone or under their name. Kept: ids,
/// dates, appointments and sources, so the practice's counts still add up. Every other line stays byte for byte.
public enum Erasure {
    /// What an erased name (or callback phone) reads as from then on.
    public static let placeholder = "(erased)"

    /// What an erasure did, for the person who ran it.
    public struct Outcome: Equatable, Sendable {
        /// Lines rewritten without the client's details (the tombstone not counted).
        public var linesRewritten = 0
        /// Files beside the log (kept copies, torn lines, repair copies, restore leftovers) from which the details were
        /// removed; copies of the log stay readable, every rewritten line sealed with a new checksum.
        public var sideFilesCleaned: [String] = []
        /// Files removed because they were about the client: letters, sent emails, torn fragments of their lines, and
        /// temporary copies an interrupted erasure left behind.
        public var filesRemoved: [String] = []
        /// Lines that were already damaged (`path:line`), whose details were replaced inside them; they stay damaged,
        /// no worse than before.
        public var damagedLinesScrubbed: [String] = []
        /// Other lines (notes about other clients, audit notes) that still mention one of the erased details.
        public var stillMentionedOnLines: [Int] = []
        /// The same in the kept copies, as `path:line`.
        public var stillMentionedInCopies: [String] = []
        /// Files in the practice folder that Keepwarm did not write but that mention the client: left alone.
        public var notKeepwarmsFiles: [String] = []
        /// Other practices' logs in the folder (their first event is not this log's) that mention the client: left
        /// alone, since someone there who shares a name or number is that practice's client.
        public var otherPracticesLogs: [String] = []
        /// Kept files that could not be cleaned or removed (`path: reason`), left exactly as they were; the log itself
        /// was erased.
        public var filesNotCleaned: [String] = []

        public init() {}
    }

    /// Erases `client` from the log and the files Keepwarm keeps beside it; `letters` and `maildirs` are the folders
    /// configured for letters and sent copies (`letters/` and `Maildir/` beside the log are always looked at).
    public static func erase(_ client: ClientID, in log: EventLog, by: String, at: Instant,
                             letters: [String] = [], maildirs: [String] = []) throws -> Outcome {
        try refuseUnlessErasable(client, in: log.practice)
        var outcome = Outcome()
        var details = Details()
        let rule = Ownership(log.practice)
        // Kept files sit beside the real log (Files.followingLink); letters and sent copies may sit beside the link.
        let real = Files.followingLink(log.path)
        let linkFolder = Files.folder(of: log.path).isEmpty ? "." : Files.folder(of: log.path)
        let letters = real == log.path ? letters : letters + [linkFolder + "/letters"]
        let maildirs = real == log.path ? maildirs : maildirs + [linkFolder + "/Maildir"]
        try log.underLock(writing: true) { fd in
            // Under the lock no erasure is running, so any temporary copy is a leftover of one that was interrupted.
            outcome.filesRemoved += log.removedLeftovers + removeLeftoverTemps(of: real)
            log.removedLeftovers = []
            let bytes = try Files.readPrefix(fd, count: log.bytesRead, path: log.path)
            let scrubbed = try scrub(bytes, erasing: client, in: log.practice, rule: rule, by: by, at: at, outcome: &outcome)
            details = scrubbed.details
            let rewritten = scrubbed.lines
            try replace(log.path, with: rewritten, expecting: log.practice.eventCount + 1)
            // The snapshot is a second copy of every client's details (SnapshotFile): gone with the old log.
            outcome.filesRemoved += SnapshotFile.remove(for: real)
            KeptFiles(log: real, details: details, at: at, by: by).clean(letters: letters, maildirs: maildirs, into: &outcome)
        }
        try log.refresh()
        return outcome
    }

    /// Refuses an erasure of a client who is not on the books, or whose details were already erased.
    public static func refuseUnlessErasable(_ client: ClientID, in p: Practice) throws {
        guard p.clients.indices.contains(client.index), !p.clients[client.index].withdrawn else {
            throw CommandError("there is no client \(client); find the id with `keepwarm client list`")
        }
        if p.clients[client.index].erasedAt != nil {
            throw CommandError("\(client)'s details were already erased; nothing was changed")
        }
    }

    /// A store's lines (header first) with `client`'s details taken out of every event and a `client.erased` event
    /// after the last: what every store writes in place of its history (the file log as a new file, PostgreSQL
    /// row by row in one transaction).
    public static func scrubbedLines(_ bytes: [UInt8], erasing client: ClientID, in p: Practice, by: String, at: Instant) throws -> (lines: [UInt8], outcome: Outcome) {
        try refuseUnlessErasable(client, in: p)
        var outcome = Outcome()
        let lines = try scrub(bytes, erasing: client, in: p, rule: Ownership(p), by: by, at: at, outcome: &outcome).lines
        return (lines, outcome)
    }

    static func scrub(_ bytes: [UInt8], erasing client: ClientID, in p: Practice, rule: Ownership, by: String, at: Instant,
                      outcome: inout Outcome) throws -> (lines: [UInt8], details: Details) {
        let details = Details(of: client, lines: bytes, rule: rule)
        var rewritten = try rewrite(bytes, details: details, outcome: &outcome)
        rewritten += EventCodec.line(for: Event(seq: p.lastSeq + 1, at: at, by: by, body: .clientErased(client)))
        return (rewritten, details)
    }

    /// The personal details one client has had, as written in the log.
    struct Details {
        var client = ClientID(0)
        var names: Set<String> = []
        var phones: Set<String> = []
        var emails: Set<String> = []
        var referrals: Set<ReferralID> = []
        var rule = Ownership(callingCode: "44")

        init() {}

        init(of client: ClientID, lines: [UInt8], rule: Ownership) {
            self.client = client
            self.rule = rule
            Erasure.forEachEvent(lines) { e, _ in
                switch e.body {
                case .clientAdded(let c) where c.id == client:
                    // The thank-you for the referral that brought them in is about them too ("thanks for sending Ada").
                    if let r = c.referral { referrals.insert(r) }
                    names.insert(c.name)
                    if let v = c.phone { phones.insert(v) }
                    if let v = c.email { emails.insert(v) }
                case .clientEdited(let edit) where edit.client == client:
                    if let v = edit.name { names.insert(v) }
                    if let v = edit.phone, !v.isEmpty { phones.insert(v) }
                    if let v = edit.email, !v.isEmpty { emails.insert(v) }
                case .clientAdded(let c) where c.referredBy == client:
                    if let r = c.referral { referrals.insert(r) }
                case .referralRecorded(let r, let referrer, let referred) where referrer == client || referred == client:
                    referrals.insert(r)
                case .past(.referralRecorded(let r, let referrer, let referred), _) where referrer == client || referred == client:
                    referrals.insert(r)
                default: break
                }
            }
        }

        /// Every detail as the one rule (`Ownership`) compares them.
        var keys: Set<Ownership.Key> {
            rule.keys(Ownership.Details(names: Array(names), phones: Array(phones), emails: Array(emails)))
        }

        /// Where the details appear in text: every written form, ignoring case.
        var mentions: Mentions { Mentions(self, rule: rule) }

        /// Whether a callback was taken under one of their names or from one of their phones (`Ownership`).
        func isTheirs(_ cb: (name: String, phone: String)) -> Bool {
            !rule.keys(Ownership.Details(names: [cb.name], phones: [cb.phone])).isDisjoint(with: keys)
        }
    }

    /// Calls `body` with each event line's decoded event and its line number (from 1, the header).
    static func forEachEvent(_ bytes: [UInt8], _ body: (Event, Int) -> Void) {
        var scratch = DecodeScratch()
        forEachLine(bytes) { line, number in
            if case .event(let e)? = try? EventCodec.decode(line, scratch: &scratch) { body(e, number) }
        }
    }

    static func forEachLine(_ bytes: [UInt8], _ body: (UnsafeBufferPointer<UInt8>, Int) -> Void) {
        bytes.withUnsafeBufferPointer { all in
            var start = 0, number = 0
            while start < all.count {
                let end = Erasure.newline(in: all, from: start) ?? all.count
                number += 1
                body(UnsafeBufferPointer(rebasing: all[start..<end]), number)
                start = end + 1
            }
        }
    }

    /// The index of the next newline at or after `from`, found with `memchr`.
    static func newline(in all: UnsafeBufferPointer<UInt8>, from: Int) -> Int? {
        guard from < all.count, let base = all.baseAddress,
              let hit = memchr(base + from, 0x0A, all.count - from) else { return nil }
        return base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
    }

    /// The log with the client's details taken out of every line that held them.
    static func rewrite(_ bytes: [UInt8], details d: Details, outcome: inout Outcome) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var scratch = DecodeScratch()
        let mentions = d.mentions
        var failure: LineDamage?
        forEachLine(bytes) { line, number in
            let decoded: DecodedLine
            do {
                decoded = try EventCodec.decode(line, scratch: &scratch)
            } catch {
                failure = failure ?? (error as? LineDamage) ?? LineDamage(column: 1, reason: "\(error)")
                return
            }
            if case .event(let e) = decoded, let body = scrubbed(e.body, d) {
                out += EventCodec.line(for: Event(seq: e.seq, at: e.at, by: e.by, body: body))
                outcome.linesRewritten += 1
                return
            }
            if mentions.any(in: line) { outcome.stillMentionedOnLines.append(number) }
            out += line
            out.append(0x0A)
        }
        if let failure { throw CommandError("the log changed while it was being read (\(failure.reason)); nothing was erased, so try again") }
        return out
    }

    /// The event without the client's details, or nil when it holds none of them.
    static func scrubbed(_ body: EventBody, _ d: Details) -> EventBody? {
        let c = d.client
        switch body {
        case .clientAdded(var n) where n.id == c:
            n.name = placeholder
            n.phone = nil
            n.email = nil
            // The imported row's fingerprint is worked out from the same details.
            n.row = nil
            // The given name is part of the name, and the other system's id points at their record there.
            n.given = nil
            n.ref = nil
            return .clientAdded(n)
        case .clientEdited(var edit) where edit.client == c:
            guard edit.name != nil || edit.phone != nil || edit.email != nil else { return nil }
            edit.name = edit.name == nil ? nil : placeholder
            edit.phone = edit.phone == nil ? nil : ""
            edit.email = edit.email == nil ? nil : ""
            return .clientEdited(edit)
        case .clientStatusChanged(let id, let status, _?) where id == c:
            return .clientStatusChanged(id, status, reason: nil)
        case .touchpointSent(let id, let kind, let via, _?) where id == c:
            return .touchpointSent(id, kind: kind, via: via, note: nil)
        case .lapseReviewed(let id, let outcome, _?, let detail) where id == c:
            return .lapseReviewed(id, outcome, note: nil, detail: detail)
        case .feedbackGiven(let id, let score, _?) where id == c:
            return .feedbackGiven(id, score: score, comment: nil)
        case .referralThanked(let r, let via, _?) where d.referrals.contains(r):
            return .referralThanked(r, via: via, note: nil)
        case .callbackAdded(let id, let name, let phone, _, let by) where d.isTheirs((name, phone)):
            return .callbackAdded(id, name: placeholder, phone: placeholder, reason: nil, promisedBy: by)
        case .messageAttempted(var a) where a.client == c && a.to != nil:
            a.to = nil
            return .messageAttempted(a)
        case .past(let inner, let when):
            return scrubbed(inner, d).map { .past($0, when: when) }
        // Every case is named, with no `default:`, so a new event type cannot compile until someone decides here
        // whether it holds a client's details (EventTypeTests).
        case .settingsChanged, .practitionerAdded, .clientAdded, .clientEdited, .clientStatusChanged, .clientErased,
             .appointmentBooked, .appointmentMoved, .appointmentCancelled, .appointmentAttended, .appointmentNoShow,
             .referralRecorded, .referralThanked, .touchpointSent, .lapseReviewed, .milestoneReached, .feedbackGiven,
             .callbackAdded, .callbackReturned, .undone, .auditStarted, .auditAnswered, .auditFinished, .reportViewed,
             .reportReviewed,
             .batchBegun, .practitionerEdited, .practitionerHours, .redone, .autopilotPolicy, .autopilotWindow, .autopilotHeld,
             .autopilotReleased, .autopilotSkipped, .autopilotRan, .messageAttempted, .messageSent, .messageFailed, .consentChanged,
             .appointmentHistory,
             // A site's name and address are the practice's, not a client's.
             .siteAdded, .siteEdited, .practitionerSite:
            return nil
        }
    }

    /// Writes the new log beside the old one (the real file, when the log's path is a link), checks that it replays
    /// to the expected count, and swaps it in with the old file's owner, group and mode.
    static func replace(_ path: String, with bytes: [UInt8], expecting events: Int) throws {
        try Files.replace(path, with: bytes, purpose: "erasing") { temp in
            let check = try EventLog.open(path: temp)
            guard check.damage.isEmpty, check.practice.eventCount == events else {
                throw CommandError("the rewritten log did not read back cleanly (\(check.damage.first?.reason ?? "\(check.practice.eventCount) events, expected \(events)")); nothing was erased")
            }
        }
    }
}
