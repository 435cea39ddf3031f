import Foundation
import KeepwarmCore

/// `fill`: appends one event with the file-size limit (RLIMIT_FSIZE) set to `--limit` bytes, as a full disk would
/// refuse it, then raises the limit and appends again with the same `EventLog`. Prints, one per line:
///
///     before seq=S events=E read=R size=Z
///     failed: <the message a person would see>        (or "appended seq=… id=…" if the write was not refused)
///     after-failure seq=S events=E read=R size=Z
///     appended seq=… id=…
///     after-retry seq=… events=… read=… size=…
///
/// The limit is set here, in a process of its own, because it applies to the whole process.
struct Fill {
    let path: String
    let limit: Int

    init(_ o: Options) throws {
        path = try o.text("log")
        limit = try o.number("limit")
    }

    func run() throws {
        // Without this the kernel kills the process at the limit (SIGXFSZ) instead of failing the write with EFBIG.
        signal(SIGXFSZ, SIG_IGN)
        let log = try EventLog.open(path: path)
        report("before", log)
        var old = rlimit()
        getrlimit(Fill.fileSize, &old)
        var limited = old
        limited.rlim_cur = rlim_t(limit)
        guard setrlimit(Fill.fileSize, &limited) == 0 else { throw Usage("could not set the file-size limit") }
        attempt(log, "fill 1")
        report("after-failure", log)
        guard setrlimit(Fill.fileSize, &old) == 0 else { throw Usage("could not raise the file-size limit again") }
        attempt(log, "fill 2")
        report("after-retry", log)
    }

    #if os(Linux)
    static let fileSize = __rlimit_resource_t(RLIMIT_FSIZE.rawValue)
    #else
    static let fileSize = RLIMIT_FSIZE
    #endif

    private func attempt(_ log: EventLog, _ name: String) {
        let now = Instant(Date())
        do {
            let e = try log.append(by: "fill", at: now) { p in
                try Command.addCallback(name: name, phone: "07700 900000", reason: nil, by: now.adding(hours: 24)).event(in: p, now: now)
            }
            Output.line("appended seq=\(e.seq) id=\(Append.id(of: e.body))")
        } catch {
            Output.line("failed: \(userMessage(error))")
        }
    }

    private func report(_ label: String, _ log: EventLog) {
        var st = stat()
        let size = stat(path, &st) == 0 ? Int(st.st_size) : -1
        Output.line("\(label) seq=\(log.practice.lastSeq) events=\(log.practice.eventCount) read=\(log.bytesRead) size=\(size)")
    }
}
