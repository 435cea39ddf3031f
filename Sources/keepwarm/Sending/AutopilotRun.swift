import Foundation
import KeepwarmCore
import KeepwarmMessages

/// What became of one message on a run.
enum RunOutcome: Equatable {
    case wouldSend
    case sent(provider: String?)
    case failed(reason: String, retry: Bool)
    /// It may or may not have gone; a person resolves it.
    case unresolved(String)
    /// It was due when the run began, and no longer was when its turn came (checked again under the lock).
    case skipped(String)

    var word: String {
        switch self {
        case .wouldSend: "would send"
        case .sent: "sent"
        case .failed: "failed"
        case .unresolved: "unresolved"
        case .skipped: "skipped"
        }
    }
}

/// One line of a run's answer.
struct RunLine {
    let message: PlannedMessage
    let attempt: AttemptID?
    let outcome: RunOutcome

    var text: String {
        let id = attempt.map { "\($0) " } ?? ""
        let by = message.channel.map { " by \($0.rawValue)" } ?? ""
        let to = message.to.map { " to \($0)" } ?? ""
        let head = "\(outcome.word): \(id)\(message.step.rawValue) for \(DisplayText.visible(message.name)) (\(message.client))\(by)\(DisplayText.visible(to))"
        switch outcome {
        case .wouldSend: return head
        case .sent(let p?): return head + " (\(p))"
        case .sent(nil): return head
        case .failed(let r, true): return head + ": \(r); tried again on a later run"
        case .failed(let r, false): return head + ": \(r); listed for the desk"
        case .unresolved(let r): return head + ": \(r)"
        case .skipped(let r): return head + ": \(r)"
        }
    }

    var json: [UInt8] {
        var b = LineBuilder()
        b.string("outcome", outcome.word)
        b.stringOrNull("attempt", attempt?.description)
        b.string("key", message.key)
        b.string("client", message.client.description)
        b.string("name", message.name)
        b.string("step", message.step.rawValue)
        b.stringOrNull("channel", message.channel?.rawValue)
        b.stringOrNull("to", message.to)
        switch outcome {
        case .sent(let p): b.stringOrNull("provider", p)
        case .failed(let r, let retry):
            b.string("reason", r)
            b.bool("retry", retry)
        case .unresolved(let r), .skipped(let r): b.string("reason", r)
        case .wouldSend: break
        }
        return b.finishedObject()
    }
}

/// `keepwarm autopilot run`: sends every message the plan says goes now, each at most once (Docs/autopilot.md,
/// "Never twice, never lost"). For each, under the log's lock, the message is checked again against the fresh log
/// and its attempt written; the command runs outside the lock; its outcome is written after. A crash or a stop in
/// between leaves the attempt unresolved, which no run sends again.
struct AutopilotRun {
    let desk: Desk
    let dryRun: Bool
    /// Called with each line as soon as it is known, so a run cut short has said what it did.
    let report: (RunLine) -> Void
    static let by = "autopilot"
    /// An idle run writes its `autopilot.ran` line only when the last one is older than this (a heartbeat).
    static let heartbeatMs: Int64 = 3_600_000

    struct Result {
        var lines: [RunLine] = []
        var waiting = 0
        var needPerson = 0
        var ended: String?
        var summary: RunSummary {
            var s = RunSummary(waiting: waiting)
            for l in lines {
                switch l.outcome {
                case .sent: s.sent += 1
                case .failed: s.failed += 1
                case .unresolved: s.unresolved += 1
                case .skipped, .wouldSend: break
                }
            }
            return s
        }
    }

