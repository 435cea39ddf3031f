/// The charts the printable audit draws, in the order it draws them.
public enum AuditReportCharts {
    /// The owner's numbers as charts for the audit page. Until the chart series exist (issue 16, i16-charts) there
    /// are none, and the page says so.
    public static func all(_ p: Practice, now: Instant) -> [Chart] {
        []
    }
}
