import KeepwarmCore

extension ConsoleModel {
    /// Handles one key: the model changes, and any commands to record come back as actions.
    public mutating func handle(_ key: Key, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        if key == .resize { return [] }
        if case .paste(let text) = key { return paste(text) }
        if key == .ctrl("c") || key == .ctrl("q") { return quit() }
        if !overlays.isEmpty { return handleOverlay(key, data: data, practice: p, now: now) }
        return handlePanes(key, data: data, practice: p, now: now)
    }

    /// A key pressed while the window is too small to show the console: the person cannot see what a key would act
    /// on, so only quitting works (and answering the "Quit?" it may ask); every other key and any paste does nothing.
    public mutating func handleTooSmall(_ key: Key) -> [ConsoleAction] {
        if case .confirm(let prompt) = overlays.last, prompt.onConfirm == .quit {
            switch key {
            case .enter, .char("y"), .escape, .char("n"):
                overlays.removeLast()
                if key == .enter || key == .char("y") {
                    wantsQuit = true
                    return [.quit]
                }
            default: break
            }
            return []
        }
        switch key {
        case .char("q"), .ctrl("c"), .ctrl("q"): return quit()
        default: return []
        }
    }

    /// A paste goes into the focused text field only, as text; it never acts as keys. Anywhere else it is dropped, and
    /// the status line says so.
    private mutating func paste(_ text: String) -> [ConsoleAction] {
        switch overlays.last {
        case .form(let purpose, var form):
            form.paste(text)
            overlays[overlays.count - 1] = .form(purpose, form)
        case .search(var s):
            let left = s.query.paste(text)
            s.cursor = ListCursor()
            overlays[overlays.count - 1] = .search(s)
            status = left > 0 ? StatusLine(text: "a search takes at most \(TextField.maxLength) characters; the rest of the paste was dropped", isError: true) : nil
        default:
            status = StatusLine(text: "Nothing was pasted: a paste goes only into a form or search field", isError: true)
        }
        return []
    }

    /// The command from the last form (or key) was written: close the form and say so.
    public mutating func recorded(_ event: Event, in p: Practice) {
        if awaitingForm, case .form = overlays.last { overlays.removeLast() }
        awaitingForm = false
        if case .undone = event.body {
            status = StatusLine(text: "↶ undone: " + (undoing ?? "your last action"), isError: false)
        } else if case .redone = event.body {
            status = StatusLine(text: "↷ redone: " + (undoing ?? "what you undid"), isError: false)
        } else {
            if event.body.isBookkeeping { return }
        status = StatusLine(text: "✓ " + Describe.event(event, in: p), isError: false)
        }
        undoing = nil
    }

    /// The command was refused or could not be written: the state is unchanged; say why where the person is looking.
    public mutating func failed(_ message: String) {
        if awaitingForm, case .form(let purpose, var form) = overlays.last {
            form.error = message
            overlays[overlays.count - 1] = .form(purpose, form)
        } else {
            status = StatusLine(text: message, isError: true)
        }
        awaitingForm = false
        undoing = nil
    }

    private mutating func quit() -> [ConsoleAction] {
        if hasHalfFilledForm {
            overlays.append(.confirm(ConfirmPrompt(title: "Quit?", lines: ["A form is half filled in.", "Quit and lose what was typed?"], onConfirm: .quit)))
            return []
        }
        wantsQuit = true
        return [.quit]
    }

    // MARK: panes

