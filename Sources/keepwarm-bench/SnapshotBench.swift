import Foundation
import KeepwarmCore

/// The checked snapshot's figures (issue 18), each as the spawned `keepwarm` a script runs, beside `wc -l` on the
/// same file in the same run: `lapsed --json` without a snapshot (KEEPWARM_SNAPSHOT=off), the first run (which
/// writes it), with it, and 1,000 sequential `client add`s from a script.
extension Bench {
    mutating func snapshot(_ n: Int, _ demoPath: String, adds count: Int = 1000) throws {
        log("snapshot \(n)")
        let path = "\(options.dir)/snapshot-\(n).log"
        unlink(path)
        SnapshotFile.remove(for: path)
        try run("/bin/cp", [demoPath, path])
        let keepwarm = bin + "/keepwarm"
        let lapsed = ["lapsed", "--json", "--log", path, "--now", Bench.end.iso]
        var env = ProcessInfo.processInfo.environment
        env["KEEPWARM_USER"] = "bench"
        var off = env
        off["KEEPWARM_SNAPSHOT"] = "off"
        var without = Samples(), with = Samples(), wc = Samples()
        for _ in 0..<options.runs {
            without.add(try Clock.seconds { try run(keepwarm, lapsed, env: off) })
            wc.add(try Clock.seconds { try run("/usr/bin/wc", ["-l", path]) })
        }
        let first = try Clock.seconds { try run(keepwarm, lapsed, env: env) }
        for _ in 0..<options.runs { with.add(try Clock.seconds { try run(keepwarm, lapsed, env: env) }) }
        let wcNote = "(wc -l median \(ms(wc.median)))"
        rows.append(Row(figure: "`lapsed --json`, no snapshot, \(n) events \(wcNote)", unit: "s", samples: without, target: "", format: .seconds))
        rows.append(Row(figure: "  first run, writes the snapshot", unit: "s", samples: Samples(values: [first]), target: "", format: .seconds))
        rows.append(Row(figure: "  snapshot present", unit: "s", samples: with, target: n >= 4_000_000 ? "< 0.15" : "< 0.06", format: .seconds))
        var adds = Samples(), addsWC = Samples()
        addsWC.add(try Clock.seconds { try run("/usr/bin/wc", ["-l", path]) })
        var each = Samples()
        let total = try Clock.seconds {
            for k in 0..<count {
                each.add(try Clock.seconds { try run(keepwarm, ["client", "add", "--name", "Bench Client \(k)", "--log", path, "--now", Bench.end.iso], env: env) })
            }
        }
        adds.add(total)
        rows.append(Row(figure: "\(count) sequential `client add`, \(n) events (wc -l \(ms(addsWC.median)))", unit: "s", samples: adds, target: "< 60", format: .seconds))
        rows.append(Row(figure: "  each `client add`", unit: "s", samples: each, target: "", format: .seconds))
    }
}
