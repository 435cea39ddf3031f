import KeepwarmCore

/// `keepwarm import history`: Keepwarm's own history export (`HistoryCSV`) brought into a log that already has the
/// same clients and appointments (imported from the clients and appointments exports). Each row becomes its event
/// with a `when` (`EventBody.past`), so it counts at the time it happened; rows already in the log are skipped, so a
/// second import adds nothing. Clients are found by the id the clients file gave them (`Client.ref`), appointments by
/// their client and start.
public enum HistoryImport {
    /// Columns a history file must have; the rest are read where a row needs them.
    static let required = ["what", "date", "time", "client id"]

    /// The file's columns, checked: the whole import is refused when one it needs is missing.
    public static func columns(_ table: CSVTable) throws(ImportError) -> ColumnMap {
        let keys = table.header.map { $0.trimmed.lowercased() }
        let missing = required.filter { !keys.contains($0) }
        guard missing.isEmpty else {
            throw ImportError("\(table.file): no \(missing.map { "'\($0)'" }.joined(separator: ", ")) column; a history file is what `keepwarm export history` writes")
        }
        let unused = table.header.filter { !HistoryCSV.header.contains($0.trimmed.lowercased()) && !$0.trimmed.isEmpty }
        return ColumnMap(columns: [:], unused: unused)
    }

    public static func plan(_ table: CSVTable, practice: Practice, by: String, at now: Instant) -> ImportPlan {
        let keys = table.header.map { $0.trimmed.lowercased() }
        var plan = ImportPlan(file: table.file, rows: table.rows.count,
                              unusedColumns: table.header.filter { !HistoryCSV.header.contains($0.trimmed.lowercased()) && !$0.trimmed.isEmpty })
        var trial = Trial(practice: practice, by: by, at: now)
        let byRef = practice.clientsByRef()
        var counts: [HistoryCSV.What: Int] = [:]
        var sameSettings = 0
        for row in table.rows {
            let r = Cells(row: row, keys: keys)
            do throws(CommandError) {
                let reader = RowReader(r: r, p: trial.practice, byRef: byRef, now: now)
                let (what, events, already) = try reader.events()
                if let already {
                    // A setting the practice already has is no news: counted in a note, not listed row by row.
                    if what == .setting { sameSettings += 1 } else { plan.alreadyImported.append(SkippedRow(row: row.number, reason: already)) }
                    continue
                }
                // A message is two events, and only its first can be refused: the second settles the attempt the
                // first just began, which always applies. So no row is ever half written, without copying the practice.
                do throws(ApplyError) {
                    for e in events { try trial.add(e) }
                } catch {
                    throw CommandError(error.reason)
                }
                counts[what, default: 0] += 1
                plan.imported += 1
            } catch {
                plan.rejected.append(SkippedRow(row: row.number, reason: error.message))
            }
        }
        plan.events = trial.events
        plan.summary = HistoryCSV.What.allCases.compactMap { w in
            counts[w].map { w == .setting ? "\(Wording.plural($0, "setting")) to change to the file's" : "\(Wording.plural($0, noun(w))) to record at their own time" }
        }
        if sameSettings > 0 { plan.notes.append("\(Wording.plural(sameSettings, "setting")) already as the file has them") }
        return plan
    }

    /// What one row of a kind is called in the summary ("3 status changes", not "3 statuss").
    static func noun(_ w: HistoryCSV.What) -> String {
        switch w {
        case .status: "status change"
        case .feedback: "feedback score"
        case .hold: "autopilot hold"
        case .skip: "skipped message"
        default: w.rawValue
        }
    }

    /// One row's cells by header name.
    struct Cells {
        let row: CSVRow
        let keys: [String]

        /// The trimmed value, without the formula guard's apostrophe; nil when empty or absent.
        func value(_ key: String) -> String? {
            guard let i = keys.firstIndex(of: key), row.fields.indices.contains(i) else { return nil }
            let v = row.fields[i].trimmed
            return v.isEmpty ? nil : ImportText.undefused(v)
        }
    }

    /// Reads one row against the practice as the rows before it left it.
    struct RowReader {
        let r: Cells
        let p: Practice
        let byRef: [String: [ClientID]]
        let now: Instant

