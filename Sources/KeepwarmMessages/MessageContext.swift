import KeepwarmCore

/// What a message is about beyond its client: the appointment a reminder is for, the channel it goes by and
/// whether it is a service or a marketing message (which decides the opt-out line).
public struct MessageContext: Sendable {
    /// The appointment the message is about (a reminder's); nil for the rest.
    public var appointment: AppointmentID?
    public var channel: AutopilotChannel
    public var purpose: MessagePurpose

    public init(appointment: AppointmentID? = nil, channel: AutopilotChannel = .email, purpose: MessagePurpose = .service) {
        self.appointment = appointment
        self.channel = channel
        self.purpose = purpose
    }
}
