import Foundation
import Testing
@testable import KeepwarmCore

/// Reads RFC 4180 CSV back: quoted fields may hold commas, doubled quotes and line breaks; records end with CRLF.
private func parseCSV(_ text: String) -> [[String]] {
    var records: [[String]] = []
    var record: [String] = []
    var field = ""
    var quoted = false
    var chars = Array(text.unicodeScalars)[...]
    while let c = chars.popFirst() {
        if quoted {
            if c == "\"" {
                if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
            } else {
                field.unicodeScalars.append(c)
            }
        } else if c == "\"" {
            quoted = true
        } else if c == "," {
            record.append(field)
            field = ""
        } else if c == "\r" && chars.first == "\n" {
            chars.removeFirst()
            record.append(field)
            records.append(record)
            record = []
            field = ""
        } else {
            field.unicodeScalars.append(c)
        }
    }
    if !field.isEmpty || !record.isEmpty { record.append(field); records.append(record) }
    return records
}

private func object(_ out: String) throws -> [String: Any] {
    guard let o = try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any] else { throw Failure("not a JSON object: \(out)") }
    return o
}

/// The log's last event, decoded.
private func lastEvent(_ cli: CLI) throws -> Event {
    let lines = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n")
    guard case .event(let e) = try EventCodec.decode(Array(lines.last!.utf8)) else { throw Failure("not an event") }
    return e
}

@Suite struct ReportCLITests {
    /// Three clients in July 2026: Ada (Google, one session, feedback 5), Bea (a source with a comma and quotes),
    /// Cy (referred by Ada, so "Client referral").
    private func practice() throws -> CLI {
        let cli = CLI()
        try cli.ok("init", "--name", "Test Rooms", "--now", "2026-07-01 09:00")
        try cli.ok("practitioner", "add", "--name", "Anna", "--now", "2026-07-01 09:00")
        try cli.ok("client", "add", "--name", "Ada", "--source", "Google", "--now", "2026-07-01 09:00")
        try cli.ok("client", "add", "--name", "Bea", "--source", "Friend, \"Bea\"", "--now", "2026-07-01 09:05")
        try cli.ok("client", "add", "--name", "Cy", "--referred-by", "c1", "--now", "2026-07-01 10:00")
        try cli.ok("book", "c1", "--at", "2026-07-02 10:00", "--now", "2026-07-01 09:30")
        try cli.ok("attend", "a1", "--now", "2026-07-02 11:00")
        try cli.ok("feedback", "c1", "--score", "5", "--now", "2026-07-02 11:10")
        return cli
    }

    @Test func sourcesJSONHasStableKeysAndRecordsTheExport() throws {
        let cli = try practice()
        let r = try cli.run(["report", "sources", "--json", "--now", "2026-07-10 12:00"])
        #expect(r.status == 0, "\(r.err)")
        let o = try object(r.out)
        #expect(o["report"] as? String == "sources")
        #expect(o["practice"] as? String == "Test Rooms")
        #expect(o["timezone"] as? String == "Europe/London")
        #expect(o["from"] as? String == "2026-07-01")
        #expect(o["to"] as? String == "2026-07-10")
        #expect(o["now"] as? String == "2026-07-10T11:00:00.000Z")
        #expect(o["asOf"] is NSNull)
        let quarters = try #require(o["quarters"] as? [[String: Any]])
        #expect(quarters.map { $0["quarter"] as? String } == ["2026-Q3"])
        #expect(quarters[0]["partial"] as? Bool == true)
        let sources = try #require(o["sources"] as? [[String: Any]])
        #expect(sources.map { $0["label"] as? String } == ["Client referral", "Friend, \"Bea\"", "Google"])
        let google = sources[2]
        let newClients = try #require(google["newClients"] as? [String: Any])
        #expect(newClients["value"] as? Int == 1)
        #expect(newClients["unit"] as? String == "clients")
        #expect((newClients["formula"] as? String)?.isEmpty == false)
        let third = try #require(google["reachedThird"] as? [String: Any])
        #expect(third["key"] as? String == "reachedThird")
        #expect(third["value"] as? Double == 0)
        #expect(third["numerator"] as? Int == 0)
        #expect(third["denominator"] as? Int == 1)
        #expect(third["unit"] as? String == "share")
        let byQuarter = try #require(google["byQuarter"] as? [[String: Any]])
        #expect(byQuarter.first?["quarter"] as? String == "2026-Q3")
        let total = try #require(o["total"] as? [String: Any])
        #expect((total["newClients"] as? [String: Any])?["value"] as? Int == 3)

        // Audit step 14 needs to know the sources report was exported, when and by whom.
        let e = try lastEvent(cli)
        #expect(e.body == .reportViewed(.sources, exported: true))
        #expect(e.by == "sam")
        #expect(e.at.iso == "2026-07-10T11:00:00.000Z")
        let log = try EventLog.open(path: cli.log)
        #expect(log.practice.reportExported[.sources]?.iso == "2026-07-10T11:00:00.000Z")

        // Viewed as text: recorded as a view, not an export.
        let text = try cli.run(["report", "sources", "--now", "2026-07-11 09:00"])
        #expect(text.status == 0)
        #expect(text.out.contains("REACHED 3RD SESSION"))
        #expect(text.out.contains("0% (0 of 1)"))
        #expect(try lastEvent(cli).body == .reportViewed(.sources, exported: false))
    }

