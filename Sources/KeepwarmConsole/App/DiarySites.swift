import KeepwarmCore

/// One site shown at a time in a practice with sites: `s` in the diary or the week view goes all sites → the first →
/// the next → … → all again. The diary, the week view and the free-slot search share this one choice
/// (`ConsoleModel.site`), and each names it in its title. `s` is keymap data (`Keymap.siteKeys`), bound only while the
/// practice has sites, so there the key bar and `?` show it, and a practice without sites has the keys, key bar,
/// help screen and golden screens it always had (`s` does nothing in its diary, as before).
extension Keymap {
    /// The key for the next site, where it acts (the diary and the week view), only in a practice with sites.
    static func siteKeys(_ context: KeyContext, _ sites: Bool) -> [Binding] {
        guard sites, context == .pane(.diary) || context == .week else { return [] }
        return [Binding([.char("s")], "next site (then all)", bar: true, .nextSite)]
    }

    /// A place's keys with the site key after the first `count` (the diary's marking keys, the week's moves and
    /// booking), so the key bar shows it before what it cuts at the end.
    static func withSiteKeys(_ bindings: [Binding], _ context: KeyContext, _ sites: Bool, after count: Int) -> [Binding] {
        Array(bindings.prefix(count)) + siteKeys(context, sites) + bindings.dropFirst(count)
    }
}

extension ConsoleModel {
    /// The next site shown, then every site again; the diary goes to its first row.
    mutating func nextSite(_ p: Practice) {
        let sites = p.activeSites.map(\.id)
        guard !sites.isEmpty else { return }
        if let now = site, let i = sites.firstIndex(of: now) {
            site = i + 1 < sites.count ? sites[i + 1] : nil
        } else {
            site = sites[0]
        }
        cursors[.diary] = ListCursor()
        status = StatusLine(text: "Site shown: " + (site.map { "\(Self.siteName($0, p)) only (s: next site)" } ?? "every site"), isError: false)
    }

    /// Keeps the choice to what the practice has: `s` is bound once a site is added (here or at another desk), and a
    /// site taken back (an undone `site.added`) is no longer shown alone.
    mutating func followSites(_ p: Practice) {
        hasSites = !p.activeSites.isEmpty
        if let s = site, p.site(s)?.withdrawn ?? true { site = nil }
    }

    /// " · Riverside" after a title, for the site shown; nothing when every site is. The name is cut so a long one
    /// never pushes out what the title goes on to say (the diary's count, the week's practitioners).
    static func siteSuffix(_ site: SiteID?, _ p: Practice, width: Int = 20) -> String {
        site.map { " · \(siteName($0, p, width: width))" } ?? ""
    }

    /// A site's name as the console's titles and status line show it: at most `width` cells, `…` when cut.
    static func siteName(_ site: SiteID, _ p: Practice, width: Int = 20) -> String {
        DisplayText.fit(p.site(site)?.name ?? site.description, width: width)
    }
}

extension ConsoleData {
    /// The morning-after rows at the diary's site.
    var unmarkedAtSite: [DiaryRow] { diarySite == nil ? unmarked : unmarked.filter { $0.appointment.site == diarySite } }

    /// Brings the snapshot to the site the model chose; true if it had to (the model then hears `.diaryShown`).
    public mutating func followSite(_ site: SiteID?, _ p: Practice) -> Bool {
        guard diarySite != site else { return false }
        diarySite = site
        diary = diaryRows(p)
        return true
    }
}
