import KeepwarmCore

/// Where the table in a file really starts and ends. Reports exported from practice systems put things around it: a
/// title line or, in Mindbody's, a row of column numbers (`1,2,3,…`) above the header, and a footer such as
/// `Total records: 2` or `Report generated 25/03/2026` below the data. Those rows are not clients: they are skipped and
/// listed in the dry run, so nothing is dropped unseen.
enum TableShape {
    /// How far down the header is looked for.
    static let headerSearchRows = 20
    /// How many rows at the end may be a footer.
    static let footerSearchRows = 10

    /// The index (into `rows`, blank rows already left out) of the header row.
    ///
    /// A header is a row whose non-empty cells are all words (each has a letter: a title line has one or two, a row
    /// of column numbers none, a data row usually has a phone, a date or an id among them). Among such rows near the
    /// top, the one naming the most columns a preset knows wins; with as many known, a later row wins only with at
    /// least twice the words (a header under a one-cell title), so a file whose first row is its header (nearly every
    /// file) keeps it even when a data row below fills more cells. The search stops at the first row that
    /// looks like data (words and numbers side by side) once a candidate is found: the header is above the data.
    static func headerIndex(_ rows: [CSVRow]) -> Int {
        var best = 0, bestScore = (known: -1, words: -1)
        for (i, row) in rows.prefix(headerSearchRows).enumerated() {
            let cells = row.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
            let words = cells.count(where: hasLetter)
            if words > 0 && words < cells.count && bestScore.known >= 0 { break }
            guard !cells.isEmpty, words == cells.count else { continue }
            let known = cells.count(where: { knownHeaders.contains(ColumnMap.normal($0)) })
            if known > bestScore.known || (known == bestScore.known && cells.count >= 2 * bestScore.words) {
                best = i
                bestScore = (known, cells.count)
            }
        }
        return best
    }

    /// How many rows at the end of `data` are a report's footer rather than data. Only rows that say so are taken:
    /// a first cell starting with Total, Count, Records, Report, Generated, Printed, Exported, Page N or End of, or a
    /// row with a single filled cell holding a digit or a colon (`2 records`, `Run: 25/03/2026`). A client row with
    /// only a name filled in has neither, so it stays a client.
    static func footerCount(_ data: [CSVRow], columns: Int) -> Int {
        var n = 0
        for row in data.reversed().prefix(footerSearchRows) {
            guard isFooter(row, columns: columns) else { break }
            n += 1
        }
        return n
    }

    static func isFooter(_ row: CSVRow, columns: Int) -> Bool {
        let cells = row.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
        guard let first = cells.first else { return false }
        let words = first.lowercased().split(whereSeparator: { !$0.isLetter && !$0.isNumber }).map(String.init)
        guard let head = words.first else { return false }
        let digits = cells.contains { $0.contains(where: \.isNumber) }
        if ["total", "totals", "subtotal", "count", "records"].contains(head), digits || cells.count == 1 { return true }
        if ["generated", "printed", "exported"].contains(head) { return true }
        if words.starts(with: ["grand", "total"]) || words.starts(with: ["end", "of"]) { return true }
        if head == "report", words.count > 1 { return true }
        if head == "page", words.count > 1, words[1].allSatisfy(\.isNumber) { return true }
        if cells.count == 1, columns > 1, first.contains(where: { $0.isNumber || $0 == ":" }) { return true }
        return false
    }

    static func hasLetter(_ s: String) -> Bool { s.unicodeScalars.contains { $0.properties.isAlphabetic } }

    /// Every header a preset looks for, and the field names themselves, as `ColumnMap` compares them.
    static let knownHeaders: Set<String> = {
        var out = Set(ImportField.allCases.map { ColumnMap.normal($0.rawValue) })
        for p in ImportPreset.all {
            for (_, headers) in p.clients + p.appointments { out.formUnion(headers.map(ColumnMap.normal)) }
        }
        return out
    }()
}
