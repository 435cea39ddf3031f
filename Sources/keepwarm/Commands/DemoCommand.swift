import ArgumentParser
import Foundation
import KeepwarmCore

/// `keepwarm demo`.
struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a realistic, deterministic practice history to a new log (ending at --now).",
        discussion: "Example:\n  keepwarm demo --out demo/events.log --events 20000 --seed 7 --now \"2026-11-23T09:30:00Z\"")
    @OptionGroup var global: GlobalOptions
    @Option(help: "Where to write the new log (never overwritten).") var out: String
    @Option(help: "About how many events.") var events = 20_000
    @Option(help: "Seed: the same seed gives the same log.") var seed: UInt64 = 1

    func validate() throws {
        guard (100...20_000_000).contains(events) else { throw ValidationError("--events must be between 100 and 20000000") }
    }

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let cal = PracticeCalendar(identifier: "Europe/London")!
            let end = try desk.now(cal)
            let count = try DemoGenerator(seed: seed, events: events, end: end).write(to: out)
            Stderr.line("wrote \(count) events to \(out)")
            Stdout.line(out)
        }
    }
}
