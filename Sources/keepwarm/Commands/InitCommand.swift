import Foundation
import ArgumentParser
import KeepwarmCore

/// `keepwarm init`: creates a new, empty log.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "init",
        abstract: "Create a new event log (never overwrites one).",
        discussion: "Example:\n  keepwarm init --name \"Riverside Therapy Rooms\" --timezone Europe/London")

    @OptionGroup var global: GlobalOptions
    @Option(help: "The practice's name.") var name = "My practice"
    @Option(help: "The practice's time zone, used for days and times.") var timezone = "Europe/London"
    @Option(help: ArgumentHelp("Share the log with this staff group (files 0660, folder setgid 2770) when staff use separate accounts.", valueName: "group"))
    var group: String?

    func run() throws {
        try guarded {
            let desk = Desk(global)
            let change = SettingsChange(name: name, timeZone: timezone)
            let check = try Command.changeSettings(change).event(in: Practice(), now: Instant(ms: 0))
            guard case .settingsChanged(let s) = check else { return }
            let at = try desk.now(PracticeCalendar(identifier: timezone)!)
            if case .postgresql = StoreAddress(desk.path) {
                // A database: the practice's tables are made in it; refused if it already holds a practice.
                let store = try Stores.create(StoreAddress(desk.path), settings: s, by: desk.user, at: at, sharing: .privateToAccount)
                try Stdout.answer(store.location)
                return
            }
            if !desk.allowNetworkFS, let kind = LogPlacement.sharedKind(of: desk.path) {
                throw FileSafetyError.sharedFolder(path: desk.path, kind: kind)
            }
            var sharing = FileSharing.privateToAccount
            if let group {
                sharing = try FileSharing.group(named: group)
                try Init.checkFolder(of: desk.path, sharedWith: group, sharing)
            }
            try EventLog.create(path: desk.path, settings: s, by: desk.user, at: at, sharing: sharing)
            try Stdout.answer(desk.path)
        }
    }

    /// A folder `init` did not make must already be the group's: changing an existing folder's permissions could
    /// open up (or lock out) whatever else is in it.
    static func checkFolder(of path: String, sharedWith group: String, _ sharing: FileSharing) throws {
        let folder = (path as NSString).deletingLastPathComponent
        var st = stat()
        guard !folder.isEmpty, stat(folder, &st) == 0 else { return }
        guard st.st_gid == sharing.group, st.st_mode & 0o2070 == 0o2070, st.st_mode & 0o007 == 0 else {
            throw FileSafetyError.folderNotShared(folder: folder, group: group)
        }
    }
}
