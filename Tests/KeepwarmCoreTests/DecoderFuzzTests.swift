import Foundation
import KeepwarmTestSupport
import Testing
@testable import KeepwarmCore

/// The line decoder against seeded random and mutated lines (KEEPWARM_FUZZ_INPUTS of them; `make fuzz` runs a million):
/// it never crashes, a refusal names a column on the line, and whatever it accepts re-encodes to a line that decodes to
/// the same event. Seeds are real lines: every event type with hostile text, and a demo practice's log.
@Suite struct DecoderFuzzTests {
    /// Lines every mutation starts from (without their newline).
    static let seeds: [[UInt8]] = {
        let end = Instant.parseLogForm(Array("2026-11-18T12:40:00.000Z".utf8))!
        let demo = DemoGenerator(seed: 11, events: 1_500, end: end).events().map { Array(EventCodec.line(for: $0).dropLast()) }
        return [Array(EventCodec.headerLine().dropLast())] + DecoderDifferentialTests.sampleLines() + demo
    }()

    /// Whole tokens a hand edit or another tool might leave where a value was: each one aims at a parsing edge.
    static let tokens: [String] = [
        "\"\"", "null", "true", "false", "0", "-0", "-", "06", "4-2", "1.5", "1e9", "1E+999", "9223372036854775807",
        "99999999999999999999", "-9223372036854775808", "{}", "[]", "{\"a\":[1,{\"b\":\"]}\"}]}", "[[[[[[[[", "\"\\u0000\"",
        "\"\\ud83d\\ude00\"", "\"\\ud800\"", "\"\\udc00x\"", "\"\\u12\"", "\"\\x41\"", "\"\\\"", "\"\\/\"", "\"a\\", "\u{1B}[2J",
        "\u{C2}\u{9B}", "\"2026-11-23T09:00+01:00\"", "\"2026-02-30T09:00:00.000Z\"", "\"0000-01-01T00:00:00.000Z\"",
        "\"9999-12-31T23:59:59.999Z\"", "\"0000-01-01T00:30+01:00\"", "\"9999-12-31T23:30-01:00\"", "\"c0\"", "\"c-1\"",
        "\"c999999999999\"", "\"c1234567890123\"", "\"snoozed\"", "\"2026-12-01\"", " ", "\t", ",", ":", "\"", "\\",
    ]

