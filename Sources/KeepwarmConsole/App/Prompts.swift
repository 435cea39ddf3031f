import KeepwarmCore

/// The short questions actions ask, in the practice's words.
enum Prompts {
    static func cancel(_ a: AppointmentID, name: String) -> ChoicePrompt {
        let id = a.description
        return ChoicePrompt(title: "Cancel \(id) for \(name): who cancelled?", options: [
            ChoiceOption(key: "c", label: "the client, with notice", then: .record(.cancel(id, by: .client, late: false))),
            ChoiceOption(key: "l", label: "the client, at late notice", then: .record(.cancel(id, by: .client, late: true))),
            ChoiceOption(key: "p", label: "the practice, with notice", then: .record(.cancel(id, by: .practice, late: false))),
            ChoiceOption(key: "P", label: "the practice, at late notice", then: .record(.cancel(id, by: .practice, late: true))),
        ])
    }

    static func rebook(_ r: RebookProposal, in p: Practice) -> ConfirmPrompt {
        let name = p.clients[r.client.index].name
        let who = p.practitioners[r.practitioner.index].name
        var lines = ["\(Describe.day(r.start, p)) at \(p.calendar.timeString(r.start)) with \(who), \(r.minutes) min",
                     "Interval: \(r.basis)."]
        if r.shiftedDays > 0 { lines.append("The usual day was taken, so this is \(r.shiftedDays) day\(r.shiftedDays == 1 ? "" : "s") later.") }
        lines.append("Enter books it · Esc cancels")
        return ConfirmPrompt(title: "Rebook \(name)", lines: lines, onConfirm: .record(.rebook(r.from.description)))
    }

    static func snooze(_ c: ClientID, name: String, today: Int) -> ChoicePrompt {
        let id = c.description
        return ChoicePrompt(title: "Snooze \(name) until…", options: [
            ChoiceOption(key: "1", label: "7 days", then: .record(.review(client: id, .snooze(untilDay: today + 7), note: nil))),
            ChoiceOption(key: "2", label: "14 days", then: .record(.review(client: id, .snooze(untilDay: today + 14), note: nil))),
            ChoiceOption(key: "3", label: "30 days", then: .record(.review(client: id, .snooze(untilDay: today + 30), note: nil))),
            ChoiceOption(key: "d", label: "a date, how and a note…", then: .form(.snoozeUntil(c))),
        ])
    }

    /// `x` in the lapsed pane: why, then "for ever?", because a closed client gets no more steps.
    static func close(_ c: ClientID, name: String) -> ChoicePrompt {
        let id = c.description
        func sure(_ reason: ClientStatus, _ words: String) -> ChoiceOption.Followup {
            .confirm(ConfirmPrompt(title: "Close \(name) for ever?", lines: [
                "Closed (\(words)): they leave the lapsed list and get no more steps.", "y closes · n keeps them",
            ], onConfirm: .record(.review(client: id, .close(reason), note: nil)), enterConfirms: false))
        }
        return ChoicePrompt(title: "Close \(name): why?", options: LapsedReview.closeReasons(c, name: name) + [
            ChoiceOption(key: "d", label: "do not contact", then: sure(.doNotContact, "do not contact")),
            ChoiceOption(key: "x", label: "discharged", then: sure(.discharged, "discharged")),
        ])
    }

    /// `s` on a step whose day has not come (often a second `s` just after the first recorded the step before it).
    static func early(_ kind: TouchpointKind, name: String, due: Int, _ command: Command) -> ConfirmPrompt {
        ConfirmPrompt(title: "\(kind.rawValue) for \(name) is not due yet", lines: [
            "It is due on \(Civil.string(ofDay: due)). Record it as sent today?", "y records it · n leaves it",
        ], onConfirm: .record(command), enterConfirms: false)
    }

    /// Enter or `d` in the callbacks list.
    static func returned(_ cb: Callback) -> ConfirmPrompt {
        var lines = ["\(cb.name), \(cb.phone)" + (cb.reason.map { ": \($0)" } ?? "")]
        lines.append("It leaves the callbacks list. y marks it returned · n keeps it")
        return ConfirmPrompt(title: "Mark the callback returned?", lines: lines,
                             onConfirm: .record(.returnCallback(cb.id.description)), enterConfirms: false)
    }

    /// Esc on a form whose fields were changed.
    static func discard(_ purpose: FormPurpose) -> ConfirmPrompt {
        ConfirmPrompt(title: "Discard this \(purpose.noun)?", lines: ["What was typed is lost.", "y discards · n keeps editing"],
                      onConfirm: .discardForm, enterConfirms: false)
    }

    static func thank(_ row: ThankYouRow) -> ChoicePrompt {
        let id = row.referral.id.description
        return ChoicePrompt(title: "Thank \(row.referrerName) for referring \(row.referredName): how?", options: [
            ChoiceOption(key: "e", label: "email", then: .record(.thank(id, via: .email, note: nil))),
            ChoiceOption(key: "p", label: "phone", then: .record(.thank(id, via: .phone, note: nil))),
            ChoiceOption(key: "t", label: "text message", then: .record(.thank(id, via: .text, note: nil))),
            ChoiceOption(key: "l", label: "letter or card", then: .record(.thank(id, via: .letter, note: nil))),
            ChoiceOption(key: "i", label: "in person", then: .record(.thank(id, via: .inPerson, note: nil))),
        ])
    }

