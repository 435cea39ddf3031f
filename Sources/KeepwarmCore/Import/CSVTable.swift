import CSV
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

    /// Reads a file from disk.
    public static func read(path: String) throws(ImportError) -> CSVTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDir) {
                throw ImportError(isDir.boolValue ? "\(path) is a folder; give the .csv file inside it"
                                                  : "can't read \(path): check its permissions")
            }
            throw ImportError("no file \(path): check the name, or give the full path")
        }
        return try parse([UInt8](data), file: path)
    }

    /// Parses the bytes of a CSV file; `file` names it in messages.
    public static func parse(_ bytes: [UInt8], file: String) throws(ImportError) -> CSVTable {
        var body = bytes[...]
        if body.starts(with: [0xEF, 0xBB, 0xBF]) { body = body.dropFirst(3) }
        guard let text = String(bytes: body, encoding: .utf8) else {
            throw ImportError("\(file) is not UTF-8 text: in Excel use Save As › \"CSV UTF-8 (Comma delimited)\", then import that file")
        }
        let delimiter = guessDelimiter(text)
        let reader: CSVReader
        do {
            reader = try CSVReader(string: text, hasHeaderRow: false, trimFields: false, delimiter: delimiter)
        } catch {
            throw ImportError("\(file) could not be read as CSV (\(error)); export it again as CSV")
        }
        var all: [[String]] = []
        while let row = reader.next() { all.append(row) }
        if let e = reader.error { throw ImportError("\(file) could not be read as CSV (\(e)); export it again as CSV") }
        // The reader takes an unclosed quote to run to the end of the file, which would silently swallow every row
        // after it; the odd number of quotes gives it away.
        if let last = all.last, last.contains(where: { $0.contains(where: \.isNewline) }),
           text.unicodeScalars.count(where: { $0 == "\"" }) % 2 == 1 {
            throw ImportError("\(file):row \(all.count): a quoted field here is never closed, so the rest of the file would be read into it; add the missing \" and import again")
        }
        // Blank lines (often one at the end) are not rows anyone meant.
        var numbered: [CSVRow] = []
        for (i, r) in all.enumerated() where !r.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) {
            numbered.append(CSVRow(number: i + 1, fields: r))
        }
        guard let first = numbered.first else {
            throw ImportError("\(file) is empty: export the list again with its header row")
        }
        let header = first.fields.map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return CSVTable(file: file, header: header, rows: Array(numbered.dropFirst()))
    }

    /// Excel writes `;` where the decimal mark is a comma; the header line says which one the file uses.
    static func guessDelimiter(_ text: String) -> UnicodeScalar {
        var commas = 0, semicolons = 0, quoted = false
        for u in text.unicodeScalars {
            if u == "\"" { quoted.toggle() } else if !quoted {
                if u == "\n" || u == "\r" { break }
                if u == "," { commas += 1 } else if u == ";" { semicolons += 1 }
            }
        }
        return semicolons > commas ? ";" : ","
    }
}
