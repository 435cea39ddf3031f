/// Reads a line laid out exactly as `EventCodec.line(for:)` writes it (keys in the encoder's order, no spaces, no
/// escapes, no nulls) straight into an event, comparing each key as it comes instead of scanning every field and then
/// looking keys up. Anything else it meets returns nil, and the caller decodes the line with the general scanner, so
/// lines edited by hand or written by another tool read exactly as before. The typed values are read by the same
/// functions the general path uses (FieldValues.swift), and DecoderDifferentialTests holds the two to the same results.
struct CanonicalLine {
    private let s: LineScanner
    /// Where `,"crc":"…"}` starts: the event's own fields end here (the caller has checked the tail and checksum).
    private let end: Int
    private var i = 0

    private init(_ line: UnsafeBufferPointer<UInt8>, end: Int) {
        s = LineScanner(unscanned: line)
        self.end = end
    }

    /// The event on a canonical line, or nil when the line is laid out any other way (or is not an event at all).
    static func decode(_ line: UnsafeBufferPointer<UInt8>, end: Int, scratch: inout DecodeScratch) -> Event? {
        var r = CanonicalLine(line, end: end)
        return r.event(&scratch)
    }

    private var b: UnsafeBufferPointer<UInt8> { s.b }

    /// Why the fast path gave a line back: never shown, the general path says what is wrong, if anything.
    private struct NotCanonical: Error {}

    private mutating func event(_ scratch: inout DecodeScratch) -> Event? {
        do throws(NotCanonical) {
            let seq = try int("seq", LogBounds.seq)
            try expect("at")
            let at = try instantValue()
            try expect("by")
            let byField = try quoted()
            guard let by = try? s.interned(byField, &scratch) else { return nil }
            try expect("type")
            let type = try quoted()
            guard let body = try body(type), i == end else { return nil }
            return Event(seq: seq, at: at, by: by, body: body)
        } catch {
            return nil
        }
    }

    // MARK: the event types, in the order and with the keys the encoder writes

    /// The body, or nil for the rare types (settings, practitioners, audits, reports, undo, erasure), which take the
    /// general path.
    private mutating func body(_ t: ScannedField) throws(NotCanonical) -> EventBody? {
        func isType(_ name: StaticString) -> Bool { s.bytesEqual(t, name) }
        if isType("appointment.booked") {
            return .appointmentBooked(try id("id"), client: try id("client"), practitioner: try id("practitioner"),
                                      start: try instant("start"), minutes: try int("minutes", LogBounds.minutes))
        }
        if isType("touchpoint.sent") {
            return .touchpointSent(try id("client"), kind: try word("kind"), via: try optionalWord("via"),
                                   note: try optionalText("note"))
        }
        if isType("appointment.attended") { return .appointmentAttended(try id("appointment")) }
        if isType("lapse.reviewed") { return try lapseReviewed() }
        if isType("client.added") { return try clientAdded() }
        if isType("feedback.given") {
            return .feedbackGiven(try id("client"), score: try int("score", LogBounds.score), comment: try optionalText("comment"))
        }
        if isType("appointment.cancelled") {
            return .appointmentCancelled(try id("appointment"), by: try word("cancelledBy"), late: try optionalBool("late") ?? false)
        }
        if isType("milestone.reached") { return .milestoneReached(try id("client"), try word("kind")) }
        if isType("callback.added") {
            return .callbackAdded(try id("id"), name: try text("name"), phone: try text("phone"),
                                  reason: try optionalText("reason"), promisedBy: try instant("promisedBy"))
        }
        if isType("callback.returned") { return .callbackReturned(try id("callback")) }
        if isType("appointment.no-show") { return .appointmentNoShow(try id("appointment")) }
        if isType("referral.thanked") {
            return .referralThanked(try id("referral"), via: try word("via"), note: try optionalText("note"))
        }
        if isType("appointment.moved") { return .appointmentMoved(try id("appointment"), start: try instant("start")) }
        if isType("client.edited") {
            return .clientEdited(ClientEdit(
                client: try id("client"), name: try optionalText("name"), phone: try optionalText("phone"),
                email: try optionalText("email"), source: try optionalText("source"), contact: try optionalBool("contact"),
                newsletter: try optionalBool("newsletter"), cadence: try optionalInt("cadence", LogBounds.cadenceEdit)))
        }
        if isType("referral.recorded") {
            return .referralRecorded(try id("id"), referrer: try id("referrer"), client: try id("client"))
        }
        if isType("client.status") {
            return .clientStatusChanged(try id("client"), try word("status"), reason: try optionalText("reason"))
        }
        return nil
    }

