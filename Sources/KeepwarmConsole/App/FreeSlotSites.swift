import KeepwarmCore

/// The free-slot form's Site, in a practice with sites: it opens on the site shown (`ConsoleModel.site`, shared with
/// the diary and the week view), and the site it searched becomes the one shown, so the diary and the week then show
/// where the slot was found. A practice without sites gets the form it always had.
extension ConsoleForms {
    /// What the Site choice says for every site.
    static let everySite = "every site"

    /// The Site field: every site, then each site as "s1 Riverside" (its id first, so a long or odd name still reads back).
    static func siteField(_ p: Practice, shown: SiteID?) -> FormField? {
        guard !p.activeSites.isEmpty else { return nil }
        let options = [everySite] + p.activeSites.map { "\($0.id) \($0.name)" }
        let current = shown.flatMap { s in options.first { $0.hasPrefix("\(s) ") } } ?? everySite
        return FormField(key: "site", label: "Site", kind: .choice(options), value: current)
    }

    /// The site the form asks for (nil: every site, or a practice without sites), checked against the practitioner.
    static func freeSlotSite(_ f: Form, practitioner: PractitionerID?, practice p: Practice) throws -> SiteID? {
        guard f.fields.contains(where: { $0.key == "site" }) else { return nil }
        let value = f.value("site")
        guard value != everySite, let word = value.split(separator: " ").first, let site = SiteID(text: String(word)),
              let s = p.site(site), !s.withdrawn else { return nil }
        if let practitioner, p.practitioners[practitioner.index].site != site {
            throw CommandError("\(p.practitioners[practitioner.index].name) does not work at \(s.name): choose any, or every site")
        }
        return site
    }
}

extension ConsoleModel {
    /// Adds the Site field after With to the free-slot form just opened, in a practice with sites.
    mutating func addSiteField(_ p: Practice) {
        guard case .form(let purpose, var form) = overlays.last, case .findFreeSlot = purpose,
              let field = ConsoleForms.siteField(p, shown: site) else { return }
        let at = (form.fields.firstIndex { $0.key == "with" } ?? form.fields.count - 1) + 1
        form.fields.insert(field, at: at)
        overlays[overlays.count - 1] = .form(purpose, form)
    }
}
