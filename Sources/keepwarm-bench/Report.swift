import Foundation

/// One line of the results table.
struct Row {
    enum Format { case count, decimal, seconds, millis }
    let figure: String
    let unit: String
    let samples: Samples
    let target: String
    let format: Format
    var p50 = false
    var p99 = false

    /// min / median / max, or the chosen percentile when the row is about one.
    var cells: [String] {
        if p99 || p50 {
            let v = samples.percentile(p99 ? 99 : 50)
            return [fmt(v), fmt(samples.median), fmt(samples.max)]
        }
        return [fmt(samples.min), fmt(samples.median), fmt(samples.max)]
    }

    func fmt(_ v: Double) -> String {
        guard v.isFinite else { return "n/a" }
        switch format {
        case .count: return Int(v.rounded()).formatted(.number.grouping(.automatic).locale(Locale(identifier: "en_GB")))
        case .decimal: return String(format: "%.2f", v)
        case .seconds: return String(format: "%.3f", v)
        case .millis: return String(format: "%.2f", v)
        }
    }
}

/// What `keepwarm-bench` was asked to do.
struct Options {
    var sizes = [10_000, 250_000, 1_000_000]
    var runs = 5
    var dir = NSTemporaryDirectory() + "keepwarm-bench"
    var out: String? = "Docs/benchmarks.md"
    var idleSeconds = 60
    var childOpen: String?
    /// `--only autopilot`: just the autopilot's figures, on the largest demo log.
    /// `--only charts`: just the owner's charts on the reports screen, on the largest demo log.
    var only: String?
    /// `--child-import FILE LOG`: the import benchmark's child (see ImportBench).
    var childImport: (String, String)?
    /// `--child-desk STORE COUNT`: another desk appending, for the change-on-screen figure (see DeskWatch).
    var childDesk: (String, Int)?

    init<S: Sequence>(_ args: S) where S.Element == String {
        var it = args.makeIterator()
        while let a = it.next() {
            switch a {
            case "--sizes": sizes = (it.next() ?? "").split(separator: ",").compactMap { Int($0) }
            case "--runs": runs = Int(it.next() ?? "") ?? runs
            case "--dir": dir = it.next() ?? dir
            case "--out": out = it.next()
            case "--no-doc": out = nil
            case "--idle-seconds": idleSeconds = Int(it.next() ?? "") ?? idleSeconds
            case "--child-open": childOpen = it.next()
            case "--only": only = it.next()
            case "--child-import": childImport = (it.next() ?? "", it.next() ?? "")
            case "--child-desk": childDesk = (it.next() ?? "", Int(it.next() ?? "") ?? 0)
            case "--quick":
                sizes = [10_000]
                runs = 2
                idleSeconds = 0
                out = nil
            default:
                FileHandle.standardError.write(Data("keepwarm-bench: unknown option \(a); use --sizes, --runs, --dir, --out, --no-doc, --idle-seconds, --only autopilot|charts|keys|open|snapshot|postgres or --quick\n".utf8))
                exit(2)
            }
        }
    }

    func table(_ rows: [Row]) -> [String] {
        let header = ["figure", "unit", "min / p", "median", "max", "target"]
        let body = rows.map { [$0.figure, $0.unit] + $0.cells + [$0.target] }
        var widths = header.map(\.count)
        for r in body { for (i, c) in r.enumerated() { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            "| " + cells.enumerated().map { $0.element.padding(toLength: widths[$0.offset], withPad: " ", startingAt: 0) }.joined(separator: " | ") + " |"
        }
        return [line(header), "|" + widths.map { String(repeating: "-", count: $0 + 2) }.joined(separator: "|") + "|"] + body.map(line)
    }

    func write(_ rows: [Row], machine: [String]) {
        let t = table(rows)
        print(t.joined(separator: "\n"))
        guard let out else { return }
        let date = ISO8601DateFormatter().string(from: Date())
        var doc = ["# Benchmarks", "",
                   "Measured by `make bench` (`keepwarm-bench`, release build) on \(date). Logs come from `keepwarm demo --seed 1`",
                   "ending \(Bench.end.iso); each figure is measured \(runs) times (key presses hundreds of times) and shown as",
                   "min / median / max, or for key presses and appends as p99 (or p50) / median / max. Docs/performance.md explains",
                   "how state is kept and why each figure is what it is.", "", "## Machine", ""]
        doc += machine.map { "- " + $0 }
        doc += ["", "## Results", ""] + t + [""]
        try? doc.joined(separator: "\n").write(toFile: out, atomically: true, encoding: .utf8)
        FileHandle.standardError.write(Data("bench: wrote \(out)\n".utf8))
    }
}

/// The machine the numbers come from.
enum Machine {
    static func describe() -> [String] {
        var out: [String] = []
        if let cpu = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
           let model = cpu.split(separator: "\n").first(where: { $0.hasPrefix("model name") })?.split(separator: ":").last {
            out.append("CPU: \(model.trimmingCharacters(in: .whitespaces)), \(ProcessInfo.processInfo.activeProcessorCount) cores")
        }
        out.append("Memory: \(ProcessInfo.processInfo.physicalMemory / 1_073_741_824) GiB")
        out.append("OS: \(ProcessInfo.processInfo.operatingSystemVersionString)")
        if let v = try? run("/usr/bin/env", ["swift", "--version"]).split(separator: "\n").first { out.append("Toolchain: \(v)") }
        return out
    }
}
