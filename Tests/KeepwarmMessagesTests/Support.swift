import Foundation
import KeepwarmCore

/// A fresh directory under the system temp folder, removed when the test's value goes away.
final class TempDir {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kw-msg-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
    func write(_ name: String, _ text: String) {
        let p = file(name)
        try! FileManager.default.createDirectory(atPath: (p as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try! text.write(toFile: p, atomically: true, encoding: .utf8)
    }
}

/// A real log in a temp directory: Ada referred Grace, Grace booked and came, and Ada has a session next week.
final class Practice2 {
    let dir = TempDir()
    let log: EventLog
    let cal = PracticeCalendar(identifier: "Europe/London")!
    var now = Instant(ms: 0)

    init() throws {
        let at = DateInput(calendar: cal, now: Instant(ms: 0))
        log = try EventLog.create(path: dir.file("events.log"), settings: SettingsChange(name: "Riverside Rooms & Spa"), by: "test",
                                  at: try at.instant("2026-11-02 08:00"))
        try run("2026-11-02 08:00", .addPractitioner(name: "Anna Okafor"))
        try run("2026-11-02 08:00", .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900001")))
        try run("2026-11-02 08:00", .addClient(ClientDraft(name: "Grace Hopper", phone: "07700 900002", referredBy: "c1")))
        try run("2026-11-02 08:00", .book(client: "c1", practitioner: nil, start: t("2026-11-03 10:00"), minutes: 60, force: false))
        try run("2026-11-03 11:00", .attend("a1"))
        try run("2026-11-03 11:00", .book(client: "c2", practitioner: nil, start: t("2026-11-04 10:00"), minutes: 60, force: false))
        try run("2026-11-04 11:00", .attend("a2"))
        try run("2026-11-04 11:00", .book(client: "c1", practitioner: nil, start: t("2026-11-24 10:00"), minutes: 60, force: false))
        now = t("2026-11-05 09:00")
    }

    var p: Practice { log.practice }
    func t(_ s: String) -> Instant { try! DateInput(calendar: cal, now: Instant(ms: 0)).instant(s) }

    func run(_ at: String, _ command: Command) throws {
        let when = t(at)
        _ = try log.append(by: "test", at: when) { p in try command.event(in: p, now: when) }
    }
}
