import Foundation
import Testing
import KeepwarmCore
@testable import KeepwarmMessages

@Suite struct ConfigTests {
    @Test func everyKeyIsRead() throws {
        let c = try UserConfig(parsing: """
            colours = "off"
            display_name = "Anna"
            mail_command = "msmtp -t"
            templates_dir = "~/kw/templates"
            letters_dir = "letters"
            log = "/srv/practice/events.log"
            booking_link = "https://example.org/book"
            booking_phone = "01632 960000"
            """, path: "config.toml")
        #expect(c.colours == false && c.displayName == "Anna" && c.mailCommand == "msmtp -t")
        #expect(c.templatesDirectory == "~/kw/templates" && c.lettersDirectory == "letters" && c.log == "/srv/practice/events.log")
        #expect(c.bookingLink == "https://example.org/book" && c.bookingPhone == "01632 960000")
        #expect(try UserConfig(parsing: "colours = true", path: "c").colours == true)
    }

    @Test func badFilesNameTheLineAndColumn() {
        #expect(throws: FileError.self) { try UserConfig(parsing: "display_name = \"Anna\"\nlog = \n", path: "c.toml") }
        do {
            _ = try UserConfig(parsing: "display_name = \"Anna\"\nlog = \n", path: "c.toml")
        } catch {
            #expect(error.path == "c.toml" && error.line == 2)
        }
        #expect(throws: FileError(path: "c.toml", line: 3, column: 3,
                                  reason: "unknown setting colour; the settings are \(UserConfig.keys.joined(separator: ", ")) (see Docs/messages.md)")) {
            try UserConfig(parsing: "log = \"x\"\n\n  colour = \"on\"\n", path: "c.toml")
        }
        #expect(throws: FileError(path: "c.toml", line: 2, column: 1, reason: "colours must be \"on\" or \"off\" (or true or false)")) {
            try UserConfig(parsing: "log = \"x\"\ncolours = \"blue\"\n", path: "c.toml")
        }
        #expect(throws: FileError(path: "c.toml", line: 1, column: 1, reason: "display_name must be text in quotes, e.g. display_name = \"…\"")) {
            try UserConfig(parsing: "display_name = 3\n", path: "c.toml")
        }
    }

    /// `store` names a log file or a database; at each level (flag, environment, config.toml) it beats `log`, and a
    /// database URL in config.toml is kept as written, not taken as a path beside the file.
    @Test func theStoreBeatsTheLogAtEachLevel() throws {
        let dir = TempDir()
        dir.write("keepwarm/config.toml", "log = \"practice/events.log\"\nstore = \"postgresql://desk@db.example/riverside\"\n")
        let path = dir.file("keepwarm/config.toml")
        var env = ["XDG_CONFIG_HOME": dir.path, "HOME": "/home/anna", "USER": "anna"]
        #expect(try EffectiveConfig(logFlag: nil, actorFlag: nil, env: env).log
                == Resolved(value: "postgresql://desk@db.example/riverside", source: .configFile(path)))
        env["KEEPWARM_LOG"] = "/env.log"
        #expect(try EffectiveConfig(logFlag: nil, actorFlag: nil, env: env).log == Resolved(value: "/env.log", source: .environment("KEEPWARM_LOG")))
        env["KEEPWARM_STORE"] = "postgres://other/db"
        #expect(try EffectiveConfig(logFlag: nil, actorFlag: nil, env: env).log == Resolved(value: "postgres://other/db", source: .environment("KEEPWARM_STORE")))
        #expect(try EffectiveConfig(logFlag: "/flag.log", actorFlag: nil, env: env).log == Resolved(value: "/flag.log", source: .flag("--log")))
        #expect(try EffectiveConfig(logFlag: "/flag.log", storeFlag: "/store.log", actorFlag: nil, env: env).log
                == Resolved(value: "/store.log", source: .flag("--store")))
        dir.write("keepwarm/config.toml", "store = \"practice/events.log\"\n")
        #expect(try EffectiveConfig(logFlag: nil, actorFlag: nil, env: ["XDG_CONFIG_HOME": dir.path, "HOME": "/h"]).log
                == Resolved(value: dir.file("keepwarm/practice/events.log"), source: .configFile(path)))
        #expect(StoreAddress("postgresql://desk@db/r") == .postgresql(url: "postgresql://desk@db/r"))
        #expect(StoreAddress("file:/srv/events.log") == .file(path: "/srv/events.log"))
        #expect(StoreAddress("postgres.log") == .file(path: "postgres.log"))
    }

    @Test func precedenceFlagThenEnvironmentThenConfigThenDefault() throws {
        let dir = TempDir()
        dir.write("keepwarm/config.toml", "log = \"practice/events.log\"\ndisplay_name = \"Anna\"\ncolours = \"off\"\ntemplates_dir = \"~/t\"\n")
        let base = ["XDG_CONFIG_HOME": dir.path, "HOME": "/home/anna", "USER": "anna", "XDG_DATA_HOME": "/data"]
        let path = dir.file("keepwarm/config.toml")

        let plain = try EffectiveConfig(logFlag: nil, actorFlag: nil, env: base)
        #expect(plain.configPath == path && plain.configFound)
        #expect(plain.log == Resolved(value: dir.file("keepwarm/practice/events.log"), source: .configFile(path)))
        #expect(plain.user == Resolved(value: "Anna", source: .configFile(path)))
        #expect(plain.colours == Resolved(value: "off", source: .configFile(path)))
        #expect(plain.templatesDirectory == Resolved(value: "/home/anna/t", source: .configFile(path)))

        var env = base
        env["KEEPWARM_LOG"] = "/env.log"
        env["KEEPWARM_USER"] = "Bea"
        let fromEnv = try EffectiveConfig(logFlag: nil, actorFlag: nil, env: env)
        #expect(fromEnv.log == Resolved(value: "/env.log", source: .environment("KEEPWARM_LOG")))
        #expect(fromEnv.user == Resolved(value: "Bea", source: .environment("KEEPWARM_USER")))

        let flags = try EffectiveConfig(logFlag: "/flag.log", actorFlag: "Cy", env: env)
        #expect(flags.log == Resolved(value: "/flag.log", source: .flag("--log")))
        #expect(flags.user == Resolved(value: "Cy", source: .flag("--as")))

        env["NO_COLOR"] = "1"
        #expect(try EffectiveConfig(logFlag: nil, actorFlag: nil, env: env).colours.source == .environment("NO_COLOR"))
    }

    @Test func withoutAConfigFileTheDefaultsApply() throws {
        let dir = TempDir()
        let c = try EffectiveConfig(logFlag: nil, actorFlag: nil, env: ["XDG_CONFIG_HOME": dir.path, "HOME": "/home/anna", "USER": "anna"])
        #expect(!c.configFound)
        #expect(c.log == Resolved(value: "/home/anna/.local/share/keepwarm/events.log", source: .defaultValue))
        #expect(c.user == Resolved(value: "anna", source: .environment("USER")))
        #expect(c.colours == Resolved(value: "on", source: .defaultValue))
        #expect(c.templatesDirectory == Resolved(value: dir.path + "/keepwarm/templates", source: .defaultValue))
        let home = try EffectiveConfig(logFlag: nil, actorFlag: nil, env: ["HOME": "/home/anna"])
        #expect(home.configPath == "/home/anna/.config/keepwarm/config.toml")
    }

    @Test func aBadConfigStopsResolution() {
        let dir = TempDir()
        dir.write("keepwarm/config.toml", "display_name = \"Anna\n")
        #expect(throws: FileError.self) { try EffectiveConfig(logFlag: nil, actorFlag: nil, env: ["XDG_CONFIG_HOME": dir.path]) }
    }
}
