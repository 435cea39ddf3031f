import Foundation

/// One cell of an exported spreadsheet: text typed by a person, or a value Keepwarm made itself.
public enum CSVCell: Equatable, Sendable {
    /// Names, notes, phones: anything a client or receptionist typed, so it may start like a formula.
    case typed(String)
    /// Ids, dates, numbers and words from a closed list: Keepwarm wrote them, so they are never formulas.
    case made(String)
}

/// A table with a header row, written as RFC 4180 CSV for spreadsheets.
public struct CSVSheet: Equatable, Sendable {
    public let header: [String]
    public private(set) var rows: [[CSVCell]] = []

    public init(header: [String]) { self.header = header }

    public mutating func append(_ row: [CSVCell]) {
        precondition(row.count == header.count, "a CSV row must have one cell per column")
        rows.append(row)
    }

    /// The CSV bytes: CRLF line ends as RFC 4180 says; with `excel`, a UTF-8 byte order mark first, because Excel
    /// otherwise reads the file as the system's legacy code page and garbles every non-ASCII name.
    public func bytes(excel: Bool = false) -> [UInt8] {
        var out: [UInt8] = excel ? [0xEF, 0xBB, 0xBF] : []
        out += CSVSheet.line(header.map(CSVSheet.field))
        for row in rows { out += CSVSheet.line(row.map(CSVSheet.cell)) }
        return out
    }

    static func line(_ fields: [String]) -> [UInt8] { Array((fields.joined(separator: ",") + "\r\n").utf8) }

    static func cell(_ c: CSVCell) -> String {
        switch c {
        case .made(let s): field(s)
        case .typed(let s): field(defused(s))
        }
    }

    /// A spreadsheet runs a cell that starts with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a
    /// formula, so a client who called themselves `=HYPERLINK(...)` could make the practice's laptop fetch a URL or
    /// run a command. A leading `'` makes the spreadsheet show the text as text (OWASP's advice for CSV injection).
    public static func defused(_ s: String) -> String {
        guard let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first) else { return s }
        return "'" + s
    }

    /// RFC 4180: a field holding a comma, a quote or a line break goes in quotes, with quotes doubled.
    static func field(_ s: String) -> String {
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return s }
        return "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
