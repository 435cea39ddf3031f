import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// Logs whose lines have valid checksums but extreme numbers (0, -1, the Int32 and Int64 limits, 10^18, a 30-digit
/// number, and each field's own range edges) in every numeric field of every event type — seq, ids, instants and
/// counts alike — run through every command of the built binary. None may crash (a Swift overflow trap is SIGILL):
/// each either answers or refuses with one `keepwarm:` line.
@Suite struct ExtremeValuesTests {
    /// A numeric field of one event type, and the values to try in it.
    struct Field {
        let key: String
        let values: [String]
        /// The values the reader accepts and that still apply (ids and seqs must run in order, so none of theirs).
        var accepted: [String] = []
    }

    static let numbers = ["0", "-1", "1", "2147483647", "-2147483648", "9223372036854775807", "-9223372036854775808",
                          "1000000000000000000", "999999999999999999", "100000000000000000000000000000"]

    /// The common values and the edges of the field's range: just outside, the ends themselves.
    static func number(_ key: String, _ r: ClosedRange<Int>) -> Field {
        Field(key: key, values: numbers + ["\(r.lowerBound - 1)", "\(r.lowerBound)", "\(r.upperBound)", "\(r.upperBound + 1)"],
              accepted: key == "seq" || key == "target" ? [] : ["\(r.lowerBound)", "\(r.upperBound)"])
    }

    static func id(_ key: String) -> Field {
        Field(key: key, values: ["0", "-1", "1", "2147483647", "999999999999", "1000000000000", "9223372036854775807",
                                 "100000000000000000000000000000"])
    }

