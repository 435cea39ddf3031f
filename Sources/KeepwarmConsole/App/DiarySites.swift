import KeepwarmCore

/// `s` in the diary of a practice with sites: all sites → the first → the next → … → all again, named in the pane's
/// title. The key is bound only while the practice has sites (it is looked for before the diary's keymap), so a
/// practice without sites has the keys, key bar, help screen and golden screens it always had, and there `s` does
/// nothing, as before.
extension ConsoleModel {
    mutating func siteKey(_ key: Key, _ p: Practice) -> [ConsoleAction]? {
        guard focus == .diary, key == .char("s"), !p.activeSites.isEmpty else { return nil }
        let sites = p.activeSites.map(\.id)
        if let now = diarySite, let i = sites.firstIndex(of: now) {
            diarySite = i + 1 < sites.count ? sites[i + 1] : nil
        } else {
            diarySite = sites[0]
        }
        cursors[.diary] = ListCursor()
        status = StatusLine(text: "Diary: " + (diarySite.map { "\(p.sites[$0.index].name) only (s: next site)" } ?? "every site"), isError: false)
        return []
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
