import Foundation
import Testing

/// `keepwarm config` through the built binary shows sms_command and sms_timeout, and refuses a bad timeout in one line.
@Suite struct SMSConfigCLITests {
    @Test func configShowsTheSMSCommandAndItsTimeout() throws {
        let cli = CLI()
        let env = ["XDG_CONFIG_HOME": cli.dir + "/config", "NO_COLOR": ""]
        try cli.output(["init", "--name", "Riverside", "--now", "2026-11-02T08:00:00Z"], env: env)
        let path = cli.dir + "/config/keepwarm/config.toml"
        try FileManager.default.createDirectory(atPath: cli.dir + "/config/keepwarm", withIntermediateDirectories: true)
        try "sms_command = \"/usr/local/bin/sms-smstools3\"\nsms_timeout = 30\n".write(toFile: path, atomically: true, encoding: .utf8)
        let rows = try cli.output(["config"], env: env).split(separator: "\n")
            .map { $0.split(separator: "  ", omittingEmptySubsequences: true).map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(rows.contains(["sms_command", "/usr/local/bin/sms-smstools3", "config.toml \(path)"]))
        #expect(rows.contains(["sms_timeout", "30", "config.toml \(path)"]))

        try "sms_timeout = 0\n".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try cli.run(["config"], env: env)
        #expect(r.status == 1)
        #expect(r.err == "keepwarm: \(path):1:1: sms_timeout must be a whole number of seconds from 1 to 3600, without quotes, e.g. sms_timeout = 60\n")
    }
}
