import Foundation
import Testing
@testable import KeepwarmCore

/// Reliability promise 8: a log on a network share or in a cloud-synced folder is not written without consent.
@Suite struct LogPlacementTests {
    static let mountinfo = """
        22 1 252:1 / / rw,relatime shared:1 - ext4 /dev/vda1 rw
        40 22 0:35 / /srv/practice rw,relatime shared:20 - nfs4 fileserver:/export/practice rw,vers=4.2
        41 22 0:36 / /mnt/clinic\\040share rw,relatime shared:21 - cifs //nas/clinic rw
        42 22 0:37 / /home/sam/cloud rw,nosuid shared:22 - fuse.rclone onedrive: rw,user_id=1000
        43 22 8:17 / /media/usb rw,relatime shared:23 - fuseblk /dev/sdb1 rw
        44 40 0:38 / /srv/practice/local rw shared:24 - ext4 /dev/vdb1 rw
        """

    @Test func theFileSystemIsTheDeepestMountAboveTheFolder() {
        func type(_ folder: String) -> String? { LogPlacement.fileSystemType(of: folder, mountinfo: Self.mountinfo) }
        #expect(type("/home/sam/.local/share/keepwarm") == "ext4")
        #expect(type("/srv/practice") == "nfs4")
        #expect(type("/srv/practice/keepwarm") == "nfs4")
        #expect(type("/srv/practice/local/keepwarm") == "ext4")
        #expect(type("/srv/practiceX") == "ext4", "a longer name is not inside the mount")
        #expect(type("/mnt/clinic share/keepwarm") == "cifs", "mountinfo escapes the space as \\040")
        #expect(type("/home/sam/cloud/Keepwarm") == "fuse.rclone")
        #expect(type("/media/usb/keepwarm") == "fuseblk")
    }

    @Test func networkAndFuseFileSystemsAreShared() {
        #expect(LogPlacement.kind(fileSystemType: "nfs4")?.contains("NFS") == true)
        #expect(LogPlacement.kind(fileSystemType: "cifs")?.contains("SMB") == true)
        #expect(LogPlacement.kind(fileSystemType: "smb3") != nil)
        #expect(LogPlacement.kind(fileSystemType: "fuse.sshfs")?.contains("sshfs") == true)
        #expect(LogPlacement.kind(fileSystemType: "9p") != nil)
        for local in ["ext4", "xfs", "btrfs", "tmpfs", "fuseblk", "apfs", "overlay"] {
            #expect(LogPlacement.kind(fileSystemType: local) == nil, "\(local) is a local disk")
        }
        #expect(LogPlacement.kind(fileSystemType: nil) == nil)
    }

    @Test func syncClientFoldersAreFoundByNameOrByTheirMarkers() throws {
        let dir = TempDir()
        for name in ["Dropbox", "OneDrive - Riverside Therapy", "Google Drive", "Nextcloud"] {
            let folder = dir.file("\(name)/Practice/keepwarm")
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            #expect(LogPlacement.sharedKind(of: folder + "/events.log") != nil, "\(name)")
        }
        let marked = dir.file("Work/clinic")
        try FileManager.default.createDirectory(atPath: marked, withIntermediateDirectories: true)
        #expect(LogPlacement.sharedKind(of: marked + "/events.log") == nil)
        #expect(FileManager.default.createFile(atPath: dir.file("Work/.dropbox"), contents: Data()))
        #expect(LogPlacement.sharedKind(of: marked + "/events.log")?.contains("Dropbox") == true)
        #expect(LogPlacement.sharedKind(of: dir.file("Boxes/events.log")) == nil, "only whole folder names count")
    }

    @Test func aLogInASyncedFolderIsReadButNotWrittenUnlessAllowed() throws {
        let dir = TempDir()
        let path = dir.file("Dropbox/keepwarm/events.log")
        // Made as if copied there: the log itself is fine, only the place is not.
        _ = try EventLog.create(path: dir.file("local.log"), settings: SettingsChange(name: "P"), by: "t", at: Instant(ms: 1_000))
        try FileManager.default.createDirectory(atPath: dir.file("Dropbox/keepwarm"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: dir.file("local.log"), toPath: path)
        let log = try EventLog.open(path: path)
        #expect(log.practice.eventCount == 1, "reading is allowed")
        let before = FileManager.default.contents(atPath: path)
        do {
            try log.append(by: "t", at: Instant(ms: 2_000)) { p in try Command.addPractitioner(name: "A").event(in: p, now: Instant(ms: 2_000)) }
            Issue.record("a synced folder must be refused")
        } catch let e as FileSafetyError {
            #expect(e.description.contains("Dropbox folder") && e.description.contains("--allow-network-fs") && e.description.contains("ssh"))
        }
        #expect(FileManager.default.contents(atPath: path) == before)
        log.allowsSharedFolder = true
        try log.append(by: "t", at: Instant(ms: 2_000)) { p in try Command.addPractitioner(name: "A").event(in: p, now: Instant(ms: 2_000)) }
        #expect(try EventLog.open(path: path).practice.practitioners.count == 1)
    }
}
