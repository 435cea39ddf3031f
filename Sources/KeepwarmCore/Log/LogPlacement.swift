import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Where a log must not be written: network file systems and cloud-synced folders, where `flock` and `O_APPEND` do not
/// protect it from a second computer and sync clients make "conflicted copies".
public enum LogPlacement {
    /// File system types (as the kernel names them in /proc/self/mountinfo) another computer can write through.
    static let networkFileSystems: [String: String] = [
        "nfs": "an NFS network share", "nfs4": "an NFS network share", "cifs": "a Windows (SMB/CIFS) network share",
        "smb3": "a Windows (SMB) network share", "smbfs": "a Windows (SMB) network share", "9p": "a 9P shared folder",
        "ceph": "a Ceph network file system", "afs": "an AFS network file system", "coda": "a Coda network file system",
        "ncpfs": "a NetWare network share", "vboxsf": "a VirtualBox shared folder", "lustre": "a Lustre network file system",
        "gpfs": "a GPFS network file system", "glusterfs": "a GlusterFS network file system", "davfs": "a WebDAV folder",
        "fuse": "a FUSE file system (often a cloud drive or sshfs)",
    ]

    /// Folder names that sync clients create, compared without case.
    static let syncFolders: [String: String] = [
        "dropbox": "Dropbox", "onedrive": "OneDrive", "google drive": "Google Drive", "googledrive": "Google Drive",
        "my drive": "Google Drive", "icloud drive": "iCloud Drive", "icloud": "iCloud Drive", "mobile documents": "iCloud Drive",
        "nextcloud": "Nextcloud", "owncloud": "ownCloud", "pcloud": "pCloud", "pclouddrive": "pCloud", "mega": "MEGA",
        "megasync": "MEGA", "box": "Box", "box sync": "Box", "synologydrive": "Synology Drive", "seafile": "Seafile",
        "resilio sync": "Resilio Sync", "syncthing": "Syncthing",
    ]

    /// Files a sync client leaves in the folders it watches.
    static let syncMarkers: [String: String] = [
        ".dropbox": "Dropbox", ".dropbox.cache": "Dropbox", ".stfolder": "Syncthing", ".sync": "Resilio Sync",
        ".owncloudsync.log": "ownCloud", ".nextcloudsync.log": "Nextcloud",
    ]

    /// What kind of shared place holds `path` ("a Dropbox folder", "an NFS network share"), or nil for a local disk.
    public static func sharedKind(of path: String) -> String? {
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        let folder = (absolute as NSString).deletingLastPathComponent
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        if let kind = kind(fileSystemType: fileSystemType(of: folder, mountinfo: mounts)) { return kind }
        return syncFolder(of: folder)
    }

    /// The network file system a type names, if it is one. `fuse.sshfs`, `fuse.rclone` and the like are FUSE;
    /// `fuseblk` is a local disk (NTFS, exFAT) driven through FUSE, so it is not.
    public static func kind(fileSystemType type: String?) -> String? {
        guard let type else { return nil }
        if let k = networkFileSystems[type] { return k }
        if type.hasPrefix("fuse.") { return "a FUSE file system (\(type.dropFirst(5)); often a cloud drive or sshfs)" }
        if type.hasPrefix("nfs") || type.hasPrefix("smb") { return "a network share (\(type))" }
        return nil
    }

    /// The sync client whose folder holds `folder`, by folder name or by the marker files it leaves.
    public static func syncFolder(of folder: String) -> String? {
        var d = folder
        while !d.isEmpty {
            let name = (d as NSString).lastPathComponent.lowercased()
            if let client = syncFolders[name] ?? syncFolders.first(where: { name.hasPrefix($0.key + " ") || name.hasPrefix($0.key + "-") })?.value {
                return "a \(client) folder (\(d))"
            }
            for (marker, client) in syncMarkers where access(d + "/" + marker, F_OK) == 0 {
                return "a \(client) folder (\(d))"
            }
            if d == "/" { break }
            d = (d as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// The type of the file system mounted deepest above `folder`. Swift's Glibc module does not bring in `statfs`, and
    /// mountinfo says the same thing by name (`nfs4`, `cifs`, `fuse.sshfs`) rather than by magic number.
    public static func fileSystemType(of folder: String, mountinfo: String) -> String? {
        var best: (length: Int, type: String)?
        for line in mountinfo.split(separator: "\n") {
            // "36 35 98:0 /root /mnt/point rw,noatime master:1 - ext3 /dev/root rw": the mount point is field 5 and the
            // type is the first field after the lone "-".
            let halves = line.components(separatedBy: " - ")
            guard halves.count >= 2 else { continue }
            let before = halves[0].split(separator: " "), after = halves[halves.count - 1].split(separator: " ")
            guard before.count >= 5, let type = after.first else { continue }
            let point = unescape(String(before[4]))
            let inside = point == "/" || folder == point || folder.hasPrefix(point + "/")
            if inside && point.count >= (best?.length ?? -1) { best = (point.count, String(type)) }
        }
        return best?.type
    }

    /// Mount points write a space as `\040` (and tab, newline and backslash likewise).
    static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        return s.replacingOccurrences(of: "\\040", with: " ").replacingOccurrences(of: "\\011", with: "\t")
            .replacingOccurrences(of: "\\012", with: "\n").replacingOccurrences(of: "\\134", with: "\\")
    }
}
