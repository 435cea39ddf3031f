import Foundation
@testable import KeepwarmCore

/// The `keepwarm-writer` test helper (Sources/keepwarm-writer) running as a real process. Its output goes to files,
/// not pipes, so every line it printed before a SIGKILL can still be read.
final class WriterProcess {
    static let binary = URL(fileURLWithPath: CLI.binary).deletingLastPathComponent().appendingPathComponent("keepwarm-writer").path

    let out: String
    let err: String
    private let child: Spawned
    private var end: Spawned.End?

    /// Starts `keepwarm-writer ARGS`, its stdout in `dir/name.out` and stderr in `dir/name.err`.
    init(_ args: [String], in dir: String, name: String) throws {
        out = "\(dir)/\(name).out"
        err = "\(dir)/\(name).err"
        child = try Spawned([WriterProcess.binary] + args, stdout: out, stderr: err)
    }

    deinit {
        if end == nil { _ = killHard() }
    }

    /// Every acknowledgement printed so far: complete lines only.
    func acks() -> [Ack] { output.compactMap { Ack(Substring($0)) } }

    var output: [String] {
        String(decoding: FileManager.default.contents(atPath: out) ?? Data(), as: UTF8.self).split(separator: "\n").map(String.init)
    }

    var errors: String { String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self) }

    /// Waits until at least `count` acknowledgements are printed or the process ends; false if it ended first.
    func waitForAcks(_ count: Int) -> Bool {
        while acks().count < count {
            if hasEnded { return acks().count >= count }
            usleep(500)
        }
        return true
    }

    /// True once the writer has ended by itself (it is then reaped; `wait()` says how).
    var hasEnded: Bool {
        if end == nil { end = child.poll() }
        return end != nil
    }

    /// SIGKILL, then waits: true if the signal is what ended it (it had not already exited on its own).
    func killHard() -> Bool {
        if end == nil {
            kill(child.pid, SIGKILL)
            end = child.wait()
        }
        return end == .signalled(SIGKILL)
    }

    /// Waits for the writer to end by itself.
    func wait() -> Spawned.End {
        if end == nil { end = child.wait() }
        return end!
    }
}

/// One line the writer printed after `EventLog.append` returned: `seq id wall-ms`.
struct Ack: Equatable {
    let seq: Int
    let id: String
    /// Wall-clock milliseconds when the append returned.
    let ms: Int64

    init?(_ line: Substring) {
        let f = line.split(separator: " ")
        guard f.count == 3, let seq = Int(f[0]), let ms = Int64(f[2]) else { return nil }
        self.seq = seq
        id = String(f[1])
        self.ms = ms
    }
}

/// Exactly what is on disk: every complete line decoded on its own with its checksum checked, in file order, and
/// the bytes after the last newline. Independent of `EventLog`'s reader, so it can judge what that reader accepts.
struct LogContents {
    var events: [Event] = []
    var tail: [UInt8] = []
    var lineCount = 0

    init(path: String) throws {
        let bytes = [UInt8](FileManager.default.contents(atPath: path) ?? Data())
        var start = 0
        while let nl = bytes[start...].firstIndex(of: 0x0A) {
            lineCount += 1
            let line = Array(bytes[start..<nl])
            do {
                switch try EventCodec.decode(line) {
                case .header where lineCount == 1: break
                case .event(let e) where lineCount > 1: events.append(e)
                default: throw Failure("\(path):\(lineCount): not a header or event in its place")
                }
            } catch let d as LineDamage {
                throw Failure("\(path):\(lineCount):\(d.column): \(d.reason)")
            }
            start = nl + 1
        }
        tail = Array(bytes[start...])
    }

    /// The id an event created, as the writer prints it.
    static func id(of e: Event) -> String? {
        switch e.body {
        case .callbackAdded(let id, _, _, _, _): id.description
        case .clientAdded(let c): c.id.description
        default: nil
        }
    }

    /// Nil if every seq is one more than the one before it (starting at 1); else where it is not.
    var seqProblem: String? {
        for (i, e) in events.enumerated() where e.seq != i + 1 {
            return "line \(i + 2) has seq \(e.seq), expected \(i + 1)"
        }
        return nil
    }
}
