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

    /// One line each for `keepwarm templates --variables`.
    public var meaning: String {
        switch self {
        case .firstName: "the client's first name (the first word of their name)"
        case .fullName: "the client's full name as recorded"
        case .practiceName: "the practice's name (keepwarm settings --name)"
        case .practitioner: "the practitioner the client is next booked with, else the one they last saw; empty if neither"
        case .lastVisit: "the client's last attended visit in words, e.g. Tuesday 3 November; empty if none"
        case .nextBooking: "the client's next booking in words, e.g. Tuesday 24 November at 10:00; empty if none"
        case .bookingLink: "booking_link from config.toml; empty if not set"
        case .bookingPhone: "booking_phone from config.toml; empty if not set"
        case .sender: "who is sending: display_name from config.toml, else --as"
        }
    }
}
