extension EventBody {
    /// The appointment this event books or changes, whose calendar entry an undo or redo of it changes again.
    var calendarAppointment: AppointmentID? {
        switch self {
        case .appointmentBooked(let a, _, _, _, _), .appointmentMoved(let a, _), .appointmentCancelled(let a, _, _),
             .appointmentAttended(let a), .appointmentNoShow(let a):
            return a
        default:
            return nil
        }
    }
}

extension Practice {
    /// Counts an undo or redo of `body` as one more revision of its appointment, as a move or a cancellation is
    /// counted where it applies: so `export ics` reads SEQUENCE from the practice instead of reading the log again.
    mutating func countRevision(of body: EventBody?) {
        guard let a = body?.calendarAppointment, appointments.indices.contains(a.index) else { return }
        appointments[a.index].revisions += 1
    }
}
