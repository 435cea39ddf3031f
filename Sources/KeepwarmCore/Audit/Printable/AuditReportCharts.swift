/// The charts the printable audit draws, in the order it draws them: the same four series as the reports screen and
/// `keepwarm report --chart` (Sources/KeepwarmCore/Reports/Charts), so the page and the console never disagree.
public enum AuditReportCharts {
    /// The 2 → 3 funnel by quarter, diary density per week, retention by first-visit quarter, new clients by source.
    public static func all(_ p: Practice, now: Instant) -> [Chart] {
        [Chart.funnel(p, now: now), Chart.diaryDensity(p, now: now), Chart.retentionCurve(p, now: now),
         Chart.newClientsBySource(p, now: now)]
    }
}
