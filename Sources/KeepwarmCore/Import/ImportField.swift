/// What a CSV column holds, as a Keepwarm field; `rawValue` is what `--map` takes after the `=`.
public enum ImportField: String, CaseIterable, Sendable, Hashable {
    // Clients, and the client an appointment is for.
    case first, last, name, phone, email, source, contact, newsletter
    // Appointments.
    case client, practitioner, date, time, start, end, minutes, status
    /// A yes/true/1 (or, as Cliniko writes it, any date) marks the appointment a no-show.
    case noShow = "no-show"
    /// Any value other than no/false/0 marks the appointment cancelled (Cliniko writes the time it was cancelled).
    case cancelled
    /// Read and deliberately dropped, so a mapping can say a column was seen and left out.
    case ignore

    /// The fields `import clients` takes.
    public static let clientFields: [ImportField] = [.first, .last, .name, .phone, .email, .source, .contact, .newsletter, .ignore]
    /// The fields `import appointments` takes.
    public static let appointmentFields: [ImportField] = [
        .client, .first, .last, .name, .email, .phone, .practitioner, .date, .time, .start, .end, .minutes, .status,
        .noShow, .cancelled, .ignore,
    ]

    /// Things people ask to import that Keepwarm does not keep, and why; `--map` refuses them with this reason.
    static let notKept: [String: String] = [
        "dob": "the date of birth is not kept: Keepwarm holds only what it needs to keep in touch (data minimisation)",
        "date of birth": "the date of birth is not kept: Keepwarm holds only what it needs to keep in touch (data minimisation)",
        "notes": "notes are not kept: clinical notes stay in the practice's records system",
        "address": "addresses are not kept: Keepwarm holds only what it needs to keep in touch",
        "id": "another system's ids are not kept; appointments find their client by email, phone or name",
    ]
}
