import Foundation
import Testing

/// A Cliniko data export's patients file, by its word headers (help.cliniko.com: "Unapplied Account Credit"), with a
/// column no preset or synonym knows and a home phone the mobile stands before.
private let patients = "Patient ID,First Name,Last Name,Date of Birth,Email,Mobile,Home Phone,Referral Source,Unapplied Account Credit\r\n"
    + "101,Ada,Lovelace,1815-12-10,ada@example.com,07700 900123,01632 960001,Google,\r\n"
    + "102,Grace,Hopper,1906-12-09,grace@example.com,,01632 960002,GP: Riverside Surgery,12.50\r\n"

/// A practice's own spreadsheet: "Texts To" is no synonym for anything, so it needs --map once.
private let spreadsheet = "Client Name,Texts To,E-mail,Heard of us\nAda Lovelace,07700 900123,ada@example.com,Friend\n"

@Suite struct ImportMappingCLITests {
    private func practice() throws -> CLI {
        let cli = CLI()
        try cli.ok("init", "--name", "Riverside Therapy Rooms", "--timezone", "Europe/London", "--now", "2026-11-23T09:00:00Z")
        return cli
    }

    private func write(_ cli: CLI, _ name: String, _ text: String) throws -> String {
        let path = cli.dir + "/" + name
        try Data(text.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The per-user config folder lives in the test's own directory.
    private func env(_ cli: CLI) -> [String: String] { ["XDG_CONFIG_HOME": cli.dir + "/config"] }

    @Test func theDryRunShowsWhichColumnBecameWhichFieldAndWhy() throws {
        let cli = try practice()
        let file = try write(cli, "patients.csv", patients)
        let r = try cli.run(["import", "clients", file, "--preset", "cliniko", "--now", "2026-11-23T09:00:00Z"], env: env(cli))
        #expect(r.status == 0, "\(r.err)")
        let lines = r.lines
        let at = try #require(lines.firstIndex { $0.hasPrefix("  columns (") })
        #expect(Array(lines[at...]) == [
            "  columns (correct with --map \"Column=field\"; keep for the next file with --save-map NAME):",
            "    Patient ID               → id      (cliniko preset)",
            "    First Name               → first   (cliniko preset)",
            "    Last Name                → last    (cliniko preset)",
            "    Date of Birth              not imported",
            "    Email                    → email   (cliniko preset)",
            "    Mobile                   → phone   (cliniko preset)",
            "    Home Phone               → phone   (cliniko preset; read where 'Mobile' is empty)",
            "    Referral Source          → source  (cliniko preset)",
            "    Unapplied Account Credit   not imported",
        ])
        // A commit reports what it wrote; the mapping was for deciding, before.
        let c = try cli.run(["import", "clients", file, "--preset", "cliniko", "--commit", "--now", "2026-11-23T09:00:00Z"], env: env(cli))
        #expect(c.status == 0)
        #expect(!c.out.contains("  columns ("))
    }

    @Test func synonymsReadAFileWithoutAPresetAndTheDryRunSaysSo() throws {
        let cli = try practice()
        let file = try write(cli, "clients.csv", spreadsheet)
        let out = try cli.output(["import", "clients", file, "--now", "2026-11-23T09:00:00Z"], env: env(cli))
        #expect(out.contains("    Client Name → name    (synonym)\n"))
        #expect(out.contains("    Texts To      not imported\n"))
        // "E-mail" is the field's own name once its punctuation is set aside, so the default preset reads it.
        #expect(out.contains("    E-mail      → email   (keepwarm preset)\n"))
        #expect(out.contains("    Heard of us → source  (synonym)\n"))
    }

    /// Correct the map in a dry run, keep it, then import the next file by its name alone.
    @Test func aMapSavedInADryRunIsUsedByName() throws {
        let cli = try practice()
        let file = try write(cli, "clients.csv", spreadsheet)
        let before = cli.bytes()
        let saved = try cli.output(["import", "clients", file, "--map", "Texts To=phone", "--save-map", "riverside",
                                    "--now", "2026-11-23T09:00:00Z"], env: env(cli))
        let mapFile = cli.dir + "/config/keepwarm/maps/riverside.map"
        #expect(saved.hasPrefix("map saved as 'riverside' in \(mapFile): use it with --preset riverside\n"))
        #expect(saved.contains("    Texts To    → phone   (--map)\n"))
        #expect(cli.bytes() == before, "a dry run writes nothing to the log")
        let text = try String(contentsOfFile: mapFile, encoding: .utf8)
        #expect(text.hasSuffix("# for: clients\n# preset: keepwarm\nClient Name=name\nTexts To=phone\nE-mail=email\nHeard of us=source\n"))

        let next = try write(cli, "more.csv", "Client Name,Texts To,E-mail,Heard of us\nGrace Hopper,07700 900124,grace@example.com,GP\n")
        let out = try cli.output(["import", "clients", next, "--preset", "riverside", "--commit", "--now", "2026-11-23T09:00:00Z"],
                                 env: env(cli))
        #expect(out.hasPrefix("\(next): 1 row; imported in one batch\n  added: 1 client (c1)"))
        let clients = try cli.json("client", "list", "--now", "2026-11-23T09:00:00Z")
        #expect(clients.map { $0["phone"] as? String } == ["07700 900124"])
        #expect(clients.map { $0["source"] as? String } == ["GP"])

        let dry = try cli.output(["import", "clients", next, "--preset", "riverside", "--now", "2026-11-23T09:00:00Z"], env: env(cli))
        #expect(dry.contains("    Texts To    → phone   (saved map 'riverside')\n"))
    }

    @Test func aBuiltInPresetCannotBeOverwrittenAndNothingIsWritten() throws {
        let cli = try practice()
        let file = try write(cli, "clients.csv", spreadsheet)
        let before = cli.bytes()
        let r = try cli.run(["import", "clients", file, "--save-map", "cliniko", "--commit", "--now", "2026-11-23T09:00:00Z"], env: env(cli))
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: --save-map: 'cliniko' is a built-in preset and can't be replaced; save the map under another name, as in --save-map cliniko-mine\n")
        #expect(r.out.isEmpty)
        #expect(cli.bytes() == before)
        #expect(!FileManager.default.fileExists(atPath: cli.dir + "/config/keepwarm/maps"))

        let unknown = try cli.run(["import", "clients", file, "--preset", "nosuch", "--now", "2026-11-23T09:00:00Z"], env: env(cli))
        #expect(unknown.status == 1)
        #expect(unknown.err.hasPrefix("keepwarm: no preset or saved map 'nosuch': use keepwarm, cliniko, jane, simplepractice, square, mindbody, acuity, fresha, a map saved with --save-map"))
    }
}
