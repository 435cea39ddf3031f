import KeepwarmCore

/// A built-in mapping for one practice system's exports: which header means which field. Headers are compared by their
/// letters and digits only, so `First Name`, `first_name` and `First name:` are one header. Each system's source is
/// named above its preset and in Docs/import.md; where the source is silent, the synonyms (HeaderSynonyms) fill in.
public struct ImportPreset: Sendable {
    public let name: String
    public let system: String
    /// For each field, the headers that may hold it, most preferred first (the first non-empty one counts).
    public let clients: [(ImportField, [String])]
    public let appointments: [(ImportField, [String])]
    /// How the dry run names where a column's meaning came from: "cliniko preset", "saved map 'riverside'".
    public let label: String
    /// The built-in preset this one is, or (for a saved map) started from.
    public let base: String

    public init(name: String, system: String, clients: [(ImportField, [String])], appointments: [(ImportField, [String])],
                label: String? = nil, base: String? = nil) {
        self.name = name
        self.base = base ?? name
        self.system = system
        self.clients = clients
        self.appointments = appointments
        self.label = label ?? "\(name) preset"
    }

    public static let all: [ImportPreset] = [keepwarm, cliniko, jane, simplepractice, square, mindbody, acuity, fresha]

    /// A built-in preset by name (any case).
    public static func builtIn(_ name: String) -> ImportPreset? { all.first { $0.name == name.lowercased() } }

    public static func named(_ name: String) throws(ImportError) -> ImportPreset {
        guard let p = builtIn(name) else {
            throw ImportError("no preset '\(name)': use \(all.map(\.name).joined(separator: ", ")), or --map to name the columns yourself")
        }
        return p
    }

    /// A built-in preset, else a map saved with `--save-map` in `maps` (the per-user maps folder).
    public static func named(_ name: String, savedIn maps: String, forAppointments: Bool) throws(ImportError) -> ImportPreset {
        if let p = builtIn(name) { return p }
        if let saved = try SavedMap.load(name, in: maps) { return try saved.preset(forAppointments: forAppointments) }
        throw ImportError("no preset or saved map '\(name)': use \(all.map(\.name).joined(separator: ", ")), a map saved with --save-map, or --map to name the columns yourself")
    }

    /// Keepwarm's own exports (`keepwarm export clients|appointments`, Sources/KeepwarmCore/Export/ClientsCSV.swift
    /// and AppointmentsCSV.swift), and the field names themselves: the default when no preset is given.
    public static let keepwarm = ImportPreset(
        name: "keepwarm", system: "Keepwarm's own exports and field names",
        clients: ImportField.clientFields.filter { $0 != .ignore }.map { ($0, [$0.rawValue]) } + [
            (.referredBy, ["referred by"]), (.statusReason, ["status reason"]), (.contact, ["contact consent"]),
            (.emailConsent, ["email consent"]), (.smsConsent, ["sms consent"]), (.postConsent, ["post consent"]),
            (.phoneConsent, ["phone consent"]), (.visits, ["sessions"]), (.firstVisit, ["first visit"]),
            (.lastVisit, ["last visit"]), (.lastContacted, ["last contacted"]), (.cadence, ["usual interval days"]),
            (.first, ["given name"]), (.consentRecorded, ["consent recorded"]),
            // Counted again from the appointments file, or worked out by the rules: not read from the client list.
            (.ignore, ["no-shows", "cancellations", "next booking"]),
        ],
        appointments: ImportField.appointmentFields.filter { $0 != .ignore && $0 != .clientID }.map { ($0, [$0.rawValue]) } + [
            (.clientID, ["client-id", "client id"]), (.client, ["client name"]), (.cancelledBy, ["cancelled by"]),
            (.late, ["late cancellation"]), (.bookedAt, ["booked at"]), (.settledAt, ["settled at"]),
            // The appointment's own id in the log it came from: it tells two appointments in one slot apart; the log it
            // goes into gives each a new one.
            (.appointmentID, ["id"]),
        ])

