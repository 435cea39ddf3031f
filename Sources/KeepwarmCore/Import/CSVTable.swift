import Foundation
import KeepwarmCore

/// One data row of a CSV file, numbered as a spreadsheet shows it (the header is row 1).
public struct CSVRow: Equatable, Sendable {
    public let number: Int
    public let fields: [String]
}

/// A CSV file read whole: its header and its data rows. Quoted fields, embedded line breaks, a UTF-8 byte order mark,
/// Windows line ends and Excel's semicolon-separated variant are all read.
public struct CSVTable: Equatable, Sendable {
    /// The file's name as the person gave it, for messages.
    public let file: String
    public let header: [String]
    public let rows: [CSVRow]
    /// How the file's text was read, for the dry run to say (nil for a workbook, whose XML is always Unicode).
    public var encoding: TextEncoding? = .utf8
    /// The worksheet read, when the file is an Excel workbook.
    public var sheet: String? = nil
    /// The header's row number, as a spreadsheet shows it (1 unless rows above it were skipped).
    public var headerRow = 1
    /// Rows above the header (a report's title, Mindbody's row of column numbers): not read, listed in the dry run.
    public var skippedAbove: [CSVRow] = []
    /// A report's summary rows after the data (`Total records: 2`): not read as clients, listed in the dry run.
    public var footer: [CSVRow] = []

    /// Reads a file from disk: a CSV file in any of the encodings `TextDecoding` knows, or an Excel workbook (`.xlsx`,
    /// told by its first bytes, not its name), whose first worksheet is read unless `sheet` names another.
    public static func read(path: String, sheet: String? = nil) throws(ImportError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                throw ImportError(isDir.boolValue ? "\(path) is a folder; give the .csv file inside it"
                                                  : "can't read \(path): check its permissions")
            }
            throw ImportError("no file \(path): check the name, or give the full path")
        }
        let bytes = [UInt8](data)
        if bytes.starts(with: Workbook.zipMagic) { return try Workbook.table(bytes, file: path, sheet: sheet) }
        try Workbook.refuseOtherFormats(bytes, file: path)
        // Decoded here, so the file's bytes need not be held while its rows are made.
        let (text, encoding) = TextDecoding.decode(bytes)
        return try parse(text: text, encoding: encoding, file: path)
    }

    /// Parses the bytes of a CSV file; `file` names it in messages.
    public static func parse(_ bytes: [UInt8], file: String) throws(ImportError) -> CSVTable {
        let (text, encoding) = TextDecoding.decode(bytes)
        return try parse(text: text, encoding: encoding, file: file)
    }

    static func parse(text: String, encoding: TextEncoding, file: String) throws(ImportError) -> CSVTable {
        let delimiter = guessDelimiter(text)
        let all = CSVParser.records(text, delimiter: UInt8(delimiter.value))
        // The reader takes an unclosed quote to run to the end of the file, which would silently swallow every row
        // after it; the odd number of quotes gives it away.
        if let last = all.last, last.contains(where: { $0.contains(where: \.isNewline) }),
           text.unicodeScalars.count(where: { $0 == "\"" }) % 2 == 1 {
            throw ImportError("\(file):row \(all.count): a quoted field here is never closed, so the rest of the file would be read into it; add the missing \" and import again")
        }
        var table = try assemble(all.enumerated().map { CSVRow(number: $0.offset + 1, fields: $0.element) }, file: file)
        table.encoding = encoding
        return table
    }

    /// The table in a file's rows (numbered as a spreadsheet shows them): blank rows left out, the header found below
    /// any title or numbering rows, and a report's footer set apart (`TableShape`).
    static func assemble(_ all: [CSVRow], file: String) throws(ImportError) -> CSVTable {
        // Blank lines (often one at the end) are not rows anyone meant.
        let numbered = all.filter { !$0.fields.allSatisfy({ $0.trimmed.isEmpty }) }
        guard !numbered.isEmpty else {
            throw ImportError("\(file) is empty: export the list again with its header row")
        }
        let at = TableShape.headerIndex(numbered)
        let header = numbered[at].fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        var data = Array(numbered[(at + 1)...])
        let footer = TableShape.footerCount(data, columns: header.count)
        let footerRows = Array(data.suffix(footer))
        data.removeLast(footer)
        var table = CSVTable(file: file, header: header, rows: data)
        table.headerRow = numbered[at].number
        table.skippedAbove = Array(numbered[..<at])
        table.footer = footerRows
        return table
    }

    /// Excel writes `;` where the decimal mark is a comma, and tabs in "Unicode Text" (UTF-16) files; the first line
    /// says which one the file uses.
    static func guessDelimiter(_ text: String) -> UnicodeScalar {
        var commas = 0, semicolons = 0, tabs = 0, quoted = false
        for u in text.unicodeScalars {
            if u == "\"" { quoted.toggle() } else if !quoted {
                if u == "\n" || u == "\r" { break }
                if u == "," { commas += 1 } else if u == ";" { semicolons += 1 } else if u == "\t" { tabs += 1 }
            }
        }
        if tabs > commas && tabs > semicolons { return "\t" }
        return semicolons > commas ? ";" : ","
    }
}
