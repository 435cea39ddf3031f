import ArgumentParser
import KeepwarmCore
import KeepwarmMessages

/// `keepwarm autopilot preview [--day DATE] [--json]`: every message the next run (or a day's first run) would send,
/// and every one it would not, with why.
struct AutopilotPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "Show what the autopilot would send now (or at a day's window opening), per client, with why and what would stop it.",
        discussion: """
            Messages are grouped: will go, waiting (goes by itself on a later run), needs
            a person. Each shows its key, which keepwarm autopilot skip takes. Nothing is
            written.
            Example:
              keepwarm autopilot preview
              keepwarm autopilot preview --day tomorrow
              keepwarm autopilot preview --day 2026-12-07 --json
            """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("Preview the run at that day's window opening: tomorrow, fri, +1w or 2026-12-07.", valueName: "date"))
    var day: String?
    @Flag(help: "JSON for scripts: an array of messages.") var json = false

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let log = try desk.openLog()
            let p = log.practice
            let d = try desk.dates(log)
            let (at, heading) = try AutopilotPreviewCommand.when(day, p, d)
            let templates = TemplateSet(directory: desk.config.templatesDirectory.value)
            // A template that cannot be read is an error here as it would be when sending, never a silent guess.
            var broken: Error?
            let out = AutopilotPreviewOutput(p, at: at, reach: desk.reach) { m in
                do {
                    return try AutopilotPreviewCommand.smsLength(m, p, at: at, templates: templates, config: desk.config.file)
                } catch {
                    broken = broken ?? error
                    return nil
                }
            }
            if let broken { throw broken }
            if json { Stdout.bytes(out.json()) } else { Stdout.lines(out.lines(heading: heading)) }
        }
    }

    /// The instant to plan at and the line saying so: now, or the chosen day's window opening (now, if that is past).
    static func when(_ day: String?, _ p: Practice, _ d: DateInput) throws -> (Instant, [String]) {
        let cal = p.calendar, w = p.settings.autopilot.window
        func stamp(_ i: Instant) -> String { "\(dayName(cal.day(of: i))) \(cal.dateString(i)) \(cal.timeString(i))" }
        guard let day else { return (d.now, ["Autopilot preview: what a run now (\(stamp(d.now))) would send. Window \(w.summary)."]) }
        let chosen = try AutopilotInput.day(day, option: "--day", d)
        let today = cal.day(of: d.now)
        guard chosen >= today else {
            throw CommandError("--day \(Civil.string(ofDay: chosen)) is in the past; the preview looks ahead: give today or a later day")
        }
        let name = dayName(chosen)
        var heading: [String]
        var at = cal.instant(day: chosen, minute: w.from)
        if at < d.now {
            at = d.now
            heading = ["Autopilot preview for today: the window opened at \(WorkingHours.clock(w.from)), so this is a run now (\(stamp(at))). Window \(w.summary)."]
        } else {
            heading = ["Autopilot preview for \(name) \(Civil.string(ofDay: chosen)): the run at the window's opening, \(stamp(at)); later runs that day also send what falls due later. Window \(w.summary)."]
        }
        if !w.days.contains(Civil.weekday(ofDay: chosen)) {
            heading.append("The window is closed on \(name)s (it sends \(AutopilotWindow.describe(w.days))): nothing goes that day.")
        }
        return (at, heading)
    }

    /// `Mon`, as a person writes it.
    static func dayName(_ day: Int) -> String { WorkingHours.dayNames[Civil.weekday(ofDay: day)].capitalized }
}

extension AutopilotPreviewCommand {
    /// The SMS's length as the network counts it, rendered as the autopilot would send it: from the step's SMS
    /// template, signed by the log (never a login name), with the opt-out line for SMS.
    static func smsLength(_ m: PlannedMessage, _ p: Practice, at: Instant, templates: TemplateSet,
                          config: UserConfig) throws -> AutopilotPreviewOutput.SMSLength {
        let kind: MessageKind = m.step.touchpoint.map { .touchpoint($0) } ?? .thankYou
        let context = MessageContext(appointment: m.appointment, channel: .sms, purpose: m.step.purpose)
        let values = MessageValues.forClient(p, m.client, now: at, sender: "", config: config, context: context)
        let text = SMSText(try templates.smsTemplate(kind).render(values).body)
        return AutopilotPreviewOutput.SMSLength(summary: text.summary, segments: text.segments, charset: text.characterSet.description)
    }
}

extension Desk {
    /// How the autopilot reaches a client's number: in E.164, read with the practice's country (PhoneNumber); a
    /// number that cannot be read is a channel that does not reach them, with why.
    var reach: Reach {
        Reach(sms: { phone, country in
            do throws(PhoneNumberError) {
                return .success(try PhoneNumber.e164(phone, country: country))
            } catch {
                return .failure(ChannelProblem(error.description))
            }
        })
    }
}
