import Foundation
import Testing

/// Moving out and back in: a demo practice exported as clients and appointments, imported into an empty log with the
/// keepwarm preset, and exported again gives the same two files, apart from the ids (which are mapped, not dropped:
/// each id is replaced by the row of the client it names, so a referral or an appointment given to the wrong client
/// still fails).
@Suite struct RoundTripCLITests {
    static let now = ["--now", "2026-12-01T09:00:00Z"]

    /// The CSV's rows as fields (no quoted line breaks in these exports' ids or dates; names are quoted when needed).
    static func rows(_ path: String) throws -> [[String]] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        var out: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(text.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        func next() -> Unicode.Scalar? { if let p = pending { pending = nil; return p }; return it.next() }
        while let u = next() {
            if quoted {
                if u == "\"" {
                    if let n = next() { if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.unicodeScalars.append(u) }
            } else if u == "\"" { quoted = true
            } else if u == "," { row.append(field); field = ""
            } else if u == "\r" { continue
            } else if u == "\n" { row.append(field); out.append(row); row = []; field = ""
            } else { field.unicodeScalars.append(u) }
        }
        if !field.isEmpty || !row.isEmpty { row.append(field); out.append(row) }
        return out
    }

    /// Clients with their ids replaced by row numbers; appointments with their own id dropped and the client's id
    /// replaced by that client's row number.
    static func normalised(clients: [[String]], appointments: [[String]]) -> (clients: [[String]], appointments: [[String]]) {
        let ch = clients[0], ah = appointments[0]
        let idCol = ch.firstIndex(of: "id")!, refCol = ch.firstIndex(of: "referred by")!
        var rowOf: [String: String] = [:]
        for (i, r) in clients.enumerated().dropFirst() { rowOf[r[idCol]] = "row \(i + 1)" }
        let c = clients.map { r -> [String] in
            var r = r
            if r != ch { r[idCol] = ""; r[refCol] = r[refCol].isEmpty ? "" : (rowOf[r[refCol]] ?? "unknown \(r[refCol])") }
            return r
        }
        let aid = ah.firstIndex(of: "id")!, acl = ah.firstIndex(of: "client id")!
        let a = appointments.map { r -> [String] in
            var r = r
            if r != ah { r[aid] = ""; r[acl] = rowOf[r[acl]] ?? "unknown \(r[acl])" }
            return r
        }
        return (c, a)
    }

    @Test func aDemoPracticeExportedImportedAndExportedAgainIsTheSame() throws {
        let first = CLI(), second = CLI()
        let demo = first.dir + "/demo.log"
        try first.ok(["demo", "--out", demo, "--events", "4000", "--seed", "5"] + Self.now)
        let env = ["KEEPWARM_LOG": demo]
        // A client whose name and phone a spreadsheet would take for formulas: the export guards them with an
        // apostrophe, and the import takes it off again.
        _ = try first.output(["client", "add", "--name", "=Zoë Brontë", "--phone", "+44 7700 900999", "--email", "zoe@example.com"] + Self.now, env: env)
        let c1 = first.dir + "/clients.csv", a1 = first.dir + "/appointments.csv"
        _ = try first.output(["export", "clients", "--out", c1] + Self.now, env: env)
        _ = try first.output(["export", "appointments", "--out", a1] + Self.now, env: env)

        try second.ok(["init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London"] + Self.now)
        let clientsImport = try second.ok(["import", "clients", c1, "--commit"] + Self.now)
        #expect(!clientsImport.contains("rejected"), "\(clientsImport)")
        let appointmentsImport = try second.ok(["import", "appointments", a1, "--commit"] + Self.now)
        #expect(!appointmentsImport.contains("rejected"), "\(appointmentsImport)")
        let c2 = second.dir + "/clients.csv", a2 = second.dir + "/appointments.csv"
        try second.ok(["export", "clients", "--out", c2] + Self.now)
        try second.ok(["export", "appointments", "--out", a2] + Self.now)

        let before = Self.normalised(clients: try Self.rows(c1), appointments: try Self.rows(a1))
        let after = Self.normalised(clients: try Self.rows(c2), appointments: try Self.rows(a2))
        #expect(before.clients.count > 100 && before.appointments.count > 300, "a practice big enough to mean something")
        #expect(before.clients[0] == after.clients[0])
        for (i, (b, a)) in zip(before.clients, after.clients).enumerated() where b != a {
            Issue.record("clients.csv row \(i + 1) differs:\n  before \(b)\n  after  \(a)")
        }
        #expect(before.clients.count == after.clients.count)
        for (i, (b, a)) in zip(before.appointments, after.appointments).enumerated() where b != a {
            Issue.record("appointments.csv row \(i + 1) differs:\n  before \(b)\n  after  \(a)")
        }
        #expect(before.appointments.count == after.appointments.count)
        // Phones survive: no formula guard's apostrophe is left on them.
        let imported = try second.json("client", "list", "--now", "2026-12-01T09:00:00Z")
        #expect(imported.contains { ($0["name"] as? String) == "=Zoë Brontë" && ($0["phone"] as? String) == "+44 7700 900999" })
    }
}
