import KeepwarmCore

/// The weekly review's scope of the lapsed pane: whose clients (`p`, nil: everyone) and which of them (`v`).
public struct LapsedScope: Equatable, Sendable {
    public var practitioner: PractitionerID?
    public var filter: LapsedFilter = .all

    public init(practitioner: PractitionerID? = nil, filter: LapsedFilter = .all) {
        self.practitioner = practitioner
        self.filter = filter
    }

    /// True when the pane shows less than the whole list.
    public var narrows: Bool { practitioner != nil || filter != .all }
}

/// The weekly review in the console (Docs/user-guide.md, "The weekly review"): `p`, `v`, `c`, the reasons `x` asks,
/// and the question a second step in a row asks.
enum LapsedReview {
    /// "Not contacted" first: a review that only snoozes says nothing about contact.
    static let noContact = "—"
    static let outcomes = ["contacted", "snooze 7 days", "snooze 14 days", "snooze 30 days", "close"]

    static func form(_ id: ClientID, _ p: Practice) -> Form {
        Form(title: "Review \(p.clients[id.index].name)", fields: [
            FormField(key: "outcome", label: "Outcome", kind: .choice(outcomes)),
            FormField(key: "via", label: "How contact was made", kind: .choice([noContact] + ReviewContact.allCases.map(\.label))),
            FormField(key: "reason", label: "Why they left (close)", kind: .choice([noContact] + LeftReason.allCases.map(\.label))),
            FormField(key: "note", label: "Note"),
        ])
    }

    static func command(_ id: ClientID, _ f: Form, _ input: DateInput) throws -> Command {
        let via = ReviewContact.allCases.first { $0.label == f.value("via") }
        let reason = LeftReason.allCases.first { $0.label == f.value("reason") }
        let today = input.calendar.day(of: input.now)
        let choice: ReviewChoice
        switch f.value("outcome") {
        case "snooze 7 days": choice = .snooze(untilDay: today + 7)
        case "snooze 14 days": choice = .snooze(untilDay: today + 14)
        case "snooze 30 days": choice = .snooze(untilDay: today + 30)
        case "close":
            guard let reason else { throw CommandError("choose why they left (Why they left), or another outcome") }
            choice = .close(reason.status)
        default: choice = .contacted
        }
        // Said in the form's words, not the CLI's (QA D14: the core's error names `--close`).
        if reason != nil, case .close = choice {} else if reason != nil {
            throw CommandError("Why they left goes with the outcome close: choose close, or set Why they left to \(noContact)")
        }
        let note = f.value("note")
        return .review(client: id.description, choice, note: note.isEmpty ? nil : note, via: via, reason: reason)
    }

    /// `x`'s reasons, each asking "for ever?" before it closes: the list the retention articles give.
    static func closeReasons(_ c: ClientID, name: String) -> [ChoiceOption] {
        let keys: [LeftReason: Character] = [.movedAway: "m", .job: "w", .cost: "c", .anotherTherapist: "t", .notGettingValue: "v",
                                             .badExperience: "b", .noReason: "n", .other: "o"]
        return LeftReason.allCases.map { r in
            ChoiceOption(key: keys[r]!, label: r.label, then: .confirm(closePrompt(name, r, .review(client: c.description, .close(r.status), note: nil, reason: r))))
        }
    }

    /// "Close NAME for ever?": only `y` closes, whether the close came from `x` or from the `c` form (QA D6).
    static func closePrompt(_ name: String, _ reason: LeftReason, _ command: Command) -> ConfirmPrompt {
        ConfirmPrompt(title: "Close \(name) for ever?", lines: [
            "Closed (\(reason.label)): they leave the lapsed list and get no more steps.", "y closes · n keeps them",
        ], onConfirm: .record(command), enterConfirms: false)
    }

    /// The `c` form's command, when it closes the client: it asks first (`closePrompt`), over the form.
    static func askBeforeClosing(_ purpose: FormPurpose, _ command: Command, _ p: Practice) -> ConfirmPrompt? {
        guard case .review(let id) = purpose, case .review(_, .close, _, _, let reason?) = command else { return nil }
        return closePrompt(p.clients[id.index].name, reason, command)
    }