    func run() throws -> Result {
        let log = try desk.open()
        desk.report(log, damage: false)
        if let first = log.damage.first { throw LogError.damaged(first, more: log.damage.count - 1) }
        let reach = AutopilotDelivery.reach()
        let start = try desk.now(log.practice.calendar)
        let plan = AutopilotPlan.messages(log.practice, now: start, reach: reach)
        var result = Result()
        result.waiting = plan.filter { $0.stop?.waitsForAutopilot == true }.count
        result.needPerson = plan.filter { $0.stop.map { !$0.waitsForAutopilot } ?? false }.count
        let going = plan.filter(\.goes)
        if dryRun {
            for m in going { add(RunLine(message: m, attempt: nil, outcome: .wouldSend), to: &result) }
            return result
        }
        // Every channel's settings are checked before anything is written or sent.
        let delivery = try AutopilotDelivery(desk: desk, environment: ProcessInfo.processInfo.environment,
                                             channels: Set(going.compactMap(\.channel)))
        // A command that timed out once will most likely time out again: its channel waits for the next run rather
        // than turning every message into one a person must check (QA: a hung mail server).
        var stalled: [AutopilotChannel: AttemptID] = [:]
        for m in going {
            if let c = m.channel, let first = stalled[c] {
                add(RunLine(message: m, attempt: nil, outcome: .skipped("the \(c.rawValue) command timed out on \(first); this waits for the next run")), to: &result)
                continue
            }
            let now = try desk.now(log.practice.calendar)
            var fresh: PlannedMessage?
            let written: [Event]
            do {
                written = try log.appendBatch(by: Self.by, at: now, kind: .audit) { p in
                    fresh = AutopilotPlan.recheck(m.key, client: m.client, in: p, now: now, reach: reach)
                    guard let f = fresh, f.goes, let channel = f.channel,
                          let a = f.attempt(p.autopilot.nextID, sendingUntil: Self.sendingUntil(now, delivery.timeout(channel))) else { return [] }
                    return [.messageAttempted(a)]
                }
            } catch {
                result.ended = "stopped before \(m.key): its attempt could not be written (\(userMessage(error))); nothing more was sent"
                return result
            }
            guard let event = written.first, case .messageAttempted(let a) = event.body else {
                let why = fresh?.stop.map { $0.text(log.practice.calendar) }
                    ?? "no longer due (booked, recorded, moved, cancelled or sent since the run began)"
                add(RunLine(message: fresh ?? m, attempt: nil, outcome: .skipped(why)), to: &result)
                continue
            }
            let sent = fresh ?? m
            // From the attempt to its outcome, a stop request waits (or, while the command runs, stops the command).
            let previous = StopSignals.hold()
            if let s = StopSignals.pending() {
                add(RunLine(message: sent, attempt: a.id, outcome: .unresolved(Self.resolveHint(a.id, "asked to stop before the command ran"))), to: &result)
                SendCommand.end(by: s)
            }
            let outcome = delivery.deliver(a, in: log.practice, now: now)
            let line: RunOutcome
            switch outcome {
            case .inDoubt(let reason, let signal):
                add(RunLine(message: sent, attempt: a.id, outcome: .unresolved(Self.resolveHint(a.id, reason))), to: &result)
                if signal == nil { stalled[a.channel] = a.id }
                if let signal { SendCommand.end(by: signal) }
                StopSignals.release(previous)
                continue
            case .sent(let provider):
                line = record(log, .messageSent(a.id, provider: provider, confirmed: false), a.id, or: .sent(provider: provider), sent: true)
            case .failed(let reason, let retry):
                let body = EventBody.messageFailed(a.id, reason: Self.oneLine(reason), retry: retry, confirmed: false)
                line = record(log, body, a.id, or: .failed(reason: reason, retry: retry), sent: false)
            }
            add(RunLine(message: sent, attempt: a.id, outcome: line), to: &result)
            StopSignals.release(previous)
        }
        return result
    }

    /// Writes the outcome; when it cannot be written the attempt stays unresolved, and the line says so.
    func record(_ log: any EventStore, _ body: EventBody, _ id: AttemptID, or outcome: RunOutcome, sent: Bool) -> RunOutcome {
        do {
            let now = try desk.now(log.practice.calendar)
            try log.append(by: Self.by, at: now) { p in
                // A person may have resolved it meanwhile: the log keeps theirs, never a second outcome.
                guard p.autopilot.attempt(id)?.isUnresolved == true else { throw CommandError("\(id) was resolved by someone else meanwhile") }
                return body
            }
            return outcome
        } catch {
            let what = sent ? "it went, but that could not be recorded" : "it did not go, but that could not be recorded"
            return .unresolved(Self.resolveHint(id, "\(what) (\(userMessage(error)))"))
        }
    }

    /// Ends the run with its `autopilot.ran` line: always after a run that sent or settled something, and after an
    /// idle one only when the last is an hour old, so a cron job every five minutes adds at most 24 lines a day.
    func finish(_ result: Result) throws {
        guard !dryRun else { return }
        let log = try desk.open()
        let now = try desk.now(log.practice.calendar)
        let summary = result.summary
        let active = summary.sent + summary.failed + summary.unresolved > 0
        try log.appendBatch(by: Self.by, at: now, kind: .audit) { p in
            if !active, let last = p.autopilot.lastRun, now.ms - last.ms < Self.heartbeatMs { return [] }
            return [.autopilotRan(summary)]
        }
    }

    func add(_ line: RunLine, to result: inout Result) {
        result.lines.append(line)
        report(line)
    }

    /// The latest a run can still be sending a message: the command's time limit and a minute's margin. Until then its
    /// attempt is "being sent", which no other run and no person may settle.
    static func sendingUntil(_ now: Instant, _ seconds: Int) -> Instant {
        Instant(ms: now.ms + Int64(seconds + 60) * 1000)
    }

    static func resolveHint(_ id: AttemptID, _ reason: String) -> String {
        "\(reason); left unresolved: check, then (a minute after this run, once no run can still be sending it) keepwarm autopilot resolve \(id) --sent (or --not-sent)"
    }

    /// A reason as one line of visible text, short enough for the log.
    static func oneLine(_ s: String) -> String {
        let line = s.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        return String(DisplayText.visible(line).prefix(500))
    }
}