    private mutating func handlePanes(_ key: Key, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        if recordLeftBeforeKey(data, p) { return [] }
        let before = cursorRows
        defer { pinSelection(data, p, before: before) }
        status = nil
        let pane = focus
        let count = data.count(pane)
        var cursor = cursors[pane] ?? ListCursor()
        defer { cursors[pane] = cursor }
        switch key {
        case .tab: focus = PaneID(rawValue: (focus.rawValue + 1) % 4)!
        case .backTab: focus = PaneID(rawValue: (focus.rawValue + 3) % 4)!
        case .char(let c) where ("1"..."4").contains(c): focus = PaneID(rawValue: Int(String(c))! - 1)!
        case .down, .char("j"): cursor.move(by: 1, count: count)
        case .up, .char("k"): cursor.move(by: -1, count: count)
        case .pageDown: cursor.move(by: pageSize, count: count)
        case .pageUp: cursor.move(by: -pageSize, count: count)
        case .home, .char("g"): cursor.move(by: -count, count: count)
        case .end, .char("G"): cursor.move(by: count, count: count)
        case .char("Z"): zoomed.toggle()
        case .char("z") where focus != .lapsed: zoomed.toggle()
        case .char("q"): return quit()
        case .char("?"): overlays.append(.help(scroll: 0))
        case .char("/"): overlays.append(.search(SearchState()))
        case .char("+"): openForm(.newClient, p, now, names: data.names)
        case .char("f"): overlays.append(.followUps(ListCursor()))
        case .char("!"): overlays.append(.callbacks(ListCursor()))
        case .char("R"):
            overlays.append(.reports(.sources, scroll: 0))
            return [.record(.viewReport(.sources, exported: false))]
        case .char("u"):
            undoing = p.lastAction[user]?.summary(in: p)
            return [.record(.undo(by: user))]
        case .char("U"):
            undoing = p.lastAction.redoable(by: user)?.summary(in: p)
            return [.record(.redo(by: user))]
        case .enter:
            if let client = selectedClient(data, cursor.index) { overlays.append(.card(client)) }
        default:
            return paneAction(key, data: data, index: cursor.index, practice: p, now: now)
        }
        return []
    }

    private func selectedClient(_ data: ConsoleData, _ i: Int) -> ClientID? {
        switch focus {
        case .diary: data.diary.indices.contains(i) ? data.diary[i].appointment.client : nil
        case .lapsed: data.lapsed.indices.contains(i) ? data.lapsed[i].client : nil
        case .thankYous: data.thankYous.indices.contains(i) ? data.thankYous[i].referral.referrer : nil
        case .audit: nil
        }
    }

    private mutating func paneAction(_ key: Key, data: ConsoleData, index i: Int, practice p: Practice, now: Instant) -> [ConsoleAction] {
        switch (focus, key) {
        case (.diary, .char("b")):
            openForm(.book(client: nil), p, now, names: data.names)
            return []
        case (.diary, .char(let c)) where "ancmr".contains(c):
            guard data.diary.indices.contains(i) else { return nothing("no appointment selected") }
            let a = data.diary[i].appointment
            switch c {
            case "a": return [.record(.attend(a.id.description))]
            case "n": return [.record(.noShow(a.id.description))]
            case "c":
                overlays.append(.choice(Prompts.cancel(a.id, name: data.diary[i].clientName)))
            case "m":
                openForm(.move(a.id), p, now)
            default:
                do {
                    let r = try Rebook.propose(p, from: a.id, now: now)
                    overlays.append(.confirm(Prompts.rebook(r, in: p)))
                } catch {
                    status = StatusLine(text: error.message, isError: true)
                }
            }
            return []
        case (.lapsed, .char(let c)) where "szx".contains(c):
            guard data.lapsed.indices.contains(i) else { return nothing("no lapsed client selected") }
            let row = data.lapsed[i]
            switch c {
            case "s":
                guard let kind = row.next.touchpoint else {
                    return nothing("\(row.name) has had every step; snooze (z) or close (x) instead")
                }
                // A call is recorded only with how it went: its sheet asks, as in the follow-ups list.
                if kind.audience == .desk { return [.preview(.followUp(row.client, kind))] }
                let command = Command.touch(client: row.client.description, kind: kind, via: kind.usualChannel, note: nil)
                // A step not yet due is asked about: it is what a second `s` on the same row (the step just
                // recorded is no longer the due one) would otherwise record a second after the first.
                if row.nextDue > data.today {
                    overlays.append(.confirm(Prompts.early(kind, name: row.name, due: row.nextDue, command)))
                    return []
                }
                return [.record(command)]
            case "z": overlays.append(.choice(Prompts.snooze(row.client, name: row.name, today: data.today)))
            default: overlays.append(.choice(Prompts.close(row.client, name: row.name)))
            }
            return []
        case (.audit, .char("w")):
            return openWalkthrough(p, data)
        case (.audit, .char("v")):
            auditWorstFirst.toggle()
            return []
        case (.thankYous, .char("t")):
            guard data.thankYous.indices.contains(i) else { return nothing("no thank-you selected") }
            overlays.append(.choice(Prompts.thank(data.thankYous[i])))
            return []
        case (.thankYous, .char("m")):
            guard data.thankYous.indices.contains(i) else { return nothing("no thank-you selected") }
            return [.preview(.thankYou(data.thankYous[i].referral.id))]
        default:
            return []
        }
    }

