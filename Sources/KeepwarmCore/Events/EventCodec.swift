/// What one line of the log turned out to be.
public enum DecodedLine: Equatable, Sendable {
    case header(version: Int)
    case event(Event)
    /// A type written by a newer version: skipped, but its seq still counts.
    case unknown(type: String, seq: Int, at: Instant, by: String)
}

/// Turns events into log lines and log lines back into events; Docs/event-log.md is its contract.
public enum EventCodec {
    public static let format = "keepwarm-events"
    public static let version = 1
    /// `,"crc":"xxxxxxxx"}` — the fixed-size tail every line ends with (before its newline).
    static let crcTailLength = 18

    public static func headerLine() -> [UInt8] {
        var b = LineBuilder()
        b.string("format", format)
        b.int("version", version)
        return b.finishedLine()
    }

    public static func line(for e: Event) -> [UInt8] {
        if case .past(let inner, let when) = e.body { return pastLine(e, inner, when: when) }
        var b = LineBuilder()
        b.int("seq", e.seq)
        b.string("at", e.at.iso)
        b.string("by", e.by)
        b.string("type", e.body.type)
        switch e.body {
        case .settingsChanged(let s):
            b.string("name", s.name)
            b.string("timezone", s.timeZone)
            b.int("lapseDays", s.lapseDays)
            b.int("rebookPromptDays", s.rebookPromptDays)
            b.int("checkInDays", s.checkInDays)
            b.int("reactivationDays", s.reactivationDays)
            b.int("followUpCallDays", s.followUpCallDays)
            b.int("thankYouHours", s.thankYouHours)
            b.int("staleThankYouDays", s.staleThankYouDays)
            b.string("country", s.country)
        case .practitionerAdded(let id, let name):
            b.string("id", id.description)
            b.string("name", name)
        case .practitionerEdited(let id, let name):
            b.string("practitioner", id.description)
            b.string("name", name)
        case .practitionerHours(let id, let hours):
            b.string("practitioner", id.description)
            for d in 0..<7 { b.string(WorkingHours.codecKeys[d].description, hours.text(d)) }
        case .siteAdded(let id, let name, let address):
            b.string("id", id.description)
            b.string("name", name)
            b.string("address", address)
        case .siteEdited(let id, let name, let address):
            b.string("site", id.description)
            b.string("name", name)
            b.string("address", address)
        case .practitionerSite(let id, let site):
            b.string("practitioner", id.description)
            b.string("site", site.description)
        case .clientAdded(let c):
            b.string("id", c.id.description)
            b.string("name", c.name)
            b.string("phone", c.phone)
            b.string("email", c.email)
            b.string("source", c.source)
            b.string("referredBy", c.referredBy?.description)
            b.string("referral", c.referral?.description)
            if c.consentRecorded {
                b.bool("contact", c.contact)
                b.bool("newsletter", c.newsletter)
            } else {
                // A line from another tool may give just one of the two; writing it back keeps its value, and writing
                // only a value that differs from the default keeps the pair incomplete, as it was.
                if !c.contact { b.bool("contact", false) }
                if c.newsletter { b.bool("newsletter", true) }
            }
            b.int("cadence", c.cadence)
            b.string("row", c.row)
            b.string("given", c.given)
            b.string("ref", c.ref)
            if let h = c.history {
                b.int("visits", h.visits)
                b.string("firstVisit", h.firstVisit.map(Civil.string(ofDay:)))
                b.string("lastVisit", h.lastVisit.map(Civil.string(ofDay:)))
                b.string("since", h.since.map(Civil.string(ofDay:)))
                b.string("contacted", h.contacted?.iso)
            }
        case .clientEdited(let c):
            b.string("client", c.client.description)
            b.string("name", c.name)
            b.string("phone", c.phone)
            b.string("email", c.email)
            b.string("source", c.source)
            b.bool("contact", c.contact)
            b.bool("newsletter", c.newsletter)
            b.int("cadence", c.cadence)
        case .clientStatusChanged(let c, let status, let reason):
            b.string("client", c.description)
            b.string("status", status.rawValue)
            b.string("reason", reason)
        case .clientErased(let c):
            b.string("client", c.description)
        case .appointmentBooked(let id, let client, let practitioner, let start, let minutes):
            b.string("id", id.description)
            b.string("client", client.description)
            b.string("practitioner", practitioner.description)
            b.string("start", start.iso)
            b.int("minutes", minutes)
        case .appointmentMoved(let id, let start):
            b.string("appointment", id.description)
            b.string("start", start.iso)
        case .appointmentCancelled(let id, let by, let late):
            b.string("appointment", id.description)
            b.string("cancelledBy", by.rawValue)
            b.bool("late", late)
        case .appointmentAttended(let id), .appointmentNoShow(let id):
            b.string("appointment", id.description)
        case .appointmentHistory(let id, let booked, let settled):
            b.string("appointment", id.description)
            b.string("booked", booked?.iso)
            b.string("settled", settled?.iso)
        case .referralRecorded(let id, let referrer, let client):
            b.string("id", id.description)
            b.string("referrer", referrer.description)
            b.string("client", client.description)
        case .referralThanked(let id, let via, let note):
            b.string("referral", id.description)
            b.string("via", via.rawValue)
            b.string("note", note)
        case .touchpointSent(let c, let kind, let via, let note):
            b.string("client", c.description)
            b.string("kind", kind.rawValue)
            b.string("via", via?.rawValue)
            b.string("note", note)
        case .lapseReviewed(let c, let outcome, let note, let detail):
            b.string("client", c.description)
            switch outcome {
            case .contacted: b.string("outcome", "contacted")
            case .snoozed(let day):
                b.string("outcome", "snoozed")
                b.string("until", Civil.string(ofDay: day))
            case .closed(let status):
                b.string("outcome", "closed")
                b.string("status", status.rawValue)
            }
            b.string("note", note)
            b.string("via", detail.via?.rawValue)
            b.string("reason", detail.reason?.rawValue)
            b.string("practitioner", detail.practitioner?.description)
        case .milestoneReached(let c, let kind):
            b.string("client", c.description)
            b.string("kind", kind.rawValue)
        case .feedbackGiven(let c, let score, let comment):
            b.string("client", c.description)
            b.int("score", score)
            b.string("comment", comment)
        case .callbackAdded(let id, let name, let phone, let reason, let promisedBy):
            b.string("id", id.description)
            b.string("name", name)
            b.string("phone", phone)
            b.string("reason", reason)
            b.string("promisedBy", promisedBy.iso)
        case .callbackReturned(let id):
            b.string("callback", id.description)
        case .undone(let target):
            b.int("target", target)
        case .redone(let target):
            b.int("target", target)
        case .auditStarted(let id):
            b.string("id", id.description)
        case .auditAnswered(let id, let step, let answer, let note, let owner):
            b.string("audit", id.description)
            b.int("step", step)
            b.string("answer", answer.rawValue)
            b.string("note", note)
            b.string("owner", owner)
        case .auditFinished(let id, let inPlace, let met, let steps):
            b.string("audit", id.description)
            b.int("inPlace", inPlace)
            b.int("evidenceMet", met)
            b.int("evidenceSteps", steps)
        case .reportViewed(let kind, let exported):
            b.string("report", kind.rawValue)
            b.bool("exported", exported)
        case .reportReviewed(let kind):
            b.string("report", kind.rawValue)
        case .batchBegun(let events, let kind):
            b.int("events", events)
            b.string("kind", kind.rawValue)
        case .autopilotPolicy(let step, let policy):
            b.string("step", step.rawValue)
            b.string("policy", policy.policy.rawValue)
            if policy.policy == .auto { b.string("channels", policy.channels.map(\.rawValue).joined(separator: ",")) }
        case .autopilotWindow(let w):
            b.string("hours", w.hoursText)
            b.string("days", w.daysText)
            b.int("cap", w.cap)
        case .autopilotHeld(let c, let until):
            b.string("client", c.description)
            b.string("until", until.map(Civil.string(ofDay:)))
        case .autopilotReleased(let c):
            b.string("client", c.description)
        case .autopilotSkipped(let c, let key):
            b.string("client", c.description)
            b.string("key", key)
        case .autopilotRan(let r):
            b.int("sent", r.sent)
            b.int("failed", r.failed)
            b.int("unresolved", r.unresolved)
            b.int("waiting", r.waiting)
        case .messageAttempted(let a):
            b.string("id", a.id.description)
            b.string("key", a.key)
            b.string("client", a.client.description)
            b.string("step", a.step.rawValue)
            b.string("channel", a.channel.rawValue)
            b.string("to", a.to)
            b.string("due", Civil.string(ofDay: a.dueDay))
            b.string("appointment", a.appointment?.description)
            b.string("referral", a.referral?.description)
            b.string("sendingUntil", a.sendingUntil?.iso)
        case .messageSent(let id, let provider, let confirmed):
            b.string("attempt", id.description)
            b.string("provider", provider)
            if confirmed { b.bool("confirmed", true) }
        case .messageFailed(let id, let reason, let retry, let confirmed):
            b.string("attempt", id.description)
            b.string("reason", reason)
            b.bool("retry", retry)
            if confirmed { b.bool("confirmed", true) }
        case .consentChanged(let c, let channel, let given, let how):
            b.string("client", c.description)
            b.string("channel", channel?.rawValue ?? "all")
            b.bool("given", given)
            b.string("how", how.rawValue)
        case .past:
            break  // written by pastLine, above
        }
        return b.finishedLine()
    }

