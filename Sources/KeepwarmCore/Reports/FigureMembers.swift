/// One record a figure counted: a client, one of their sessions, a referral, a callback, a milestone or a score.
/// The drill-down lists these, and every one but a callback leads on to a client's card.
public enum FigureSubject: Hashable, Sendable {
    case client(ClientID)
    case session(AppointmentID, client: ClientID)
    /// A referral, led to the client who made it (the one to thank).
    case referral(ReferralID, referrer: ClientID)
    /// A callback note: the caller need not be a client yet.
    case callback(CallbackID)
    case milestone(client: ClientID, at: Instant)
    case score(client: ClientID, at: Instant)

    /// The client whose card this record opens; nil for a callback.
    public var client: ClientID? {
        switch self {
        case .client(let c), .session(_, let c), .referral(_, let c), .milestone(let c, _), .score(let c, _): c
        case .callback: nil
        }
    }
}

/// The records behind a figure's numerator and denominator, worked out in the same pass as the figure itself, so the
/// length of each list is the number shown by construction (Docs/reports.md, "Drill-down").
///
/// `numerator` is nil when the numerator is not a count of records (the sum of satisfaction scores); the numerator's
/// records are always among the denominator's, in the same order.
public struct FigureMembers: Equatable, Sendable {
    public let numerator: [FigureSubject]?
    public let denominator: [FigureSubject]
    /// The denominator's records that are not in the numerator: the sessions that missed the step, the clients who did
    /// not come back. Its length is denominator − numerator. Worked out once, here, so a drill-down's every frame and
    /// key reads it without hashing a long list again.
    public let missed: [FigureSubject]
    /// What the two lists are called when "counted" and "missed" would mislead (`ListNames`); nil for most figures.
    public internal(set) var names: ListNames?

    public init(numerator: [FigureSubject]?, denominator: [FigureSubject]) {
        self.numerator = numerator
        self.denominator = denominator
        if let numerator, !numerator.isEmpty {
            let met = Set(numerator)
            missed = denominator.filter { !met.contains($0) }
        } else {
            missed = numerator == nil ? [] : denominator
        }
    }

    /// A plain count: the records counted are the whole list.
    public init(counted: [FigureSubject]) {
        numerator = counted
        denominator = counted
        missed = []
    }
}

/// Which of a figure's lists to show.
public enum FigureList: String, Sendable, CaseIterable {
    /// The records counted in the numerator (for a count, the records counted).
    case counted
    /// The denominator's records left out of the numerator.
    case missed
    /// Every record in the denominator.
    case all

    /// The chosen list of `m`.
    public func subjects(_ m: FigureMembers) -> [FigureSubject] {
        switch self {
        case .counted: m.numerator ?? m.denominator
        case .missed: m.missed
        case .all: m.denominator
        }
    }
}

/// The names of a share's two lists when its numerator is the bad thing: a no-show rate counts the no-shows, so the
/// rest of its sessions (`--missed`, the denominator's records not in the numerator) are the attended ones, not
/// sessions that "missed" anything. The drill-down opens such a figure on its counted list, the leak.
public struct ListNames: Equatable, Sendable {
    /// The numerator's records: `no-shows`.
    public let counted: String
    /// The denominator's other records: `attended (not no-shows)`.
    public let missed: String

    public init(counted: String, missed: String) {
        self.counted = counted
        self.missed = missed
    }
}

extension Figure {
    /// This figure with its lists named (`ListNames`).
    public func withListNames(_ names: ListNames) -> Figure {
        var m = members
        m?.names = names
        return Figure(key: key, label: label, value: value, numerator: numerator, denominator: denominator, unit: unit,
                      formula: formula, members: m)
    }

    /// Whether the figure has the three lists `m`, `--missed` and `--all` choose between: a share worked out from two
    /// lists of records. A count, a median or a mean has one list, the records it was worked out from.
    public var hasMissedList: Bool { unit == .share && members?.numerator != nil }

    /// Why `--missed` or `--all` has nothing to choose for this figure, in one line; nil when it has all three lists.
    public var oneListReason: String? {
        guard !hasMissedList, let m = members else { return nil }
        let n = (m.numerator ?? m.denominator).count
        let what = switch unit {
        case .days: "a median, worked out from one list (the \(n) gaps between sessions behind it)"
        case .score: "an average, worked out from one list (the \(n) scores behind it)"
        default: "a count: its one list is the \(n) \(DrillDown.noun(m.denominator, count: n)) counted"
        }
        return "\(key) is \(what); nothing is missed or left out of it"
    }
}
