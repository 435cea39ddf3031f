/// The names a message template may use, with what each one holds (Docs/messages.md, "Variables").
public enum TemplateVariable: String, CaseIterable, Sendable {
    case firstName = "first_name"
    case fullName = "full_name"
    case practiceName = "practice_name"
    case practitioner
    case lastVisit = "last_visit"
    case nextBooking = "next_booking"
    case bookingLink = "booking_link"
    case bookingPhone = "booking_phone"
    case sender
    case appointment
    case optOut = "opt_out"

    /// One line each for `keepwarm templates --variables`.
    public var meaning: String {
        switch self {
        case .firstName: "the client's first name (the first word of their name)"
        case .fullName: "the client's full name as recorded"
        case .practiceName: "the practice's name (keepwarm settings --name)"
        case .practitioner: "the practitioner of the appointment the message is about (a reminder's), else the one the client is next booked with, else the one they last saw; empty if none"
        case .lastVisit: "the client's last attended visit in words, e.g. Tuesday 3 November; empty if none"
        case .nextBooking: "the client's next booking in words, e.g. Tuesday 24 November at 10:00; empty if none"
        case .bookingLink: "booking_link from config.toml; empty if not set"
        case .bookingPhone: "booking_phone from config.toml; empty if not set"
        case .sender: "who signs: the practitioner as above, else the practice's name; by hand at the desk, display_name from config.toml if set (never a login name)"
        case .appointment: "the appointment the message is about (a reminder's) in words, e.g. Monday 7 December at 14:00; empty for other messages"
        case .optOut: "how to stop these messages, one line for the channel (email, SMS, letter) on marketing messages; empty on service messages"
        }
    }
}
