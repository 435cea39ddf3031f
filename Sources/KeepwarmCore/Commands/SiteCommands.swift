/// The site commands, checked against the practice as it stands under the log's lock (Docs/sites.md).
extension Command {
    func siteEvent(in p: Practice, now: Instant) throws(CommandError) -> EventBody {
        switch self {
        case .addSite(let name, let address):
            let n = try Validate.name(name, what: "site")
            if let other = p.activeSites.first(where: { $0.name.lowercased() == n.lowercased() }) {
                throw CommandError("there is already a site called '\(other.name)' (\(other.id)); names must differ so --site can find them")
            }
            return .siteAdded(p.nextSiteID, name: n, address: Validate.optionalText(address))

        case .editSite(let ref, let name, let address):
            let id = try p.resolveSite(ref)
            let n = try name.map { (t) throws(CommandError) in try Validate.name(t, what: "site") }
            if let n, let other = p.activeSites.first(where: { $0.id != id && $0.name.lowercased() == n.lowercased() }) {
                throw CommandError("there is already a site called '\(other.name)' (\(other.id)); names must differ so --site can find them")
            }
            // An address given empty clears it; one not given keeps it.
            let a = address.map { Validate.optionalText($0) ?? "" }
            let site = p.sites[id.index]
            let newName = n == site.name ? nil : n
            let newAddress = a == (site.address ?? "") ? nil : a
            guard newName != nil || newAddress != nil else { throw CommandError("\(id) already reads that way; nothing to change") }
            return .siteEdited(id, name: newName, address: newAddress)

        case .setPractitionerSite(let who, let site):
            let id = try p.resolvePractitioner(who)
            let s = try p.resolveSite(site)
            if p.practitioners[id.index].site == s {
                throw CommandError("\(p.practitioners[id.index].name) (\(id)) already works at \(p.sites[s.index].name) (\(s)); nothing to change")
            }
            return .practitionerSite(id, site: s)

        case .bookAtSite(let site, let client, let practitioner, let start, let minutes, let force):
            let s = try p.resolveSite(site)
            let here = p.practitioners.filter { !$0.withdrawn && $0.site == s }
            let id: PractitionerID
            if let practitioner {
                id = try p.resolvePractitioner(practitioner)
            } else if here.count == 1 {
                id = here[0].id
            } else if here.isEmpty {
                throw CommandError("nobody works at \(p.sites[s.index].name) (\(s)) yet: give a practitioner a site with `keepwarm practitioner edit P --site \(s)`")
            } else {
                throw CommandError("\(here.count) practitioners work at \(p.sites[s.index].name): say which with --with (\(here.map { "\($0.id) \($0.name)" }.joined(separator: ", ")))")
            }
            let pr = p.practitioners[id.index]
            guard pr.site == s else {
                let at = pr.site.map { "works at \(p.sites[$0.index].name) (\($0))" } ?? "has no site"
                throw CommandError("\(pr.name) (\(id)) \(at), not \(p.sites[s.index].name) (\(s)): book someone who works there, or leave out --site")
            }
            return try Command.book(client: client, practitioner: id.description, start: start, minutes: minutes, force: force).event(in: p, now: now)

        default:
            throw CommandError("not a site command")
        }
    }
}
