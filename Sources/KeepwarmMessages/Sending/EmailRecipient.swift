import KeepwarmCore

/// Whether a client may be emailed, and at what address; every refusal says what to do instead.
public enum EmailRecipient {
    /// The client's address with their name, or a one-line reason nothing may be sent.
    public static func address(_ p: Practice, _ id: ClientID) throws(CommandError) -> MailAddress {
        try mayWrite(p, id)
        let c = p.clients[id.index]
        let who = id.description
        guard let email = c.email, !email.isEmpty else {
            throw CommandError("\(who) has no email address; add one with keepwarm client edit \(who) --email ADDRESS, or send a letter")
        }
        guard let address = MailAddress(email, name: MessageValues.clean(c.name)) else {
            throw CommandError("\(who)'s email address \(email) is not one plain address like name@example.org; correct it with keepwarm client edit \(who) --email ADDRESS")
        }
        return address
    }

    /// Whether anything at all may be sent to the client, by email or by post.
    public static func mayWrite(_ p: Practice, _ id: ClientID) throws(CommandError) {
        let c = p.clients[id.index]
        let who = id.description
        if c.erasedAt != nil { throw CommandError("\(who)'s details were erased at their request; there is no one to send to") }
        if let refusal = Contactable.deceasedRefusal(c) { throw refusal }
        if c.status == .doNotContact {
            throw CommandError("\(who) is marked do-not-contact; nothing was sent (keepwarm client status \(who) active if that has changed)")
        }
        if !c.contact {
            throw CommandError("\(who) has not agreed to be contacted; nothing was sent (keepwarm client edit \(who) --contact once they agree)")
        }
    }
}