    /// Why the reader would refuse this line as written (with its newline), or nil. The writer asks before writing,
    /// so nothing is acknowledged that a later read rejects: the reader's rules are the only definition of a good line.
    static func refusal(_ line: [UInt8]) -> LineDamage? {
        line.withUnsafeBufferPointer { p -> LineDamage? in
            do throws(LineDamage) {
                _ = try decode(UnsafeBufferPointer(rebasing: p.dropLast()))
                return nil
            } catch {
                return error
            }
        }
    }

    /// Decodes one line (without its newline), checking its checksum first.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>) throws(LineDamage) -> DecodedLine {
        var scratch = DecodeScratch()
        return try decode(line, scratch: &scratch)
    }

    /// The same, reusing buffers and the last user's name from line to line: replay calls this a million times.
    public static func decode(_ line: UnsafeBufferPointer<UInt8>, scratch: inout DecodeScratch) throws(LineDamage) -> DecodedLine {
        let tail = try sealedEnd(line)
        if scratch.canonical, let e = CanonicalLine.decode(line, end: tail, scratch: &scratch) { return .event(e) }
        var s = LineScanner(line, reusing: scratch.fields)
        defer { scratch.fields = s.takeStorage() }
        try s.scan()
        return try EventFields(s: s).decode(&scratch)
    }

    /// Whether a line (without its newline) ends with its checksum and the checksum verifies: such a line is complete,
    /// whatever comes after it, because no shorter piece of a line can end like that.
    static func isSealed(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        (try? sealedEnd(line)) != nil
    }

    /// Checks the `,"crc":"xxxxxxxx"}` ending and the checksum; returns where the ending starts.
    @inline(__always)
    private static func sealedEnd(_ line: UnsafeBufferPointer<UInt8>) throws(LineDamage) -> Int {
        let n = line.count
        guard n > crcTailLength else {
            throw LineDamage(column: 1, reason: n == 0 ? "an empty line" : "the line is too short to be an event")
        }
        let tail = n - crcTailLength
        let expectedTail: StaticString = #","crc":""#
        let e = expectedTail.utf8Start
        for k in 0..<expectedTail.utf8CodeUnitCount where line[tail + k] != e[k] {
            throw LineDamage(column: max(1, n - 1), reason: "the line does not end with its \"crc\" checksum")
        }
        guard line[n - 2] == UInt8(ascii: "\""), line[n - 1] == UInt8(ascii: "}") else {
            throw LineDamage(column: n, reason: "the line does not end with its \"crc\" checksum")
        }
        var stored: UInt32 = 0
        for i in (tail + 8)..<(tail + 16) {
            let c = line[i]
            let d: UInt32
            switch c {
            case 48...57: d = UInt32(c - 48)
            case 97...102: d = UInt32(c - 87)
            case 65...70: d = UInt32(c - 55)
            default: throw LineDamage(column: i + 1, reason: "the checksum is not 8 hex digits")
            }
            stored = stored << 4 | d
        }
        let actual = CRC32C.checksum(UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(line)[0..<tail]))
        guard actual == stored else {
            throw LineDamage(column: tail + 9, reason: "checksum mismatch: the line was changed after it was written")
        }
        return tail
    }

    public static func decode(_ bytes: [UInt8]) throws(LineDamage) -> DecodedLine {
        do {
            return try bytes.withUnsafeBufferPointer { p in try decode(p) }
        } catch let e as LineDamage {
            throw e
        } catch {
            throw LineDamage(column: 1, reason: "\(error)")
        }
    }
}