    static func touchpoint(_ c: ClientID, name: String) -> ChoicePrompt {
        let keys: [Character] = ["p", "r", "c", "e", "l", "f", "a", "n"]
        return ChoicePrompt(title: "Record a touchpoint sent to \(name)", options: zip(keys, TouchpointKind.allCases).map { key, kind in
            ChoiceOption(key: key, label: kind.rawValue, then: .record(.touch(client: c.description, kind: kind, via: kind.usualChannel, note: nil)))
        })
    }

    static func milestone(_ c: ClientID, name: String) -> ChoicePrompt {
        ChoicePrompt(title: "Record a milestone for \(name)", options: [
            ChoiceOption(key: "g", label: "goal reached", then: .record(.milestone(client: c.description, .goalReached))),
            ChoiceOption(key: "s", label: "significant session", then: .record(.milestone(client: c.description, .significantSession))),
            ChoiceOption(key: "d", label: "discharge", then: .record(.milestone(client: c.description, .discharge))),
        ])
    }

    /// `s` on the card: every status, one key each. Deceased asks first, because nothing is ever sent to them again
    /// and the desk has their booked appointments to cancel (the diary marks them).
    static func status(_ c: ClientID, name: String) -> ChoicePrompt {
        ChoicePrompt(title: "Set \(name)'s status", options: ClientStatus.allCases.map { s in
            let set = Command.setStatus(client: c.description, s, reason: nil)
            switch s {
            case .active: return ChoiceOption(key: "a", label: "active", then: .record(set))
            case .movedAway: return ChoiceOption(key: "m", label: "moved away", then: .record(set))
            case .doNotContact: return ChoiceOption(key: "d", label: "do not contact", then: .record(set))
            case .discharged: return ChoiceOption(key: "x", label: "discharged", then: .record(set))
            case .deceased:
                return ChoiceOption(key: "D", label: "deceased", then: .confirm(ConfirmPrompt(title: "Record \(name) as deceased?", lines: [
                    "Nothing is sent to them again, by the desk or the autopilot.",
                    "Cancel their booked visits: the diary marks them deceased.", "y records it · n leaves it",
                ], onConfirm: .record(set), enterConfirms: false)))
            }
        })
    }
}

/// Client search by name: every word typed must appear in the name, ignoring case and accents.
public enum Search {
    public static func clients(_ p: Practice, _ names: FoldedNames, _ query: String, limit: Int = 200) -> [ClientID] {
        let words = FoldedNames.fold(query).split(separator: " ").map { Array($0.utf8) }
        guard !words.isEmpty else { return [] }
        var out: [ClientID] = []
        for (i, name) in names.folded.enumerated() where !name.isEmpty {
            if words.allSatisfy({ FoldedNames.contains(name, $0) }) {
                out.append(ClientID(i + 1))
                if out.count == limit { break }
            }
        }
        return out
    }
}

/// Clients' names folded once (lower case, no accents) as bytes, so each key typed in a search is a byte scan rather
/// than a Unicode fold of every name. Withdrawn clients have an empty entry.
public struct FoldedNames: Sendable {
    public private(set) var folded: [[UInt8]]

    public init(_ p: Practice) {
        folded = p.clients.indices.map { p.clients[$0].withdrawn ? [] : FoldedNames.bytes(p.clients[$0].name) }
    }

    /// Refolds the clients an event changed (new clients, renames, withdrawals).
    public mutating func update(_ p: Practice, _ changed: [Client]) {
        while folded.count < p.clients.count { folded.append([]) }
        for c in changed { folded[c.id.index] = c.withdrawn ? [] : FoldedNames.bytes(c.name) }
    }

    static func fold(_ s: String) -> String { Ownership.fold(s) }

    /// `fold` as bytes. Most names are plain ASCII, where folding is lowercasing; doing that by hand keeps a million-event
    /// practice's first frame from spending 50 ms in Foundation.
    static func bytes(_ s: String) -> [UInt8] {
        var out = [UInt8]()
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            if b >= 0x80 { return Array(fold(s).utf8) }
            out.append(b >= 0x41 && b <= 0x5A ? b + 0x20 : b)
        }
        return out
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        guard needle.count <= hay.count else { return false }
        if needle.isEmpty { return true }
        let first = needle[0], last = hay.count - needle.count
        var i = 0
        while i <= last {
            if hay[i] == first {
                var j = 1
                while j < needle.count && hay[i + j] == needle[j] { j += 1 }
                if j == needle.count { return true }
            }
            i += 1
        }
        return false
    }
}

/// Events and times in words for the status line.
public enum Describe {
    public static func event(_ e: Event, in p: Practice) -> String {
        if case .undone = e.body { return "undone" }
        if case .redone = e.body { return "redone" }
        return p.summary(of: e.body)
    }

    /// `Mon 30 Nov`.
    static func day(_ i: Instant, _ p: Practice) -> String {
        let d = p.calendar.day(of: i)
        let (_, m, dd) = Civil.date(fromDays: d)
        return "\(weekdays[Civil.weekday(ofDay: d)]) \(dd) \(months[m - 1])"
    }

    static let weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
}
