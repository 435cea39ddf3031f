import Foundation
import Testing
@testable import KeepwarmCore

/// The four charts come from one walk over the practice (`ChartPass`); these hold that walk to the reports it stands
/// beside, on a demo practice, so working the charts out cheaply cannot change a number.
@Suite struct ChartPassTests {
    static let end = DateInput.parseZonedISO("2026-11-23T10:30:00Z")!

    static let demo: Practice = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-chartpass-\(UUID().uuidString)").path
        let path = dir + "/events.log"
        _ = try! DemoGenerator(seed: 11, events: 6000, end: end).write(to: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try! EventLog.open(path: path).practice
    }()

    /// New clients by source: each quarter's bar and its parts are the sources report's columns over the chart's period.
    @Test func newClientsBySourceIsTheSourcesReport() throws {
        let p = Self.demo, now = Self.end
        let c = Chart.newClientsBySource(p, now: now)
        let since = QuarterNumber.firstDay(QuarterNumber.of(day: p.calendar.day(of: now)) - (Chart.chartQuarters - 1))
        let r = SourcesReport.build(p, since: since, now: now)
        #expect(!c.rows.isEmpty && c.rows.count == r.quarters.count)
        #expect(c.rows.map(\.label) == r.quarters.map(\.chartLabel))
        let named = r.rows.filter { $0.source != nil }
        #expect(c.series.prefix(Chart.namedSources) == named.prefix(Chart.namedSources).map(\.label)[...])
        for (q, row) in c.rows.enumerated() {
            #expect(Int(row.values.reduce(0, +)) == Int(r.total.byQuarter[q].value ?? -1))
            for (i, s) in named.prefix(Chart.namedSources).enumerated() {
                #expect(Int(row.values[i]) == Int(s.byQuarter[q].value ?? -1), "\(s.label) \(row.label)")
            }
        }
    }

    /// The funnel's first visits and the retention curve's cohorts count the same clients: each quarter both show is
    /// the same number of clients, and the density chart's bars add up to the live, not-cancelled appointments in its weeks.
    @Test func theChartsAgreeWithEachOtherAndTheDiary() throws {
        let p = Self.demo, now = Self.end
        let all = Chart.all(p, now: now)
        #expect(all.funnel == Chart.funnel(p, now: now) && all.retention == Chart.retentionCurve(p, now: now))
        #expect(all.diaryDensity == Chart.diaryDensity(p, now: now) && all.newClientsBySource == Chart.newClientsBySource(p, now: now))
        let firsts = Dictionary(uniqueKeysWithValues: all.funnel.rows.map { ($0.label.replacingOccurrences(of: "*", with: ""), Int($0.values[0])) })
        for row in all.retention.rows {
            let clients = Int(row.caption.prefix { $0.isNumber })!
            if let n = firsts[row.label] { #expect(n == clients, "\(row.label)") }
        }
        let cal = p.calendar
        let weeks = all.diaryDensity.rows.count
        let firstMonday = ReportCalendar.monday(of: cal.day(of: now)) - (weeks - 1) * 7
        var booked = 0
        for c in p.clients where !c.withdrawn && c.addedAt <= now {
            for ref in c.appointments {
                let a = p.appointments[ref.index]
                let d = cal.day(of: a.start)
                if !a.withdrawn, a.bookedAt <= now, a.status != .cancelled, d >= firstMonday, d < firstMonday + weeks * 7 { booked += 1 }
            }
        }
        #expect(booked > 0 && Int(all.diaryDensity.rows.flatMap(\.values).reduce(0, +)) == booked)
    }
}
