import Foundation
import Testing
@testable import KeepwarmCore
@testable import KeepwarmImport

/// Imports a clients file with a preset (and `--map` when given) and commits it the way `--commit` does: planned
/// again under the lock, one batch. Returns the dry run's plan. `file` names it in messages.
@discardableResult
func importClients(_ f: Fixture, _ text: String, file: String = "optouts.csv", preset: ImportPreset = .keepwarm,
                   map: String? = nil) throws -> ImportPlan {
    let t = try CSVTable.parse(Array(text.utf8), file: file)
    let m = try ColumnMap.make(t, preset: preset, map: map, forAppointments: false)
    let at = f.t("2026-11-23 09:00")
    let plan = ClientImport.plan(t, map: m, practice: f.p, by: "test", at: at)
    try f.log.appendBatch(by: "test", at: at, kind: .imported) { p in ClientImport.plan(t, map: m, practice: p, by: "test", at: at).events }
    return plan
}

/// The client of that name, which the test requires to be there.
func client(_ f: Fixture, _ name: String) throws -> Client {
    try #require(f.p.clients.first { $0.name == name })
}

/// Consent per channel (email, sms, post, phone) as words, as the autopilot and the desk may assume it: given,
/// withdrawn, unknown.
func consent(_ c: Client) -> [String] {
    ConsentChannel.allCases.map { ClientsCSV.word(Consent.state(c, $0)) }
}
