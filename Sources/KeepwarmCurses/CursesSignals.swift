import CNcurses
import Glibc

/// SIGTERM, SIGHUP and SIGINT (from `kill`; the Ctrl-C key arrives as a key in raw mode) held pending instead of delivered, so the console notices them between frames and shuts down
/// through its normal path (terminal restored, nothing half-written) — without a handler or any global flag.
struct StopSignals {
    private static let signals: [Int32] = [SIGTERM, SIGHUP, SIGINT]

    /// Blocks both signals on the calling thread and on every thread it starts from now on. Threads that already
    /// exist keep their own mask, which is why the console must start the terminal before it starts any.
    static func block() {
        var set = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// True if either signal has arrived and is waiting.
    static var pending: Bool {
        var set = sigset_t()
        sigemptyset(&set)
        guard sigpending(&set) == 0 else { return false }
        return signals.contains { sigismember(&set, $0) == 1 }
    }
}

/// Ctrl-Z arrives as a key (raw mode), so the console stops itself the way the terminal would have: SIGTSTP with its
/// default action, which stops the whole process and lets the shell take the terminal back until `fg` sends SIGCONT.
enum SuspendSignal {
    /// Returns once the process runs again. curses installed a SIGTSTP handler of its own that would put the terminal
    /// back behind the console's back; it is set aside for this one signal and then restored. Without a shell doing job
    /// control (an orphaned process group) the kernel discards the signal and this returns at once.
    static func stopUntilContinued() {
        var stop = sigaction()
        stop.__sigaction_handler.sa_handler = SIG_DFL
        sigemptyset(&stop.sa_mask)
        var previous = sigaction()
        sigaction(SIGTSTP, &stop, &previous)
        raise(SIGTSTP)
        sigaction(SIGTSTP, &previous, nil)
    }
}

/// Handlers for crashes that put the terminal back before the process dies. Without them a crash leaves the shell
/// in raw mode with no echo and the alternate screen up, and the crash report is written into that hidden screen.
struct FatalSignals {
    private static let signals: [Int32] = [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP]
    private static let altStackSize = 64 * 1024

    /// What was installed before, so `restore()` can put it back.
    private var previous: [(signal: Int32, action: sigaction)] = []
    /// A stack of our own, so a crash from a stack overflow can still run the handler.
    private var altStack: UnsafeMutableRawPointer?

    /// Installs the handlers for the calling thread (the alternate stack is per thread).
    static func install() -> FatalSignals {
        var installed = FatalSignals()
        var current = stack_t()
        if sigaltstack(nil, &current) == 0, current.ss_flags & Int32(SS_DISABLE) != 0,
           let memory = malloc(altStackSize) {
            var stack = stack_t(ss_sp: memory, ss_flags: 0, ss_size: altStackSize)
            if sigaltstack(&stack, nil) == 0 { installed.altStack = memory } else { free(memory) }
        }
        // Capture-free, as a C signal handler must be. endwin() is not async-signal-safe, but the process is about to
        // die anyway and a restored terminal is worth the risk. SA_RESETHAND makes a second crash inside endwin() fatal
        // at once instead of looping; the re-raise then ends the process with the original signal, so the exit status,
        // the core dump and the shell's message are the same as without this handler.
        let handler: @convention(c) (Int32) -> Void = { sig in
            BracketedPasteMode.set(on: false)
            endwin()
            signal(sig, SIG_DFL)
            raise(sig)
        }
        for s in signals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = handler
            sigemptyset(&action.sa_mask)
            action.sa_flags = Int32(bitPattern: UInt32(SA_RESETHAND) | UInt32(SA_ONSTACK))
            var old = sigaction()
            if sigaction(s, &action, &old) == 0 { installed.previous.append((s, old)) }
        }
        return installed
    }

    /// Puts back the handlers (and stack) that were there before `install()`.
    mutating func restore() {
        for var entry in previous { sigaction(entry.signal, &entry.action, nil) }
        previous = []
        if let memory = altStack {
            var off = stack_t(ss_sp: nil, ss_flags: Int32(SS_DISABLE), ss_size: 0)
            sigaltstack(&off, nil)
            free(memory)
            altStack = nil
        }
    }
}

/// The terminal's bracketed-paste mode (xterm's DECSET 2004): on, it wraps pasted text in ESC [200~ … ESC [201~ so the
/// console can tell a paste from typing. Turned off again whenever the terminal goes back to the shell (exit, a stop
/// signal, a crash), or the shell would see those markers around everything pasted into it.
enum BracketedPasteMode {
    /// Writes straight to the terminal with write(2): async-signal-safe, so the crash handler can call it too.
    static func set(on: Bool) {
        let bytes: StaticString = on ? "\u{1B}[?2004h" : "\u{1B}[?2004l"
        _ = write(STDOUT_FILENO, bytes.utf8Start, bytes.utf8CodeUnitCount)
    }
}
