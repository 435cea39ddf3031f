import KeepwarmCore

/// The appointment status words practice systems write, system by system, and what each means for Keepwarm. Words
/// are compared as `key` evens them out: any case, `_` and `-` as spaces, runs of spaces as one, so `No-show`,
/// `NO_SHOW`, `No Show` and `NoShow` are one word (`noshow` is listed too).
public enum StatusWords {
    /// Booked, and not yet settled: attended if past (systems that never mark arrivals export kept appointments so).
    static let unsettled: Set<String> = [
        "", "booked", "scheduled", "confirmed", "unconfirmed", "reserved", "future",
        // Jane App: an appointment booked by the patient on the online booking site.
        "booked online",
        // Square Appointments (BookingStatus, developer.squareup.com/reference/square/enums/BookingStatus): ACCEPTED
        // is "an accepted booking agreed to or accepted by the seller".
        "accepted",
    ]
    static let attended: Set<String> = [
        "attended", "arrived", "completed", "complete", "seen", "checked in", "checked out", "done", "paid",
        // SimplePractice ("How to change an appointment status", support.simplepractice.com, article 360018410872):
        // Show is the default and means the client attended.
        "show", "showed",
        // Mindbody: Signed In (a class or appointment visit the client signed in to); its API's StatusEnum has
        // Booked, Completed, Confirmed, Arrived, NoShow, Cancelled, LateCancelled, Requested.
        "signed in",
        // Fresha: Started (the service is under way) then Completed.
        "started", "in progress",
    ]
    static let noShow: Set<String> = ["no show", "noshow", "dna", "did not arrive", "did not attend", "missed", "no showed"]
    /// Rows that are not appointments the client kept, missed or cancelled, left out and counted.
    static let leftOut: Set<String> = [
        // Jane App's Deleted (Archived) state (jane.app/guide/online-booking-grace-period): an appointment removed,
        // as if never booked; "cancellations and deletions are treated differently".
        "archived", "deleted", "deleted (archived)", "deleted(archived)",
        // Square: PENDING is "an unaccepted booking", DECLINED "had once been pending, but was then declined by the
        // seller"; Mindbody's Requested is a request not yet booked. None is an appointment the client had.
        "pending", "declined", "requested", "request",
    ]
    /// Cancelled by the client, not late: Jane's Rescheduled (the slot was given up by the client for another).
    static let rescheduled: Set<String> = ["rescheduled"]

    /// The outcome of an evened-out status word; nil for a word not known.
    static func outcome(_ key: String) -> ImportValues.Outcome? {
        if unsettled.contains(key) { return .unsettled }
        if attended.contains(key) { return .attended }
        if noShow.contains(key) { return .noShow }
        if leftOut.contains(key) { return .leftOut }
        if rescheduled.contains(key) { return .cancelled(by: .client, late: false) }
        // Cancellations in all their spellings: Jane's Cancelled and Late Cancellation, SimplePractice's Canceled,
        // Late Canceled and Clinician Canceled, Square's Cancelled by seller / by customer, Mindbody's Late Cancelled
        // (LateCancelled), Fresha's Cancelled.
        guard key.contains("cancel") else { return nil }
        let byPractice = ["practice", "clinic", "staff", "practitioner", "clinician", "seller", "business", "provider", "therapist"]
            .contains { key.contains($0) }
        return .cancelled(by: byPractice ? .practice : .client, late: key.contains("late"))
    }

    /// A status as compared: lower case, `_` and `-` as spaces, spaces evened out.
    public static func key(_ s: String) -> String {
        ConsentWords.spaced(s).words.joined(separator: " ")
    }
}

/// `--status "Word=outcome,…"`: the practice's own meaning for status words, before the built-in ones.
public struct StatusMap: Sendable, Equatable {
    /// By evened-out word (`StatusWords.key`).
    public let outcomes: [String: ImportValues.Outcome]

    public static let none = StatusMap(outcomes: [:])

    /// The outcomes `--status` takes, as written after the `=`.
    public static let names: [(String, ImportValues.Outcome)] = [
        ("attended", .attended), ("no-show", .noShow), ("cancelled", .cancelled(by: .client, late: false)),
        ("late-cancelled", .cancelled(by: .client, late: true)), ("cancelled-by-practice", .cancelled(by: .practice, late: false)),
        ("booked", .unsettled), ("skip", .leftOut),
    ]

    /// Parses `--status`; nil or empty means no mapping.
    public static func parse(_ text: String?) throws(ImportError) -> StatusMap {
        guard let text, !text.trimmingCharacters(in: .whitespaces).isEmpty else { return .none }
        let choices = names.map(\.0).joined(separator: "|")
        var out: [String: ImportValues.Outcome] = [:]
        for part in text.split(separator: ",", omittingEmptySubsequences: true) {
            let pieces = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let word = pieces[0].trimmingCharacters(in: .whitespaces)
            guard pieces.count == 2, !word.isEmpty else {
                throw ImportError("--status: '\(part.trimmingCharacters(in: .whitespaces))' needs the form Word=\(choices), as in --status \"Tentative=booked\"")
            }
            let name = pieces[1].trimmingCharacters(in: .whitespaces).lowercased()
            guard let outcome = names.first(where: { $0.0 == name })?.1 else {
                throw ImportError("--status: '\(name)' is not an outcome; use \(choices) (as in --status \"\(word)=attended\")")
            }
            out[StatusWords.key(word)] = outcome
        }
        return StatusMap(outcomes: out)
    }
}

/// One status word and the rows that carry it (first rows first), for the dry run.
public struct StatusRows: Equatable, Sendable {
    /// The word as the file first writes it.
    public let word: String
    public internal(set) var rows: [Int]
}

extension StatusRows {
    /// Counts `row` under `word` (compared as `StatusWords.key` evens it out), keeping the first rows in file order.
    static func add(_ word: String, row: Int, to list: inout [StatusRows]) {
        let key = StatusWords.key(word)
        if let i = list.firstIndex(where: { StatusWords.key($0.word) == key }) {
            list[i].rows.append(row)
        } else {
            list.append(StatusRows(word: word, rows: [row]))
        }
    }
}
