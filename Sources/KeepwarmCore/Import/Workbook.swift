import Foundation
import ZIPFoundation

/// An Excel workbook (`.xlsx`, the default export of Fresha, Vagaro and Jane) read as a table: one worksheet's cells
/// as the text Excel shows, with shared strings looked up, dates (by their cell's number format) as ISO text and
/// cells missing from a row as empty fields. The parts are read with `XMLScanner` (see Docs/import.md for why).
enum Workbook {
    /// Every zip file, and so every `.xlsx`, starts with a local file header.
    static let zipMagic: [UInt8] = [0x50, 0x4B, 0x03, 0x04]
    /// An OLE compound file: an old `.xls`, or an `.xlsx` encrypted with a password (Excel wraps those in one).
    static let oleMagic: [UInt8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]
    /// Parts larger than this are refused rather than filling memory (a zip bomb, or not a practice's list).
    static let largestPart = 1 << 30

    /// Refuses, with what to do instead, a file that is neither text nor a workbook: an old `.xls`, a password-protected
    /// workbook, a damaged `.xlsx`, a PDF or other binary file.
    static func refuseOtherFormats(_ bytes: [UInt8], file: String) throws(ImportError) {
        let saveAs = "open it in Excel and use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8, then import that file"
        if bytes.starts(with: oleMagic) {
            // An encrypted workbook's compound file holds streams named EncryptionInfo and EncryptedPackage (names in UTF-16).
            let marker = Array("EncryptedPackage".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] })
            if contains(bytes, marker) {
                throw ImportError("\(file) is protected with a password, so it can't be read: open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it), save it and import it again")
            }
            throw ImportError("\(file) is an old Excel workbook (.xls), which can't be read: \(saveAs)")
        }
        if bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) || bytes.starts(with: [0x50, 0x4B, 0x07, 0x08]) {
            throw ImportError("\(file) is a damaged or empty zip file, not a workbook: export it again as .xlsx or CSV")
        }
        if bytes.starts(with: Array("%PDF".utf8)) {
            throw ImportError("\(file) is a PDF, which can't be imported: export the list from the practice system as CSV or .xlsx")
        }
        let lower = file.lowercased()
        if lower.hasSuffix(".xlsx") || lower.hasSuffix(".xlsm") {
            throw ImportError("\(file) is named as an Excel workbook but isn't one (it does not start like a .xlsx): \(saveAs)")
        }
        if lower.hasSuffix(".xls") {
            throw ImportError("\(file) is not a workbook Keepwarm can read: \(saveAs)")
        }
        // Text has no NULs except as UTF-16, which TextDecoding tells by their pattern, or as a stray character in
        // otherwise valid UTF-8 (which is read, and the NUL shown as a symbol); a photo or a database file has both
        // NULs and bytes that are not UTF-8.
        let head = Array(bytes.prefix(1024))
        if head.contains(0), TextDecoding.utf16WithoutMark(head) == nil,
           !head.starts(with: [0xFF, 0xFE]), !head.starts(with: [0xFE, 0xFF]), String(validating: bytes, as: UTF8.self) == nil {
            throw ImportError("\(file) is not a text file or an Excel workbook: export the list from the practice system as CSV or .xlsx")
        }
    }

    /// The named worksheet (or the first) of the workbook in `bytes`, as a table.
    static func table(_ bytes: [UInt8], file: String, sheet wanted: String?) throws(ImportError) -> CSVTable {
        let damaged = "\(file) is a damaged Excel workbook: open it in Excel and save it again (or export it again), then import that file"
        let archive: Archive
        do { archive = try Archive(data: Data(bytes), accessMode: .read) } catch { throw ImportError(damaged) }
        func part(_ path: String) throws(ImportError) -> [UInt8]? {
            guard let entry = archive[path] else { return nil }
            guard entry.uncompressedSize <= largestPart else { throw ImportError("\(file): \(path) is too large to be a practice's list") }
            var data = Data()
            do {
                let crc = try archive.extract(entry) { data.append($0) }
                guard crc == entry.checksum else { throw ImportError(damaged) }
            } catch { throw ImportError(damaged) }
            return [UInt8](data)
        }
        guard let workbookXML = try part("xl/workbook.xml") else {
            if archive["mimetype"] != nil || archive["content.xml"] != nil {
                throw ImportError("\(file) is an OpenDocument spreadsheet (.ods), which can't be read: save it as Excel Workbook (.xlsx) or CSV UTF-8, then import that file")
            }
            if archive["Index/Document.iwa"] != nil {
                throw ImportError("\(file) is a Numbers spreadsheet: in Numbers use File › Export To › CSV, then import that file")
            }
            throw ImportError("\(file) is a zip file, not an Excel workbook: unzip it and import the .csv or .xlsx inside")
        }
        do {
            let book = try WorkbookParts.sheets(workbookXML, relationships: try part("xl/_rels/workbook.xml.rels") ?? [])
            guard let first = book.sheets.first else { throw ImportError("\(file) has no worksheet: export it again") }
            var chosen = first
            if let wanted {
                guard let s = book.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() }) else {
                    throw ImportError("--sheet: \(file) has no sheet '\(wanted)'; its sheets are \(book.sheets.map { "'\($0.name)'" }.joined(separator: ", "))")
                }
                chosen = s
            }
            guard let sheetXML = try part(chosen.path) else { throw ImportError(damaged) }
            let strings = try WorkbookParts.sharedStrings(try part("xl/sharedStrings.xml") ?? [])
            let styles = try WorkbookParts.dateStyles(try part("xl/styles.xml") ?? [])
            let rows = try WorksheetReader.rows(sheetXML, strings: strings, styles: styles, date1904: book.date1904)
            var table = try CSVTable.assemble(rows, file: file)
            table.encoding = nil
            table.sheet = chosen.name
            return table
        } catch let e as ImportError {
            throw e
        } catch {
            throw ImportError(damaged)
        }
    }

    static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool { firstIndex(of: needle, in: haystack) != nil }

    static func firstIndex(of needle: [UInt8], in haystack: [UInt8]) -> Int? {
        guard let first = needle.first, haystack.count >= needle.count else { return nil }
        var i = 0
        while i + needle.count <= haystack.count {
            if haystack[i] == first && haystack[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }
}

/// The small parts of a workbook: its sheets in tab order, its shared strings, and which cell styles show dates.
enum WorkbookParts {
    /// One worksheet: its tab name and its part in the zip.
    struct Sheet { let name: String; let path: String }

    /// The workbook's worksheets (hidden ones left out, chart sheets too) and its date system.
    static func sheets(_ workbook: [UInt8], relationships: [UInt8]) throws(XMLScanner.Malformed) -> (sheets: [Sheet], date1904: Bool) {
        var targets: [String: String] = [:]
        var rels = XMLScanner(relationships)
        while let t = try rels.next() {
            if case .open("Relationship", let a, _) = t, let id = a["Id"], let target = a["Target"],
               a["Type"]?.hasSuffix("/worksheet") == true {
                targets[id] = target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target
            }
        }
        var sheets: [Sheet] = []
        var date1904 = false
        var x = XMLScanner(workbook)
        while let t = try x.next() {
            guard case .open(let name, let a, _) = t else { continue }
            if name == "workbookPr", let v = a["date1904"] { date1904 = v == "1" || v.lowercased() == "true" }
            if name == "sheet", let id = a["id"], let path = targets[id], a["state"] == nil || a["state"] == "visible" {
                sheets.append(Sheet(name: a["name"] ?? path, path: path))
            }
        }
        return (sheets, date1904)
    }

    /// The shared strings table: each `<si>`'s text, its rich-text runs (`<r><t>`) joined, phonetic guides (`<rPh>`)
    /// left out.
    static func sharedStrings(_ bytes: [UInt8]) throws(XMLScanner.Malformed) -> [String] {
        var out: [String] = []
        var current = "", inText = false, phonetic = 0
        var x = XMLScanner(bytes)
        while let t = try x.next() {
            switch t {
            case .open("si", _, let empty):
                current = ""
                if empty { out.append("") }
            case .close("si"): out.append(current)
            case .open("rPh", _, let empty): if !empty { phonetic += 1 }
            case .close("rPh"): phonetic -= 1
            case .open("t", _, let empty): inText = !empty
            case .close("t"): inText = false
            case .text(let s): if inText && phonetic == 0 { current += s }
            default: break
            }
        }
        return out
    }

    /// For each cell style (`s=` on a cell, an index into `cellXfs`), what of a date it shows, or nil for a style that
    /// is not a date format.
    static func dateStyles(_ bytes: [UInt8]) throws(XMLScanner.Malformed) -> [ExcelNumber.DateParts?] {
        var custom: [Int: String] = [:]
        var formats: [Int] = []
        var inCellXfs = false
        var x = XMLScanner(bytes)
        while let t = try x.next() {
            switch t {
            case .open("numFmt", let a, _):
                if let id = a["numFmtId"].flatMap({ Int($0) }), let code = a["formatCode"] { custom[id] = code }
            case .open("cellXfs", _, let empty): inCellXfs = !empty
            case .close("cellXfs"): inCellXfs = false
            case .open("xf", let a, _) where inCellXfs:
                formats.append(a["numFmtId"].flatMap { Int($0) } ?? 0)
            default: break
            }
        }
        return formats.map { id in
            if let code = custom[id] { return ExcelNumber.isDateFormat(code) ? ExcelNumber.DateParts(code, id: id) : nil }
            return ExcelNumber.builtInDateFormats.contains(id) ? ExcelNumber.DateParts(nil, id: id) : nil
        }
    }
}

/// A worksheet's rows, numbered as Excel numbers them, each cell as text.
enum WorksheetReader {
    static func rows(_ bytes: [UInt8], strings: [String], styles: [ExcelNumber.DateParts?], date1904: Bool) throws(XMLScanner.Malformed) -> [CSVRow] {
        var out: [CSVRow] = []
        var fields: [String] = []
        var rowNumber = 0
        var column = 0
        var type = "n", style = 0
        var value = "", inValue = false, inInline = false, inInlineText = false
        var x = XMLScanner(bytes)
        func put(_ text: String) {
            while fields.count < column { fields.append("") }
            if fields.count == column { fields.append(text) } else { fields[column] = text }
        }
        while let t = try x.next() {
            switch t {
            case .open("row", let a, let empty):
                rowNumber = a["r"].flatMap { Int($0) } ?? rowNumber + 1
                fields = []
                column = 0
                if empty { out.append(CSVRow(number: rowNumber, fields: [])) }
            case .close("row"):
                out.append(CSVRow(number: rowNumber, fields: fields))
            case .open("c", let a, let empty):
                if let r = a["r"], let c = columnIndex(r) { column = c }
                type = a["t"] ?? "n"
                style = a["s"].flatMap { Int($0) } ?? 0
                value = ""
                if empty { column += 1 }
            case .close("c"):
                put(try cellText(value, type: type, style: style, strings: strings, styles: styles, date1904: date1904))
                column += 1
            case .open("v", _, let empty): inValue = !empty
            case .close("v"): inValue = false
            case .open("is", _, _): inInline = true
            case .close("is"): inInline = false
            case .open("t", _, let empty): inInlineText = inInline && !empty
            case .close("t"): inInlineText = false
            case .text(let s):
                if inValue || inInlineText { value += s }
            default: break
            }
        }
        return out
    }

    static func cellText(_ v: String, type: String, style: Int, strings: [String], styles: [ExcelNumber.DateParts?], date1904: Bool) throws(XMLScanner.Malformed) -> String {
        switch type {
        case "s":
            guard let i = Int(v.trimmingCharacters(in: .whitespaces)), strings.indices.contains(i) else { throw XMLScanner.Malformed() }
            return strings[i]
        case "b": return v == "1" ? "TRUE" : v == "0" ? "FALSE" : v
        case "str", "inlineStr", "e": return v
        case "d": return v.replacingOccurrences(of: "T", with: " ")
        default:
            guard !v.isEmpty else { return "" }
            if styles.indices.contains(style), let parts = styles[style], let serial = Double(v) {
                return ExcelNumber.date(serial, parts: parts, date1904: date1904)
            }
            return ExcelNumber.general(v)
        }
    }

    /// `B2` → 1, `AA10` → 26.
    static func columnIndex(_ ref: String) -> Int? {
        var n = 0
        var letters = 0
        for u in ref.unicodeScalars {
            guard let a = u.properties.isAlphabetic ? Int(u.value) : nil else { break }
            let c = a >= 97 ? a - 96 : a - 64
            guard (1...26).contains(c) else { return nil }
            n = n * 26 + c
            letters += 1
        }
        return letters == 0 ? nil : n - 1
    }
}
