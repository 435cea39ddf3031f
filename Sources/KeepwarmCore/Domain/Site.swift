import Foundation

/// The letters of a site's id (`s1`).
public enum SiteKind: IDKind { public static let prefix = "s"; public static let noun = "site" }

/// A site's id: `s1`, `s2`, handed out in order.
public typealias SiteID = ID<SiteKind>

/// One place the practice sees clients (`site.added`). A practice without sites is one place, as before sites existed.
public struct Site: Equatable, Sendable {
    public let id: SiteID
    public var name: String
    /// Where it is, as the desk writes it; the practice's own address, not personal, so erasure leaves it.
    public var address: String?
    /// Added by mistake and undone: kept so ids stay dense, but listed nowhere.
    public var withdrawn = false
}

extension Practice {
    public func site(_ id: SiteID) -> Site? { sites.indices.contains(id.index) ? sites[id.index] : nil }
    public var nextSiteID: SiteID { SiteID(sites.count + 1) }
    /// The sites in use, in the order they were added.
    public var activeSites: [Site] { sites.filter { !$0.withdrawn } }

    /// A site from its id (`s1`) or exact name, any case.
    public func resolveSite(_ text: String) throws(CommandError) -> SiteID {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let id = SiteID(text: t.lowercased()), let s = site(id), !s.withdrawn { return id }
        if let s = activeSites.first(where: { $0.name.lowercased() == t.lowercased() }) { return s.id }
        if activeSites.isEmpty { throw CommandError("this practice has no sites yet: add one with `keepwarm site add --name NAME`") }
        throw CommandError("no site '\(DisplayText.fit(t, width: Self.siteNameShown))': use an id or exact name from `keepwarm site list` (\(siteChoices))")
    }

    /// How much of a site's name a refusal shows: a 500-character name must not turn one line into a page.
    static let siteNameShown = 30

    /// The sites a refusal offers, each cut to `siteNameShown` cells, the first eight and how many more.
    var siteChoices: String {
        let shown = activeSites.prefix(8).map { "\($0.id) \(DisplayText.fit($0.name, width: Self.siteNameShown))" }
        let more = activeSites.count > 8 ? ", and \(activeSites.count - 8) more" : ""
        return shown.joined(separator: ", ") + more
    }

    /// Whether an appointment counts for a site filter; nil is the whole practice. An appointment belongs to the site
    /// its practitioner worked at when it was booked (`Appointment.site`).
    public func isAt(_ a: Appointment, _ site: SiteID?) -> Bool { site == nil || a.site == site }

    /// Whether a practitioner works at a site (nil: the whole practice).
    public func works(_ pr: Practitioner, at site: SiteID?) -> Bool { site == nil || pr.site == site }
}
