import KeepwarmCore

/// One row of a clients file as Keepwarm reads it: the client to add, and what the row says about contacting them
/// (a status, consent per channel), written as events right after the client's `client.added`.
struct ClientRow {
    var client: NewClient
    /// The status the row gives when it is not active, and why (`client.status`).
    var status: (ClientStatus, reason: String?)?
    /// Consent recorded per channel (nil: every channel), given or withdrawn (`consent.changed`, how: import).
    var consent: [(ConsentChannel?, given: Bool)] = []
    /// What the file said about contact, for the dry run's counts.
    var said: Set<ConsentSaid> = []
    /// A status word Keepwarm does not know, as written.
    var unknownStatus: String?
    /// The other system's id for the client, and the id of whoever referred them (`id`, `referred-by`).
    var ref: String?
    var referredBy: String?

    /// Reads one row; throws the reason it is rejected.
    static func read(_ row: CSVRow, _ map: ColumnMap, header: [String], file: String, id: ClientID,
                     calendar: PracticeCalendar, today: Int, order: DateOrder? = nil) throws(CommandError) -> ClientRow {
        try CellLimits.check(row, map, header: header)
        let cells = Cells(row: row, map: map, header: header)
        let named: (name: String, given: String?)
        if let whole = cells.value(.name) {
            // A row that gives the given name in its own column has said which name is which: its whole name
            // stays as written (Keepwarm's own export, "name" beside "given name").
            named = cells.value(.first) != nil ? (whole, nil) : PersonName.whole(whole)
        } else {
            named = PersonName.parts(first: cells.value(.first), last: cells.value(.last))
        }
        let name = try Validate.name(named.name, what: "client")
        // A first-name column is the given name even beside a whole-name column (Keepwarm's own export has both).
        let given = cells.value(.first).flatMap { PersonName.parts(first: $0, last: nil).given } ?? named.given

        let contact = try cells.answer(.contact)
        let newsletter = try cells.answer(.newsletter)
        let recorded = try cells.answer(.consentRecorded)
        // Consent counts as asked only when the file gives the contact answer itself: a missing one is never a yes.
        let consentRecorded = contact != nil && (recorded.map { $0 } ?? (newsletter != nil))
        var out = ClientRow(client: NewClient(
            id: id, name: name, phone: try Validate.phone(cells.value(.phone)), email: try Validate.email(cells.value(.email)),
            source: cells.value(.source), contact: contact ?? true, newsletter: newsletter ?? false,
            consentRecorded: consentRecorded))
        // Kept only when the greeting would not find it in the name by itself ("Mary Ann" of "Mary Ann Smith").
        if let given, !PersonName.greets(name: name, as: given) { out.client.given = given }
        out.ref = cells.value(.id)
        out.client.ref = out.ref
        out.referredBy = cells.value(.referredBy)
        try out.readStanding(cells, file: file)
        try out.readConsent(cells, contact: contact, newsletter: newsletter)
        try out.readCadence(cells)
        try out.readHistory(cells, calendar: calendar, today: today, order: order)
        return out
    }

    /// The status column, the archived and do-not-contact flags: the strongest status any of them gives wins.
    private mutating func readStanding(_ cells: Cells, file: String) throws(CommandError) {
        let shortFile = file.split(separator: "/").last.map(String.init) ?? file
        let reasonColumn = cells.map.has(.statusReason)
        let reasonText = cells.value(.statusReason)
        func reason(_ word: String) -> String? { reasonText ?? (reasonColumn ? nil : "\(word) in \(shortFile)") }
        var best: (ClientStatus, reason: String?)?
        func offer(_ s: ClientStatus, _ r: String?) {
            if ClientStatusWords.strength(s) > ClientStatusWords.strength(best?.0 ?? .active) { best = (s, r) }
        }
        if let word = cells.value(.status) {
            if let s = ClientStatusWords.status(word) {
                offer(s, reason(ConsentWords.normal(word)))
                switch s {
                case .active: break
                case .doNotContact:
                    let t = ConsentWords.normal(word)
                    said.insert(["do not contact", "dnc"].contains(t) ? .doNotContact : .archived(t))
                case .discharged: said.insert(.discharged)
                case .deceased: said.insert(.deceased)
                case .movedAway: said.insert(.movedAway)
                }
            } else {
                unknownStatus = word
            }
        }
        let words = ConsentWords.archivedWords
        if try cells.flag(.archived, setBy: words.set, clearedBy: words.clear) {
            offer(.doNotContact, reason("archived"))
            said.insert(.archived("archived"))
        }
        let dnc = ConsentWords.doNotContactWords
        if try cells.flag(.doNotContact, setBy: dnc.set, clearedBy: dnc.clear) {
            offer(.doNotContact, reason("do not contact"))
            said.insert(.doNotContact)
            // Do not contact means every channel: consent withdrawn on all of them, and no contact at all.
            client.contact = false
            consent.append((nil, given: false))
        }
        if try OptOutColumns.any(cells, .deceased, OptOutColumns.deceasedWords) {
            offer(.deceased, reason("deceased"))
            said.insert(.deceased)
        }
        if let best, best.0 != .active { status = best }
    }

