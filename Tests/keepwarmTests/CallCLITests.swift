import Foundation
import KeepwarmCore
import Testing

/// A follow-up call is a task for the desk, never a message: `send`, `letter` and `letter posted` refuse it (and only
/// it, as `TouchpointKind.audience` says), `preview` shows its script labelled as one, and `touch --outcome` records
/// how the call went. Through the real binary, msmtp and an SMTP sink, so an email that went out would be seen.
@Suite struct CallCLITests {
    let send = SendCLITests()

    func bytes(_ path: String) -> Data { FileManager.default.contents(atPath: path) ?? Data() }

    func letters(_ cli: CLI) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: cli.dir + "/letters")) ?? []).sorted()
    }

    @Test func everySenderRefusesEveryDeskTaskAndOnlyThose() throws {
        let (cli, env) = try send.practice()
        let sink = try SmtpSink(dir: cli.dir)
        try send.configure(cli, mail: try send.msmtp(cli, port: sink.port))
        var sent = 0
        for kind in TouchpointKind.allCases {
            for verb in [["send"], ["letter"], ["letter", "posted"]] {
                let before = bytes(cli.log), lettersBefore = letters(cli)
                let r = try cli.run(verb + ["c1", "--kind", kind.rawValue, "--now", "2026-11-06T09:00:00Z"], env: env)
                switch kind.audience {
                case .desk:
                    #expect(r.status == 1, "\(verb) \(kind)")
                    #expect(r.err == "keepwarm: \(kind.rawValue) is a call for the desk, not a message: nothing was sent or written; "
                            + "see the script with keepwarm preview c1 --kind \(kind.rawValue), ring them, then record it with "
                            + "keepwarm touch c1 --kind \(kind.rawValue) --via phone --outcome answered|voicemail|no-answer\n", "\(verb) \(kind)")
                    #expect(r.out.isEmpty)
                    #expect(bytes(cli.log) == before, "\(verb) \(kind) wrote to the log")
                    #expect(letters(cli) == lettersBefore, "\(verb) \(kind) wrote a letter")
                    #expect(sink.received().count == sent, "\(verb) \(kind) sent an email")
                case .client:
                    #expect(r.status == 0, "\(verb) \(kind): \(r.err)")
                    if verb == ["send"] { sent += 1 }
                    #expect(sink.received().count == sent, "\(verb) \(kind)")
                    #expect((bytes(cli.log) != before) == (verb != ["letter"]), "\(verb) \(kind)")
                }
            }
        }
        #expect(sent == TouchpointKind.allCases.count - 1)
        for m in sink.received() { #expect(!String(decoding: m, as: UTF8.self).contains("Call script")) }
    }

    @Test func previewShowsACallAsAScriptForTheDeskNeverAsAMessage() throws {
        let (cli, env) = try send.practice()
        try cli.output(["client", "edit", "c1", "--phone", "07700 900123"], env: env)
        let before = bytes(cli.log)
        let out = try cli.output(["preview", "c1", "--kind", "follow-up-call", "--now", "2026-11-06T09:00:00Z"], env: env)
        let lines = out.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        #expect(lines[0] == "Call script (for the desk; never sent to the client): follow-up-call for Zoë Brontë (c1)")
        #expect(lines[1] == "Phone: 07700 900123")
        #expect(lines[2] == "Record it with: keepwarm touch c1 --kind follow-up-call --via phone --outcome answered|voicemail|no-answer")
        #expect(!out.contains("Subject:"))
        #expect(out.contains("If not: thank them warmly"))
        #expect(bytes(cli.log) == before)
        // A message to the client is still shown as the email it would be.
        #expect(try cli.output(["preview", "c1", "--kind", "rebook-prompt"], env: env).hasPrefix("Subject: "))
    }

    @Test func touchRecordsACallByItsOutcomeAndNoAnswerRecordsNothing() throws {
        let (cli, env) = try send.practice()
        let at = ["--now", "2026-11-06T09:00:00Z"]
        let before = bytes(cli.log)
        var r = try cli.run(["touch", "c1", "--kind", "follow-up-call", "--via", "phone", "--outcome", "no-answer"] + at, env: env)
        #expect(r.status == 0)
        #expect(r.out == "c1: no answer, so nothing was recorded; the follow-up-call stays due\n")
        #expect(bytes(cli.log) == before)
        r = try cli.run(["touch", "nobody", "--kind", "follow-up-call", "--outcome", "no-answer"] + at, env: env)
        #expect(r.status == 1, "a client who does not exist is not taken for a call made")
        r = try cli.run(["touch", "c1", "--kind", "rebook-prompt", "--outcome", "answered"] + at, env: env)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("keepwarm: --outcome is for a call (--kind follow-up-call)"))
        r = try cli.run(["touch", "c1", "--kind", "follow-up-call", "--via", "email", "--outcome", "answered"] + at, env: env)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("keepwarm: a call's outcome is recorded via phone"))
        #expect(bytes(cli.log) == before)

        #expect(try cli.output(["touch", "c1", "--kind", "follow-up-call", "--outcome", "voicemail"] + at, env: env)
                == "c1: follow-up-call recorded (voicemail)\n")
        #expect(try cli.output(["touch", "c1", "--kind", "follow-up-call", "--via", "phone", "--outcome", "answered", "--note", "Will book"] + at, env: env)
                == "c1: follow-up-call recorded (answered)\n")
        let log = String(decoding: bytes(cli.log), as: UTF8.self).split(separator: "\n").suffix(2)
        #expect(log.first!.contains("\"kind\":\"follow-up-call\"") && log.first!.contains("\"via\":\"phone\"") && log.first!.contains("\"note\":\"Left voicemail\""))
        #expect(log.last!.contains("\"via\":\"phone\"") && log.last!.contains("\"note\":\"Will book\""))
    }
}
