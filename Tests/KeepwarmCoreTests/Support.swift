import Foundation
@testable import KeepwarmCore

/// A fresh directory under the system temp folder, removed when the test's value goes away.
final class TempDir {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("kw-test-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// A real log in a temp directory, driven through the same commands the CLI uses, with the clock set per step.
final class Fixture {
    let dir = TempDir()
    let log: EventLog
    let cal = PracticeCalendar(identifier: "Europe/London")!

    init(start: String = "2026-01-05 09:00", settings: SettingsChange = SettingsChange(name: "Test practice")) throws {
        let path = dir.file("events.log")
        let at = DateInput(calendar: cal, now: Instant(ms: 0))
        log = try EventLog.create(path: path, settings: settings, by: "test", at: try at.instant(start))
        try run(start, .addPractitioner(name: "Anna Okafor"))
    }

    var p: Practice { log.practice }
    var path: String { log.path }

    /// A local `2026-10-10 23:30` (practice time) or a zoned ISO instant.
    func t(_ s: String) -> Instant { try! DateInput(calendar: cal, now: Instant(ms: 0)).instant(s) }

    @discardableResult
    func run(_ at: String, _ command: Command) throws -> Event {
        let now = t(at)
        return try log.append(by: "test", at: now) { p in try command.event(in: p, now: now) }
    }

    /// Adds a client and returns its id.
    func client(_ name: String, at: String = "2026-01-05 09:00", cadence: Int? = nil, contact: Bool = true,
                referredBy: String? = nil) throws -> ClientID {
        let e = try run(at, .addClient(ClientDraft(name: name, phone: "07700 90\(String(format: "%04d", p.clients.count))",
                                                   referredBy: referredBy, contact: contact, cadence: cadence)))
        guard case .clientAdded(let c) = e.body else { fatalError() }
        return c.id
    }

    /// Books and marks attended a session at a local time (booked just before it, so it is never "in the past").
    @discardableResult
    func session(_ client: ClientID, _ when: String, minutes: Int = 60, attended: Bool = true) throws -> AppointmentID {
        let start = t(when)
        let e = try log.append(by: "test", at: start.adding(minutes: -60)) { p in
            try Command.book(client: client.description, practitioner: nil, start: start, minutes: minutes, force: false)
                .event(in: p, now: start.adding(minutes: -60))
        }
        guard case .appointmentBooked(let id, _, _, _, _) = e.body else { fatalError() }
        let end = start.adding(minutes: minutes)
        try log.append(by: "test", at: end) { p in
            try (attended ? Command.attend(id.description) : Command.noShow(id.description)).event(in: p, now: end)
        }
        return id
    }

    func bytes() -> [UInt8] { Array(FileManager.default.contents(atPath: path) ?? Data()) }
}

/// Replaces a file's bytes, as a hand edit or a crash would (an editor keeps the file's owner-only mode).
func writeFile(_ path: String, contents: Data) throws {
    try contents.write(to: URL(fileURLWithPath: path))
    chmod(path, 0o600)
}

/// Bytes as printable text with `\xNN` for the rest, so a failing input can be read and rebuilt byte for byte.
func escapedLiteral(_ bytes: [UInt8]) -> String {
    var out = "\""
    for b in bytes {
        switch b {
        case 0x22: out += "\\\""
        case 0x5C: out += "\\\\"
        case 0x20..<0x7F: out.append(Character(Unicode.Scalar(b)))
        default: out += String(format: "\\x%02X", b)
        }
    }
    return out + "\""
}
