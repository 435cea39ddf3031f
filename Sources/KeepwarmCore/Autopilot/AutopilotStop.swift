/// Why one channel cannot carry a message to a client.
public struct ChannelRefusal: Equatable, Sendable {
    public let channel: AutopilotChannel
    public let reason: String
}

/// Why a due message will not go on this run (Docs/autopilot.md, "What stops a message").
public enum AutopilotStop: Equatable, Sendable {
    /// The desk holds this client's automatic messages (until a local day, or until released).
    case held(untilDay: Int?)
    /// None of the step's channels reaches the client: no address, or no consent for it.
    case noChannel([ChannelRefusal])
    /// An earlier try may or may not have gone: a person must say which (`autopilot resolve`).
    case unresolved(AttemptID)
    /// A run is sending it right now (its attempt is younger than the command's time limit).
    case sending(AttemptID, until: Instant)
    /// The client has an appointment in the past nobody marked: whether they came decides what to send.
    case unmarked(AppointmentID)
    /// It fell due more than `AutopilotPlan.lateDays` days ago: too late to go out by itself; the desk decides.
    case late(dueDay: Int)
    /// It fell due before the record it follows from came in by import (on that local day): the old system may have
    /// sent it, so a person checks and sends it by hand or skips it (`AutopilotPlan.dueBeforeImport`).
    case beforeImport(importedDay: Int)
    /// An earlier try failed for good: listed for the desk instead.
    case failed(AttemptID, reason: String)
    /// The command asked to be tried again later; the next try is from then.
    case retryLater(AttemptID, from: Instant)
    /// Outside the send window; it opens next at this instant (nil: no send day is set).
    case outsideWindow(opens: Instant?)
    /// The client already had an automatic message today.
    case alreadyToday
    /// Another message to the client goes on this run (at most one a day).
    case oneADay(AutopilotStep)
    /// Today's cap is reached.
    case dailyCap(Int)

    /// Whether the message waits for the autopilot (it will go by itself later), rather than needing a person.
    public var waitsForAutopilot: Bool {
        switch self {
        case .retryLater, .outsideWindow, .alreadyToday, .oneADay, .dailyCap, .sending: true
        case .held, .noChannel, .unresolved, .failed, .unmarked, .late, .beforeImport: false
        }
    }

    /// One line for the preview and the console, practice-local.
    public func text(_ cal: PracticeCalendar) -> String {
        switch self {
        case .held(let d?): "held by the desk until \(Civil.string(ofDay: d))"
        case .held(nil): "held by the desk until released"
        case .noChannel(let r):
            "no way to reach them: " + r.map { "\($0.channel.rawValue) \($0.reason)" }.joined(separator: "; ")
        case .unresolved(let id): "an earlier try (\(id)) may have gone: resolve it with keepwarm autopilot resolve \(id) --sent|--not-sent"
        case .sending(let id, let until): "being sent by a run right now (\(id), until \(cal.timeString(until)) at the latest)"
        case .unmarked(let a): "appointment \(a) is in the past and not marked: mark it attended or a no-show first"
        case .late(let d): "due \(Civil.string(ofDay: d)), more than \(AutopilotPlan.lateDays) days ago: too late to go by itself; listed for the desk"
        case .beforeImport(let d): "due before it was imported on \(Civil.string(ofDay: d)): check the old system sent it, then send it by hand or skip it"
        case .failed(let id, let reason): "the last try (\(id)) failed (\(reason)): listed for the desk"
        case .retryLater(let id, let from): "the last try (\(id)) was told to try later: from \(cal.dateString(from)) \(cal.timeString(from))"
        case .outsideWindow(let opens?): "outside the send window: next run from \(cal.dateString(opens)) \(cal.timeString(opens))"
        case .outsideWindow(nil): "outside the send window: no send day is set"
        case .alreadyToday: "already sent them a message today (one a day): tomorrow"
        case .oneADay(let s): "one message a day: their \(s.rawValue) goes first"
        case .dailyCap(let n): "today's cap of \(n) messages is reached: tomorrow"
        }
    }
}

/// One message the autopilot has due, with why, which channel it would take, and what stops it if anything.
public struct PlannedMessage: Equatable, Sendable {
    public let key: String
    /// Who receives it (the referrer, for a thank-you).
    public let client: ClientID
    public let name: String
    public let step: AutopilotStep
    public let dueDay: Int
    public let appointment: AppointmentID?
    public let referral: ReferralID?
    /// The rule and the dates it follows from.
    public let why: String
    /// What would stop it before it goes.
    public let stopsIf: String
    /// The first of the step's channels that reaches the client, and the address or number it would use.
    public var channel: AutopilotChannel?
    public var to: String?
    /// Nil when it goes on this run.
    public var stop: AutopilotStop?

    public var goes: Bool { stop == nil }

    /// The attempt event that starts sending it.
    public func attempt(_ id: AttemptID, sendingUntil: Instant? = nil) -> AttemptStart? {
        guard let channel else { return nil }
        return AttemptStart(id: id, key: key, client: client, step: step, channel: channel, to: to, dueDay: dueDay,
                            appointment: appointment, referral: referral, sendingUntil: sendingUntil)
    }
}
