import KeepwarmCore

/// What `keepwarm autopilot preview` prints: the plan's messages grouped as a person reads them, first what will go,
/// then what waits for a later run by itself, then what needs a person.
struct AutopilotPreviewOutput {
    /// Where a message stands, as the preview groups it.
    enum Group: String, CaseIterable {
        case willGo = "will-go"
        /// It goes by itself on a later run (the window, the cap, one a day, try again later).
        case waiting
        /// Nothing will send it until someone acts (held, no channel, unresolved, failed).
        case needsPerson = "needs-a-person"

        var heading: String {
            switch self {
            case .willGo: "Will go"
            case .waiting: "Waiting, goes by itself later"
            case .needsPerson: "Needs a person"
            }
        }

        init(_ m: PlannedMessage) {
            if let stop = m.stop { self = stop.waitsForAutopilot ? .waiting : .needsPerson } else { self = .willGo }
        }
    }

    /// One message with what the preview adds to the plan's answer: the SMS's length, when it goes by text.
    struct Row {
        let message: PlannedMessage
        let group: Group
        let sms: SMSLength?
    }

    /// An SMS's length as the phone company counts it: `1 segment, GSM-7 (98 characters)`.
    struct SMSLength {
        let summary: String
        let segments: Int
        let charset: String
    }

    let p: Practice
    let at: Instant
    let rows: [Row]

    init(_ p: Practice, at: Instant, reach: Reach, sms: (PlannedMessage) -> SMSLength? = { _ in nil }) {
        self.p = p
        self.at = at
        let plan = AutopilotPlan.messages(p, now: at, reach: reach)
        // Grouped, each group in the plan's own (send) order.
        rows = Group.allCases.flatMap { g in
            plan.filter { Group($0) == g }.map { Row(message: $0, group: g, sms: $0.channel == .sms ? sms($0) : nil) }
        }
    }

    /// The text for people: a heading per group, and each message's who, how, why and what would stop it.
    func lines(heading: [String]) -> [String] {
        var out = heading
        if !AutopilotPlan.isLive(p, now: at) {
            out.append("The autopilot is not running (no run in the last \(AutopilotPlan.liveHours) hours): nothing goes by itself, and these are on the desk's lists until it runs (keepwarm autopilot install).")
        }
        if rows.isEmpty {
            out.append("Nothing is due.")
            return out
        }
        let cal = p.calendar
        for g in Group.allCases {
            let these = rows.filter { $0.group == g }
            guard !these.isEmpty else { continue }
            out.append("")
            out.append("\(g.heading) (\(these.count))")
            for r in these {
                let m = r.message
                out.append("  \(DisplayText.visible(m.name)) (\(m.client)): \(m.step.rawValue) \(how(m))")
                out.append("      why       \(m.why)")
                if let sms = r.sms {
                    out.append("      sms       \(sms.summary)")
                }
                if let stop = m.stop {
                    out.append("      \(g == .waiting ? "waits   " : "stopped ")  \(stop.text(cal))")
                }
                out.append("      stops if  \(m.stopsIf)")
                out.append("      key       \(m.key)")
            }
        }
        return out
    }

    /// `by email to ada@example.com`, `by letter (to print)`, `no channel`.
    func how(_ m: PlannedMessage) -> String {
        guard let ch = m.channel else { return "(no channel reaches them)" }
        if ch == .letter { return "by letter (to print)" }
        return "by \(ch.rawValue) to \(m.to ?? "-")"
    }

    /// The JSON array for scripts: one object per message, keys always present and in this order.
    func json() -> [UInt8] {
        let cal = p.calendar
        return LineBuilder.array(rows.map { r in
            let m = r.message
            var b = LineBuilder()
            b.string("group", r.group.rawValue)
            b.string("key", m.key)
            b.string("client", m.client.description)
            b.string("name", m.name)
            b.string("step", m.step.rawValue)
            b.string("purpose", m.step.purpose.rawValue)
            b.string("due", Civil.string(ofDay: m.dueDay))
            b.stringOrNull("channel", m.channel?.rawValue)
            b.stringOrNull("to", m.to)
            b.stringOrNull("appointment", m.appointment?.description)
            b.stringOrNull("referral", m.referral?.description)
            b.string("why", m.why)
            b.string("stopsIf", m.stopsIf)
            b.stringOrNull("stop", m.stop?.text(cal))
            b.intOrNull("smsSegments", r.sms?.segments)
            b.stringOrNull("smsCharset", r.sms?.charset)
            return b.finishedObject()
        })
    }
}