    private mutating func clientAdded() throws(NotCanonical) -> EventBody {
        let id: ClientID = try id("id")
        let name = try text("name")
        let phone = try optionalText("phone"), email = try optionalText("email"), source = try optionalText("source")
        let referredBy: ClientID? = try optionalID("referredBy")
        let referral: ReferralID? = try optionalID("referral")
        let contact = try optionalBool("contact"), newsletter = try optionalBool("newsletter")
        let cadence = try optionalInt("cadence", LogBounds.cadence)
        let row = try optionalText("row")
        return .clientAdded(NewClient(id: id, name: name, phone: phone, email: email, source: source,
                                      referredBy: referredBy, referral: referral, contact: contact ?? true,
                                      newsletter: newsletter ?? false, cadence: cadence,
                                      consentRecorded: contact != nil && newsletter != nil, row: row))
    }

    private mutating func lapseReviewed() throws(NotCanonical) -> EventBody {
        let client: ClientID = try id("client")
        try expect("outcome")
        let o = try quoted()
        let outcome: LapseOutcome
        if s.bytesEqual(o, "contacted") {
            outcome = .contacted
        } else if s.bytesEqual(o, "snoozed") {
            guard let day = DateInput.parseISODate(try text("until")) else { throw NotCanonical() }
            outcome = .snoozed(untilDay: day)
        } else if s.bytesEqual(o, "closed") {
            outcome = .closed(try word("status"))
        } else {
            throw NotCanonical()
        }
        let note = try optionalText("note")
        let detail = ReviewDetail(via: try optionalWord("via"), reason: try optionalWord("reason"), practitioner: try optionalID("practitioner"))
        return .lapseReviewed(client, outcome, note: note, detail: detail)
    }

    // MARK: keys and values

    /// Steps over `,"key":` (`{"key":` for the first) when it comes next.
    @inline(__always)
    private mutating func key(_ k: StaticString) -> Bool {
        let n = k.utf8CodeUnitCount
        guard i + n + 4 <= end, b[i] == (i == 0 ? UInt8(ascii: "{") : UInt8(ascii: ",")),
              b[i + 1] == UInt8(ascii: "\""), b[i + n + 2] == UInt8(ascii: "\""), b[i + n + 3] == UInt8(ascii: ":")
        else { return false }
        let p = k.utf8Start
        for j in 0..<n where b[i + 2 + j] != p[j] { return false }
        i += n + 4
        return true
    }

    @inline(__always)
    private mutating func expect(_ k: StaticString) throws(NotCanonical) {
        guard key(k) else { throw NotCanonical() }
    }

    /// A quoted value without escapes or raw control characters (those take the general path).
    @inline(__always)
    private mutating func quoted() throws(NotCanonical) -> ScannedField {
        guard i < end, b[i] == UInt8(ascii: "\"") else { throw NotCanonical() }
        var j = i + 1
        while j < end {
            let c = b[j]
            if c == UInt8(ascii: "\"") { break }
            if c == UInt8(ascii: "\\") || c < 0x20 { throw NotCanonical() }
            j += 1
        }
        guard j < end else { throw NotCanonical() }
        defer { i = j + 1 }
        return ScannedField(keyStart: 0, keyEnd: 0, valueStart: i + 1, valueEnd: j, kind: .string)
    }

    /// A whole number as JSON writes it (no leading zeros); fractions and exponents take the general path.
    @inline(__always)
    private mutating func number() throws(NotCanonical) -> ScannedField {
        var j = i
        if j < end, b[j] == UInt8(ascii: "-") { j += 1 }
        guard j < end, b[j] >= 48 && b[j] <= 57 else { throw NotCanonical() }
        if b[j] == 48 {
            j += 1
        } else {
            while j < end, b[j] >= 48 && b[j] <= 57 { j += 1 }
        }
        guard j == end || b[j] == UInt8(ascii: ",") else { throw NotCanonical() }
        defer { i = j }
        return ScannedField(keyStart: 0, keyEnd: 0, valueStart: i, valueEnd: j, kind: .number)
    }

