/// The two guesses `ColumnMap` makes for the person, kept apart from its rules for presets and `--map` so each can be
/// read (and tested) on its own; the dry run shows the outcome of both, column by column.
enum ColumnMatching {
    /// The columns whose headers are synonyms of a field, among those not `taken` by the preset or `--map`: for each
    /// field, its columns in order of preference (the synonym table's order, then the file's).
    static func synonyms(_ header: [String], taken: Set<Int>, forAppointments: Bool) -> [(ImportField, [Int])] {
        var found: [ImportField: [(rank: Int, column: Int)]] = [:]
        for (i, h) in header.enumerated() where !taken.contains(i) && !h.isEmpty {
            guard let m = HeaderSynonyms.field(for: h, forAppointments: forAppointments) else { continue }
            found[m.field, default: []].append((m.rank, i))
        }
        let order = forAppointments ? ImportField.appointmentFields : ImportField.clientFields
        return order.compactMap { f in
            found[f].map { (f, $0.sorted { ($0.rank, $0.column) < ($1.rank, $1.column) }.map(\.column)) }
        }
    }

    /// A "start" column beside a date column, holding only times of day (Jane's "Start Time", Keepwarm's own export's
    /// "start"), is the time of day: the start is the date column's day at that time. A start column that holds dates
    /// too (Acuity's "Start Time", `2024-03-07 09:30`) stays the start. A column named in `--map` is left as named.
    static func readTimesBesideADate(_ columns: inout [ImportField: [Int]], origins: inout [Int: String],
                                     table: CSVTable, named: Set<Int>) {
        guard columns[.date] != nil, columns[.time] == nil, let starts = columns[.start],
              starts.allSatisfy({ !named.contains($0) }) else { return }
        var sawOne = false
        for row in table.rows {
            for i in starts where row.fields.indices.contains(i) {
                let v = row.fields[i].trimmingCharacters(in: .whitespaces)
                if v.isEmpty { continue }
                guard ImportValues.minuteOfDay(v) != nil else { return }
                sawOne = true
            }
        }
        guard sawOne else { return }
        columns[.time] = starts
        columns[.start] = nil
        for i in starts { origins[i] = (origins[i] ?? "synonym") + "; times of day, on the date column's day" }
    }
}
