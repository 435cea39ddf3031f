import Foundation
import Testing
@testable import KeepwarmCore

/// Consent per channel, opt-outs, the practice's country and a deceased client, through the real binary: each
/// records what it says, bad input is one line, exit 1 and nothing written, and nothing goes to a client who died.
@Suite struct ConsentCLITests {
    let at = ["--now", "2026-12-07T10:00:00Z"]

    /// Ada and Bob share a phone number, written two ways; Cy has only an email address.
    func practice() throws -> CLI {
        let cli = CLI()
        let t = ["--now", "2026-12-07T08:00:00Z"]
        try cli.ok(["init", "--name", "Riverside"] + t)
        try cli.ok(["practitioner", "add", "--name", "Anna Okafor"] + t)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--phone", "07700 900123", "--email", "ada@example.com", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Bob Brown", "--phone", "+44 (0)7700 900-123", "--contact"] + t)
        try cli.ok(["client", "add", "--name", "Cy Young", "--email", "Cy@Example.com", "--contact"] + t)
        return cli
    }

    func refused(_ cli: CLI, _ args: [String], saying expected: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let before = cli.bytes()
        let r = try cli.run(args + at)
        #expect(r.status == 1, "\(args): \(r.status) \(r.err)", sourceLocation: sourceLocation)
        #expect(r.err == "keepwarm: \(expected)\n", sourceLocation: sourceLocation)
        #expect(r.out.isEmpty, sourceLocation: sourceLocation)
        #expect(cli.bytes() == before, "nothing written for \(args)", sourceLocation: sourceLocation)
    }

    func consent(_ cli: CLI, _ client: Int) throws -> [ConsentChannel: ConsentState] {
        let c = try EventLog.open(path: cli.log).practice.clients[client - 1]
        return Dictionary(uniqueKeysWithValues: ConsentChannel.allCases.map { ($0, Consent.state(c, $0)) })
    }

    @Test func consentIsRecordedPerChannelAndShownWithWhenAndHow() throws {
        let cli = try practice()
        #expect(try cli.ok(["consent", "c3", "--channel", "email", "--withdrawn", "--how", "told-desk"] + at) == "c3: Cy Young's consent for email withdrawn (told-desk)")
        #expect(try cli.ok(["consent", "Cy Young", "--channel", "SMS", "--given", "--how", "intake-form", "--now", "2026-12-08T10:00:00Z"]) == "c3: Cy Young's consent for sms given (intake-form)")
        let ten = DateInput.parseZonedISO("2026-12-07T10:00:00Z")!, tomorrow = DateInput.parseZonedISO("2026-12-08T10:00:00Z")!
        let added = DateInput.parseZonedISO("2026-12-07T08:00:00Z")!
        #expect(try consent(cli, 3) == [.email: .withdrawn(at: ten, how: .toldDesk), .sms: .given(at: tomorrow, how: .intakeForm),
                                        .post: .given(at: added, how: .intakeForm), .phone: .given(at: added, how: .intakeForm)])
        let show = try cli.output(["client", "show", "c3"] + at).components(separatedBy: "\n")
        let from = try #require(show.firstIndex { $0.hasPrefix("Consent") })
        #expect(Array(show[from..<(from + 5)]) == [
            "Consent     email withdrawn 2026-12-07 (told-desk)",
            "            sms   given 2026-12-08 (intake-form)",
            "            post  given 2026-12-07 (intake-form)",
            "            phone given 2026-12-07 (intake-form)",
            "Autopilot   not held",
        ])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(try cli.output(["client", "show", "c3", "--json"] + at).utf8)) as? [String: Any])
        let email = try #require((json["consent"] as? [String: Any])?["email"] as? [String: Any])
        #expect(email["state"] as? String == "withdrawn" && email["how"] as? String == "told-desk" && email["at"] as? String == "2026-12-07T10:00:00.000Z")
        #expect(json["hold"] is NSNull)
        try cli.ok(["autopilot", "hold", "c3", "--until", "+1w"] + at)
        #expect(try cli.output(["client", "show", "c3"] + at).contains("\nAutopilot   held until 2026-12-14 (nothing automatic goes before then)\n"))

        try refused(cli, ["consent", "c3", "--channel", "fax", "--given", "--how", "told-desk"], saying: "--channel 'fax' is not a channel: use email, sms, post, phone or all")
        try refused(cli, ["consent", "c3", "--channel", "all", "--given", "--withdrawn", "--how", "told-desk"], saying: "give one of --given or --withdrawn")
        try refused(cli, ["consent", "c3", "--channel", "all", "--how", "told-desk"], saying: "give one of --given or --withdrawn")
        try refused(cli, ["consent", "c3", "--channel", "all", "--given", "--how", "a whim"], saying: "--how 'a whim' is not a way consent is recorded: use intake-form, import or told-desk")
        try refused(cli, ["consent", "c3", "--channel", "all", "--given", "--how", "opt-out"],
                    saying: "an opt-out withdraws consent; to record consent given, say how: --how intake-form, import or told-desk")
        try refused(cli, ["consent", "Nobody", "--channel", "all", "--given", "--how", "told-desk"],
                    saying: "no client 'Nobody': use an id from `keepwarm client list`, or the exact name")
    }

    @Test func optOutByPhoneFindsEveryClientWithThatNumberWrittenAnyWay() throws {
        let cli = try practice()
        // The STOP handler's call: the number in E.164, the channel the STOP came by.
        let out = try cli.output(["optout", "--phone", "+447700900123", "--channel", "sms"] + at)
        #expect(out == "c1: Ada Lovelace opted out of sms (recorded)\nc2: Bob Brown opted out of sms (recorded)\n")
        let ten = DateInput.parseZonedISO("2026-12-07T10:00:00Z")!
        #expect(try consent(cli, 1)[.sms] == .withdrawn(at: ten, how: .optOut))
        #expect(try consent(cli, 2)[.sms] == .withdrawn(at: ten, how: .optOut))
        #expect(try consent(cli, 1)[.email]?.isGiven == true, "only the channel asked for")
        // A second STOP is answered, and writes nothing.
        let before = cli.bytes()
        #expect(try cli.output(["optout", "--phone", "0044 7700 900123", "--channel", "sms"] + at)
                == "c1: Ada Lovelace had already opted out of sms; nothing to record\nc2: Bob Brown had already opted out of sms; nothing to record\n")
        #expect(cli.bytes() == before)

        try refused(cli, ["optout", "--phone", "07700 900999"], saying: "no client has the phone number 07700 900999; nothing was written")
        try refused(cli, ["optout", "--phone", "12"], saying: "--phone '12' is not a phone number (at least 5 digits); nothing was written")
        try refused(cli, ["optout", "--phone", "+447700900123", "--channel", "pigeon"], saying: "--channel 'pigeon' is not a channel: use email, sms, post, phone or all")
        try refused(cli, ["optout"], saying: "give one of a client (id or name), --email ADDRESS or --phone NUMBER")
        try refused(cli, ["optout", "c1", "--email", "ada@example.com"], saying: "give one of a client (id or name), --email ADDRESS or --phone NUMBER")
    }

    @Test func optOutByEmailOrClientWithdrawsEveryChannel() throws {
        let cli = try practice()
        #expect(try cli.ok(["optout", "--email", " cy@EXAMPLE.com "] + at) == "c3: Cy Young opted out of every channel (recorded)")
        #expect(try consent(cli, 3).values.allSatisfy(\.isWithdrawn))
        #expect(try cli.ok(["optout", "Ada Lovelace", "--channel", "email"] + at) == "c1: Ada Lovelace opted out of email (recorded)")
        try refused(cli, ["optout", "--email", "nobody@example.com"], saying: "no client has the email address nobody@example.com; nothing was written")
        try refused(cli, ["optout", "c9"], saying: "no client 'c9': use an id from `keepwarm client list`, or the exact name")
        // An opted-out client gets no reminder by that channel: the preview says why.
        try cli.ok(["book", "c3", "--at", "2026-12-08 10:00"] + at)
        let preview = try cli.output(["autopilot", "preview"] + at)
        #expect(preview.contains("      stopped   no way to reach them: email consent withdrawn; sms consent withdrawn\n"), "\(preview)")
    }

    /// `client show` answers "may we contact you?" as the console's card does: a client added without an answer was
    /// never asked, though the stored flag says yes (a receptionist's trial found the two disagreeing).
    @Test func clientShowSaysNotAskedLikeTheCardForAClientAddedWithoutAnAnswer() throws {
        let cli = CLI()
        try cli.ok(["init", "--name", "Riverside"] + at)
        try cli.ok(["client", "add", "--name", "Zoë Test"] + at)
        try cli.ok(["client", "add", "--name", "Ada Lovelace", "--contact"] + at)
        try cli.ok(["client", "add", "--name", "Bob Brown", "--no-contact"] + at)
        #expect(try cli.output(["client", "show", "c1"] + at).contains("Contact     not asked; newsletter no"))
        #expect(try cli.output(["client", "show", "c2"] + at).contains("Contact     yes; newsletter no"))
        #expect(try cli.output(["client", "show", "c3"] + at).contains("Contact     no; newsletter no"))
    }

    @Test func clientAddRecordsConsentPerChannelAfterTheClient() throws {
        let cli = try practice()
        #expect(try cli.ok(["client", "add", "--name", "Di Prince", "--email", "di@example.com", "--consent", "email, sms", "--consent-how", "told-desk"] + at) == "c4")
        let ten = DateInput.parseZonedISO("2026-12-07T10:00:00Z")!
        #expect(try consent(cli, 4) == [.email: .given(at: ten, how: .toldDesk), .sms: .given(at: ten, how: .toldDesk),
                                        .post: .withdrawn(at: ten, how: .toldDesk), .phone: .withdrawn(at: ten, how: .toldDesk)])
        #expect(try cli.ok(["client", "add", "--name", "Ed Stone", "--consent", "phone,post,sms,email", "--consent-how", "intake-form"] + at) == "c5")
        let log = String(decoding: cli.bytes(), as: UTF8.self).split(separator: "\n")
        #expect(log.last?.contains(#""type":"consent.changed""#) == true && log.last?.contains(#""channel":"all""#) == true, "all four: one line for every channel")
        #expect(log[log.count - 2].contains(#""type":"client.added""#))
        #expect(try consent(cli, 5).values.allSatisfy(\.isGiven))

        try refused(cli, ["client", "add", "--name", "X", "--consent", "email"],
                    saying: "--consent needs --consent-how intake-form or told-desk: how they agreed, which is what a regulator asks for")
        try refused(cli, ["client", "add", "--name", "X", "--consent", "email", "--consent-how", "import"],
                    saying: "--consent-how 'import' is not how a new client agrees: use intake-form or told-desk")
        try refused(cli, ["client", "add", "--name", "X", "--consent", "email,fax", "--consent-how", "told-desk"],
                    saying: "--consent: 'fax' is not a channel: list the ones they agreed to from email, sms, post or phone, e.g. --consent email,sms")
        try refused(cli, ["client", "add", "--name", "X", "--consent", "email,email", "--consent-how", "told-desk"],
                    saying: "--consent: email is given twice; give each channel once")
        try refused(cli, ["client", "add", "--name", "X", "--consent", "email", "--consent-how", "told-desk", "--no-contact"],
                    saying: "give --consent CHANNELS or --contact/--no-contact, not both: --consent says which channels they agreed to")
        try refused(cli, ["client", "add", "--name", "X", "--consent-how", "told-desk"],
                    saying: "--consent-how goes with --consent CHANNELS (e.g. --consent email,sms --consent-how intake-form)")
    }

    /// The disk fills after the client's line and before their consent: the client is on the books, the one line
    /// says so and names the commands that finish the job, nothing is torn, and those commands then work.
    @Test func aFullDiskBetweenTheClientAndTheirConsentSaysHowToFinish() throws {
        let cli = try practice()
        let before = cli.bytes()
        let add = ["client", "add", "--name", "Di Prince", "--email", "di@example.com", "--consent", "email,sms", "--consent-how", "intake-form"] + at
        // The client's line, as this very command writes it (the clock and the desk are fixed): measured on a copy.
        let copy = CLI()
        #expect(FileManager.default.createFile(atPath: copy.log, contents: before, attributes: [.posixPermissions: 0o600]))
        try copy.ok(add)
        let clientLine = try #require(copy.bytes().dropFirst(before.count).split(separator: UInt8(ascii: "\n")).first)
        #expect(String(decoding: clientLine, as: UTF8.self).contains(#""type":"client.added""#))

        let prlimit = try Spawned.which("prlimit", package: "util-linux")
        let env = ["KEEPWARM_LOG": cli.log, "KEEPWARM_USER": "sam"]
        let out = cli.dir + "/out", err = cli.dir + "/err"
        let limit = before.count + clientLine.count + 1 + 40
        #expect(try Spawned([prlimit, "--fsize=\(limit):unlimited", "--", CLI.binary] + add, env: env, stdout: out, stderr: err).wait() == .exited(1))
        let said = String(decoding: FileManager.default.contents(atPath: err) ?? Data(), as: UTF8.self)
        let finish = ["email --given", "sms --given", "post --withdrawn", "phone --withdrawn"].map { "keepwarm consent c4 --channel \($0) --how intake-form" }
        #expect(said == "keepwarm: c4 was added, but their consent could not be recorded (the disk is full, so nothing was saved: free some space and try again (\(cli.log): could not write the event: No space left on device)); record it with: \(finish.joined(separator: "; "))\n")
        #expect(cli.bytes() == before + Data(clientLine) + Data("\n".utf8), "the client's line whole, and nothing torn after it")
        #expect(try EventLog.open(path: cli.log).damage.isEmpty)
        // Doing what the line says gives the client every consent the first command meant to record.
        for command in finish { try cli.ok(command.split(separator: " ").dropFirst().map(String.init) + at) }
        let ten = DateInput.parseZonedISO("2026-12-07T10:00:00Z")!
        #expect(try consent(cli, 4) == [.email: .given(at: ten, how: .intakeForm), .sms: .given(at: ten, how: .intakeForm),
                                        .post: .withdrawn(at: ten, how: .intakeForm), .phone: .withdrawn(at: ten, how: .intakeForm)])
    }

    @Test func theCountryIsTwoLettersAndKeptInTheLog() throws {
        let cli = try practice()
        let out = try cli.output(["settings", "--country", " ie "] + at)
        #expect(out.contains("\ncountry            IE\n"), "\(out)")
        #expect(try EventLog.open(path: cli.log).practice.settings.country == "IE")
        #expect(try cli.output(["autopilot", "show"] + at).contains("\nCountry     IE\n"))
        for bad in ["GBR", "G", "G1", "ÉÉ", "", "XX", "\u{1B}[2J"] {
            try refused(cli, ["settings", "--country", bad],
                        saying: "'\(DisplayText.visible(bad))' is not a country Keepwarm reads phone numbers for: give its two letters (ISO 3166), one of AT, AU, BE, CA, CH, DE, DK, ES, FI, FR, GB, IE, IT, NL, NO, NZ, PT, SE, US, ZA")
        }
    }

    /// A client who died is never contacted: every way of sending refuses in one kind line and writes nothing, and
    /// the autopilot never lists them.
    @Test func aDeceasedClientIsNeverContacted() throws {
        let cli = try practice()
        try cli.ok(["book", "c1", "--at", "2026-12-08 10:00"] + at)
        #expect(try cli.output(["client", "status", "c1", "deceased", "--reason", "Family called"] + at) == """
            c1: Ada Lovelace is recorded as deceased; every sequence and reminder has ended, and nothing will be sent to them
              still booked: a1 2026-12-08 10:00; cancel it with keepwarm cancel a1 --by client

            """)
        let kind = "Ada Lovelace (c1) is recorded as deceased; nothing is sent to them, so nothing was written"
        try refused(cli, ["touch", "c1", "--kind", "post-session", "--via", "email"], saying: kind)
        try refused(cli, ["preview", "c1", "--kind", "rebook-prompt"], saying: kind)
        try refused(cli, ["letter", "c1", "--kind", "reactivation-letter"], saying: kind)
        try refused(cli, ["letter", "posted", "c1", "--kind", "reactivation-letter"], saying: kind)
        try refused(cli, ["send", "c1", "--kind", "rebook-prompt"], saying: kind)
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/letters"), "no letter written")
        let preview = try cli.output(["autopilot", "preview"] + at)
        #expect(!preview.contains("Ada"))
        #expect(try cli.output(["client", "show", "c1"] + at).contains("\nStatus      deceased (Family called)\n"))
    }
}
