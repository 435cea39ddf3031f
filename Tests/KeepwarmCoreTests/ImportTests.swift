import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// A Cliniko-shaped patient export: snake_case headers, several phone columns, a date of birth that must not be kept.
/// Row 4 repeats row 2 without an id of its own (rows the other system keeps under two ids are two records there,
/// and both come in: ClientImportTests).
private let clinikoPatients = """
    id,first_name,last_name,date_of_birth,email,mobile,home,referral_source,accepted_email_marketing,address_1
    101,Ada,Lovelace,1815-12-10,ada@example.com,07700 900123,01632 960001,Google,true,"12 St James's Square, London"
    102,Grace,Hopper,1906-12-09,grace@example.com,,01632 960002,GP: Riverside Surgery,false,
    ,Ada,Lovelace,1815-12-10,,+44 7700 900123,,Google,true,
    104,Mo,Farah,,mo@example,07700 900444,,,,
    105,Joan,Clarke,,joan@example.com,07700 900555,,Instagram,yes,

    """

private func table(_ text: String, file: String = "patients.csv") throws -> CSVTable {
    try CSVTable.parse(Array(text.utf8), file: file)
}

private func clients(_ f: Fixture, _ text: String, preset: ImportPreset = .cliniko, map: String? = nil) throws -> ImportPlan {
    let t = try table(text)
    let m = try ColumnMap.make(t, preset: preset, map: map, forAppointments: false)
    return ClientImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"))
}

private func appointments(_ f: Fixture, _ text: String, preset: ImportPreset = .cliniko, at: String = "2026-11-23 09:00",
                          dates: DateReading = .unneeded) throws -> ImportPlan {
    let t = try table(text, file: "appointments.csv")
    let m = try ColumnMap.make(t, preset: preset, map: nil, forAppointments: true)
    return AppointmentImport.plan(t, map: m, practice: f.p, by: "test", at: f.t(at), dates: dates)
}

/// Writes a plan the way `--commit` does: one batch, planned again under the lock.
@discardableResult
private func commit(_ f: Fixture, _ plan: (Practice) -> ImportPlan) throws -> [Event] {
    try f.log.appendBatch(by: "test", at: f.t("2026-11-23 09:00"), kind: .imported) { p in plan(p).events }
}

private func commitClients(_ f: Fixture, _ text: String) throws {
    let t = try table(text)
    let m = try ColumnMap.make(t, preset: .cliniko, map: nil, forAppointments: false)
    try commit(f) { p in ClientImport.plan(t, map: m, practice: p, by: "test", at: f.t("2026-11-23 09:00")) }
}

private func commitAppointments(_ f: Fixture, _ text: String, preset: ImportPreset = .cliniko) throws {
    let t = try table(text, file: "appointments.csv")
    let m = try ColumnMap.make(t, preset: preset, map: nil, forAppointments: true)
    try commit(f) { p in AppointmentImport.plan(t, map: m, practice: p, by: "test", at: f.t("2026-11-23 09:00")) }
}

private func addedClients(_ plan: ImportPlan) -> [NewClient] {
    plan.events.compactMap { if case .clientAdded(let c) = $0 { c } else { nil } }
}

private func errorMessage(_ body: () throws -> Void) -> String? {
    do { try body() } catch { return "\(error)" }
    return nil
}

@Suite struct ImportTests {
    // MARK: reading CSV

