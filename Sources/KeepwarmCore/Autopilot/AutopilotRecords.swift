/// Where one autopilot attempt stands.
public enum AttemptOutcome: Equatable, Sendable {
    /// Written before the command ran, with nothing since: it may or may not have gone; a person decides.
    case unresolved
    /// It went (for a letter: written to the print queue); `confirmed` when a person said so.
    case sent(at: Instant, provider: String?, confirmed: Bool)
    /// It did not go; `retry` when the command asked to be tried again later.
    case failed(at: Instant, reason: String, retry: Bool, confirmed: Bool)
}

/// One try at sending an autopilot message, and what became of it.
public struct Attempt: Equatable, Sendable {
    public let start: AttemptStart
    public let at: Instant
    public let by: String
    public var outcome: AttemptOutcome = .unresolved
    /// For a letter: when `letter posted` recorded it; until then it is in the print queue.
    public var postedAt: Instant?

    public var id: AttemptID { start.id }
    public var isUnresolved: Bool { outcome == .unresolved }
}

/// The local day of a client's latest attempt, and its message's key (a retry of it is not a second message).
public struct AttemptDay: Equatable, Sendable {
    public let day: Int
    public let key: String
}

/// A client's automatic messages held by the desk.
public enum AutopilotHold: Equatable, Sendable {
    /// Held until the start of this local day.
    case until(Int)
    case indefinitely

    /// Whether the hold is still in force on a local day.
    public func holds(on day: Int) -> Bool {
        switch self {
        case .until(let d): day < d
        case .indefinitely: true
        }
    }
}

/// What the log says the autopilot has done: every attempt, by key, and the last run.
public struct AutopilotRecord: Equatable, Sendable {
    /// Dense by attempt id (`m1` at index 0).
    public internal(set) var attempts: [Attempt] = []
    /// Attempt ids by message key, oldest first.
    public internal(set) var byKey: [String: [AttemptID]] = [:]
    /// Attempts with no outcome yet, oldest first.
    public internal(set) var unresolved: [AttemptID] = []
    /// Attempt ids by the client they went to, oldest first.
    public internal(set) var byClient: [ClientID: [AttemptID]] = [:]
    /// The keys of every reminder tried, by appointment: whether its start time has had one.
    public internal(set) var reminderKeys: [AppointmentID: [String]] = [:]
    /// Letters written and not yet posted, oldest first.
    public internal(set) var printQueue: [AttemptID] = []
    /// Attempts per local day they were made (for the daily cap), and per client per local day (one a day).
    public internal(set) var perDay: [Int: Int] = [:]
    /// Each client's latest attempt: its local day and which message it was.
    public internal(set) var clientDays: [ClientID: AttemptDay] = [:]
    public internal(set) var lastRun: Instant?
    public internal(set) var lastRunSummary: RunSummary?
    /// The last run that sent or tried something.
    public internal(set) var lastActiveRun: Instant?

    public var nextID: AttemptID { AttemptID(attempts.count + 1) }

    public func attempt(_ id: AttemptID) -> Attempt? { attempts.indices.contains(id.index) ? attempts[id.index] : nil }

    /// The attempts at one message, oldest first.
    public func attempts(key: String) -> [Attempt] { (byKey[key] ?? []).map { attempts[$0.index] } }
}

extension AutopilotRecord {
    mutating func begin(_ a: Attempt, day: Int) throws(ApplyError) {
        attempts.append(a)
        byKey[a.start.key, default: []].append(a.id)
        byClient[a.start.client, default: []].append(a.id)
        if a.start.step == .reminder, let appt = a.start.appointment { reminderKeys[appt, default: []].append(a.start.key) }
        unresolved.append(a.id)
        perDay[day, default: 0] += 1
        clientDays[a.start.client] = AttemptDay(day: day, key: a.start.key)
    }

    /// Settles an attempt; only an unresolved one can be.
    @discardableResult
    mutating func settle(_ id: AttemptID, _ outcome: AttemptOutcome) throws(ApplyError) -> Attempt {
        guard attempts.indices.contains(id.index) else { throw ApplyError("unknown message attempt \(id)") }
        guard attempts[id.index].isUnresolved else { throw ApplyError("message attempt \(id) was already settled") }
        attempts[id.index].outcome = outcome
        unresolved.removeAll { $0 == id }
        if case .sent = outcome, attempts[id.index].start.channel == .letter { printQueue.append(id) }
        return attempts[id.index]
    }

    /// `letter posted` for a client: their queued letters of that kind leave the print queue.
    mutating func posted(client: ClientID, kind: TouchpointKind, at: Instant) {
        printQueue.removeAll { id in
            let s = attempts[id.index].start
            guard s.client == client, s.step.touchpoint == kind else { return false }
            attempts[id.index].postedAt = at
            return true
        }
    }
}

/// The heap cell behind `Practice.autopilot`: mutated only through its `_modify`, which copies it first unless this
/// practice is its only owner, so sharing it between copies of a practice is safe.
final class AutopilotStorage: @unchecked Sendable {
    var value: AutopilotRecord
    init(_ value: AutopilotRecord) { self.value = value }
}
