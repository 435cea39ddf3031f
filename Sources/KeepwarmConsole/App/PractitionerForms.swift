import KeepwarmCore

/// The forms for practitioners and for finding a free slot: what they ask and what their answers become.
extension ConsoleForms {
    static let hoursHint = "09:00-12:00,13:00-17:00 or off"
    static let weekdays = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

    static func practitionerForm(_ purpose: FormPurpose, practice p: Practice, now: Instant, folded: FoldedNames? = nil) -> Form {
        switch purpose {
        case .findFreeSlot(let client, let practitioner, let afterDay):
            let names = p.practitioners.filter { !$0.withdrawn }.map(\.name)
            var choices = ["any"] + names
            if let practitioner, let i = choices.firstIndex(of: p.practitioners[practitioner.index].name) {
                choices.remove(at: i)
                choices.insert(p.practitioners[practitioner.index].name, at: 0)
            }
            var form = Form(title: "Next free slot", fields: [
                // As in the booking form: look-alike clients told apart by id and phone, and the chosen one sent by id.
                client == nil
                    ? ClientSuggestions.field(key: "client", label: "Client", practice: p, names: folded, required: true, hint: "name or id")
                    : FormField(key: "client", label: "Client", value: p.clients[client!.index].name, required: true, hint: "name or id"),
                FormField(key: "minutes", label: "Minutes", value: "60", required: true),
                FormField(key: "with", label: "With", kind: .choice(choices)),
                FormField(key: "after", label: "From", value: afterDay.map { Civil.string(ofDay: $0) } ?? "", hint: "empty for now; tomorrow, +1w, 2026-12-14"),
            ])
            form.enterLabel = Keymap.enterLabel(purpose)
            return form
        case .addPractitioner:
            return Form(title: "New practitioner", fields: [FormField(key: "name", label: "Name", required: true)])
        case .renamePractitioner(let id):
            return Form(title: "Edit \(p.practitioners[id.index].name) (\(id))", fields: [
                FormField(key: "name", label: "Name", value: p.practitioners[id.index].name, required: true),
            ])
        case .practitionerHours(let id):
            let h = p.practitioners[id.index].hours ?? WorkingHours()
            return Form(title: "Working hours of \(p.practitioners[id.index].name) (\(id))", fields: (0..<7).map { d in
                // Typing replaces the day's hours whole, tabbing past keeps them (`selectsOnEntry`).
                var f = FormField(key: WorkingHours.dayNames[d], label: weekdays[d], value: h.days[d].isEmpty ? "off" : h.text(d), hint: hoursHint)
                f.selectsOnEntry = true
                return f
            })
        default:
            return make(purpose, practice: p, now: now)
        }
    }

    static func practitionerCommand(_ purpose: FormPurpose, _ f: Form, practice p: Practice) throws -> Command {
        switch purpose {
        case .addPractitioner:
            return .addPractitioner(name: f.value("name"))
        case .renamePractitioner(let id):
            return .editPractitioner(id.description, name: f.value("name"))
        case .practitionerHours(let id):
            var days: [Int: [WorkingRange]] = [:]
            for d in 0..<7 {
                switch WorkingHours.parseDay(f.value(WorkingHours.dayNames[d])) {
                case .success(let r): days[d] = r
                case .failure(let e): throw CommandError("\(weekdays[d]): \(e.message)")
                }
            }
            return .setHours(practitioner: id.description, days: days)
        default:
            throw CommandError("this form looks for free slots; it records nothing itself")
        }
    }

    /// What the free-slot form asks for, checked: a known client, a length, a practitioner or any, a day.
    static func freeSlotSearch(_ f: Form, practice p: Practice, now: Instant, preset: ClientID? = nil) throws -> FreeSlotSearch {
        // A picked suggestion goes by id, as does the client the form opened on, so a namesake never makes it ambiguous.
        let typed = f.value("client")
        let client = try p.resolveClient(preset.map { typed == p.clients[$0.index].name ? $0.description : typed } ?? f.submitted("client"))
        guard let minutes = Int(f.value("minutes")) else { throw CommandError("Minutes must be a whole number, not '\(f.value("minutes"))'") }
        try Validate.minutes(minutes)
        let with = f.value("with")
        let practitioner = with.isEmpty || with == "any" ? nil : try p.resolvePractitioner(with)
        var after = now
        if !f.value("after").isEmpty {
            let day = try DateInput(calendar: p.calendar, now: now).day(f.value("after"))
            after = max(now, p.calendar.instant(day: day, minute: 0))
        }
        return FreeSlotSearch(client: client, minutes: minutes, practitioner: practitioner, after: after)
    }
}