/// What replay carries from one line to the next so it need not allocate it again.
public struct DecodeScratch {
    var fields: [ScannedField] = []
    var byBytes: [UInt8] = []
    var by = ""
    /// Whether to try the canonical fast path first; false only in tests that check it against the general path.
    var canonical = true

    public init() {}
}

/// Reads typed fields out of a scanned line, naming the field and column when one is missing or malformed.
struct EventFields {
    let s: LineScanner

    func missing(_ key: StaticString) -> LineDamage {
        let typeColumn = s.find("type").map { $0.valueStart + 1 } ?? 1
        return LineDamage(column: typeColumn, reason: "the event has no \"\(key)\" field")
    }

    func text(_ key: StaticString) throws(LineDamage) -> String {
        guard let f = s.find(key) else { throw missing(key) }
        return try s.string(f)
    }

    func optionalText(_ key: StaticString) throws(LineDamage) -> String? {
        guard let f = s.find(key), !s.isNull(f) else { return nil }
        return try s.string(f)
    }

    func int(_ key: StaticString, _ range: ClosedRange<Int>) throws(LineDamage) -> Int {
        guard let f = s.find(key) else { throw missing(key) }
        return try s.int(f, key, range)
    }

    func optionalInt(_ key: StaticString, _ range: ClosedRange<Int>) throws(LineDamage) -> Int? {
        guard let f = s.find(key), !s.isNull(f) else { return nil }
        return try s.int(f, key, range)
    }

