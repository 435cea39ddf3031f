import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm export`: CSV that Python's csv module reads back, and a calendar that Python's icalendar package reads,
/// through the built binary.
@Suite struct ExportCLITests {
    /// Runs `python3 -c SCRIPT ARGS` and returns its stdout; a missing package fails the test with how to install it.
    func python(_ script: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", script] + args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile(), e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failure("python3 failed (`make test` installs icalendar (scripts/install-tools); or `apt-get install python3-icalendar`): \(String(decoding: e, as: UTF8.self))")
        }
        return String(decoding: o, as: UTF8.self)
    }

    /// The file's rows as Python's csv module reads them (a byte order mark is taken off first).
    func csvRows(_ path: String) throws -> [[String]] {
        let json = try python("import csv, json, sys; print(json.dumps(list(csv.reader(open(sys.argv[1], newline='', encoding='utf-8-sig')))))", [path])
        return try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String]])
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        stat(path, &st)
        return st.st_mode & 0o7777
    }

    /// A London practice with a session either side of the March 2026 clock change, a move and a cancellation.
    func practice() throws -> CLI {
        let cli = CLI()
        let now = ["--now", "2026-03-20T09:00:00Z"]
        try cli.ok(["init", "--name", "Riverside, \"Rooms\"", "--timezone", "Europe/London"] + now)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + now)
        try cli.ok(["practitioner", "add", "--name", "Ben Cole"] + now)
        try cli.ok(["client", "add", "--name", "=HYPERLINK(\"http://evil\")", "--phone", "07700 900111", "--source", "Google, Maps"] + now)
        try cli.ok(["client", "add", "--name", "Zoë O'Brien; Jr", "--email", "zoe@example.org"] + now)
        try cli.ok(["book", "c1", "--at", "2026-03-27 10:00", "--with", "p1"] + now)
        try cli.ok(["book", "c2", "--at", "2026-03-30 10:00", "--with", "p1"] + now)
        try cli.ok(["book", "c1", "--at", "2026-04-02 10:00", "--with", "p2"] + now)
        try cli.ok(["book", "c2", "--at", "2026-04-06 10:00", "--with", "p1"] + now)
        try cli.ok(["move", "a2", "--to", "2026-03-30 11:00"] + now)
        try cli.ok(["cancel", "a4", "--by", "client"] + now)
        try cli.ok(["touch", "c2", "--kind", "post-session", "--via", "email", "--note", "secret knee note"] + now)
        return cli
    }

    @Test func clientsAndAppointmentsReadBackInPythonsCSVModule() throws {
        let cli = try practice()
        try cli.ok("export", "clients", "--csv", "--out", cli.dir + "/clients.csv", "--now", "2026-03-20T10:00:00Z")
        let clients = try csvRows(cli.dir + "/clients.csv")
        #expect(clients[0].prefix(5) == ["id", "name", "phone", "email", "source"])
        #expect(clients.count == 3)
        #expect(clients[1].prefix(5) == ["c1", "'=HYPERLINK(\"http://evil\")", "07700 900111", "", "Google, Maps"])
        #expect(clients[2].prefix(4) == ["c2", "Zoë O'Brien; Jr", "", "zoe@example.org"])
        #expect(clients[1][clients[0].firstIndex(of: "next booking")!] == "2026-03-27 10:00")
        #expect(mode(cli.dir + "/clients.csv") == 0o600)

        let r = try cli.run(["export", "appointments", "--csv", "--excel"])
        #expect(r.status == 0)
        #expect(r.out.hasPrefix("\u{FEFF}id,client id,client name,practitioner,date,start,"))
        try Data(r.out.utf8).write(to: URL(fileURLWithPath: cli.dir + "/appointments.csv"))
        let rows = try csvRows(cli.dir + "/appointments.csv")
        #expect(rows.count == 5)
        #expect(rows[2].prefix(9) == ["a2", "c2", "Zoë O'Brien; Jr", "Anna Okafor", "2026-03-30", "11:00", "12:00", "60", "booked"])
        #expect(rows[4].prefix(10) == ["a4", "c2", "Zoë O'Brien; Jr", "Anna Okafor", "2026-04-06", "10:00", "11:00", "60", "cancelled", "client"])
    }

    @Test func eventsKeepTheirFieldsAsJSON() throws {
        let cli = try practice()
        try cli.ok("export", "events", "--out", cli.dir + "/events.csv")
        let rows = try csvRows(cli.dir + "/events.csv")
        #expect(rows[0] == ["seq", "at", "by", "type", "fields"])
        #expect(rows.count == 13)
        let move = try #require(rows.first { $0[3] == "appointment.moved" })
        #expect(move.prefix(3) == ["10", "2026-03-20T09:00:00.000Z", "sam"])
        let fields = try #require(try JSONSerialization.jsonObject(with: Data(move[4].utf8)) as? [String: String])
        #expect(fields == ["appointment": "a2", "start": "2026-03-30T10:00:00.000Z"])
    }

    @Test func anExistingOutFileIsRefusedAndLeftAlone() throws {
        let cli = try practice()
        let out = cli.dir + "/mine.csv"
        try Data("keep me".utf8).write(to: URL(fileURLWithPath: out))
        for kind in ["clients", "appointments", "events", "ics"] {
            let r = try cli.run(["export", kind, "--out", out])
            #expect(r.status == 1)
            #expect(r.err == "keepwarm: \(out) already exists; nothing was written. Choose another --out file, or move that one away first\n")
            #expect(FileManager.default.contents(atPath: out) == Data("keep me".utf8))
            // Said before the log is read (issue 18: at 1M events that was 1.8 s of work first): with no log at all,
            // the answer is still about --out.
            let early = try cli.run(["export", kind, "--log", cli.dir + "/no-such.log", "--out", out])
            #expect(early.status == 1 && early.err.contains("\(out) already exists"), "\(kind): \(early.err)")
        }
        let bad = try cli.run(["export", "ics", "--from", "2026-04-10", "--to", "2026-04-01", "--out", cli.dir + "/x.ics"])
        #expect(bad.status == 1 && bad.err.split(separator: "\n").count == 1 && bad.err.contains("give the earlier day first"))
        let junk = try cli.run(["export", "ics", "--from", "someday", "--out", cli.dir + "/x.ics"])
        #expect(junk.status == 1 && junk.err.hasPrefix("keepwarm: --from: ") && junk.err.split(separator: "\n").count == 1)
        let nobody = try cli.run(["export", "ics", "--practitioner", "Nobody", "--out", cli.dir + "/x.ics"])
        #expect(nobody.status == 1 && nobody.err.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/x.ics"))
    }

    static let icalendarCheck = """
        import icalendar, json, sys, datetime, zoneinfo
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        # The file's own VTIMEZONE rules, not the zone database's rules for its name (lookup_tzid is icalendar 6+).
        vtz = cal.walk('VTIMEZONE')[0]
        try:
            tz = vtz.to_tz(lookup_tzid=False)
        except TypeError:
            tz = vtz.to_tz()
        out = []
        for e in cal.walk('VEVENT'):
            s = e.decoded('DTSTART')
            assert s.tzinfo is not None, 'naive start'
            london = s.astimezone(zoneinfo.ZoneInfo('Europe/London'))
            naive = s.replace(tzinfo=None)
            own = tz.localize(naive) if hasattr(tz, 'localize') else naive.replace(tzinfo=tz)
            out.append({'uid': str(e['UID']), 'status': str(e['STATUS']), 'sequence': int(e['SEQUENCE']),
                        'summary': str(e['SUMMARY']), 'local': london.strftime('%Y-%m-%d %H:%M'),
                        'utc': s.astimezone(datetime.timezone.utc).strftime('%Y-%m-%dT%H:%MZ'),
                        'vtimezoneOffset': own.utcoffset().total_seconds(),
                        'minutes': (e.decoded('DTEND') - s).total_seconds() / 60,
                        'description': str(e['DESCRIPTION'])})
        print(json.dumps({'name': str(cal['X-WR-CALNAME']), 'events': out}))
        """

    func icalendar(_ path: String) throws -> (name: String, events: [[String: Any]]) {
        let json = try python(ExportCLITests.icalendarCheck, [path])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return (try #require(doc["name"] as? String), try #require(doc["events"] as? [[String: Any]]))
    }

    @Test func theCalendarReadsInPythonsIcalendarAcrossTheClockChange() throws {
        let cli = try practice()
        try cli.ok("export", "ics", "--out", cli.dir + "/all.ics", "--now", "2026-03-21T08:00:00Z")
        let (name, events) = try icalendar(cli.dir + "/all.ics")
        // icalendar keeps an X- property as written, so the RFC 5545 TEXT escape of the comma is still visible here.
        #expect(name == "Riverside\\, \"Rooms\"")
        #expect(events.count == 4)
        let uids = events.compactMap { $0["uid"] as? String }
        #expect(Set(uids).count == 4 && uids.allSatisfy { $0.hasSuffix("@keepwarm") })
        #expect(uids.map { $0.prefix { $0 != "." } } == ["a1", "a2", "a3", "a4"])
        #expect(events.map { $0["local"] as? String } == ["2026-03-27 10:00", "2026-03-30 11:00", "2026-04-02 10:00", "2026-04-06 10:00"])
        #expect(events.map { $0["utc"] as? String } == ["2026-03-27T10:00Z", "2026-03-30T10:00Z", "2026-04-02T09:00Z", "2026-04-06T09:00Z"])
        // The file's own VTIMEZONE agrees with the system's zone database on both sides of the change.
        #expect(events.map { $0["vtimezoneOffset"] as? Double } == [0, 3600, 3600, 3600])
        #expect(events.map { $0["status"] as? String } == ["CONFIRMED", "CONFIRMED", "CONFIRMED", "CANCELLED"])
        #expect(events.map { $0["sequence"] as? Int } == [0, 1, 0, 1])
        #expect(events.map { $0["minutes"] as? Double } == [60, 60, 60, 60])
        #expect(events[1]["summary"] as? String == "Zoë O'Brien; Jr")
        #expect(events[0]["summary"] as? String == "=HYPERLINK(\"http://evil\")")
        let text = String(decoding: FileManager.default.contents(atPath: cli.dir + "/all.ics") ?? Data(), as: UTF8.self)
        #expect(!text.contains("knee") && !text.contains("07700") && !text.contains("example.org"))
        #expect(mode(cli.dir + "/all.ics") == 0o600)

        // Exported again after another move and a rename, the same appointment keeps its UID with a higher SEQUENCE.
        try cli.ok("move", "a2", "--to", "2026-03-31 15:00", "--now", "2026-03-22T09:00:00Z")
        try cli.ok("settings", "--name", "Riverside Clinic", "--now", "2026-03-22T09:00:00Z")
        try cli.ok("export", "ics", "--out", cli.dir + "/again.ics")
        let again = try icalendar(cli.dir + "/again.ics").events
        #expect(again.map { $0["uid"] as? String } == uids)
        #expect(again[1]["sequence"] as? Int == 2)
        #expect(again[1]["local"] as? String == "2026-03-31 15:00")
    }

    @Test func onePractitionersDaysOnly() throws {
        let cli = try practice()
        try cli.ok("export", "ics", "--practitioner", "Anna Okafor", "--from", "2026-03-28", "--to", "2026-04-06", "--out", cli.dir + "/anna.ics")
        let events = try icalendar(cli.dir + "/anna.ics").events
        #expect(events.compactMap { ($0["uid"] as? String)?.prefix { $0 != "." } } == ["a2", "a4"])
        let r = try cli.run(["export", "ics", "--practitioner", "p2"])
        #expect(r.status == 0 && r.out.components(separatedBy: "BEGIN:VEVENT").count == 2 && r.out.contains("UID:a3."))
        // No appointments in the days asked for: still a calendar that reads, with its time zone and no events.
        try cli.ok("export", "ics", "--from", "2027-01-01", "--out", cli.dir + "/none.ics")
        #expect(try icalendar(cli.dir + "/none.ics").events.isEmpty)
        let none = String(decoding: FileManager.default.contents(atPath: cli.dir + "/none.ics") ?? Data(), as: UTF8.self)
        #expect(none.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/London\r\n"))
    }
}
