import Foundation
import Testing
@testable import KeepwarmConsole
@testable import KeepwarmCore

/// `A` on the golden demo with the autopilot live: a run at 10:05, one try nobody settled, one letter to print, the
/// rebook prompt turned on by email, and one client held.
@Suite struct AutopilotGoldenTests {
    static let practice: Practice = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-golden-ap-\(UUID().uuidString)").path
        let path = dir + "/events.log"
        let end = GoldenTests.end
        _ = try! DemoGenerator(seed: 7, events: 4000, end: end).write(to: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = try! EventLog.open(path: path)
        let at = Instant(ms: end.ms - 25 * 60_000)
        let today = log.practice.calendar.day(of: end)
        func add(_ body: @escaping (Practice) -> EventBody) { _ = try! log.append(by: "autopilot", at: at) { p in body(p) } }
        add { _ in .autopilotPolicy(.rebookPrompt, StepPolicy(.auto, channels: [.email])) }
        let plan = AutopilotPlan.messages(log.practice, now: end)
        let first = plan[0], held = plan.last { $0.client != first.client }!
        add { p in
            .messageAttempted(AttemptStart(id: p.autopilot.nextID, key: first.key, client: first.client, step: first.step,
                                           channel: first.channel ?? .email, to: first.to, dueDay: first.dueDay, appointment: first.appointment))
        }
        add { p in
            .messageAttempted(AttemptStart(id: p.autopilot.nextID, key: "\(held.client).reactivation-letter.\(Civil.string(ofDay: today))",
                                           client: held.client, step: .reactivationLetter, channel: .letter, to: nil, dueDay: today))
        }
        add { p in .messageSent(AttemptID(p.autopilot.attempts.count), provider: nil, confirmed: false) }
        add { _ in .autopilotHeld(held.client, untilDay: nil) }
        add { _ in .autopilotRan(RunSummary(sent: 3, failed: 0, unresolved: 1, waiting: 0)) }
        return log.practice
    }()

    @Test func autopilotAt80x24() throws {
        try GoldenTests().check("autopilot-80x24", width: 80, height: 24, keys: [.char("A")], practice: Self.practice)
    }

    /// The golden demo with every step left to the desk: nothing is due under an auto policy.
    static let desk: Practice = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-golden-ap-\(UUID().uuidString)").path
        let path = dir + "/events.log"
        _ = try! DemoGenerator(seed: 7, events: 4000, end: GoldenTests.end).write(to: path)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let log = try! EventLog.open(path: path)
        for step in AutopilotStep.allCases {
            _ = try! log.append(by: "sam", at: Instant(ms: GoldenTests.end.ms - 60 * 60_000)) { _ in .autopilotPolicy(step, StepPolicy(.desk)) }
        }
        return log.practice
    }()

    /// `A` with nothing due under an auto policy: the screen says so inside its frame.
    @Test func emptyAutopilotAt80x24() throws {
        let p = Self.desk, now = GoldenTests.end
        #expect(AutopilotList(p, now: now).rows.isEmpty)
        var data = ConsoleData(p, now: now)
        data.autopilot = AutopilotList(p, now: now)
        var m = ConsoleModel(user: "sam")
        _ = m.handle(.screen(width: 80, height: 24), data: data, practice: p, now: now)
        _ = m.handle(.key(.char("A")), data: data, practice: p, now: now)
        let lines = ConsoleView.render(m, data: data, practice: p, now: now, width: 80, height: 24, charset: .unicode).text
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let first = try #require(lines.firstIndex { $0.contains("No message in hand") }, "\(lines.joined(separator: "\n"))")
        // The sentence and its wrapped end stay left of the frame's right border, which is drawn whole.
        let border = try #require(lines[first].lastIndex(of: "│"))
        let words = lines[first...(first + 1)].flatMap { $0.split(separator: " ") }.filter { !$0.contains("│") }.joined(separator: " ")
        #expect(words == "No message in hand: nothing is due under an auto policy (keepwarm autopilot show).", "\(words)")
        for line in lines[first...(first + 1)] {
            #expect(line.lastIndex(of: "│") == border && line[line.index(after: border)...].allSatisfy { $0 == " " }, "\(line)")
        }
        try GoldenTests().check("autopilot-empty-80x24", width: 80, height: 24, keys: [.char("A")], practice: p)
    }

    @Test func autopilotAt132x43() throws {
        try GoldenTests().check("autopilot-132x43", width: 132, height: 43, keys: [.char("A"), .char("G")], practice: Self.practice)
    }
}
