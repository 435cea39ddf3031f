import KeepwarmCore

/// The console's forms: what each asks, and the command its answers become. Validation is the core's, so the
/// console and the CLI refuse the same things in the same words.
enum ConsoleForms {
    static let whenHint = "tue 10:00, tomorrow 9:30, +1w 14:00, 2026-12-01 10:00"

    /// `folded`: the console's folded client names, so a client-name field costs nothing to open.
    static func make(_ purpose: FormPurpose, practice p: Practice, now: Instant, folded: FoldedNames? = nil) -> Form {
        switch purpose {
        case .book(let client):
            let names = p.practitioners.filter { !$0.withdrawn }.map(\.name)
            return Form(title: "Book an appointment", fields: [
                client == nil
                    ? ClientSuggestions.field(key: "client", label: "Client", practice: p, names: folded, required: true, hint: "name or id")
                    : FormField(key: "client", label: "Client", value: client.map { p.clients[$0.index].name } ?? "",
                                required: true, hint: "name or id"),
                FormField(key: "when", label: "When", required: true, hint: whenHint),
                FormField(key: "minutes", label: "Minutes", value: "60", required: true),
                FormField(key: "with", label: "With", kind: .choice(names.isEmpty ? ["(no practitioners)"] : names)),
            ])
        case .move(let a):
            let appt = p.appointments[a.index]
            return Form(title: "Move \(a) (\(p.clients[appt.client.index].name), \(p.describe(appt.start)))", fields: [
                FormField(key: "to", label: "New time", required: true, hint: whenHint),
            ])
        case .newClient:
            return Form(title: "New client", fields: [
                FormField(key: "name", label: "Name", required: true),
                FormField(key: "phone", label: "Phone"),
                FormField(key: "email", label: "Email"),
                FormField(key: "source", label: "How did you hear about us?", suggestions: knownSources(p), hint: "Google, GP: …, a friend"),
                ClientSuggestions.field(key: "referredBy", label: "Referred by (client)", practice: p, names: folded,
                                        hint: "type a name to look them up"),
                // Asked, never pre-ticked: the form will not save until the client has answered.
                FormField(key: "contact", label: "Agrees to be contacted", kind: .toggle, value: "", required: true),
                FormField(key: "newsletter", label: "Wants the newsletter", kind: .toggle, value: "no"),
                FormField(key: "cadence", label: "Usual interval (days)", hint: "optional, e.g. 14"),
            ])
        case .editClient(let id):
            let c = p.clients[id.index]
            return Form(title: "Edit \(c.name) (\(id))", fields: [
                FormField(key: "name", label: "Name", value: c.name, required: true),
                FormField(key: "phone", label: "Phone", value: c.phone ?? ""),
                FormField(key: "email", label: "Email", value: c.email ?? ""),
                FormField(key: "source", label: "How did you hear about us?", value: c.source ?? "", suggestions: knownSources(p)),
                // Never asked (imported, or added without an answer): the question is open, not pre-ticked.
                FormField(key: "contact", label: "Agrees to be contacted", kind: .toggle,
                          value: c.consentRecorded ? (c.contact ? "yes" : "no") : ""),
                FormField(key: "newsletter", label: "Wants the newsletter", kind: .toggle, value: c.newsletter ? "yes" : "no"),
                FormField(key: "cadence", label: "Usual interval (days)", value: c.cadence.map(String.init) ?? "", hint: "empty for none"),
            ])
        case .feedback(let id):
            return Form(title: "Feedback from \(p.clients[id.index].name)", fields: [
                FormField(key: "score", label: "Score (1-5)", kind: .choice(["5", "4", "3", "2", "1"])),
                FormField(key: "comment", label: "Comment"),
            ])
        case .addCallback:
            return Form(title: "Callback owed", fields: [
                FormField(key: "name", label: "Name", suggestions: clientNames(p), required: true),
                FormField(key: "phone", label: "Phone", required: true),
                FormField(key: "reason", label: "Reason"),
                FormField(key: "by", label: "Promised by", hint: "empty for 24 hours from now; or today 17:00"),
            ])
        case .auditNote(let step):
            let a = p.openAudit?.answers[step]
            return Form(title: "Step \(step): \(AuditChecklist.steps[step - 1].title)", fields: [
                FormField(key: "owner", label: "Owner", value: a?.owner ?? "", hint: "who looks after this step"),
                FormField(key: "note", label: "Note", value: a?.note ?? ""),
            ])
        case .goToDay:
            var form = Form(title: "Show the diary on", fields: [
                FormField(key: "day", label: "Date", required: true, hint: "tomorrow, fri, +1w, 2026-12-07"),
            ])
            form.enterLabel = Keymap.enterLabel(purpose)
            return form
        case .findFreeSlot, .addPractitioner, .renamePractitioner, .practitionerHours:
            return practitionerForm(purpose, practice: p, now: now, folded: folded)
        case .holdAutopilot(let id):
            return AutopilotScreen.holdForm(id, p)
        case .importFile:
            return ImportScreen.form()
        case .review(let id):
            return LapsedReview.form(id, p)
        case .snoozeUntil(let id):
            return ReviewNotes.snoozeForm(id, p)
        case .sentStep(let id, let kind):
            return ReviewNotes.stepForm(id, kind, p)
        }
    }

