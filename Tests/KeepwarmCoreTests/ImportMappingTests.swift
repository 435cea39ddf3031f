import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// A header row (and one row of values, which the start/time rule reads) as a table.
private func table(_ header: String, _ values: String? = nil) throws -> CSVTable {
    let width = header.split(separator: ",", omittingEmptySubsequences: false).count
    let row = values ?? Array(repeating: "x", count: width).joined(separator: ",")
    return try CSVTable.parse(Array("\(header)\n\(row)\n".utf8), file: "export.csv")
}

/// Each header of the table and the field it is read as (nil: not imported).
private func fields(_ t: CSVTable, _ preset: ImportPreset, appointments: Bool = false, map: String? = nil) throws -> [String: String?] {
    let m = try ColumnMap.make(t, preset: preset, map: map, forAppointments: appointments)
    var out: [String: String?] = [:]
    for (i, h) in t.header.enumerated() {
        // updateValue, not a subscript: assigning nil through one would drop the column instead of recording it.
        out.updateValue(ImportField.allCases.first { (m.columns[$0] ?? []).contains(i) }?.rawValue, forKey: h)
    }
    return out
}

@Suite struct ImportMappingTests {
    // MARK: presets, from each system's documented (or shown) export headers

    /// Cliniko's data export, Patients-Cliniko-YYYYMMDD.csv: word headers ("Unapplied Account Credit", column AL, from
    /// https://help.cliniko.com/reporting/patient-reports/see-which-patients-have-account-credit), the patient record's
    /// consent and archive fields (https://docs.api.cliniko.com/openapi/reference/tag/Patient).
    @Test func clinikoDataExportPatients() throws {
        let t = try table("Patient ID,Title,First Name,Last Name,Preferred First Name,Date of Birth,Email,Mobile,Home Phone,"
            + "Referral Source,Accepts Email Marketing,Accepts SMS Marketing,Archived At,Created At,Last Appointment,Unapplied Account Credit")
        #expect(try fields(t, .cliniko) == [
            "Patient ID": "id", "Title": nil, "First Name": "first", "Last Name": "last", "Preferred First Name": nil,
            "Date of Birth": nil, "Email": "email", "Mobile": "phone", "Home Phone": "phone", "Referral Source": "source",
            "Accepts Email Marketing": "newsletter", "Accepts SMS Marketing": "sms-consent", "Archived At": "archived",
            "Created At": "added", "Last Appointment": "last-visit", "Unapplied Account Credit": nil,
        ])
    }

    /// The API's snake_case names (https://docs.api.cliniko.com/openapi/reference/tag/Patient), which the preset
    /// read before: still read, field for field.
    @Test func clinikoAPINamesAreStillRead() throws {
        let t = try table("id,first_name,last_name,email,mobile,home,referral_source,accepted_email_marketing,archived_at,deleted_at")
        #expect(try fields(t, .cliniko) == [
            "id": "id", "first_name": "first", "last_name": "last", "email": "email", "mobile": "phone", "home": "phone",
            "referral_source": "source", "accepted_email_marketing": "newsletter", "archived_at": "archived",
            "deleted_at": "archived",
        ])
        let a = try table("starts_at,ends_at,patient_name,patient_email,practitioner_name,did_not_arrive,cancelled_at")
        #expect(try fields(a, .cliniko, appointments: true) == [
            "starts_at": "start", "ends_at": "end", "patient_name": "client", "patient_email": "email",
            "practitioner_name": "practitioner", "did_not_arrive": "no-show", "cancelled_at": "cancelled",
        ])
    }

    /// Cliniko's appointments data export, with the patient's id that the patients file also carries.
    @Test func clinikoDataExportAppointments() throws {
        let t = try table("Appointment ID,Patient ID,Patient Name,Practitioner,Appointment Start,Appointment End,Did Not Arrive,Cancelled At,Created At",
                          "9,101,Ada Lovelace,Anna Okafor,2026-08-03T09:00:00Z,2026-08-03T10:00:00Z,,,2026-07-01T10:00:00Z")
        #expect(try fields(t, .cliniko, appointments: true) == [
            "Appointment ID": nil, "Patient ID": "client-id", "Patient Name": "client", "Practitioner": "practitioner",
            "Appointment Start": "start", "Appointment End": "end", "Did Not Arrive": "no-show", "Cancelled At": "cancelled",
            "Created At": "booked-at",
        ])
    }

    /// Jane's Patient List and Appointments report (https://jane.app/guide/jane-to-jane-chart-transfer-data-transfers
    /// names the files, not their headers): the report's headers, and a "Last Visit" the synonyms read.
    @Test func janePatientListAndAppointments() throws {
        let t = try table("First Name,Last Name,Email,Mobile Phone,Home Phone,Referral Source,Email Marketing,Last Visit")
        #expect(try fields(t, .jane) == [
            "First Name": "first", "Last Name": "last", "Email": "email", "Mobile Phone": "phone", "Home Phone": "phone",
            "Referral Source": "source", "Email Marketing": "newsletter", "Last Visit": "last-visit",
        ])
        let a = try table("Start Date,Start Time,End Time,Patient,Staff Member,State,Duration",
                          "2026-03-07,09:30,10:30,Ada Lovelace,Anna Okafor,Arrived,60")
        #expect(try fields(a, .jane, appointments: true) == [
            "Start Date": "date", "Start Time": "time", "End Time": "end", "Patient": "client",
            "Staff Member": "practitioner", "State": "status", "Duration": "minutes",
        ])
    }

    /// SimplePractice's client fields (https://support.simplepractice.com/hc/en-us/articles/360049778071) and its
    /// appointment status report's columns.
    @Test func simplePracticeClientsAndAppointments() throws {
        let t = try table("Client,Legal First Name,Legal Last Name,Email,Phone,Status,Date Added,Date of Birth")
        #expect(try fields(t, .simplepractice) == [
            "Client": "name", "Legal First Name": "first", "Legal Last Name": "last", "Email": "email", "Phone": "phone",
            "Status": "status", "Date Added": "added", "Date of Birth": nil,
        ])
        let a = try table("Date of Service,Time,Client,Clinician,Billing Code,Status",
                          "03/07/2026,9:30 AM,Ada Lovelace,Anna Okafor,90837,Show")
        #expect(try fields(a, .simplepractice, appointments: true) == [
            "Date of Service": "date", "Time": "time", "Client": "client", "Clinician": "practitioner",
            "Billing Code": nil, "Status": "status",
        ])
    }

    /// Square's customer export; the opt-out columns as https://squareup.com/help/gb/en/article/6149 names them.
    @Test func squareCustomerExport() throws {
        let t = try table("Reference ID,First Name,Last Name,Email Address,Phone Number,Nickname,Company Name,Birthday,Memo,"
            + "Square Customer ID,Creation Source,First Visit,Last Visit,Transaction Count,Lifetime Spend,Email Subscription Status,Instant Profile")
        #expect(try fields(t, .square) == [
            "Reference ID": "id", "First Name": "first", "Last Name": "last", "Email Address": "email",
            "Phone Number": "phone", "Nickname": nil, "Company Name": nil, "Birthday": nil, "Memo": nil,
            "Square Customer ID": "id", "Creation Source": nil, "First Visit": "first-visit", "Last Visit": "last-visit",
            "Transaction Count": "visits", "Lifetime Spend": nil, "Email Subscription Status": "newsletter",
            "Instant Profile": nil,
        ])
        let m = try ColumnMap.make(t, preset: .square, map: nil, forAppointments: false)
        #expect(m.columns[.id] == [9, 0], "Square's own id first, the practice's reference where it is empty")
        let old = try table("First Name,Last Name,Email Address,Email Unsubscribed")
        #expect(try fields(old, .square)["Email Unsubscribed"] == "unsubscribed")
    }

    /// Mindbody's client profile fields (https://mindbody.exceedlms.com/student/page/535923-client-profile-overview)
    /// and API names (https://schemas.apis.io/schemas/mindbody/public-api-v6-client/).
    @Test func mindbodyClients() throws {
        let t = try table("Client ID,First Name,Last Name,Email,Mobile Phone,Home Phone,Status,Referred By,Creation Date,"
            + "First Appointment Date,Last Visit,Birth Date")
        #expect(try fields(t, .mindbody) == [
            "Client ID": "id", "First Name": "first", "Last Name": "last", "Email": "email", "Mobile Phone": "phone",
            "Home Phone": "phone", "Status": "status", "Referred By": "source", "Creation Date": "added",
            "First Appointment Date": "first-visit", "Last Visit": "last-visit", "Birth Date": nil,
        ])
    }

    /// Acuity's appointments export (what a row holds:
    /// https://help.acuityscheduling.com/hc/en-us/articles/360023934112): "Start Time" holds the date too, so it is the start.
    @Test func acuityAppointments() throws {
        let t = try table("Start Time,End Time,First Name,Last Name,Phone,Email,Type,Calendar,Appointment Price,Paid?,Notes,Date Scheduled,Appointment ID",
                          "2026-03-07 09:30,2026-03-07 10:30,Ada,Lovelace,07700 900123,ada@example.com,Massage,Anna Okafor,60,yes,,2026-03-01 12:00,77")
        #expect(try fields(t, .acuity, appointments: true) == [
            "Start Time": "start", "End Time": "end", "First Name": "first", "Last Name": "last", "Phone": "phone",
            "Email": "email", "Type": nil, "Calendar": "practitioner", "Appointment Price": nil, "Paid?": nil,
            "Notes": nil, "Date Scheduled": "booked-at", "Appointment ID": nil,
        ])
    }

    /// Fresha's client details (https://support.fresha.com/hc/en-us/articles/17331475758098): "Blocked" is about online
    /// booking, not contact, and is not read.
    @Test func freshaClients() throws {
        let t = try table("Client ID,First Name,Last Name,Full Name,Mobile Number,Telephone,Email,Accepts Marketing,"
            + "Accepts SMS Marketing,Blocked,Added,Referral Source")
        #expect(try fields(t, .fresha) == [
            "Client ID": "id", "First Name": "first", "Last Name": "last", "Full Name": "name", "Mobile Number": "phone",
            "Telephone": "phone", "Email": "email", "Accepts Marketing": "newsletter", "Accepts SMS Marketing": "sms-consent",
            "Blocked": nil, "Added": "added", "Referral Source": "source",
        ])
    }

    /// Keepwarm's own exports, by their real headers, are read back without a preset: every column that carries
    /// something the log keeps is read (the counts worked out by the rules are not).
    @Test func keepwarmsOwnExportsAreReadByDefault() throws {
        let t = try table(ClientsCSV.header.joined(separator: ","))
        #expect(try fields(t, .keepwarm) == [
            "id": "id", "name": "name", "phone": "phone", "email": "email", "source": "source", "referred by": "referred-by",
            "status": "status", "status reason": "status-reason", "contact consent": "contact", "newsletter": "newsletter",
            "consent recorded": "consent-recorded", "sessions": "visits", "no-shows": nil, "cancellations": nil, "first visit": "first-visit",
            "last visit": "last-visit", "next booking": nil, "added": "added", "last contacted": "last-contacted",
            "usual interval days": "cadence", "email consent": "email-consent", "sms consent": "sms-consent",
            "post consent": "post-consent", "phone consent": "phone-consent", "given name": "first",
        ])
        let withConsent = try table("id,name,email consent,sms consent,post consent,phone consent")
        #expect(try fields(withConsent, .keepwarm) == [
            "id": "id", "name": "name", "email consent": "email-consent", "sms consent": "sms-consent",
            "post consent": "post-consent", "phone consent": "phone-consent",
        ])
        let a = try table(AppointmentsCSV.header.joined(separator: ","),
                          "a1,c1,Ada Lovelace,Anna Okafor,2026-11-24,10:00,11:00,60,attended,,,2026-11-01 09:00,2026-11-24 11:00")
        #expect(try fields(a, .keepwarm, appointments: true) == [
            "id": "appointment-id", "client id": "client-id", "client name": "client", "practitioner": "practitioner", "date": "date",
            "start": "time", "end": "end", "minutes": "minutes", "status": "status", "cancelled by": "cancelled-by",
            "late cancellation": "late", "booked at": "booked-at", "settled at": "settled-at",
        ])
    }

    // MARK: synonyms

    @Test func synonymsReadASpreadsheetWithoutAPresetWhateverItsCaseSpacingAndPunctuation() throws {
        let t = try table("Given Name,SURNAME,Cell,E-mail,Do Not Contact?,unsubscribed:,SMS_Opt_In,Last Seen,Visit Count,"
            + "Client Since,How did you hear about us?,Referred By,Archived,Favourite colour")
        #expect(try fields(t, .keepwarm) == [
            "Given Name": "first", "SURNAME": "last", "Cell": "phone", "E-mail": "email", "Do Not Contact?": "do-not-contact",
            "unsubscribed:": "unsubscribed", "SMS_Opt_In": "sms-consent", "Last Seen": "last-visit", "Visit Count": "visits",
            "Client Since": "added", "How did you hear about us?": "source", "Referred By": "referred-by",
            "Archived": "archived", "Favourite colour": nil,
        ])
        let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: false)
        // "Given Name" is also the keepwarm preset's own header for its clients export's given name; SURNAME is a synonym.
        #expect(m.origins[0] == "keepwarm preset" && m.origins[1] == "synonym")
        #expect(m.unused == ["Favourite colour"])
    }

    @Test func theSameHeaderMeansTheClientForAppointmentsAndTheNameForClients() throws {
        let header = "Customer Name,Customer ID,Therapist,Appointment Date,Start Time,Duration,Appointment Status"
        let a = try table(header, "Ada Lovelace,101,Anna Okafor,07/03/2026,09:30,60,Completed")
        #expect(try fields(a, .keepwarm, appointments: true) == [
            "Customer Name": "client", "Customer ID": "client-id", "Therapist": "practitioner", "Appointment Date": "date",
            "Start Time": "time", "Duration": "minutes", "Appointment Status": "status",
        ])
        let c = try table("Customer Name,Customer ID")
        #expect(try fields(c, .keepwarm) == ["Customer Name": "name", "Customer ID": "id"])
    }

    @Test func synonymsFillOnlyWhatThePresetLeftAndMapOverridesThem() throws {
        // Jane's preset reads "Mobile Phone" as the phone: "Telephone" is not added to it, "Last Visit" (no preset
        // column) is read by synonym, and --map says what "Client" is whatever the synonyms thought.
        let t = try table("First Name,Mobile Phone,Telephone,Last Visit,Client")
        let m = try ColumnMap.make(t, preset: .jane, map: "Client=ignore", forAppointments: false)
        #expect(m.columns[.phone] == [1])
        #expect(m.columns[.lastVisit] == [3])
        #expect(m.columns[.name] == nil)
        #expect(m.unused == ["Telephone", "Client"])
        #expect(m.origins == [0: "jane preset", 1: "jane preset", 3: "synonym"])
        let named = try ColumnMap.make(t, preset: .jane, map: "Telephone=phone", forAppointments: false)
        #expect(named.columns[.phone] == [2])
        #expect(named.origins[2] == "--map")
    }

    /// A start column beside a date column is the time of day only when every value is one: a full date and time
    /// stays the start, and a column named in --map keeps the meaning --map gave it.
    @Test func aStartColumnIsTheTimeOfDayOnlyWhenItHoldsOnlyTimes() throws {
        let times = try table("Date,Start,Client", "2026-03-07,9:30 AM,Ada Lovelace")
        let t = try ColumnMap.make(times, preset: .keepwarm, map: nil, forAppointments: true)
        #expect(t.columns[.time] == [1] && t.columns[.start] == nil)
        #expect(t.origins[1] == "keepwarm preset; times of day, on the date column's day")
        let full = try table("Date,Start,Client", "2026-03-07,2026-03-07 09:30,Ada Lovelace")
        #expect(try ColumnMap.make(full, preset: .keepwarm, map: nil, forAppointments: true).columns[.start] == [1])
        #expect(try ColumnMap.make(times, preset: .keepwarm, map: "Start=start", forAppointments: true).columns[.start] == [1])
    }

    // MARK: ambiguity

    /// Two columns that each could be the name: the synonym table's order decides ("Full Name" before "Client Name",
    /// wherever they are in the file); the other is read only where the first is empty, and the dry run says so.
    @Test func twoColumnsClaimingOneFieldAreReadInTheStatedOrderAndShown() throws {
        let t = try CSVTable.parse(Array("Client Name,Full Name,Telephone,Mobile\nAda L,Ada Lovelace,01632 960001,07700 900123\nGrace Hopper,,01632 960002,\n".utf8),
                                   file: "export.csv")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: false)
        #expect(m.columns[.name] == [1, 0])
        #expect(m.columns[.phone] == [3, 2])
        #expect(m.value(.name, in: t.rows[0]) == "Ada Lovelace")
        #expect(m.value(.name, in: t.rows[1]) == "Grace Hopper")
        #expect(m.value(.phone, in: t.rows[1]) == "01632 960002")
        let plan = ClientImport.plan(t, map: m, practice: Practice(), by: "test", at: Instant(ms: 0))
        #expect(ImportReport(plan: plan, map: m, table: t).mappingLines() == [
            "  columns (correct with --map \"Column=field\"; keep for the next file with --save-map NAME):",
            "    Client Name → name   (synonym; read where 'Full Name' is empty)",
            "    Full Name   → name   (synonym)",
            "    Telephone   → phone  (synonym; read where 'Mobile' is empty)",
            "    Mobile      → phone  (synonym)",
        ])
    }

    @Test func theMappingShowsEachColumnsOriginAndWhatIsNotImported() throws {
        let t = try table("Patient ID,First Name,Tel,DOB,Total Visits,\u{1B}[31mEvil")
        let m = try ColumnMap.make(t, preset: .cliniko, map: "Tel=phone", forAppointments: false)
        let plan = ClientImport.plan(t, map: m, practice: Practice(), by: "test", at: Instant(ms: 0))
        let lines = ImportReport(plan: plan, map: m, table: t).mappingLines()
        #expect(lines.dropFirst() == [
            "    Patient ID   → id      (cliniko preset)",
            "    First Name   → first   (cliniko preset)",
            "    Tel          → phone   (--map)",
            "    DOB            not imported",
            "    Total Visits → visits  (synonym)",
            "    ␛[31mEvil      not imported",
        ])
    }

    // MARK: saved maps

    @Test func aSavedMapIsReadBackAsAPresetThatStartsFromItsPreset() throws {
        let dir = TempDir()
        let maps = dir.file("maps")
        let t = try table("Patient ID,Given,Tel,DOB,Notes=Private")
        let m = try ColumnMap.make(t, preset: .cliniko, map: "Given=first,Tel=phone", forAppointments: false)
        let saved = SavedMap(name: "riverside", table: t, map: m, base: "cliniko", forAppointments: false)
        let path = try saved.save(in: maps)
        #expect(path == maps + "/riverside.map")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasSuffix("# for: clients\n# preset: cliniko\nPatient ID=id\nGiven=first\nTel=phone\nDOB=ignore\nNotes=Private=ignore\n"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: maps) == ["riverside.map"], "no temporary file is left")

        let loaded = try #require(try SavedMap.load("riverside", in: maps))
        #expect(loaded == saved)
        let preset = try ImportPreset.named("riverside", savedIn: maps, forAppointments: false)
        #expect(preset.label == "saved map 'riverside'" && preset.base == "cliniko")
        // The next file: the saved columns, plus a column the Cliniko preset knows that the first file did not have.
        let next = try table("Patient ID,Given,Tel,DOB,Last Name")
        #expect(try fields(next, preset) == ["Patient ID": "id", "Given": "first", "Tel": "phone", "DOB": nil, "Last Name": "last"])
        #expect(throws: ImportError.self) { _ = try ImportPreset.named("riverside", savedIn: maps, forAppointments: true) }
        #expect(try SavedMap.load("other", in: maps) == nil)
    }

    /// A header with a line break, or starting with `#`, is saved as a line that still finds its column; one with no
    /// letter or digit cannot be found again and is left out (the CLI says so).
    @Test func awkwardHeadersAreSavedSoTheyStillFindTheirColumn() throws {
        let dir = TempDir()
        let t = try CSVTable.parse(Array("Name,\"# Total\nVisits\",???\nAda,3,x\n".utf8), file: "export.csv")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: "Total Visits=visits", forAppointments: false)
        let saved = SavedMap(name: "odd", table: t, map: m, base: "keepwarm", forAppointments: false)
        #expect(saved.entries.map(\.column) == ["Name", "Total Visits"])
        #expect(saved.leftOut == ["???"])
        try saved.save(in: dir.path)
        let again = try ColumnMap.make(t, preset: try ImportPreset.named("odd", savedIn: dir.path, forAppointments: false),
                                       map: nil, forAppointments: false)
        #expect(again.value(.visits, in: t.rows[0]) == "3")
    }

    @Test func aMapCannotReplaceABuiltInPresetOrHaveAnAwkwardName() {
        func refusal(_ name: String) -> String? {
            do { try SavedMap.checkName(name) } catch { return error.message }
            return nil
        }
        #expect(refusal("cliniko") == "--save-map: 'cliniko' is a built-in preset and can't be replaced; save the map under another name, as in --save-map cliniko-mine")
        #expect(refusal("Jane") != nil)
        #expect(refusal("../x")?.hasPrefix("--save-map: '../x' can't be a map's name") == true)
        #expect(refusal("riverside_cliniko-2") == nil)
    }

    @Test func aDamagedSavedMapSaysWhereAndWhat() throws {
        let dir = TempDir()
        try "# for: clients\n# preset: cliniko\nGiven=first\nTel=telephone\n".write(toFile: dir.file("bad.map"), atomically: true, encoding: .utf8)
        #expect(throws: ImportError("\(dir.file("bad.map")):4:5: 'telephone' is not a field; use one of \(ImportField.allCases.map(\.rawValue).joined(separator: ", "))")) {
            _ = try SavedMap.load("bad", in: dir.path)
        }
    }
}
