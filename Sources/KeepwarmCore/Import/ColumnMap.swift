import Foundation
import KeepwarmCore

/// Which columns of one file hold which fields: a preset's headers, overridden field by field by `--map`.
public struct ColumnMap: Sendable {
    /// For each field, the columns that may hold it, most preferred first.
    public let columns: [ImportField: [Int]]
    /// Headers of the columns that are not imported, for the dry run to show.
    public let unused: [String]
    /// Why each imported column (by index) means its field: "cliniko preset", "synonym", "--map", "saved map 'x'".
    public var origins: [Int: String] = [:]

    /// The first non-empty value among the field's columns, trimmed, without the apostrophe an export puts before text
    /// a spreadsheet would run as a formula (`ImportText.undefused`).
    public func value(_ field: ImportField, in row: CSVRow) -> String? { cell(field, in: row)?.value }

    /// The same value and the index of the column it came from (for messages that name the column).
    public func cell(_ field: ImportField, in row: CSVRow) -> (value: String, column: Int)? {
        for i in columns[field] ?? [] where row.fields.indices.contains(i) {
            let v = row.fields[i].trimmed
            if !v.isEmpty { return (ImportText.undefused(v), i) }
        }
        return nil
    }

    public func has(_ field: ImportField) -> Bool { !(columns[field] ?? []).isEmpty }

    /// Builds the map for `table` from a preset and an optional `--map "Column=field,…"`.
    public static func make(_ table: CSVTable, preset: ImportPreset, map: String?, forAppointments: Bool) throws(ImportError) -> ColumnMap {
        let allowed = forAppointments ? ImportField.appointmentFields : ImportField.clientFields
        let keys = table.header.map(normal)
        func indices(_ header: String) -> [Int] { keys.indices.filter { keys[$0] == normal(header) } }

        var columns: [ImportField: [Int]] = [:]
        var origins: [Int: String] = [:]
        for (field, headers) in preset.entries(forAppointments: forAppointments) {
            let found = headers.flatMap(indices)
            if !found.isEmpty { columns[field] = found }
            for i in found where origins[i] == nil { origins[i] = preset.label }
        }
        var explicit: [ImportField: [Int]] = [:]
        for entry in try parse(map, allowed: allowed, forAppointments: forAppointments) {
            let found = indices(entry.column)
            guard !found.isEmpty else {
                throw ImportError("--map: \(table.file) has no column '\(entry.column)'; its columns are \(list(table.header))")
            }
            explicit[entry.field, default: []] += found
        }
        // Synonyms fill what the preset left: fields it found no column for, from columns it did not claim.
        let named = Set(explicit.values.joined())
        for (field, found) in ColumnMatching.synonyms(table.header, taken: Set(origins.keys).union(named),
                                                      forAppointments: forAppointments) where columns[field] == nil {
            columns[field] = found
            for i in found { origins[i] = "synonym" }
        }
        for i in named { origins[i] = "--map" }
        // A column named in --map means only what --map says, whatever the preset thought.
        let claimed = Set(explicit.values.joined())
        for f in columns.keys { columns[f]?.removeAll { claimed.contains($0) } }
        for (f, cols) in explicit { columns[f] = cols }
        columns[.ignore] = nil
        columns = columns.filter { !$0.value.isEmpty }
        ColumnMatching.readTimesBesideADate(&columns, origins: &origins, table: table, named: named)

        let used = Set(columns.values.joined())
        let unused = table.header.indices.filter { !used.contains($0) && !table.header[$0].isEmpty }.map { table.header[$0] }
        var m = ColumnMap(columns: columns, unused: unused)
        m.origins = origins.filter { used.contains($0.key) }
        try m.requireColumns(table, preset: preset, forAppointments: forAppointments)
        return m
    }

    private func requireColumns(_ table: CSVTable, preset: ImportPreset, forAppointments: Bool) throws(ImportError) {
        let hint = "the \(preset.name) preset looks for \(ColumnMap.expected(preset, forAppointments: forAppointments)); name yours with --map, as in --map \"Column=field,…\" (\(table.file) has \(ColumnMap.list(table.header)))"
        if forAppointments {
            guard has(.client) || has(.clientID) || has(.name) || has(.first) || has(.last) || has(.email) || has(.phone) else {
                throw ImportError("\(table.file): no column says who the appointment is for; \(hint)")
            }
            guard has(.start) || has(.date) else { throw ImportError("\(table.file): no column gives the appointment's date; \(hint)") }
        } else {
            guard has(.name) || has(.first) || has(.last) else { throw ImportError("\(table.file): no column gives the client's name; \(hint)") }
        }
    }

    struct Entry { let column: String; let field: ImportField }

    static func parse(_ map: String?, allowed: [ImportField], forAppointments: Bool) throws(ImportError) -> [Entry] {
        guard let map, !map.trimmingCharacters(in: .whitespaces).isEmpty else { return [] }
        var out: [Entry] = []
        for part in map.split(separator: ",", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let column = pieces[0].trimmingCharacters(in: .whitespaces)
            guard pieces.count == 2, !column.isEmpty else {
                throw ImportError("--map: '\(part.trimmingCharacters(in: .whitespaces))' needs the form Column=field, as in --map \"First Name=first,Mobile=phone\"")
            }
            let name = pieces[1].trimmingCharacters(in: .whitespaces).lowercased()
            let what = forAppointments ? "appointments" : "clients"
            guard let field = ImportField(rawValue: name), allowed.contains(field) else {
                if let why = ImportField.notKept[name] { throw ImportError("--map: \(why); leave the column '\(column)' out of the map") }
                throw ImportError("--map: '\(name)' is not a field for importing \(what); use \(allowed.map(\.rawValue).joined(separator: ", "))")
            }
            out.append(Entry(column: column, field: field))
        }
        return out
    }

    static func normal(_ header: String) -> String { HeaderKey.of(header) }

    static func list(_ header: [String]) -> String {
        let shown = header.prefix(12).map { "'\($0)'" }.joined(separator: ", ")
        return header.count > 12 ? shown + ", …" : shown
    }

    static func expected(_ preset: ImportPreset, forAppointments: Bool) -> String {
        let entries = preset.entries(forAppointments: forAppointments).filter { $0.0 != .ignore && !$0.1.isEmpty }
        guard !entries.isEmpty else { return "the field names and their common synonyms" }
        return entries.map { "\($0.1[0])=\($0.0.rawValue)" }.joined(separator: ", ")
    }
}
