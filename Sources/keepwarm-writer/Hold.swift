import Foundation
import KeepwarmCore

/// `hold`: takes the writers' lock the way a real append does (inside `EventLog.append`, after catching up), prints
/// `holding`, keeps it for `--seconds`, then lets go without writing anything, for the tests of a desk waiting on
/// another (Docs/cli.md, Waiting for another desk).
struct Hold {
    let path: String
    let seconds: Int

    init(_ o: Options) throws {
        path = try o.text("log")
        seconds = try o.number("seconds")
    }

    func run() throws {
        let log = try EventLog.open(path: path)
        do {
            try log.append(by: "hold", at: Instant(Date())) { _ in
                Output.line("holding")
                sleep(UInt32(seconds))
                throw Released()
            }
        } catch is Released {
            Output.line("released")
        }
    }

    /// Ends the append without an event.
    struct Released: Error {}
}
