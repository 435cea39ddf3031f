import Foundation
@testable import KeepwarmCore

/// The built `keepwarm` binary, run as a real process against a log in a fresh temp directory.
final class CLI {
    let dir: String
    let log: String

    static let binary: String = {
        if let b = ProcessInfo.processInfo.environment["KEEPWARM_BIN"] { return b }
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("keepwarm").path
        if FileManager.default.isExecutableFile(atPath: beside) { return beside }
        // swift test runs the bundle from inside .build/<config>/; look there too.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return root.appendingPathComponent(".build/debug/keepwarm").path
    }()

    init() {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-cli-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        log = dir + "/events.log"
    }

    deinit { try? FileManager.default.removeItem(atPath: dir) }

    /// A practice on 23 Nov 2026: Anna, and Ada (07700 900123) booked at 10:00 that day as a1. The console tests that
    /// need one booked client to act on (or not) share it.
    static func adaBookedAtTen() throws -> CLI {
        let cli = CLI()
        let at = ["--now", "2026-11-23T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside Therapy Rooms"] + at)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123"] + at)
        try cli.ok(["book", "c1", "--at", "2026-11-23 10:00"] + at)
        return cli
    }

    struct Result {
        let status: Int32
        let out: String
        let err: String
        var lines: [String] { out.split(separator: "\n").map(String.init) }
    }

    /// Runs `keepwarm ARGS` with the log in $KEEPWARM_LOG and the user "sam".
    @discardableResult
    func run(_ args: [String], env extra: [String: String] = [:]) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: CLI.binary)
        p.arguments = args
        var env = ProcessInfo.processInfo.environment
        env["KEEPWARM_LOG"] = log
        env["KEEPWARM_USER"] = "sam"
        for (k, v) in extra { env[k] = v }
        p.environment = env
        return try Self.finish(p)
    }

    /// Runs `p` to its end with its output and errors captured (read before the wait, so a full pipe cannot stall it).
    static func finish(_ p: Process) throws -> Result {
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, out: String(decoding: o, as: UTF8.self), err: String(decoding: e, as: UTF8.self))
    }

    /// Runs a command that must succeed and returns its stdout, trimmed.
    @discardableResult
    func ok(_ args: String...) throws -> String { try ok(args) }

    @discardableResult
    func ok(_ args: [String]) throws -> String {
        try output(args).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a command that must succeed and returns its stdout exactly as printed (for checking whole messages).
    @discardableResult
    func output(_ args: [String], env: [String: String] = [:]) throws -> String {
        let r = try run(args, env: env)
        guard r.status == 0 else { throw Failure("keepwarm \(args.joined(separator: " ")) failed (\(r.status)): \(r.err)") }
        return r.out
    }

    /// Runs a query with `--json` and decodes the array of objects.
    func json(_ args: String...) throws -> [[String: Any]] {
        let r = try run(args + ["--json"])
        guard r.status == 0 else { throw Failure("keepwarm \(args.joined(separator: " ")) failed: \(r.err)") }
        guard let rows = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as? [[String: Any]] else {
            throw Failure("not a JSON array of objects: \(r.out)")
        }
        return rows
    }

    func bytes() -> Data { FileManager.default.contents(atPath: log) ?? Data() }
}

/// A test step that could not run as expected.
struct Failure: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}
