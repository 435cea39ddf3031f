/// Room made ahead for a large batch (an import of thousands of clients), so the practice's lists grow once instead
/// of doubling, when each doubling briefly holds the old list and the new one together.
extension Practice {
    /// Makes room for the clients and appointments `bodies` add.
    public mutating func reserveCapacity(for bodies: [EventBody]) {
        var newClients = 0, newAppointments = 0
        for b in bodies {
            switch b {
            case .clientAdded: newClients += 1
            case .appointmentBooked: newAppointments += 1
            default: continue
            }
        }
        reserveCapacity(clients: newClients, appointments: newAppointments)
    }

    /// Makes room for this many more clients and appointments.
    public mutating func reserveCapacity(clients more: Int, appointments moreAppointments: Int = 0) {
        if more > 1000 {
            clients.reserveCapacity(clients.count + more)
            clientsByName.reserveCapacity(clientsByName.count + more)
        }
        if moreAppointments > 1000 { appointments.reserveCapacity(appointments.count + moreAppointments) }
    }
}

extension Practice {
    /// Applies an event to a copy that only tries a batch out before it is written (an import's plan): it keeps no
    /// undo step, which nobody would read.
    public mutating func tryOut(_ e: Event) throws(ApplyError) { try apply(e, keepingUndo: false) }
}
