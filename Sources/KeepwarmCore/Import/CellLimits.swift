import KeepwarmCore

/// How long one cell of a file may be, per field. A 10 MB "source" used to be imported whole, and the client list then
/// took 8.9 s to draw (QA D4): a cell over its field's limit rejects its row in the dry run, naming the column and the
/// limit, and nothing of that row is written.
enum CellLimits {
    /// A name has the limit every name in Keepwarm has (`Validate.name`: 10,000); a phone number and an email address
    /// have theirs by nature (an address is at most 254 characters, RFC 5321; 320 allows the older reading); anything
    /// else a file says in a cell (a source, a status reason, an id, a date, a yes or no) fits in 1,000.
    static func limit(_ f: ImportField) -> Int {
        switch f {
        case .name, .first, .last, .client, .practitioner: 10_000
        case .phone: 100
        case .email: 320
        default: 1_000
        }
    }

    /// Throws for the first cell of `row` in an imported column that is longer than its field allows.
    static func check(_ row: CSVRow, _ map: ColumnMap, header: [String]) throws(CommandError) {
        for (field, columns) in map.columns where field != .ignore {
            let most = limit(field)
            for i in columns where row.fields.indices.contains(i) {
                // Counted on the cell as read: the UTF-8 length bounds the characters, so most cells are never walked.
                let cell = row.fields[i]
                guard cell.utf8.count > most else { continue }
                let n = cell.unicodeScalars.count
                guard n > most else { continue }
                let column = header.indices.contains(i) ? header[i] : field.rawValue
                throw CommandError("\(column) is \(grouped(n)) characters long; a \(field.rawValue) is at most \(grouped(most)): shorten it in the file")
            }
        }
    }

    /// 10000000 as 10,000,000.
    static func grouped(_ n: Int) -> String {
        var s = String(n), out = ""
        while s.count > 3 { out = "," + s.suffix(3) + out; s = String(s.dropLast(3)) }
        return s + out
    }
}