        func need(_ key: String) throws(CommandError) -> String {
            guard let v = r.value(key) else { throw CommandError("the '\(key)' column is empty") }
            return v
        }

        func word<W: RawRepresentable>(_ key: String, _: W.Type = W.self) throws(CommandError) -> W where W.RawValue == String {
            let v = try need(key)
            guard let w = W(rawValue: v) else { throw CommandError("'\(key)' is '\(v)', which Keepwarm doesn't know") }
            return w
        }

        /// `YYYY-MM-DD` as a day number.
        func day(_ text: String, _ key: String) throws(CommandError) -> Int {
            let parts = text.split(separator: "-").map { Int($0) }
            guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2], (1...12).contains(m),
                  (1...Civil.daysInMonth(y, m)).contains(d) else {
                throw CommandError("'\(key)' is '\(text)'; write dates like 2026-11-24")
            }
            return Civil.days(y, m, d)
        }

        /// A practice-local `YYYY-MM-DD` and `HH:MM[:SS]`.
        func instant(date: String, time: String, _ key: String, timeKey: String? = nil) throws(CommandError) -> Instant {
            let d = try day(date, key)
            let key = timeKey ?? key
            let parts = time.split(separator: ":").map { Int($0) }
            guard (2...3).contains(parts.count), let h = parts[0], let m = parts[1], (0..<24).contains(h), (0..<60).contains(m) else {
                throw CommandError("'\(key)' is '\(time)'; write times like 14:05 or 14:05:30")
            }
            let s = parts.count == 3 ? parts[2] : 0
            guard let s, (0..<60).contains(s) else { throw CommandError("'\(key)' is '\(time)'; write times like 14:05 or 14:05:30") }
            return Instant(ms: p.calendar.instant(day: d, minute: h * 60 + m).ms + Int64(s) * 1000)
        }

        /// `YYYY-MM-DD HH:MM[:SS]`, as the appointment start, reminder and settled columns hold it.
        func instant(_ key: String) throws(CommandError) -> Instant? {
            guard let v = r.value(key) else { return nil }
            let parts = v.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
            guard parts.count == 2 else { throw CommandError("'\(key)' is '\(v)'; write it like 2026-11-24 14:05") }
            return try instant(date: parts[0], time: parts[1], key)
        }

        /// The client a column names: by the id the clients file gave them, else this log's own client of that id and
        /// name (a history exported from this very log).
        func client(_ key: String, name nameKey: String) throws(CommandError) -> ClientID {
            let id = try need(key)
            if let ids = byRef[id] {
                guard ids.count == 1 else {
                    throw CommandError("\(ids.count) clients have the id '\(id)' from the clients file (\(ids.map(\.description).joined(separator: ", "))); merge them first")
                }
                return ids[0]
            }
            if let own = ClientID(text: id), p.clients.indices.contains(own.index), !p.clients[own.index].withdrawn,
               r.value(nameKey).map({ Ownership.nameKey($0) == Ownership.nameKey(p.clients[own.index].name) }) ?? false {
                return own
            }
            if let own = ClientID(text: id), p.clients.indices.contains(own.index), !p.clients[own.index].withdrawn {
                throw CommandError("no client has the id '\(id)' from a clients file, and this log's \(own) is \(p.clients[own.index].name), not \(r.value(nameKey) ?? "nameless"); import that practice's clients first (keepwarm import clients)")
            }
            throw CommandError("no client has the id '\(id)' from the clients file; import the clients first (keepwarm import clients), then the appointments")
        }

        /// The client's appointment starting at the row's `appointment start`, if the row names one.
        func appointment(_ c: ClientID) throws(CommandError) -> AppointmentID? {
            guard let start = try instant("appointment start") else { return nil }
            let found = p.clients[c.index].appointments.map { p.appointments[$0.index] }.filter { !$0.withdrawn && $0.start == start }
            guard let a = found.last else {
                throw CommandError("\(p.clients[c.index].name) has no appointment at \(p.describe(start)); import the appointments first (keepwarm import appointments)")
            }
            return a.id
        }

        /// The referral from `c` of the row's referred client.
        func referral(_ c: ClientID) throws(CommandError) -> (referred: ClientID, id: ReferralID?) {
            let referred = try client("referred client id", name: "referred client name")
            let r = p.referrals.last { !$0.withdrawn && $0.referrer == c && $0.client == referred }
            return (referred, r?.id)
        }

