/// Who the desk may be prompted to contact (Docs/rules.md, "Who may be contacted"): the one answer every list
/// (diary flags, thank-yous, follow-ups, lapsed, callbacks, the console's panes), the audit's and reports' "owed"
/// counts, and the `thank`, `preview`, `send` and `letter` refusals use.
///
/// Nobody is prompted to contact a client whose details were erased, or anyone about them: their callbacks, their own
/// thank-you and the thank-you owed to whoever referred them all leave every list, and count as "erased", not owed.
public enum Contactable {
    /// What a prompt would be about.
    public enum Subject: Equatable, Sendable {
        /// A message to a client about their own care (follow-ups, the lapsed list, letters).
        case client(ClientID)
        /// A thank-you to the referrer for sending the referred client.
        case referral(ReferralID)
        /// Returning a call.
        case callback(CallbackID)
    }

    /// Why nobody may be prompted about a subject.
    public enum Bar: Equatable, Sendable {
        /// Added by mistake and undone.
        case withdrawn
        /// It is about this client, whose details were erased at their request.
        case erased(ClientID?)
        /// The client has not agreed to contact, or is not active (do-not-contact, discharged, moved away).
        case notReachable
    }

    /// Why the desk may not be prompted about `s`, or nil when it may.
    public static func bar(_ s: Subject, in p: Practice) -> Bar? {
        switch s {
        case .client(let id):
            guard p.clients.indices.contains(id.index) else { return .withdrawn }
            return bar(client: p.clients[id.index])
        case .referral(let id):
            guard p.referrals.indices.contains(id.index) else { return .withdrawn }
            let r = p.referrals[id.index]
            if r.withdrawn { return .withdrawn }
            // Thanking the referrer for sending someone is a contact about both of them.
            for c in [r.referrer, r.client] where p.clients[c.index].erasedAt != nil { return .erased(c) }
            return nil
        case .callback(let id):
            guard p.callbacks.indices.contains(id.index) else { return .withdrawn }
            let cb = p.callbacks[id.index]
            if cb.withdrawn { return .withdrawn }
            return cb.erased ? .erased(nil) : nil
        }
    }

    /// The same for a client already in hand, so a list that walks every client lends it rather than copying it.
    public static func bar(client c: Client) -> Bar? { withUnsafePointer(to: c) { bar(at: $0) } }

    /// The same, read through the client's address: the walks over every client ask it first, and handing each
    /// client over as a value copied it (a retain per field), which was three quarters of the lapsed list's walk.
    static func bar(at c: UnsafePointer<Client>) -> Bar? {
        if c.pointee.withdrawn { return .withdrawn }
        if c.pointee.erasedAt != nil { return .erased(c.pointee.id) }
        return c.pointee.contact && c.pointee.status == .active ? nil : .notReachable
    }

    /// Whether a discharged client may still be asked, once, for a referral at their discharge: they agreed to
    /// contact, were not erased, and discharge is their only bar.
    public static func mayAskAtDischarge(_ c: Client) -> Bool { withUnsafePointer(to: c) { mayAskAtDischarge(at: $0) } }

    /// The same, read through the client's address.
    static func mayAskAtDischarge(at c: UnsafePointer<Client>) -> Bool {
        !c.pointee.withdrawn && c.pointee.erasedAt == nil && c.pointee.contact && c.pointee.status == .discharged
    }

    /// Whether a list may prompt the desk about `s`.
    public static func mayPrompt(_ s: Subject, in p: Practice) -> Bool { bar(s, in: p) == nil }

    /// Whether `s` is left out because someone it is about was erased: counted as "erased" by the audit and reports.
    public static func isErased(_ s: Subject, in p: Practice) -> Bool {
        if case .erased? = bar(s, in: p) { return true }
        return false
    }

    /// The refusal for a message to a client whose details were erased.
    static func erasedClientRefusal(_ id: ClientID) -> CommandError {
        CommandError("\(id)'s details were erased at their request; \(id) may not be contacted, so nothing was written")
    }

    /// The refusal for a message to a client recorded as deceased, or nil: the one line `touch`, `send`, `letter` and
    /// `preview` all give, since nothing may ever go to them.
    public static func deceasedRefusal(_ c: Client) -> CommandError? {
        guard c.status == .deceased else { return nil }
        return CommandError("\(c.name) (\(c.id)) is recorded as deceased; nothing is sent to them, so nothing was written")
    }

    /// The one-line refusal for a command asked to contact someone about an erased client, or nil.
    public static func erasedRefusal(_ s: Subject, in p: Practice) -> CommandError? {
        guard case .erased(let who)? = bar(s, in: p) else { return nil }
        let about = who.map { "\($0)'s details were erased at their request" } ?? "the caller's details were erased at their request"
        switch s {
        case .client(let id): return erasedClientRefusal(id)
        case .referral(let id): return CommandError("\(about); nobody may be thanked for referral \(id), so nothing was written")
        case .callback(let id): return CommandError("\(about); callback \(id) may not be returned, so nothing was written")
        }
    }
}

extension Client {
    /// The client's answer to "may we contact you?" as a person reads it: yes, no, or not asked (a client added without
    /// an answer is stored as `contact` true, so the stored flag alone would say yes). The card and `client show` both.
    public var contactAnswer: String { consentRecorded ? (contact ? "yes" : "no") : "not asked" }
}
