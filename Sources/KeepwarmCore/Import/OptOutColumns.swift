import KeepwarmCore

/// The opt-out columns of a clients row ("Do Not Email", "SMS Opt Out", "Do Not Call", "Do Not Mail", "Marketing Opt
/// Out", "Deceased"), and an opt-out word in the newsletter column (Square's "Email Subscription Status" =
/// Unsubscribed). Each is a flag: a yes withdraws; a no or an empty cell says nothing, so they never give consent.
struct OptOutColumns {
    /// Channels whose consent the row withdraws.
    var channels: Set<ConsentChannel> = []
    /// No newsletter and no marketing by any channel.
    var marketing = false
    var deceased = false

    /// Words that set or clear an opt-out column besides yes and no.
    static let optOutWords: (set: Set<String>, clear: Set<String>) = (
        ["opted out", "opt out", "optout", "unsubscribed", "not subscribed", "withdrawn", "blocked", "do not contact"],
        ["opted in", "opt in", "optin", "subscribed", "given", "ok"])
    static let deceasedWords: (set: Set<String>, clear: Set<String>) = (
        ["deceased", "dead", "died", "passed away"], ["alive", "living", "active", "not deceased"])

    static func read(_ cells: Cells) throws(CommandError) -> OptOutColumns {
        var out = OptOutColumns()
        let words = optOutWords
        let columns: [(ImportField, ConsentChannel)] = [(.noEmail, .email), (.noSMS, .sms), (.noPost, .post), (.noPhone, .phone)]
        for (field, channel) in columns where try any(cells, field, words) {
            out.channels.insert(channel)
        }
        // An unsubscribed word in the newsletter column is an email opt-out, not only a "no" to the newsletter.
        if let word = cells.value(.newsletter), ConsentWords.unsubscribedWords.set.contains(ConsentWords.normal(word)) {
            out.channels.insert(.email)
        }
        out.marketing = try any(cells, .marketingOptOut, words)
        out.deceased = try any(cells, .deceased, deceasedWords)
        return out
    }

    /// True when any of the field's columns sets the flag ("SMS Opt Out" = No beside "Do Not Text" = Yes is an
    /// opt-out): the first non-empty column alone could hide one.
    static func any(_ cells: Cells, _ f: ImportField, _ words: (set: Set<String>, clear: Set<String>)) throws(CommandError) -> Bool {
        for i in cells.map.columns[f] ?? [] {
            let one = ColumnMap(columns: [f: [i]], unused: [])
            if try Cells(row: cells.row, map: one, header: cells.header).flag(f, setBy: words.set, clearedBy: words.clear) { return true }
        }
        return false
    }
}
