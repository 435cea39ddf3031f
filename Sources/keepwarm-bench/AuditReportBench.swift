import Foundation
import KeepwarmCore

extension Bench {
    /// `keepwarm audit report` on the 250,000-event demo (the smallest size of at least 250k given, else the largest)
    /// through the real binary: replay, the audit and the last audit's figures, the page, the atomic write. Then
    /// headless Chromium printing that page to PDF, when Chromium is installed (the unit test prints a 20k demo).
    mutating func auditReport(_ logs: [Int: String]) throws {
        guard let n = options.sizes.filter({ $0 >= 250_000 }).min() ?? options.sizes.max(), let path = logs[n] else { return }
        let out = "\(options.dir)/audit-\(n).html"
        var env = ProcessInfo.processInfo.environment
        env["KEEPWARM_LOG"] = path
        var write = Samples()
        for _ in 0..<3 {
            unlink(out)
            write.add(try Clock.seconds { _ = try run(bin + "/keepwarm", ["audit", "report", "--out", out, "--now", Bench.end.iso], env: env) })
            guard FileManager.default.fileExists(atPath: out) else { throw BenchError("keepwarm audit report wrote no \(out)") }
        }
        rows.append(Row(figure: "Printable audit (audit report), \(n) events", unit: "s", samples: write, target: "report", format: .seconds))
        let chromium = "/usr/bin/chromium"
        guard FileManager.default.isExecutableFile(atPath: chromium) else {
            log("chromium is missing: printing the audit not measured (apt-get install chromium)")
            return
        }
        var printing = Samples()
        let pdf = "\(options.dir)/audit-\(n).pdf"
        for _ in 0..<3 {
            unlink(pdf)
            printing.add(try Clock.seconds {
                _ = try run(chromium, ["--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--no-first-run",
                                       "--user-data-dir=\(options.dir)/chromium-profile", "--print-to-pdf=\(pdf)", "file://\(out)"])
            })
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
        rows.append(Row(figure: "  Chromium prints it to PDF (\(size / 1024) KB of HTML)", unit: "s", samples: printing, target: "report", format: .seconds))
    }
}
