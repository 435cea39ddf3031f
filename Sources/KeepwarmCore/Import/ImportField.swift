/// What a CSV column holds, as a Keepwarm field; `rawValue` is what `--map` takes after the `=`.
public enum ImportField: String, CaseIterable, Sendable, Hashable {
    // Clients, and the client an appointment is for.
    case first, last, name, phone, email, source, contact, newsletter
    /// The other system's own id for the client (Cliniko's "Patient ID"): kept on the client as its `ref`, so an
    /// appointments file that names the same id finds the client even when two clients share a name.
    case id
    /// The client's status in the other system (Active, Archived, Inactive, Deleted …); for appointments, the outcome.
    case status
    /// Why the client's status is what it is (Keepwarm's own export).
    case statusReason = "status-reason"
    /// A flag column: any yes (or a date) means the other system archived or deleted the client.
    case archived
    /// A flag column: yes means the client must not be contacted at all.
    case doNotContact = "do-not-contact"
    /// A flag column: yes means the client unsubscribed from the practice's emails.
    case unsubscribed
    /// Consent for one channel: yes/opted in gives it, no/opted out/unsubscribed withdraws it, empty says nothing.
    case emailConsent = "email-consent", smsConsent = "sms-consent", postConsent = "post-consent", phoneConsent = "phone-consent"
    /// A flag column per channel ("Do Not Email", "SMS Opt Out", "Do Not Call", "Do Not Mail"): yes withdraws that
    /// channel's consent; no or empty says nothing (it never gives consent).
    case noEmail = "no-email", noSMS = "no-sms", noPost = "no-post", noPhone = "no-phone"
    /// A flag column: yes means no newsletter and no marketing by any channel (service messages may still go).
    case marketingOptOut = "no-marketing"
    /// A flag column: yes (or a date) means the client has died.
    case deceased
    /// Whether the contact and newsletter answers were really asked (Keepwarm's own export): "no" keeps them as the
    /// defaults they are, so consent comes back "not asked" rather than turned into a yes.
    case consentRecorded = "consent-recorded"
    /// The id (in the same file's `id` column) of the client who referred this one.
    case referredBy = "referred-by"
    /// The client's usual interval between visits, in days.
    case cadence
    /// A client-only export's history: how many visits, the first and the last, when the client was first added and
    /// when they were last contacted.
    case visits, firstVisit = "first-visit", lastVisit = "last-visit", added, lastContacted = "last-contacted"
    // Appointments.
    case client, practitioner, date, time, start, end, minutes
    /// The client's id in the other system (the same ids as the clients file's `id` column).
    case clientID = "client-id"
    /// The appointment's own id in the file it came from: two rows with different ids are two appointments, even
    /// both cancelled in the same slot (booked, cancelled, booked again and cancelled again). Not kept: the log gives
    /// each appointment its own id.
    case appointmentID = "appointment-id"
    /// A yes/true/1 (or, as Cliniko writes it, any date) marks the appointment a no-show.
    case noShow = "no-show"
    /// Any value other than no/false/0 marks the appointment cancelled (Cliniko writes the time it was cancelled).
    case cancelled
    /// Who cancelled (client or practice), and whether it was late (yes/no).
    case cancelledBy = "cancelled-by", late
    /// When the appointment was booked, and when its outcome was recorded (Keepwarm's own export).
    case bookedAt = "booked-at", settledAt = "settled-at"
    /// Read and deliberately dropped, so a mapping can say a column was seen and left out.
    case ignore

    /// The fields `import clients` takes.
    public static let clientFields: [ImportField] = [
        .first, .last, .name, .id, .phone, .email, .source, .contact, .newsletter, .status, .statusReason, .archived,
        .doNotContact, .unsubscribed, .emailConsent, .smsConsent, .postConsent, .phoneConsent, .referredBy, .cadence,
        .visits, .firstVisit, .lastVisit, .added, .lastContacted, .ignore,
        .consentRecorded,
        .noEmail, .noSMS, .noPost, .noPhone, .marketingOptOut, .deceased,
    ]
    /// The fields `import appointments` takes.
    public static let appointmentFields: [ImportField] = [
        .client, .clientID, .first, .last, .name, .email, .phone, .practitioner, .date, .time, .start, .end, .minutes,
        .status, .noShow, .cancelled, .cancelledBy, .late, .bookedAt, .settledAt, .appointmentID, .ignore,
    ]

    /// Things people ask to import that Keepwarm does not keep, and why; `--map` refuses them with this reason.
    static let notKept: [String: String] = [
        "dob": "the date of birth is not kept: Keepwarm holds only what it needs to keep in touch (data minimisation)",
        "date of birth": "the date of birth is not kept: Keepwarm holds only what it needs to keep in touch (data minimisation)",
        "notes": "notes are not kept: clinical notes stay in the practice's records system",
        "address": "addresses are not kept: Keepwarm holds only what it needs to keep in touch",
    ]
}
