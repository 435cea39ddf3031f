import Foundation
import KeepwarmCore

/// Standard output: the one way any command prints to it. Text for people is always made visible; machine output
/// (JSON, CSV, calendars) keeps its exact bytes for a file or a pipe and is made visible on a terminal.
///
/// Nothing is buffered, so every write's result is seen where it happens. SIGPIPE is ignored (`Keepwarm.main`), so a
/// reader that went away is a failed write here, not a silent death. Output a command prints before it records
/// anything (or that records nothing) ends the command at once when it cannot be written: exit 1 with one line on
/// standard error, or 141 without one when the reader simply stopped reading (`| head`). The answer of a command that
/// has recorded something goes through `answer`, which instead says what was recorded (exit 3).
enum Stdout {
    /// A line (or several, split at `\n`) for people, each made visible.
    static func line(_ s: String) {
        put(Array((Visible.lines(s) + "\n").utf8))
    }

    /// Several lines for people in one write (a table).
    static func lines(_ ls: [String]) {
        put(Array(ls.map { Visible.lines($0) + "\n" }.joined().utf8))
    }

    /// JSON for scripts, followed by a line end.
    static func bytes(_ b: [UInt8]) {
        document(b + [0x0A])
    }

    /// A document as it would be saved (CSV, ICS, JSON): exact to a file or pipe, made visible on a terminal.
    static func document(_ b: [UInt8]) {
        put(forTerminal(b))
    }

    /// Prints the answer of a command whose event is already in the log. If it cannot be written the person is told
    /// what was recorded instead (see `guarded`), so they do not record it a second time.
    static func answer(_ lines: String...) throws(UnprintedAnswer) {
        try answer(Array(lines.map { Visible.lines($0) + "\n" }.joined().utf8), saying: lines.first ?? "")
    }

    /// Prints the answer of a command that has written a file (a letter); if it cannot be written the person is told
    /// the file's path and `next` (what to do with it) instead, with the same status.
    static func answer(wrote path: String, next: String, _ lines: String...) throws(UnprintedAnswer) {
        let bytes = Array(lines.map { Visible.lines($0) + "\n" }.joined().utf8)
        if let e = write(STDOUT_FILENO, bytes) { throw UnprintedAnswer(answer: path, errno: e, wrote: next) }
    }

    /// The same for an answer already laid out (a table, JSON), `what` naming what was recorded.
    static func answer(_ bytes: [UInt8], saying what: String) throws(UnprintedAnswer) {
        if let e = write(STDOUT_FILENO, bytes) { throw UnprintedAnswer(answer: what, errno: e) }
    }

    /// Machine output as it goes to standard output: made visible when that is a terminal.
    static func forTerminal(_ b: [UInt8]) -> [UInt8] {
        isatty(STDOUT_FILENO) == 1 ? Visible.document(b) : b
    }

    private static func put(_ b: [UInt8]) {
        guard let e = write(STDOUT_FILENO, b) else { return }
        let failure = OutputFailure(errno: e)
        if !failure.readerLeft { Stderr.line("could not print the output (\(failure.reason))") }
        exit(failure.readerLeft ? ExitStatus.readerLeft : 1)
    }

    /// Writes all of `bytes` to a descriptor unless a write fails; returns errno on failure.
    @discardableResult
    static func write(_ fd: Int32, _ bytes: [UInt8]) -> Int32? {
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n < 0 ? errno : ENOSPC }
            done += n
        }
        return nil
    }
}

/// Standard error, one line at a time, always made visible.
enum Stderr {
    static func line(_ s: String) {
        Stdout.write(2, Array(("keepwarm: " + Visible.lines(s) + "\n").utf8))
    }

    static func message(for error: Error) -> String { userMessage(error) }
}

/// Making text safe for a terminal while keeping its line breaks: `DisplayText.visible` on each line.
enum Visible {
    /// Each line made visible, joined with `\n` again; a CRLF line end counts as one (Swift sees `\r\n` as a single
    /// character, so it is named here), and any other `\r` is shown, since it would let a line hide what came before.
    static func lines(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value >= 0x7F }) else { return s }
        return s.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" })
            .map { DisplayText.visible(String($0)) }
            .joined(separator: "\n")
    }

    /// The same for bytes (invalid UTF-8 shows as `�`); CRLF line ends become `\n`, which a terminal shows alike.
    static func document(_ b: [UInt8]) -> [UInt8] {
        Array(lines(String(decoding: b, as: UTF8.self)).utf8)
    }
}

/// Printing failed: the disk is full, or the reader went away.
struct OutputFailure {
    let errno: Int32
    var reason: String { String(cString: strerror(errno)) }
    var readerLeft: Bool { errno == EPIPE }
}

/// The event is in the log (or the file written), but the line saying so could not be printed.
struct UnprintedAnswer: Error {
    let answer: String
    let errno: Int32
    /// For a file written rather than an event recorded: `answer` is its path, and this what to do next with it.
    var wrote: String? = nil

    /// `recorded as c7, but could not print it (…)`: what a script or a person needs in order not to record it again;
    /// `wrote PATH, but could not print it (…)` for a file.
    var message: String {
        if let next = wrote {
            return "wrote \(answer), but could not print it (\(OutputFailure(errno: errno).reason)); \(next)"
        }
        let what = answer.contains(" ") ? "recorded (\(answer))" : "recorded as \(answer)"
        return "\(what), but could not print it (\(OutputFailure(errno: errno).reason)); it is in the log, so do not run the command again"
    }
}

/// The exit statuses besides 0, 1 and the argument parser's 64 (Docs/cli.md, Exit codes).
enum ExitStatus {
    /// The event was recorded (or the file written), but its answer could not be printed.
    static let recordedButNotPrinted: Int32 = 3
    /// Another desk held the log's lock for longer than `--wait`; nothing was written.
    static let lockWaitGaveUp: Int32 = 75
    /// Standard output's reader went away before a read-only command finished: what the shell shows for SIGPIPE.
    static let readerLeft: Int32 = 141
}
