/// The headers people and practice systems commonly give each field, so a file from a system without a preset (or a
/// spreadsheet) is read without `--map`. They fill only the fields the preset left unmapped, and only from columns the
/// preset did not claim; `--map` overrides them. Within one field the order is the preference: when two columns
/// claim it (`Full Name` and `Client Name`), the earlier synonym's column is read first and the other only where it is
/// empty, and the dry run says so.
public enum HeaderSynonyms {
    /// Synonyms for `import clients`, most preferred first within each field.
    public static let clients: [(ImportField, [String])] = [
        (.first, ["First Name", "Given Name", "Forename", "First", "Legal First Name", "Christian Name"]),
        (.last, ["Last Name", "Surname", "Family Name", "Last", "Legal Last Name"]),
        (.name, ["Full Name", "Name", "Client Name", "Client", "Patient Name", "Patient", "Customer Name", "Customer",
                 "Contact Name", "Display Name"]),
        (.id, ["Patient ID", "Client ID", "Customer ID", "ID", "Patient Number", "Client Number", "Customer Number"]),
        // Mobiles first: they can take a text, and a landline is the fallback.
        (.phone, ["Mobile", "Mobile Phone", "Mobile Number", "Cell", "Cell Phone", "Phone", "Phone Number", "Telephone",
                  "Tel", "Tel No", "Telephone Number", "Contact Number", "Primary Phone", "Home Phone", "Work Phone"]),
        (.email, ["Email", "E-mail", "Email Address", "E-mail Address", "Primary Email"]),
        (.source, ["Referral Source", "Source", "How did you hear about us", "How did you hear of us", "How did you hear",
                   "Heard about us", "Heard of us", "Lead Source", "Marketing Source", "Referral Type"]),
        (.referredBy, ["Referred By", "Referrer", "Referring Client", "Referring Patient"]),
        (.contact, ["Contact Consent", "OK to Contact", "May Contact", "Contact OK"]),
        (.newsletter, ["Accepts Email Marketing", "Accepted Email Marketing", "Marketing Emails", "Email Marketing",
                       "Accepts Marketing", "Marketing Opt In", "Newsletter", "Email Subscription Status"]),
        (.emailConsent, ["Email Consent", "Email OK", "Email Opt In"]),
        (.smsConsent, ["SMS Opt In", "Text Reminders", "SMS Consent", "Accepts SMS Marketing", "Accepted SMS Marketing",
                       "SMS Marketing", "Text OK", "SMS OK", "Text Opt In"]),
        (.postConsent, ["Post Consent", "Mail Consent", "Post OK"]),
        (.phoneConsent, ["Phone Consent", "Call Consent", "OK to Call"]),
        (.archived, ["Archived", "Deleted", "Inactive", "Archived At", "Deleted At", "Archived On", "Deleted On", "Is Archived"]),
        (.doNotContact, ["Do Not Contact", "DNC", "Opt Out", "Opted Out", "No Contact", "Contact Opt Out"]),
        (.unsubscribed, ["Unsubscribed", "Email Opt Out", "Email Unsubscribed", "Email Opted Out", "Unsubscribed From Email"]),
        (.noEmail, ["Do Not Email", "Do Not E-mail", "No Email", "No Emails"]),
        (.noSMS, ["Do Not Text", "Do Not SMS", "SMS Opt Out", "Text Opt Out", "SMS Opted Out", "Text Opted Out", "No SMS",
                  "No Texts", "No Text"]),
        (.noPhone, ["Do Not Call", "Do Not Phone", "Phone Opt Out", "Call Opt Out", "No Calls", "No Phone Calls"]),
        (.noPost, ["Do Not Mail", "Do Not Post", "Mail Opt Out", "Post Opt Out", "Postal Opt Out", "No Mail", "No Post"]),
        (.marketingOptOut, ["Marketing Opt Out", "Opted Out Of Marketing", "Marketing Opted Out", "Opt Out Of Marketing",
                            "Do Not Market"]),
        (.deceased, ["Deceased", "Is Deceased", "Deceased Date", "Date of Death", "Date Deceased"]),
        (.status, ["Status", "Client Status", "Patient Status", "Customer Status"]),
        (.statusReason, ["Status Reason", "Inactive Reason", "Archive Reason", "Reason"]),
        (.cadence, ["Usual Interval Days", "Cadence", "Visit Interval", "Rebook Interval", "Interval Days"]),
        (.visits, ["Total Visits", "Visit Count", "Number of Visits", "Visits", "Sessions", "Total Appointments",
                   "Appointment Count", "Number of Appointments"]),
        (.firstVisit, ["First Visit", "First Appointment", "First Visit Date", "First Appointment Date", "First Seen"]),
        (.lastVisit, ["Last Visit", "Last Appointment", "Last Seen", "Last Visit Date", "Last Appointment Date",
                      "Most Recent Visit", "Most Recent Appointment"]),
        (.added, ["Client Since", "Patient Since", "Customer Since", "Member Since", "Created", "Created At", "Date Added",
                  "Added", "Date Created", "Creation Date", "Created Date", "Registered"]),
        (.lastContacted, ["Last Contacted", "Last Contact", "Last Contacted At"]),
    ]

