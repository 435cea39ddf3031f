/// What a `message.attempted` line says: the autopilot is about to run the mail or SMS command (or write a letter)
/// for this message. Written durably before the command runs, so a crash in between leaves it unresolved, never
/// forgotten and never sent again by itself (Docs/autopilot.md, "Never twice").
public struct AttemptStart: Equatable, Sendable {
    public var id: AttemptID
    /// Which message this is: the same client, step and due date (and appointment time or referral) give the same
    /// key, so no two runs send it; it is also the email's Message-ID.
    public var key: String
    /// Who it goes to: the referrer, for a referral thank-you.
    public var client: ClientID
    public var step: AutopilotStep
    public var channel: AutopilotChannel
    /// The address or number it went to, as it was at the time; removed if the client's details are erased.
    public var to: String?
    /// The local day the message fell due.
    public var dueDay: Int
    public var appointment: AppointmentID?
    public var referral: ReferralID?
    /// The latest its run can still be sending it (the command's time limit, and a margin): until then it is being
    /// sent, not in doubt, and nobody may resolve it.
    public var sendingUntil: Instant?

    public init(id: AttemptID, key: String, client: ClientID, step: AutopilotStep, channel: AutopilotChannel, to: String?,
                dueDay: Int, appointment: AppointmentID? = nil, referral: ReferralID? = nil, sendingUntil: Instant? = nil) {
        self.sendingUntil = sendingUntil
        self.id = id
        self.key = key
        self.client = client
        self.step = step
        self.channel = channel
        self.to = to
        self.dueDay = dueDay
        self.appointment = appointment
        self.referral = referral
    }
}

/// What a run did, on its `autopilot.ran` line: the console shows the last one, and an autopilot not heard from for a
/// day hands its messages back to the desk lists.
public struct RunSummary: Equatable, Sendable {
    public var sent: Int
    public var failed: Int
    /// Messages it left unresolved (the command was stopped, or its outcome could not be recorded).
    public var unresolved: Int
    /// Messages still due that it did not send (outside the window, over the cap, one a day).
    public var waiting: Int

    public init(sent: Int = 0, failed: Int = 0, unresolved: Int = 0, waiting: Int = 0) {
        self.sent = sent
        self.failed = failed
        self.unresolved = unresolved
        self.waiting = waiting
    }
}
