/// The diary as a spreadsheet: one row per appointment, in start order.
public enum AppointmentsCSV {
    public static let header = [
        "id", "client id", "client name", "practitioner", "date", "start", "end", "minutes", "status", "cancelled by",
        "late cancellation", "booked at", "settled at",
    ]

    /// Dates and times are the practice's local ones; an appointment booked by mistake and undone is left out.
    public static func table(_ p: Practice) -> CSVSheet {
        var t = CSVSheet(header: header)
        let cal = p.calendar
        let live = p.appointments.filter { !$0.withdrawn }.sorted { ($0.start, $0.id) < ($1.start, $1.id) }
        for a in live {
            t.append([
                .made(a.id.description), .made(a.client.description), .typed(p.clients[a.client.index].name),
                .typed(p.practitioners[a.practitioner.index].name), .made(cal.dateString(a.start)),
                .made(cal.timeString(a.start)), .made(cal.timeString(a.end)), .made(String(a.minutes)),
                .made(a.status.rawValue), .made(a.cancelledBy?.rawValue ?? ""),
                .made(a.status == .cancelled ? ClientsCSV.yesNo(a.lateCancellation) : ""),
                .made(localDateTime(a.bookedAt, cal)), .made(a.settledAt.map { localDateTime($0, cal) } ?? ""),
            ])
        }
        return t
    }
}
