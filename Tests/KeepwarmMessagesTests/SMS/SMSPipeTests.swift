import Foundation
import Testing
@testable import KeepwarmMessages

/// `SMSPipe.run` with real shell scripts as the SMS command: what they receive, and how each way of ending is read.
@Suite struct SMSPipeTests {
    static let text = "Hi Zoë, see you Tue 24 Nov at 10:00 😀\n\"quoted\" $(rm -rf ~) `x` & 100%\nRiverside\n"
    let env = ProcessInfo.processInfo.environment

    /// A command that keeps its input, its environment's SMS variables and argv, then prints `stdout` and exits.
    func recorder(_ dir: TempDir, stdout: String = "", exit: Int = 0) -> [String] {
        ["sh", "-c", #"""
            cat > "$1/text"
            printf '%s\n' "$KEEPWARM_SMS_TO" "$KEEPWARM_ATTEMPT" "$KEEPWARM_SMS_ALPHABET" "$KEEPWARM_SMS_SEGMENTS" > "$1/env"
            printf '%s' "$2"
            exit "$3"
            """#, "sh", dir.path, stdout, "\(exit)"]
    }

    @Test func theCommandGetsTheExactTextNumberAndAttemptKeyAndItsIdIsKept() throws {
        let dir = TempDir()
        let r = try SMSPipe.run(recorder(dir, stdout: "\n  \n  SM-4f2a 9  \nsecond line\n"), text: Self.text, to: "+447700900123",
                                attemptKey: "c12/reminder/2026-11-24", environment: env, timeout: 20)
        #expect(r == .sent(providerID: "SM-4f2a 9"))
        #expect(r.description == "sent (the gateway's id is SM-4f2a 9)" && !r.inDoubt)
        #expect(FileManager.default.contents(atPath: dir.file("text")) == Data(Self.text.utf8))
        #expect(try String(contentsOfFile: dir.file("env"), encoding: .utf8) == "+447700900123\nc12/reminder/2026-11-24\nUCS-2\n2\n")
    }

    @Test func noOutputIsSentWithoutAnIdAndAStrangeIdIsMadeVisibleAndCut() throws {
        let dir = TempDir()
        #expect(try SMSPipe.run(recorder(dir), text: "Hi", to: "+447700900123", attemptKey: "k", environment: env) == .sent(providerID: nil))
        #expect(try String(contentsOfFile: dir.file("env"), encoding: .utf8) == "+447700900123\nk\nGSM-7\n1\n")
        let long = "\u{1B}[31m" + String(repeating: "x", count: 300)
        guard case .sent(let id?) = try SMSPipe.run(recorder(dir, stdout: long), text: "Hi", to: "+447700900123", attemptKey: "k", environment: env) else {
            Issue.record("not sent with an id")
            return
        }
        #expect(id.count == 200 && id.hasPrefix("␛[31mxxx"))
    }

    @Test func exit75IsTryAgainLaterAndAnotherStatusIsAFailureWithItsFirstErrorLine() throws {
        let later = try SMSPipe.run(["sh", "-c", "cat >/dev/null; echo 'modem busy' >&2; exit 75"], text: Self.text, to: "+447700900123",
                                    attemptKey: "k", environment: env)
        #expect(later == .tryAgainLater(reason: "modem busy"))
        #expect(!later.inDoubt)
        let failed = try SMSPipe.run(["sh", "-c", "cat >/dev/null; echo; echo '  number barred \u{1B}[2J ' >&2; echo more >&2; exit 3"],
                                     text: Self.text, to: "+447700900123", attemptKey: "k", environment: env)
        #expect(failed == .failed(status: 3, reason: "number barred ␛[2J"))
        #expect(failed.description == "not sent, the SMS command failed with exit status 3: number barred ␛[2J")
        // A command that quits without reading a text too big for the pipe cannot have sent it, whatever it says.
        let quit = try SMSPipe.run(["true"], text: String(repeating: "a", count: 4_000_000), to: "+447700900123", attemptKey: "k", environment: env)
        #expect(quit == .failed(status: 1, reason: "it stopped reading the message before the end"))
    }

    @Test func aCommandStillRunningAtItsTimeIsKilledWithEverythingItStarted() throws {
        let dir = TempDir()
        let r = try SMSPipe.run(["sh", "-c", "sleep 300 & echo $$ $! > \"$1\"; wait", "sh", dir.file("pids")], text: "Hi", to: "+447700900123",
                                attemptKey: "k", environment: env, timeout: 1)
        #expect(r == .stopped(.timedOut(seconds: 1), reason: nil))
        #expect(r.inDoubt && r.description == "the SMS command was stopped after 1 seconds; the text may or may not have gone")
        let pids = try String(contentsOfFile: dir.file("pids"), encoding: .utf8).split(separator: " ").compactMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
        #expect(pids.count == 2)
        // SIGKILL is sent to the whole group before the run returns, but a grandchild (the `sleep`) is reaped by init,
        // not by us, so it may take a moment to be gone (CI once saw it still running right after the return).
        for pid in pids { #expect(Self.gone(pid, within: 2), "\(pid) still runs 2 s after the command was stopped") }
    }

    /// Whether the process has ended within `seconds`, looking every 10 ms.
    static func gone(_ pid: pid_t, within seconds: Double) -> Bool {
        let until = Date().addingTimeInterval(seconds)
        while running(pid) {
            if Date() > until { return false }
            usleep(10_000)
        }
        return true
    }

    @Test func aCommandEndedByASignalIsInDoubt() throws {
        let r = try SMSPipe.run(["sh", "-c", "cat >/dev/null; kill -9 $$"], text: "Hi", to: "+447700900123", attemptKey: "k", environment: env)
        #expect(r == .killed(signal: 9, reason: nil))
        #expect(r.inDoubt)
    }

    @Test func aNumberNotInE164OrACommandThatCannotStartIsAnErrorAndNothingRuns() {
        let dir = TempDir()
        for bad in ["07700900123", "+44 7700 900123", "+", "+4477009001234567", "+44$(id)", ""] {
            #expect(throws: MailPipeError.self, "\(bad)") {
                try SMSPipe.run(recorder(dir), text: "Hi", to: bad, attemptKey: "k", environment: env)
            }
        }
        #expect(!FileManager.default.fileExists(atPath: dir.file("text")))
        #expect(throws: MailPipeError(description: "cannot run the SMS command /nonexistent/sms: No such file or directory")) {
            try SMSPipe.run(["/nonexistent/sms"], text: "Hi", to: "+447700900123", attemptKey: "k", environment: env)
        }
        #expect(throws: MailPipeError(description: "the SMS command is empty")) {
            try SMSPipe.run([], text: "Hi", to: "+447700900123", attemptKey: "k", environment: env)
        }
    }

    /// Whether a process is still running (a zombie counts as gone).
    static func running(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8), let close = stat.lastIndex(of: ")") else { return false }
        let state = stat[stat.index(close, offsetBy: 2)]
        return state != "Z" && state != "X"
    }
}
