import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

private func practice() throws -> Fixture {
    let f = try Fixture()
    _ = try f.client("Ada Lovelace")
    _ = try f.client("Grace Hopper")
    return f
}

private func plan(_ f: Fixture, _ text: String, statuses: String? = nil) throws -> ImportPlan {
    let t = try CSVTable.parse(Array(text.utf8), file: "appointments.csv")
    let m = try ColumnMap.make(t, preset: .keepwarm, map: nil, forAppointments: true)
    return AppointmentImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"),
                                  dates: .unneeded, statuses: try StatusMap.parse(statuses))
}

/// What each row became, in order: attended, no-show, cancelled (client/practice, late) or booked.
private func outcomes(_ plan: ImportPlan) -> [String] {
    plan.events.compactMap {
        switch $0 {
        case .appointmentAttended: "attended"
        case .appointmentNoShow: "no-show"
        case .appointmentCancelled(_, let by, let late): "cancelled by \(by.rawValue)\(late ? ", late" : "")"
        default: nil
        }
    }
}

@Suite struct ImportStatusTests {
    typealias O = ImportValues.Outcome

    @Test func eachSystemsStatusWordsMeanTheirOutcome() {
        let client = O.cancelled(by: .client, late: false), late = O.cancelled(by: .client, late: true)
        let practice = O.cancelled(by: .practice, late: false)
        let systems: [(String, [(String, O)])] = [
            ("Jane", [("Booked", .unsettled), ("Booked Online", .unsettled), ("Arrived", .attended), ("Rescheduled", client),
                      ("No Show", .noShow), ("Cancelled", client), ("Late Cancellation", late), ("Archived", .leftOut),
                      ("Deleted (Archived)", .leftOut)]),
            ("SimplePractice", [("Show", .attended), ("No Show", .noShow), ("Late Canceled", late), ("Canceled", client),
                                ("Clinician Canceled", practice), ("Scheduled", .unsettled)]),
            ("Square", [("Accepted", .unsettled), ("ACCEPTED", .unsettled), ("Pending", .leftOut), ("Cancelled by seller", practice),
                        ("CANCELLED_BY_SELLER", practice), ("Cancelled by customer", client), ("No show", .noShow),
                        ("NO_SHOW", .noShow), ("Declined", .leftOut)]),
            ("Mindbody", [("Booked", .unsettled), ("Confirmed", .unsettled), ("Arrived", .attended), ("Completed", .attended),
                          ("Late Cancelled", late), ("LateCancelled", late), ("No Show", .noShow), ("NoShow", .noShow),
                          ("Requested", .leftOut), ("Signed In", .attended)]),
            ("Fresha", [("Booked", .unsettled), ("Confirmed", .unsettled), ("Arrived", .attended), ("Started", .attended),
                        ("Completed", .attended), ("No-show", .noShow), ("Cancelled", client)]),
        ]
        for (system, words) in systems {
            for (word, outcome) in words { #expect(ImportValues.outcome(word) == outcome, "\(system): \(word)") }
        }
        #expect(ImportValues.outcome("Tentative") == nil)
    }

    @Test func unknownStatusWordsAreListedOnceWithTheirRowsAndLeftOut() throws {
        let f = try practice()
        let p = try plan(f, """
            date,time,client,status
            2026-03-02,10:00,Ada Lovelace,Tentative
            2026-03-03,10:00,Ada Lovelace,Show
            2026-03-04,10:00,Grace Hopper,tentative
            2026-03-05,10:00,Grace Hopper,Waitlist
            2026-03-06,10:00,Grace Hopper,Archived
            2026-03-09,10:00,Grace Hopper,TENTATIVE

            """)
        #expect(p.rejected.isEmpty, "unknown words are not rejections row by row")
        #expect(p.unknownStatuses == [StatusRows(word: "Tentative", rows: [2, 4, 7]), StatusRows(word: "Waitlist", rows: [5])])
        #expect(p.leftOut == [StatusRows(word: "Archived", rows: [6])])
        #expect(p.imported == 1)
        #expect(outcomes(p) == ["attended"])
    }

    @Test func statusMapsTheFilesOwnWords() throws {
        let f = try practice()
        let p = try plan(f, """
            date,time,client,status
            2026-03-02,10:00,Ada Lovelace,Tentative
            2026-03-05,10:00,Grace Hopper,Waitlist
            2026-03-06,10:00,Grace Hopper,Show
            2026-03-09,10:00,Ada Lovelace,Bumped
            2026-03-10,10:00,Ada Lovelace,Sick
            2026-03-11,10:00,Ada Lovelace,Gone

            """, statuses: "tentative=attended, Waitlist=skip,Show=no-show,Bumped=cancelled-by-practice,Sick=late-cancelled,Gone=cancelled")
        #expect(p.unknownStatuses.isEmpty)
        #expect(p.leftOut == [StatusRows(word: "Waitlist", rows: [3])])
        // --status comes before the built-in words: this practice used Show for a no-show.
        #expect(outcomes(p) == ["attended", "no-show", "cancelled by practice", "cancelled by client, late", "cancelled by client"])
        #expect(throws: ImportError("--status: 'maybe' is not an outcome; use attended|no-show|cancelled|late-cancelled|cancelled-by-practice|booked|skip (as in --status \"Tentative=attended\")")) {
            try StatusMap.parse("Tentative=maybe")
        }
        #expect(throws: ImportError("--status: 'Tentative' needs the form Word=attended|no-show|cancelled|late-cancelled|cancelled-by-practice|booked|skip, as in --status \"Tentative=booked\"")) {
            try StatusMap.parse("Tentative")
        }
    }

    @Test func cancelledByAndLateColumnsCompleteACancellation() throws {
        let f = try practice()
        let p = try plan(f, """
            date,time,client,status,cancelled-by,late
            2026-03-02,10:00,Ada Lovelace,cancelled,practice,no
            2026-03-03,10:00,Ada Lovelace,cancelled,client,yes
            2026-03-04,10:00,Grace Hopper,,clinic,
            2026-03-05,10:00,Grace Hopper,attended,practice,
            2026-03-06,10:00,Grace Hopper,cancelled,the cat,

            """)
        #expect(outcomes(p) == ["cancelled by practice", "cancelled by client, late", "cancelled by practice"])
        #expect(p.rejected == [
            SkippedRow(row: 5, reason: "cancelled-by says the practice cancelled, but the status says it was attended; correct one of them"),
            SkippedRow(row: 6, reason: "cancelled-by is 'the cat'; use client or practice"),
        ])
    }

    @Test func acuitysCanceledColumnMarksTheRowCancelled() throws {
        let f = try practice()
        let t = try CSVTable.parse(Array("Start Time,Client,Canceled\n2026-03-02 10:00,Ada Lovelace,yes\n2026-03-03 10:00,Ada Lovelace,no\n".utf8), file: "a.csv")
        let m = try ColumnMap.make(t, preset: .keepwarm, map: "Start Time=start,Client=client,Canceled=cancelled", forAppointments: true)
        let p = AppointmentImport.plan(t, map: m, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"))
        #expect(outcomes(p) == ["cancelled by client", "attended"])
    }
}