    /// Synonyms for `import appointments`: the client's name and ids as an appointment list writes them, then the
    /// appointment's own columns.
    public static let appointments: [(ImportField, [String])] = [
        (.client, ["Client Name", "Client", "Patient Name", "Patient", "Customer Name", "Customer", "Full Name", "Name"]),
        (.clientID, ["Client ID", "Patient ID", "Customer ID", "Client Number", "Patient Number"]),
        (.appointmentID, ["Appointment ID", "Booking ID", "Appointment Number", "Booking Reference"]),
        (.first, ["First Name", "Given Name", "Forename", "Client First Name", "Patient First Name"]),
        (.last, ["Last Name", "Surname", "Family Name", "Client Last Name", "Patient Last Name"]),
        (.email, ["Email", "E-mail", "Email Address", "Client Email", "Patient Email", "Customer Email"]),
        (.phone, ["Mobile", "Mobile Phone", "Mobile Number", "Cell", "Phone", "Phone Number", "Telephone", "Client Phone",
                  "Patient Phone", "Customer Phone"]),
        (.practitioner, ["Practitioner", "Practitioner Name", "Staff", "Staff Member", "Staff Name", "Therapist", "Provider",
                         "Clinician", "Calendar", "Employee", "Team Member", "Professional"]),
        (.date, ["Date", "Appointment Date", "Start Date", "Visit Date", "Session Date", "Date of Service", "Day"]),
        (.time, ["Time", "Appointment Time", "Time of Day"]),
        // "Start Time" holds a date and time in some exports (Acuity) and only the time in others (Jane): read as a
        // start, and as a time of day when every value is one and a date column is beside it (see ColumnMap).
        (.start, ["Start", "Starts At", "Start Time", "Appointment Start", "Start Date Time", "Date Time", "Date and Time",
                  "Scheduled For"]),
        (.end, ["End", "Ends At", "End Time", "Appointment End", "Finish", "Finish Time"]),
        (.minutes, ["Minutes", "Duration", "Duration Minutes", "Length", "Mins"]),
        (.status, ["Status", "Appointment Status", "State", "Outcome", "Attendance"]),
        (.noShow, ["No Show", "Did Not Arrive", "DNA", "Did Not Attend", "Missed"]),
        (.cancelled, ["Cancelled", "Canceled", "Cancelled At", "Canceled At", "Cancellation Date", "Is Cancelled"]),
        (.cancelledBy, ["Cancelled By", "Canceled By"]),
        (.late, ["Late Cancellation", "Late Cancel", "Late"]),
        (.bookedAt, ["Booked At", "Date Booked", "Booked On", "Booking Date", "Date Scheduled", "Created At", "Created"]),
        (.settledAt, ["Settled At"]),
    ]

    /// The field a header most likely means, and its rank among that field's synonyms (0 is most preferred).
    public static func field(for header: String, forAppointments: Bool) -> (field: ImportField, rank: Int)? {
        (forAppointments ? appointmentIndex : clientIndex)[HeaderKey.of(header)]
    }

    private static let clientIndex = index(clients)
    private static let appointmentIndex = index(appointments)

    private static func index(_ table: [(ImportField, [String])]) -> [String: (field: ImportField, rank: Int)] {
        var out: [String: (field: ImportField, rank: Int)] = [:]
        for (field, headers) in table {
            for (rank, h) in headers.enumerated() where out[HeaderKey.of(h)] == nil { out[HeaderKey.of(h)] = (field, rank) }
        }
        return out
    }
}

/// One header as compared with another: letters and digits only, in lower case, so `First Name`, `first_name`,
/// `FIRST-NAME` and `First name:` are one header, as are `How did you hear about us?` and `how did you hear about us`.
public enum HeaderKey {
    public static func of(_ header: String) -> String {
        String(String.UnicodeScalarView(header.lowercased().unicodeScalars.filter {
            $0.properties.isAlphabetic || $0.properties.numericType != nil
        }))
    }
}