        func yes(_ key: String) -> Bool { r.value(key)?.lowercased() == "yes" }

        /// The row's events, or why it is already in the log.
        func events() throws(CommandError) -> (HistoryCSV.What, [EventBody], already: String?) {
            let what: HistoryCSV.What = try word("what")
            if what == .setting {
                let name = try need("kind")
                guard let e = try HistorySettings.event(name, r.value("value") ?? "", p.settings) else {
                    return (what, [], "'\(name)' is already \(r.value("value") ?? "")")
                }
                return (what, [e], nil)
            }
            let when = try instant(date: try need("date"), time: try need("time"), "date", timeKey: "time")
            guard when <= now else { throw CommandError("\(p.describe(when)) is later than now; history is what has already happened") }
            let c = try client("client id", name: "client name")
            let client = p.clients[c.index]
            let name = client.name
            let note = r.value("note")
            func past(_ b: EventBody) -> EventBody { .past(b, when: when) }
            switch what {
            case .touchpoint:
                let kind: TouchpointKind = try word("kind")
                let via: Channel? = r.value("channel") == nil ? nil : try word("channel")
                if client.touchpoints.contains(where: { $0.kind == kind && $0.at == when && $0.via == via }) {
                    return (what, [], "\(kind.rawValue) for \(name) on \(p.describe(when)) is already recorded")
                }
                return (what, [past(.touchpointSent(c, kind: kind, via: via, note: note))], nil)
            case .milestone:
                let kind: MilestoneKind = try word("kind")
                if client.milestones.contains(where: { $0.kind == kind && $0.at == when }) {
                    return (what, [], "\(kind.rawValue) for \(name) on \(p.describe(when)) is already recorded")
                }
                return (what, [past(.milestoneReached(c, kind))], nil)
            case .feedback:
                guard let score = r.value("score").flatMap({ Int($0) }), LogBounds.score.contains(score) else {
                    throw CommandError("'score' must be a whole number from 1 to 5")
                }
                if client.feedback.contains(where: { $0.score == score && $0.at == when }) {
                    return (what, [], "feedback from \(name) on \(p.describe(when)) is already recorded")
                }
                return (what, [past(.feedbackGiven(c, score: score, comment: note))], nil)
            case .referral:
                let (referred, id) = try referral(c)
                if let id {
                    if p.referrals[id.index].recordedAt == when { return (what, [], "referral \(id) is already recorded at that time") }
                    return (what, [past(.referralRecorded(id, referrer: c, client: referred))], nil)
                }
                return (what, [past(.referralRecorded(p.nextReferralID, referrer: c, client: referred))], nil)
            case .thankYou:
                let (referred, id) = try referral(c)
                guard let id else {
                    throw CommandError("\(name) has no referral of \(p.clients[referred.index].name) to thank for; its 'referral' row comes first")
                }
                if let at = p.referrals[id.index].thankedAt {
                    return (what, [], "referral \(id) was already thanked for on \(p.describe(at))")
                }
                let via: Channel = try word("channel")
                return (what, [past(.referralThanked(id, via: via, note: note))], nil)
            case .lapseReview:
                let outcome: LapseOutcome
                switch try need("outcome") {
                case "contacted":
                    outcome = .contacted
                case "snoozed":
                    outcome = .snoozed(untilDay: try day(try need("until"), "until"))
                case let other:
                    throw CommandError("'outcome' is '\(other)'; a lapse review row is contacted or snoozed (a closed review is the client's status, in the clients file)")
                }
                let via: ReviewContact? = r.value("channel") == nil ? nil : try word("channel")
                let review = EventBody.lapseReviewed(c, outcome, note: note, detail: ReviewDetail(via: via, practitioner: WhoseClient.practitioner(p, c, atOrBefore: when)))
                if p.pastSeen.contains(Practice.pastKey(c, review, when)) {
                    return (what, [], "the lapse review of \(name) on \(p.describe(when)) is already recorded")
                }
                return (what, [past(review)], nil)
            case .hold:
                let until = try r.value("until").map { v throws(CommandError) in try day(v, "until") }
                let hold: AutopilotHold = until.map { .until($0) } ?? .indefinitely
                if client.hold == hold { return (what, [], "\(name)'s messages are already held so") }
                return (what, [past(.autopilotHeld(c, untilDay: until))], nil)
            case .skip:
                let key = try messageKey(c)
                if client.skipped.contains(key) { return (what, [], "the message \(key) is already skipped") }
                return (what, [past(.autopilotSkipped(c, key: key))], nil)
            case .status:
                let status: ClientStatus = try word("kind")
                guard client.status == status else {
                    throw CommandError("\(name) is \(client.status.rawValue) in this log, not \(status.rawValue); the clients file's status stands, so this date is not theirs")
                }
                if r.value("outcome") == "closed by lapse review" {
                    // The review itself, which leaves the status undated as it was (Practice.afterPast).
                    // With how contact was made and why they left, so why-left is the same after a move; whose client
                    // they were is worked out again from the sessions, as for the other reviews.
                    let via: ReviewContact? = r.value("channel") == nil ? nil : try word("channel")
                    let reason: LeftReason? = r.value("reason") == nil ? nil : try word("reason")
                    let review = EventBody.lapseReviewed(c, .closed(status), note: client.statusReason,
                                                         detail: ReviewDetail(via: via, reason: reason, practitioner: WhoseClient.practitioner(p, c, atOrBefore: when)))
                    if p.pastSeen.contains(Practice.pastKey(c, review, when)) { return (what, [], "\(name)'s status is already the lapse review's") }
                    return (what, [past(review)], nil)
                }
                if client.statusChangedAt == when || p.pastSeen.contains(Practice.pastKey(c, .clientStatusChanged(c, status, reason: nil), when)) { return (what, [], "\(name)'s status is already dated \(p.describe(when))") }
                return (what, [past(.clientStatusChanged(c, status, reason: client.statusReason))], nil)
            case .message:
                return try message(c, when: when)
            case .setting:
                return (what, [], nil)  // read above, before the date and the client
            }
        }

