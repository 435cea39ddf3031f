import Foundation
import Testing
@testable import KeepwarmCore

/// `keepwarm config`, `templates` and `preview` through the built binary, with $XDG_CONFIG_HOME in a temp directory.
@Suite struct MessagesCLITests {
    /// A practice where Ada referred Grace and Grace came; the config directory is the CLI's own temp folder.
    func practice() throws -> (CLI, [String: String]) {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        let at = ["--now", "2026-11-02T08:00:00Z"]
        for args in [["init", "--name", "Riverside & Co"], ["practitioner", "add", "--name", "Anna Okafor"],
                     ["client", "add", "--name", "Ada Lovelace"], ["client", "add", "--name", "Grace Hopper", "--referred-by", "c1"],
                     ["book", "c2", "--at", "2026-11-03 10:00"]] {
            try cli.output(args + at, env: env)
        }
        try cli.output(["attend", "a1", "--now", "2026-11-03T12:00:00Z"], env: env)
        return (cli, env)
    }

    func writeConfig(_ cli: CLI, _ text: String) throws {
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try text.write(toFile: cli.dir + "/config/keepwarm/config.toml", atomically: true, encoding: .utf8)
    }

    @Test func configShowsEachSettingAndWhereItCameFrom() throws {
        let (cli, env) = try practice()
        let path = cli.dir + "/config/keepwarm/config.toml"
        try writeConfig(cli, "display_name = \"Anna\"\nmail_command = \"msmtp -t\"\ncolours = \"off\"\n")
        let out = try cli.output(["config", "--as", "reception"], env: env)
        let rows = Dictionary(out.split(separator: "\n").map { l in
            (String(l.split(separator: " ").first ?? ""), l.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) })
        }, uniquingKeysWith: { a, _ in a })
        #expect(rows["log"] == ["log", cli.log, "environment $KEEPWARM_LOG"])
        #expect(rows["user"] == ["user", "reception", "flag --as"])
        #expect(rows["mail_command"] == ["mail_command", "msmtp -t", "config.toml \(path)"])
        #expect(rows["colours"] == ["colours", "off", "config.toml \(path)"])
        #expect(rows["thankYouHours"] == ["thankYouHours", "48", "log \(cli.log)"])
        #expect(out.contains("Riverside & Co"))
    }

    @Test func displayNameIsTheActorAfterFlagAndEnvironment() throws {
        let (cli, env) = try practice()
        try writeConfig(cli, "display_name = \"Anna\"\n")
        var noUser = env
        noUser["KEEPWARM_USER"] = ""
        try cli.output(["touch", "c1", "--kind", "post-session"], env: noUser)
        let last = try #require(String(contentsOfFile: cli.log, encoding: .utf8).split(separator: "\n").last)
        #expect(last.contains("\"by\":\"Anna\""))
    }

    /// `log` in config.toml is used when neither --log nor $KEEPWARM_LOG says, relative to the config file's folder.
    @Test func theConfigsLogComesAfterTheEnvironment() throws {
        let (cli, env) = try practice()
        try writeConfig(cli, "log = \"practice/events.log\"\n")
        var noLog = env
        noLog["KEEPWARM_LOG"] = ""
        try cli.output(["init", "--name", "From the config"], env: noLog)
        let configured = cli.dir + "/config/keepwarm/practice/events.log"
        #expect(try String(contentsOfFile: configured, encoding: .utf8).contains("From the config"))
        #expect(try cli.output(["settings"], env: noLog).contains("From the config"))
        #expect(try cli.output(["settings"], env: env).contains("Riverside & Co"), "$KEEPWARM_LOG still wins")
    }

    @Test func aBadConfigStopsEveryCommandWithItsPlaceAndWritesNothing() throws {
        let (cli, env) = try practice()
        let before = cli.bytes()
        try writeConfig(cli, "display_name = \"Anna\"\n\ncolours = \"blue\"\n")
        let r = try cli.run(["touch", "c1", "--kind", "post-session"], env: env)
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: \(cli.dir)/config/keepwarm/config.toml:3:1: colours must be \"on\" or \"off\" (or true or false)\n")
        #expect(cli.bytes() == before)
        try writeConfig(cli, "display_name = \"Anna\n")
        let syntax = try cli.run(["config"], env: env)
        #expect(syntax.status == 1)
        #expect(syntax.err.hasPrefix("keepwarm: \(cli.dir)/config/keepwarm/config.toml:1:"))
        #expect(syntax.err.split(separator: "\n").count == 1)
    }

    @Test func previewRendersFromTheLogAndTheThankYouKeepsTheReferredPrivate() throws {
        let (cli, env) = try practice()
        try writeConfig(cli, "display_name = \"Anna\"\nbooking_link = \"https://example.org/book\"\n")
        let check = try cli.output(["preview", "c2", "--kind", "check-in-28", "--now", "2026-12-01T09:00:00Z"], env: env)
        #expect(check.hasPrefix("Subject: Checking in from Riverside & Co\n\nHello Grace,\n"))
        #expect(check.contains("since we saw you on Tuesday 3 November"))
        #expect(check.contains("You can book at https://example.org/book."))
        #expect(check.contains("\nAnna\nRiverside & Co\n"))
        let thanks = try cli.output(["preview", "--referral", "r1", "--now", "2026-11-04T09:00:00Z"], env: env)
        #expect(thanks.hasPrefix("Subject: Thank you for recommending us, Ada\n"))
        for word in ["Grace", "Hopper", "book", "attend", "appointment", "session", "visit"] {
            #expect(!thanks.lowercased().contains(word.lowercased()), "the thank-you says \(word)")
        }
        let bad = try cli.run(["preview", "c1"], env: env)
        #expect(bad.status == 1 && bad.err.contains("give a client and --kind"))
    }

    @Test func templatesListsWritesWithoutOverwritingAndReportsABadTemplate() throws {
        let (cli, env) = try practice()
        let dir = cli.dir + "/config/keepwarm/templates"
        #expect(try cli.output(["templates"], env: env).contains("thank-you            default"))
        let variables = try cli.output(["templates", "--variables"], env: env)
        #expect(variables.split(separator: "\n").contains { $0.hasPrefix("{{next_booking}} ") && $0.hasSuffix("the client's next booking in words, e.g. Tuesday 24 November at 10:00; empty if none") })
        #expect(variables.split(separator: "\n").count == 12)
        #expect(variables.contains("{{opt_out}} ") && variables.contains("{{appointment}} "))
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try "Subject: Mine, {{first_name}}\n\nEdited by hand.\n".write(toFile: dir + "/rebook-prompt.mustache", atomically: true, encoding: .utf8)
        let wrote = try cli.output(["templates", "--write"], env: env)
        #expect(wrote.contains("18 written, 1 already there and left alone"))
        #expect(FileManager.default.fileExists(atPath: dir + "/reminder.sms.mustache"))
        #expect(try String(contentsOfFile: dir + "/rebook-prompt.mustache", encoding: .utf8) == "Subject: Mine, {{first_name}}\n\nEdited by hand.\n")
        #expect(try cli.output(["templates"], env: env).contains("rebook-prompt        \(dir)/rebook-prompt.mustache"))
        #expect(try cli.output(["preview", "c1", "--kind", "rebook-prompt"], env: env) == "Subject: Mine, Ada\n\nEdited by hand.\n")

        try "Subject: Hello\n\nDear {{first_name}},\nSee you {{next_bookin}}\n".write(toFile: dir + "/rebook-prompt.mustache", atomically: true, encoding: .utf8)
        let r = try cli.run(["preview", "c1", "--kind", "rebook-prompt"], env: env)
        #expect(r.status == 1)
        #expect(r.err.hasPrefix("keepwarm: \(dir)/rebook-prompt.mustache:4:9: unknown variable next_bookin;"))
        let listed = try cli.run(["templates"], env: env)
        #expect(listed.status == 1 && listed.err.contains("rebook-prompt.mustache:4:9:"))
    }

    /// Messages and call scripts are signed by the log (the practitioner, else the practice), never by the login
    /// name, --as or $KEEPWARM_USER; display_name still signs what a person sends by hand.
    @Test func messagesAreSignedByTheLogNeverByTheLogin() throws {
        let (cli, env) = try practice()
        var vars = env
        vars["USER"] = "rootish"
        let at = ["--now", "2026-11-06T09:00:00Z", "--as", "reception"]
        let noPractitioner = try cli.output(["preview", "c1", "--kind", "follow-up-call"] + at, env: vars)
        #expect(noPractitioner.contains("\"Hello, is that Ada? It's Riverside & Co. We sent you a short note"))
        let withAnna = try cli.output(["preview", "c2", "--kind", "follow-up-call"] + at, env: vars)
        #expect(withAnna.contains("\"Hello, is that Grace? It's Anna Okafor from Riverside & Co. We sent you a short note"))
        let rebook = try cli.output(["preview", "c2", "--kind", "rebook-prompt"] + at, env: vars)
        #expect(rebook.hasSuffix("\nAnna Okafor\nRiverside & Co\n\nIf you would rather not hear from us like this, reply STOP or let us know.\n"))
        let thanks = try cli.output(["preview", "--referral", "r1"] + at, env: vars)
        #expect(thanks.hasSuffix("With warm thanks,\nRiverside & Co\n"))
        for out in [noPractitioner, withAnna, rebook, thanks] {
            for login in ["sam", "reception", "rootish", "unknown"] { #expect(!out.contains(login), "signed \(login): \(out)") }
        }
        try writeConfig(cli, "display_name = \"Jo\"\n")
        #expect(try cli.output(["preview", "c1", "--kind", "follow-up-call"] + at, env: vars).contains("It's Jo. We sent you"))
        #expect(try cli.output(["preview", "c2", "--kind", "post-session"] + at, env: vars).hasSuffix("\nJo\nRiverside & Co\n"))
        // A letter carries the letter's opt-out line.
        #expect(try cli.run(["letter", "c2", "--kind", "rebook-prompt"] + at, env: vars).status == 0)
        let letters = try FileManager.default.contentsOfDirectory(atPath: cli.dir + "/letters")
        let letter = try String(contentsOfFile: cli.dir + "/letters/" + letters[0], encoding: .utf8)
        #expect(letter.contains("If you would rather we did not write, let us know and we will stop."))
    }

    /// `colours = "off"` in config.toml reaches the console: no foreground colour is drawn, as under $NO_COLOR.
    @Test func coloursOffInConfigTurnsTheConsolesColourOff() throws {
        let (cli, env) = try practice()
        var vars = env
        vars["KEEPWARM_LOG"] = cli.log
        vars["KEEPWARM_USER"] = "sam"
        vars["NO_COLOR"] = nil
        let colour = "\u{1B}\\[3[0-7]m"
        for (file, coloured) in [("colours = \"on\"\n", true), ("colours = \"off\"\n", false)] {
            try writeConfig(cli, file)
            let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-03 13:00"], env: vars)
            defer { t.kill() }
            try t.waitFor("Ada Lovelace")
            let raw = try t.captureRaw()
            #expect((raw.range(of: colour, options: .regularExpression) != nil) == coloured, "\(file)")
            try t.send("q")
        }
    }

    /// The console's `m` shows the real rendered message: the executable hands the templates to the console.
    @Test func theConsolePreviewsTheThankYouWithTheRealTemplate() throws {
        let (cli, env) = try practice()
        try writeConfig(cli, "display_name = \"Anna\"\n")
        var vars = env
        vars["KEEPWARM_LOG"] = cli.log
        vars["KEEPWARM_USER"] = "sam"
        let t = try Tmux(width: 80, height: 24, command: [CLI.binary, "--now", "2026-11-03 13:00"], env: vars)
        defer { t.kill() }
        try t.waitFor("Ada Lovelace")
        try t.send("3", "m")
        let screen = try t.waitFor("Subject: Thank you for recommending us, Ada")
        #expect(screen.contains("Riverside & Co"))
        #expect(screen.contains("Message: thank-you to Ada Lovelace"))
        try t.send("Escape")
        _ = try t.waitUntil("the preview closed") { !$0.contains("Subject:") }
        try t.send("q")
    }
}