    func optionalBool(_ key: StaticString) throws(LineDamage) -> Bool? {
        guard let f = s.find(key), !s.isNull(f) else { return nil }
        return try s.bool(f)
    }

    /// A `YYYY-MM-DD` day, or nil when the field is absent or null.
    func optionalDay(_ key: StaticString) throws(LineDamage) -> Int? {
        guard let f = s.find(key), !s.isNull(f) else { return nil }
        guard let day = DateInput.parseISODate(try s.string(f)), LogBounds.day.contains(day) else {
            throw LineDamage(column: f.valueStart + 1, reason: "\"\(key)\" must be a date like 2026-12-01")
        }
        return day
    }

    func optionalInstant(_ key: StaticString) throws(LineDamage) -> Instant? {
        guard let f = s.find(key), !s.isNull(f) else { return nil }
        return try instant(key)
    }

    /// A `client.added` line's imported history, or nil when it has none of those fields.
    func importedHistory() throws(LineDamage) -> ImportedHistory? {
        let h = ImportedHistory(visits: try optionalInt("visits", LogBounds.visits), firstVisit: try optionalDay("firstVisit"),
                                lastVisit: try optionalDay("lastVisit"), since: try optionalDay("since"),
                                contacted: try optionalInstant("contacted"))
        return h.isEmpty ? nil : h
    }

    func instant(_ key: StaticString) throws(LineDamage) -> Instant {
        guard let f = s.find(key) else { throw missing(key) }
        if f.kind == .string, let i = Instant.parseLogForm(UnsafeBufferPointer(rebasing: s.b[f.valueStart..<f.valueEnd])) {
            return i
        }
        let text = try s.string(f)
        guard let i = DateInput.parseZonedISO(text) else {
            throw LineDamage(column: f.valueStart + 1, reason: "\"\(key)\" is not an ISO 8601 instant with a zone")
        }
        return i
    }

