import Testing
@testable import KeepwarmMessages

/// `sms_command` and `sms_timeout` in config.toml, read and shown like `mail_command` and `send_timeout`.
@Suite struct SMSConfigTests {
    @Test func theSMSCommandAndItsTimeoutAreReadAndShown() throws {
        let c = try UserConfig(parsing: "sms_command = \"/usr/local/bin/sms-smstools3\"\nsms_timeout = 20\n", path: "c.toml")
        #expect(c.smsCommand == "/usr/local/bin/sms-smstools3" && c.smsTimeout == 20)
        let dir = TempDir()
        dir.write("keepwarm/config.toml", "sms_command = \"sms-http-curl\"\nsms_timeout = 3600\n")
        let path = dir.file("keepwarm/config.toml")
        let e = try EffectiveConfig(logFlag: nil, actorFlag: nil, env: ["XDG_CONFIG_HOME": dir.path, "HOME": "/home/anna"])
        #expect(e.smsCommand == Resolved(value: "sms-http-curl", source: .configFile(path)))
        #expect(e.smsTimeout == Resolved(value: "3600", source: .configFile(path)) && e.smsTimeoutSeconds == 3600)
        let rows = e.rows.map(\.key)
        #expect(rows.firstIndex(of: "sms_command") == rows.firstIndex(of: "send_timeout")! + 1)
        #expect(rows.firstIndex(of: "sms_timeout") == rows.firstIndex(of: "send_timeout")! + 2)
        #expect(UserConfig.keys.contains("sms_command") && UserConfig.keys.contains("sms_timeout"))

        let none = try EffectiveConfig(logFlag: nil, actorFlag: nil, env: ["XDG_CONFIG_HOME": dir.file("nothing"), "HOME": "/home/anna"])
        #expect(none.smsCommand == Resolved(value: nil, source: .defaultValue))
        #expect(none.smsTimeout == Resolved(value: "60", source: .defaultValue) && none.smsTimeoutSeconds == 60)
    }

    @Test func aBadSMSSettingNamesItsLineAndSaysWhatToWrite() {
        let reason = "sms_timeout must be a whole number of seconds from 1 to 3600, without quotes, e.g. sms_timeout = 60"
        for bad in ["0", "3601", "\"60\"", "1.5", "-1"] {
            #expect(throws: FileError(path: "c.toml", line: 2, column: 1, reason: reason), "\(bad)") {
                try UserConfig(parsing: "log = \"x\"\nsms_timeout = \(bad)\n", path: "c.toml")
            }
        }
        #expect(throws: FileError(path: "c.toml", line: 1, column: 1, reason: "sms_command must be text in quotes, e.g. sms_command = \"…\"")) {
            try UserConfig(parsing: "sms_command = 3\n", path: "c.toml")
        }
    }
}
