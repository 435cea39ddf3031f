import Foundation
import Testing

/// `keepwarm letter` writes a printable file and records nothing; `letter posted` records it via letter.
@Suite struct LetterCLITests {
    /// Ada (c1) came on 3 August and referred Grace (c2); Mo (c3) asked not to be contacted.
    func practice() throws -> (CLI, [String: String]) {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        let at = ["--now", "2026-08-01T08:00:00Z"]
        for args in [["init", "--name", "Riverside Rooms"], ["practitioner", "add", "--name", "Anna Okafor"],
                     ["client", "add", "--name", "Ada Lovelace"], ["client", "add", "--name", "Grace Hopper", "--referred-by", "c1"],
                     ["client", "add", "--name", "Mo Farah", "--no-contact"], ["book", "c1", "--at", "2026-08-03 10:00"]] {
            try cli.output(args + at, env: env)
        }
        try cli.output(["attend", "a1", "--now", "2026-08-03T12:00:00Z"], env: env)
        return (cli, env)
    }

    @Test func theReactivationLetterIsAPrivateTextFileAndIsRecordedOnlyWhenPosted() throws {
        let (cli, env) = try practice()
        let before = FileManager.default.contents(atPath: cli.log)
        let now = ["--now", "2026-10-05T09:00:00Z"]
        let out = try cli.output(["letter", "c1", "--kind", "reactivation-letter"] + now, env: env)
        let path = cli.dir + "/letters/2026-10-05-c1-reactivation-letter.txt"
        #expect(out.contains("wrote \(path)"))
        #expect(out.contains("keepwarm letter posted c1 --kind reactivation-letter"))
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix("Riverside Rooms\n5 October 2026\n\nAda Lovelace\n\nDear Ada,\n\nIt has been some time since we last saw you on Monday 3 August"))
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: cli.dir + "/letters")[.posixPermissions] as? Int == 0o700)
        #expect(FileManager.default.contents(atPath: cli.log) == before, "writing a letter records nothing")

        let again = try cli.run(["letter", "c1", "--kind", "reactivation-letter"] + now, env: env)
        #expect(again.status == 1 && again.err.contains("is already written; print that one, or delete it to write it again"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == text)

        #expect(try cli.output(["letter", "posted", "c1", "--kind", "reactivation-letter"] + now, env: env) == "c1: reactivation-letter recorded as posted by letter\n")
        let log = try String(contentsOfFile: cli.log, encoding: .utf8)
        #expect(log.contains("\"kind\":\"reactivation-letter\"") && log.contains("\"via\":\"letter\""))
    }

    @Test func theThankYouLetterGoesToTheLettersDirInConfigAndPostingItThanks() throws {
        let (cli, env) = try practice()
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "letters_dir = \"printing\"\n".write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
        let now = ["--now", "2026-08-02T09:00:00Z"]
        try cli.output(["letter", "--referral", "r1"] + now, env: env)
        let text = try String(contentsOfFile: cli.dir + "/config/keepwarm/printing/2026-08-02-c1-thank-you.txt", encoding: .utf8)
        #expect(text.contains("Thank you so much for recommending Riverside Rooms"))
        #expect(!text.contains("Grace"))
        #expect(try cli.output(["letter", "posted", "--referral", "r1"] + now, env: env) == "r1: thanked by letter\n")
        #expect(!(try cli.output(["thankyous"] + now, env: env)).contains("r1"))
    }

    @Test func noLetterIsWrittenToAClientWhoMayNotBeContacted() throws {
        let (cli, env) = try practice()
        let before = FileManager.default.contents(atPath: cli.log)
        let r = try cli.run(["letter", "c3", "--kind", "reactivation-letter"], env: env)
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: c3 has not agreed to be contacted; nothing was sent (keepwarm client edit c3 --contact once they agree)\n")
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/letters"))
        let posted = try cli.run(["letter", "posted", "c3", "--kind", "reactivation-letter"], env: env)
        #expect(posted.status == 1)
        #expect(FileManager.default.contents(atPath: cli.log) == before)
    }

    /// A letter written but whose answer cannot be printed (a full disk, a reader gone) says on stderr where the file
    /// is, with the "done, but could not print it" status 3, never nothing (141) or a plain failure (1).
    @Test(arguments: ["/dev/full", "closed pipe"])
    func aLetterWhoseAnswerCannotBePrintedSaysWhereItIs(stdout: String) throws {
        let (cli, env) = try practice()
        let err = cli.dir + "/err"
        let args = [CLI.binary, "letter", "c1", "--kind", "reactivation-letter", "--now", "2026-10-05T09:00:00Z"]
        let all = env.merging(["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]) { $1 }
        let end: Spawned.End
        if stdout == "/dev/full" {
            end = try Spawned(args, env: all, stdout: "/dev/full", stderr: err).wait()
        } else {
            var fds: [Int32] = [0, 0]
            guard pipe(&fds) == 0 else { throw Failure("pipe: \(errno)") }
            close(fds[0])
            defer { close(fds[1]) }
            end = try Spawned(args, env: all, stdoutDescriptor: fds[1], stderr: err).wait()
        }
        let path = cli.dir + "/letters/2026-10-05-c1-reactivation-letter.txt"
        let reason = stdout == "/dev/full" ? "No space left on device" : "Broken pipe"
        let said = (try? String(contentsOfFile: err, encoding: .utf8)) ?? ""
        #expect(end == .exited(3), "\(end): \(said)")
        #expect(said == "keepwarm: wrote \(path), but could not print it (\(reason)); print that file, post it, then record it with: keepwarm letter posted c1 --kind reactivation-letter\n")
        #expect(try String(contentsOfFile: path, encoding: .utf8).contains("Dear Ada,"))
    }
}
