import Foundation
import KeepwarmCore

/// A real log for the signature and SMS tests: the practice `name` (nil: never set, so the default), Anna Okafor and
/// Ben Hale; Ada saw Anna on 3 November and is booked with Anna on 24 November and with Ben on Monday 7 December at
/// 14:00; Zoe has never been booked.
final class Clinic {
    let dir = TempDir()
    let log: EventLog
    let cal = PracticeCalendar(identifier: "Europe/London")!
    let now: Instant
    let ada = ClientID(1), zoe = ClientID(2)
    /// Ada's appointment with Ben: the one a reminder is about.
    let withBen = AppointmentID(3)

    init(name: String?) throws {
        let start = try DateInput(calendar: cal, now: Instant(ms: 0)).instant("2026-11-02 08:00")
        log = try EventLog.create(path: dir.file("events.log"), settings: SettingsChange(name: name), by: "test", at: start)
        now = try DateInput(calendar: cal, now: Instant(ms: 0)).instant("2026-11-05 09:00")
        try run("2026-11-02 08:00", .addPractitioner(name: "Anna Okafor"))
        try run("2026-11-02 08:00", .addPractitioner(name: "Ben Hale"))
        try run("2026-11-02 08:00", .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900001")))
        try run("2026-11-02 08:00", .addClient(ClientDraft(name: "Zoe Quill", phone: "07700 900002")))
        try run("2026-11-02 08:00", .book(client: "c1", practitioner: "p1", start: t("2026-11-03 10:00"), minutes: 60, force: false))
        try run("2026-11-03 11:00", .attend("a1"))
        try run("2026-11-04 11:00", .book(client: "c1", practitioner: "p1", start: t("2026-11-24 10:00"), minutes: 60, force: false))
        try run("2026-11-04 11:00", .book(client: "c1", practitioner: "p2", start: t("2026-12-07 14:00"), minutes: 60, force: false))
    }

    var p: Practice { log.practice }
    func t(_ s: String) -> Instant { try! DateInput(calendar: cal, now: Instant(ms: 0)).instant(s) }

    func run(_ at: String, _ command: Command) throws {
        let when = t(at)
        _ = try log.append(by: "test", at: when) { p in try command.event(in: p, now: when) }
    }
}
