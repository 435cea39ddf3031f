/// One step's policy: sent by the autopilot on the first channel that reaches the client, listed for a person, or off.
public struct StepPolicy: Equatable, Sendable {
    public var policy: AutopilotPolicy
    /// In order of preference; only for `auto`.
    public var channels: [AutopilotChannel]

    public init(_ policy: AutopilotPolicy, channels: [AutopilotChannel] = []) {
        self.policy = policy
        self.channels = policy == .auto ? channels : []
    }

    /// `auto (email, sms)`, `desk`, `off`.
    public var text: String {
        policy == .auto ? "auto (\(channels.map(\.rawValue).joined(separator: ", ")))" : policy.rawValue
    }
}

/// When the autopilot may send: local times and weekdays, and at most `cap` messages a day (Docs/autopilot.md).
public struct AutopilotWindow: Equatable, Sendable {
    /// Minutes after local midnight; `from` before `to`.
    public var from: Int
    public var to: Int
    /// Weekdays it may send on, Monday 0.
    public var days: Set<Int>
    /// The most messages a day, all clients together.
    public var cap: Int

    public init(from: Int = 9 * 60, to: Int = 18 * 60, days: Set<Int> = Set(0..<7), cap: Int = 200) {
        self.from = from
        self.to = to
        self.days = days
        self.cap = cap
    }

    /// The range of `cap`, for the log and the CLI.
    public static let caps = 1...10_000

    /// `09:00-18:00`.
    public var hoursText: String { "\(WorkingHours.clock(from))-\(WorkingHours.clock(to))" }

    /// `mon,tue,wed,thu,fri` as the log writes it.
    public var daysText: String { days.sorted().map { WorkingHours.dayNames[$0] }.joined(separator: ",") }

    /// `09:00-18:00 mon-fri, at most 200 a day`.
    public var summary: String { "\(hoursText) \(AutopilotWindow.describe(days)), at most \(cap) a day" }

    /// `every day`, `mon-fri`, `mon,wed,fri`.
    public static func describe(_ days: Set<Int>) -> String {
        let d = days.sorted()
        if d.count == 7 { return "every day" }
        if let f = d.first, let l = d.last, d.count > 2, l - f + 1 == d.count {
            return "\(WorkingHours.dayNames[f])-\(WorkingHours.dayNames[l])"
        }
        return d.map { WorkingHours.dayNames[$0] }.joined(separator: ",")
    }

    /// Reads `mon-fri`, `mon,wed,fri`, `mon-fri,sun`, `every-day`, `all`; the reason says how to write it.
    public static func parseDays(_ text: String) -> Result<Set<Int>, HoursError> {
        let t = text.lowercased().trimmingCharacters(in: .whitespaces)
        if t == "all" || t == "every-day" || t == "daily" { return .success(Set(0..<7)) }
        var out = Set<Int>()
        for part in t.split(separator: ",") {
            let ends = part.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
            guard (1...2).contains(ends.count), let a = WorkingHours.weekday(named: ends[0]),
                  let b = WorkingHours.weekday(named: ends.last!), a <= b else {
                return .failure(HoursError("'\(part)' is not a weekday or a run of them: write e.g. mon-fri or mon,wed,fri"))
            }
            out.formUnion(a...b)
        }
        guard !out.isEmpty else { return .failure(HoursError("no days given: write e.g. --days mon-fri")) }
        return .success(out)
    }

    /// Reads `09:00-18:00`.
    public static func parseHours(_ text: String) -> Result<(Int, Int), HoursError> {
        switch WorkingHours.parseDay(text) {
        case .success(let r) where r.count == 1: return .success((r[0].start, r[0].end))
        case .success: return .failure(HoursError("'\(text)' must be one stretch of time, like 09:00-18:00"))
        case .failure(let e): return .failure(e)
        }
    }

    /// Whether `minute` of a local `day` is inside the window.
    public func isOpen(day: Int, minute: Int) -> Bool {
        days.contains(Civil.weekday(ofDay: day)) && minute >= from && minute < to
    }

    /// The first local day on or after `day` the window opens on, within a week; nil when no day is allowed.
    public func nextSendDay(onOrAfter day: Int) -> Int? {
        (day..<(day + 7)).first { days.contains(Civil.weekday(ofDay: $0)) }
    }
}

/// The practice's autopilot settings, kept in the log so every desk and every run agrees (`autopilot.policy`,
/// `autopilot.window`).
public struct AutopilotSettings: Equatable, Sendable {
    public var policies: [AutopilotStep: StepPolicy] = AutopilotSettings.defaults
    public var window = AutopilotWindow()

    public init() {}

    /// Reminders and post-session messages go by email then SMS; everything else is listed for the desk until the
    /// practice turns it on.
    public static let defaults: [AutopilotStep: StepPolicy] = Dictionary(uniqueKeysWithValues: AutopilotStep.allCases.map { s in
        (s, s == .reminder || s == .postSession ? StepPolicy(.auto, channels: [.email, .sms]) : StepPolicy(.desk))
    })

    /// A step's policy.
    public func policy(_ s: AutopilotStep) -> StepPolicy { policies[s] ?? AutopilotSettings.defaults[s]! }
}
