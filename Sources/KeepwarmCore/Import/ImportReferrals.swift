import KeepwarmCore

/// A clients file's `referred-by` column: each value is the `id` of another row of the same file (or the `ref` of a
/// client already in the log). A referrer on an earlier row is named on the referred client's own `client.added`; one on a later
/// row gets a `referral.recorded` at the end of the batch, once both clients are in. A value that names nobody is
/// listed in a note and nothing is recorded: a referral is a fact about two people, never a guess.
struct ImportReferrals {
    /// The other system's ids of the file's clients seen so far, to Keepwarm's (the first row with an id keeps it).
    private var byRef: [String: ClientID] = [:]
    /// The same for clients already in the log, asked when no row of the file has the id.
    private var inLog: [String: ClientID] = [:]
    /// Referrals waiting for a later row: the referred client, the referrer's id as written, the row.
    private var waiting: [(client: ClientID, referrer: String, row: Int)] = []
    /// How many `referral.recorded` events were added at the end.
    private(set) var recorded = 0

    /// Starts from the clients already in the log under an id of their own system (each id naming one client).
    init(_ p: Practice) {
        for (ref, ids) in p.clientsByRef() where ids.count == 1 { inLog[ref] = ids[0] }
    }

    /// A row imported before, or already in the log, still counts as a referrer.
    mutating func known(ref: String?, as id: ClientID) {
        if let ref, byRef[ref] == nil { byRef[ref] = id }
    }

    /// The client a referred-by value names among the rows read so far.
    func earlier(_ referrer: String?) -> ClientID? { referrer.flatMap { byRef[$0] ?? inLog[$0] } }

    /// Notes a client added from `row`: its own id, and a referral still to record when its referrer comes later.
    mutating func added(_ row: ClientRow, as id: ClientID, row number: Int) {
        known(ref: row.ref, as: id)
        if let r = row.referredBy, earlier(r) == nil || earlier(r) == id {
            waiting.append((id, r, number))
        }
    }

    /// Records the referrals whose referrer came on a later row; returns the notes for those that name nobody.
    mutating func recordLater(_ trial: inout Trial) -> [String] {
        var unmatched: [(row: Int, referrer: String)] = []
        for w in waiting {
            guard let referrer = earlier(w.referrer), referrer != w.client else {
                unmatched.append((w.row, w.referrer))
                continue
            }
            do throws(ApplyError) {
                try trial.add(.referralRecorded(trial.practice.nextReferralID, referrer: referrer, client: w.client))
                recorded += 1
            } catch {
                unmatched.append((w.row, w.referrer))
            }
        }
        guard !unmatched.isEmpty else { return [] }
        let shown = unmatched.prefix(5).map { "row \($0.row) names '\($0.referrer)'" }.joined(separator: ", ")
        return ["\(Wording.plural(unmatched.count, "referral")) not recorded: no client in the file or the log has that id (\(shown)\(unmatched.count > 5 ? ", …" : ""))"]
    }
}