    static func command(_ purpose: FormPurpose, _ f: Form, practice p: Practice, now: Instant) throws -> Command {
        let input = DateInput(calendar: p.calendar, now: now)
        func optional(_ k: String) -> String? { f.value(k).isEmpty ? nil : f.value(k) }
        func number(_ k: String, _ label: String) throws -> Int? {
            guard let t = optional(k) else { return nil }
            guard let n = Int(t) else { throw CommandError("\(label) must be a whole number, not '\(t)'") }
            return n
        }
        switch purpose {
        case .book(let preset):
            // The client the form opened on goes by id, so a namesake never makes it ambiguous.
            let typed = f.value("client")
            let client = preset.map { typed == p.clients[$0.index].name ? $0.description : typed } ?? f.submitted("client")
            return .book(client: client, practitioner: optional("with"), start: try input.instant(f.value("when")),
                         minutes: try number("minutes", "Minutes") ?? 60, force: false)
        case .move(let a):
            return .move(a.description, to: try input.instant(f.value("to")), force: false)
        case .newClient:
            return .addClient(ClientDraft(name: f.value("name"), phone: optional("phone"), email: optional("email"),
                                          source: optional("source"), referredBy: f.submitted("referredBy").isEmpty ? nil : f.submitted("referredBy"),
                                          contact: f.value("contact") == "yes", newsletter: f.value("newsletter") == "yes",
                                          cadence: try number("cadence", "The interval")))
        case .editClient(let id):
            let c = p.clients[id.index]
            var e = ClientEdit(client: id)
            if f.value("name") != c.name { e.name = f.value("name") }
            if f.value("phone") != (c.phone ?? "") { e.phone = f.value("phone") }
            if f.value("email") != (c.email ?? "") { e.email = f.value("email") }
            if f.value("source") != (c.source ?? "") { e.source = f.value("source") }
            if !f.value("contact").isEmpty, (f.value("contact") == "yes") != c.contact || !c.consentRecorded {
                e.contact = f.value("contact") == "yes"
            }
            if (f.value("newsletter") == "yes") != c.newsletter { e.newsletter = f.value("newsletter") == "yes" }
            let cadence = try number("cadence", "The interval")
            if cadence != c.cadence { e.cadence = cadence ?? 0 }
            guard !e.isEmpty else { throw CommandError("nothing changed; edit a field, or Esc to close") }
            return .editClient(client: id.description, e)
        case .feedback(let id):
            return .feedback(client: id.description, score: Int(f.value("score")) ?? 5, comment: optional("comment"))
        case .addCallback:
            let by = try optional("by").map { (t) throws(InputError) in try input.instant(t) } ?? now.adding(hours: 24)
            return .addCallback(name: f.value("name"), phone: f.value("phone"), reason: optional("reason"), by: by)
        case .auditNote(let step):
            guard let answer = p.openAudit?.answers[step]?.answer else { throw CommandError("answer the step first (y, n or ?)") }
            return .answerAudit(step: step, answer, note: optional("note"), owner: optional("owner"))
        case .importFile:
            // The import form asks for a dry run (`ConsoleAction.dryRunImport`), handled before it gets here.
            throw CommandError("a dry run records nothing")
        case .goToDay:
            // Going to a day records nothing: the form is handled before it gets here (`ConsoleModel.goToDay`).
            throw CommandError("going to a day records nothing")
        case .findFreeSlot, .addPractitioner, .renamePractitioner, .practitionerHours:
            return try practitionerCommand(purpose, f, practice: p)
        case .holdAutopilot(let id):
            return try AutopilotScreen.holdCommand(id, f, input)
        case .review(let id):
            return try LapsedReview.command(id, f, input)
        case .snoozeUntil(let id):
            return try ReviewNotes.snoozeCommand(id, f, input)
        case .sentStep(let id, let kind):
            return ReviewNotes.stepCommand(id, kind, f)
        }
    }

    /// Every client's name, for looking a client up as you type.
    static func clientNames(_ p: Practice) -> [String] {
        p.clients.lazy.filter { !$0.withdrawn }.map(\.name)
    }

    /// The sources this practice has already used, most common first, then the usual ones.
    static func knownSources(_ p: Practice) -> [String] {
        var counts: [String: Int] = [:]
        for c in p.clients where !c.withdrawn { if let s = c.source { counts[s, default: 0] += 1 } }
        let used = counts.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map(\.key)
        let usual = ["Google", "Instagram", "Facebook", "Word of mouth", "Client referral", "GP: "]
        return used + usual.filter { !counts.keys.contains($0) }
    }
}