    func id<K: IDKind>(_ key: StaticString, _: K.Type = K.self) throws(LineDamage) -> ID<K> {
        guard let f = s.find(key) else { throw missing(key) }
        return try s.id(f, key)
    }

    func optionalID<K: IDKind>(_ key: StaticString, _: K.Type = K.self) throws(LineDamage) -> ID<K>? {
        guard let f = s.find(key), !s.isNull(f) else { return nil }
        return try s.id(f, key)
    }

    func word<W: LogWord>(_ key: StaticString, _: W.Type = W.self) throws(LineDamage) -> W {
        guard let f = s.find(key) else { throw missing(key) }
        return try s.checkedWord(f, key)
    }

    func optionalWord<W: LogWord>(_ key: StaticString, _: W.Type = W.self) throws(LineDamage) -> W? {
        guard let f = s.find(key), !s.isNull(f) else { return nil }
        return try s.checkedWord(f, key)
    }

    func decode(_ scratch: inout DecodeScratch) throws(LineDamage) -> DecodedLine {
        if s.find("seq") == nil, let f = s.find("format") {
            guard s.bytesEqual(f, "keepwarm-events") else {
                throw LineDamage(column: f.valueStart + 1, reason: "this is not a Keepwarm event log")
            }
            return .header(version: try int("version", LogBounds.version))
        }
        let seq = try int("seq", LogBounds.seq)
        let at = try instant("at")
        guard let tf = s.find("type") else { throw missing("type") }
        guard let body = try body(tf) else {
            return .unknown(type: try s.string(tf), seq: seq, at: at, by: try optionalText("by") ?? "")
        }
        if let when = try optionalInstant("when") {
            guard body.mayBePast else {
                throw LineDamage(column: s.find("when")!.valueStart + 1, reason: "\(body.type) events cannot carry \"when\"")
            }
            return .event(Event(seq: seq, at: at, by: try interned(&scratch), body: .past(body, when: when)))
        }
        return .event(Event(seq: seq, at: at, by: try interned(&scratch), body: body))
    }

    private func interned(_ scratch: inout DecodeScratch) throws(LineDamage) -> String {
        guard let f = s.find("by"), !s.isNull(f) else { return "" }
        return try s.interned(f, &scratch)
    }

