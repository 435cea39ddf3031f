import ArgumentParser
import Foundation
import KeepwarmConsole
import KeepwarmCore
import KeepwarmMessages

/// `keepwarm letter`: write a letter to print, and `letter posted` to record it once it is in the post.
struct LetterCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "letter",
        abstract: "Write a client's letter (--kind) or a referral's thank-you (--referral) to print; letter posted records it.",
        discussion: """
            The letter is a text file in letters_dir (config.toml; else letters/ beside the log), named by date, client
            and kind, readable only by you. Writing it records nothing: run keepwarm letter posted once it is posted.
            Example:
              keepwarm letter c1 --kind reactivation-letter
              keepwarm letter posted c1 --kind reactivation-letter
              keepwarm letter --referral r1
              keepwarm letter posted --referral r1
            """,
        subcommands: [Write.self, Posted.self],
        defaultSubcommand: Write.self)

    /// Which letter: a client and kind, or a referral's thank-you.
    struct Which: ParsableArguments {
        @Argument(help: ArgumentHelp("The client: an id like c12, or their exact name.", valueName: "client")) var client: String?
        @Option(help: ArgumentHelp("The letter: \(TouchpointKind.choices).", valueName: "kind")) var kind: TouchpointKind?
        @Option(help: ArgumentHelp("The referral whose referrer to thank, e.g. r3.", valueName: "referral")) var referral: String?

        func request(_ p: Practice, _ verb: String) throws -> MessageRequest {
            try MessageRequest.chosen(client: client, kind: kind, referral: referral, in: p, usage: (verb, "reactivation-letter"), sending: true)
        }
    }

    /// `keepwarm letter CLIENT --kind K`.
    struct Write: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "write", abstract: "Write the letter as a text file to print (the default).",
            discussion: "Example:\n  keepwarm letter c1 --kind reactivation-letter")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var which: Which
        @Flag(help: "Write it even though the autopilot sent the same message in the last 7 days.") var again = false

        func run() throws {
            try guarded {
                let desk = Desk(global)
                let log = try desk.openLog()
                let p = log.practice
                let now = try desk.now(p.calendar)
                let request = try which.request(p, "letter")
                let client = request.recipient(in: p)
                let name = switch request {
                case .followUp(_, let k): k.rawValue
                case .thankYou: "thank-you"
                }
                try EmailRecipient.mayWrite(p, client)
                try request.refuseIfAutopilotHasIt(in: p, now: now, again: again)
                let body = try desk.render(request, in: p, now: now, channel: .letter).body
                let day = p.calendar.day(of: now)
                let (y, m, d) = Civil.date(fromDays: day)
                let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
                let text = LetterFile.text(practice: DisplayText.visible(p.settings.name), date: "\(d) \(months[m - 1]) \(y)",
                                           to: DisplayText.visible(p.clients[client.index].name), body: body)
                let path = try LetterFile(directory: desk.lettersDirectory, sharing: FileSharing.of(log: desk.path)).write(text, named: LetterFile.name(day: day, client: client, kind: name))
                let posted = switch request {
                case .followUp(let c, let k): "keepwarm letter posted \(c) --kind \(k.rawValue)"
                case .thankYou(let r): "keepwarm letter posted --referral \(r)"
                }
                // The letter is on disk: if this cannot be printed, stderr says where it is (exit 3), never nothing.
                try Stdout.answer(wrote: path, next: "print that file, post it, then record it with: \(posted)",
                                  "wrote \(path)", "print it, post it, then record it with: \(posted)")
            }
        }
    }

    /// `keepwarm letter posted CLIENT --kind K`.
    struct Posted: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "posted", abstract: "Record that the letter was posted (a touchpoint, or the thank-you, via letter).",
            discussion: "Example:\n  keepwarm letter posted c1 --kind reactivation-letter")
        @OptionGroup var global: GlobalOptions
        @OptionGroup var which: Which

        func run() throws {
            try guarded {
                let desk = Desk(global)
                var asked: MessageRequest?
                try desk.record { _, p in
                    let request = try which.request(p, "letter posted")
                    asked = request
                    return switch request {
                    case .followUp(let c, let k): .touch(client: c.description, kind: k, via: .letter, note: nil)
                    case .thankYou(let r): .thank(r.description, via: .letter, note: nil)
                    }
                }
                switch asked {
                case .followUp(let c, let k)?: try Stdout.answer("\(c): \(k.rawValue) recorded as posted by letter")
                case .thankYou(let r)?: try Stdout.answer("\(r): thanked by letter")
                case nil: break
                }
            }
        }
    }
}

extension Desk {
    /// letters_dir from config.toml, else `letters` in the log's folder.
    var lettersDirectory: String {
        if let d = config.lettersDirectory.value { return d }
        let folder = (path as NSString).deletingLastPathComponent
        return (folder.isEmpty ? "." : folder) + "/letters"
    }
}
