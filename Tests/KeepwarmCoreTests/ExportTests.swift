import Foundation
import Testing
@testable import KeepwarmCore

/// The spreadsheet and calendar exports: RFC 4180 quoting, the formula guard, and RFC 5545 lines, UIDs and zones.
@Suite struct ExportTests {
    func text(_ b: [UInt8]) -> String { String(decoding: b, as: UTF8.self) }

    /// The rows of a CSV export, read back with Foundation's line splitting undone by RFC 4180's own rules.
    func parseCSV(_ s: String) -> [[String]] {
        var rows: [[String]] = [], row: [String] = [], field = "", quoted = false
        var it = Array(s.unicodeScalars).makeIterator()
        var pending: Unicode.Scalar? = nil
        while let c = pending ?? it.next() {
            pending = nil
            if quoted {
                if c == "\"" {
                    if let n = it.next() { if n == "\"" { field.unicodeScalars.append("\"") } else { quoted = false; pending = n } } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
            } else if c == "\"" { quoted = true }
            else if c == "," { row.append(field); field = "" }
            else if c == "\r" { continue }
            else if c == "\n" { row.append(field); rows.append(row); row = []; field = "" }
            else { field.unicodeScalars.append(c) }
        }
        return rows
    }

    @Test func csvQuotesCommasQuotesAndLineBreaksWithAHeaderAndCRLF() {
        var t = CSVSheet(header: ["id", "name"])
        t.append([.made("c1"), .typed("Smith, Jo")])
        t.append([.made("c2"), .typed("Jo \"JJ\" Smith")])
        t.append([.made("c3"), .typed("two\nlines")])
        t.append([.made("c4"), .typed("Zoë")])
        #expect(text(t.bytes()) == "id,name\r\nc1,\"Smith, Jo\"\r\nc2,\"Jo \"\"JJ\"\" Smith\"\r\nc3,\"two\nlines\"\r\nc4,Zoë\r\n")
        #expect(parseCSV(text(t.bytes())) == [["id", "name"], ["c1", "Smith, Jo"], ["c2", "Jo \"JJ\" Smith"], ["c3", "two\nlines"], ["c4", "Zoë"]])
    }

    @Test func excelGetsAByteOrderMarkAndNothingElseDoes() {
        var t = CSVSheet(header: ["name"])
        t.append([.typed("Zoë")])
        #expect(Array(t.bytes(excel: true).prefix(3)) == [0xEF, 0xBB, 0xBF])
        #expect(Array(t.bytes(excel: true).dropFirst(3)) == t.bytes())
        #expect(t.bytes().first == UInt8(ascii: "n"))
    }

    @Test func typedTextThatStartsLikeAFormulaIsDefusedAndMadeValuesAreNot() {
        var t = CSVSheet(header: ["a", "b"])
        for s in ["=HYPERLINK(\"http://x\")", "+44 7700 900123", "-2+3", "@SUM(A1)", "\t=1", "\r=1"] { t.append([.typed(s), .made(s)]) }
        t.append([.typed("Ada = Lovelace"), .made("")])
        let rows = parseCSV(text(t.bytes())).dropFirst()
        #expect(rows.map { $0[0] } == ["'=HYPERLINK(\"http://x\")", "'+44 7700 900123", "'-2+3", "'@SUM(A1)", "'\t=1", "'\r=1", "Ada = Lovelace"])
        #expect(rows.map { $0[1] }.prefix(4) == ["=HYPERLINK(\"http://x\")", "+44 7700 900123", "-2+3", "@SUM(A1)"])
    }

    @Test func clientsTableSumsUpVisitsOnThePracticeClock() throws {
        let f = try Fixture()
        let ada = try f.client("=cmd|' /C calc'!A0")
        let bea = try f.client("Bea, Smith")
        try f.session(ada, "2026-03-27 10:00")
        try f.session(ada, "2026-04-03 10:00")
        try f.session(ada, "2026-04-10 10:00", attended: false)
        try f.run("2026-04-10 12:00", .book(client: "c1", practitioner: nil, start: f.t("2026-05-01 09:30"), minutes: 45, force: false))
        let rows = parseCSV(text(ClientsCSV.table(f.p, now: f.t("2026-04-10 12:00")).bytes()))
        #expect(rows[0] == ClientsCSV.header)
        let col = Dictionary(uniqueKeysWithValues: ClientsCSV.header.enumerated().map { ($1, $0) })
        let a = rows[1]
        #expect(a[col["id"]!] == "c1")
        #expect(a[col["name"]!] == "'=cmd|' /C calc'!A0")
        #expect(a[col["sessions"]!] == "2")
        #expect(a[col["no-shows"]!] == "1")
        #expect(a[col["first visit"]!] == "2026-03-27")
        #expect(a[col["last visit"]!] == "2026-04-03")
        #expect(a[col["next booking"]!] == "2026-05-01 09:30")
        #expect(a[col["contact consent"]!] == "yes")
        #expect(rows[2][col["id"]!] == bea.description)
        #expect(rows[2][col["name"]!] == "Bea, Smith")
        #expect(rows[2][col["sessions"]!] == "0")
        #expect(rows.count == 3)
    }

    @Test func appointmentsTableShowsLocalTimesOnBothSidesOfTheClockChange() throws {
        let f = try Fixture()
        let ada = try f.client("Ada")
        try f.session(ada, "2026-03-27 10:00")
        try f.session(ada, "2026-03-30 10:00", minutes: 90)
        try f.run("2026-03-30 12:00", .book(client: "c1", practitioner: nil, start: f.t("2026-04-06 10:00"), minutes: 60, force: false))
        try f.run("2026-03-30 12:05", .cancel("a3", by: .client, late: false))
        let rows = parseCSV(text(AppointmentsCSV.table(f.p).bytes()))
        #expect(rows[0] == AppointmentsCSV.header)
        #expect(rows[1] == ["a1", "c1", "Ada", "Anna Okafor", "2026-03-27", "10:00", "11:00", "60", "attended", "", "", "2026-03-27 09:00", "2026-03-27 11:00"])
        #expect(rows[2] == ["a2", "c1", "Ada", "Anna Okafor", "2026-03-30", "10:00", "11:30", "90", "attended", "", "", "2026-03-30 09:00", "2026-03-30 11:30"])
        #expect(rows[3] == ["a3", "c1", "Ada", "Anna Okafor", "2026-04-06", "10:00", "11:00", "60", "cancelled", "client", "no", "2026-03-30 12:00", "2026-03-30 12:05"])
    }

    @Test func eventsTableKeepsEachEventsOwnFieldsAsJSON() throws {
        let f = try Fixture()
        _ = try f.client("Ada \"A\", Lovelace")
        let rows = parseCSV(text(EventsCSV.table(logLines: f.bytes()).bytes()))
        #expect(rows[0] == ["seq", "at", "by", "type", "fields"])
        #expect(rows.count == 4)
        #expect(rows[2].prefix(4) == ["2", "2026-01-05T09:00:00.000Z", "test", "practitioner.added"])
        #expect(rows[2][4] == "{\"id\":\"p1\",\"name\":\"Anna Okafor\"}")
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(rows[3][4].utf8)) as? [String: Any])
        #expect(fields["name"] as? String == "Ada \"A\", Lovelace")
        #expect(fields["id"] as? String == "c1")
        #expect(fields["seq"] == nil && fields["crc"] == nil && fields["type"] == nil)
    }

    @Test func anEventWrittenByAnotherToolInAnotherOrderStillGetsOnlyItsOwnFields() throws {
        let f = try Fixture()
        let body = Array(#"{"type":"practitioner.added","seq":3,"by":"tool","at":"2026-01-05T09:30:00.000Z","name":"Ben, \"B\"","id":"p2""#.utf8)
        let line = body + Array(#","crc":""#.utf8) + CRC32C.hex(CRC32C.checksum(body)) + Array("\"}\n".utf8)
        let h = try #require(FileHandle(forWritingAtPath: f.path))
        h.seekToEndOfFile()
        h.write(Data(line))
        h.closeFile()
        let rows = parseCSV(text(EventsCSV.table(logLines: f.bytes()).bytes()))
        #expect(rows.last == ["3", "2026-01-05T09:30:00.000Z", "tool", "practitioner.added", #"{"id":"p2","name":"Ben, \"B\""}"#])
    }

    // MARK: iCalendar

    @Test func textIsEscapedAsRFC5545Says() {
        #expect(ICSText.escape("a,b;c\\d\ne\r\nf\rg\th") == "a\\,b\\;c\\\\d\\ne\\nf\\ng\th")
        #expect(ICSText.escape("bell\u{07}esc\u{1B}") == "bell\u{FFFD}esc\u{FFFD}")
    }

    @Test func longLinesFoldAt75OctetsWithoutSplittingACharacter() {
        let line = "SUMMARY:" + String(repeating: "Zoë 日本 ", count: 40)
        let bytes = ICSText.folded(line)
        let physical = text(bytes).components(separatedBy: "\r\n")
        #expect(physical.last == "")
        #expect(physical.dropLast().allSatisfy { $0.utf8.count <= 75 })
        #expect(physical.count > 5)
        #expect(physical.dropFirst().dropLast().allSatisfy { $0.hasPrefix(" ") })
        // Each physical line is valid UTF-8 on its own: no character was cut in two.
        var start = 0
        for (i, b) in bytes.enumerated() where b == 0x0A {
            #expect(String(validating: bytes[start..<i - 1], as: UTF8.self) != nil)
            start = i + 1
        }
        #expect(physical.dropLast().enumerated().map { $0 == 0 ? $1 : String($1.dropFirst()) }.joined() == line)
        #expect(!bytes.enumerated().contains { $1 == 0x0A && ($0 == 0 || bytes[$0 - 1] != 0x0D) })
    }

    @Test func theTimeZoneListsEachClockChangeWithItsWallTimeBefore() {
        let zone = TimeZone(identifier: "Europe/London")!
        let cal = PracticeCalendar(timeZone: zone)
        let at = try! DateInput(calendar: cal, now: Instant(ms: 0)).instant("2026-06-01 10:00")
        let lines = ICSTimeZone.lines(zone, from: at, to: at, names: .load("Europe/London", directory: "/usr/share/zoneinfo"))
        let text = lines.joined(separator: "\n")
        // From 31 May 2025 to 2 June 2027: the changes of October 2025 and 2026 and of March 2026 and 2027, as two
        // yearly rules (last Sunday of March at 01:00 GMT, of October at 02:00 BST) that need no end in the window.
        #expect(text.contains("BEGIN:DAYLIGHT\nDTSTART:20260329T010000\nRRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\nTZOFFSETFROM:+0000\nTZOFFSETTO:+0100\nTZNAME:BST\nEND:DAYLIGHT"))
        #expect(text.contains("BEGIN:STANDARD\nDTSTART:20251026T020000\nRRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\nTZOFFSETFROM:+0100\nTZOFFSETTO:+0000\nTZNAME:GMT\nEND:STANDARD"))
        #expect(lines.filter { $0.hasPrefix("BEGIN:") }.count == 3)
        #expect(lines.first == "BEGIN:VTIMEZONE" && lines[1] == "TZID:Europe/London" && lines.last == "END:VTIMEZONE")
    }

    @Test func calendarHasStableUIDsSequencesForMovesAndCancellations() throws {
        let f = try Fixture()
        let ada = try f.client("Ada; Lovelace, Jr")
        try f.run("2026-03-01 09:00", .touch(client: "c1", kind: .postSession, via: .email, note: "private knee injury"))
        try f.session(ada, "2026-03-27 10:00")
        try f.run("2026-03-27 12:00", .book(client: "c1", practitioner: nil, start: f.t("2026-04-03 10:00"), minutes: 60, force: false))
        try f.run("2026-03-27 12:01", .move("a2", to: f.t("2026-04-03 14:00"), force: false))
        try f.run("2026-03-27 12:02", .book(client: "c1", practitioner: nil, start: f.t("2026-04-10 10:00"), minutes: 60, force: false))
        try f.run("2026-03-27 12:03", .cancel("a3", by: .practice, late: false))
        let now = f.t("2026-03-28 08:00")
        let cal = ICSCalendar(practiceKey: "k1234")
        #expect(f.p.appointments.map(\.revisions) == [0, 1, 1])
        let ics = text(cal.bytes(f.p.appointments, in: f.p, now: now))
        let events = ics.components(separatedBy: "BEGIN:VEVENT").dropFirst()
        #expect(events.count == 3)
        func prop(_ e: String, _ name: String) -> String? {
            e.components(separatedBy: "\r\n").first { $0.hasPrefix(name + ":") || $0.hasPrefix(name + ";") }
        }
        let e = Array(events)
        #expect(e.map { prop($0, "UID") } == ["UID:a1.k1234@keepwarm", "UID:a2.k1234@keepwarm", "UID:a3.k1234@keepwarm"])
        #expect(e.map { prop($0, "SEQUENCE") } == ["SEQUENCE:0", "SEQUENCE:1", "SEQUENCE:1"])
        #expect(e.map { prop($0, "STATUS") } == ["STATUS:CONFIRMED", "STATUS:CONFIRMED", "STATUS:CANCELLED"])
        #expect(prop(e[0], "DTSTART") == "DTSTART;TZID=Europe/London:20260327T100000")
        #expect(prop(e[1], "DTSTART") == "DTSTART;TZID=Europe/London:20260403T140000")
        #expect(prop(e[1], "DTEND") == "DTEND;TZID=Europe/London:20260403T150000")
        #expect(prop(e[0], "DTSTAMP") == "DTSTAMP:20260328T080000Z")
        #expect(prop(e[0], "SUMMARY") == "SUMMARY:Ada\\; Lovelace\\, Jr")
        #expect(!ics.contains("knee") && !ics.contains("07700"))
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(ics.components(separatedBy: "\n").dropLast().allSatisfy { $0.hasSuffix("\r") })
        // Exported again later, after a rename, the same appointments keep their UIDs.
        try f.run("2026-03-29 09:00", .editClient(client: "c1", ClientEdit(client: ada, name: "Ada King")))
        let again = text(ICSCalendar(practiceKey: "k1234").bytes(f.p.appointments, in: f.p, now: now))
        #expect(again.contains("UID:a2.k1234@keepwarm") && again.contains("SUMMARY:Ada King"))
    }

    @Test func undoingAMoveRaisesTheSequenceAgain() throws {
        let f = try Fixture()
        _ = try f.client("Ada")
        try f.run("2026-03-27 12:00", .book(client: "c1", practitioner: nil, start: f.t("2026-04-03 10:00"), minutes: 60, force: false))
        try f.run("2026-03-27 12:01", .move("a1", to: f.t("2026-04-03 14:00"), force: false))
        try f.run("2026-03-27 12:02", .undo(by: "test"))
        #expect(f.p.appointments[0].start == f.t("2026-04-03 10:00"))
        #expect(f.p.appointments[0].revisions == 2)
    }

    @Test func aBookingUndoneIsSentAsCancelledSoACalendarDropsIt() throws {
        let f = try Fixture()
        _ = try f.client("Ada")
        try f.run("2026-03-27 12:00", .book(client: "c1", practitioner: nil, start: f.t("2026-04-03 10:00"), minutes: 60, force: false))
        try f.run("2026-03-27 12:02", .undo(by: "test"))
        #expect(f.p.appointments[0].withdrawn)
        let cal = ICSCalendar(practiceKey: "k1")
        let ics = text(cal.bytes(f.p.appointments, in: f.p, now: f.t("2026-03-28 08:00")))
        #expect(ics.contains("UID:a1.k1@keepwarm\r\n"))
        #expect(ics.contains("SEQUENCE:1\r\nSTATUS:CANCELLED\r\nSUMMARY:Cancelled: Ada\r\n"))
        #expect(AppointmentsCSV.table(f.p).rowCount == 0)
    }
}