    /// Opens the walkthrough at the first unanswered step, starting an audit if none is under way.
    public mutating func openWalkthrough(_ p: Practice, _ data: ConsoleData) -> [ConsoleAction] {
        let answers = p.openAudit?.answers ?? [:]
        let first = AuditChecklist.steps.first { answers[$0.number] == nil }?.number ?? AuditChecklist.steps.count + 1
        overlays.append(.walkthrough(step: first))
        return p.openAudit == nil ? [.record(.startAudit)] : []
    }

    /// The audit steps in the order the audit pane shows them.
    public func auditOrder(_ data: ConsoleData) -> [AuditStep] {
        guard auditWorstFirst, let s = data.audit else { return AuditChecklist.steps }
        let gaps = s.gaps.map(\.step)
        return gaps.map { AuditChecklist.steps[$0 - 1] } + AuditChecklist.steps.filter { !gaps.contains($0.number) }
    }

    private mutating func nothing(_ message: String) -> [ConsoleAction] {
        status = StatusLine(text: message, isError: true)
        return []
    }

    mutating func openForm(_ purpose: FormPurpose, _ p: Practice, _ now: Instant, names: FoldedNames? = nil) {
        overlays.append(.form(purpose, ConsoleForms.make(purpose, practice: p, now: now, folded: names)))
    }

    // MARK: overlays

