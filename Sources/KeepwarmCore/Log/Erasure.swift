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
        /// Files beside the log (torn lines, repair copies, restore leftovers) from which the details were removed.
        public var sideFilesCleaned: [String] = []
        /// Other lines (notes about other clients, audit notes) that still mention one of the erased details.
        public var stillMentionedOnLines: [Int] = []
    }

    /// Erases `client` from the log and the files Keepwarm keeps beside it.
    public static func erase(_ client: ClientID, in log: EventLog, by: String, at: Instant) throws -> Outcome {
        guard log.practice.clients.indices.contains(client.index), !log.practice.clients[client.index].withdrawn else {
            throw CommandError("there is no client \(client); find the id with `keepwarm client list`")
        }
        if log.practice.clients[client.index].erasedAt != nil {
            throw CommandError("\(client)'s details were already erased; nothing was changed")
        }
        var outcome = Outcome()
        var details = Details()
        try log.underLock(writing: true) { fd in
            let bytes = try Files.readPrefix(fd, count: log.bytesRead, path: log.path)
            details = Details(of: client, lines: bytes)
            var rewritten = try rewrite(bytes, details: details, outcome: &outcome)
            rewritten += EventCodec.line(for: Event(seq: log.practice.lastSeq + 1, at: at, by: by, body: .clientErased(client)))
            try replace(log.path, with: rewritten, expecting: log.practice.eventCount + 1)
        }
        try log.refresh()
        outcome.sideFilesCleaned = try cleanSideFiles(of: log.path, details: details)
        return outcome
    }

    /// The personal details one client has had, as written in the log.
    struct Details {
        var client = ClientID(0)
        var names: Set<String> = []
        var phones: Set<String> = []
        var emails: Set<String> = []
        var referrals: Set<ReferralID> = []

        init() {}

        init(of client: ClientID, lines: [UInt8]) {
            self.client = client
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
                default: break
                }
            }
        }

        /// Every detail as it could appear in a file: as typed, and as escaped inside a log line.
        var needles: [[UInt8]] {
            let all = (names.subtracting([Erasure.placeholder])).union(phones).union(emails).filter { $0.count >= 3 }
            var out: Set<[UInt8]> = []
            for v in all {
                out.insert(Array(v.utf8))
                var quoted: [UInt8] = []
                LineBuilder.appendQuoted(v, to: &quoted)
                out.insert(Array(quoted.dropFirst().dropLast()))
            }
            return Array(out)
        }

        func isTheirs(_ cb: (name: String, phone: String)) -> Bool {
            names.contains { $0.lowercased() == cb.name.lowercased() } || phones.contains { Erasure.samePhone($0, cb.phone) }
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
                let end = all[start...].firstIndex(of: 0x0A) ?? all.count
                number += 1
                body(UnsafeBufferPointer(rebasing: all[start..<end]), number)
                start = end + 1
            }
        }
    }

    /// The log with the client's details taken out of every line that held them.
    static func rewrite(_ bytes: [UInt8], details d: Details, outcome: inout Outcome) throws -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var scratch = DecodeScratch()
        let needles = d.needles
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
            if needles.contains(where: { contains(line, $0) }) { outcome.stillMentionedOnLines.append(number) }
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
        case .lapseReviewed(let id, let outcome, _?) where id == c:
            return .lapseReviewed(id, outcome, note: nil)
        case .feedbackGiven(let id, let score, _?) where id == c:
            return .feedbackGiven(id, score: score, comment: nil)
        case .referralThanked(let r, let via, _?) where d.referrals.contains(r):
            return .referralThanked(r, via: via, note: nil)
        case .callbackAdded(let id, let name, let phone, _, let by) where d.isTheirs((name, phone)):
            return .callbackAdded(id, name: placeholder, phone: placeholder, reason: nil, promisedBy: by)
        // Every case is named, with no `default:`, so a new event type cannot compile until someone decides here
        // whether it holds a client's details (EventTypeTests).
        case .settingsChanged, .practitionerAdded, .clientAdded, .clientEdited, .clientStatusChanged, .clientErased,
             .appointmentBooked, .appointmentMoved, .appointmentCancelled, .appointmentAttended, .appointmentNoShow,
             .referralRecorded, .referralThanked, .touchpointSent, .lapseReviewed, .milestoneReached, .feedbackGiven,
             .callbackAdded, .callbackReturned, .undone, .auditStarted, .auditAnswered, .auditFinished, .reportViewed,
             .batchBegun:
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

    /// Removes the details from the files Keepwarm keeps beside the log (`<log>.torn-…`, `.repaired`, `.rejected`,
    /// `.before-restore-…`, all beside the real file), each rewritten atomically. Returns the files it changed.
    static func cleanSideFiles(of path: String, details: Details) throws -> [String] {
        let real = Files.followingLink(path)
        let folder = Files.folder(of: real)
        let base = (real as NSString).lastPathComponent
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder)) ?? []
        let needles = details.needles
        var cleaned: [String] = []
        for name in names.sorted() where name.hasPrefix(base + ".") {
            let side = folder.isEmpty ? name : (folder as NSString).appendingPathComponent(name)
            guard var bytes = FileManager.default.contents(atPath: side).map({ [UInt8]($0) }) else { continue }
            var changed = false
            for n in needles {
                while let r = range(of: n, in: bytes) {
                    bytes.replaceSubrange(r, with: Array(placeholder.utf8))
                    changed = true
                }
            }
            guard changed else { continue }
            try Files.replace(side, with: bytes, purpose: "erasing")
            cleaned.append(side)
        }
        return cleaned
    }

    /// Whether a callback was taken under one of the client's names or from one of their phone numbers.
    static func callback(_ cb: Callback, belongsTo c: Client) -> Bool {
        cb.name.lowercased() == c.name.lowercased() || (c.phone.map { samePhone($0, cb.phone) } ?? false)
    }

    /// Phone numbers compared by their digits, so "07700 900123" and "07700900123" match.
    static func samePhone(_ a: String, _ b: String) -> Bool {
        let da = a.filter(\.isNumber), db = b.filter(\.isNumber)
        return da.count >= 6 && da == db
    }

    static func contains(_ hay: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, hay.count >= needle.count else { return false }
        for i in 0...(hay.count - needle.count) where hay[i] == needle[0] {
            if needle.indices.allSatisfy({ hay[i + $0] == needle[$0] }) { return true }
        }
        return false
    }

    static func range(of needle: [UInt8], in hay: [UInt8]) -> Range<Int>? {
        hay.withUnsafeBufferPointer { h in
            guard !needle.isEmpty, h.count >= needle.count else { return nil }
            for i in 0...(h.count - needle.count) where h[i] == needle[0] {
                if needle.indices.allSatisfy({ h[i + $0] == needle[$0] }) { return i..<(i + needle.count) }
            }
            return nil
        }
    }
}
