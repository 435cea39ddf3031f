/// One cell of an exported spreadsheet: text typed by a person, or a value Keepwarm made itself.
public enum CSVCell: Equatable, Sendable {
    /// Names, notes, phones: anything a client or receptionist typed, so it may start like a formula.
    case typed(String)
    /// Ids, dates, numbers and words from a closed list: Keepwarm wrote them, so they are never formulas.
    case made(String)
}

/// A table with a header row, written as RFC 4180 CSV for spreadsheets. Rows are turned into bytes as they are
/// added, so a million-event export holds one buffer rather than millions of small strings.
public struct CSVSheet: Equatable, Sendable {
    public let header: [String]
    public private(set) var rowCount = 0
    private var body: [UInt8] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [CSVCell]) {
        precondition(row.count == header.count, "a CSV row must have one cell per column")
        CSVSheet.appendLine(row.map { c in
            switch c {
            case .made(let s): s
            case .typed(let s): CSVSheet.defused(s)
            }
        }, to: &body)
        rowCount += 1
    }

    /// The CSV bytes: CRLF line ends as RFC 4180 says; with `excel`, a UTF-8 byte order mark first, because Excel
    /// otherwise reads the file as the system's legacy code page and garbles every non-ASCII name.
    public func bytes(excel: Bool = false) -> [UInt8] {
        var out: [UInt8] = excel ? [0xEF, 0xBB, 0xBF] : []
        out.reserveCapacity(out.count + body.count + 512)
        CSVSheet.appendLine(header, to: &out)
        out += body
        return out
    }

    static func appendLine(_ fields: [String], to out: inout [UInt8]) {
        for (i, f) in fields.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            appendField(f, to: &out)
        }
        out += [0x0D, 0x0A]
    }

    /// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a
    /// formula, so a client who called themselves `=HYPERLINK(...)` could make the practice's laptop fetch a URL or
    /// run a command. A leading `'` makes the spreadsheet show the text as text (OWASP's advice for CSV injection).
    public static func defused(_ s: String) -> String {
        guard let first = s.utf8.first, "=+-@\t\r".utf8.contains(first) else { return s }
        return "'" + s
    }

    /// RFC 4180: a field holding a comma, a quote or a line break goes in quotes, with quotes doubled. Any control
    /// character, and the Unicode line breaks, count as a line break here: quoting is always allowed, and safer.
    static func appendField(_ s: String, to out: inout [UInt8]) {
        let u = s.utf8
        let quote = u.contains { $0 == 0x2C || $0 == 0x22 || $0 < 0x20 }
            || (u.contains { $0 >= 0x80 } && s.unicodeScalars.contains { $0 == "\u{85}" || $0 == "\u{2028}" || $0 == "\u{2029}" })
        guard quote else { return out.append(contentsOf: u) }
        out.append(0x22)
        for b in u {
            out.append(b)
            if b == 0x22 { out.append(0x22) }
        }
        out.append(0x22)
    }
}