    private mutating func handleOverlay(_ key: Key, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        if recordLeftBeforeKey(data, p) { return [] }
        let before = cursorRows
        defer { pinSelection(data, p, before: before) }
        let top = overlays.count - 1
        switch overlays[top] {
        case .help(let scroll):
            switch key {
            case .down, .char("j"), .char(" "), .pageDown: overlays[top] = .help(scroll: scroll + (key == .down || key == .char("j") ? 1 : 10))
            case .up, .char("k"), .pageUp: overlays[top] = .help(scroll: max(0, scroll - (key == .up || key == .char("k") ? 1 : 10)))
            case .char("q"):
                overlays.removeLast()
                return quit()
            default: overlays.removeLast()
            }
        case .search(var s):
            switch key {
            case .escape: overlays.removeLast()
            case .down: s.cursor.move(by: 1, count: Search.clients(p, data.names, s.query.text).count)
            case .up: s.cursor.move(by: -1, count: Search.clients(p, data.names, s.query.text).count)
            case .enter:
                let found = Search.clients(p, data.names, s.query.text)
                overlays.removeLast()
                if found.indices.contains(s.cursor.index) { overlays.append(.card(found[s.cursor.index])) }
                return []
            default:
                if s.query.handle(key) { s.cursor = ListCursor() }
            }
            if case .search = overlays.last { overlays[top] = .search(s) }
        case .card(let client):
            return cardKey(key, client, p, now)
        case .form(let purpose, var form):
            switch form.handle(key) {
            case .cancel:
                // Typing is never thrown away by one key: a changed form asks, an untouched one just closes.
                if form.isDirty {
                    overlays.append(.confirm(Prompts.discard(purpose)))
                } else {
                    overlays.removeLast()
                }
            case .submit:
                do {
                    let command = try ConsoleForms.command(purpose, form, practice: p, now: now)
                    overlays[top] = .form(purpose, form)
                    if case .addClient(let draft) = command, let ask = DuplicateClient.prompt(draft, p) {
                        overlays.append(.choice(ask))
                        return []
                    }
                    awaitingForm = true
                    return [.record(command)]
                } catch let e as InputError {
                    form.error = e.message
                } catch let e as CommandError {
                    form.error = e.message
                } catch {
                    form.error = "\(error)"
                }
                overlays[top] = .form(purpose, form)
            case .editing:
                overlays[top] = .form(purpose, form)
            }
        case .choice(var prompt):
            switch key {
            case .escape, .char("q"): overlays.removeLast()
            case .down, .char("j"): prompt.cursor = min(prompt.cursor + 1, prompt.options.count - 1)
            case .up, .char("k"): prompt.cursor = max(prompt.cursor - 1, 0)
            case .enter: return pick(prompt.options[prompt.cursor], p, now)
            case .char(let c):
                if let o = prompt.options.first(where: { $0.key == c }) { return pick(o, p, now) }
            default: break
            }
            if case .choice = overlays.last { overlays[top] = .choice(prompt) }
        case .confirm(let prompt):
            switch key {
            case _ where key == .char("y") || (key == .enter && prompt.enterConfirms):
                overlays.removeLast()
                switch prompt.onConfirm {
                case .record(let c): return [.record(c)]
                case .quit:
                    wantsQuit = true
                    return [.quit]
                case .discardForm:
                    if case .form = overlays.last { overlays.removeLast() }
                    status = StatusLine(text: "Form discarded: nothing recorded", isError: false)
                }
            case .escape, .char("n"):
                overlays.removeLast()
                if case .record = prompt.onConfirm { status = StatusLine(text: "Nothing recorded", isError: false) }
            default: break
            }
        case .followUps(var cursor):
            let rows = data.followUps
            switch key {
            case .escape, .char("q"), .char("f"): overlays.removeLast()
            case .down, .char("j"): cursor.move(by: 1, count: rows.count)
            case .up, .char("k"): cursor.move(by: -1, count: rows.count)
            case .enter:
                if rows.indices.contains(cursor.index) { overlays.append(.card(rows[cursor.index].client)) }
            case .char("s"):
                if rows.indices.contains(cursor.index) {
                    let r = rows[cursor.index]
                    // A call is recorded only with how it went (answered or voicemail): its sheet asks.
                    if r.kind.audience == .desk { return [.preview(.followUp(r.client, r.kind))] }
                    let command = Command.touch(client: r.client.description, kind: r.kind, via: r.kind.usualChannel, note: nil)
                    if r.dueDay > data.today {
                        overlays.append(.confirm(Prompts.early(r.kind, name: r.name, due: r.dueDay, command)))
                        return []
                    }
                    return [.record(command)]
                }
            case .char("m"):
                if rows.indices.contains(cursor.index) { return [.preview(.followUp(rows[cursor.index].client, rows[cursor.index].kind))] }
            default: break
            }
            if case .followUps = overlays.last { overlays[top] = .followUps(cursor) }
        case .message(let m):
            overlays.removeLast()
            if key == .char("s"), let request = m.request, request.refusalToSend == nil { return [.send(request)] }
        case .call(let sheet):
            if key == .escape || key == .char("q") {
                overlays.removeLast()
                status = StatusLine(text: "Call sheet closed: nothing recorded", isError: false)
            } else if let outcome = sheet.outcome(for: key) {
                overlays.removeLast()
                guard let command = outcome.command(client: sheet.client.description, kind: sheet.kind, note: nil) else {
                    status = StatusLine(text: sheet.noAnswerStatus, isError: false)
                    return []
                }
                return [.record(command)]
            }
        case .walkthrough(let step):
            return walkKey(key, step: step, top: top, data: data, practice: p, now: now)
        case .reports(let kind, let scroll):
            let kinds = ReportKind.allCases
            var next = kind
            switch key {
            case .escape, .char("q"), .char("R"): overlays.removeLast(); return []
            case .down, .char("j"): overlays[top] = .reports(kind, scroll: scroll + 1)
            case .up, .char("k"): overlays[top] = .reports(kind, scroll: max(0, scroll - 1))
            case .pageDown, .char(" "): overlays[top] = .reports(kind, scroll: scroll + pageSize)
            case .pageUp: overlays[top] = .reports(kind, scroll: max(0, scroll - pageSize))
            case .tab, .right: next = kinds[(kinds.firstIndex(of: kind)! + 1) % kinds.count]
            case .backTab, .left: next = kinds[(kinds.firstIndex(of: kind)! + kinds.count - 1) % kinds.count]
            case .char(let c) where ("1"..."3").contains(c): next = kinds[Int(String(c))! - 1]
            default: break
            }
            if next != kind {
                overlays[top] = .reports(next, scroll: 0)
                // Looking at the sources report is what audit step 14 asks about.
                if next == .sources { return [.record(.viewReport(.sources, exported: false))] }
            }
        case .callbacks(var cursor):
            let rows = data.callbacks
            switch key {
            case .escape, .char("q"), .char("!"): overlays.removeLast()
            case .down, .char("j"): cursor.move(by: 1, count: rows.count)
            case .up, .char("k"): cursor.move(by: -1, count: rows.count)
            case .char("a"): openForm(.addCallback, p, now)
            case .char("d"), .enter:
                // Returned is for ever (it leaves the list), so it asks; an Enter meant to open something does nothing.
                if rows.indices.contains(cursor.index) {
                    overlays[top] = .callbacks(cursor)
                    overlays.append(.confirm(Prompts.returned(rows[cursor.index].callback)))
                    return []
                }
            default: break
            }
            if case .callbacks = overlays.last { overlays[top] = .callbacks(cursor) }
        }
        return []
    }

