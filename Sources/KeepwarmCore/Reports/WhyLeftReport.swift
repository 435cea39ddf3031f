/// One practitioner's closes in the why-clients-left report: how many for each reason, per quarter.
public struct WhyLeftRow: Equatable, Sendable {
    /// Nil for clients with no attended appointment (only imported history).
    public let practitioner: PractitionerID?
    /// The practitioner's name, or "no practitioner".
    public let label: String
    /// Closes per reason per quarter: `counts[reason][quarter]`, in `WhyLeftReport.reasons` and `quarters` order.
    public let counts: [[Int]]
    /// The clients behind each count, `closes[reason][quarter]` (a client closed twice is listed twice, as counted):
    /// the drill-down's lists, so each list's length is its count by construction.
    public let closes: [[[FigureSubject]]]
    /// Closes per reason over the whole period.
    public var totals: [Int] { counts.map { $0.reduce(0, +) } }
    /// Every close of this practitioner's clients in the period.
    public var total: Int { totals.reduce(0, +) }
}

/// Why clients left (Docs/reports.md, "Why clients left"): the reasons given when lapsed clients were closed in the
/// weekly review, by practitioner (whose client they were, `WhoseClient`) and quarter.
public struct WhyLeftReport: Equatable, Sendable {
    public let period: ReportPeriod
    public let quarters: [ReportBucket]
    /// Practitioners in id order, then "no practitioner"; only those with a close in the period.
    public let rows: [WhyLeftRow]

    /// The rows of each table: every reason, then closes recorded without one (before reasons were asked, or by
    /// `keepwarm review --close` without `--reason`).
    public static let reasons: [LeftReason?] = LeftReason.allCases.map { $0 } + [nil]

    /// A reason's row label.
    public static func label(_ r: LeftReason?) -> String { r?.label ?? "not recorded" }
    /// A reason's key in JSON and CSV.
    public static func key(_ r: LeftReason?) -> String { r?.rawValue ?? "not-recorded" }

    public static let formula = "lapsed clients closed in the weekly review (lapse.reviewed, outcome closed, not undone) in the period, by the reason given, counted for the practitioner of their last attended appointment when they were closed"

    /// The report's default start: the first day of the quarter a year before this one, so four whole quarters and this one show.
    public static func defaultStartDay(_ p: Practice, now: Instant) -> Int {
        let (y, m, _) = Civil.date(fromDays: p.calendar.day(of: now))
        return Civil.days(y - 1, (m - 1) / 3 * 3 + 1, 1)
    }

    public static func build(_ p: Practice, since: Int?, now: Instant) -> WhyLeftReport {
        let period = ReportPeriod(calendar: p.calendar, startDay: since ?? defaultStartDay(p, now: now), now: now)
        let quarters = ReportCalendar.quarters(from: period.startDay, to: period.today, period: period)
        var byPractitioner: [PractitionerID?: [[[FigureSubject]]]] = [:]
        let empty = Array(repeating: Array(repeating: [FigureSubject](), count: quarters.count), count: reasons.count)
        for c in p.clients where !c.withdrawn {
            for r in WhyLeftCloses.counted(c, in: period) {
                guard case .closed = r.outcome, let q = ReportCalendar.index(of: p.calendar.day(of: r.at), in: quarters) else { continue }
                let who = WhoseClient.practitioner(of: r, p, c.id)
                let row = reasons.firstIndex(of: r.detail.reason)!
                byPractitioner[who, default: empty][row][q].append(.client(c.id))
            }
        }
        let ordered = byPractitioner.keys.sorted { a, b in
            switch (a, b) {
            case let (x?, y?): x < y
            case (_?, nil): true
            default: false
            }
        }
        let rows = ordered.map { id in
            WhyLeftRow(practitioner: id, label: id.map { p.practitioners[$0.index].name } ?? "no practitioner",
                       counts: byPractitioner[id]!.map { $0.map(\.count) }, closes: byPractitioner[id]!)
        }
        return WhyLeftReport(period: period, quarters: quarters, rows: rows)
    }
}

extension WhyLeftReport {
    /// One cell as a figure (for JSON and CSV, which carry every figure with its formula).
    public static func figure(_ reason: LeftReason?, _ count: Int) -> Figure {
        Figure(key: key(reason), label: label(reason), value: Double(count), numerator: count, unit: .clients, formula: formula)
    }
}