    @Test func csvReadsBackAsHeaderAndRows() throws {
        let cli = try practice()
        let r = try cli.run(["report", "sources", "--csv", "--now", "2026-07-10 12:00"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.hasPrefix("\u{FEFF}report,section,"))
        #expect(r.out.hasSuffix("\r\n"))
        let records = parseCSV(String(r.out.dropFirst()))
        #expect(records.first == ["report", "section", "group", "period", "figure", "label", "value", "numerator",
                                  "denominator", "unit", "formula"])
        #expect(records.allSatisfy { $0.count == 11 })
        let rows = records.dropFirst()
        // Per source (3 and the total): one quarter, the whole period, the 3rd-session share.
        #expect(rows.count == 4 * 3)
        let bea = rows.filter { $0[2] == "Friend, \"Bea\"" }
        #expect(bea.map { $0[3] } == ["2026-Q3", "2026-07-01/2026-07-10", "2026-07-01/2026-07-10"])
        #expect(bea.map { $0[4] } == ["newClients", "newClients", "reachedThird"])
        #expect(bea.map { $0[6] } == ["1", "1", "0"])
        #expect(bea[2][7] == "0" && bea[2][8] == "1" && bea[2][9] == "share")
        #expect(bea[2][10] == "clients from this source added in the period with at least 3 attended sessions by now ÷ clients from this source added in the period")
        #expect(try lastEvent(cli).body == .reportViewed(.sources, exported: true))
    }

    @Test func retentionJSONSaysNoDataAsNull() throws {
        let cli = CLI()
        try cli.ok("init", "--now", "2026-07-01 09:00")
        let r = try cli.run(["report", "retention", "--json", "--now", "2026-07-10 12:00"])
        #expect(r.status == 0, "\(r.err)")
        let o = try object(r.out)
        #expect(o["conversionWindowDays"] as? Int == 56)
        let figures = try #require(o["figures"] as? [String: [String: Any]])
        #expect(Set(figures.keys) == ["rebookingRate", "firstToSecond", "secondToThird", "noShowRate",
                                      "medianDaysBetweenSessions", "satisfaction"])
        for (key, f) in figures {
            #expect(f["value"] is NSNull, "\(key)")
            #expect((f["formula"] as? String)?.isEmpty == false, "\(key)")
        }
        #expect((o["densityByWeek"] as? [Any])?.count == 26)
        #expect((o["activeClientsByMonth"] as? [Any])?.count == 12)
        #expect(o["busiestWeek"] is NSNull)
        #expect((o["satisfactionBySource"] as? [Any])?.isEmpty == true)
        // Only the sources report is recorded.
        #expect(try lastEvent(cli).body.type == "settings.changed")

        let text = try cli.run(["report", "retention", "--now", "2026-07-10 12:00"])
        #expect(text.out.contains("Rebooking rate                no data"))
        #expect(!text.out.contains("0%"))
    }

    @Test func retentionTextShowsEveryFormulaAndTheDensityBars() throws {
        let cli = try practice()
        let r = try cli.run(["report", "retention", "--now", "2026-07-10 12:00"])
        #expect(r.status == 0, "\(r.err)")
        // Ada's next session was never booked: a real 0%, with the sessions it was worked out from.
        #expect(r.out.contains("Rebooking rate                0% (0 of 1)"))
        #expect(r.out.contains("1st → 2nd visit               no data"))
        for formula in [RetentionReport.rebookingFormula, RetentionReport.noShowFormula, RetentionReport.medianGapFormula] {
            #expect(r.out.contains(formula))
        }
        let lines = r.out.split(separator: "\n").map(String.init)
        let busiest = try #require(lines.first { $0.hasPrefix("2026-06-29 ") })
        #expect(busiest.split(separator: " ").map(String.init) == ["2026-06-29", "1.0", "100%", String(repeating: "█", count: 30)])
        let before = try #require(lines.first { $0.hasPrefix("2026-06-22 ") })
        #expect(before.split(separator: " ").map(String.init) == ["2026-06-22", "no", "data", "no", "data"])
        #expect(lines.contains { $0.split(separator: " ").map(String.init) == ["Google", "5.00", "1"] })
    }

    @Test func referrersCSVAndJSON() throws {
        let cli = try practice()
        let j = try object(try cli.ok("report", "referrers", "--json", "--now", "2026-07-10 12:00"))
        #expect(j["thankYouHours"] as? Int == 48)
        let referrers = try #require(j["referrers"] as? [[String: Any]])
        #expect(referrers.map { $0["client"] as? String } == ["c1"])
        #expect(referrers[0]["neverThanked"] as? Bool == true)
        #expect((referrers[0]["notYetThanked"] as? [String: Any])?["value"] as? Int == 1)
        let summary = try #require(j["summary"] as? [String: [String: Any]])
        #expect(summary["thankedOnTime"]?["value"] as? Double == 0)
        #expect(summary["thankedOnTime"]?["denominator"] as? Int == 1)
        let csv = parseCSV(String(try cli.run(["report", "referrers", "--csv", "--now", "2026-07-10 12:00"]).out.dropFirst()))
        #expect(csv.dropFirst().map { $0[1] } == ["summary", "summary", "summary", "summary", "summary",
                                                   "referrer", "referrer", "referrer", "referrer"])
        #expect(csv.last?[2] == "Ada (c1)")
        #expect(try lastEvent(cli).body.type == "feedback.given")
    }

    @Test func jsonAndCSVTogetherAreRefused() throws {
        let cli = try practice()
        let before = cli.bytes()
        let r = try cli.run(["report", "sources", "--json", "--csv"])
        #expect(r.status == 64)
        #expect(r.err.contains("--json and --csv can't be used together"))
        #expect(r.out.isEmpty)
        #expect(cli.bytes() == before)
    }

    @Test func asOfLeavesLaterEventsOutAndRecordsNothing() throws {
        let cli = try practice()
        let before = cli.bytes()
        let o = try object(try cli.ok("report", "sources", "--json", "--as-of", "2026-07-01", "--now", "2026-07-10 12:00"))
        #expect(o["asOf"] as? String == "2026-07-01")
        #expect(o["now"] as? String == "2026-07-01T22:59:59.999Z")  // end of 1 July, BST
        #expect((o["total"] as? [String: Any]).flatMap { $0["newClients"] as? [String: Any] }?["value"] as? Int == 3)
        let ret = try object(try cli.ok("report", "retention", "--json", "--as-of", "2026-07-01", "--now", "2026-07-10 12:00"))
        // Ada's session on 2 July had not happened yet.
        #expect((ret["figures"] as? [String: [String: Any]])?["rebookingRate"]?["value"] is NSNull)
        #expect(cli.bytes() == before, "a look at the past is not recorded")

        let future = try cli.run(["report", "sources", "--as-of", "2026-07-11", "--now", "2026-07-10 12:00"])
        #expect(future.status == 1)
        #expect(future.err == "keepwarm: --as-of 2026-07-11 is after today (2026-07-10); the log can only say how things stood up to now\n")
        let bad = try cli.run(["report", "referrers", "--since", "someday"])
        #expect(bad.status == 1)
        #expect(bad.err.hasPrefix("keepwarm: --since: couldn't read the date 'someday'"))
    }

    @Test func aDamagedLogStillShowsTheReportAndSaysTheViewWasNotRecorded() throws {
        let cli = try practice()
        var text = String(decoding: cli.bytes(), as: UTF8.self)
        text = text.replacingOccurrences(of: "\"name\":\"Bea\"", with: "\"name\":\"Bee\"")
        try Data(text.utf8).write(to: URL(fileURLWithPath: cli.log))
        let r = try cli.run(["report", "sources", "--now", "2026-07-10 12:00"])
        #expect(r.status == 0)
        #expect(r.out.contains("Sources of new clients — Test Rooms"))
        #expect(r.err.contains("read-only"))
        #expect(r.err.contains("keepwarm: warning: this view of the sources report could not be recorded for the audit: "))
        #expect(String(decoding: cli.bytes(), as: UTF8.self) == text)
    }
}
