/// One site's share of the practice, for the reports and the audit (`--site`, Docs/sites.md).
extension Practice {
    /// The practice as one site sees it: appointments at other sites (or at none) are left out, and so are clients
    /// with no appointment left, so every figure built from sessions and new clients is the site's own. A client seen
    /// at two sites counts at both, each with their sessions there. Callbacks, messages, referrals, settings and audit
    /// answers are the practice's and stay whole. nil is the whole practice, unchanged.
    public func atSite(_ site: SiteID?) -> Practice {
        guard let site else { return self }
        var copy = self
        for a in appointments where !a.withdrawn && a.site != site { copy.perform(.withdrawAppointment(a.id)) }
        for c in copy.clients where !c.withdrawn && c.appointments.isEmpty { copy.perform(.withdrawClient(c.id, referral: nil)) }
        return copy
    }

    /// "Riverside Therapy Rooms, Hilltop site" for a report's title line; the practice's name alone for the whole.
    public func name(at site: SiteID?) -> String {
        guard let site, let s = self.site(site) else { return settings.name }
        return "\(settings.name), \(s.name) site"
    }
}
