import Foundation
import KeepwarmCore

/// The autopilot's figures: the plan over the 1M-event demo (what `autopilot preview` and every run work out first),
/// and what a run adds per message besides the mail command, on a practice with 500 reminders due.
extension Bench {
    mutating func autopilotPreview(_ n: Int, _ path: String) throws {
        log("autopilot plan \(n)")
        let p = try EventLog.open(path: path).practice
        var s = Samples()
        var count = 0
        for _ in 0..<options.runs {
            s.add(Clock.seconds { count = AutopilotPlan.messages(p, now: Bench.end).count })
        }
        rows.append(Row(figure: "Autopilot plan (preview), \(n) events, \(count) messages due", unit: "s", samples: s, target: "< 1", format: .seconds))
        // What a person waits for: the whole command, reading the log included.
        var whole = Samples()
        for _ in 0..<options.runs {
            whole.add(try Clock.seconds { try run(bin + "/keepwarm", ["autopilot", "preview", "--log", path, "--now", Bench.end.iso]) })
        }
        rows.append(Row(figure: "  keepwarm autopilot preview, the whole command", unit: "s", samples: whole, target: "< 1", format: .seconds))
    }

    mutating func autopilotRun() throws {
        log("autopilot run, 500 messages")
        let dir = options.dir + "/autopilot"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "mail_command = \"/bin/cat\"\nfrom = \"Bench <desk@bench.example>\"\nmaildir = \"\(dir)/Maildir\"\n"
            .write(toFile: dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
        let template = dir + "/template.log"
        var env = ProcessInfo.processInfo.environment
        env["KEEPWARM_LOG"] = template
        env["KEEPWARM_USER"] = "bench"
        env["XDG_CONFIG_HOME"] = dir + "/config"
        let keepwarm = bin + "/keepwarm"
        let at = "2026-11-23T08:00:00Z", runAt = "2026-11-23T10:00:00Z"
        try run(keepwarm, ["init", "--name", "Bench Practice", "--now", at], env: env)
        try run(keepwarm, ["practitioner", "add", "--name", "Anna Okafor", "--now", at], env: env)
        let log = try EventLog.open(path: template)
        let now = DateInput.parseZonedISO(at)!
        try log.append(by: "bench", at: now) { p in try Command.autopilotWindow(AutopilotWindow(cap: 1000)).event(in: p, now: now) }
        try log.appendBatch(by: "bench", at: now, kind: .imported) { p in
            let nine = p.calendar.instant(day: p.calendar.day(of: now) + 1, minute: 9 * 60)
            return (1...500).flatMap { i -> [EventBody] in
                [.clientAdded(NewClient(id: ClientID(i), name: "Client \(i)", email: "client\(i)@example.org")),
                 .appointmentBooked(AppointmentID(i), client: ClientID(i), practitioner: PractitionerID(1),
                                    start: nine.adding(minutes: (i - 1) % 100 * 5), minutes: 5)]
            }
        }
        var perMessage = Samples(), dry = Samples(), whole = Samples()
        for r in 0..<options.runs {
            let copy = dir + "/run\(r).log"
            try? FileManager.default.removeItem(atPath: copy)
            try FileManager.default.copyItem(atPath: template, toPath: copy)
            env["KEEPWARM_LOG"] = copy
            let d = try Clock.seconds { try run(keepwarm, ["autopilot", "run", "--dry-run", "--now", runAt], env: env) }
            let t = try Clock.seconds { try run(keepwarm, ["autopilot", "run", "--now", runAt], env: env) }
            let p = try EventLog.open(path: copy).practice
            let sent = p.autopilot.attempts.filter { if case .sent = $0.outcome { true } else { false } }.count
            guard sent == 500 else { throw BenchError("the autopilot run sent \(sent) of 500") }
            // A spawn of /bin/cat reading a message, measured alone, is the mail command's share.
            let spawn = try Clock.seconds { for _ in 0..<50 { try run("/bin/cat", []) } } / 50
            dry.add(d)
            whole.add(t)
            perMessage.add(((t - d) / 500 - spawn) * 1000)
        }
        rows.append(Row(figure: "Autopilot run, 500 messages (mail_command /bin/cat)", unit: "s", samples: whole, target: "report", format: .seconds))
        rows.append(Row(figure: "  the same as a dry run (replay and plan)", unit: "s", samples: dry, target: "report", format: .seconds))
        rows.append(Row(figure: "  overhead per message, less the dry run and the mail command", unit: "ms", samples: perMessage, target: "report", format: .millis))
    }
}
