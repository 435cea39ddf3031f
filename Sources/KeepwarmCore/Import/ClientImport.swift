import Foundation
import KeepwarmCore

/// `keepwarm import clients`: each row becomes a `client.added`, unless it repeats a client already in the log or
/// earlier in the file (skipped), or cannot be read (rejected, with the reason).
public enum ClientImport {
    public static func plan(_ table: CSVTable, map: ColumnMap, practice: Practice, by: String, at: Instant) -> ImportPlan {
        var plan = ImportPlan(file: table.file, rows: table.rows.count, unusedColumns: map.unused)
        var trial = Trial(practice: practice, by: by, at: at)
        // Who each duplicate key already belongs to: a client in the log, or a row of this file.
        var known: [String: String] = [:]
        let rule = Ownership(practice)
        for c in practice.clients where !c.withdrawn && c.erasedAt == nil {
            for k in DuplicateKey.keys(name: c.name, phone: c.phone, email: c.email, rule: rule) where known[k] == nil {
                known[k] = "\(c.name) (\(c.id)), already in the log"
            }
        }
        // Rows imported before, by their fingerprint (`ImportedRow`).
        var importedBefore: [String: ClientID] = [:]
        for c in practice.clients where !c.withdrawn && c.erasedAt == nil {
            if let row = c.importedRow { importedBefore[row] = c.id }
        }
        // How many rows of this file so far had each set of values, to tell namesakes on separate rows apart.
        var occurrences: [String: Int] = [:]
        var added: [ClientID] = []
        var unknownConsent = 0
        for row in table.rows {
            var client: NewClient
            do throws(CommandError) {
                client = try read(row, map, id: trial.practice.nextClientID)
            } catch {
                plan.rejected.append(SkippedRow(row: row.number, reason: error.message))
                continue
            }
            let values = ImportedRow.values(client, rule: rule)
            let occurrence = occurrences[values, default: 0] + 1
            occurrences[values] = occurrence
            client.row = ImportedRow.fingerprint(client, occurrence: occurrence, rule: rule)
            if let earlier = importedBefore[client.row!] {
                plan.alreadyImported.append(SkippedRow(row: row.number, reason: "\(client.name): imported before as \(earlier)"))
                continue
            }
            let keys = DuplicateKey.keys(name: client.name, phone: client.phone, email: client.email, rule: rule)
            if let match = keys.lazy.compactMap({ known[$0] }).first {
                let how = keys.first { known[$0] != nil }!.contains("|p:") ? "phone" : "email"
                plan.duplicates.append(SkippedRow(row: row.number, reason: "\(client.name): same name and \(how) as \(match)"))
                continue
            }
            do throws(ApplyError) {
                try trial.add(.clientAdded(client))
            } catch {
                plan.rejected.append(SkippedRow(row: row.number, reason: error.reason))
                continue
            }
            for k in keys where known[k] == nil { known[k] = "row \(row.number)" }
            added.append(client.id)
            if !client.consentRecorded { unknownConsent += 1 }
        }
        plan.events = trial.events
        plan.imported = added.count
        plan.summary = ["\(Wording.plural(added.count, "client"))\(Wording.span(added))"]
        if unknownConsent > 0 {
            plan.notes.append("\(Wording.plural(unknownConsent, "client")) with no contact or newsletter answer in the file: consent counted as not asked (contact allowed, no newsletter); ask them at their next visit")
        }
        return plan
    }

    static func read(_ row: CSVRow, _ map: ColumnMap, id: ClientID) throws(CommandError) -> NewClient {
        let whole = [map.value(.first, in: row), map.value(.last, in: row)].compactMap { $0 }.joined(separator: " ")
        let name = try Validate.name(map.value(.name, in: row) ?? whole, what: "client")
        let contact = try yesNo(.contact, row, map)
        let newsletter = try yesNo(.newsletter, row, map)
        return NewClient(id: id, name: name, phone: try Validate.phone(map.value(.phone, in: row)),
                         email: try Validate.email(map.value(.email, in: row)), source: map.value(.source, in: row),
                         contact: contact ?? true, newsletter: newsletter ?? false,
                         consentRecorded: contact != nil && newsletter != nil)
    }

    private static func yesNo(_ f: ImportField, _ row: CSVRow, _ map: ColumnMap) throws(CommandError) -> Bool? {
        guard let v = map.value(f, in: row) else { return nil }
        guard let b = ImportValues.bool(v) else { throw CommandError("\(f.rawValue) is '\(v)'; use yes or no") }
        return b
    }
}