    /// The log's instants are always 24 characters, none of them a quote, so the closing quote is looked for in one
    /// place rather than scanned for.
    @inline(__always)
    private mutating func instantValue() throws(NotCanonical) -> Instant {
        guard i + 26 <= end, b[i] == UInt8(ascii: "\""), b[i + 25] == UInt8(ascii: "\""),
              let t = Instant.parseLogForm(UnsafeBufferPointer(rebasing: b[(i + 1)..<(i + 25)]))
        else { throw NotCanonical() }
        i += 26
        return t
    }

    private mutating func instant(_ k: StaticString) throws(NotCanonical) -> Instant {
        try expect(k)
        return try instantValue()
    }

    private mutating func id<K: IDKind>(_ k: StaticString) throws(NotCanonical) -> ID<K> {
        try expect(k)
        return try idValue()
    }

    private mutating func optionalID<K: IDKind>(_ k: StaticString) throws(NotCanonical) -> ID<K>? {
        guard key(k) else { return nil }
        return try idValue()
    }

    /// `"c12"`: the prefix, then 1 to 12 digits up to the closing quote, read in the same pass that finds the quote.
    /// It accepts exactly what `LineScanner.id` accepts for a quoted value without escapes.
    @inline(__always)
    private mutating func idValue<K: IDKind>() throws(NotCanonical) -> ID<K> {
        guard i < end, b[i] == UInt8(ascii: "\"") else { throw NotCanonical() }
        var j = i + 1
        for c in K.prefix.utf8 {
            guard j < end, b[j] == c else { throw NotCanonical() }
            j += 1
        }
        let digitsStart = j
        var n = 0
        while j < end, b[j] >= 48 && b[j] <= 57 {
            guard j - digitsStart < LogBounds.idDigits else { throw NotCanonical() }
            n = n * 10 + Int(b[j] - 48)
            j += 1
        }
        guard j < end, b[j] == UInt8(ascii: "\""), j > digitsStart, n > 0 else { throw NotCanonical() }
        i = j + 1
        return ID<K>(n)
    }

    private mutating func text(_ k: StaticString) throws(NotCanonical) -> String {
        try expect(k)
        return try textValue()
    }

    private mutating func optionalText(_ k: StaticString) throws(NotCanonical) -> String? {
        key(k) ? try textValue() : nil
    }

    private mutating func textValue() throws(NotCanonical) -> String {
        let f = try quoted()
        do { return try s.string(f) } catch { throw NotCanonical() }
    }

    private mutating func int(_ k: StaticString, _ range: ClosedRange<Int>) throws(NotCanonical) -> Int {
        try expect(k)
        return try intValue(k, range)
    }

    private mutating func optionalInt(_ k: StaticString, _ range: ClosedRange<Int>) throws(NotCanonical) -> Int? {
        key(k) ? try intValue(k, range) : nil
    }

    /// A number outside its range goes back to the general path, which names the field and the range.
    private mutating func intValue(_ k: StaticString, _ range: ClosedRange<Int>) throws(NotCanonical) -> Int {
        let f = try number()
        do { return try s.int(f, k, range) } catch { throw NotCanonical() }
    }

    private mutating func optionalBool(_ k: StaticString) throws(NotCanonical) -> Bool? {
        guard key(k) else { return nil }
        if literal("true") { return true }
        if literal("false") { return false }
        throw NotCanonical()
    }

    private mutating func word<W: LogWord>(_ k: StaticString) throws(NotCanonical) -> W {
        try expect(k)
        return try wordValue()
    }

    private mutating func optionalWord<W: LogWord>(_ k: StaticString) throws(NotCanonical) -> W? {
        key(k) ? try wordValue() : nil
    }

    private mutating func wordValue<W: LogWord>() throws(NotCanonical) -> W {
        let f = try quoted()
        guard let w: W = s.word(f) else { throw NotCanonical() }
        return w
    }

    private mutating func literal(_ w: StaticString) -> Bool {
        let n = w.utf8CodeUnitCount
        guard i + n <= end, i + n == end || b[i + n] == UInt8(ascii: ",") else { return false }
        let p = w.utf8Start
        for j in 0..<n where b[i + j] != p[j] { return false }
        i += n
        return true
    }
}
