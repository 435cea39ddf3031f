import KeepwarmCore

extension ConsoleModel {
    /// Handles one key: the model changes, and any commands to record come back as actions.
    public mutating func handle(_ key: Key, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction] {
        defer { logStatus(at: now) }
        followSites(p)
        return dispatch(key, data: data, practice: p, now: now) ?? []
    }

    /// The key looked up in the keymap of where the person is (`keymap`), and its action performed. Nil only when the
    /// keymap binds the key to an action this place does not perform: a bug, which `KeymapTests` looks for.
    mutating func dispatch(_ key: Key, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        if key == .resize { return [] }
        if case .paste(let text) = key { return paste(text) }
        if case .mouse(let event) = key { return mouse(event, data: data, practice: p, now: now) }
        if let b = Keymap.everywhere.binding(for: key) { return b.action == .suspend ? [.suspend] : quit() }
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
        case .ctrl("z"): return [.suspend]
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
        case .find(var f):
            // Into the find line as text; the next key typed (or Enter) finds it.
            _ = f.query.paste(text)
            overlays[overlays.count - 1] = .find(f)
        default:
            status = StatusLine(text: "Nothing was pasted: a paste goes only into a form or search field", isError: true)
        }
        return []
    }

    /// The command from the last form (or key) was written: close the form and say so (`ConsoleMessage.recorded`).
    mutating func recorded(_ event: Event, in p: Practice) {
        if awaitingForm, case .form = overlays.last { overlays.removeLast() }
        if case .freeSlots = overlays.last, case .appointmentBooked = event.body { overlays.removeLast() }
        if case .practitionerAdded(let id, _) = event.body { selectAddedPractitioner(id, in: p) }
        awaitingForm = false
        addingAnyway = false
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

    /// The command was refused or could not be written: the state is unchanged; say why where the person is looking
    /// (`ConsoleMessage.refused`).
    mutating func failed(_ message: String) {
        if awaitingForm, case .form(let purpose, var form) = overlays.last {
            form.error = message
            overlays[overlays.count - 1] = .form(purpose, form)
        } else {
            status = StatusLine(text: message, isError: true)
        }
        awaitingForm = false
        addingAnyway = false
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

    private mutating func handlePanes(_ key: Key, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        if recordLeftBeforeKey(data, p) { return [] }
        let before = cursorRows
        defer { pinSelection(data, p, before: before) }
        status = nil
        guard let action = keymap.binding(for: key)?.action else { return [] }
        let pane = focus
        let count = data.count(pane)
        var cursor = cursors[pane] ?? ListCursor()
        defer { cursors[pane] = cursor }
        if cursor.perform(action, count: count, page: pageSize) { return [] }
        switch action {
        case .nextPane: focus = focus.next
        case .previousPane: focus = focus.previous
        case .goToPane:
            guard case .char(let c) = key, let pane = PaneID.numbered(c) else { return nil }
            focus = pane
        case .previousDay, .nextDay, .today, .goToDay: diaryDayAction(action, data, p, now)
        case .week: openWeek(day: data.diaryDay)
        case .practitioners: overlays.append(.practitioners(ListCursor()))
        case .autopilot: overlays.append(.autopilot(ListCursor()))
        case .importFile: openForm(.importFile, p, now)
        case .freeSlot: openForm(.findFreeSlot(client: nil, practitioner: nil, afterDay: nil), p, now, names: data.names)
        case .zoom: zoomed.toggle()
        case .nextSite:
            nextSite(p)
            cursor = ListCursor()
        case .quit: return quit()
        case .help: overlays.append(.help(scroll: 0))
        case .searchClients: overlays.append(.search(SearchState()))
        case .newClient: openForm(.newClient, p, now, names: data.names)
        case .followUps: openFollowUps(data)
        case .callbacks: overlays.append(.callbacks(ListCursor()))
        case .messageLog: openMessageLog()
        case .find: startFind(.pane(pane), at: cursor.index)
        case .nextMatch, .previousMatch:
            if let i = nextMatch(in: .pane(pane), data, p, from: cursor.index, forward: action == .nextMatch) { cursor.index = i }
        case .reports:
            overlays.append(.reports(.sources, scroll: 0))
            // Opening the reports is only a look: nothing is written (the owner marks the review with `v`).
            // The tables too are worked out off the key ("Working out the reports…"), for the drill-down even under charts.
            return (reportCharts ? wantCharts(p, now: now) : []) + wantTables(data, p, now: now)
        case .undo:
            undoing = p.lastAction[user]?.summary(in: p)
            return [.record(.undo(by: user))]
        case .redo:
            undoing = p.lastAction.redoable(by: user)?.summary(in: p)
            return [.record(.redo(by: user))]
        case .openCard:
            if let client = selectedClient(data, cursor.index) { overlays.append(.card(client)) }
        default:
            return paneAction(action, data: data, index: cursor.index, practice: p, now: now)
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

    private mutating func paneAction(_ action: KeyAction, data: ConsoleData, index i: Int, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        switch (focus, action) {
        case (.diary, .book):
            openForm(.book(client: nil), p, now, names: data.names)
            return []
        case (.diary, .attended), (.diary, .noShow), (.diary, .cancel), (.diary, .move), (.diary, .rebook):
            guard data.diary.indices.contains(i) else { return nothing("no appointment selected") }
            let a = data.diary[i].appointment
            switch action {
            case .attended: return [.record(.attend(a.id.description))]
            case .noShow: return [.record(.noShow(a.id.description))]
            case .cancel:
                overlays.append(.choice(Prompts.cancel(a.id, name: data.diary[i].clientName)))
            case .move:
                openForm(.move(a.id), p, now)
            default:
                do {
                    let r = try Rebook.propose(p, from: a.id, now: now)
                    overlays.append(.confirm(Prompts.rebook(r, in: p)))
                } catch {
                    status = StatusLine(text: ConsoleWords.console(error.message), isError: true)
                }
            }
            return []
        case (.lapsed, .sentNextStep), (.lapsed, .snooze), (.lapsed, .closeForEver):
            guard data.lapsed.indices.contains(i) else { return nothing("no lapsed client selected") }
            let row = data.lapsed[i]
            switch action {
            case .sentNextStep:
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
                if let again = LapsedReview.stepAgain(row, p, today: data.today, command) {
                    overlays.append(.confirm(again))
                    return []
                }
                return [.record(command)]
            case .snooze: overlays.append(.choice(Prompts.snooze(row.client, name: row.name, today: data.today)))
            default: overlays.append(.choice(Prompts.close(row.client, name: row.name)))
            }
            return []
        case (.lapsed, .reviewPractitioner), (.lapsed, .reviewFilter), (.lapsed, .reviewClient), (.lapsed, .sentStepWithNote):
            return reviewAction(action, data: data, index: i, practice: p, now: now)
        case (.audit, .walkAudit):
            return openWalkthrough(p, data)
        case (.audit, .worstFirst):
            auditWorstFirst.toggle()
            return []
        case (.thankYous, .thank):
            guard data.thankYous.indices.contains(i) else { return nothing("no thank-you selected") }
            overlays.append(.choice(Prompts.thank(data.thankYous[i])))
            return []
        case (.thankYous, .missedThankYous):
            overlays.append(.missedThankYous(ListCursor()))
            return []
        case (.thankYous, .preview):
            guard data.thankYous.indices.contains(i) else { return nothing("no thank-you selected") }
            return [.preview(.thankYou(data.thankYous[i].referral.id))]
        default:
            return nil
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
        addSiteField(p)
    }

    // MARK: overlays

    private mutating func handleOverlay(_ key: Key, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        if recordLeftBeforeKey(data, p) { return [] }
        let before = cursorRows
        defer { pinSelection(data, p, before: before) }
        let top = overlays.count - 1
        // Unbound keys do nothing here (a form's and a search's typing is their `otherKeys`).
        guard let action = keymap.binding(for: key)?.action else { return [] }
        if action == .help {
            overlays.append(.help(scroll: 0))
            return []
        }
        switch overlays[top] {
        case .help(let scroll):
            switch action {
            case .down: overlays[top] = .help(scroll: helpScrolled(scroll, by: 1))
            case .up: overlays[top] = .help(scroll: helpScrolled(scroll, by: -1))
            case .pageDown: overlays[top] = .help(scroll: helpScrolled(scroll, pages: 1))
            case .pageUp: overlays[top] = .help(scroll: helpScrolled(scroll, pages: -1))
            case .close: overlays.removeLast()
            default: return nil
            }
        case .search(var s):
            let count = Search.clients(p, data.names, s.query.text).count
            switch action {
            case .close: overlays.removeLast()
            case .down, .up, .pageDown, .pageUp: _ = s.cursor.perform(action, count: count, page: pageSize)
            case .openCard:
                let found = Search.clients(p, data.names, s.query.text)
                overlays.removeLast()
                if found.indices.contains(s.cursor.index) { overlays.append(.card(found[s.cursor.index])) }
                return []
            case .formKey:
                if s.query.handle(key) { s.cursor = ListCursor() }
            default: return nil
            }
            if case .search = overlays.last { overlays[top] = .search(s) }
        case .card(let client):
            return cardKey(action, client, p, now)
        case .form(let purpose, var form):
            guard action == .formKey else { return nil }
            switch form.handle(key) {
            case .cancel:
                // Typing is never thrown away by one key: a changed form asks, an untouched one just closes.
                if form.isDirty {
                    overlays.append(.confirm(Prompts.discard(purpose)))
                } else {
                    overlays.removeLast()
                }
            case .submit where purpose == .importFile:
                // The form stays until the dry run comes back: a file that cannot be read is fixed here.
                overlays[top] = .form(purpose, form)
                return [.dryRunImport(ImportScreen.request(form))]
            case .submit where purpose == .goToDay:
                form.error = goToDay(form, p, now, data)
                if form.error != nil { overlays[top] = .form(purpose, form) }
            case .submit:
                if case .findFreeSlot = purpose { return showFreeSlots(form, top: top, practice: p, now: now) }
                do {
                    let command = try ConsoleForms.command(purpose, form, practice: p, now: now)
                    overlays[top] = .form(purpose, form)
                    if case .addClient(let draft) = command, let ask = DuplicateClient.prompt(draft, p) {
                        overlays.append(.choice(ask))
                        return []
                    }
                    if let ask = ReviewNotes.askFirst(purpose, command, data, p) {
                        overlays.append(.confirm(ask))
                        return []
                    }
                    awaitingForm = true
                    return [.record(command)]
                } catch {
                    form.error = ConsoleWords.formError(error)
                }
                overlays[top] = .form(purpose, form)
            case .editing:
                overlays[top] = .form(purpose, form)
            }
        case .choice(var prompt):
            switch action {
            case .close: overlays.removeLast()
            case .down: prompt.cursor = min(prompt.cursor + 1, prompt.options.count - 1)
            case .up: prompt.cursor = max(prompt.cursor - 1, 0)
            case .pick where key == .enter: return pick(prompt.options[prompt.cursor], p, now)
            case .pick:
                guard case .char(let c) = key, let o = prompt.options.first(where: { $0.key == c }) else { return nil }
                return pick(o, p, now)
            default: return nil
            }
            if case .choice = overlays.last { overlays[top] = .choice(prompt) }
        case .confirm(let prompt):
            switch action {
            case .yes:
                overlays.removeLast()
                switch prompt.onConfirm {
                case .record(let c):
                    if LapsedReview.isReviewForm(overlays.last) { awaitingForm = true }
                    return [.record(c)]
                case .quit:
                    wantsQuit = true
                    return [.quit]
                case .discardForm:
                    if case .form = overlays.last { overlays.removeLast() }
                    status = StatusLine(text: "Form discarded: nothing recorded", isError: false)
                case .commitImport(let token):
                    return [.commitImport(token)]
                }
            case .no:
                overlays.removeLast()
                if case .record = prompt.onConfirm { status = StatusLine(text: "Nothing recorded", isError: false) }
                if case .commitImport = prompt.onConfirm { status = StatusLine(text: "Nothing imported: c asks again, Esc leaves", isError: false) }
            default: return nil
            }
        case .followUps(var cursor):
            let rows = data.followUps
            if cursor.perform(action, count: rows.count, page: pageSize) {
                overlays[top] = .followUps(cursor)
                return []
            }
            switch action {
            case .close:
                lastFollowUp = cursor.id
                overlays.removeLast()
            case .find: startFind(.followUps, at: cursor.index)
            case .nextMatch, .previousMatch:
                if let i = nextMatch(in: .followUps, data, p, from: cursor.index, forward: action == .nextMatch) { cursor.index = i }
            case .openCard:
                if rows.indices.contains(cursor.index) { overlays.append(.card(rows[cursor.index].client)) }
            case .markSent:
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
            case .preview:
                if rows.indices.contains(cursor.index) { return [.preview(.followUp(rows[cursor.index].client, rows[cursor.index].kind))] }
            default: return nil
            }
            if let i = overlays.lastIndex(where: { if case .followUps = $0 { true } else { false } }) { overlays[i] = .followUps(cursor) }
        case .message(let m):
            overlays.removeLast()
            if action == .send, let request = m.request, request.refusalToSend == nil { return [.send(request)] }
        case .call(let sheet):
            if action == .close {
                overlays.removeLast()
                status = StatusLine(text: "Call sheet closed: nothing recorded", isError: false)
            } else if let outcome = sheet.outcome(for: key) {
                overlays.removeLast()
                guard let command = outcome.command(client: sheet.client.description, kind: sheet.kind, note: nil) else {
                    status = StatusLine(text: sheet.noAnswerStatus, isError: false)
                    return []
                }
                return [.record(command)]
            } else {
                return nil
            }
        case .walkthrough(let step):
            return walkKey(action, key: key, step: step, top: top, data: data, practice: p, now: now)
        case .reports(let kind, let asked):
            var next = kind
            // Kept within the report (ReportsScroll), so a key up from the end moves at once.
            let scroll = reportsTop(kind, asked, data)
            switch action {
            case .close: overlays.removeLast(); return []
            case .down: overlays[top] = .reports(kind, scroll: reportsTop(kind, scroll + 1, data))
            case .up: overlays[top] = .reports(kind, scroll: max(0, scroll - 1))
            case .pageDown: overlays[top] = .reports(kind, scroll: reportsTop(kind, scroll + pageSize, data))
            case .pageUp: overlays[top] = .reports(kind, scroll: max(0, scroll - pageSize))
            case .halfPageDown: overlays[top] = .reports(kind, scroll: reportsTop(kind, scroll + max(1, pageSize / 2), data))
            case .halfPageUp: overlays[top] = .reports(kind, scroll: max(0, scroll - max(1, pageSize / 2)))
            case .first: overlays[top] = .reports(kind, scroll: 0)
            // The view stops scrolling at the report's end, whatever this says.
            case .last: overlays[top] = .reports(kind, scroll: reportsLastTop(kind, data) ?? Int(Int32.max))
            case .nextReport: next = kind.next
            case .previousReport: next = kind.previous
            case .toggleCharts:
                reportCharts.toggle()
                overlays[top] = .reports(kind, scroll: 0)
                // The screen shows at once ("Working out the charts…"); the loop works them out and hands them back.
                if reportCharts { return wantCharts(p, now: now) }
            case .report:
                guard case .char(let c) = key, let numbered = ReportKind.numbered(c) else { return nil }
                next = numbered
            case .drillDown: openDrill(.report(kind, figure: 0), data, p, now); return []
            case .markReviewed:
                guard kind == .sources else {
                    status = StatusLine(text: "v marks the sources report reviewed: press 1 for it first", isError: true)
                    return []
                }
                return [.record(.markReviewed(.sources))]
            default: return nil
            }
            if next != kind {
                overlays[top] = .reports(next, scroll: 0)
            }
        case .callbacks(var cursor):
            let rows = data.callbacks
            if cursor.perform(action, count: rows.count, page: pageSize) {
                overlays[top] = .callbacks(cursor)
                return []
            }
            switch action {
            case .close: overlays.removeLast()
            case .addCallback: openForm(.addCallback, p, now)
            case .find: startFind(.callbacks, at: cursor.index)
            case .nextMatch, .previousMatch:
                if let i = nextMatch(in: .callbacks, data, p, from: cursor.index, forward: action == .nextMatch) { cursor.index = i }
            case .returned:
                // Returned is for ever (it leaves the list), so it asks; an Enter meant to open something does nothing.
                if rows.indices.contains(cursor.index) {
                    overlays[top] = .callbacks(cursor)
                    overlays.append(.confirm(Prompts.returned(rows[cursor.index].callback)))
                    return []
                }
            default: return nil
            }
            if let i = overlays.lastIndex(where: { if case .callbacks = $0 { true } else { false } }) { overlays[i] = .callbacks(cursor) }
        case .messageLog(var cursor):
            if cursor.perform(action, count: messages.count, page: pageSize) {
                overlays[top] = .messageLog(cursor)
                return []
            }
            switch action {
            case .close: overlays.removeLast()
            case .find: startFind(.messageLog, at: cursor.index)
            case .nextMatch, .previousMatch:
                if let i = nextMatch(in: .messageLog, data, p, from: cursor.index, forward: action == .nextMatch) { cursor.index = i }
                overlays[top] = .messageLog(cursor)
            default: return nil
            }
        case .missedThankYous(var cursor):
            let rows = data.missedThankYous
            if cursor.perform(action, count: rows.count, page: pageSize) {
                overlays[top] = .missedThankYous(cursor)
                return []
            }
            switch action {
            case .close: overlays.removeLast()
            case .openCard:
                if rows.indices.contains(cursor.index) { overlays.append(.card(rows[cursor.index].referral.referrer)) }
            case .find: startFind(.missedThankYous, at: cursor.index)
            case .nextMatch, .previousMatch:
                if let i = nextMatch(in: .missedThankYous, data, p, from: cursor.index, forward: action == .nextMatch) { cursor.index = i }
            default: return nil
            }
            if let i = overlays.lastIndex(where: { if case .missedThankYous = $0 { true } else { false } }) { overlays[i] = .missedThankYous(cursor) }
        case .find(let find):
            return findKey(action, key: key, find, data, p)
        case .week(let w):
            return weekKey(action, w, top: top, data: data, practice: p, now: now)
        case .freeSlots(let search, let cursor):
            return freeSlotKey(action, search, cursor, top: top, practice: p, now: now)
        case .practitioners(let cursor):
            return practitionersKey(action, cursor, top: top, practice: p, now: now)
        case .autopilot(let cursor):
            return autopilotKey(action, cursor, top: top, data: data, practice: p, now: now)
        case .importFile(let state):
            return importKey(action, state, top: top)
        case .drill(let state):
            return drillKey(action, state, top: top, data: data, practice: p, now: now)
        }
        return []
    }

    private mutating func walkKey(_ action: KeyAction, key: Key, step: Int, top: Int, data: ConsoleData, practice p: Practice, now: Instant) -> [ConsoleAction]? {
        let last = AuditChecklist.steps.count
        switch action {
        case .close:
            overlays.removeLast()
            status = StatusLine(text: "The audit stays open: press w in the audit pane to carry on.", isError: false)
        case .previousStep: overlays[top] = .walkthrough(step: max(1, step - 1))
        case .nextStep: overlays[top] = .walkthrough(step: min(last + 1, step + 1))
        case .answer:
            guard step <= last, case .char(let c) = key, "yn?".contains(c) else { return nil }
            let answer: AuditAnswer = c == "y" ? .yes : c == "n" ? .no : .unsure
            let previous = p.openAudit?.answers[step]
            overlays[top] = .walkthrough(step: step + 1)
            return [.record(.answerAudit(step: step, answer, note: previous?.note, owner: previous?.owner))]
        case .ownerAndNote:
            guard step <= last else { return nil }
            guard p.openAudit?.answers[step] != nil else {
                status = StatusLine(text: "answer the step first (y, n or ?), then add an owner and a note", isError: true)
                return []
            }
            openForm(.auditNote(step: step), p, now)
        case .drillDown:
            guard step <= last else { return nil }
            openDrill(.audit(step: step), data, p, now)
        case .finishAudit:
            guard step > last else { return nil }
            guard let s = data.audit else { return [] }
            overlays.removeLast()
            return [.record(.finishAudit(inPlace: s.inPlace, evidenceMet: s.evidenceMet, evidenceSteps: s.evidenceSteps))]
        default: return nil
        }
        return []
    }

    private mutating func pick(_ o: ChoiceOption, _ p: Practice, _ now: Instant) -> [ConsoleAction] {
        overlays.removeLast()
        switch o.then {
        case .record(let c):
            // A choice over a form (add a client anyway) records the form's command: its result closes the form.
            if case .form = overlays.last { awaitingForm = true }
            if case .addClient(let d) = c { addingAnyway = d.evenIfDuplicate }
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

    private mutating func cardKey(_ action: KeyAction, _ client: ClientID, _ p: Practice, _ now: Instant) -> [ConsoleAction]? {
        let c = p.clients[client.index]
        if let actions = cardScrollAction(action, client, p, now) { return actions }
        if let actions = cardSessionAction(action, client, p, now) { return actions }
        switch action {
        case .close: overlays.removeLast()
        case .book: openForm(.book(client: client), p, now)
        case .touchpoint: overlays.append(.choice(Prompts.touchpoint(client, name: c.name)))
        case .milestone: overlays.append(.choice(Prompts.milestone(client, name: c.name)))
        case .feedback: openForm(.feedback(client), p, now)
        case .clientStatus: overlays.append(.choice(Prompts.status(client, name: c.name)))
        case .editClient: openForm(.editClient(client), p, now)
        default: return nil
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
        case .postSession, .rebookPrompt, .checkIn28, .reEngage, .reminder: .email
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