    /// Cliniko's data export (Settings › Data exports: Patients-Cliniko-YYYYMMDD.csv and the appointments export),
    /// whose headers are words ("Patient ID", "First Name", "Unapplied Account Credit", see
    /// https://help.cliniko.com/reporting/patient-reports/see-which-patients-have-account-credit); its consent and
    /// archive fields follow the patient record (https://docs.api.cliniko.com/openapi/reference/tag/Patient). The
    /// API's snake_case names (`first_name`, `accepted_email_marketing`) are accepted too, for files built from the API.
    public static let cliniko = ImportPreset(
        name: "cliniko", system: "Cliniko",
        clients: [
            (.id, ["Patient ID", "id"]), (.first, ["First Name"]), (.last, ["Last Name"]), (.email, ["Email"]),
            (.phone, ["Mobile", "Mobile Phone", "Phone", "Home", "Home Phone", "Work", "Work Phone"]),
            (.source, ["Referral Source"]),
            (.newsletter, ["Accepts Email Marketing", "Accepted Email Marketing"]),
            (.smsConsent, ["Accepts SMS Marketing", "Accepted SMS Marketing"]),
            (.archived, ["Archived At", "Archived", "Deleted At", "Deleted"]),
            (.added, ["Created At", "Created"]), (.lastVisit, ["Last Appointment", "Last Appointment Date"]),
            (.firstVisit, ["First Appointment", "First Appointment Date"]),
        ],
        appointments: [
            (.clientID, ["Patient ID"]), (.client, ["Patient", "Patient Name"]),
            (.first, ["Patient First Name"]), (.last, ["Patient Last Name"]),
            (.email, ["Patient Email", "Email"]), (.phone, ["Patient Mobile", "Patient Phone", "Mobile"]),
            (.practitioner, ["Practitioner", "Practitioner Name"]),
            (.start, ["Appointment Start", "Starts At", "Start Time"]), (.end, ["Appointment End", "Ends At", "End Time"]),
            (.noShow, ["Did Not Arrive"]), (.cancelled, ["Cancelled At", "Cancellation Time"]),
            (.bookedAt, ["Created At", "Booked At"]),
            (.ignore, ["Appointment ID", "ID"]),
        ])

    /// Jane App's Patient List and Appointments report (Reports › Patients / Appointments). Jane's guide says these two
    /// are the files that carry patients and appointments to another account
    /// (https://jane.app/guide/jane-to-jane-chart-transfer-data-transfers) but does not list their headers: these are
    /// the headers the reports show on screen, and the synonyms fill the rest.
    public static let jane = ImportPreset(
        name: "jane", system: "Jane App",
        clients: [
            (.id, ["Patient ID", "Patient Number"]), (.first, ["First Name"]), (.last, ["Last Name"]), (.email, ["Email"]),
            (.phone, ["Mobile Phone", "Home Phone", "Work Phone"]), (.source, ["Referral Source"]),
            (.referredBy, ["Referred By"]), (.newsletter, ["Email Marketing"]),
        ],
        appointments: [
            (.client, ["Patient", "Patient Name"]), (.email, ["Patient Email", "Email"]), (.phone, ["Patient Phone", "Mobile Phone"]),
            (.practitioner, ["Staff Member", "Practitioner"]), (.date, ["Start Date", "Date"]), (.time, ["Start Time"]),
            (.end, ["End Time"]), (.minutes, ["Duration"]), (.status, ["State", "Status"]),
        ])

    /// SimplePractice's client list and appointment status report. Its help centre names the client fields
    /// ("Legal first name", "Legal last name", client status Active/Inactive/Prospective/Archived,
    /// https://support.simplepractice.com/hc/en-us/articles/360049778071-Editing-a-client-s-information-) but not the
    /// export's headers; the appointment headers ("Date of Service", "Clinician", status "Show") are the report's columns.
    public static let simplepractice = ImportPreset(
        name: "simplepractice", system: "SimplePractice",
        clients: [
            (.id, ["Client ID"]), (.first, ["First Name", "Legal First Name"]), (.last, ["Last Name", "Legal Last Name"]),
            (.name, ["Client", "Client Name"]), (.email, ["Email", "Email Address"]),
            (.phone, ["Mobile Phone", "Phone", "Phone Number", "Home Phone", "Work Phone"]),
            (.status, ["Status", "Client Status"]), (.added, ["Date Added", "Created"]),
        ],
        appointments: [
            (.client, ["Client", "Client Name"]), (.practitioner, ["Clinician", "Provider"]),
            (.date, ["Date of Service", "Date"]), (.time, ["Time", "Start Time"]), (.minutes, ["Duration"]),
            (.status, ["Status", "Appointment Status"]),
        ])

