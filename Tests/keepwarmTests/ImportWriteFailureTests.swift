import Foundation
import Testing
@testable import KeepwarmCore

/// An import is written a stretch at a time (`BatchLines`), so a disk that fills part-way through leaves some of its
/// lines on disk before the failure: all of them must be taken back, the log left exactly as it was, and the same
/// import must work once there is room.
@Suite struct ImportWriteFailureTests {
    /// 6,000 clients with a consent answer each: 12,001 lines, about six stretches of 2,048, over 2 MB of text.
    static func clientsFile(_ dir: String) throws -> String {
        var text = "First Name,Last Name,Mobile,Accepts Email Marketing\n"
        for i in 0..<6_000 { text += "Zoë\(i),Brontë,07700 \(String(format: "%06d", i)),Yes\n" }
        let path = dir + "/clients.csv"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    @Test func aDiskThatFillsPartWayThroughAnImportKeepsNoneOfIt() throws {
        let cli = try WriteFailureTests.practice()
        let file = try Self.clientsFile(cli.dir)
        let before = cli.bytes()
        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let env = ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let importing = [CLI.binary, "import", "clients", file, "--commit", "--now", "2026-11-23T09:00:00Z"]

        // Room for about a megabyte: the first stretches are written, a later one is not.
        let refused = try Spawned([prlimit, "--fsize=\(before.count + 1_000_000):unlimited", "--"] + importing,
                                  env: env, stdout: out, stderr: err).wait()
        #expect(refused == .exited(1), "\(WriteFailureTests.text(err))")
        #expect(WriteFailureTests.text(err).hasPrefix("keepwarm: \(WriteFailureTests.diskFull)"), "\(WriteFailureTests.text(err))")
        #expect(cli.bytes() == before, "every line of the import taken back: \(cli.bytes().count - before.count) bytes left over")
        try WriteFailureTests.expectIntact(cli, before: before, added: 0)

        #expect(try Spawned(importing, env: env, stdout: out, stderr: err).wait() == .exited(0), "\(WriteFailureTests.text(err))")
        let log = try EventLog.open(path: cli.log)
        #expect(log.damage.isEmpty)
        #expect(log.practice.clients.count == 2 + 6_000)
        #expect(log.practice.clients.last?.name == "Zoë5999 Brontë")
    }
}