    /// Whether the window under a confirmed question is the `c` form: its close then closes the form on success and
    /// shows a refusal (another desk closed them first) in it.
    static func isReviewForm(_ o: Overlay?) -> Bool {
        switch o {
        case .form(.review, _)?, .form(.sentStep, _)?: true
        default: false
        }
    }

    /// `s` when a lapsed step was already recorded for this client today: asks before a second one in a row.
    static func stepAgain(_ row: LapsedRow, _ p: Practice, today: Int, _ command: Command) -> ConfirmPrompt? {
        guard let last = p.clients[row.client.index].touchpoints.last(where: { t in
            t.kind == .reEngage || t.kind == .reactivationLetter || t.kind == .followUpCall
        }), p.calendar.day(of: last.at) == today else { return nil }
        guard case .touch(_, let kind, _, _) = command else { return nil }
        return ConfirmPrompt(title: "\(row.name) already had a step today", lines: [
            "\(last.kind.rawValue) was recorded at \(p.calendar.timeString(last.at)). Record \(kind.rawValue) as well?",
            "y records it · n leaves it",
        ], onConfirm: .record(command), enterConfirms: false)
    }

    /// The pane title: `Lapsed clients (59)`, or with a scope `Lapsed: Sam Okafor, due now (12)`.
    static func title(_ scope: LapsedScope, count: Int, _ p: Practice) -> String {
        guard scope.narrows else { return "Lapsed clients (\(count))" }
        let who = scope.practitioner.map { p.practitioners[$0.index].name } ?? "everyone"
        let filter = switch scope.filter {
        case .all: ""
        case .dueNow: ", due now"
        case .newSinceReview: ", new"
        }
        return "Lapsed: \(who)\(filter) (\(count))"
    }
}

extension ConsoleModel {
    /// `p`, `v`, `c` and `S` in the lapsed pane.
    mutating func reviewAction(_ action: KeyAction, data: ConsoleData, index i: Int, practice p: Practice, now: Instant) -> [ConsoleAction] {
        switch action {
        case .reviewPractitioner:
            let seeing = p.practitioners.filter { !$0.withdrawn }.map(\.id)
            let next: PractitionerID? = if let now = lapsedScope.practitioner, let at = seeing.firstIndex(of: now) {
                at + 1 < seeing.count ? seeing[at + 1] : nil
            } else { seeing.first }
            lapsedScope.practitioner = next
            status = StatusLine(text: next.map { "Lapsed: \(p.practitioners[$0.index].name)'s clients (p: next)" } ?? "Lapsed: everyone's clients",
                                isError: false)
        case .reviewFilter:
            let all = LapsedFilter.allCases
            lapsedScope.filter = all[(all.firstIndex(of: lapsedScope.filter)! + 1) % all.count]
            status = StatusLine(text: "Lapsed: showing \(lapsedScope.filter.label) (v: next)", isError: false)
        default:
            guard data.lapsed.indices.contains(i) else {
                status = StatusLine(text: "no lapsed client selected", isError: true)
                return []
            }
            if action == .sentStepWithNote { return stepWithNote(data.lapsed[i], p, now) }
            openForm(.review(data.lapsed[i].client), p, now)
        }
        return []
    }
}

extension ConsoleData {
    /// Brings the lapsed pane to the model's review scope; true if it changed, so the model puts its cursor back.
    public mutating func followReview(_ scope: LapsedScope, _ p: Practice, now: Instant) -> Bool {
        guard scope != lapsedScope else { return false }
        lapsedScope = scope
        narrowLapsed(p, now: now)
        return true
    }

    /// `lapsed` from the whole list and the scope, and the week's progress for whose clients are shown.
    mutating func narrowLapsed(_ p: Practice, now: Instant) {
        lapsed = lapsedScope.narrows
            ? WeeklyReview.rows(allLapsed, p, now: now, practitioner: lapsedScope.practitioner, filter: lapsedScope.filter)
            : allLapsed
        reviewProgress = WeeklyReview.progress(allLapsed, p, now: now, practitioner: lapsedScope.practitioner,
                                                weekReviewed: weekReviewed)
    }
}