    /// Square's customer directory export (Customers › Directory › Import/Export › Export customers). Square's help
    /// names its opt-out columns, "Email Subscription Status" (Subscribed, Unsubscribed, Unknown) and the older "Email
    /// Unsubscribed" (True) (https://squareup.com/help/gb/en/article/6149-manage-unsubscribed-customers,
    /// https://squareup.com/help/us/en/article/6149-manage-unsubscribed-customers); the other headers are the
    /// export's ("Square Customer ID", "First Visit", "Last Visit", "Transaction Count"). Square documents no
    /// appointments export: the synonyms read one.
    public static let square = ImportPreset(
        name: "square", system: "Square",
        clients: [
            (.id, ["Square Customer ID", "Reference ID"]), (.first, ["First Name", "Given Name"]),
            (.last, ["Last Name", "Family Name", "Surname"]), (.email, ["Email Address", "Email"]),
            (.phone, ["Phone Number", "Phone"]), (.newsletter, ["Email Subscription Status"]),
            (.unsubscribed, ["Email Unsubscribed"]), (.firstVisit, ["First Visit"]), (.lastVisit, ["Last Visit"]),
            // Square counts payments; for a practice that takes one payment a session, that is the visits.
            (.visits, ["Transaction Count"]), (.added, ["Creation Date", "Created"]),
        ],
        appointments: [])

    /// Mindbody's client export. Mindbody's training pages name the client profile's fields ("ID", "First Name",
    /// "Last Name", https://mindbody.exceedlms.com/student/page/535923-client-profile-overview) and its API the rest
    /// (Email, MobilePhone, HomePhone, Status, CreationDate, FirstAppointmentDate,
    /// https://schemas.apis.io/schemas/mindbody/public-api-v6-client/); the export's own headers are not documented.
    /// Its "Referred By" is a referral type chosen from a list (a source, not a client). The rows above the header and
    /// the "Total records" footer Mindbody adds are the file reader's business.
    public static let mindbody = ImportPreset(
        name: "mindbody", system: "Mindbody",
        clients: [
            (.id, ["Client ID", "ID", "Unique ID"]), (.first, ["First Name"]), (.last, ["Last Name"]), (.email, ["Email"]),
            (.phone, ["Mobile Phone", "Cell Phone", "Home Phone", "Work Phone"]), (.status, ["Status"]),
            (.source, ["Referred By", "Referral Type"]), (.added, ["Creation Date", "Date Created"]),
            (.firstVisit, ["First Appointment Date", "First Visit"]), (.lastVisit, ["Last Visit", "Last Visit Date"]),
        ],
        appointments: [
            (.clientID, ["Client ID"]), (.client, ["Client", "Client Name"]), (.practitioner, ["Staff", "Staff Name"]),
            (.date, ["Date", "Appointment Date"]), (.time, ["Start Time", "Time"]), (.end, ["End Time"]),
            (.minutes, ["Duration"]), (.status, ["Status"]),
        ])

    /// Acuity Scheduling's appointments export (Reports › Export) and client list export. Acuity's help documents
    /// what an appointment row holds, client's name, start, end or duration, type, calendar, phone and email
    /// (https://help.acuityscheduling.com/hc/en-us/articles/360023934112-Importing-and-Exporting-Appointments-and-Clients);
    /// the headers are the export's ("Start Time" holds the date and the time, "Calendar" is the practitioner,
    /// "Date Scheduled" when it was booked).
    public static let acuity = ImportPreset(
        name: "acuity", system: "Acuity Scheduling",
        clients: [
            (.first, ["First Name"]), (.last, ["Last Name"]), (.phone, ["Phone"]), (.email, ["Email"]),
        ],
        appointments: [
            (.first, ["First Name"]), (.last, ["Last Name"]), (.phone, ["Phone"]), (.email, ["Email"]),
            (.practitioner, ["Calendar"]), (.start, ["Start Time"]), (.end, ["End Time"]), (.minutes, ["Duration"]),
            (.bookedAt, ["Date Scheduled"]), (.status, ["Status"]), (.ignore, ["Appointment ID"]),
        ])

    /// Fresha's client list export (Clients › Options › Export). Fresha's help names the client details, name, email,
    /// mobile, marketing notifications and blocked clients
    /// (https://support.fresha.com/hc/en-us/articles/17331475758098-Manage-and-edit-client-details), not the export's
    /// headers. A "Blocked" client is blocked from booking online, which says nothing about contact, so it is not
    /// read. Fresha documents no appointments export headers: the synonyms read one.
    public static let fresha = ImportPreset(
        name: "fresha", system: "Fresha",
        clients: [
            (.id, ["Client ID"]), (.first, ["First Name"]), (.last, ["Last Name"]), (.name, ["Full Name"]),
            (.phone, ["Mobile Number", "Mobile", "Telephone"]), (.email, ["Email"]),
            (.newsletter, ["Accepts Marketing", "Accepts Email Marketing"]), (.smsConsent, ["Accepts SMS Marketing"]),
            (.added, ["Added", "Created Date"]), (.source, ["Referral Source"]),
        ],
        appointments: [])

    public func entries(forAppointments: Bool) -> [(ImportField, [String])] { forAppointments ? appointments : clients }
}