    /// A seed line changed in one of several ways, resealed with a fresh checksum unless the change is to the seal.
    /// `isFirst` says whether it is read as the first line of a file (where a byte-order mark is allowed).
    static func input<R: RandomNumberGenerator>(using rng: inout R) -> (raw: [UInt8], isFirst: Bool) {
        let seed = seeds.randomElement(using: &rng)!
        var body = Array(seed[..<(seed.count - EventCodec.crcTailLength)])
        var reseal = true
        switch Int.random(in: 0..<20, using: &rng) {
        case 0..<6:
            body = DecoderDifferentialTests.mutated(body, using: &rng)
        case 6..<10:
            // Swap a token in for a stretch of the line, or drop one in.
            let t = Array(tokens.randomElement(using: &rng)!.utf8)
            let a = Int.random(in: 0...body.count, using: &rng)
            let b = min(body.count, a + Int.random(in: 0...12, using: &rng))
            body.replaceSubrange(a..<b, with: t)
        case 10..<12:
            // The front of one line and the back of another.
            let other = seeds.randomElement(using: &rng)!
            body = Array(body.prefix(Int.random(in: 0...body.count, using: &rng)))
                + other.suffix(Int.random(in: 0...other.count, using: &rng)).dropLast(EventCodec.crcTailLength)
        case 12..<14:
            // A text value swapped for random text, escaped as JSON: a valid line whose strings are hostile.
            if let range = stringValue(in: body, using: &rng) { body.replaceSubrange(range, with: jsonEscaped(randomText(using: &rng))) }
        case 14:
            // Another tool's spacing: blanks and tabs around the punctuation, which are allowed.
            body = body.flatMap { c -> [UInt8] in
                guard [0x2C, 0x3A].contains(c), Bool.random(using: &rng) else { return [c] }
                return [0x20, c, Bool.random(using: &rng) ? 0x09 : 0x20]
            }
        case 15..<17:
            // Damage after the checksum was written: the seal no longer matches, or is itself broken.
            reseal = false
            var line = seed
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let i = Int.random(in: 0..<line.count, using: &rng)
                line[i] = UInt8.random(in: 0...255, using: &rng)
            }
            body = Array(line.prefix(Int.random(in: 0...line.count, using: &rng)))
        case 17:
            reseal = Bool.random(using: &rng)
            body = (0..<Int.random(in: 0...200, using: &rng)).map { _ in UInt8.random(in: 0...255, using: &rng) }
        case 18:
            // A huge value: a long text run dropped inside the line.
            let filler = tokens.randomElement(using: &rng)!.utf8.first ?? 0x61
            let run = [UInt8](repeating: Bool.random(using: &rng) ? 0x61 : filler, count: Int.random(in: 1_000...40_000, using: &rng))
            body.insert(contentsOf: run, at: Int.random(in: 0...body.count, using: &rng))
        default:
            for _ in 0..<Int.random(in: 2...6, using: &rng) { body = DecoderDifferentialTests.mutated(body, using: &rng) }
        }
        var raw = reseal ? DecoderDifferentialTests.resealed(body) : body
        let isFirst = Int.random(in: 0..<8, using: &rng) == 0
        if isFirst, Bool.random(using: &rng) { raw = [0xEF, 0xBB, 0xBF] + raw }
        if Int.random(in: 0..<8, using: &rng) == 0 { raw.append(0x0D) }
        return (raw, isFirst)
    }

    /// Characters from every class the escaping rules name, plus text that merely looks odd.
    static let scalars: [Unicode.Scalar] = [
        "a", "Z", " ", "\"", "\\", "/", "\u{0}", "\u{1B}", "\u{7F}", "\u{85}", "\u{9B}", "\u{2028}", "\u{202E}", "\u{2066}",
        "\u{200D}", "\u{FEFF}", "\u{301}", "é", "日", "👩", "\u{10FFFF}", "\u{D7FF}", "\u{E000}",
    ]

    static func randomText<R: RandomNumberGenerator>(using rng: inout R) -> String {
        var s = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...24, using: &rng) { s.append(scalars.randomElement(using: &rng)!) }
        return String(s)
    }

    /// JSON string content for `s`, escaped the way another tool might: controls as \u, the rest as plain UTF-8.
    static func jsonEscaped(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        for u in s.unicodeScalars {
            switch u.value {
            case 0x22: out += Array(#"\""#.utf8)
            case 0x5C: out += Array(#"\\"#.utf8)
            case 0..<0x20: out += Array(String(format: "\\u%04x", u.value).utf8)
            default: out += Array(String(u).utf8)
            }
        }
        return out
    }

    /// The content of a random quoted value on the line (between its quotes), if there is one.
    static func stringValue<R: RandomNumberGenerator>(in body: [UInt8], using rng: inout R) -> Range<Int>? {
        var starts: [Int] = []
        for i in 0..<max(0, body.count - 2) where body[i] == 0x22 && body[i + 1] == 0x3A && body[i + 2] == 0x22 { starts.append(i + 3) }
        guard let start = starts.randomElement(using: &rng) else { return nil }
        var j = start
        while j < body.count, body[j] != 0x22 { j += body[j] == 0x5C ? 2 : 1 }
        return start..<min(j, body.count)
    }

    /// Decodes one input as replay would and checks every property; returns whether it was accepted and what broke.
    static func check(_ raw: [UInt8], isFirst: Bool, scratch: inout DecodeScratch) -> (accepted: Bool, problem: String?) {
        let outcome = raw.withUnsafeBufferPointer { LineOutcome.decode($0, isFirst: isFirst, scratch: &scratch) }
        // The line the decoder saw, after a CR and (on the first line) a byte-order mark were set aside.
        var line = raw[...]
        if line.last == 0x0D { line = line.dropLast() }
        if isFirst, line.starts(with: [0xEF, 0xBB, 0xBF]) { line = line.dropFirst(3) }
        // Replay carries its scratch from line to line; a fresh one must give exactly the same answer.
        let fresh = Result(catching: { () throws(LineDamage) in try EventCodec.decode(Array(line)) })
        guard outcome.decoded == fresh else {
            return (false, "a reused scratch buffer changed the result: \(outcome.decoded) vs \(fresh)")
        }
        switch outcome.decoded {
        case .failure(let damage):
            guard (1...line.count + 1).contains(damage.column) else {
                return (false, "column \(damage.column) is outside the line (1...\(line.count + 1)): \(damage.reason)")
            }
            guard !damage.reason.isEmpty else { return (false, "damage with no reason at column \(damage.column)") }
            return (false, nil)
        case .success(.event(let event)):
            let again = Array(EventCodec.line(for: event).dropLast())
            let reread = Result(catching: { () throws(LineDamage) in try EventCodec.decode(again) })
            guard reread == .success(.event(event)) else {
                return (true, "re-encoded as \(escapedLiteral(again)), which reads back as \(reread), not \(event)")
            }
            return (true, nil)
        case .success(.header), .success(.unknown):
            return (true, nil)
        }
    }

    @Test func randomAndMutatedLinesNeverCrashAndEveryAnswerHolds() {
        let plan = FuzzPlan.fromEnvironment()
        var scratch = DecodeScratch()
        var accepted = 0, refused = 0, failures = 0
        for i in 0..<plan.inputs {
            var rng = plan.rng(i)
            let (raw, isFirst) = Self.input(using: &rng)
            let (ok, problem) = Self.check(raw, isFirst: isFirst, scratch: &scratch)
            if ok { accepted += 1 } else { refused += 1 }
            if let problem {
                failures += 1
                Issue.record("\(problem)\ninput: \(escapedLiteral(raw)) isFirst: \(isFirst)\n\(plan.replay(i))")
                if failures >= 5 { return }
            }
        }
        print("decoder fuzz: \(plan.inputs) inputs from seed \(plan.seed): \(accepted) accepted, \(refused) refused")
        // A generator that only ever made garbage (or only untouched lines) would prove nothing.
        #expect(accepted > plan.inputs / 16, "enough inputs still decode to test the round trip")
        #expect(refused > plan.inputs / 10, "enough inputs are refused to test the damage columns")
    }
}
