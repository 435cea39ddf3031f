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
        // CPU per event of a cold replay (the process's user + system time over the events), for the 4M ÷ 1M ratio.
        var coldCPU = Samples(), peakWith = Samples()
        for _ in 0..<options.runs {
            coldCPU.add(try runMeasured(keepwarm, lapsed, env: off).cpuSeconds * 1e6 / Double(n))
            peakWith.add(try runMeasured(keepwarm, lapsed, env: env).maxRSSKilobytes / 1024)
        }
        rows.append(Row(figure: "  cold replay, CPU per event, \(n) events", unit: "µs", samples: coldCPU, target: "4M ÷ 1M ≤ 1.1", format: .decimal))
        rows.append(Row(figure: "  peak RSS, snapshot present", unit: "MB", samples: peakWith, target: "", format: .decimal))
        // Four weeks of the calendar, as a script exporting it nightly would; `--out` a fresh file each time.
        var ics = Samples(), icsCPU = Samples()
        let icsOut = "\(options.dir)/snapshot-\(n).ics"
        for _ in 0..<options.runs {
            unlink(icsOut)
            let r = try runMeasured(keepwarm, ["export", "ics", "--from", "today", "--to", "+4w", "--out", icsOut, "--log", path,
                                               "--now", Bench.end.iso], env: env)
            guard r.status == 0 else { throw BenchError("export ics exited \(r.status)") }
            ics.add(r.seconds)
            icsCPU.add(r.cpuSeconds)
        }
        unlink(icsOut)
        rows.append(Row(figure: "`export ics`, four weeks, snapshot present, \(n) events", unit: "s", samples: ics,
                        target: n >= 4_000_000 ? "< 0.5" : "< 0.15", format: .seconds))
        rows.append(Row(figure: "  CPU", unit: "s", samples: icsCPU, target: "", format: .seconds))
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