        /// The key a message has in this log: the row's step, due day, appointment, reminder time and referral with
        /// this log's ids (`AutopilotPlan.key`).
        func messageKey(_ c: ClientID) throws(CommandError) -> String {
            let step: AutopilotStep = try word("kind")
            let due = try day(try need("due"), "due")
            let appt = try appointment(c)
            let start = try instant("reminder for")
            var ref: ReferralID?
            if r.value("referred client id") != nil {
                guard let id = try referral(c).id else { throw CommandError("the referral this message thanks for is not in the log; its 'referral' row comes first") }
                ref = id
            }
            return AutopilotPlan.key(client: c, step: step, dueDay: due, appointment: appt, start: start, referral: ref, p.calendar)
        }

        /// An autopilot message: its attempt, then what became of it, each at its own time.
        func message(_ c: ClientID, when: Instant) throws(CommandError) -> (HistoryCSV.What, [EventBody], already: String?) {
            let key = try messageKey(c)
            if p.autopilot.attempts(key: key).contains(where: { $0.at == when }) {
                return (.message, [], "the message \(key) tried on \(p.describe(when)) is already recorded")
            }
            let step: AutopilotStep = try word("kind")
            let channel: AutopilotChannel = try word("channel")
            let id = p.autopilot.nextID
            let ref = r.value("referred client id") == nil ? nil : try referral(c).id
            let start = AttemptStart(id: id, key: key, client: c, step: step, channel: channel, to: r.value("to"),
                                     dueDay: try day(try need("due"), "due"), appointment: try appointment(c), referral: ref)
            var out: [EventBody] = [.past(.messageAttempted(start), when: when)]
            switch try need("outcome") {
            case "unresolved":
                break
            case "sent":
                guard let at = try instant("settled at") else { throw CommandError("a sent message needs its 'settled at'") }
                out.append(.past(.messageSent(id, provider: r.value("provider"), confirmed: yes("confirmed")), when: at))
            case "failed":
                guard let at = try instant("settled at") else { throw CommandError("a failed message needs its 'settled at'") }
                out.append(.past(.messageFailed(id, reason: r.value("reason") ?? "not sent", retry: yes("retry"), confirmed: yes("confirmed")),
                                 when: at))
            case let other:
                throw CommandError("'outcome' is '\(other)'; a message is sent, failed or unresolved")
            }
            return (.message, out, nil)
        }
    }
}
