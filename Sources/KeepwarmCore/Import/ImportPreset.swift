import KeepwarmCore

/// A built-in mapping for one practice system's exports: which header means which field. Headers are compared without
/// regard to case, spaces, `_` or `-`, so `First Name` and `first_name` are one header.
public struct ImportPreset: Sendable {
    public let name: String
    public let system: String
    /// For each field, the headers that may hold it, most preferred first (the first non-empty one counts).
    public let clients: [(ImportField, [String])]
    public let appointments: [(ImportField, [String])]

    public static let all: [ImportPreset] = [keepwarm, cliniko, jane]

    public static func named(_ name: String) throws(ImportError) -> ImportPreset {
        guard let p = all.first(where: { $0.name == name.lowercased() }) else {
            throw ImportError("no preset '\(name)': use \(all.map(\.name).joined(separator: ", ")), or --map to name the columns yourself")
        }
        return p
    }

    /// Headers named after the fields themselves: the default when no preset is given.
    public static let keepwarm = ImportPreset(
        name: "keepwarm", system: "Keepwarm's own field names",
        clients: ImportField.clientFields.filter { $0 != .ignore }.map { ($0, [$0.rawValue] + KeepwarmExportHeaders.clients[$0, default: []]) },
        appointments: ImportField.appointmentFields.filter { $0 != .ignore }.map { ($0, [$0.rawValue]) })

    /// Cliniko's patient and appointment exports, with its field names as the headers.
    public static let cliniko = ImportPreset(
        name: "cliniko", system: "Cliniko",
        clients: [
            (.first, ["first_name"]), (.last, ["last_name"]), (.email, ["email"]),
            (.phone, ["mobile", "mobile_phone", "phone", "home", "home_phone", "work", "work_phone"]),
            (.source, ["referral_source"]), (.newsletter, ["accepted_email_marketing"]),
        ],
        appointments: [
            (.first, ["patient_first_name"]), (.last, ["patient_last_name"]), (.client, ["patient_name", "patient"]),
            (.email, ["patient_email", "email"]), (.phone, ["patient_mobile", "patient_phone", "mobile"]),
            (.practitioner, ["practitioner_name", "practitioner"]), (.start, ["starts_at", "appointment_start"]),
            (.end, ["ends_at", "appointment_end"]), (.noShow, ["did_not_arrive"]), (.cancelled, ["cancelled_at"]),
        ])

    /// Jane App's patient list and appointments report.
    public static let jane = ImportPreset(
        name: "jane", system: "Jane App",
        clients: [
            (.first, ["First Name"]), (.last, ["Last Name"]), (.email, ["Email"]),
            (.phone, ["Mobile Phone", "Home Phone", "Work Phone"]), (.source, ["Referral Source", "Referred By"]),
            (.newsletter, ["Email Marketing"]),
        ],
        appointments: [
            (.client, ["Patient", "Patient Name"]), (.email, ["Patient Email", "Email"]), (.phone, ["Patient Phone", "Mobile Phone"]),
            (.practitioner, ["Staff Member", "Practitioner"]), (.date, ["Start Date", "Date"]), (.time, ["Start Time"]),
            (.end, ["End Time"]), (.minutes, ["Duration"]), (.status, ["State", "Status"]),
        ])

    public func entries(forAppointments: Bool) -> [(ImportField, [String])] { forAppointments ? appointments : clients }
}
