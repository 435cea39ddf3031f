import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// Keepwarm's clients export, imported into an empty log with the keepwarm preset and exported again, is the same
/// sheet (ids aside): above all, not one do-not-contact or withdrawn client comes back contactable.
@Suite struct ClientsRoundTripTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    /// A demo practice, with consent recorded per channel for some clients (given, withdrawn, one channel or all)
    /// and a few awkward names and values, so every kind of consent and status is in the sheet.
    func demo() throws -> Practice {
        var p = Practice()
        for e in DemoGenerator(seed: 15, events: 3000, end: Self.end).events() { try p.apply(e) }
        var seq = p.lastSeq
        func add(_ b: EventBody) throws {
            seq += 1
            try p.apply(Event(seq: seq, at: Self.end, by: "test", body: b))
        }
        let n = p.clients.count
        for c in p.clients where c.id.index % 7 == 3 { try add(.consentChanged(c.id, .sms, given: false, how: .optOut)) }
        for c in p.clients where c.id.index % 11 == 5 { try add(.consentChanged(c.id, .email, given: true, how: .toldDesk)) }
        for c in p.clients where c.id.index % 13 == 6 { try add(.consentChanged(c.id, nil, given: false, how: .optOut)) }
        for c in p.clients where c.id.index % 17 == 2 { try add(.clientStatusChanged(c.id, .doNotContact, reason: "=Asked, by phone")) }
        try add(.clientAdded(NewClient(id: ClientID(n + 1), name: "Brontë, Zoë", phone: "+44 7700 900999", email: nil,
                                       source: "-Friend", contact: false, newsletter: false, consentRecorded: false)))
        try add(.clientAdded(NewClient(id: ClientID(n + 2), name: "Dr. Ann  Lee", phone: nil, email: "ann@example.com",
                                       contact: true, newsletter: true, consentRecorded: false)))
        return p
    }

    func sheet(_ p: Practice) throws -> CSVTable {
        try CSVTable.parse(ClientsCSV.table(p, now: Self.end).bytes(), file: "clients.csv")
    }

    @Test func theClientsExportImportsBackUnchangedAndNobodyBecomesContactable() throws {
        let source = try demo()
        let first = try sheet(source)
        #expect(first.rows.count > 100)

        let f = try Fixture(start: "2026-11-23 10:40")
        let map = try ColumnMap.make(first, preset: .keepwarm, map: nil, forAppointments: false)
        let at = f.t("2026-11-23 10:45")
        let plan = ClientImport.plan(first, map: map, practice: f.p, by: "test", at: at)
        #expect(plan.rejected.isEmpty && plan.duplicates.isEmpty && plan.alreadyImported.isEmpty, "\(plan.rejected) \(plan.duplicates)")
        #expect(plan.imported == first.rows.count)
        #expect(map.unused == Self.appointmentColumns)
        try f.log.appendBatch(by: "test", at: at, kind: .imported) { p in ClientImport.plan(first, map: map, practice: p, by: "test", at: at).events }
        let second = try sheet(f.p)
        #expect(second.header == first.header)
        #expect(second.rows.count == first.rows.count)

        // Rows come back in order; ids are new, so "referred by" is compared through the id each row got.
        let col = Dictionary(uniqueKeysWithValues: first.header.enumerated().map { ($1, $0) })
        var newID: [String: String] = [:]
        for (a, b) in zip(first.rows, second.rows) { newID[a.fields[col["id"]!]] = b.fields[col["id"]!] }
        var differing: [String] = []
        for (a, b) in zip(first.rows, second.rows) {
            for (i, name) in first.header.enumerated() where !Self.notCompared.contains(name) {
                var expected = a.fields[i]
                if name == "referred by", !expected.isEmpty { expected = newID[expected] ?? "?" }
                if b.fields[i] != expected { differing.append("\(a.fields[0]) \(name): '\(expected)' came back '\(b.fields[i])'") }
            }
        }
        #expect(differing.isEmpty, "\(differing.prefix(10))")

        // The point of it all: everyone barred from contact before is barred after, channel by channel.
        for (old, new) in zip(source.clients.filter { !$0.withdrawn }, f.p.clients) {
            #expect(Contactable.mayPrompt(.client(old.id), in: source) == Contactable.mayPrompt(.client(new.id), in: f.p), "\(old.id)")
            for ch in ConsentChannel.allCases {
                #expect(Consent.state(old, ch).isWithdrawn == Consent.state(new, ch).isWithdrawn, "\(old.id) \(ch)")
                #expect(Consent.state(old, ch).isGiven == Consent.state(new, ch).isGiven, "\(old.id) \(ch)")
            }
        }
        let barred = source.clients.count { !$0.withdrawn && !Contactable.mayPrompt(.client($0.id), in: source) }
        #expect(barred > 20)
    }

    /// Columns that come from the appointments, which come back with the appointments export (the lead's half).
    static let appointmentColumns = ["no-shows", "cancellations", "next booking"]
    static let notCompared: Set<String> = Set(["id"] + appointmentColumns)
}
