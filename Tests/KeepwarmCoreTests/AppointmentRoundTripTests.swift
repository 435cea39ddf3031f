import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// Keepwarm's own appointments export (`AppointmentsCSV`), imported again: each appointment comes back with its start,
/// length, outcome, who cancelled and whether late, when it was booked and settled, for the client whose id it names;
/// an appointment nobody marked stays unmarked.
@Suite struct AppointmentRoundTripTests {
    static let export = """
        id,client id,client name,practitioner,date,start,end,minutes,status,cancelled by,late cancellation,booked at,settled at
        a1,c1,Ada Lovelace,Anna Okafor,2026-03-02,10:00,11:00,60,attended,,,2026-02-20 09:15,2026-03-02 11:05
        a2,c1,Ada Lovelace,Anna Okafor,2026-03-09,10:00,11:00,60,cancelled,practice,yes,2026-02-20 09:15,2026-03-08 17:00
        a3,c2,Grace Hopper,Anna Okafor,2026-03-10,10:00,10:45,45,booked,,,2026-03-01 09:00,
        a4,c2,Grace Hopper,Anna Okafor,2026-12-10,10:00,10:45,45,booked,,,2026-11-01 09:00,
        a5,c2,Grace Hopper,Anna Okafor,2026-03-11,10:00,10:45,45,no-show,,,2026-03-01 09:00,2026-03-11 11:00

        """

    private func plan(_ f: Fixture) throws -> ImportPlan {
        let t = try CSVTable.parse(Array(Self.export.utf8), file: "appointments.csv")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: "client name=ignore,late cancellation=late", forAppointments: true)
        let dates = try DateOrder.decide(t, m, fields: DateOrder.appointmentFields, given: nil)
        return AppointmentImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"), dates: dates)
    }

    @Test func keepwarmsOwnExportReadsBackAppointmentByAppointment() throws {
        let f = try Fixture()
        // Imported in the other order, so only the `client id` column (their ref, from the clients export's id) finds them.
        for (name, ref) in [("Grace Hopper", "c2"), ("Ada Lovelace", "c1")] {
            try f.log.append(by: "test", at: f.t("2026-01-05 09:00")) { p in
                .clientAdded(NewClient(id: p.nextClientID, name: name, consentRecorded: false, ref: ref))
            }
        }
        let p = try plan(f)
        #expect(p.rejected.isEmpty, "\(p.rejected)")
        #expect(p.summary == ["5 appointments (a1–a5): 1 attended, 1 no-show, 1 cancelled, 1 booked ahead, 1 unmarked"])
        #expect(p.notes.contains("1 past appointment not settled in the file (no settled-at): left unmarked, as they were (keepwarm diary --unmarked)"))
        try f.log.appendBatch(by: "test", at: f.t("2026-11-23 09:00"), kind: .imported) { _ in p.events }
        let back = f.p.appointments.map { a in
            "\(f.p.describe(a.start)) \(a.minutes) \(a.status.rawValue) \(a.cancelledBy?.rawValue ?? "-") \(a.lateCancellation)"
        }
        #expect(back == ["2026-03-02 10:00 60 attended - false", "2026-03-09 10:00 60 cancelled practice true",
                         "2026-03-10 10:00 45 booked - false", "2026-12-10 10:00 45 booked - false",
                         "2026-03-11 10:00 45 no-show - false"])
        // Exported again, every row is the file's, with when each was booked and settled (`appointment.history`),
        // bar the ids (the clients here were added in another order) and the start order of the rows.
        func rows(_ text: String) -> Set<String> {
            Set(text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).dropFirst(2).joined(separator: ",") })
        }
        #expect(rows(String(decoding: AppointmentsCSV.table(f.p).bytes(), as: UTF8.self)) == rows(Self.export))
    }

    @Test func theOtherSystemsIdFindsTheClientBeforeTheirName() throws {
        let f = try Fixture()
        // Two Ada Lovelaces, told apart only by the id the other system gave them.
        for (i, ref) in ["1041", "1042"].enumerated() {
            try f.log.append(by: "test", at: f.t("2026-01-05 09:00")) { p in
                .clientAdded(NewClient(id: p.nextClientID, name: "Ada Lovelace", phone: "07700 90010\(i)", consentRecorded: false, ref: ref))
            }
        }
        let t = try CSVTable.parse(Array("client-id,client,date,time\n1042,Ada Lovelace,2026-03-02,10:00\n1041,Ada Lovelace,2026-03-03,10:00\n9999,Ada Lovelace,2026-03-04,10:00\n".utf8), file: "a.csv")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: true)
        let p = AppointmentImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"))
        let clients = p.events.compactMap { if case .appointmentBooked(_, let c, _, _, _) = $0 { c.description } else { nil } }
        #expect(clients == ["c2", "c1"])
        // An id no client has falls back to the name, which here names two.
        #expect(p.rejected == [SkippedRow(row: 4, reason: "2 clients are called 'Ada Lovelace' (c1, c2); add an email or phone column so each row finds one")])
    }
}
