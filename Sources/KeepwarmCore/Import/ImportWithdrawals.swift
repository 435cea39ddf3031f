import KeepwarmCore

/// A row skipped because its client is already in the log (imported before, or the same name and phone or email) may
/// still say something new against contacting them: a client archived or unsubscribed in the other system since the
/// last import. Skipping it silently would leave them contactable, so the row's withdrawals are recorded on the
/// client already in the log. Only withdrawals: a skipped row never gives consent, never makes anyone active again.
enum ImportWithdrawals {
    /// The events that record what `row` withdraws from the existing client `id`, or none when the log already says it.
    static func events(_ row: ClientRow, for id: ClientID, in p: Practice) -> [EventBody] {
        let c = p.clients[id.index]
        var out: [EventBody] = []
        if let (status, reason) = row.status, ClientStatusWords.strength(status) > ClientStatusWords.strength(c.status) {
            out.append(.clientStatusChanged(id, status, reason: reason))
        }
        for (channel, given) in row.consent where !given {
            let channels = channel.map { [$0] } ?? ConsentChannel.allCases
            guard channels.contains(where: { !Consent.state(c, $0).isWithdrawn }) else { continue }
            out.append(.consentChanged(id, channel, given: false, how: .imported))
        }
        // A marketing "no" (Cliniko's "Accepts Email Marketing" gone Yes → No) takes the newsletter off, for a client
        // never asked who may be contacted too: a `client.edited` taking only the newsletter off does not mark consent
        // as asked (`Practice.apply`), so it invents nothing.
        if row.said.contains(.noMarketing), !row.client.newsletter, c.newsletter {
            out.append(.clientEdited(ClientEdit(client: id, newsletter: false)))
        }
        return out
    }
}