    private mutating func walkKey(_ key: Key, step: Int, top: Int, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        let last = AuditChecklist.steps.count
        switch key {
        case .escape, .char("q"):
            overlays.removeLast()
            status = StatusLine(text: "The audit stays open: press w in the audit pane to carry on.", isError: false)
        case .left, .char("h"), .backTab: overlays[top] = .walkthrough(step: max(1, step - 1))
        case .right, .char("l"), .tab: overlays[top] = .walkthrough(step: min(last + 1, step + 1))
        case .char(let c) where step <= last && "yn?".contains(c):
            let answer: AuditAnswer = c == "y" ? .yes : c == "n" ? .no : .unsure
            let previous = p.openAudit?.answers[step]
            overlays[top] = .walkthrough(step: step + 1)
            return [.record(.answerAudit(step: step, answer, note: previous?.note, owner: previous?.owner))]
        case .char("o") where step <= last:
            guard p.openAudit?.answers[step] != nil else {
                status = StatusLine(text: "answer the step first (y, n or ?), then add an owner and a note", isError: true)
                return []
            }
            openForm(.auditNote(step: step), p, now)
        case .char("f") where step > last:
            guard let s = data.audit else { return [] }
            overlays.removeLast()
            return [.record(.finishAudit(inPlace: s.inPlace, evidenceMet: s.evidenceMet, evidenceSteps: s.evidenceSteps))]
        default: break
        }
        return []
    }

    private mutating func pick(_ o: ChoiceOption, _ p: Practice, _ now: Instant) -> [ConsoleAction] {
        overlays.removeLast()
        switch o.then {
        case .record(let c):
            // A choice over a form (add a client anyway) records the form's command: its result closes the form.
            if case .form = overlays.last { awaitingForm = true }
            return [.record(c)]
        case .card(let id):
            if case .form = overlays.last { overlays.removeLast() }
            overlays.append(.card(id))
            return []
        case .form(let purpose):
            openForm(purpose, p, now)
            return []
        case .confirm(let prompt):
            overlays.append(.confirm(prompt))
            return []
        }
    }

    private mutating func cardKey(_ key: Key, _ client: ClientID, _ p: Practice, _ now: Instant) -> [ConsoleAction] {
        let c = p.clients[client.index]
        switch key {
        case .escape: overlays.removeLast()
        case .char("q"): return quit()
        case .char("b"): openForm(.book(client: client), p, now)
        case .char("t"): overlays.append(.choice(Prompts.touchpoint(client, name: c.name)))
        case .char("m"): overlays.append(.choice(Prompts.milestone(client, name: c.name)))
        case .char("f"): openForm(.feedback(client), p, now)
        case .char("s"): overlays.append(.choice(Prompts.status(client, name: c.name)))
        case .char("e"): openForm(.editClient(client), p, now)
        default: break
        }
        return []
    }
}

extension TouchpointKind {
    /// How this touchpoint usually goes out, recorded when one key marks it sent.
    public var usualChannel: Channel? {
        switch self {
        case .reactivationLetter: .letter
        case .followUpCall, .noShowFollowUp: .phone
        case .referralAsk: .inPerson
        case .postSession, .rebookPrompt, .checkIn28, .reEngage: .email
        }
    }
}

extension LapseStep {
    /// The touchpoint that carries out this step, if it is one.
    public var touchpoint: TouchpointKind? {
        switch self {
        case .reEngage: .reEngage
        case .reactivationLetter: .reactivationLetter
        case .followUpCall: .followUpCall
        case .review: nil
        }
    }
}
