import Foundation
import Testing

/// `make test` on a fresh machine installs what the tests need through scripts/install-tools, the same script CI runs,
/// so no test depends on anything only `.ci/run` provides.
@Suite struct InstallToolsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Runs the script with exactly `env`, returning its status and what it printed.
    func installTools(_ what: String, env: [String: String]) throws -> (status: Spawned.End, out: String, err: String) {
        let scratch = CLI()  // its folder lives as long as it does
        return try withExtendedLifetime(scratch) {
            let dir = scratch.dir
            let child = try Spawned(["/bin/bash", Self.root + "/scripts/install-tools", what], environment: env,
                                    stdout: dir + "/out", stderr: dir + "/err")
            let status = child.wait()
            return (status, try String(contentsOfFile: dir + "/out", encoding: .utf8),
                    try String(contentsOfFile: dir + "/err", encoding: .utf8))
        }
    }

    /// The test and run targets install first; CI installs, then runs exactly the README's test command.
    @Test func makeTestAndMakeRunInstallFirstAndCIEndsInMakeTest() throws {
        let makefile = try String(contentsOfFile: Self.root + "/Makefile", encoding: .utf8)
        #expect(makefile.contains("test: test-tools\n"))
        #expect(makefile.contains("test-tools:\n\tbash scripts/install-tools test\n"))
        #expect(makefile.contains("build: tools\n") && makefile.contains("run: build $(DEMO_LOG)"))
        let ci = try String(contentsOfFile: Self.root + "/.ci/run", encoding: .utf8)
        #expect(ci.contains("bash scripts/install-tools test\n"))
        #expect(ci.hasSuffix("\nmake test\n"))
        let readme = try String(contentsOfFile: Self.root + "/README.md", encoding: .utf8)
        #expect(readme.contains("make test    # build and run every test"))
    }

    /// On this machine (after `make test` ran the script) everything is there: the script says and installs nothing.
    @Test func saysNothingWhenEverythingIsInstalled() throws {
        var env = ProcessInfo.processInfo.environment
        env["KEEPWARM_NO_INSTALL"] = "1"
        let r = try installTools("test", env: env)
        #expect(r.status == .exited(0))
        #expect(r.out.isEmpty && r.err.isEmpty)
    }

    /// A machine without the tools, where the script may not install: one line naming each package and the command.
    @Test func namesWhatIsMissingAndTheCommandToRun() throws {
        let scratch = CLI()
        let bin = scratch.dir
        try FileManager.default.createSymbolicLink(atPath: bin + "/bash", withDestinationPath: "/bin/bash")
        defer { withExtendedLifetime(scratch) {} }
        let r = try installTools("test", env: ["PATH": bin, "KEEPWARM_NO_INSTALL": "1", "HOME": bin])
        #expect(r.status == .exited(1))
        #expect(r.out.isEmpty)
        #expect(r.err.split(separator: "\n").count == 1)
        for package in ["tmux", "msmtp", "curl", "python3-aiosmtpd", "python3-icalendar"] {
            #expect(r.err.contains(package))
        }
        #expect(r.err.contains("install them with: sudo apt-get install -y "))
        let run = try installTools("run", env: ["PATH": bin, "KEEPWARM_NO_INSTALL": "1", "HOME": bin])
        #expect(run.status == (FileManager.default.fileExists(atPath: "/usr/include/ncursesw/curses.h") ? .exited(0) : .exited(1)))
        #expect(!run.err.contains("tmux"))
        #expect(try installTools("check", env: ["PATH": bin]).status == .exited(2))
    }

    /// The printable audit is tested in Chromium, read back with poppler and parsed with html5lib: the test setup
    /// names all three on a machine without them.
    @Test func namesTheBrowserAndParserForThePrintableAudit() throws {
        let scratch = CLI()
        let bin = scratch.dir
        try FileManager.default.createSymbolicLink(atPath: bin + "/bash", withDestinationPath: "/bin/bash")
        defer { withExtendedLifetime(scratch) {} }
        let r = try installTools("test", env: ["PATH": bin, "KEEPWARM_NO_INSTALL": "1", "HOME": bin])
        #expect(r.status == .exited(1))
        for package in ["chromium", "poppler-utils", "python3-html5lib"] { #expect(r.err.contains(package)) }
        let run = try installTools("run", env: ["PATH": bin, "KEEPWARM_NO_INSTALL": "1", "HOME": bin])
        #expect(!run.err.contains("chromium"))
    }
}
