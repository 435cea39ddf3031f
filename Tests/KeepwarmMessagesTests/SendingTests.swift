import Foundation
import KeepwarmCore
import Testing
@testable import KeepwarmMessages

/// The sending pieces on their own: splitting the command, the RFC 5322 message, the pipe and the Maildir.
@Suite struct SendingTests {
    @Test func theMailCommandIsSplitLikeAShellWouldQuoteItButNothingIsExpanded() {
        #expect(CommandWords.split("msmtp -t") == ["msmtp", "-t"])
        #expect(CommandWords.split("msmtp -C '/home/anna/my rc' -t") == ["msmtp", "-C", "/home/anna/my rc", "-t"])
        #expect(CommandWords.split(#"sendmail "-F Anna \"A\"" -t"#) == ["sendmail", #"-F Anna "A""#, "-t"])
        #expect(CommandWords.split(#"a\ b $HOME; rm -rf ~"#) == ["a b", "$HOME;", "rm", "-rf", "~"])
        #expect(CommandWords.split("msmtp 'open") == nil)
        #expect(CommandWords.split("  ") == [])
    }

    @Test func anAddressThatCouldAddARecipientOrAHeaderIsRefused() {
        #expect(MailAddress("ada@example.org") != nil)
        for bad in ["ada", "ada@", "@example.org", "ada@example", "a@b.org, eve@evil.example", "ada@example.org\nBcc: eve@evil.example",
                    "Ada <ada@example.org>", "a b@example.org", "ada@example.org;eve@evil.example"] {
            #expect(MailAddress(bad) == nil, "\(bad)")
        }
        // A line break in a name becomes nothing, so it cannot start a header.
        #expect(MailAddress("ada@example.org", name: "Ada\r\nBcc: eve@evil.example")?.header == "\"AdaBcc: eve@evil.example\" <ada@example.org>")
    }

    func message(subject: String = "Your next visit", name: String = "Zoë Brontë", body: String = "Hello Zoë,\n\nSee you soon.\n") -> MailMessage {
        MailMessage(from: MailAddress("desk@riverside.example", name: "Riverside Rooms")!, to: MailAddress("zoe@example.org", name: name)!,
                    subject: subject, body: body, date: Instant(ms: 1_795_510_800_000), uniquePart: "u1")
    }

    @Test func theMessageCarriesEveryHeaderAndAnEightBitUTF8Body() {
        let text = String(decoding: message().bytes, as: UTF8.self)
        let (head, body) = (text.components(separatedBy: "\n\n")[0], text.components(separatedBy: "\n\n").dropFirst().joined(separator: "\n\n"))
        #expect(head.split(separator: "\n") == [
            "From: Riverside Rooms <desk@riverside.example>",
            "To: =?UTF-8?B?Wm/DqyBCcm9udMOr?= <zoe@example.org>",
            "Subject: Your next visit",
            "Date: Tue, 24 Nov 2026 09:00:00 +0000",
            "Message-ID: <u1@riverside.example>",
            "MIME-Version: 1.0",
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: 8bit",
        ])
        #expect(body == "Hello Zoë,\n\nSee you soon.\n")
    }

    @Test func aLongNonASCIISubjectIsSplitIntoEncodedWordsOfAtMost75Characters() {
        let subject = String(repeating: "Ünïcödé ", count: 12)
        let text = String(decoding: message(subject: subject).bytes, as: UTF8.self)
        let header = text.components(separatedBy: "\nDate:")[0].components(separatedBy: "Subject: ")[1]
        let words = header.components(separatedBy: "\n ")
        #expect(words.count > 1)
        var decoded: [UInt8] = []
        for w in words {
            #expect(w.count <= 75 && w.hasPrefix("=?UTF-8?B?") && w.hasSuffix("?="))
            decoded += Data(base64Encoded: String(w.dropFirst(10).dropLast(2)))!
        }
        #expect(String(decoding: decoded, as: UTF8.self) == subject)
    }

    @Test func aBodyLineTooLongForEightBitIsSentQuotedPrintable() {
        let long = String(repeating: "é", count: 600)
        let text = String(decoding: message(body: long + "\n").bytes, as: UTF8.self)
        #expect(text.contains("Content-Transfer-Encoding: quoted-printable\n"))
        let body = text.components(separatedBy: "\n\n")[1]
        #expect(body.split(separator: "\n").allSatisfy { $0.count <= 76 })
        #expect(body.hasPrefix("=C3=A9=C3=A9"))
    }

    @Test func thePipeReportsTheExitAndTheFirstLineOfStandardError() throws {
        let env = ProcessInfo.processInfo.environment
        let dir = TempDir()
        let ok = try MailPipe.run(["sh", "-c", "cat > \"$1\"", "sh", dir.file("got")], input: Array("hello\n".utf8), environment: env)
        #expect(ok == MailPipeResult(status: 0, firstErrorLine: nil))
        #expect(FileManager.default.contents(atPath: dir.file("got")) == Data("hello\n".utf8))
        let bad = try MailPipe.run(["sh", "-c", "cat >/dev/null; echo; echo 'msmtp: cannot connect' >&2; echo more >&2; exit 75"],
                                   input: Array(repeating: 65, count: 1_000_000), environment: env)
        #expect(bad == MailPipeResult(status: 75, firstErrorLine: "msmtp: cannot connect"))
        // Exiting 0 without reading a large message is not a success: it cannot have sent it.
        let quit = try MailPipe.run(["true"], input: Array(repeating: 65, count: 4_000_000), environment: env)
        #expect(!quit.succeeded)
        #expect(throws: MailPipeError.self) { try MailPipe.run(["/nonexistent/sendmail", "-t"], input: [], environment: env) }
    }

    @Test func theSentCopyIsMovedFromTmpIntoCurWithPrivatePermissions() throws {
        let dir = TempDir()
        let maildir = SentMaildir(root: dir.file("Maildir"))
        let path = try maildir.keep(Array("Subject: x\n\nbody\n".utf8), seconds: 1_795_446_000, unique: "u1")
        #expect(path.hasPrefix(dir.file("Maildir/sent/cur/1795446000.u1.")) && path.hasSuffix(":2,S"))
        #expect(FileManager.default.contents(atPath: path) == Data("Subject: x\n\nbody\n".utf8))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("Maildir/sent/tmp")).isEmpty)
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int == 0o600)
        #expect(try FileManager.default.attributesOfItem(atPath: dir.file("Maildir/sent/new"))[.posixPermissions] as? Int == 0o700)
    }
}
