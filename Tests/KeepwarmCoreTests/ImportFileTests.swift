import Foundation
import Testing
import ZIPFoundation
@testable import KeepwarmCore
@testable import KeepwarmImport

/// The same short client list in each encoding a practice's computer may save it in.
private let list = "First Name,Last Name,Email,Source\r\nZoë,Brontë,zoe@example.com,“Café Crème” flyer – €5 off\r\nRenée,Façade,renee@example.com,Google\r\n"

private func utf16(_ s: String, bigEndian: Bool) -> [UInt8] {
    s.utf16.flatMap { bigEndian ? [UInt8($0 >> 8), UInt8($0 & 0xFF)] : [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
}

/// Windows-1252 bytes for the list, written out by hand (ë EB, é E9, ç E7, “ 93, ” 94, – 96, € 80, è no: Crème's è E8).
private let cp1252: [UInt8] = {
    let table: [Character: UInt8] = ["ë": 0xEB, "é": 0xE9, "ç": 0xE7, "è": 0xE8, "“": 0x93, "”": 0x94, "–": 0x96, "€": 0x80]
    return list.flatMap { c -> [UInt8] in table[c].map { [$0] } ?? Array(String(c).utf8) }
}()

private func refusal(_ body: () throws -> Void) -> String? {
    do { try body() } catch { return "\(error)" }
    return nil
}

private func write(_ dir: TempDir, _ name: String, _ bytes: [UInt8]) throws -> String {
    let path = dir.file(name)
    try Data(bytes).write(to: URL(fileURLWithPath: path))
    return path
}

// MARK: an Excel-shaped workbook

/// Builds an `.xlsx` shaped as Excel writes one: the content types, the package and workbook relationships, a
/// workbook listing its sheets (and `date1904` when asked), shared strings (one with rich-text runs and a phonetic
/// guide), styles whose `cellStyleXfs` and `cellXfs` both exist (only the latter are cell styles), and sheets.
private func workbook(sheets: [(name: String, xml: String)], strings: [String], date1904: Bool = false) throws -> [UInt8] {
    let archive = try Archive(data: Data(), accessMode: .create)
    func add(_ path: String, _ text: String) throws {
        let data = Data(text.utf8)
        try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { pos, size in
            data.subdata(in: Int(pos)..<Int(pos) + size)
        }
    }
    let header = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\r\n"
    try add("[Content_Types].xml", header + """
        <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>
        """)
    try add("_rels/.rels", header + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
        """)
    let sheetList = sheets.enumerated().map { "<sheet name=\"\($0.element.name)\" sheetId=\"\($0.offset + 1)\" r:id=\"rId\($0.offset + 1)\"/>" }.joined()
    try add("xl/workbook.xml", header + """
        <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><fileVersion appName="xl" lastEdited="7"/><workbookPr \(date1904 ? "date1904=\"1\" " : "")defaultThemeVersion="166925"/><bookViews><workbookView xWindow="0" yWindow="0"/></bookViews><sheets>\(sheetList)</sheets><calcPr calcId="191029"/></workbook>
        """)
    let rels = sheets.indices.map { "<Relationship Id=\"rId\($0 + 1)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0 + 1).xml\"/>" }.joined()
    try add("xl/_rels/workbook.xml.rels", header + """
        <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(rels)<Relationship Id="rId90" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId91" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>
        """)
    try add("xl/sharedStrings.xml", header + "<sst xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\" count=\"\(strings.count)\" uniqueCount=\"\(strings.count)\">" + strings.joined() + "</sst>")
    // Cell styles: 0 General, 1 built-in 14 (a short date), 2 the custom "dd/mm/yyyy hh:mm", 3 a custom number format
    // with a quoted "d" that is not a date, 4 built-in 20 (h:mm).
    try add("xl/styles.xml", header + """
        <styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="2"><numFmt numFmtId="164" formatCode="dd/mm/yyyy\\ hh:mm"/><numFmt numFmtId="165" formatCode="0&quot; days&quot;"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><cellStyleXfs count="2"><xf numFmtId="0" fontId="0"/><xf numFmtId="14" fontId="0"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0" fontId="0" xfId="0"/><xf numFmtId="14" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="165" fontId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="20" fontId="0" xfId="0" applyNumberFormat="1"/></cellXfs><cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """)
    for (i, s) in sheets.enumerated() {
        try add("xl/worksheets/sheet\(i + 1).xml", header + """
            <worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><dimension ref="A1:F5"/><sheetViews><sheetView workbookViewId="0"/></sheetViews><sheetFormatPr defaultRowHeight="15"/><sheetData>\(s.xml)</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>
            """)
    }
    return [UInt8](archive.data!)
}

/// Shared strings 0–9: plain ones, one in rich-text runs with a phonetic guide that is not part of the text, and one
/// with Excel's `_x000D_` escape and an entity.
private let strings = [
    "<si><t>First Name</t></si>", "<si><t>Last Name</t></si>", "<si><t>Mobile</t></si>", "<si><t>Last Visit</t></si>",
    "<si><t>Booked At</t></si>", "<si><t>Member</t></si>",
    "<si><r><rPr><b/></rPr><t>Zo</t></r><r><t xml:space=\"preserve\">ë</t></r><rPh sb=\"0\" eb=\"1\"><t>ゾ</t></rPh></si>",
    "<si><t>Brontë &amp; Co</t></si>", "<si><t>Total records: 2</t></si>", "<si><t>Line one_x000D_</t></si>",
]

/// A Fresha/Jane-shaped client list: a header of shared strings; Zoë's mobile stored as a number, her last visit a
/// short date and her booking a date-time; Ada's row has no B cell (Excel leaves empty cells out), an inline string,
/// a formula's text result and a skipped row number; then a footer.
private let clientsSheet = """
    <row r="1" spans="1:6"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>\
    <row r="2" spans="1:6"><c r="A2" t="s"><v>6</v></c><c r="B2" t="s"><v>7</v></c><c r="C2"><v>447700900123</v></c><c r="D2" s="1"><v>46106</v></c><c r="E2" s="2"><v>46106.604166666664</v></c><c r="F2" t="b"><v>1</v></c></row>\
    <row r="3" spans="1:6"><c r="A3" t="inlineStr"><is><t>Ada</t></is></c><c r="C3" t="str"><f>"0"&amp;"7700 900124"</f><v>07700 900124</v></c><c r="D3" s="1"><v>46113</v></c><c r="F3" t="b"><v>0</v></c></row>\
    <row r="5" spans="1:6"><c r="A5" t="s"><v>8</v></c></row>
    """

@Suite struct ImportFileTests {
    // MARK: encodings

    @Test func utf8WithAndWithoutAByteOrderMarkIsRead() throws {
        let plain = try CSVTable.parse(Array(list.utf8), file: "a.csv")
        #expect(plain.encoding == .utf8)
        #expect(plain.rows[0].fields == ["Zoë", "Brontë", "zoe@example.com", "“Café Crème” flyer – €5 off"])
        let marked = try CSVTable.parse([0xEF, 0xBB, 0xBF] + Array(list.utf8), file: "b.csv")
        #expect(marked.encoding == .utf8BOM)
        #expect(marked.header == ["First Name", "Last Name", "Email", "Source"])
        #expect(marked.rows == plain.rows)
    }

    @Test func utf16WithAByteOrderMarkOrWithoutOneIsRead() throws {
        let expected = try CSVTable.parse(Array(list.utf8), file: "a.csv").rows
        for (bytes, encoding) in [([0xFF, 0xFE] + utf16(list, bigEndian: false), TextEncoding.utf16LE),
                                  ([0xFE, 0xFF] + utf16(list, bigEndian: true), .utf16BE),
                                  (utf16(list, bigEndian: false), .utf16LE),
                                  (utf16(list, bigEndian: true), .utf16BE)] {
            let t = try CSVTable.parse(bytes, file: "unicode.txt")
            #expect(t.encoding == encoding)
            #expect(t.header == ["First Name", "Last Name", "Email", "Source"])
            #expect(t.rows == expected)
        }
        // Excel's "Unicode Text" is UTF-16 with tabs between the columns.
        let tabbed = try CSVTable.parse([0xFF, 0xFE] + utf16(list.replacingOccurrences(of: ",", with: "\t"), bigEndian: false), file: "unicode.txt")
        #expect(tabbed.rows == expected)
    }

    @Test func aFileThatIsNotUTF8IsReadAsWindows1252NeverRefused() throws {
        let t = try CSVTable.parse(cp1252, file: "excel.csv")
        #expect(t.encoding == .windows1252)
        #expect(t.rows.map(\.fields) == [["Zoë", "Brontë", "zoe@example.com", "“Café Crème” flyer – €5 off"],
                                         ["Renée", "Façade", "renee@example.com", "Google"]])
        // Every byte reads as something: the five bytes Windows-1252 leaves undefined keep their control codes.
        let odd = try CSVTable.parse(Array("name\nA".utf8) + [0x81, 0x8D, 0xFF] + [0x0A], file: "odd.csv")
        #expect(odd.rows[0].fields == ["A\u{81}\u{8D}ÿ"])
        // A NUL in otherwise valid UTF-8 is a character of the text (the screen shows it as a symbol), not a binary file.
        let dir = TempDir()
        let nul = try write(dir, "nul.csv", Array("name,phone\r\nNul\u{0}Name,07700 900555\r\n".utf8))
        #expect(try CSVTable.read(path: nul).rows[0].fields == ["Nul\u{0}Name", "07700 900555"])
    }

    // MARK: rows above the header, footers

    /// Mindbody's client report (as the issue saw it): a row of column numbers above the header and a record count
    /// after the data.
    @Test func aMindbodyReportsColumnNumbersAndFooterAreSkippedAndNoClientIsMadeOfThem() throws {
        let text = """
            1,2,3,4,5,6
            Client ID,First Name,Last Name,Email,Mobile Phone,Last Visit
            100001,Zoë,Brontë,zoe@example.com,07700 900123,03/25/2026
            100002,Ada,Lovelace,ada@example.com,07700 900124,04/01/2026

            Total records: 2,,,,,

            """
        let t = try CSVTable.parse(Array(text.utf8), file: "mindbody.csv")
        #expect(t.header == ["Client ID", "First Name", "Last Name", "Email", "Mobile Phone", "Last Visit"])
        #expect(t.headerRow == 2)
        #expect(t.skippedAbove == [CSVRow(number: 1, fields: ["1", "2", "3", "4", "5", "6"])])
        #expect(t.rows.map(\.number) == [3, 4])
        #expect(t.footer == [CSVRow(number: 6, fields: ["Total records: 2", "", "", "", "", ""])])

        let f = try Fixture()
        let map = try ColumnMap.make(t, preset: .keepwarm, map: "First Name=first,Last Name=last,Email=email,Mobile Phone=phone", forAppointments: false)
        // The Last Visit column is the clients' history, its dates read in the order the whole file proves.
        let dates = try DateOrder.decide(t, map, fields: DateOrder.clientFields, given: nil)
        let plan = ClientImport.plan(t, map: map, practice: f.p, by: "test", at: f.t("2026-11-23 09:00"), dates: dates)
        let names = plan.events.compactMap { if case .clientAdded(let c) = $0 { c.name } else { nil } }
        #expect(names == ["Zoë Brontë", "Ada Lovelace"])
        #expect(plan.events.compactMap { if case .clientAdded(let c) = $0 { c.history?.lastVisit } else { nil } }
            == [Civil.days(2026, 3, 25), Civil.days(2026, 4, 1)])
        #expect(plan.rows == 2)
        #expect(plan.rejected.isEmpty)
    }

    @Test func aTitleLineAboveTheHeaderAndSummaryRowsBelowTheDataAreSetApart() throws {
        let text = """
            Client List – Riverside Therapy Rooms
            Printed 25/03/2026,,,
            First Name,Last Name,Mobile,Visits
            Grace,Hopper,07700 900125,3
            Mo,,,
            ,,,
            Total:,,,14
            Report generated 25/03/2026 14:30
            Page 1 of 1
            """
        let t = try CSVTable.parse(Array(text.utf8), file: "report.csv")
        #expect(t.header == ["First Name", "Last Name", "Mobile", "Visits"])
        #expect(t.skippedAbove.map(\.number) == [1, 2])
        // Mo, with only a name filled in, is a client, not a footer.
        #expect(t.rows.map(\.fields.first) == ["Grace", "Mo"])
        #expect(t.footer.map(\.number) == [7, 8, 9])
    }

    @Test func anOrdinaryFileKeepsItsFirstRowAsTheHeaderAndEveryRow() throws {
        // A header with an empty cell and data rows that are all words: the header still wins (it comes first), and
        // rows that merely look short stay data.
        let text = "Given,Family,\nAda,Lovelace,Google\nJohn Smith,,\nTotal Wellness,corporate,\n"
        let t = try CSVTable.parse(Array(text.utf8), file: "plain.csv")
        #expect(t.header == ["Given", "Family", ""])
        #expect(t.headerRow == 1)
        #expect(t.skippedAbove.isEmpty && t.footer.isEmpty)
        #expect(t.rows.map(\.number) == [2, 3, 4])
    }

    // MARK: xlsx

    @Test func anExcelWorkbookIsReadWithSharedStringsDatesNumbersBooleansAndGaps() throws {
        let dir = TempDir()
        let path = try write(dir, "clients.xlsx", try workbook(sheets: [("Clients", clientsSheet), ("Notes", "")], strings: strings))
        let t = try CSVTable.read(path: path)
        #expect(t.sheet == "Clients")
        #expect(t.encoding == nil)
        #expect(t.header == ["First Name", "Last Name", "Mobile", "Last Visit", "Booked At", "Member"])
        #expect(t.rows == [
            CSVRow(number: 2, fields: ["Zoë", "Brontë & Co", "447700900123", "2026-03-25", "2026-03-25 14:30", "TRUE"]),
            CSVRow(number: 3, fields: ["Ada", "", "07700 900124", "2026-04-01", "", "FALSE"]),
        ])
        #expect(t.footer == [CSVRow(number: 5, fields: ["Total records: 2"])])
    }

    @Test func theFileIsToldByItsBytesNotItsName() throws {
        let dir = TempDir()
        let path = try write(dir, "export.csv", try workbook(sheets: [("Clients", clientsSheet)], strings: strings))
        #expect(try CSVTable.read(path: path).sheet == "Clients")
        let csv = try write(dir, "named-wrongly.xlsx", Array(list.utf8))
        #expect(refusal { _ = try CSVTable.read(path: csv) }
            == "\(csv) is named as an Excel workbook but isn't one (it does not start like a .xlsx): open it in Excel and use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8, then import that file")
    }

    @Test func aSheetCanBeChosenByName() throws {
        let dir = TempDir()
        let second = "<row r=\"1\"><c r=\"A1\" t=\"inlineStr\"><is><t>Name</t></is></c></row><row r=\"2\"><c r=\"A2\" t=\"s\"><v>9</v></c></row>"
        let path = try write(dir, "book.xlsx", try workbook(sheets: [("Clients", clientsSheet), ("Old list", second)], strings: strings))
        let t = try CSVTable.read(path: path, sheet: "old LIST")
        #expect(t.sheet == "Old list")
        #expect(t.rows == [CSVRow(number: 2, fields: ["Line one\r"])])
        #expect(refusal { _ = try CSVTable.read(path: path, sheet: "Staff") }
            == "--sheet: \(path) has no sheet 'Staff'; its sheets are 'Clients', 'Old list'")
    }

    @Test func dateCellsFollowTheirFormatAndTheWorkbooksDateSystem() throws {
        let dir = TempDir()
        // 44644 in the 1904 system is 2026-03-25; a custom format with a quoted "d" is a number; h:mm is a time; 60 is
        // Excel's 29 February 1900 (no such day), 61 is 1 March 1900.
        let sheet = """
            <row r="1"><c r="A1" t="inlineStr"><is><t>Name</t></is></c><c r="B1" t="inlineStr"><is><t>Day</t></is></c><c r="C1" t="inlineStr"><is><t>Wait</t></is></c><c r="D1" t="inlineStr"><is><t>At</t></is></c><c r="E1" t="inlineStr"><is><t>Amount</t></is></c></row>\
            <row r="2"><c r="A2" t="inlineStr"><is><t>Ada</t></is></c><c r="B2" s="1"><v>44644</v></c><c r="C2" s="3"><v>12</v></c><c r="D2" s="4"><v>0.3958333333333333</v></c><c r="E2"><v>0.10000000000000001</v></c></row>
            """
        let path = try write(dir, "mac.xlsx", try workbook(sheets: [("Sheet1", sheet)], strings: strings, date1904: true))
        #expect(try CSVTable.read(path: path).rows[0].fields == ["Ada", "2026-03-25", "12", "09:30", "0.1"])
        #expect(ExcelNumber.date(61, parts: .init(nil, id: 14), date1904: false) == "1900-03-01")
        #expect(ExcelNumber.date(1, parts: .init(nil, id: 14), date1904: false) == "1900-01-01")
        #expect(ExcelNumber.date(46106.999999, parts: .init(nil, id: 22), date1904: false) == "2026-03-26 00:00")
        #expect(ExcelNumber.isDateFormat("[$-809]dd mmmm yyyy;@"))
        #expect(!ExcelNumber.isDateFormat("[Red]#,##0.00"))
        #expect(!ExcelNumber.isDateFormat("General"))
    }

    // MARK: files that cannot be read

    @Test func oldExcelFilesPasswordProtectedAndDamagedWorkbooksAreRefusedWithWhatToDo() throws {
        let dir = TempDir()
        let ole = Workbook.oleMagic + [UInt8](repeating: 0, count: 504)
        let xls = try write(dir, "clients.xls", ole + Array("Workbook".utf16.flatMap { [UInt8($0), 0] }))
        #expect(refusal { _ = try CSVTable.read(path: xls) }
            == "\(xls) is an old Excel workbook (.xls), which can't be read: open it in Excel and use File › Save As › Excel Workbook (.xlsx) or CSV UTF-8, then import that file")
        let locked = try write(dir, "locked.xlsx", ole + Array("EncryptionInfo".utf16.flatMap { [UInt8($0), 0] }) + [0, 0]
                               + Array("EncryptedPackage".utf16.flatMap { [UInt8($0), 0] }))
        #expect(refusal { _ = try CSVTable.read(path: locked) }
            == "\(locked) is protected with a password, so it can't be read: open it in Excel, remove the password (File › Info › Protect Workbook › Encrypt with Password, clear it), save it and import it again")
        let good = try workbook(sheets: [("Clients", clientsSheet)], strings: strings)
        let cut = try write(dir, "cut.xlsx", Array(good.prefix(good.count / 2)))
        #expect(refusal { _ = try CSVTable.read(path: cut) }
            == "\(cut) is a damaged Excel workbook: open it in Excel and save it again (or export it again), then import that file")
        // A byte flipped inside a compressed part: the zip's checksum gives it away.
        var flipped = good
        let at = Workbook.firstIndex(of: Array("xl/worksheets/sheet1.xml".utf8), in: flipped)! + 40
        flipped[at] ^= 0xFF
        let bad = try write(dir, "flipped.xlsx", flipped)
        #expect(refusal { _ = try CSVTable.read(path: bad) }
            == "\(bad) is a damaged Excel workbook: open it in Excel and save it again (or export it again), then import that file")
        let pdf = try write(dir, "clients.pdf", Array("%PDF-1.7\n".utf8) + [0, 1, 2])
        #expect(refusal { _ = try CSVTable.read(path: pdf) }
            == "\(pdf) is a PDF, which can't be imported: export the list from the practice system as CSV or .xlsx")
        let binary = try write(dir, "photo.jpg", [0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10] + Array("JFIF".utf8) + [0, 1, 0, 0, 0, 0, 0, 0])
        #expect(refusal { _ = try CSVTable.read(path: binary) }
            == "\(binary) is not a text file or an Excel workbook: export the list from the practice system as CSV or .xlsx")
    }

    @Test func aZipThatIsNotAWorkbookIsRefused() throws {
        let archive = try Archive(data: Data(), accessMode: .create)
        let data = Data(list.utf8)
        try archive.addEntry(with: "clients.csv", type: .file, uncompressedSize: Int64(data.count)) { pos, size in
            data.subdata(in: Int(pos)..<Int(pos) + size)
        }
        let dir = TempDir()
        let path = try write(dir, "export.zip", [UInt8](archive.data!))
        #expect(refusal { _ = try CSVTable.read(path: path) }
            == "\(path) is a zip file, not an Excel workbook: unzip it and import the .csv or .xlsx inside")
    }
}
