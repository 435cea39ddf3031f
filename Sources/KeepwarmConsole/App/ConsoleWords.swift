import Foundation
import KeepwarmCore

/// The console's edge for messages written for the command line: a refusal that tells the person to type a flag
/// (`--force`, `--with`, `keepwarm move a5 --to …`) is reworded in keys and screens. The CLI keeps its own words.
/// Naming a command to run (`keepwarm check`) is fine in both.
enum ConsoleWords {
    /// (pattern, replacement) pairs, tried in order; `$1` is the pattern's first group.
    static let rewordings: [(String, String)] = [
        (#"^(\S+) is booked, not attended: rebooking starts from an attended session \(mark it with `keepwarm attend \S+` first\)$"#,
         "$1 is not marked attended yet: press a on it first, then r to rebook"),
        (#" \(mark it with `keepwarm attend (\S+)` first\)$"#, "; rebook from an attended session instead"),
        (#"; use `keepwarm move (\S+) --to …` to change it"#, "; press m on its diary row to move it instead"),
        (#"names must differ so --with can find them"#, "names must differ so a booking can tell them apart"),
        (#"nothing to change: give at least one of --name.*"#, "nothing to change: change a field first, or Esc to close"),
        (#"; pick a future time, or add --force to record a past appointment"#, "; pick a future time"),
        (#"; if they have now, record it with `keepwarm client edit (\S+) --contact`"#,
         "; if they have now, open their card (⏎), press e and set Agrees to be contacted to yes"),
        (#"add one with `keepwarm practitioner add --name NAME`"#, "add one with `keepwarm practitioner add`"),
        (#"say which with --with \((.*)\)"#, "say which in the With field ($1)"),
        // A client field that was not a suggestion (a form opened on a client, then retyped) is resolved by the core.
        (#"^(\d+) clients are called '(.*)' \((.*)\); give the id instead$"#, "$1 clients are called '$2' ($3): type one of those ids in the Client field"),
        (#"^no client '(.*)': use an id from `keepwarm client list`, or the exact name$"#,
         "no client matches '$1': check the spelling, or press Esc then + to add them"),
        // The import screen's report is `keepwarm import`'s: its commit is the screen's `c`.
        (#" \(add --commit to import\)$"#, " (c imports it)"),
        (#"^(\s*)columns \(correct with --map .*\):$"#, "$1columns (to correct one: keepwarm import … --map \"Column=field\"):"),
    ]

    /// `message` in the console's words.
    /// What a form shows when making its command failed: the refusal in the console's words.
    static func formError(_ error: Error) -> String {
        switch error {
        case let e as InputError: console(e.message)
        case let e as CommandError: console(e.message)
        default: "\(error)"
        }
    }

    static func console(_ message: String) -> String {
        var s = message
        for (pattern, replacement) in rewordings {
            s = s.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        return s
    }
}
