import Foundation
import Testing
@testable import KeepwarmCore

/// `Files.replace`, the one way Keepwarm replaces a file whole (erase, restore, erasure's side files), and the path
/// helpers it relies on.
@Suite struct FilesTests {
    func temp() -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("kw-files-\(UUID().uuidString)").path
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func text(_ path: String) -> String { String(decoding: FileManager.default.contents(atPath: path) ?? Data(), as: UTF8.self) }

    @Test func aReplaceThroughALinkChangesTheRealFileKeepsItsModeAndLeavesTheLink() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.createDirectory(atPath: dir + "/real", withIntermediateDirectories: true)
        try "old\n".write(toFile: dir + "/real/events.log", atomically: false, encoding: .utf8)
        chmod(dir + "/real/events.log", 0o640)
        #expect(symlink("real/events.log", dir + "/link.log") == 0)
        try Files.replace(dir + "/link.log", with: Array("new\n".utf8))
        var st = stat()
        #expect(lstat(dir + "/link.log", &st) == 0 && st.st_mode & S_IFMT == S_IFLNK)
        #expect(text(dir + "/real/events.log") == "new\n")
        #expect(stat(dir + "/real/events.log", &st) == 0 && st.st_mode & 0o7777 == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir + "/real") == ["events.log"])
    }

    @Test func aReplaceThatFailsItsCheckLeavesTheFileAndNoTemporaryCopy() throws {
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "old\n".write(toFile: dir + "/events.log", atomically: false, encoding: .utf8)
        var checked: String?
        #expect(throws: CommandError.self) {
            try Files.replace(dir + "/events.log", with: Array("new\n".utf8), purpose: "erasing") { temp in
                checked = temp
                #expect(FileManager.default.contents(atPath: temp) == Data("new\n".utf8), "the check sees the new bytes")
                throw CommandError("no")
            }
        }
        #expect(checked == dir + "/.events.log.erasing-\(getpid())")
        #expect(text(dir + "/events.log") == "old\n")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["events.log"])
    }

    @Test func pathsAreResolvedWithoutFoundationsOneCharacterCrash() {
        #expect(Files.folder(of: "b") == "")
        #expect(Files.folder(of: "b/events.log") == "b")
        #expect(Files.folder(of: "/events.log") == "/")
        #expect(Files.folder(of: "/a/b/") == "/a")
        #expect(Files.folder(of: "a//b") == "a")
        let dir = temp()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect(symlink("missing/events.log", dir + "/dangling.log") == 0)
        #expect(Files.realPath(dir + "/dangling.log").hasSuffix("/missing/events.log"))
        #expect(Files.followingLink("b/events.log") == "b/events.log", "a path without links is left as typed")
    }
}
