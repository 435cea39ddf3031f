/// A close of a client who is closed already (QA D2: another desk closed them while this desk's question was open, or
/// `keepwarm review --reason` was run twice) is refused against the fresh state under the log's lock, so the
/// why-clients-left report never counts one client's leaving twice.
enum SecondClose {
    static func refuse(_ p: Practice, _ id: ClientID) throws(CommandError) {
        let c = p.clients[id.index]
        guard c.status != .active else { return }
        let who = "\(c.name) (\(c.id))"
        if let last = c.reviews.last, case .closed(let status) = last.outcome, status == c.status {
            let why = last.detail.reason.map { ", \($0.label)" } ?? ""
            throw CommandError("\(who) was already closed by \(last.by) on \(p.calendar.dateString(last.at))\(why); nothing recorded")
        }
        throw CommandError("\(who) is already \(c.status.rawValue), not on the lapsed list; nothing recorded (set them active on their card first to review them)")
    }
}