    static func instant(_ key: String) -> Field {
        Field(key: key, values: ["0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "1969-12-31T23:59:59.999Z",
                                 "9999-12-31T23:59:59-01:00", "0000-01-01T00:00:00+01:00", "9999-12-31T14:00:00.000Z"],
              accepted: ["0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "9999-12-31T14:00:00.000Z", "0000-01-01T00:00:00-01:00"])
    }

    /// One event of every type that applies to the base practice, with the fields to vary in it.
    static func probes(_ p: Practice) -> [(EventBody, [Field])] {
        let start = Instant(ms: 1_796_292_000_000)  // 2026-12-03T10:00Z
        let open = p.openAudit?.id ?? p.nextAuditID
        let types: [EventType: (EventBody, [Field])] = [
            .settingsChanged: (.settingsChanged(SettingsChange(lapseDays: 7, rebookPromptDays: 7, checkInDays: 7, reactivationDays: 7,
                                                               followUpCallDays: 7, thankYouHours: 7, staleThankYouDays: 7)),
                               ["lapseDays", "rebookPromptDays", "checkInDays", "reactivationDays", "followUpCallDays", "thankYouHours",
                                "staleThankYouDays"]
                                   .map { number($0, LogBounds.setting) }),
            .practitionerAdded: (.practitionerAdded(p.nextPractitionerID, name: "Cleo Adams"), [id("id")]),
            .practitionerEdited: (.practitionerEdited(PractitionerID(1), name: "Anna Okafor-Reid"), [id("practitioner")]),
            .practitionerHours: (.practitionerHours(PractitionerID(1), WorkingHours(days: [[WorkingRange(start: 540, end: 1020)], [], [], [], [], [], []])),
                                 [id("practitioner")]),
            .clientAdded: (.clientAdded(NewClient(id: p.nextClientID, name: "Joan Clarke", referredBy: ClientID(1),
                                                  referral: p.nextReferralID, cadence: 14, ref: "P-1",
                                                  history: ImportedHistory(visits: 3, since: Civil.days(2020, 1, 6), contacted: start))),
                           [id("id"), id("referredBy"), id("referral"), number("cadence", LogBounds.cadence),
                            number("visits", LogBounds.visits), instant("contacted"),
                            Field(key: "since", values: ["0000-01-01", "9999-12-31", "1969-12-31", "0000-02-29"],
                                  accepted: ["0000-01-01", "9999-12-31", "0000-02-29"])]),
            .clientEdited: (.clientEdited(ClientEdit(client: ClientID(1), cadence: 21)),
                            [id("client"), number("cadence", LogBounds.cadenceEdit)]),
            .clientStatusChanged: (.clientStatusChanged(ClientID(2), .active, reason: nil), [id("client")]),
            .clientErased: (.clientErased(ClientID(3)), [id("client")]),
            .appointmentBooked: (.appointmentBooked(p.nextAppointmentID, client: ClientID(1), practitioner: PractitionerID(1),
                                                    start: start, minutes: 60),
                                 [id("id"), id("client"), id("practitioner"), instant("start"), number("minutes", LogBounds.minutes)]),
            .appointmentMoved: (.appointmentMoved(AppointmentID(2), start: start.adding(hours: 3)), [id("appointment"), instant("start")]),
            .appointmentCancelled: (.appointmentCancelled(AppointmentID(3), by: .client, late: true), [id("appointment")]),
            .appointmentAttended: (.appointmentAttended(AppointmentID(2)), [id("appointment")]),
            .appointmentNoShow: (.appointmentNoShow(AppointmentID(4)), [id("appointment")]),
            .referralRecorded: (.referralRecorded(p.nextReferralID, referrer: ClientID(2), client: ClientID(1)),
                                [id("id"), id("referrer"), id("client")]),
            .referralThanked: (.referralThanked(ReferralID(1), via: .phone, note: nil), [id("referral")]),
            .touchpointSent: (.touchpointSent(ClientID(1), kind: .checkIn28, via: .email, note: nil), [id("client")]),
            .lapseReviewed: (.lapseReviewed(ClientID(2), .snoozed(untilDay: Civil.days(2027, 1, 4)), note: nil),
                             [id("client"), Field(key: "until", values: ["0000-01-01", "9999-12-31", "1969-12-31", "0000-02-29"],
                                                  accepted: ["0000-01-01", "9999-12-31", "0000-02-29"])]),
            .milestoneReached: (.milestoneReached(ClientID(1), .goalReached), [id("client")]),
            .feedbackGiven: (.feedbackGiven(ClientID(1), score: 4, comment: nil), [id("client"), number("score", LogBounds.score)]),
            .callbackAdded: (.callbackAdded(p.nextCallbackID, name: "Jo Park", phone: "07700 900111", reason: nil, promisedBy: start),
                             [id("id"), instant("promisedBy")]),
            .callbackReturned: (.callbackReturned(CallbackID(1)), [id("callback")]),
            .undone: (.undone(target: p.lastSeq), [number("target", LogBounds.seq)]),
            .redone: (.redone(target: p.lastAction.redoable(by: "sam")?.seq ?? p.lastSeq), [number("target", LogBounds.seq)]),
            .auditStarted: (.auditStarted(p.nextAuditID), [id("id")]),
            .auditAnswered: (.auditAnswered(open, step: 3, answer: .yes, note: nil, owner: nil),
                             [id("audit"), number("step", LogBounds.auditStep)]),
            .auditFinished: (.auditFinished(open, inPlace: 3, evidenceMet: 2, evidenceSteps: 5),
                             [id("audit")] + ["inPlace", "evidenceMet", "evidenceSteps"].map { number($0, LogBounds.auditSteps) }),
            .reportViewed: (.reportViewed(.retention, exported: false), []),
            .reportReviewed: (.reportReviewed(.sources), []),
            // Unfinished (nothing follows it), so readers hold it back and the next writer sets it aside.
            .batchBegun: (.batchBegun(events: 1, kind: .imported), [number("events", LogBounds.batchEvents)]),
            .autopilotPolicy: (.autopilotPolicy(.checkIn28, StepPolicy(.auto, channels: [.email])), []),
            .autopilotWindow: (.autopilotWindow(AutopilotWindow(from: 480, to: 1200, days: [0, 1, 2, 3, 4, 5], cap: 20)),
                               [number("cap", AutopilotWindow.caps)]),
            .autopilotHeld: (.autopilotHeld(ClientID(1), untilDay: Civil.days(2027, 1, 4)),
                             [id("client"), Field(key: "until", values: ["0000-01-01", "9999-12-31", "1969-12-31", "0000-02-29"],
                                                  accepted: ["0000-01-01", "9999-12-31", "0000-02-29"])]),
            .autopilotReleased: (.autopilotReleased(ClientID(1)), [id("client")]),
            .autopilotSkipped: (.autopilotSkipped(ClientID(1), key: "c1.check-in-28.2026-12-01"), [id("client")]),
            .autopilotRan: (.autopilotRan(RunSummary(sent: 1, failed: 0, unresolved: 0, waiting: 0)),
                            ["sent", "failed", "unresolved", "waiting"].map { number($0, LogBounds.runCount) }),
            .messageAttempted: (.messageAttempted(AttemptStart(id: p.autopilot.nextID, key: "c1.reminder.2026-12-04.a3@2026-12-05T1000",
                                                               client: ClientID(1), step: .reminder, channel: .sms, to: "+447700900123",
                                                               dueDay: Civil.days(2026, 12, 4), appointment: AppointmentID(3))),
                                [id("id"), id("client"), id("appointment"),
                                 Field(key: "due", values: ["0000-01-01", "9999-12-31", "1969-12-31"], accepted: ["0000-01-01", "9999-12-31"])]),
            .messageSent: (.messageSent(AttemptID(1), provider: "x1", confirmed: false), [id("attempt")]),
            .messageFailed: (.messageFailed(AttemptID(1), reason: "exit 1", retry: false, confirmed: false), [id("attempt")]),
            .consentChanged: (.consentChanged(ClientID(1), .email, given: false, how: .optOut), [id("client")]),
            .appointmentHistory: (.appointmentHistory(AppointmentID(2), booked: start.adding(hours: -48), settled: nil),
                                  [id("appointment"), instant("booked")]),
            .siteAdded: (.siteAdded(p.nextSiteID, name: "Hilltop", address: "2 Hill Rd"), [id("id")]),
            .siteEdited: (.siteEdited(SiteID(1), name: "Riverside Rooms", address: nil), [id("site")]),
            .practitionerSite: (.practitionerSite(PractitionerID(1), site: SiteID(1)), [id("practitioner"), id("site")]),
        ]
        // Every type, each with seq and at varied too.
        #expect(Set(types.keys) == Set(EventType.allCases), "every event type needs a probe here")
        return EventType.allCases.compactMap { t in
            guard let (body, fields) = types[t] else { return nil }
            return (body, [number("seq", LogBounds.seq), instant("at")] + fields)
        }
    }

    /// The base practice: two clients (one referred), four bookings, a callback and an open audit.
    static func base() -> [EventBody] {
        let day: Int64 = 86_400_000, t0: Int64 = 1_796_292_000_000
        return [
            .settingsChanged(SettingsChange(name: "Riverside", timeZone: "Europe/London")),
            .practitionerAdded(PractitionerID(1), name: "Anna Okafor"),
            .clientAdded(NewClient(id: ClientID(1), name: "Ada Lovelace", phone: "07700 900123", email: "ada@example.com", cadence: 14)),
            .clientAdded(NewClient(id: ClientID(2), name: "Grace Hopper", referredBy: ClientID(1), referral: ReferralID(1))),
            .clientAdded(NewClient(id: ClientID(3), name: "Mary Somerville")),
            .appointmentBooked(AppointmentID(1), client: ClientID(1), practitioner: PractitionerID(1), start: Instant(ms: t0 - 30 * day), minutes: 60),
            .appointmentAttended(AppointmentID(1)),
            .appointmentBooked(AppointmentID(2), client: ClientID(2), practitioner: PractitionerID(1), start: Instant(ms: t0 + day), minutes: 45),
            .appointmentBooked(AppointmentID(3), client: ClientID(1), practitioner: PractitionerID(1), start: Instant(ms: t0 + 2 * day), minutes: 60),
            .appointmentBooked(AppointmentID(4), client: ClientID(3), practitioner: PractitionerID(1), start: Instant(ms: t0 + 3 * day), minutes: 30),
            .callbackAdded(CallbackID(1), name: "Mo Farah", phone: "07700 900777", reason: "a later slot", promisedBy: Instant(ms: t0)),
            .feedbackGiven(ClientID(1), score: 5, comment: "Good"),
            .auditStarted(AuditID(1)),
            .auditAnswered(AuditID(1), step: 1, answer: .yes, note: nil, owner: "Sam"),
            .messageAttempted(AttemptStart(id: AttemptID(1), key: "c1.post-session.2026-11-03.a1", client: ClientID(1), step: .postSession,
                                           channel: .email, to: "ada@example.com", dueDay: Civil.days(2026, 11, 3), appointment: AppointmentID(1))),
            // A site, so `site.edited` and `practitioner.site` have one to name.
            .siteAdded(SiteID(1), name: "Riverside", address: "1 Quay St"),
        ]
    }

    /// `"key":old` (a number or a quoted value) on the line replaced by `"key":new`, and the checksum made right.
    static func with(_ line: [UInt8], _ key: String, _ value: String) -> [UInt8]? {
        var text = String(decoding: line.dropLast(), as: UTF8.self)
        guard let crc = text.range(of: #","crc":""#, options: .backwards) else { return nil }
        text = String(text[..<crc.lowerBound])
        guard let k = text.range(of: "\"\(key)\":") else { return nil }
        let valueStart = k.upperBound
        var end = valueStart
        if text[valueStart] == "\"" {
            end = text[text.index(after: valueStart)...].firstIndex(of: "\"").map { text.index(after: $0) } ?? text.endIndex
        } else {
            while end < text.endIndex, text[end] != ",", text[end] != "}" { end = text.index(after: end) }
        }
        let old = text[valueStart..<end]
        let new: String
        if old.hasPrefix("\"") {
            // An id keeps its prefix (`c`, `cb`…); an instant or a day is replaced whole.
            let inner = old.dropFirst().dropLast()
            let prefix = inner.prefix { $0.isLetter }
            new = "\"" + (prefix.count < inner.count && !inner.contains("-") ? String(prefix) : "") + value + "\""
        } else {
            new = value
        }
        text.replaceSubrange(valueStart..<end, with: new)
        let body = Array(text.utf8)
        return body + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(body)) + Array("\"}\n".utf8)
    }

    /// Log number `k`: the base practice, then for each event type and each of its numeric fields one line with the
    /// field's `k`-th extreme value (in an order the seed shuffles, seqs last), each line's checksum valid.
    static func log(_ k: Int, rng: inout SplitMix64) -> (bytes: [UInt8], lines: Int) {
        var p = Practice()
        var out = EventCodec.headerLine()
        var lines = 1
        let at = Instant(ms: 1_796_000_000_000)
        for body in base() {
            let e = Event(seq: p.lastSeq + 1, at: at, by: "sam", body: body)
            try! p.apply(e)
            out += EventCodec.line(for: e)
            lines += 1
        }
        var probes: [(EventBody, Field)] = []
        for (body, fields) in Self.probes(p) {
            for f in fields where k < f.values.count { probes.append((body, f)) }
        }
        probes.shuffle(using: &rng)
        // The seq lines go last: a seq out of order earlier would keep every other extreme from being applied by a
        // reader that blames every later line for it (as Keepwarm did before the seq rule).
        probes = probes.filter { $0.1.key != "seq" } + probes.filter { $0.1.key == "seq" }
        for (template, field) in probes {
            // Ids that add a record follow the practice as it now stands, so in-range lines apply.
            let body = Self.probes(p).first { $0.0.type == template.type }!.0
            let line = EventCodec.line(for: Event(seq: p.lastSeq + 1, at: at, by: "sam", body: body))
            guard let extreme = with(line, field.key, field.values[k]) else {
                Issue.record("no \(field.key) on \(String(decoding: line, as: UTF8.self))")
                continue
            }
            out += extreme
            lines += 1
            if case .event(let e)? = try? EventCodec.decode(Array(extreme.dropLast())) { try? p.apply(e) }
        }
        return (out, lines)
    }

    /// The base practice, then in a seeded order every accepted extreme (range ends, the first and last instants
    /// the log can hold) in every field that has them, each line kept only if it applies: a log without damage, so
    /// every command, the writing ones too, works on the extremes themselves.
    static func acceptedLog(rng: inout SplitMix64) -> [UInt8] {
        var p = Practice()
        var out = EventCodec.headerLine()
        let at = Instant(ms: 1_796_000_000_000)
        for body in base() {
            let e = Event(seq: p.lastSeq + 1, at: at, by: "sam", body: body)
            try! p.apply(e)
            out += EventCodec.line(for: e)
        }
        var tries: [(EventType, String, String)] = []
        for (body, fields) in Self.probes(p) {
            for f in fields { for v in f.accepted { tries.append((body.kind, f.key, v)) } }
        }
        tries.shuffle(using: &rng)
        for (kind, key, value) in tries + tries {
            let body = Self.probes(p).first { $0.0.kind == kind }!.0
            let line = EventCodec.line(for: Event(seq: p.lastSeq + 1, at: at, by: "sam", body: body))
            guard let extreme = with(line, key, value), case .event(let e)? = try? EventCodec.decode(Array(extreme.dropLast())) else {
                Issue.record("\(key) \(value) on \(kind) does not read")
                continue
            }
            var trial = p
            guard (try? trial.apply(e)) != nil else { continue }
            p = trial
            out += extreme
        }
        return out
    }

    /// Every command, as a receptionist or the owner would run it on such a log: queries first, then writes.
    static let commands: [[String]] = [
        ["check"], ["overview"], ["diary"], ["diary", "--date", "2026-12-04"], ["diary", "--json"], ["lapsed"], ["lapsed", "--json"],
        ["thankyous"], ["followups"], ["followups", "--json"], ["callbacks"], ["client", "list"], ["client", "show", "c1"],
        ["client", "show", "c2", "--json"], ["practitioner", "list"], ["settings"], ["audit"], ["audit", "show"], ["audit", "--json"],
        ["audit", "history"], ["report", "sources"], ["report", "referrers"], ["report", "retention"],
        ["report", "retention", "--json"], ["report", "sources", "--csv"], ["export", "appointments"],
        ["export", "clients"], ["export", "events"], ["export", "ics"], ["export", "ics", "--from", "0001-01-01", "--to", "9998-12-31"],
        ["export-client", "c1"], ["repair"],
        ["book", "c1", "--at", "2026-12-05 10:00"], ["book", "c2", "--at", "2026-12-03 10:00", "--force"],
        ["move", "a2", "--to", "2026-12-06 11:00"], ["attend", "a3"], ["rebook", "a1"], ["client", "add", "--name", "Nan Shepherd"],
        ["touch", "c1", "--kind", "check-in-28"], ["feedback", "c1", "--score", "5"], ["thank", "r1", "--via", "phone"],
        ["callback", "done", "cb1"], ["review", "c2", "--contacted"], ["settings", "--lapse-days", "3650"], ["undo"],
        ["backup", "BACKUP"], ["erase", "c3", "--yes"], ["check"],
    ]

    /// Runs every command on the log at `cli.log`; none may crash, and each refusal is one clear line. `check` lists
    /// damage on stdout, one `path:line:column: reason` a line.
    static func runEveryCommand(_ cli: CLI, _ name: String) throws -> (runs: Int, refused: Int) {
        var runs = 0, refused = 0
        for args in Self.commands {
            let argv = args.map { $0 == "BACKUP" ? cli.dir + "/backup.log" : $0 } + ["--now", "2026-12-02 09:00"]
            let r = try cli.run(argv)
            runs += 1
            let what = "\(name): keepwarm \(argv.joined(separator: " "))"
            #expect(r.status == 0 || r.status == 1, "\(what) exited \(r.status): \(r.err.suffix(500))")
            #expect(!r.err.contains("Fatal error") && !r.err.contains("Illegal instruction"), "\(what): \(r.err.suffix(500))")
            guard r.status != 0 else { continue }
            refused += 1
            if args == ["check"] {
                #expect(r.lines.first?.hasPrefix(cli.log + ":") == true, "\(what): \(r.out)")
                #expect(r.lines.contains { $0.hasSuffix("damaged lines") || $0.hasSuffix("damaged line") }, "\(what): \(r.out)")
            } else {
                let last = r.err.split(separator: "\n").last.map(String.init) ?? ""
                #expect(last.hasPrefix("keepwarm: "), "\(what) refused without a clear line: \(r.err)")
            }
        }
        return (runs, refused)
    }

    @Test func acceptedExtremesInEveryFieldWorkInEveryCommand() throws {
        let seed = FuzzPlan.fromEnvironment().seed
        var rng = SplitMix64(seed: seed)
        let cli = CLI()
        let bytes = Self.acceptedLog(rng: &rng)
        try Data(bytes).write(to: URL(fileURLWithPath: cli.log))
        #expect(chmod(cli.log, 0o600) == 0)
        let lines = bytes.count { $0 == 0x0A }
        #expect(lines > Self.base().count + 40, "most extremes apply: \(lines) lines")
        let check = try cli.run(["check"])
        #expect(check.status == 0, "no damage: \(check.out)")
        let (runs, _) = try Self.runEveryCommand(cli, "accepted extremes (seed \(seed))")
        #expect(runs == Self.commands.count)
    }

    /// How many values the field with the most has: one log per value.
    static let logs = 14

    @Test(arguments: 0..<logs)
    func extremeNumbersInEveryFieldCrashNoCommand(k: Int) throws {
        #expect(Self.probes(Practice()).flatMap { $0.1 }.map(\.values.count).max() == Self.logs)
        let seed = FuzzPlan.fromEnvironment().seed
        var rng = SplitMix64(seed: seed ^ UInt64(k))
        let cli = CLI()
        let (bytes, lines) = Self.log(k, rng: &rng)
        try Data(bytes).write(to: URL(fileURLWithPath: cli.log))
        #expect(chmod(cli.log, 0o600) == 0)
        #expect(lines > Self.base().count + 30, "every type and field is in log \(k): \(lines) lines")
        let (runs, refused) = try Self.runEveryCommand(cli, "log \(k) (seed \(seed))")
        #expect(runs == Self.commands.count)
        #expect(refused > 0, "a damaged log is refused by the commands that write")
    }
}
