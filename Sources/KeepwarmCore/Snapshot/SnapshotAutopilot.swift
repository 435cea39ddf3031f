/// The practice's settings (the autopilot's policies and window among them) and the autopilot's record of attempts
/// and runs, in a snapshot.
extension SnapshotWriter {
    mutating func settings(_ s: Settings) {
        string(s.name); string(s.timeZone); int(s.lapseDays); int(s.rebookPromptDays); int(s.checkInDays)
        int(s.reactivationDays); int(s.followUpCallDays); int(s.thankYouHours); int(s.staleThankYouDays)
        optional(s.countrySet) { $0.string($1) }
        dictionary(s.autopilot.policies, { $0.word($1) }, { w, p in w.word(p.policy); w.array(p.channels) { $0.word($1) } })
        let win = s.autopilot.window
        int(win.from); int(win.to); set(win.days) { $0.int($1) }; int(win.cap)
    }

    mutating func autopilot(_ a: AutopilotRecord) {
        array(a.attempts) { $0.attempt($1) }
        dictionary(a.byKey, { $0.string($1) }, { w, ids in w.array(ids) { $0.id($1) } })
        array(a.unresolved) { $0.id($1) }
        dictionary(a.byClient, { $0.id($1) }, { w, ids in w.array(ids) { $0.id($1) } })
        dictionary(a.reminderKeys, { $0.id($1) }, { w, keys in w.array(keys) { $0.string($1) } })
        array(a.printQueue) { $0.id($1) }
        dictionary(a.perDay, { $0.int($1) }, { $0.int($1) })
        dictionary(a.clientDays, { $0.id($1) }, { w, d in w.int(d.day); w.string(d.key) })
        optional(a.lastRun) { $0.instant($1) }
        optional(a.lastRunSummary) { w, s in w.int(s.sent); w.int(s.failed); w.int(s.unresolved); w.int(s.waiting) }
        optional(a.lastActiveRun) { $0.instant($1) }
    }

    mutating func attempt(_ a: Attempt) {
        let s = a.start
        id(s.id); string(s.key); id(s.client); word(s.step); word(s.channel); optional(s.to) { $0.string($1) }
        int(s.dueDay); optional(s.appointment) { $0.id($1) }; optional(s.referral) { $0.id($1) }
        optional(s.sendingUntil) { $0.instant($1) }
        instant(a.at); string(a.by)
        switch a.outcome {
        case .unresolved: int(0)
        case .sent(let at, let provider, let confirmed): int(1); instant(at); optional(provider) { $0.string($1) }; bool(confirmed)
        case .failed(let at, let reason, let retry, let confirmed): int(2); instant(at); string(reason); bool(retry); bool(confirmed)
        }
        optional(a.postedAt) { $0.instant($1) }
    }
}

extension SnapshotReader {
    mutating func settings() throws(Unreadable) -> Settings {
        var s = Settings()
        s.name = try string(); s.timeZone = try string(); s.lapseDays = try int(); s.rebookPromptDays = try int()
        s.checkInDays = try int(); s.reactivationDays = try int(); s.followUpCallDays = try int()
        s.thankYouHours = try int(); s.staleThankYouDays = try int()
        s.countrySet = try optional { r throws(Unreadable) in try r.string() }
        s.autopilot.policies = try dictionary({ r throws(Unreadable) in try r.word() }, { r throws(Unreadable) in
            StepPolicy(try r.word(), channels: try r.array { r throws(Unreadable) in try r.word() })
        })
        s.autopilot.window = AutopilotWindow(from: try int(), to: try int(), days: try set { r throws(Unreadable) in try r.int() },
                                             cap: try int())
        return s
    }

    mutating func autopilot() throws(Unreadable) -> AutopilotRecord {
        var a = AutopilotRecord()
        a.attempts = try array { r throws(Unreadable) in try r.attempt() }
        a.byKey = try dictionary({ r throws(Unreadable) in try r.string() }, { r throws(Unreadable) in try r.array { r throws(Unreadable) in try r.id() } })
        a.unresolved = try array { r throws(Unreadable) in try r.id() }
        a.byClient = try dictionary({ r throws(Unreadable) in try r.id() }, { r throws(Unreadable) in try r.array { r throws(Unreadable) in try r.id() } })
        a.reminderKeys = try dictionary({ r throws(Unreadable) in try r.id() }, { r throws(Unreadable) in try r.array { r throws(Unreadable) in try r.string() } })
        a.printQueue = try array { r throws(Unreadable) in try r.id() }
        a.perDay = try dictionary({ r throws(Unreadable) in try r.int() }, { r throws(Unreadable) in try r.int() })
        a.clientDays = try dictionary({ r throws(Unreadable) in try r.id() }, { r throws(Unreadable) in AttemptDay(day: try r.int(), key: try r.string()) })
        a.lastRun = try optional { r throws(Unreadable) in try r.instant() }
        a.lastRunSummary = try optional { r throws(Unreadable) in
            RunSummary(sent: try r.int(), failed: try r.int(), unresolved: try r.int(), waiting: try r.int())
        }
        a.lastActiveRun = try optional { r throws(Unreadable) in try r.instant() }
        let ids = a.attempts.count
        guard a.attempts.indices.allSatisfy({ a.attempts[$0].id.number == $0 + 1 }),
              (a.unresolved + a.printQueue).allSatisfy({ $0.number <= ids }),
              a.byKey.values.allSatisfy({ $0.allSatisfy { $0.number <= ids } }),
              a.byClient.values.allSatisfy({ $0.allSatisfy { $0.number <= ids } }) else {
            throw Unreadable(why: "an attempt id points nowhere")
        }
        return a
    }

    mutating func attempt() throws(Unreadable) -> Attempt {
        let start = AttemptStart(id: try id(), key: try string(), client: try id(), step: try word(), channel: try word(),
                                 to: try optional { r throws(Unreadable) in try r.string() }, dueDay: try int(),
                                 appointment: try optional { r throws(Unreadable) in try r.id() },
                                 referral: try optional { r throws(Unreadable) in try r.id() },
                                 sendingUntil: try optional { r throws(Unreadable) in try r.instant() })
        let at = try instant(), by = try string()
        let outcome: AttemptOutcome
        switch try int() {
        case 0: outcome = .unresolved
        case 1: outcome = .sent(at: try instant(), provider: try optional { r throws(Unreadable) in try r.string() }, confirmed: try bool())
        case 2: outcome = .failed(at: try instant(), reason: try string(), retry: try bool(), confirmed: try bool())
        default: throw Unreadable(why: "an unknown attempt outcome")
        }
        return Attempt(start: start, at: at, by: by, outcome: outcome, postedAt: try optional { r throws(Unreadable) in try r.instant() })
    }
}
