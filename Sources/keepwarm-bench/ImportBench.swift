import Foundation
import KeepwarmCore
import KeepwarmImport

/// The import's figures (issue 15: a 200,000-row file within 10 s and 500 MB): a seeded, realistic clients export is
/// imported with `--commit` into a fresh log by the real `keepwarm` binary, timed from start to exit, its peak memory
/// read from the kernel (`wait4`'s ru_maxrss); then the same work in a child of this benchmark, part by part.
extension Bench {
    static let importRows = 200_000
    /// The columns of the generated file, named as a practice system's export would, and how they are mapped.
    static let importHeader = "Client ID,First Name,Last Name,Email,Mobile,Accepts Email Marketing,Accepts SMS,Last Visit,Referral Source,Notes"
    static let importMap = "Client ID=id,First Name=first,Last Name=last,Email=email,Mobile=phone,Accepts Email Marketing=email-consent,Accepts SMS=sms-consent,Last Visit=last-visit,Referral Source=source"

    mutating func importClients() throws {
        let dir = options.dir + "/import"
        try? FileManager.default.removeItem(atPath: dir)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let file = dir + "/clients.csv"
        log("generating a \(Bench.importRows)-row clients file")
        try Data(Bench.clientsCSV(rows: Bench.importRows, seed: 1).utf8).write(to: URL(fileURLWithPath: file))
        let mb = Double((try FileManager.default.attributesOfItem(atPath: file)[.size] as? Int) ?? 0) / 1_048_576

        var seconds = Samples(), cpu = Samples(), peak = Samples(), readPeak = Samples()
        var read = Samples(), plan = Samples(), commit = Samples(), childPeak = Samples()
        for i in 0..<Swift.max(1, options.runs / 2) {
            log("import \(Bench.importRows) rows, run \(i + 1)")
            let path = "\(dir)/events-\(i).log"
            try run(bin + "/keepwarm", ["init", "--name", "Bench", "--timezone", "Europe/London", "--log", path, "--now", Bench.end.iso])
            let r = try runMeasured(bin + "/keepwarm", ["import", "clients", file, "--map", Bench.importMap, "--commit",
                                                        "--log", path, "--now", Bench.end.iso])
            guard r.status == 0, r.out.contains("imported in one batch") else {
                throw BenchError("keepwarm import failed (status \(r.status)): \(r.out.prefix(300))")
            }
            seconds.add(r.seconds)
            cpu.add(r.cpuSeconds)
            peak.add(r.maxRSSKilobytes / 1024)
            // The same import in this program's child, timed part by part.
            let again = "\(dir)/parts-\(i).log"
            try run(bin + "/keepwarm", ["init", "--name", "Bench", "--timezone", "Europe/London", "--log", again, "--now", Bench.end.iso])
            let parts = try run(CommandLine.arguments[0], ["--child-import", file, again]).split(whereSeparator: \.isWhitespace).compactMap { Double($0) }
            if parts.count == 5 {
                read.add(parts[0])
                plan.add(parts[1])
                commit.add(parts[2])
                childPeak.add(parts[3] / 1024)
                readPeak.add(parts[4] / 1024)
            }
        }
        rows.append(Row(figure: "Import \(Bench.importRows) clients (\(String(format: "%.0f", mb)) MB CSV), keepwarm import --commit", unit: "s", samples: seconds, target: "< 10", format: .seconds))
        rows.append(Row(figure: "  CPU time of keepwarm import (user + system)", unit: "s", samples: cpu, target: "", format: .seconds))
        rows.append(Row(figure: "  of which reading the file", unit: "s", samples: read, target: "", format: .seconds))
        rows.append(Row(figure: "  of which planning (the dry run's work)", unit: "s", samples: plan, target: "", format: .seconds))
        rows.append(Row(figure: "  of which the batch: planning again under the lock, writing", unit: "s", samples: commit, target: "", format: .seconds))
        rows.append(Row(figure: "  peak RSS of keepwarm import", unit: "MB", samples: peak, target: "< 500", format: .decimal))
        rows.append(Row(figure: "  peak RSS of the same in one process, parts timed", unit: "MB", samples: childPeak, target: "< 500", format: .decimal))
        rows.append(Row(figure: "    of which the file read (peak RSS after reading)", unit: "MB", samples: readPeak, target: "", format: .decimal))
    }