    /// Consent per channel: a no anywhere in the row (a channel's column, an unsubscribed flag) withdraws it, even
    /// beside a yes; a yes gives it; a row that says nothing leaves it unknown. Only what differs from what the
    /// client's contact answer already implies is written, so Keepwarm's own export comes back without extra events.
    private mutating func readConsent(_ cells: Cells, contact: Bool?, newsletter: Bool?) throws(CommandError) {
        if contact == false { said.insert(.doNotContact) }
        if newsletter == false { said.insert(.noMarketing) }
        let words = ConsentWords.unsubscribedWords
        let optOuts = try OptOutColumns.read(cells)
        if optOuts.marketing {
            // No marketing by any channel: consent is at most "not asked" (service messages may go), never given.
            client.newsletter = false
            if client.contact { client.consentRecorded = false }
            said.insert(.noMarketing)
        }
        let unsubscribed = try cells.flag(.unsubscribed, setBy: words.set, clearedBy: words.clear) || optOuts.channels.contains(.email)
        if unsubscribed {
            client.newsletter = false
            said.insert(.withdrew(.email))
        }
        for ch in optOuts.channels { said.insert(.withdrew(ch)) }
        guard !consent.contains(where: { $0.0 == nil }) else { return }  // withdrawn on every channel already
        let implied = client.consentRecorded && client.contact
        let columns: [(ImportField, ConsentChannel)] = [(.emailConsent, .email), (.smsConsent, .sms), (.postConsent, .post), (.phoneConsent, .phone)]
        for (field, channel) in columns {
            var answer = try cells.answer(field)
            if channel == .email && unsubscribed { answer = false }
            if optOuts.channels.contains(channel) { answer = false }
            guard let given = answer else { continue }
            if given && optOuts.marketing { continue }
            said.insert(given ? .gave(channel) : .withdrew(channel))
            if given && implied { continue }
            consent.append((channel, given: given))
        }
    }
}

/// What a file said about contacting a client, counted in the dry run ("12 do not contact, 3 archived …").
enum ConsentSaid: Hashable {
    case doNotContact, discharged, deceased, movedAway, noMarketing
    /// Archived, deleted or inactive in the other system, by the word it used.
    case archived(String)
    case withdrew(ConsentChannel), gave(ConsentChannel)
}

/// One row's cells by field, with the header of the column each came from for messages.
struct Cells {
    let row: CSVRow
    let map: ColumnMap
    let header: [String]

    func value(_ f: ImportField) -> String? { cell(f)?.value }

    /// The first non-empty value among the field's columns, trimmed, and that column's header.
    func cell(_ f: ImportField) -> (value: String, column: String)? {
        guard let (v, i) = map.cell(f, in: row) else { return nil }
        return (v, header.indices.contains(i) ? header[i] : f.rawValue)
    }

    /// A yes/no cell: true, false, or nil when empty or saying nothing; a word that is neither rejects the row.
    func answer(_ f: ImportField) throws(CommandError) -> Bool? {
        guard let (v, column) = cell(f) else { return nil }
        switch ConsentWords.answer(v) {
        case .yes?: return true
        case .no?: return false
        case .nothing?: return nil
        case nil: throw CommandError("\(column) is '\(v)'; use yes or no")
        }
    }

    /// A flag cell (see `ConsentWords.flag`); a word it cannot read rejects the row.
    func flag(_ f: ImportField, setBy: Set<String>, clearedBy: Set<String>) throws(CommandError) -> Bool {
        guard let (v, column) = cell(f) else { return false }
        guard let set = ConsentWords.flag(v, setBy: setBy, clearedBy: clearedBy) else {
            throw CommandError("\(column) is '\(v)'; use yes or no (or a date)")
        }
        return set
    }
}
