import Foundation
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// The console's screen in memory: keys are fed from a queue and every frame is kept.
final class TestTerminal: Terminal {
    var size: (width: Int, height: Int)
    var keys: [Key] = []
    private(set) var frames: [Grid] = []
    var stopRequested = false
    /// How many times Ctrl-Z handed the terminal back (each returns at once, as after `fg`).
    private(set) var suspended = 0

    init(width: Int = 80, height: Int = 24) { size = (width, height) }

    func suspend() { suspended += 1 }

    func draw(_ grid: Grid) { frames.append(grid) }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        if keys.isEmpty {
            stopRequested = true
            return nil
        }
        return keys.removeFirst()
    }

    var screen: String { frames.last?.text ?? "" }
}

/// A practice on a real log in a temp directory, with a console over it at a fixed clock.
final class ConsoleFixture {
    let dir: String
    let log: EventLog
    let terminal: TestTerminal
    var now: Instant
    lazy var app = ConsoleApp(log: log, terminal: terminal, user: "sam", clock: { [unowned self] in self.now })

    init(now: String = "2026-11-23T11:00:00Z", width: Int = 80, height: Int = 24) throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-console-\(UUID().uuidString)").path
        self.now = DateInput.parseZonedISO(now)!
        log = try EventLog.create(path: dir + "/events.log", settings: SettingsChange(name: "Riverside Therapy Rooms"),
                                  by: "sam", at: Instant(ms: self.now.ms - 86_400_000 * 90))
        terminal = TestTerminal(width: width, height: height)
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    var p: Practice { log.practice }

    func t(_ s: String) -> Instant { try! DateInput(calendar: p.calendar, now: now).instant(s) }

    /// Records through the core, as another desk would.
    @discardableResult
    func record(_ at: String, _ c: Command) throws -> Event {
        let when = t(at)
        return try log.append(by: "anna", at: when) { p in try c.event(in: p, now: when) }
    }

    /// A small day: Ada (second visit, referred Grace) at 10:00 attended, Grace first visit at 14:00, Mo lapsed.
    func seedDay() throws {
        try record("2026-08-01 09:00", .addPractitioner(name: "Anna Okafor"))
        try record("2026-08-01 09:00", .addClient(ClientDraft(name: "Ada Lovelace", phone: "07700 900123", source: "Google")))
        try record("2026-08-01 09:00", .addClient(ClientDraft(name: "Mo Farah", phone: "07700 900456", source: "Instagram")))
        try record("2026-08-01 09:00", .book(client: "c2", practitioner: nil, start: t("2026-09-01 10:00"), minutes: 60, force: false))
        try record("2026-09-01 11:00", .attend("a1"))
        try record("2026-11-10 09:00", .book(client: "c1", practitioner: nil, start: t("2026-11-16 10:00"), minutes: 60, force: false))
        try record("2026-11-16 11:00", .attend("a2"))
        try record("2026-11-16 11:00", .book(client: "c1", practitioner: nil, start: t("2026-11-23 10:00"), minutes: 60, force: false))
        try record("2026-11-22 09:00", .addClient(ClientDraft(name: "Grace Hopper", referredBy: "c1")))
        try record("2026-11-22 09:00", .book(client: "c3", practitioner: nil, start: t("2026-11-23 14:00"), minutes: 60, force: false))
    }

    func press(_ keys: Key...) { for k in keys { app.press(k) } }
    /// Ticks until the reports screen's tables asked for (`R`) are in (a bounded wait, not a timing check): `R` shows
    /// the screen at once and the tables arrive as a message on a later tick (`TablesKept`).
    func waitForReports() {
        for _ in 0..<1000 where app.isWorkingOutTables || app.model.tables.asked != nil {
            usleep(10_000)
            app.tick()
        }
    }
    func type(_ s: String) { for c in s { app.press(.char(c)) } }
    var screen: String { terminal.screen }

    /// The events written since `count` lines of events.
    func newEvents(since count: Int) throws -> [EventBody] {
        let reread = try EventLog.open(path: log.path)
        _ = reread
        let text = try String(contentsOfFile: log.path, encoding: .utf8)
        return try text.split(separator: "\n").dropFirst(1 + count).map { line -> EventBody in
            guard case .event(let e) = try EventCodec.decode(Array(line.utf8)) else { throw CommandError("not an event") }
            return e.body
        }
    }
}

/// The model alone over a fixed snapshot, in a reference so a key press can sit inside `#expect`.
final class ModelDriver {
    var model = ConsoleModel(user: "sam")
    var data: ConsoleData
    let fixture: ConsoleFixture

    init(_ f: ConsoleFixture) {
        fixture = f
        data = ConsoleData(f.p, now: f.now)
    }

    /// A driver over the seeded day (`ConsoleFixture.seedDay`).
    static func seededDay() throws -> ModelDriver {
        let f = try ConsoleFixture()
        try f.seedDay()
        return ModelDriver(f)
    }

    func key(_ k: Key) -> [ConsoleAction] { model.handle(k, data: data, practice: fixture.p, now: fixture.now) }
    /// A message in (what came of an action), as the loop hands it to `handle`.
    @discardableResult
    func send(_ m: ConsoleMessage) -> [ConsoleAction] { model.handle(m, data: data, practice: fixture.p, now: fixture.now) }
    func reset() { model = ConsoleModel(user: "sam") }
}

/// What is wrong with a drawn screen, or nil: every cell one safe character, wide ones followed by their
/// continuation, and the terminal cursor never on the second half of a wide character.
func screenProblem(_ g: Grid) -> String? {
    for y in 0..<g.height {
        for x in 0..<g.width {
            let text = g[x, y].text
            if let bad = text.unicodeScalars.first(where: DisplayText.isUnsafe) {
                return "cell (\(x), \(y)) holds U+\(String(bad.value, radix: 16, uppercase: true))"
            }
            // A cell is one character, with any zero-width ones that followed it (the backend drops those that
            // are not combining marks).
            let w = DisplayText.width(text)
            if text.isEmpty {
                guard x > 0, DisplayText.width(g[x - 1, y].text) == 2 else { return "cell (\(x), \(y)) continues no wide character" }
            } else if w == 2 {
                guard x + 1 < g.width, g[x + 1, y].text.isEmpty else { return "wide \(text) at (\(x), \(y)) has no continuation" }
            } else if w != 1 || DisplayText.width(of: text.first!) != 1 {
                return "cell (\(x), \(y)) holds \(text.debugDescription), \(w) cells wide"
            }
        }
    }
    if let c = g.cursor {
        guard (0..<g.width).contains(c.x), (0..<g.height).contains(c.y) else { return "cursor \(c) off the screen" }
        if g[c.x, c.y].text.isEmpty { return "cursor \(c) on the second half of a wide character" }
    }
    return nil
}