    /// The body of an event, or nil for a type this version does not know. No `default:`: every `EventType` is read.
    private func body(_ tf: ScannedField) throws(LineDamage) -> EventBody? {
        guard let type: EventType = s.word(tf) else { return nil }
        switch type {
        case .appointmentBooked:
            return .appointmentBooked(try id("id"), client: try id("client"), practitioner: try id("practitioner"),
                                      start: try instant("start"), minutes: try int("minutes", LogBounds.minutes))
        case .appointmentAttended: return .appointmentAttended(try id("appointment"))
        case .touchpointSent:
            return .touchpointSent(try id("client"), kind: try word("kind"), via: try optionalWord("via"),
                                   note: try optionalText("note"))
        case .clientAdded:
            return .clientAdded(NewClient(
                id: try id("id"), name: try text("name"), phone: try optionalText("phone"), email: try optionalText("email"),
                source: try optionalText("source"), referredBy: try optionalID("referredBy"),
                referral: try optionalID("referral"), contact: try optionalBool("contact") ?? true,
                newsletter: try optionalBool("newsletter") ?? false, cadence: try optionalInt("cadence", LogBounds.cadence),
                consentRecorded: s.find("contact") != nil && s.find("newsletter") != nil, row: try optionalText("row"),
                given: try optionalText("given"), ref: try optionalText("ref"), history: try importedHistory()))
        case .appointmentCancelled:
            return .appointmentCancelled(try id("appointment"), by: try word("cancelledBy"), late: try optionalBool("late") ?? false)
        case .appointmentNoShow: return .appointmentNoShow(try id("appointment"))
        case .appointmentHistory:
            return .appointmentHistory(try id("appointment"), booked: try optionalInstant("booked"), settled: try optionalInstant("settled"))
        case .appointmentMoved: return .appointmentMoved(try id("appointment"), start: try instant("start"))
        case .referralRecorded:
            return .referralRecorded(try id("id"), referrer: try id("referrer"), client: try id("client"))
        case .referralThanked:
            return .referralThanked(try id("referral"), via: try word("via"), note: try optionalText("note"))
        case .lapseReviewed:
            guard let of = s.find("outcome") else { throw missing("outcome") }
            let outcome: LapseOutcome
            if s.bytesEqual(of, "contacted") {
                outcome = .contacted
            } else if s.bytesEqual(of, "snoozed") {
                let u = try text("until")
                guard let day = DateInput.parseISODate(u) else {
                    throw LineDamage(column: s.find("until")!.valueStart + 1, reason: "\"until\" must be a date like 2026-12-01")
                }
                outcome = .snoozed(untilDay: day)
            } else if s.bytesEqual(of, "closed") {
                outcome = .closed(try word("status"))
            } else {
                throw LineDamage(column: of.valueStart + 1, reason: "\"outcome\" must be contacted, snoozed or closed")
            }
            return .lapseReviewed(try id("client"), outcome, note: try optionalText("note"),
                                  detail: ReviewDetail(via: try optionalWord("via"), reason: try optionalWord("reason"),
                                                       practitioner: try optionalID("practitioner")))
        case .milestoneReached: return .milestoneReached(try id("client"), try word("kind"))
        case .feedbackGiven:
            return .feedbackGiven(try id("client"), score: try int("score", LogBounds.score), comment: try optionalText("comment"))
        case .callbackAdded:
            return .callbackAdded(try id("id"), name: try text("name"), phone: try text("phone"),
                                  reason: try optionalText("reason"), promisedBy: try instant("promisedBy"))
        case .callbackReturned: return .callbackReturned(try id("callback"))
        case .undone: return .undone(target: try int("target", LogBounds.seq))
        case .redone: return .redone(target: try int("target", LogBounds.seq))
        case .auditAnswered:
            return .auditAnswered(try id("audit"), step: try int("step", LogBounds.auditStep), answer: try word("answer"),
                                  note: try optionalText("note"), owner: try optionalText("owner"))
        case .auditStarted: return .auditStarted(try id("id"))
        case .auditFinished:
            return .auditFinished(try id("audit"), inPlace: try int("inPlace", LogBounds.auditSteps),
                                  evidenceMet: try int("evidenceMet", LogBounds.auditSteps),
                                  evidenceSteps: try int("evidenceSteps", LogBounds.auditSteps))
        case .reportViewed: return .reportViewed(try word("report"), exported: try optionalBool("exported") ?? false)
        case .reportReviewed: return .reportReviewed(try word("report"))
        case .batchBegun:
            return .batchBegun(events: try int("events", LogBounds.batchEvents), kind: try word("kind"))
        case .autopilotPolicy:
            let policy: AutopilotPolicy = try word("policy")
            var channels: [AutopilotChannel] = []
            if policy == .auto {
                let text = try self.text("channels")
                for part in text.split(separator: ",", omittingEmptySubsequences: false) {
                    guard let c = AutopilotChannel(rawValue: String(part)), !channels.contains(c) else {
                        throw LineDamage(column: s.find("channels")!.valueStart + 1,
                                         reason: "\"channels\" must list \(AutopilotChannel.choices) once each, like \"email,sms\"")
                    }
                    channels.append(c)
                }
            }
            return .autopilotPolicy(try word("step"), StepPolicy(policy, channels: channels))
        case .autopilotWindow:
            let hoursText = try text("hours"), daysText = try text("days")
            guard case .success(let (from, to)) = AutopilotWindow.parseHours(hoursText) else {
                throw LineDamage(column: s.find("hours")!.valueStart + 1, reason: "\"hours\" must be a time range like 09:00-18:00")
            }
            guard case .success(let days) = AutopilotWindow.parseDays(daysText) else {
                throw LineDamage(column: s.find("days")!.valueStart + 1, reason: "\"days\" must be weekdays like mon,tue,wed")
            }
            return .autopilotWindow(AutopilotWindow(from: from, to: to, days: days, cap: try int("cap", AutopilotWindow.caps)))
        case .autopilotHeld:
            return .autopilotHeld(try id("client"), untilDay: try optionalDay("until"))
        case .autopilotReleased: return .autopilotReleased(try id("client"))
        case .autopilotSkipped: return .autopilotSkipped(try id("client"), key: try text("key"))
        case .autopilotRan:
            return .autopilotRan(RunSummary(sent: try int("sent", LogBounds.runCount), failed: try int("failed", LogBounds.runCount),
                                            unresolved: try int("unresolved", LogBounds.runCount),
                                            waiting: try int("waiting", LogBounds.runCount)))
        case .messageAttempted:
            guard let due = try optionalDay("due") else { throw LineDamage(column: 1, reason: "the event has no \"due\" field") }
            return .messageAttempted(AttemptStart(
                id: try id("id"), key: try text("key"), client: try id("client"), step: try word("step"), channel: try word("channel"),
                to: try optionalText("to"), dueDay: due, appointment: try optionalID("appointment"), referral: try optionalID("referral"),
                sendingUntil: s.find("sendingUntil") == nil ? nil : try instant("sendingUntil")))
        case .messageSent:
            return .messageSent(try id("attempt"), provider: try optionalText("provider"), confirmed: try optionalBool("confirmed") ?? false)
        case .messageFailed:
            return .messageFailed(try id("attempt"), reason: try text("reason"), retry: try optionalBool("retry") ?? false,
                                  confirmed: try optionalBool("confirmed") ?? false)
        case .consentChanged:
            guard let given = try optionalBool("given") else { throw missing("given") }
            let all = s.find("channel").map { s.bytesEqual($0, "all") } ?? false
            return .consentChanged(try id("client"), all ? nil : try word("channel"), given: given, how: try word("how"))
        case .clientEdited:
            return .clientEdited(ClientEdit(
                client: try id("client"), name: try optionalText("name"), phone: try optionalText("phone"),
                email: try optionalText("email"), source: try optionalText("source"), contact: try optionalBool("contact"),
                newsletter: try optionalBool("newsletter"), cadence: try optionalInt("cadence", LogBounds.cadenceEdit)))
        case .clientStatusChanged:
            return .clientStatusChanged(try id("client"), try word("status"), reason: try optionalText("reason"))
        case .clientErased: return .clientErased(try id("client"))
        case .practitionerAdded: return .practitionerAdded(try id("id"), name: try text("name"))
        case .siteAdded: return .siteAdded(try id("id"), name: try text("name"), address: try optionalText("address"))
        case .siteEdited: return .siteEdited(try id("site"), name: try optionalText("name"), address: try optionalText("address"))
        case .practitionerSite: return .practitionerSite(try id("practitioner"), site: try id("site"))
        case .practitionerEdited: return .practitionerEdited(try id("practitioner"), name: try text("name"))
        case .practitionerHours:
            var hours = WorkingHours()
            for d in 0..<7 {
                let key = WorkingHours.codecKeys[d]
                // A day left out is a day off, as an empty one is.
                switch WorkingHours.parseDay(try optionalText(key) ?? "") {
                case .success(let ranges): hours.set(d, ranges)
                case .failure(let e): throw LineDamage(column: s.find(key)!.valueStart + 1, reason: "\"\(key)\": \(e.message)")
                }
            }
            return .practitionerHours(try id("practitioner"), hours)
        case .settingsChanged:
            return .settingsChanged(SettingsChange(
                name: try optionalText("name"), timeZone: try optionalText("timezone"),
                lapseDays: try optionalInt("lapseDays", LogBounds.setting),
                rebookPromptDays: try optionalInt("rebookPromptDays", LogBounds.setting),
                checkInDays: try optionalInt("checkInDays", LogBounds.setting),
                reactivationDays: try optionalInt("reactivationDays", LogBounds.setting),
                followUpCallDays: try optionalInt("followUpCallDays", LogBounds.setting),
                thankYouHours: try optionalInt("thankYouHours", LogBounds.setting),
                staleThankYouDays: try optionalInt("staleThankYouDays", LogBounds.setting),
                country: try optionalText("country")))
        }
    }
}
