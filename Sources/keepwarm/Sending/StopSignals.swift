import Foundation

/// The signals that ask keepwarm to stop (Ctrl-C, SIGTERM, SIGHUP), held back while an autopilot message is between
/// its attempt and its outcome: a stop then ends the run only after the outcome is written, or, while the command
/// runs, stops the command first and leaves the attempt unresolved (Docs/autopilot.md, "Never twice, never lost").
enum StopSignals {
    static let all: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    /// Holds them back for this thread; returns the mask to put back.
    static func hold() -> sigset_t {
        var set = sigset_t(), previous = sigset_t()
        sigemptyset(&set)
        for s in all { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, &previous)
        return previous
    }

    /// Puts the mask back: a stop that came meanwhile ends keepwarm now, by the signal's default action.
    static func release(_ previous: sigset_t) {
        var previous = previous
        pthread_sigmask(SIG_SETMASK, &previous, nil)
    }

    /// A stop signal that came while they were held, if any (it stays pending).
    static func pending() -> Int32? {
        var set = sigset_t()
        sigpending(&set)
        return all.first { sigismember(&set, $0) == 1 }
    }
}
