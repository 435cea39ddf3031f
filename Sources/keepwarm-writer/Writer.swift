import Foundation
import KeepwarmCore

/// `keepwarm-writer`: a test helper that appends to a log through `EventLog` and says exactly what was acknowledged,
/// for the crash, concurrency and write-failure tests. Not part of the product.
///
///     keepwarm-writer append --log P --count N --tag T [--referred-by c1] [--now ISO]
///     keepwarm-writer fill --log P --limit BYTES
///     keepwarm-writer hold --log P --seconds N
@main
struct Writer {
    static func main() {
        do {
            let options = try Options(Array(CommandLine.arguments.dropFirst()))
            switch options.mode {
            case "append": try Append(options).run()
            case "fill": try Fill(options).run()
            case "hold": try Hold(options).run()
            default: throw Usage("unknown mode '\(options.mode)': use append, fill or hold")
            }
        } catch {
            Output.line("error: \(userMessage(error))", fd: 2)
            exit(1)
        }
    }
}

/// The command line: a mode, then `--name value` pairs.
struct Options {
    let mode: String
    private let values: [String: String]

    init(_ args: [String]) throws {
        guard let mode = args.first else { throw Usage("give a mode: append or fill") }
        self.mode = mode
        var values: [String: String] = [:]
        var rest = args.dropFirst()
        while let name = rest.popFirst() {
            guard name.hasPrefix("--"), let value = rest.popFirst() else { throw Usage("expected --name value, got '\(name)'") }
            values[String(name.dropFirst(2))] = value
        }
        self.values = values
    }

    func text(_ name: String) throws -> String {
        guard let v = values[name] else { throw Usage("--\(name) is required") }
        return v
    }

    func optional(_ name: String) -> String? { values[name] }

    func number(_ name: String) throws -> Int {
        guard let n = Int(try text(name)), n >= 0 else { throw Usage("--\(name) takes a whole number") }
        return n
    }

    /// `--now` if given, else the system clock on every call.
    func clock() throws -> () -> Instant {
        guard let t = values["now"] else { return { Instant(Date()) } }
        guard let fixed = DateInput.parseZonedISO(t) else { throw Usage("--now takes an ISO time with a zone") }
        return { fixed }
    }
}

/// A mistake in how the helper was called.
struct Usage: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// Unbuffered output: one `write(2)` per line, so a SIGKILL can never leave half a line or lose one already printed.
enum Output {
    static func line(_ text: String, fd: Int32 = 1) {
        let bytes = Array((text + "\n").utf8)
        var done = 0
        while done < bytes.count {
            let n = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + done, bytes.count - done) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            done += n
        }
    }

    /// Wall-clock milliseconds, for the tests' latency figures (not the events' `at`, which comes from `--now`).
    static var wallMilliseconds: Int64 { Instant(Date()).ms }
}
