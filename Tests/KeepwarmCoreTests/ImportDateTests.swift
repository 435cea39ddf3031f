import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// A practice with Ada and Grace, for appointment files to find.
private func practice() throws -> Fixture {
    let f = try Fixture()
    _ = try f.client("Ada Lovelace")
    _ = try f.client("Grace Hopper")
    return f
}

private func table(_ text: String) throws -> CSVTable { try CSVTable.parse(Array(text.utf8), file: "appointments.csv") }

/// Decides the file's order as `keepwarm import appointments` does, then plans it.
private func plan(_ f: Fixture, _ text: String, given: DateOrder? = nil, statuses: StatusMap = .none) throws -> ImportPlan {
    let t = try table(text)
    let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: true)
    let dates = try DateOrder.decide(t, m, fields: DateOrder.appointmentFields, given: given)
    return AppointmentImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"), dates: dates, statuses: statuses)
}

private func refusal(_ text: String, forAppointments: Bool = true) throws -> String? {
    let t = try table(text)
    let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: forAppointments)
    do {
        _ = try DateOrder.decide(t, m, fields: DateOrder.fields(forAppointments: forAppointments), given: nil)
        return nil
    } catch {
        return error.message
    }
}

private func starts(_ f: Fixture, _ plan: ImportPlan) -> [String] {
    plan.events.compactMap { if case .appointmentBooked(_, _, _, let start, _) = $0 { f.p.describe(start) } else { nil } }
}

@Suite struct ImportDateTests {
    // MARK: the file's order, decided from every row

    @Test func aUSFileIsReadMonthFirstBecauseOneRowProvesItAndTheDryRunSaysSo() throws {
        let f = try practice()
        // Row 2 alone could be 4 January or 1 April; row 3 can only be 25 March, month first.
        let p = try plan(f, """
            date,time,client
            04/01/2026,10:00,Ada Lovelace
            03/25/2026,10:00,Grace Hopper

            """)
        #expect(p.rejected.isEmpty)
        #expect(starts(f, p) == ["2026-04-01 10:00", "2026-03-25 10:00"])
        #expect(p.notes.first == "dates read month first (mm/dd/yyyy): row 3 has 03/25/2026")
    }

    @Test func aUKFileIsReadDayFirst() throws {
        let f = try practice()
        let p = try plan(f, """
            start,client
            04/01/2026 10:00,Ada Lovelace
            25/03/2026 14:30,Grace Hopper
            05.02.2026 9:00,Grace Hopper

            """)
        #expect(p.rejected.isEmpty)
        #expect(starts(f, p) == ["2026-01-04 10:00", "2026-03-25 14:30", "2026-02-05 09:00"])
        #expect(p.notes.first == "dates read day first (dd/mm/yyyy): row 3 has 25/03/2026 14:30")
    }

    @Test func aFileThatCannotTellIsRefusedNamingItsDatesAndDateOrder() throws {
        let message = try refusal("""
            date,time,client
            04/01/2026,10:00,Ada Lovelace
            05/02/2026,10:00,Grace Hopper
            06/03/2026,10:00,Grace Hopper
            07/04/2026,10:00,Grace Hopper
            2026-05-08,10:00,Grace Hopper

            """)
        #expect(message == "appointments.csv: can't tell whether the dates are day first or month first (row 2 has 04/01/2026, row 3 has 05/02/2026, row 4 has 06/03/2026); add --date-order dmy (day first, dd/mm/yyyy) or --date-order mdy (month first, mm/dd/yyyy)")
        // A date whose day and month are the same number reads one way only, and needs no order.
        #expect(try refusal("date,time,client\n05/05/2026,10:00,Ada Lovelace\n") == nil)
    }

    @Test func aFileWhoseDatesDisagreeIsRefusedNamingOneOfEach() throws {
        let message = try refusal("""
            start,client,booked-at
            01/02/2026 10:00,Ada Lovelace,
            25/03/2026 10:00,Ada Lovelace,
            04/02/2026 10:00,Grace Hopper,03/30/2026 09:00

            """)
        #expect(message == "appointments.csv: the dates disagree: row 3 has 25/03/2026 10:00 (day first) but row 4 has 03/30/2026 09:00 (month first); correct the file, or add --date-order dmy (day first, dd/mm/yyyy) or --date-order mdy (month first, mm/dd/yyyy) to reject the rows that disagree")
    }