    @Test func quotedFieldsEmbeddedLineBreaksBOMAndWindowsLineEndsAreRead() throws {
        let text = "Name,Notes,Phone\r\n\"Lovelace, Ada\",\"said \"\"hello\"\"\r\nthen left\",07700 900123\r\nGrace Hopper,,07700 900124\r\n"
        let t = try CSVTable.parse([0xEF, 0xBB, 0xBF] + Array(text.utf8), file: "x.csv")
        #expect(t.header == ["Name", "Notes", "Phone"])
        #expect(t.rows.map(\.fields) == [["Lovelace, Ada", "said \"hello\"\r\nthen left", "07700 900123"],
                                         ["Grace Hopper", "", "07700 900124"]])
        // Rows are numbered as a spreadsheet shows them: the header is row 1, a line break inside quotes is not a row.
        #expect(t.rows.map(\.number) == [2, 3])
    }

    @Test func excelSemicolonSeparatedFilesAreRead() throws {
        let t = try table("Name;Phone;Source\r\n\"Ada; Lovelace\";07700 900123;Google, via a friend\r\n")
        #expect(t.header == ["Name", "Phone", "Source"])
        #expect(t.rows.first?.fields == ["Ada; Lovelace", "07700 900123", "Google, via a friend"])
    }

    /// Text after a closing quote is read on as part of the field, as Excel and Python's csv read it: staying inside
    /// the quotes swallowed every later row into one field (QA: a three-client file read as one row).
    /// An appointments file that writes "Surname, First" (Jane's Patient column) finds the client the clients import
    /// recorded as "First Surname" (QA: every such row was rejected).
    @Test func anAppointmentForSurnameCommaFirstFindsItsClient() throws {
        let f = try Fixture()
        let zoe = try f.client("Zoë Brontë")
        let plan = try appointments(f, "Patient,Start Date,Start Time,Staff Member,Status\n\"Brontë, Zoë\",2026-11-02,10:00,Anna Okafor,Arrived\n",
                                    preset: .jane)
        #expect(plan.rejected.isEmpty, "\(plan.rejected)")
        #expect(plan.events.contains { if case .appointmentBooked(_, let c, _, _, _) = $0 { c == zoe } else { false } })
    }

    /// The apostrophe an export puts before a formula-like name comes off in an appointments file too, as in a
    /// clients file: the appointment finds "=Zoë Brontë" (it was looked up as "'=Zoë Brontë" and rejected).
    @Test func anExportsFormulaGuardIsTakenOffAppointmentCellsToo() throws {
        let f = try Fixture()
        let zoe = try f.client("=Zoë Brontë")
        let plan = try appointments(f, "Patient,Start Date,Start Time,Staff Member,Status\n'=Zoë Brontë,2026-11-02,10:00,Anna Okafor,Arrived\n",
                                    preset: .jane)
        #expect(plan.rejected.isEmpty, "\(plan.rejected)")
        #expect(plan.events.contains { if case .appointmentBooked(_, let c, _, _, _) = $0 { c == zoe } else { false } })
    }

    @Test func textAfterAClosingQuoteStaysInItsFieldAndSwallowsNoRows() throws {
        let t = try table("Name,Phone,Email,Source\nAda One,07700 900121,,\"Google\" extra\nBob Two,07700 900113,,\"Goo\"gle\nCy Three,07700 900115,,Google\n")
        #expect(t.rows.map(\.fields) == [
            ["Ada One", "07700 900121", "", "Google extra"], ["Bob Two", "07700 900113", "", "Google"],
            ["Cy Three", "07700 900115", "", "Google"],
        ])
    }

    @Test func aQuoteThatIsNeverClosedIsRefusedRatherThanSwallowingTheRest() throws {
        let message = errorMessage { _ = try table("name,phone\nAda,\"07700 900123\nGrace,07700 900124\nMo,07700 900125\n") }
        #expect(message == "patients.csv:row 2: a quoted field here is never closed, so the rest of the file would be read into it; add the missing \" and import again")
        // A lone inch mark inside an unquoted field is only a character.
        let t = try table("name,height\nAda,5\" 4\nGrace,5\" 9\"\n")
        #expect(t.rows.map(\.fields) == [["Ada", "5\" 4"], ["Grace", "5\" 9\""]])
    }

    @Test func blankLinesAreNotRows() throws {
        let t = try table("name,phone\n\nAda,07700 900123\n,\n\nGrace,07700 900124\n\n")
        #expect(t.rows.map(\.number) == [3, 6])
    }

    @Test func aFileThatIsNotUTF8IsReadAsWindows1252AndAnEmptyOneIsRefusedWithWhatToDo() throws {
        let latin1: [UInt8] = Array("name\nRen".utf8) + [0xE9] + Array("e\n".utf8)
        let old = try CSVTable.parse(latin1, file: "old.csv")
        #expect(old.encoding == .windows1252 && old.rows.first?.fields == ["Renée"])
        #expect(errorMessage { _ = try CSVTable.parse(Array("\n\n".utf8), file: "e.csv") }
            == "e.csv is empty: export the list again with its header row")
        let dir = TempDir()
        #expect(errorMessage { _ = try CSVTable.read(path: dir.file("missing.csv")) }
            == "no file \(dir.file("missing.csv")): check the name, or give the full path")
    }

    // MARK: mapping

    @Test func presetHeadersMatchWhateverTheirCaseAndSpacing() throws {
        let t = try table("First Name,LAST_NAME,Mobile Phone\nAda,Lovelace,07700 900123\n")
        let m = try ColumnMap.make(t, preset: .cliniko, map: nil, forAppointments: false)
        #expect(m.value(.first, in: t.rows[0]) == "Ada")
        #expect(m.value(.last, in: t.rows[0]) == "Lovelace")
        #expect(m.value(.phone, in: t.rows[0]) == "07700 900123")
    }

    @Test func mapOverridesThePresetAndNamesUnusedColumns() throws {
        let t = try table("Given,Family,Tel,Heard about us,Favourite colour\nAda,Lovelace,07700 900123,Google,blue\n")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: " Given=first, Family = last,Tel=phone,heard about us=source",
                                   forAppointments: false)
        #expect(m.value(.first, in: t.rows[0]) == "Ada")
        #expect(m.value(.source, in: t.rows[0]) == "Google")
        #expect(m.unused == ["Favourite colour"])
    }

    @Test func aBadMapIsRefusedWithTheReasonAndTheFix() throws {
        let t = try table("First Name,Mobile,DOB\nAda,07700 900123,1815-12-10\n")
        func refusal(_ map: String) -> String? {
            errorMessage { _ = try ColumnMap.make(t, preset: .keepwarm, map: map, forAppointments: false) }
        }
        #expect(refusal("First Name") == "--map: 'First Name' needs the form Column=field, as in --map \"First Name=first,Mobile=phone\"")
        #expect(refusal("First Name=first,Mobile=telephone")
            == "--map: 'telephone' is not a field for importing clients; use first, last, name, id, phone, email, source, contact, newsletter, status, status-reason, archived, do-not-contact, unsubscribed, email-consent, sms-consent, post-consent, phone-consent, referred-by, cadence, visits, first-visit, last-visit, added, last-contacted, ignore, consent-recorded, no-email, no-sms, no-post, no-phone, no-marketing, deceased")
        #expect(refusal("First Name=first,Phone=phone")
            == "--map: patients.csv has no column 'Phone'; its columns are 'First Name', 'Mobile', 'DOB'")
        #expect(refusal("First Name=first,DOB=dob")
            == "--map: the date of birth is not kept: Keepwarm holds only what it needs to keep in touch (data minimisation); leave the column 'DOB' out of the map")
        #expect(refusal("First Name=first,Mobile=practitioner")?.hasPrefix("--map: 'practitioner' is not a field for importing clients") == true)
        #expect(errorMessage { _ = try ImportPreset.named("writeupp") }
            == "no preset 'writeupp': use keepwarm, cliniko, jane, simplepractice, square, mindbody, acuity, fresha, or --map to name the columns yourself")
    }

    @Test func aFileWithNoNameColumnIsRefusedNamingWhatThePresetExpects() throws {
        let t = try table("Whom,Mobile\nAda,07700 900123\n")
        let message = errorMessage { _ = try ColumnMap.make(t, preset: .cliniko, map: nil, forAppointments: false) }
        #expect(message?.hasPrefix("patients.csv: no column gives the client's name; the cliniko preset looks for Patient ID=id, First Name=first, Last Name=last") == true)
        #expect(message?.hasSuffix("(patients.csv has 'Whom', 'Mobile')") == true)
    }

    // MARK: clients

    @Test func aClinikoPatientExportBecomesClientsWithoutTheDateOfBirth() throws {
        let f = try Fixture()
        let plan = try clients(f, clinikoPatients)
        let added = addedClients(plan)
        #expect(added.map(\.name) == ["Ada Lovelace", "Grace Hopper", "Joan Clarke"])
        #expect(added.map(\.id.description) == ["c1", "c2", "c3"])
        // The mobile is preferred to the home number when both are there.
        #expect(added.map(\.phone) == ["07700 900123", "01632 960002", "07700 900555"])
        #expect(added.map(\.source) == ["Google", "GP: Riverside Surgery", "Instagram"])
        #expect(added.map(\.newsletter) == [true, false, true])
        #expect(added.allSatisfy { !$0.consentRecorded && $0.contact })
        // The patient's id is the other system's id for the client (its ref), no longer left out.
        #expect(plan.unusedColumns == ["date_of_birth", "address_1"])
        #expect(plan.summary == ["3 clients (c1–c3)"])

        try commitClients(f, clinikoPatients)
        let written = String(decoding: f.bytes(), as: UTF8.self)
        #expect(f.p.clients.map(\.name) == ["Ada Lovelace", "Grace Hopper", "Joan Clarke"])
        #expect(!written.contains("1815-12-10") && !written.contains("1906-12-09"))
        #expect(!written.contains("St James"))
    }

    @Test func duplicatesAreFoundWithinTheFileAndAgainstTheLogAndSkipped() throws {
        let f = try Fixture()
        _ = try f.run("2026-01-05 09:00", .addClient(ClientDraft(name: "Joan  Clarke", email: "JOAN@example.com")))
        let plan = try clients(f, clinikoPatients)
        #expect(plan.duplicates == [
            SkippedRow(row: 4, reason: "Ada Lovelace: same name and phone as row 2"),
            SkippedRow(row: 6, reason: "Joan Clarke: same name and email as Joan  Clarke (c1), already in the log"),
        ])
        #expect(addedClients(plan).map(\.name) == ["Ada Lovelace", "Grace Hopper"])
        // The same name with a different phone and email is another person.
        let other = try clients(f, "first_name,last_name,mobile\nJoan,Clarke,07700 999999\n")
        #expect(other.duplicates.isEmpty && addedClients(other).count == 1)
    }

    @Test func importingTheSameFileTwiceAddsNobodyTheSecondTime() throws {
        let f = try Fixture()
        try commitClients(f, clinikoPatients)
        let again = try clients(f, clinikoPatients)
        #expect(again.events.isEmpty)
        #expect(again.alreadyImported.map(\.row) == [2, 3, 6])
        #expect(again.alreadyImported[0].reason == "Ada Lovelace: imported before as c1")
        // Row 4 repeats row 2 within the file, as it did the first time.
        #expect(again.duplicates.map(\.row) == [4])
    }

    /// A file with nothing but names has no phone or email for the duplicate rule; its rows are recognised by their
    /// fingerprint instead, so a second import adds nobody, namesakes on separate rows stay two people, a client typed
    /// in at the desk with the same name is not taken for a row, and only a row that is really new is added.
    @Test func aNameOnlyFileImportedTwiceAddsNobodyTheSecondTime() throws {
        let f = try Fixture()
        _ = try f.run("2026-01-05 09:00", .addClient(ClientDraft(name: "Ada Lovelace")))
        let names = "name\nAda Lovelace\nJohn Smith\nJohn  smith\nGrace Hopper\n"
        try commit(f) { p in Self.namesOnly(names, p, f) }
        #expect(f.p.clients.map(\.name) == ["Ada Lovelace", "Ada Lovelace", "John Smith", "John  smith", "Grace Hopper"])
        let again = Self.namesOnly(names, f.p, f)
        #expect(again.events.isEmpty)
        #expect(again.alreadyImported.map(\.row) == [2, 3, 4, 5])
        #expect(try commit(f) { p in Self.namesOnly(names, p, f) }.isEmpty)
        // One more John Smith in a later export is a third one; everyone else is already there.
        let more = Self.namesOnly(names + "John Smith\n", f.p, f)
        #expect(addedClients(more).map(\.name) == ["John Smith"])
        #expect(more.alreadyImported.count == 4)
        #expect(f.p.clients.count == 5)
    }

    /// The fingerprint is worked out from the client's details, so erasing them removes it from the log too.
    @Test func erasingAnImportedClientRemovesTheirRowFingerprint() throws {
        let f = try Fixture()
        try commit(f) { p in Self.namesOnly("name\nAda Lovelace\nGrace Hopper\n", p, f) }
        let ada = ClientID(1)
        let fingerprint = try #require(f.p.clients[ada.index].importedRow)
        #expect(String(decoding: f.bytes(), as: UTF8.self).contains(fingerprint))
        _ = try Erasure.erase(ada, in: f.log, by: "owner", at: f.t("2026-11-23 10:00"))
        #expect(!String(decoding: f.bytes(), as: UTF8.self).contains(fingerprint))
        let reread = try EventLog.open(path: f.path)
        #expect(reread.damage.isEmpty)
        #expect(reread.practice.clients[ada.index].importedRow == nil)
        #expect(reread.practice.clients[1].importedRow != nil, "Grace keeps hers")
    }

    private static func namesOnly(_ text: String, _ p: Practice, _ f: Fixture) -> ImportPlan {
        let t = try! table(text)
        let m = try! ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: false)
        return ClientImport.plan(t, map: m, practice: p, by: "test", at: f.t("2026-11-23 09:00"))
    }

    /// An import is one action to its writer, but undo takes back one event: it refuses rather than remove one row.
    @Test func undoDoesNotTakeBackOneRowOfAnImport() throws {
        let f = try Fixture()
        try commitClients(f, clinikoPatients)
        let now = f.t("2026-11-23 09:01")
        #expect(throws: CommandError.self) { try Command.undo(by: "test").event(in: f.p, now: now) }
        let message = errorMessage { _ = try Command.undo(by: "test").event(in: f.p, now: now) } ?? ""
        #expect(message.contains("your last action was an import (3 events"), "\(message)")
        // The next action of their own can be undone as usual.
        _ = try f.run("2026-11-23 09:01", .addClient(ClientDraft(name: "Alan Turing")))
        #expect(try Command.undo(by: "test").event(in: f.p, now: now) == .undone(target: f.p.lastSeq))
    }

    @Test func rejectedRowsSayWhyAndHoldUpNothingElse() throws {
        let f = try Fixture()
        let plan = try clients(f, """
            name,phone,email,contact,newsletter
            ,07700 900123,,yes,no
            Mo Farah,call me,,yes,no
            Ruth Ellis,,ruth@,yes,no
            Ivy Stone,,,maybe,no
            Tom Reed,07700 900200,tom@example.com,no,yes

            """, preset: .keepwarm)
        #expect(plan.rejected == [
            SkippedRow(row: 2, reason: "the client needs a name"),
            SkippedRow(row: 3, reason: "'call me' doesn't look like a phone number; use digits, spaces and + - ( ) only"),
            SkippedRow(row: 4, reason: "'ruth@' doesn't look like an email address (name@example.com)"),
            SkippedRow(row: 5, reason: "contact is 'maybe'; use yes or no"),
        ])
        let tom = try #require(addedClients(plan).first)
        #expect(addedClients(plan).count == 1)
        #expect(tom.name == "Tom Reed" && !tom.contact && tom.newsletter && tom.consentRecorded)
        #expect(plan.notes == ["consent from the file: 1 do not contact"])
    }

    // MARK: dates and values

    @Test func datesAreISOOrDayFirstAndImpossibleDatesAreRefused() {
        #expect(ImportValues.day("2024-03-07") == Civil.days(2024, 3, 7))
        #expect(ImportValues.day("07/03/2024", order: .dmy) == Civil.days(2024, 3, 7))
        #expect(ImportValues.day("7/3/2024", order: .dmy) == Civil.days(2024, 3, 7))
        #expect(ImportValues.day("07.03.2024", order: .dmy) == Civil.days(2024, 3, 7))
        #expect(ImportValues.day("29/02/2024") == Civil.days(2024, 2, 29))
        for bad in ["31/02/2024", "29/02/2023", "2024-13-7", "03/07/24", "13/13/2024", "yesterday", ""] {
            #expect(ImportValues.day(bad, order: .dmy) == nil, "\(bad)")
        }
    }

    @Test func timesAreTwentyFourHourOrAmPm() {
        #expect(ImportValues.minuteOfDay("09:30") == 570)
        #expect(ImportValues.minuteOfDay("9:30") == 570)
        #expect(ImportValues.minuteOfDay("14:00:00") == 840)
        #expect(ImportValues.minuteOfDay("2:30 PM") == 870)
        #expect(ImportValues.minuteOfDay("12am") == 0)
        #expect(ImportValues.minuteOfDay("12:15pm") == 735)
        for bad in ["25:00", "9", "9:5", "13pm", "0am", "nine"] { #expect(ImportValues.minuteOfDay(bad) == nil, "\(bad)") }
        let london = PracticeCalendar(identifier: "Europe/London")!
        #expect(ImportValues.instant("2024-07-01T09:30:00+01:00", calendar: london)?.iso == "2024-07-01T08:30:00.000Z")
        #expect(ImportValues.instant("01/07/2024 09:30", calendar: london, order: .dmy)?.iso == "2024-07-01T08:30:00.000Z")
        #expect(ImportValues.instant("2024-01-15 09:30", calendar: london)?.iso == "2024-01-15T09:30:00.000Z")
    }

    @Test func statusWordsFromPracticeSystemsMeanOutcomes() {
        #expect(ImportValues.outcome(nil) == .unsettled)
        #expect(ImportValues.outcome("Arrived") == .attended)
        #expect(ImportValues.outcome("no_show") == .noShow)
        #expect(ImportValues.outcome("Did Not Arrive") == .noShow)
        #expect(ImportValues.outcome("Cancelled") == .cancelled(by: .client, late: false))
        #expect(ImportValues.outcome("Late cancellation") == .cancelled(by: .client, late: true))
        #expect(ImportValues.outcome("Cancelled by practice") == .cancelled(by: .practice, late: false))
        #expect(ImportValues.outcome("rescheduled") == .cancelled(by: .client, late: false))
        #expect(ImportValues.minutes("60 min") == 60 && ImportValues.minutes("1:30") == 90 && ImportValues.minutes("an hour") == nil)
    }

    // MARK: appointments

    static let clinikoAppointments = """
        starts_at,ends_at,patient_name,patient_email,practitioner_name,did_not_arrive,cancelled_at
        2025-09-01T09:00:00Z,2025-09-01T10:00:00Z,Ada Lovelace,ada@example.com,Anna Okafor,false,
        2025-09-15T09:00:00Z,2025-09-15T10:00:00Z,Ada Lovelace,,Ben Carter,true,
        2025-10-01T09:00:00Z,2025-10-01T09:45:00Z,Grace Hopper,,Ben Carter,,2025-09-30T10:00:00Z
        2025-10-02T09:00:00Z,2025-10-02T09:45:00Z,Grace Hopper,,ben carter,,
        2026-12-01T10:00:00Z,2026-12-01T11:00:00Z,Joan Clarke,,Anna Okafor,,
        2026-12-02T10:00:00Z,2026-12-02T11:00:00Z,Joan Clarke,,Anna Okafor,true,
        2025-10-02T09:00:00Z,2025-10-02T09:45:00Z,Nobody Known,,Anna Okafor,,
        2025-09-01T09:00:00Z,2025-09-01T10:00:00Z,Ada Lovelace,,Anna Okafor,,

        """

    /// A log with the Cliniko patients imported, as `keepwarm import clients` would leave it.
    private func withClients() throws -> Fixture {
        let f = try Fixture()
        try commitClients(f, clinikoPatients)
        return f
    }

    @Test func pastAppointmentsImportWithTheirOutcomesAndNewPractitionersAreAdded() throws {
        let f = try withClients()
        let plan = try appointments(f, Self.clinikoAppointments)
        #expect(plan.summary == [
            "5 appointments (a1–a5): 2 attended, 1 no-show, 1 cancelled, 1 booked ahead",
            "1 practitioner: Ben Carter (p2)",
        ])
        #expect(plan.rejected == [
            SkippedRow(row: 7, reason: "2026-12-02 10:00 hasn't come yet, so it can't be a no-show"),
            SkippedRow(row: 8, reason: "no client 'Nobody Known' in the log; import the clients first (keepwarm import clients)"),
        ])
        #expect(plan.duplicates == [SkippedRow(row: 9, reason: "2025-09-01 10:00 for Ada Lovelace: the same appointment as row 2")])
        #expect(plan.notes == ["2 past appointments had no outcome in the file: counted as attended",
                               "on the lapsed list with this import: 2 clients (keepwarm lapsed); close those who have moved on with `keepwarm review CLIENT --close moved-away`"])

        try commitAppointments(f, Self.clinikoAppointments)
        let p = f.p
        #expect(p.practitioners.map(\.name) == ["Anna Okafor", "Ben Carter"])
        #expect(p.appointments.map(\.status) == [.attended, .noShow, .cancelled, .attended, .booked])
        #expect(p.appointments.map(\.minutes) == [60, 60, 45, 45, 60])
        #expect(p.appointments.map { $0.practitioner.description } == ["p1", "p2", "p2", "p2", "p1"])

        // The lapsed list is right from the first day: the last visit is the imported one, not the import.
        let lapsed = Lapsed.rows(p, now: f.t("2026-11-23 09:00"))
        #expect(lapsed.map(\.name) == ["Grace Hopper", "Ada Lovelace"])
        #expect(lapsed.map { f.cal.dateString($0.lastVisit) } == ["2025-10-02", "2025-09-01"])
        #expect(lapsed.map(\.sessions) == [1, 1])

        // Importing the same file again adds nothing.
        let again = try appointments(f, Self.clinikoAppointments)
        #expect(again.events.isEmpty)
        #expect(again.alreadyImported.map(\.row) == [2, 3, 4, 5, 6, 9])
        #expect(again.duplicates.isEmpty)
    }

    /// A slot booked, cancelled, booked again and cancelled again holds two cancelled appointments. Keepwarm's own
    /// export gives each its id, so both come back (the round trip of a 100,000-event demo lost 25 of them); a file
    /// without ids still reads a repeated row as one appointment, and importing again adds nothing.
    @Test func twoCancelledAppointmentsInOneSlotWithTheirOwnIdsAreBothImported() throws {
        let f = try withClients()
        let file = """
            id,client name,practitioner,date,start,end,status,cancelled by
            a7,Ada Lovelace,Anna Okafor,2025-09-01,10:00,11:00,cancelled,practice
            a9,Ada Lovelace,Anna Okafor,2025-09-01,10:00,11:00,cancelled,client
            a9,Ada Lovelace,Anna Okafor,2025-09-01,10:00,11:00,cancelled,client
            ,Grace Hopper,Anna Okafor,2025-09-02,10:00,11:00,cancelled,client
            ,Grace Hopper,Anna Okafor,2025-09-02,10:00,11:00,cancelled,client

            """
        let plan = try appointments(f, file, preset: .keepwarm)
        #expect(plan.imported == 3)
        #expect(plan.duplicates.map(\.row) == [4, 6])
        try commitAppointments(f, file, preset: .keepwarm)
        #expect(f.p.appointments.map(\.status) == [.cancelled, .cancelled, .cancelled])
        let again = try appointments(f, file, preset: .keepwarm)
        #expect(again.events.isEmpty)
        #expect(again.alreadyImported.map(\.row) == [2, 3, 4, 5, 6])
    }

    @Test func aFutureBookingThatClashesIsRejectedAndTheRestStillImports() throws {
        let f = try withClients()
        let plan = try appointments(f, """
            Start Date,Start Time,End Time,Patient,Staff Member,State
            01/12/2026,10:00,11:00,Ada Lovelace,Anna Okafor,booked
            01/12/2026,10:30,11:30,Grace Hopper,Anna Okafor,booked
            03/11/2026,9:30 AM,10:15 AM,Grace Hopper,Anna Okafor,arrived
            03/11/2026,25:00,,Grace Hopper,Anna Okafor,arrived
            04/11/2026,10:00,,Grace Hopper,Anna Okafor,rescheduled

            """, preset: .jane, dates: DateReading(order: .dmy, note: nil))
        #expect(plan.rejected == [
            SkippedRow(row: 3, reason: "Anna Okafor is already booked then (a1, 2026-12-01 10:00); book it by hand at another time"),
            SkippedRow(row: 5, reason: "can't read the time '25:00': use 09:30, 14:00 or 2:30 PM"),
        ])
        // Jane's Rescheduled: the client gave that slot up.
        #expect(plan.summary == ["3 appointments (a1–a3): 1 attended, 0 no-shows, 1 cancelled, 1 booked ahead"])
        try commit(f) { _ in plan }
        #expect(f.p.appointments.map { f.p.describe($0.start) } == ["2026-12-01 10:00", "2026-11-03 09:30", "2026-11-04 10:00"])
        #expect(f.p.appointments.map(\.minutes) == [60, 45, 60])
    }

    @Test func anAmbiguousNameNeedsAnEmailOrPhoneAndTheyAreUsedFirst() throws {
        let f = try withClients()
        _ = try f.run("2026-01-05 09:00", .addClient(ClientDraft(name: "Grace Hopper", phone: "07700 900999")))
        let plan = try appointments(f, """
            date,time,client,phone
            2025-10-02,09:00,Grace Hopper,
            2025-10-03,09:00,Grace Hopper,+44 7700 900999

            """, preset: .keepwarm)
        #expect(plan.rejected == [SkippedRow(row: 2, reason: "2 clients are called 'Grace Hopper' (c2, c4); add an email or phone column so each row finds one")])
        guard case .appointmentBooked(_, let client, _, _, _)? = plan.events.first else { Issue.record("no booking"); return }
        #expect(client.description == "c4")
    }

    @Test func theBatchIsWrittenWholeOrNotAtAll() throws {
        let f = try withClients()
        let before = f.bytes()
        // A batch whose last event cannot apply (an appointment for a client that does not exist) writes nothing.
        var plan = try appointments(f, Self.clinikoAppointments)
        #expect(plan.events.count > 2)
        plan.events.append(.appointmentAttended(AppointmentID(99)))
        #expect(throws: ApplyError.self) { try commit(f) { _ in plan } }
        #expect(f.bytes() == before)
    }
}
