import KeepwarmCore

/// The weekly review's `S` and `z`'s date form take a note and how contact was made, as `c` does (issue 16: "every
/// review action takes an optional note and says how contact was made"). The one-key `s` and `z 1/2/3` stay quick.
enum ReviewNotes {
    /// A step's channels in the words a person reads (`ChannelName`), the step's usual one first.
    static func channels(_ kind: TouchpointKind) -> [String] {
        let usual = kind.usualChannel.map { [$0] } ?? []
        return (usual + Channel.allCases.filter { !usual.contains($0) }).map(ChannelName.of)
    }

    /// `S`: the due step, how it went out and a note.
    static func stepForm(_ id: ClientID, _ kind: TouchpointKind, _ p: Practice) -> Form {
        Form(title: "Record \(kind.rawValue) for \(p.clients[id.index].name)", fields: [
            FormField(key: "via", label: "How it went out", kind: .choice(channels(kind))),
            FormField(key: "note", label: "Note"),
        ])
    }

    static func stepCommand(_ id: ClientID, _ kind: TouchpointKind, _ f: Form) -> Command {
        let via = Channel.allCases.first { ChannelName.of($0) == f.value("via") }
        let note = f.value("note")
        return .touch(client: id.description, kind: kind, via: via, note: note.isEmpty ? nil : note)
    }

    /// `z`, `d`: the day, how contact was made (if it was) and a note.
    static func snoozeForm(_ id: ClientID, _ p: Practice) -> Form {
        Form(title: "Snooze \(p.clients[id.index].name) until", fields: [
            FormField(key: "until", label: "Date", required: true, hint: "2026-12-01, +3w, fri"),
            FormField(key: "via", label: "How contact was made", kind: .choice([LapsedReview.noContact] + ReviewContact.allCases.map(\.label))),
            FormField(key: "note", label: "Note"),
        ])
    }

    static func snoozeCommand(_ id: ClientID, _ f: Form, _ input: DateInput) throws -> Command {
        let via = ReviewContact.allCases.first { $0.label == f.value("via") }
        let note = f.value("note")
        return .review(client: id.description, .snooze(untilDay: try input.day(f.value("until"))), note: note.isEmpty ? nil : note, via: via)
    }

    /// What a review form asks before it records: a close "for ever?" (QA D6), a step not due yet or a second step
    /// today (as `s` asks); nil to record at once.
    static func askFirst(_ purpose: FormPurpose, _ command: Command, _ data: ConsoleData, _ p: Practice) -> ConfirmPrompt? {
        switch purpose {
        case .review: return LapsedReview.askBeforeClosing(purpose, command, p)
        case .sentStep(let id, let kind):
            guard let row = data.lapsed.first(where: { $0.client == id }) else { return nil }
            if row.nextDue > data.today { return Prompts.early(kind, name: row.name, due: row.nextDue, command) }
            return LapsedReview.stepAgain(row, p, today: data.today, command)
        default: return nil
        }
    }
}

extension ConsoleModel {
    /// `S` in the lapsed pane: the step that is due, with how it went out and a note.
    mutating func stepWithNote(_ row: LapsedRow, _ p: Practice, _ now: Instant) -> [ConsoleAction] {
        guard let kind = row.next.touchpoint else {
            status = StatusLine(text: "\(row.name) has had every step; snooze (z) or close (x) instead", isError: true)
            return []
        }
        // A call is recorded with how it went: its sheet asks, and takes the note.
        if kind.audience == .desk { return [.preview(.followUp(row.client, kind))] }
        openForm(.sentStep(row.client, kind), p, now)
        return []
    }
}
