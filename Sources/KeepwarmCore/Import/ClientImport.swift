import Foundation
import KeepwarmCore

/// `keepwarm import clients`: each row becomes a `client.added`, unless it repeats a client already in the log or
/// earlier in the file (skipped), or cannot be read (rejected, with the reason).
public enum ClientImport {
    public static func plan(_ table: CSVTable, map: ColumnMap, practice: Practice, by: String, at: Instant,
                            dates: DateReading = DateReading(order: nil, note: nil)) -> ImportPlan {
        var plan = ImportPlan(file: table.file, rows: table.rows.count, unusedColumns: map.unused)
        var trial = Trial(practice: practice, by: by, at: at)
        trial.practice.reserveCapacity(clients: table.rows.count)
        // Most rows make a client.added and up to two consent or status lines: room for that at once, since a list
        // that doubles briefly holds its old and new storage together (at 200,000 rows, 70 MB against 29).
        trial.events.reserveCapacity(3 * table.rows.count)
        // Who each duplicate key already belongs to: a client in the log (whose record a skipped row's withdrawals
        // are recorded on), or a row of this file (with the id that row gave, `ref`).
        var known: [String: FirstHolder] = [:]
        // Room for one key per client and row: most have a phone, an email or both, and a dictionary holds a quarter
        // more room than it is asked for, so twice this would take the next size up (at 200,000 rows, 50 MB, not 25).
        known.reserveCapacity(practice.clients.count + table.rows.count)
        let rule = Ownership(practice)
        for c in practice.clients where !c.withdrawn && c.erasedAt == nil {
            for k in DuplicateKey.keys(name: c.name, phone: c.phone, email: c.email, rule: rule) where known[k] == nil {
                known[k] = .log(c.id)
            }
        }
        // Rows imported before, by their fingerprint (`ImportedRow`).
        var importedBefore: [String: ClientID] = [:]
        for c in practice.clients where !c.withdrawn && c.erasedAt == nil {
            if let row = c.importedRow { importedBefore[row] = c.id }
        }
        // How many rows of this file so far had each set of values (by their FNV hash, which the fingerprint is made
        // from anyway: hashing the values' bytes once is far cheaper than hashing accented text as a String key), to
        // tell namesakes on separate rows apart.
        var occurrences: [UInt64: Int] = [:]
        occurrences.reserveCapacity(table.rows.count)
        var added: [ClientID] = []
        var unknownConsent = 0
        var tally = ConsentTally()
        var referrals = ImportReferrals(practice)
        // Clients already in the log whose skipped row withdrew something (see ImportWithdrawals).
        var withdrawn = 0
        // The rows that looked like an earlier row but had their own id.
        var lookAlike: [Int] = []
        // Referrals named on the referred client's own client.added (their referrer came on an earlier row).
        var referredOnTheirLine = 0
        let reader = ClientRowReader(map: map, header: table.header, file: table.file, calendar: practice.calendar,
                                     today: practice.calendar.day(of: at), order: dates.order, rule: rule)
        reader.forEach(table.rows) { row, result in
            let readRow: ReadRow
            switch result {
            case .success(let r): readRow = r
            case .failure(let error):
                plan.rejected.append(SkippedRow(row: row.number, reason: error.message))
                return
            }
            var read = readRow.read
            read.client.id = trial.practice.nextClientID
            var client = read.client
            let rowKeys = readRow.keys
            let values = readRow.values
            let occurrence = occurrences[values, default: 0] + 1
            occurrences[values] = occurrence
            client.row = ImportedRow.fingerprint(valuesHash: values, occurrence: occurrence)
            if let earlier = importedBefore[client.row!] {
                plan.alreadyImported.append(SkippedRow(row: row.number, reason: "\(client.name): imported before as \(earlier)"))
                referrals.known(ref: read.ref, as: earlier)
                withdrawn += record(ImportWithdrawals.events(read, for: earlier, in: trial.practice), &trial)
                return
            }
            let keys = DuplicateKey.keys(rowKeys)
            // Each key looked up once (hashing accented names is most of a look-up's cost): who had it first, and
            // the id their row gave.
            let seen = keys.map { known[$0] }
            // Two rows of Keepwarm's own export under different ids (c12, c40) were two clients a practice kept
            // apart, so both come back (the dry run says so). Another system's duplicate records are usually the
            // same person entered twice, so the rule holds for them, against the log, and between rows without ids.
            let sameRecord = { (i: Int) -> Bool in
                guard let first = seen[i] else { return false }
                guard let mine = read.ref, let theirs = first.ref, keepwarmID(mine), keepwarmID(theirs) else { return true }
                return mine == theirs
            }
            let same = keys.indices.first(where: sameRecord)
            if same == nil && seen.contains(where: { $0 != nil }) {
                lookAlike.append(row.number)
            }
            if let i = same, let match = seen[i] {
                let how = keys[i].contains("|p:") ? "phone" : "email"
                plan.duplicates.append(SkippedRow(row: row.number, reason: "\(client.name): same name and \(how) as \(match.who(practice))"))
                if let existing = seen.lazy.compactMap({ $0?.client }).first {
                    withdrawn += record(ImportWithdrawals.events(read, for: existing, in: trial.practice), &trial)
                }
                return
            }
            // A referrer on an earlier row is named on the client's own line; one on a later row gets a
            // referral.recorded once both are in (see ImportReferrals).
            if let referrer = referrals.earlier(read.referredBy) {
                client.referredBy = referrer
                client.referral = trial.practice.nextReferralID
            }
            do throws(ApplyError) {
                try trial.add(.clientAdded(client))
                // What the row says about contact goes right after the client it is about, in the same batch.
                if let (status, reason) = read.status { try trial.add(.clientStatusChanged(client.id, status, reason: reason)) }
                for (channel, given) in read.consent { try trial.add(.consentChanged(client.id, channel, given: given, how: .imported)) }
            } catch {
                plan.rejected.append(SkippedRow(row: row.number, reason: error.reason))
                return
            }
            for (k, had) in zip(keys, seen) where had == nil {
                known[k] = .row(row.number, ref: read.ref)
            }
            added.append(client.id)
            if client.referral != nil { referredOnTheirLine += 1 }
            referrals.added(read, as: client.id, row: row.number)
            tally.count(read)
            if !client.consentRecorded { unknownConsent += 1 }
        }
        let referralNotes = referrals.recordLater(&trial)
        plan.events = trial.events
        plan.imported = added.count
        plan.summary = ["\(Wording.plural(added.count, "client"))\(Wording.span(added))"]
        let referralCount = referredOnTheirLine + referrals.recorded
        if referralCount > 0 { plan.summary.append(Wording.plural(referralCount, "referral")) }
        if tally.anythingSaid {
            plan.notes += tally.notes
        } else if unknownConsent > 0 {
            plan.notes.append("\(Wording.plural(unknownConsent, "client")) with no contact or newsletter answer in the file: consent counted as not asked (contact allowed, no newsletter); ask them at their next visit")
        }
        plan.notes += referralNotes
        if !lookAlike.isEmpty {
            let shown = lookAlike.prefix(5).map { "row \($0)" }.joined(separator: ", ")
            plan.notes.append("\(Wording.plural(lookAlike.count, "row")) \(lookAlike.count == 1 ? "has" : "have") the same name and phone or email as an earlier row but \(lookAlike.count == 1 ? "its" : "their") own id in the file (\(shown)\(lookAlike.count > 5 ? ", …" : "")): imported as separate clients, as the file keeps them; if two are one person, keep one and close the other with keepwarm client status CLIENT do-not-contact --reason duplicate")
        }
        if withdrawn > 0 {
            plan.notes.append("\(Wording.plural(withdrawn, "client")) already in the log, skipped, but the file now says not to contact them (archived, do not contact or unsubscribed): recorded on their records")
        }
        if let note = dates.note { plan.notes.insert(note, at: 0) }
        return plan
    }

    /// Who first had a duplicate key: a client already in the log, or a row of this file with the id it gave in the
    /// file's own `id` column. Kept small (one is held per key of every row: 400,000 for 200,000 rows), its wording
    /// made only when a duplicate is reported.
    enum FirstHolder {
        case log(ClientID)
        case row(Int, ref: String?)

        var ref: String? { if case .row(_, let ref) = self { ref } else { nil } }
        var client: ClientID? { if case .log(let id) = self { id } else { nil } }

        /// How the dry run names them.
        func who(_ p: Practice) -> String {
            switch self {
            case .log(let id): "\(p.clients[id.index].name) (\(id)), already in the log"
            case .row(let n, _): "row \(n)"
            }
        }
    }

    /// An id as Keepwarm writes it (`c12`): the row comes from Keepwarm's own export.
    static func keepwarmID(_ s: String) -> Bool {
        s.count > 1 && s.hasPrefix("c") && s.dropFirst().allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// Adds a skipped row's withdrawals to the batch; 1 when there were any.
    private static func record(_ events: [EventBody], _ trial: inout Trial) -> Int {
        var any = 0
        for e in events {
            do throws(ApplyError) { try trial.add(e); any = 1 } catch { continue }
        }
        return any
    }
}