    @Test func dateOrderGivenReadsTheFileThatWayAndRejectsTheRowsItContradicts() throws {
        let f = try practice()
        let p = try plan(f, """
            date,time,client
            04/01/2026,10:00,Ada Lovelace
            03/25/2026,10:00,Grace Hopper
            25/03/2026,11:00,Grace Hopper

            """, given: .dmy)
        #expect(starts(f, p) == ["2026-01-04 10:00", "2026-03-25 11:00"])
        #expect(p.rejected == [SkippedRow(row: 3, reason: "the date '03/25/2026' is not a date read day first (dd/mm/yyyy), the order this file's dates are read in")])
        #expect(p.notes.first == "dates read day first (dd/mm/yyyy), as --date-order dmy says")
        #expect(throws: ImportError("--date-order: 'ymd' is not an order; use dmy (day first, 25/03/2026) or mdy (month first, 03/25/2026)")) {
            try DateOrder.named("ymd")
        }
    }

    @Test func aClientsFileIsDecidedFromItsHistoryDates() throws {
        // Neither column alone proves anything; the whole file is read, every date field of every row.
        let t = try table("name,first-visit,last-visit\nAda Lovelace,02/03/2024,04/05/2026\nGrace Hopper,01/01/2025,11/30/2026\n")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: false)
        let reading = try DateOrder.decide(t, m, fields: DateOrder.clientFields, given: nil)
        #expect(reading == DateReading(order: .mdy, note: "dates read month first (mm/dd/yyyy): row 3 has 11/30/2026"))
        #expect(ImportValues.day("02/03/2024", order: reading.order) == Civil.days(2024, 2, 3))
    }

    @Test func aFileOfISOAndMonthNameDatesNeedsNoDecision() throws {
        let f = try practice()
        let p = try plan(f, """
            start,client
            2026-03-25T14:30:00Z,Ada Lovelace
            "May 16, 2025 12:30 pm",Ada Lovelace
            16 May 2025 15:00,Grace Hopper

            """)
        #expect(p.rejected.isEmpty)
        #expect(!p.notes.contains { $0.hasPrefix("dates read") })
    }

    // MARK: the shapes dates and times are written in

    @Test func monthNamesAndTwelveHourTimesAreAllRead() throws {
        let f = try practice()
        // Every row of the file was rejected before: `May 16, 2025 12:30 pm`.
        let p = try plan(f, """
            start,client
            "May 16, 2025 12:30 pm",Ada Lovelace
            "Fri, 16 May 2025 12:30PM",Grace Hopper
            16-May-2025 2:30 p.m.,Ada Lovelace
            "Sept 3, 2025 9am",Ada Lovelace
            september 4 2025 12am,Ada Lovelace
            4th Oct. 2025 17:45:30,Grace Hopper

            """)
        #expect(p.rejected.isEmpty, "\(p.rejected)")
        #expect(starts(f, p) == ["2025-05-16 12:30", "2025-05-16 12:30", "2025-05-16 14:30", "2025-09-03 09:00",
                                 "2025-09-04 00:00", "2025-10-04 17:45"])
    }

    @Test func isoDatesAndTimesAreRead() {
        let london = PracticeCalendar(identifier: "Europe/London")!
        #expect(ImportValues.instant("2026-03-25T14:30:00Z", calendar: london)?.iso == "2026-03-25T14:30:00.000Z")
        #expect(ImportValues.instant("2026-07-25T14:30:00+01:00", calendar: london)?.iso == "2026-07-25T13:30:00.000Z")
        #expect(ImportValues.instant("2026-07-25 14:30:00", calendar: london)?.iso == "2026-07-25T13:30:00.000Z")
        #expect(ImportValues.instant("2026-07-25T14:30:00", calendar: london)?.iso == "2026-07-25T13:30:00.000Z")
        #expect(ImportValues.instant("2026-07-25 14:30:00.000", calendar: london)?.iso == "2026-07-25T13:30:00.000Z")
        #expect(ImportValues.instant("2026-07-25 14:30:00Z", calendar: london)?.iso == "2026-07-25T14:30:00.000Z")
        // A date alone is a day, not an instant.
        #expect(ImportValues.instant("2026-07-25", calendar: london) == nil)
        #expect(ImportValues.dayOf("2026-07-25T23:30:00Z", calendar: london) == Civil.days(2026, 7, 26))
    }

    @Test func twelveHourTimesWithOrWithoutSpacesAndDots() {
        let cases: [(String, Int)] = [("12:30 pm", 750), ("12:30PM", 750), ("12:30 p.m.", 750), ("12:30p.m.", 750), ("12pm", 720),
                                      ("12am", 0), ("12:30 a.m.", 30), ("1 PM", 780), ("11:59:59 pm", 1439), ("0.5", 720)]
        for (text, minute) in cases { #expect(ImportValues.minuteOfDay(text) == minute, "\(text)") }
        for bad in ["13:00 pm", "0 am", "12:60", "12.30", "noon"] { #expect(ImportValues.minuteOfDay(bad) == nil, "\(bad)") }
    }

    @Test func excelSerialDatesAreReadInTheNineteenHundredSystem() throws {
        // 45658 is 1 January 2025 in Excel (serials from 61 on count from 30 December 1899, past Excel's 29 February
        // 1900); the fraction is the time of day.
        #expect(ImportValues.day("45658") == Civil.days(2025, 1, 1))
        #expect(ImportValues.day("45742") == Civil.days(2025, 3, 26))
        let f = try practice()
        let p = try plan(f, "start,client\n45742.604166,Ada Lovelace\n45658.375,Grace Hopper\n")
        #expect(p.rejected.isEmpty)
        #expect(starts(f, p) == ["2025-03-26 14:30", "2025-01-01 09:00"])
        // A bare number that is not five digits is not a date.
        #expect(ImportValues.day("2026") == nil && ImportValues.day("123456") == nil)
    }

    @Test func twoDigitYearsAreRefusedSayingWhy() throws {
        let f = try practice()
        let p = try plan(f, "date,time,client\n25/03/26,10:00,Ada Lovelace\n\"May 16, 25\",10:00,Ada Lovelace\n２０２６-03-25,10:00,Ada Lovelace\n")
        #expect(p.rejected == [
            SkippedRow(row: 2, reason: "the date '25/03/26' has a two-digit year, which could be 19xx or 20xx: export the file again with four-digit years"),
            SkippedRow(row: 3, reason: "the date 'May 16, 25' has a two-digit year, which could be 19xx or 20xx: export the file again with four-digit years"),
            // Full-width digits are not read as a date, and are not a two-digit year either.
            SkippedRow(row: 4, reason: "can't read the date '２０２６-03-25': use 2026-03-25 14:30, 25 March 2026 2:30 pm or the file's own dd/mm/yyyy or mm/dd/yyyy"),
        ])
    }
}