    /// A child process (`--child-import FILE LOG`): reads, plans and commits the file as `keepwarm import clients
    /// --commit` does, and prints the seconds of each part, its peak memory and its peak after reading the file, in kilobytes.
    static func childImport(_ file: String, _ path: String) throws {
        var table: CSVTable?
        let read = try Clock.seconds { table = try CSVTable.read(path: file) }
        let afterRead = Memory.kilobytes("VmHWM") ?? -1
        let log = try EventLog.open(path: path)
        let map = try ColumnMap.make(table!, preset: .keepwarm, map: importMap, forAppointments: false)
        // The file's day/month order decided as `keepwarm import` decides it: without it the rows whose last visit could
        // be either order would be rejected, and the parts would time a smaller import than the command does.
        let dates = try DateOrder.decide(table!, map, fields: DateOrder.clientFields, given: nil)
        var planned = 0
        let plan = Clock.seconds {
            planned = ClientImport.plan(table!, map: map, practice: log.practice, by: "bench", at: Bench.end, dates: dates).events.count
        }
        let commit = try Clock.seconds {
            try log.appendBatch(by: "bench", at: Bench.end, kind: .imported) { p in
                ClientImport.plan(table!, map: map, practice: p, by: "bench", at: Bench.end, dates: dates).events
            }
        }
        guard planned > 0 else { throw BenchError("the import planned nothing") }
        print(read, plan, commit, Memory.kilobytes("VmHWM") ?? -1, afterRead)
    }

    /// A clients export as a practice system writes one: accented and double-barrelled names, mobiles written several
    /// ways, emails, consent answers in several words (and blank), a last visit day-first, a referral source, and a
    /// notes column with commas and quotes. Seeded, so every run imports the same file.
    static func clientsCSV(rows: Int, seed: UInt64) -> String {
        var rng = SplitMix(seed)
        let first = ["Zoë", "Ada", "Grace", "Renée", "José", "Siobhán", "Mohammed", "Aoife", "Łukasz", "Chloé", "Søren", "Priya",
                     "Oluwaseun", "Björn", "Niamh", "Mary-Jane", "François", "Jürgen", "Anaïs", "Tomás", "Wei", "Fatima", "Dónal", "Ines"]
        let last = ["Brontë", "Lovelace", "Hopper", "Okafor", "O'Brien", "García-Márquez", "Nowak", "Müller", "Ní Bhriain", "Smith",
                    "Jones", "Patel", "Kowalczyk", "Van der Berg", "Álvarez", "Dubois", "Nakamura", "MacDonald", "Ó Súilleabháin", "Khan"]
        let consent = ["Yes", "No", "yes", "no", "TRUE", "FALSE", "", "Opted in", "Opted out", "Unsubscribed"]
        let sources = ["Google", "Instagram", "GP: Riverside Surgery", "Friend", "Walk-in", "", "Facebook", "Flyer – café"]
        var out = Bench.importHeader + "\r\n"
        out.reserveCapacity(rows * 160)
        for i in 0..<rows {
            let f = first[rng.below(first.count)], l = last[rng.below(last.count)]
            // Every mobile is different, so no row is a duplicate of another (a real export has a few; they cost less).
            let digits = String(format: "%09d", 400_000_000 + i)
            let phone: String
            switch rng.below(4) {
            case 0: phone = "07" + digits.prefix(3) + " " + digits.dropFirst(3)
            case 1: phone = "+44 7" + digits.prefix(3) + " " + digits.dropFirst(3)
            case 2: phone = "07" + digits
            default: phone = "(07" + digits.prefix(3) + ") " + digits.dropFirst(3).prefix(3) + "-" + digits.suffix(3)
            }
            let email = rng.below(10) == 0 ? "" : "\(f.lowercased().filter(\.isLetter)).\(i)@example.com"
            let visit = String(format: "%02d/%02d/%04d", 1 + rng.below(28), 1 + rng.below(12), 2019 + rng.below(8))
            let notes = rng.below(5) == 0 ? "\"Prefers mornings, \"\"quiet room\"\"\"" : ""
            out += "\(100_000 + i),\(f),\"\(l)\",\(email),\(phone),\(consent[rng.below(consent.count)]),\(consent[rng.below(consent.count)]),\(visit),\(sources[rng.below(sources.count)]),\(notes)\r\n"
        }
        return out
    }

    /// Runs a program to its exit, timing it and reading its peak resident memory from the kernel.
    func runMeasured(_ path: String, _ args: [String], env: [String: String] = ProcessInfo.processInfo.environment) throws -> (status: Int32, out: String, seconds: Double, cpuSeconds: Double, maxRSSKilobytes: Double) {
        let outPath = NSTemporaryDirectory() + "keepwarm-bench-import-\(getpid())"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = ([path] + args).map { strdup($0) } + [nil]
        defer { for a in argv { free(a) } }
        let environment = env.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for e in environment { free(e) } }
        var pid: pid_t = 0
        let start = DispatchTime.now().uptimeNanoseconds
        let rc = posix_spawn(&pid, path, &actions, nil, argv, environment)
        guard rc == 0 else { throw BenchError("could not start \(path): \(String(cString: strerror(rc)))") }
        var status: Int32 = 0
        var usage = rusage()
        while wait4(pid, &status, 0, &usage) < 0 && errno == EINTR {}
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        let out = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
        let cpu = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return ((status >> 8) & 0xFF, out, seconds, cpu, Double(usage.ru_maxrss))
    }
}

/// A small seeded generator (SplitMix64): the same file on every machine and every run.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
}
