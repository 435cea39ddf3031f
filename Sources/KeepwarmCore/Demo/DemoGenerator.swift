import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes a realistic demo log: a small practice's life, day by day, up to a chosen moment, the same bytes every time
/// for the same seed, size and end.
public struct DemoGenerator {
    public let seed: UInt64
    /// About how many events to write (setup events mean a very small demo comes out somewhat bigger).
    public let eventTarget: Int
    public let end: Instant
    public let practiceName: String
    public let timeZone: String

    public init(seed: UInt64, events: Int, end: Instant, practiceName: String = "Riverside Therapy Rooms",
                timeZone: String = "Europe/London") {
        self.seed = seed
        self.eventTarget = max(1, events)
        self.end = end
        self.practiceName = practiceName
        self.timeZone = timeZone
    }

    /// One more practitioner per 85,000 events keeps a big demo to a dozen or so years of history: their diaries, not
    /// the calendar, set the pace.
    public var practitioners: Int { max(3, (eventTarget + 84_999) / 85_000) }

    /// Writes a complete log (header and events) to a new file at `path`, refusing to overwrite one; returns the number
    /// of events written.
    public func write(to path: String) throws -> Int {
        let calendar = try self.calendar()
        let plan = calibratedPlan(calendar)
        try Files.makeParentDirectories(of: path)
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            let e = errno
            throw e == EEXIST ? LogError.alreadyExists(path: path) : LogError.io(path: path, action: "create it", errno: e)
        }
        var complete = false
        defer {
            close(fd)
            // A half-written demo would read as a damaged log; better no file than that.
            if !complete { unlink(path) }
        }
        fchmod(fd, 0o600)
        var sim = simulation(plan, calendar, sink: DemoFileSink(fd: fd, path: path))
        sim.run()
        sim.sink.flush()
        if let error = sim.sink.error { throw error }
        guard fdatasync(fd) == 0 else { throw LogError.syncFailed(path: path, errno: errno) }
        Files.syncDirectory(of: path)
        complete = true
        return sim.emitted
    }

    /// The events `write(to:)` writes, in order; empty when the time zone is unknown. Holds them all, so keep it for
    /// small demos.
    public func events() -> [Event] {
        guard let calendar = try? self.calendar() else { return [] }
        var sim = simulation(calibratedPlan(calendar), calendar, sink: DemoCollectingSink())
        sim.run()
        return sim.sink.events
    }

    // MARK: planning

    /// Events a day brings per practitioner at full demand, and the weeks a new practice takes to fill its diaries,
    /// measured from the simulation: only a first guess, which `calibratedPlan` corrects.
    static let eventsPerPractitionerDay = 18.4
    static let rampDays = 30.0
    /// Long enough for clients to lapse through every step of the sequence before the end.
    static let minimumSpanDays = 150

    private func calendar() throws -> PracticeCalendar {
        guard let c = PracticeCalendar(identifier: timeZone) else {
            throw CommandError("unknown time zone '\(timeZone)': use a name like Europe/London or America/New_York")
        }
        return c
    }

    private func simulation<S: DemoSink>(_ plan: DemoPlan, _ calendar: PracticeCalendar, sink: S) -> DemoSimulation<S> {
        DemoSimulation(plan: plan, end: end, calendar: calendar,
                       settings: SettingsChange(name: practiceName, timeZone: timeZone),
                       practitioners: practitioners, target: eventTarget, seed: seed, sink: sink)
    }

    /// Picks how long and how busy the demo is so it comes out near `eventTarget`. One number, `work` (days at full
    /// demand), sets both: beyond the minimum span it is the span, below it the span stays at the minimum and demand
    /// shrinks. Trial runs (counted, not written; a fraction of the cost of writing) correct the first guess, and the
    /// closest trial's plan is the one used — the run is deterministic, so it comes out at exactly that count.
    func calibratedPlan(_ calendar: PracticeCalendar) -> DemoPlan {
        let endDay = calendar.day(of: end)
        let minSpan = Double(Self.minimumSpanDays)
        func plan(_ work: Double) -> DemoPlan {
            work >= minSpan
                ? DemoPlan(startDay: endDay - Int(work.rounded()), demand: 1)
                : DemoPlan(startDay: endDay - Self.minimumSpanDays, demand: max(0.001, work / minSpan))
        }
        let target = Double(eventTarget)
        // Practitioners after the first three join over the first quarter of the span, so count them at 7/8.
        let staffed = 3 + Double(practitioners - 3) * 0.875
        var work = target / (staffed * Self.eventsPerPractitionerDay) + Self.rampDays
        var best = (work: work, miss: Double.infinity)
        // Nearby spans differ by several percent by chance alone, so after the first correction the steps are damped
        // and the closest of the trials wins. A trial costs about an eighth of writing the demo, so big demos get fewer;
        // a huge one gets a single trial, as at that size the count is close to proportional to the span.
        let trials = eventTarget > 2_000_000 ? 1 : eventTarget > 300_000 ? 3 : 8
        for trial in 0..<trials {
            var sim = simulation(plan(work), calendar, sink: DemoCountingSink())
            sim.run()
            let counted = Double(max(1, sim.emitted))
            let miss = abs(counted - target) / target
            if miss < best.miss { best = (work, miss) }
            if miss < 0.01 { break }
            work *= trial == 0 ? target / counted : 1 + (target / counted - 1) / 2
        }
        return trials == 1 ? plan(work) : plan(best.work)
    }
}

/// Counts nothing itself: the simulation's own tally is all a trial needs.
struct DemoCountingSink: DemoSink {
    var stopped: Bool { false }
    mutating func take(_ event: Event) {}
}

/// Keeps every event, for tests and small demos.
struct DemoCollectingSink: DemoSink {
    var events: [Event] = []
    var stopped: Bool { false }
    mutating func take(_ event: Event) { events.append(event) }
}

/// Encodes events into log lines and writes them in 4 MB chunks.
struct DemoFileSink: DemoSink {
    static let chunkBytes = 4 << 20

    let fd: Int32
    let path: String
    private var buffer: [UInt8]
    private(set) var error: LogError?

    init(fd: Int32, path: String) {
        self.fd = fd
        self.path = path
        buffer = EventCodec.headerLine()
        buffer.reserveCapacity(Self.chunkBytes + 4096)
    }

    var stopped: Bool { error != nil }

    mutating func take(_ event: Event) {
        buffer.append(contentsOf: EventCodec.line(for: event))
        if buffer.count >= Self.chunkBytes { flush() }
    }

    mutating func flush() {
        guard error == nil, !buffer.isEmpty else { return }
        do {
            try Files.writeAll(fd, buffer, path: path)
        } catch {
            self.error = error
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
